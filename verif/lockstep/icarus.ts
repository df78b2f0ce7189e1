/**
 * Icarus Verilog as a 4-state oracle: the emitted simulation Verilog runs in Icarus on the same random stimulus as
 * the built-in simulator, and every output of every cycle is compared with `!==` inside the Verilog testbench, so an
 * X or Z anywhere (an uninitialised memory word, an undriven net, a process that never ran) is a mismatch, which a
 * 2-state simulator such as Verilator cannot show. Only the first mismatch of each port is printed.
 */
import { defaultClock, portRoles } from './roles.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emitVerilog } from '../../hdl/backend/verilog.ts';
import type { Signal } from '../../hdl/core/value.ts';
import type { Design } from '../../hdl/ir/elaborate.ts';
import { BuiltinBackend } from '../../sim/builtin/engine.ts';
import { runIcarus } from '../../sim/tools/icarus.ts';
import { VerifError } from '../errors.ts';
import { randomStimulus, type StimulusOptions } from './lockstep.ts';

/** One difference: the built-in value, and Icarus's bits as it printed them (`x` and `z` included). */
export interface FourStateMismatch {
  readonly cycle: number;
  readonly port: string;
  readonly builtin: string;
  readonly icarus: string;
}

/** Icarus and the built-in simulator disagreed (or Icarus showed X/Z). */
export class FourStateMismatchError extends VerifError {
  constructor(readonly mismatches: readonly FourStateMismatch[]) {
    super(`built-in simulator and Icarus (4-state) disagree on ${mismatches.length} port(s):\n${mismatches.slice(0, 10).map((m) => `  cycle ${m.cycle}, ${m.port}: built-in ${m.builtin}, icarus ${m.icarus}`).join('\n')}`);
  }
}

const hex = (v: bigint, w: number): string => BigInt.asUintN(w, v).toString(16);

/** Options of {@link compareWithIcarus}. */
export interface IcarusLockstepOptions extends StimulusOptions {
  readonly cycles: number;
  /** Clock input driven by the run (default `clk`). */
  readonly clock?: string;
  /** Changes the emitted files before Icarus reads them (for testing that the oracle catches broken Verilog). */
  readonly patchVerilog?: (name: string, text: string) => string;
}

/**
 * Runs `design` on the built-in simulator and on Icarus for `cycles` cycles of `clock` and returns every port's first
 * mismatch (empty when they agree bit for bit, with no X or Z).
 *
 * @example
 * const diffs = compareWithIcarus(elaborate(top), { cycles: 1000, seed: 3 });
 */
