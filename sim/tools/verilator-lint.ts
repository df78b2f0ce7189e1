/** `verilator --lint-only -Wall` and a small `--binary` runner for Verilog testbenches. */
import { runTool, type ToolRun } from './run-tool.ts';

/**
 * Lints `files` (top module `top`) with every warning on; returns the warnings (empty when clean).
 * A warning makes Verilator exit non-zero, which this reports as text rather than throwing.
 */
export function verilatorLint(files: Record<string, string>, top: string): string {
  try {
    runTool('verilator', ['--lint-only', '-Wall', '--top-module', top, ...Object.keys(files)], { files });
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** Builds and runs a self-checking testbench with `verilator --binary --timing`; returns what it printed. */
export function runVerilatorBinary(files: Record<string, string>, top: string): ToolRun {
  const built = runTool('verilator', ['--binary', '--timing', '-O0', '-MAKEFLAGS', 'OPT_FAST=-O0 OPT_SLOW=-O0 OPT_GLOBAL=-O0', '-Wno-fatal', '-Wno-lint', '-Wno-style', '--top-module', top, '-Mdir', 'obj', '-j', '2', ...Object.keys(files)], { files });
  return runTool(`${built.dir}/obj/V${top}`, [], { dir: built.dir });
}
