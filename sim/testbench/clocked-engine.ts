/**
 * What the testbench `Simulator` needs from an engine: resolve and access signals, settle, drive clock levels and
 * clock edges. The built-in backend provides it over its compiled state (every signal visible); a Verilator model
 * provides it over its ports (`portEngine`), so testbenches run unchanged on Verilator-WASM or native Verilator.
 */
import type { FlatDesign } from '../../hdl/ir/netlist.ts';
import type { Design } from '../../hdl/ir/elaborate.ts';
import { wrap } from '../../hdl/core/shape.ts';
import type { Signal } from '../../hdl/core/value.ts';
import type { SimBackend } from '../interface.ts';
import type { BuiltinBackend, SignalRef } from '../builtin/engine.ts';
import { SimUsageError } from '../builtin/errors.ts';
import { readSlot } from '../builtin/compile.ts';

/** The engine interface of the testbench simulator. */
export interface ClockedEngine {
  readonly kind: 'builtin' | 'native' | 'wasm';
  readonly flat: FlatDesign;
  signal(ref: SignalRef): Signal;
  /** Hierarchical name, for messages. */
  path(s: Signal): string;
  set(s: Signal, value: bigint | number | boolean): void;
  get(ref: SignalRef): bigint;
  getNumber(ref: SignalRef): number;
  /** Recomputes combinational logic (and, on Verilator, performs pending clock edges). */
  settle(): void;
  /** Sets a clock input's level without settling. */
  setClockLevel(clk: Signal, level: 0 | 1): void;
  /** After `settle`, clocks the registers of the domains in `mask` (a no-op where `settle` already did). */
  edge(mask: number): void;
  /** Whether clock levels are visible to the logic (then every clock change needs a settle). */
  readonly readsClock: boolean;
  /** Runs `n` cycles of the domains in `mask` in a compiled loop, when the engine has one. */
  readonly loop: ((mask: number, n: number) => void) | null;
  /** The signals a waveform can show: every signal on the built-in backend, the top ports on Verilator. */
  readonly visible: readonly Signal[];
  /** A fast reader of a signal's current value (for waveforms). */
  reader(s: Signal): () => number | bigint;
  /** Whether a signal is a register (a VCD `reg`) rather than a wire. */
  isRegister(s: Signal): boolean;
}

/** The built-in backend as an engine. */
export function builtinEngine(b: BuiltinBackend): ClockedEngine {
  const c = b.compiled;
  return {
    kind: 'builtin', flat: b.flat,
    signal: (r) => b.signal(r), path: (s) => b.slot(s).path,
    set: (s, v) => b.set(s, v), get: (r) => b.get(r), getNumber: (r) => b.getNumber(r),
    settle: () => c.settle(),
    setClockLevel: (clk, level) => { c.I[c.slots.get(clk)!.index] = level; },
    edge: (mask) => c.edge(mask),
    readsClock: c.readsClock,
    loop: (mask, n) => c.loop(mask, n),
    visible: b.flat.signals.map((s) => s.signal),
    reader: (s) => {
      const slot = b.slot(s);
      const { rep, index } = slot;
      const { I, F, W } = c;
      return rep === 'i' ? () => I[index]! : rep === 'd' ? () => F[index]! : () => readSlot(I, F, W, slot);
    },
    isRegister: (s) => b.slot(s).kind === 'reg',
  };
}

/** A Verilator model as an engine: only the top module's ports are visible. */
export function portEngine(design: Design, b: SimBackend): ClockedEngine {
  const flat = design.flat;
  const nameOf = new Map<Signal, string>();
  const byName = new Map<string, Signal>();
  for (const p of design.top.ports) {
    const n = design.top.names.get(p.signal)!;
    nameOf.set(p.signal, n);
    byName.set(n, p.signal);
  }
  const signal = (ref: SignalRef): Signal => {
    const s = typeof ref === 'string' ? byName.get(ref) : nameOf.has(ref) ? ref : undefined;
    if (!s) {
      const what = typeof ref === 'string' ? ref : ref.name;
      throw new SimUsageError(`'${what}' is not a port of '${design.top.name}': the ${b.backend} Verilator backend shows top-level ports only (ports: ${[...byName.keys()].join(', ')}); use the built-in backend to see internal signals`);
    }
    return s;
  };
  const get = (ref: SignalRef): bigint => {
    const s = signal(ref);
    return wrap(b.get(nameOf.get(s)!), s.shape);
  };
  return {
    kind: b.backend, flat, signal, path: (s) => nameOf.get(s) ?? s.name,
    set: (s, v) => b.set(nameOf.get(signal(s))!, typeof v === 'boolean' ? (v ? 1n : 0n) : BigInt(v)),
    get, getNumber: (r) => Number(get(r)),
    settle: () => b.eval(),
    setClockLevel: (clk, level) => b.set(nameOf.get(clk)!, BigInt(level)),
    edge: () => undefined,
    readsClock: true,
    loop: null,
    visible: design.top.ports.map((p) => p.signal),
    reader: (s) => { const name = nameOf.get(signal(s))!; return () => b.get(name); },
    isRegister: () => false,
  };
}
