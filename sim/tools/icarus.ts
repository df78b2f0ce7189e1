/** Icarus Verilog: compile with `iverilog -g2005` and run with `vvp`. A reference simulator for the emitted Verilog. */
import { runTool, type ToolRun } from './run-tool.ts';

/**
 * Compiles `files` with top module `top` and runs the simulation; returns what it printed.
 * @example const out = runIcarus({ 'tb.v': text }, 'tb').stdout;
 */
export function runIcarus(files: Record<string, string>, top: string, opts: { dir?: string; plusargs?: string[] } = {}): ToolRun {
  const compiled = runTool('iverilog', ['-g2005', '-Wall', '-s', top, '-o', 'sim.vvp', ...Object.keys(files)], { files, ...(opts.dir ? { dir: opts.dir } : {}) });
  return runTool('vvp', ['-n', 'sim.vvp', ...(opts.plusargs ?? [])], { dir: compiled.dir });
}

/** Only compiles (`iverilog -g2005`), for a syntax and elaboration check. Returns the warnings printed. */
export function checkIcarus(files: Record<string, string>, top: string): string {
  const r = runTool('iverilog', ['-g2005', '-Wall', '-s', top, '-o', 'sim.vvp', ...Object.keys(files)], { files });
  return r.stderr + r.stdout;
}
