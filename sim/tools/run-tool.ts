/** Runs an external command in a scratch folder with typed errors for "not installed" and "failed". */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ToolError } from '../../common/errors.ts';

/** Install hints for the Debian packages the tools come from. */
const INSTALL: Record<string, string> = {
  iverilog: 'apt-get install -y iverilog', vvp: 'apt-get install -y iverilog', verilator: 'apt-get install -y verilator',
  vcd2fst: 'apt-get install -y gtkwave',
};

/** Is `cmd` on the PATH? */
export function haveCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Result of a tool run. */
export interface ToolRun { readonly stdout: string; readonly stderr: string; readonly dir: string }

/**
 * Runs `cmd args` in `dir` (a fresh temporary folder when omitted) after writing `files` there.
 * Throws {@link ToolError} when the tool is missing or exits non-zero, with its output.
 */
export function runTool(cmd: string, args: readonly string[], opts: { files?: Record<string, string>; dir?: string; timeoutMs?: number } = {}): ToolRun {
  if (!haveCommand(cmd)) throw new ToolError(cmd, `not installed; install it with: ${INSTALL[cmd] ?? `apt-get install -y ${cmd}`}`);
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'meram-hdl-'));
  for (const [name, text] of Object.entries(opts.files ?? {})) fs.writeFileSync(path.join(dir, name), text);
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: opts.timeoutMs ?? 600_000, maxBuffer: 1 << 28 });
  if (r.error) throw new ToolError(cmd, `could not run: ${r.error.message}`);
  if (r.status !== 0) throw new ToolError(cmd, `exited with ${r.status}:\n${(r.stderr || r.stdout).slice(0, 4000)}`);
  return { stdout: r.stdout, stderr: r.stderr, dir };
}
