/**
 * The cycle-level interface every simulation backend implements: the built-in JavaScript simulator and the Verilator
 * models (native and WebAssembly; their `CycleModel` satisfies it as is). The lockstep harness and the benchmark drive
 * backends only through it, so they compare like with like.
 *
 * Cycle semantics (all backends): one cycle of `clock` is 1. apply this cycle's inputs, 2. settle (`eval`), 3. record
 * outputs (pre-edge values), 4. `clock` = 1 and settle (the rising edge), 5. `clock` = 0 and settle.
 */
import type { BatchInput, PortSpec } from './verilator/types.ts';

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