export function compareWithIcarus(design: Design, opts: IcarusLockstepOptions): FourStateMismatch[] {
  const roles = portRoles(design);
  const clock = opts.clock ?? defaultClock(design);
  const sim = new BuiltinBackend(design);
  const ports = sim.ports;
  const stim = randomStimulus(ports, clock, opts.cycles, { ...opts, roles });
  const outputs = ports.filter((p) => p.direction === 'output');
  const traces = sim.runBatch({ clock, cycles: opts.cycles, inputs: stim, record: outputs.map((p) => p.name) });
  sim.dispose();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meram-icarus-'));
  try {
    const widthOf = new Map(ports.map((p) => [p.name, p.width]));
    const n = opts.cycles;
    // Stimulus and expected values as $readmemh files, one per port.
    stim.forEach((s, k) => fs.writeFileSync(path.join(dir, `in${k}.hex`), s.values.map((v) => hex(v, widthOf.get(s.port)!)).join('\n') + '\n'));
    outputs.forEach((p, k) => fs.writeFileSync(path.join(dir, `out${k}.hex`), traces.get(p.name)!.toBigInts().map((v) => hex(v, p.width)).join('\n') + '\n'));
    const decl = (w: number): string => (w > 1 ? `[${w - 1}:0] ` : '');
    const portName = (sig: Signal): string => design.top.names.get(sig)!;
    const clockPorts = new Set(design.flat.domains.map((d) => portName(d.clk)));
    const asyncResets = new Map(design.flat.domains.filter((d) => d.resetKind === 'async' && d.rst).map((d) => [portName(d.rst!), d.resetActive === 'low' ? 0 : 1] as const));
    const tb = [
      '`timescale 1ns/1ps',
      'module lockstep_tb;',
      `  reg ${clock} = 1'b0;`,
      // Inputs start at 0, like the built-in simulator's, so a clock input that is 1 in cycle 0 makes a clean edge.
      ...stim.map((s, k) => `  reg ${decl(widthOf.get(s.port)!)}i${k} = 0; reg ${decl(widthOf.get(s.port)!)}si${k} [0:${n - 1}];`),
      ...outputs.map((p, k) => `  wire ${decl(p.width)}o${k}; reg ${decl(p.width)}eo${k} [0:${n - 1}]; reg seen${k} = 1'b0;`),
      `  ${design.top.name} dut (`,
      [`    .${clock}(${clock})`, ...stim.map((s, k) => `    .${s.port}(i${k})`), ...outputs.map((p, k) => `    .${p.name}(o${k})`)].join(',\n'),
      '  );',
      '  integer c;',
      '  initial begin',
      ...stim.map((_, k) => `    $readmemh("in${k}.hex", si${k});`),
      ...outputs.map((_, k) => `    $readmemh("out${k}.hex", eo${k});`),
      '    #1; // the design\'s own initial blocks run first',
      `    for (c = 0; c < ${n}; c = c + 1) begin`,
      // The built-in simulator's order within a cycle, without Verilog races: data inputs (and asynchronous resets
      // that fall) settle first; then the other clocks rise; asynchronous resets that rise come after the clocked
      // processes ran, so those sample the values from before the reset, as the built-in simulator's do.
      ...stim.map((s, k) => ({ s, k })).filter(({ s }) => !clockPorts.has(s.port)).map(({ s, k }) => (asyncResets.has(s.port) ? `      if (si${k}[c] != 1'b${asyncResets.get(s.port)}) i${k} = si${k}[c];` : `      i${k} = si${k}[c];`)),
      '      #1;',
      ...stim.map((s, k) => ({ s, k })).filter(({ s }) => clockPorts.has(s.port)).map(({ k }) => `      i${k} = si${k}[c];`),
      '      #0;',
      ...stim.map((s, k) => ({ s, k })).filter(({ s }) => asyncResets.has(s.port)).map(({ s, k }) => `      if (si${k}[c] == 1'b${asyncResets.get(s.port)}) i${k} = si${k}[c];`),
      '      #1;',
      ...outputs.map((p, k) => `      if (!seen${k} && o${k} !== eo${k}[c]) begin seen${k} = 1'b1; $display("MISMATCH %0d ${p.name} %b %b", c, eo${k}[c], o${k}); end`),
      `      ${clock} = 1'b1; #1; ${clock} = 1'b0; #1;`,
      '    end',
      '    $display("DONE");',
      '    $finish;',
      '  end',
      'endmodule',
      '',
    ].join('\n');
    const files: Record<string, string> = { 'lockstep_tb.v': tb };
    for (const [name, text] of emitVerilog(design, { set: 'simulation' }).files) files[name] = opts.patchVerilog ? opts.patchVerilog(name, text) : text;
    const run = runIcarus(files, 'lockstep_tb', { dir });
    if (!run.stdout.includes('DONE')) throw new VerifError(`Icarus did not finish the lockstep run:\n${run.stdout.slice(-2000)}${run.stderr.slice(-2000)}`);
    const out: FourStateMismatch[] = [];
    for (const line of run.stdout.split('\n')) {
      const m = /^MISMATCH (\d+) (\S+) (\S+) (\S+)$/.exec(line.trim());
      if (m) out.push({ cycle: Number(m[1]), port: m[2]!, builtin: m[3]!, icarus: m[4]! });
    }
    return out.sort((a, b) => a.cycle - b.cycle || (a.port < b.port ? -1 : 1));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * {@link compareWithIcarus}, throwing {@link FourStateMismatchError} on any difference.
 *
 * @example
 * runIcarusLockstep(elaborate(top), { cycles: 1000, seed: 3 });
 */
export function runIcarusLockstep(design: Design, opts: IcarusLockstepOptions): void {
  const diffs = compareWithIcarus(design, opts);
  if (diffs.length) throw new FourStateMismatchError(diffs);
}

