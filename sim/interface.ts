/**
 * The cycle-level interface every simulation backend implements: the built-in JavaScript simulator and the Verilator
 * models (native and WebAssembly). The testbench layer (`sim/testbench/`), the lockstep harness and the benchmarks
 * drive backends only through it, so they compare like with like. Nothing here depends on the HDL.
 *
 * Cycle semantics (all backends): one cycle of `clock` is 1. apply this cycle's inputs, 2. settle (`eval`), 3. record
 * outputs (pre-edge values), 4. `clock` = 1 and settle (the rising edge), 5. `clock` = 0 and settle.
 */

/** Which engine runs the design. */
export type BackendKind = 'builtin' | 'verilator-native' | 'verilator-wasm';

/** One port of the top module. `width` is in bits (1 up to any size); `signed` makes `get` return negative bigints. */
export interface PortSpec {
  readonly name: string;
  readonly direction: 'input' | 'output';
  readonly width: number;
  readonly signed: boolean;
}

/** Per-cycle stimulus of one input port for a batch: element `i` is applied in cycle `i`. */
export interface BatchInput {
  readonly port: string;
  /**
   * One value per cycle. Typed integer arrays are read as two's complement of the port's width (a `Uint32Array` is
   * the fast path for ports up to 32 bits); bigints and numbers must fit the port's width (signed or unsigned range).
   */
  readonly values: readonly bigint[] | readonly number[] | BigInt64Array | BigUint64Array | Uint32Array | Int32Array;
}

/** Options of {@link SimBackend.runBatch}: the one batch description of every backend. */
export interface BatchOptions {
  /** A 1-bit clock input, toggled 0 -> 1 -> 0 once per cycle. */
  readonly clock: string;
  readonly cycles: number;
  /** Per-cycle input values; inputs not listed keep their value. */
  readonly inputs?: readonly BatchInput[];
  /** Ports (outputs or inputs) whose pre-edge value is recorded every cycle. */
  readonly record?: readonly string[];
}

/** Values one port showed in each cycle of a batch. */
export interface TraceLike {
  readonly length: number;
  /** The value in cycle `cycle` (signed ports give negative bigints). */
  at(cycle: number): bigint;
  toBigInts(): bigint[];
}

/**
 * A loaded design that can be driven cycle by cycle. Ports are named as in the emitted Verilog.
 *
 * @example
 * const b = await createBackend(design, { backend: 'builtin' }); // sim/factory.ts
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
  runBatch(opts: BatchOptions): ReadonlyMap<string, TraceLike>;
  dispose(): void;
}
