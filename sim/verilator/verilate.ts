/**
 * Runs Verilator on a {@link VerilatorDesign} and checks the port list against the C++ model it generated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PortSpecError, VerilatorFailedError, VerilatorNotFoundError } from './errors.ts';
import type { HarnessPort, VerilatedKind } from './harness.ts';
import { runTool, type VerilatorInfo } from './tools.ts';
import type { VerilatorDesign } from './types.ts';

/** Verilator flags every backend uses: deterministic zero for X, no assertions, warnings reported but not fatal. */
export const VERILATOR_FLAGS: readonly string[] = ['-O3', '--x-assign', '0', '--x-initial', '0', '--no-assert', '-Wno-fatal'];

/** Writes the design's Verilog files into `dir/src` and returns their paths. Rejects names that leave the folder. */
export function writeDesignFiles(design: VerilatorDesign, dir: string): string[] {
  const names = Object.keys(design.files).sort();
  if (names.length === 0) throw new PortSpecError(`design '${design.top}' has no Verilog files`);
  return names.map((name) => {
    const rel = path.normalize(name);
    if (path.isAbsolute(rel) || rel.startsWith('..')) throw new PortSpecError(`Verilog file name '${name}' must be a relative path inside the design`);
    const file = path.join(dir, 'src', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, design.files[name]!);
    return file;
  });
}

/** Result of a Verilator run: warnings it printed. */
export interface VerilateResult {
  readonly warnings: string[];
}

/**
 * Runs `verilator --cc` (plus `extra`, e.g. `--exe --build ...`) with the model class `Vtop` into `dir/obj`.
 * Throws {@link VerilatorFailedError} with Verilator's message (paths shown relative to the design) on failure.
 */
export async function verilate(info: VerilatorInfo, design: VerilatorDesign, dir: string, extra: readonly string[] = [], env?: NodeJS.ProcessEnv): Promise<VerilateResult> {
  const sources = writeDesignFiles(design, dir).map((f) => path.relative(dir, f));
  const args = ['--cc', ...VERILATOR_FLAGS, '--top-module', design.top, '--prefix', 'Vtop', '-Mdir', 'obj', ...extra, ...sources];
  let r;
  try {
    r = await runTool(info.binary, args, { cwd: dir, env });
  } catch (e) {
    throw new VerilatorNotFoundError(info.binary, (e as NodeJS.ErrnoException).code ?? String(e));
  }
  const output = (r.stderr + r.stdout).replaceAll(`${dir}/`, '').replaceAll('src/', '');
  if (r.code !== 0) throw new VerilatorFailedError(output, design.files);
  const warnings = output.split('\n').filter((l) => l.startsWith('%Warning'));
  return { warnings };
}

const portRe = /VL_(IN|OUT|INOUT)(8|16|64|W)?\(&(\w+),(\d+),(\d+)(?:,\d+)?\);/g;

/** Reads the ports from the generated `Vtop.h` and matches them with the design's port list. */
export function harnessPorts(design: VerilatorDesign, objDir: string): HarnessPort[] {
  const header = fs.readFileSync(path.join(objDir, 'Vtop.h'), 'utf8');
  const found = new Map<string, { direction: string; kind: VerilatedKind; width: number }>();
  for (const m of header.matchAll(portRe)) {
    const kind = (m[2] === undefined ? 32 : m[2] === 'W' ? 'W' : Number(m[2])) as VerilatedKind;
    found.set(m[3]!, { direction: m[1] === 'IN' ? 'input' : m[1] === 'OUT' ? 'output' : 'inout', kind, width: Number(m[4]) - Number(m[5]) + 1 });
  }
  const problems: string[] = [];
  const ports = design.ports.map((spec) => {
    const f = found.get(spec.name);
    if (!f) problems.push(`port '${spec.name}' is not a port of module '${design.top}'`);
    else if (f.direction !== spec.direction) problems.push(`port '${spec.name}' is an ${f.direction} in the Verilog, not an ${spec.direction}`);
    else if (f.width !== spec.width) problems.push(`port '${spec.name}' is ${f.width} bit(s) wide in the Verilog, not ${spec.width}`);
    return { spec, kind: f?.kind ?? 32 };
  });
  const named = new Set(design.ports.map((p) => p.name));
  for (const [name] of found) if (!named.has(name)) problems.push(`Verilog port '${name}' of module '${design.top}' is missing from the port list`);
  if (problems.length) throw new PortSpecError(`port list does not match the Verilog:\n  ${problems.join('\n  ')}`);
  return ports;
}
