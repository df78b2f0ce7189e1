/**
 * The plain description a Verilator backend consumes and the cycle-level model interface both backends (native and
 * WebAssembly) implement. Nothing here depends on the HDL: any Verilog-2005 design with a port list can be simulated.
 */
import type { BatchInput, BatchOptions, PortSpec } from '../interface.ts';
import type { PortTrace } from './ports.ts';

export type { BatchInput, BatchOptions, PortSpec };

/** A design for Verilator: the top module's name, its Verilog files (name -> text) and its ports. */
export interface VerilatorDesign {
  readonly top: string;
  readonly files: Readonly<Record<string, string>>;
  readonly ports: readonly PortSpec[];
}

/** Where a model came from and what its build cost. */
export interface BuildInfo {
  readonly backend: 'native' | 'wasm';
  /** Content hash that keys the cache entry. */
  readonly key: string;
  /** True when the model was loaded from the cache without running Verilator or a compiler. */
  readonly cacheHit: boolean;
  /** True when Verilator's runtime objects came from the cache (WASM only; always true for a cache hit). */
  readonly runtimeCacheHit: boolean;
  /** Wall-clock seconds spent building or loading. */
  readonly seconds: number;
  /** Verilator warnings printed while verilating (kept in the cache entry). */
  readonly warnings: readonly string[];
}

/**
 * A loaded, cycle-level model of a Verilated design.
 *
 * Cycle semantics (identical on every backend, and matched by the built-in simulator): one cycle of `clock` is
 *   1. apply this cycle's inputs, 2. `eval()` (settle), 3. record outputs (the pre-edge values, i.e. what the design
 *   shows just before the rising edge), 4. `clock` = 1, `eval()`, 5. `clock` = 0, `eval()`.
 * After construction all inputs are 0 and the model has been evaluated once. `set` changes an input without settling;
 * `get` of an output returns its value as of the last settle; `get` of an input returns the last value set.
 */
export interface CycleModel {
  readonly backend: 'native' | 'wasm';
  readonly ports: readonly PortSpec[];
  readonly buildInfo: BuildInfo;
  /** Sets an input port (two's complement for negative values; must fit the port's width). */
  set(port: string, value: bigint | number): void;
  /** Reads a port; signed ports give negative bigints. */
  get(port: string): bigint;
  /** Settles the design (Verilator `eval`). */
  eval(): void;
  /** Runs `cycles` cycles of `clock` with the current inputs (the batch loop without stimulus or recording). */
  step(clock: string, cycles?: number): void;
  /** Runs many cycles in one call inside the model; returns one trace per recorded port. */
  runBatch(opts: BatchOptions): Map<string, PortTrace>;
  /** Runs `cycles` cycles of `clock` with constant inputs inside the model and returns the seconds taken. */
  benchmarkCycles(clock: string, cycles: number): number;
  /** Frees the model (ends the native process or drops the WebAssembly instance). Further calls throw. */
  dispose(): void;
}
