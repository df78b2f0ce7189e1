/**
 * Yosys compiled to WebAssembly (@yowasp/yosys), kept warm: the first call loads ~40 MB of WebAssembly, later calls
 * reuse it. Every script gets an in-memory file tree and returns the files it wrote.
 */
import { ToolError } from '../common/errors.ts';

type Tree = Record<string, string | Uint8Array>;
interface YosysModule {
  runYosys(args: string[], files: Tree, opts: { stdout: ((b: Uint8Array | null) => void) | null; stderr: ((b: Uint8Array | null) => void) | null; synchronously?: boolean }): Promise<Tree> | Tree;
}
let mod: Promise<YosysModule> | null = null;

/** A Yosys script that exited with an error; `log` is the whole log (the message carries its tail). */
export class YosysScriptError extends ToolError {
  readonly log: string;
  readonly exitCode: number | undefined;
  constructor(script: string, log: string, exitCode: number | undefined) {
    super('yosys', `script failed${exitCode !== undefined ? ` (exit ${exitCode})` : ''}: ${script}\n${tail(log)}`);
    this.log = log;
    this.exitCode = exitCode;
  }
}

/** Result of a Yosys run: its log and the file tree after the run (inputs plus files written). */
export interface YosysRun { readonly log: string; readonly files: Tree }

/**
 * Runs a Yosys script over in-memory files.
 * @example const { log } = await runYosysScript('read_verilog top.v; proc; check -assert', { 'top.v': text });
 */
export async function runYosysScript(script: string, files: Tree): Promise<YosysRun> {
  mod ??= import('@yowasp/yosys') as unknown as Promise<YosysModule>;
  const { runYosys } = await mod;
  const dec = new TextDecoder();
  let log = '';
  const sink = (b: Uint8Array | null): void => { if (b) log += dec.decode(b, { stream: true }); };
  try {
    const out = await runYosys(['-p', script], files, { stdout: sink, stderr: sink });
    return { log, files: out };
  } catch (e) {
    throw new YosysScriptError(script, log, (e as { code?: number }).code);
  }
}

function tail(log: string): string {
  const lines = log.trimEnd().split('\n');
  return lines.slice(-25).join('\n');
}

/** `read_verilog; proc; check -assert` over the files: throws when Yosys finds a problem (latches, drivers, ...). */
export async function yosysCheck(files: Record<string, string>, top: string): Promise<string> {
  const reads = Object.keys(files).map((f) => `read_verilog ${f}`).join('; ');
  const { log } = await runYosysScript(`${reads}; hierarchy -check -top ${top}; proc; check -assert`, files);
  return log;
}
