/**
 * The cycle-level interface every simulation backend implements: the built-in JavaScript simulator and the Verilator
 * models (native and WebAssembly; their `CycleModel` satisfies it as is). The lockstep harness and the benchmark drive
 * backends only through it, so they compare like with like.
 *
 * Cycle semantics (all backends): one cycle of `clock` is 1. apply this cycle's inputs, 2. settle (`eval`), 3. record
 * outputs (pre-edge values), 4. `clock` = 1 and settle (the rising edge), 5. `clock` = 0 and settle.
 */
import { emitVerilog } from '../hdl/backend/verilog.ts';
import type { Design } from '../hdl/ir/elaborate.ts';
import { BuiltinBackend } from './builtin/engine.ts';
import { BackendUnavailableError } from './builtin/errors.ts';
import { Simulator, type SimulatorOptions } from './builtin/simulator.ts';
import type { NativeBuildOptions } from './verilator/native.ts';
import type { BatchInput, PortSpec, VerilatorDesign } from './verilator/types.ts';

export type { BatchInput, PortSpec };

/** Which engine runs the design. */
export type BackendKind = 'builtin' | 'verilator-native' | 'verilator-wasm';

/** Values one port showed in each cycle of a batch. */
export interface TraceLike {
  readonly length: number;
  /** The value in cycle `cycle` (signed ports give negative bigints). */
  at(cycle: number): bigint;
  toBigInts(): bigint[];
}

/** Options of {@link SimBackend.runBatch}. */
export interface BackendBatchOptions {
  /** A 1-bit clock input, toggled 0 -> 1 -> 0 once per cycle. */
  readonly clock: string;
  readonly cycles: number;
  /** Per-cycle input values; inputs not listed keep their value. */
  readonly inputs?: readonly BatchInput[];
  /** Ports whose pre-edge value is recorded every cycle. */
  readonly record?: readonly string[];
}

/**
 * A loaded design that can be driven cycle by cycle. Ports are named as in the emitted Verilog.
 *
 * @example
 * const b = await createBackend(design, { backend: 'builtin' });
 * b.set('en', 1n);
 * const t = b.runBatch({ clock: 'clk', cycles: 4, record: ['count'] });
 * t.get('count')!.toBigInts(); // [0n, 1n, 2n, 3n]
 * b.dispose();
 */
export interface SimBackend {
  readonly backend: 'builtin' | 'native' | 'wasm';
  readonly ports: readonly PortSpec[];
  /** Sets an input (two's complement for negative values; must fit the port). Takes effect at the next settle. */
  set(port: string, value: bigint | number): void;
  /** The value as of the last settle. */
  get(port: string): bigint;
  /** Settles the design; a clock input that rose since the last settle clocks its domain. */
  eval(): void;
  /** Runs `cycles` cycles of `clock` with the current inputs. */
  step(clock: string, cycles?: number): void;
  /** Runs many cycles in one call; returns one trace per recorded port. */
  runBatch(opts: BackendBatchOptions): ReadonlyMap<string, TraceLike>;
  dispose(): void;
}

/** Options of {@link createBackend} and {@link createSimulator}. */
export interface CreateOptions extends SimulatorOptions {
  /** Engine (default `builtin`). */
  readonly backend?: BackendKind;
  /** Build options of the Verilator backends (cache folder, compiler, ...). */
  readonly verilator?: NativeBuildOptions;
}

/** The emitted Verilog (simulation set) and top port list of a design, as the Verilator backends take it. */
export function verilatorDesign(design: Design): VerilatorDesign {
  const out = emitVerilog(design, { set: 'simulation' });
  const ports = design.top.ports.map((p) => ({ name: design.top.names.get(p.signal)!, direction: p.direction, width: p.signal.width, signed: p.signal.signed }));
  return { top: design.top.name, files: Object.fromEntries(out.files), ports };
}

/**
 * Loads a design into a cycle-level backend. Verilator backends build (or load from their cache) a model of the
 * emitted Verilog.
 *
 * @example
 * const b = await createBackend(design, { backend: 'verilator-native' });
 * b.set('en', 1);
 * b.step('clk', 100);
 * b.dispose();
 */
export async function createBackend(design: Design, opts: CreateOptions = {}): Promise<SimBackend> {
  const kind = opts.backend ?? 'builtin';
  if (kind === 'builtin') return new BuiltinBackend(design);
  const v = await import('./verilator/index.ts');
  if (kind === 'verilator-native') {
    if (!v.verilatorAvailable() || !v.nativeCompilerAvailable()) throw new BackendUnavailableError('verilator-native needs verilator and a C++ compiler (apt-get install -y verilator clang)');
    return v.buildNative(verilatorDesign(design), opts.verilator ?? {});
  }
  if (!v.verilatorAvailable()) throw new BackendUnavailableError('verilator-wasm needs verilator (apt-get install -y verilator)');
  return v.buildWasm(verilatorDesign(design), opts.verilator ?? {});
}

/**
 * A testbench {@link Simulator} on any backend: the same processes, clocks and batch API; switch engines with the
 * `backend` option. On the Verilator backends testbenches see the top-level ports (no internal signals, memories or
 * VCD); call `dispose()` on the returned simulator's model when done, or let the process exit.
 *
 * @example
 * const sim = await createSimulator(design, { backend: 'verilator-wasm', clocks: { sync: 10_000 } });
 * sim.process(async (ctx) => { ctx.set('en', 1); await ctx.tick(); });
 * await sim.run();
 */
export async function createSimulator(design: Design, opts: CreateOptions = {}): Promise<Simulator> {
  const kind = opts.backend ?? 'builtin';
  if (kind === 'builtin') return new Simulator(design, opts);
  return new Simulator(design, opts, await createBackend(design, opts));
}
