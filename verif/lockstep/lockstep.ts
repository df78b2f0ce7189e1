/**
 * Lockstep differential testing: two backends (built-in vs Verilator, or any pair behind `SimBackend`) run the same
 * stimulus and every output is compared every cycle. A mismatch names the cycle, the port and both values.
 */
import { type PortRoles, defaultClock, portRoles } from './roles.ts';
import type { Design } from '../../hdl/ir/elaborate.ts';
import { Rng } from '../../common/rng.ts';
import { createBackend } from '../../sim/factory.ts';
import type { BackendKind, PortSpec, SimBackend } from '../../sim/interface.ts';
import type { NativeBuildOptions } from '../../sim/verilator/native.ts';
import { VerifError } from '../errors.ts';

/** One difference between two backends. */
export interface Mismatch {
  readonly cycle: number;
  readonly port: string;
  readonly a: bigint;
  readonly b: bigint;
}

/** Result of a lockstep run: the first mismatch of each port (empty when the backends agree). */
export interface LockstepReport {
  readonly cycles: number;
  readonly ports: number;
  readonly mismatches: readonly Mismatch[];
}

/** The backends disagreed; `mismatches` lists the first difference of each port, earliest first. */
export class LockstepMismatchError extends VerifError {
  readonly mismatches: readonly Mismatch[];
  constructor(names: readonly [string, string], mismatches: readonly Mismatch[]) {
    const shown = mismatches.slice(0, 10).map((m) => `  cycle ${m.cycle}, ${m.port}: ${names[0]} ${m.a}, ${names[1]} ${m.b}`);
    super(`lockstep mismatch between ${names[0]} and ${names[1]} on ${mismatches.length} port(s):\n${shown.join('\n')}`);
    this.mismatches = mismatches;
  }
}

/** How inputs are driven: a seeded random value for every data input every cycle, resets asserted rarely. */
export interface StimulusOptions {
  readonly seed: number;
  /** Probability per cycle of asserting a reset input (after the first two cycles, which are always in reset). */
  readonly resetRate?: number;
  /** Clock inputs other than the batch clock, driven as a square wave of this many cycles per period. */
  readonly auxClockPeriod?: number;
  /** Which inputs are clocks and resets (with the level that resets); default: by name (`clk`, `x_clk`, `rst`, `x_rst`, active high). */
  readonly roles?: PortRoles;
}

/** Per-cycle values of every input except the batch clock: bigints for every width (seeded, deterministic). */
export function randomStimulus(ports: readonly PortSpec[], clock: string, cycles: number, opts: StimulusOptions): { port: string; values: bigint[] }[] {
  const rng = Rng.fromSeed(opts.seed);
  const rate = opts.resetRate ?? 0.02;
  const aux = opts.auxClockPeriod ?? 3;
  return ports.filter((p) => p.direction === 'input' && p.name !== clock).map((p) => {
    const values: bigint[] = new Array<bigint>(cycles);
    const isClock = opts.roles ? opts.roles.clocks.has(p.name) : p.width === 1 && /(^|_)clk$/.test(p.name);
    const active = opts.roles ? opts.roles.resets.get(p.name) : p.width === 1 && /(^|_)rst$/.test(p.name) ? 'high' : undefined;
    const isReset = active !== undefined;
    const on = active === 'low' ? 0n : 1n;
    for (let c = 0; c < cycles; c++) {
      if (isClock) values[c] = c % aux === 0 ? 1n : 0n;
      else if (isReset) values[c] = c < 2 || rng.nextU32() / 2 ** 32 < rate ? on : 1n - on;
      else { const bits = rng.bits(p.width); values[c] = p.signed ? BigInt.asIntN(p.width, bits) : bits; }
    }
    return { port: p.name, values };
  });
}

/**
 * Runs two backends in lockstep on the same stimulus for `cycles` cycles of `clock` and compares every output.
 * Works in chunks so huge runs need little memory.
 *
 * @example
 * const report = compareBackends(builtin, native, { clock: 'clk', cycles: 1000, seed: 1 });
 * report.mismatches; // []
 */
export function compareBackends(a: SimBackend, b: SimBackend, opts: { clock: string; cycles: number; seed: number; chunk?: number } & Omit<StimulusOptions, 'seed'>): LockstepReport {
  const outputs = a.ports.filter((p) => p.direction === 'output').map((p) => p.name);
  const chunk = opts.chunk ?? 1000;
  const stim = randomStimulus(a.ports, opts.clock, opts.cycles, opts);
  const first = new Map<string, Mismatch>();
  for (let start = 0; start < opts.cycles; start += chunk) {
    const n = Math.min(chunk, opts.cycles - start);
    const inputs = stim.map((s) => ({ port: s.port, values: s.values.slice(start, start + n) }));
    const ta = a.runBatch({ clock: opts.clock, cycles: n, inputs, record: outputs });
    const tb = b.runBatch({ clock: opts.clock, cycles: n, inputs, record: outputs });
    for (const port of outputs) {
      if (first.has(port)) continue;
      const xa = ta.get(port)!;
      const xb = tb.get(port)!;
      for (let c = 0; c < n; c++) {
        const va = xa.at(c);
        const vb = xb.at(c);
        if (va !== vb) { first.set(port, { cycle: start + c, port, a: va, b: vb }); break; }
      }
    }
  }
  const mismatches = [...first.values()].sort((x, y) => x.cycle - y.cycle || (x.port < y.port ? -1 : 1));
  return { cycles: opts.cycles, ports: outputs.length, mismatches };
}

/** Options of {@link runLockstep}. */
export interface LockstepOptions {
  readonly cycles: number;
  readonly seed: number;
  /** Clock input driven by the batch (default `clk`). */
  readonly clock?: string;
  readonly backends?: readonly [BackendKind, BackendKind];
  readonly verilator?: NativeBuildOptions;
  readonly auxClockPeriod?: number;
  readonly resetRate?: number;
}

/**
 * Builds both backends for `design`, compares them, disposes them, and throws {@link LockstepMismatchError} on any
 * difference.
 *
 * @example
 * await runLockstep(elaborate(top), { cycles: 1000, seed: 7 }); // built-in vs native Verilator
 */
export async function runLockstep(design: Design, opts: LockstepOptions): Promise<LockstepReport> {
  const kinds = opts.backends ?? ['builtin', 'verilator-native'];
  const a = await createBackend(design, { backend: kinds[0], ...(opts.verilator ? { verilator: opts.verilator } : {}) });
  try {
    const b = await createBackend(design, { backend: kinds[1], ...(opts.verilator ? { verilator: opts.verilator } : {}) });
    try {
      const report = compareBackends(a, b, { clock: opts.clock ?? defaultClock(design), cycles: opts.cycles, seed: opts.seed, ...(opts.auxClockPeriod ? { auxClockPeriod: opts.auxClockPeriod } : {}), ...(opts.resetRate !== undefined ? { resetRate: opts.resetRate } : {}), roles: portRoles(design) });
      if (report.mismatches.length) throw new LockstepMismatchError(kinds, report.mismatches);
      return report;
    } finally {
      b.dispose();
    }
  } finally {
    a.dispose();
  }
}
