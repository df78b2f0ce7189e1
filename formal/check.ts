/**
 * A checked simulation run on any backend (built-in, Verilator native, Verilator WebAssembly): the stimulus is applied
 * each cycle, the design settles, the {@link PropertyMonitor} samples every property, then the clock rises.
 */
import type { Design } from '../hdl/ir/elaborate.ts';
import { BuiltinBackend } from '../sim/builtin/engine.ts';
import { BackendUnavailableError } from '../sim/builtin/errors.ts';
import type { BackendKind, SimBackend } from '../sim/interface.ts';
import type { NativeBuildOptions } from '../sim/verilator/native.ts';
import { FormalUsageError } from './errors.ts';
import { type MonitorOptions, PropertyMonitor, type PropertyReport } from './monitor.ts';
import { probedDesign } from './probe.ts';

/** Input values of one cycle, by top-level port name (clocks are driven by the run). */
export type Stimulus = (cycle: number) => Readonly<Record<string, bigint | number | boolean>>;

/** Options of {@link simulateWithProperties}. */
export interface CheckedRunOptions extends MonitorOptions {
  readonly backend?: BackendKind;
  readonly cycles: number;
  readonly stimulus?: Stimulus;
  /** Domain whose clock is run (default: the only domain, or `sync`). */
  readonly domain?: string;
  readonly verilator?: NativeBuildOptions;
}

/**
 * Runs `cycles` cycles checking every property; throws {@link AssertionFailedError} in `stop` mode.
 * @example
 * const r = await simulateWithProperties(design, { cycles: 100, stimulus: (c) => ({ rst: c === 0, start: c % 20 === 1 }) });
 * r.coverHits.get('cover_l30'); // hits of that cover
 */
export async function simulateWithProperties(design: Design, opts: CheckedRunOptions): Promise<PropertyReport> {
  const flat = design.flat;
  const dom = flat.domains.find((d) => d.name === (opts.domain ?? 'sync')) ?? (flat.domains.length === 1 ? flat.domains[0] : undefined);
  if (!dom) throw new FormalUsageError(`the design has no domain '${opts.domain ?? 'sync'}'`);
  const clock = design.top.names.get(dom.clk)!;
  const kind = opts.backend ?? 'builtin';
  let b: SimBackend;
  let read: (path: string) => bigint;
  if (kind === 'builtin') {
    const bb = new BuiltinBackend(design);
    b = bb;
    read = (p) => bb.get(p);
  } else {
    const v = await import('../sim/verilator/index.ts');
    if (!v.verilatorAvailable() || (kind === 'verilator-native' && !v.nativeCompilerAvailable())) throw new BackendUnavailableError(`${kind} needs verilator and a C++ compiler`);
    const { verilator, probeOf } = probedDesign(design);
    b = kind === 'verilator-native' ? await v.buildNative(verilator, opts.verilator ?? {}) : await v.buildWasm(verilator, opts.verilator ?? {});
    read = (p) => b.get(probeOf.get(p)!);
  }
  const mon = new PropertyMonitor(design, read, opts);
  try {
    for (let c = 0; c < opts.cycles; c++) {
      const inputs = opts.stimulus?.(c) ?? {};
      for (const [k, v] of Object.entries(inputs)) b.set(k, typeof v === 'boolean' ? (v ? 1n : 0n) : v);
      b.eval();
      mon.sample(c);
      b.step(clock);
    }
  } finally {
    b.dispose();
  }
  return mon.report();
}
