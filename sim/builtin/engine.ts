/**
 * The built-in simulator at the cycle level: a compiled design plus Verilator-compatible port access
 * (`set`/`get`/`eval`/`step`/`runBatch`, see `sim/interface.ts`), and signal-level access to every signal and memory.
 */
import type { FlatDesign } from '../../hdl/ir/netlist.ts';
import type { Design } from '../../hdl/ir/elaborate.ts';
import { fits, formatShape, shapeRange } from '../../hdl/core/shape.ts';
import type { Signal } from '../../hdl/core/value.ts';
import type { BatchInput, BatchOptions, PortSpec, SimBackend, TraceLike } from '../interface.ts';
import { optimize } from '../../hdl/ir/passes/optimize.ts';
import { compileDesign, type CompiledDesign, type CompileOptions, readSlot, type Slot, writeSlot } from './compile.ts';
import { SimUsageError, SimValueError } from './errors.ts';

/** Per-cycle values of one signal recorded by a batch. */
export class ValueTrace implements TraceLike {
  readonly length: number;
  /** Values as numbers (signals up to 53 bits) or bigints (wider). */
  readonly values: Float64Array | bigint[];
  constructor(readonly name: string, readonly width: number, readonly signed: boolean, values: Float64Array | bigint[]) {
    this.values = values;
    this.length = values.length;
  }
  at(cycle: number): bigint {
    if (cycle < 0 || cycle >= this.length) throw new SimUsageError(`cycle ${cycle} is outside the trace of ${this.length} cycle(s)`);
    const v = this.values[cycle]!;
    return typeof v === 'bigint' ? v : BigInt(v);
  }
  toBigInts(): bigint[] {
    return Array.from(this.values as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? v : BigInt(v)));
  }
  /** Values as numbers (signals up to 53 bits only). */
  toNumbers(): number[] {
    if (!(this.values instanceof Float64Array)) throw new SimUsageError(`'${this.name}' has ${this.width} bits; use toBigInts()`);
    return Array.from(this.values);
  }
}

/** What a name or signal given by a user resolves to. */
export type SignalRef = Signal | string;

/**
 * The built-in backend. Construct from an elaborated design (ports get their Verilog names) or a flat design.
 *
 * @example
 * const b = new BuiltinBackend(elaborate(top));
 * b.set('en', 1);
 * b.step('clk', 10);
 * b.eval();
 * b.get('count'); // 10n
 */
export class BuiltinBackend implements SimBackend {
  readonly backend = 'builtin' as const;
  readonly compiled: CompiledDesign;
  readonly flat: FlatDesign;
  readonly ports: readonly PortSpec[];
  private readonly byPort = new Map<string, Signal>();
  private readonly clockMask = new Map<Signal, number>();
  private readonly lastClock: Uint8Array;
  private disposed = false;

  /** Signals whose logic was removed as dead (only with the `keep` option); reading one is an error. */
  private readonly removed: ReadonlySet<Signal>;

  /**
   * @param opts.keep the only internal signals the run will read (besides ports): everything else that no kept
   *   signal depends on is removed before compiling. Without it, every signal stays readable.
   * @param opts.compile code generation choices (see {@link CompileOptions}; every choice gives the same values)
   */
  constructor(design: Design | FlatDesign, opts: { keep?: readonly SignalRef[]; compile?: CompileOptions } = {}) {
    const isDesign = 'top' in design && 'modules' in design;
    this.flat = isDesign ? (design as Design).flat : (design as FlatDesign);
    const names = isDesign ? (design as Design).top.names : null;
    const keep = opts.keep?.map((r) => {
      const s = typeof r === 'string' ? this.flat.find(r) ?? this.flat.top.ports.find((p) => (names?.get(p.signal) ?? p.signal.name) === r)?.signal : r;
      if (!s || !this.flat.indexOf.has(s)) throw new SimUsageError(`keep: unknown signal '${typeof r === 'string' ? r : r.name}'`);
      return s;
    });
    const optimized = optimize(this.flat, keep ? { keep } : {});
    this.removed = new Set([...optimized.removed].map((i) => this.flat.signals[i]!.signal));
    this.compiled = compileDesign(optimized, opts.compile);
    const ports: PortSpec[] = [];
    for (const p of this.flat.top.ports) {
      const name = (names?.get(p.signal) as string | undefined) ?? p.signal.name;
      this.byPort.set(name, p.signal);
      ports.push({ name, direction: p.direction, width: p.signal.width, signed: p.signal.signed });
    }
    this.ports = ports;
    this.flat.domains.forEach((d, i) => this.clockMask.set(d.clk, (this.clockMask.get(d.clk) ?? 0) | (1 << i)));
    this.lastClock = new Uint8Array(this.flat.domains.length);
    this.compiled.settle();
  }

  /** The signal behind a port name, hierarchical path or the signal itself. */
  signal(ref: SignalRef): Signal {
    if (typeof ref !== 'string') {
      if (!this.compiled.slots.has(ref)) throw new SimUsageError(`signal '${ref.name}' is not part of the simulated design (use a top-level signal or a hierarchical path)`);
      return this.checkKept(ref);
    }
    const s = this.byPort.get(ref) ?? this.flat.find(ref);
    if (!s) throw new SimUsageError(`unknown signal '${ref}' (ports: ${[...this.byPort.keys()].join(', ')}; internal signals by path, e.g. 'u_core.count')`);
    return this.checkKept(s);
  }

  private checkKept(s: Signal): Signal {
    if (this.removed.has(s)) throw new SimUsageError(`signal '${this.flat.paths.get(s)}' was removed as dead logic: name it in the simulator's keep option to read it`);
    return s;
  }

  slot(ref: SignalRef): Slot {
    return this.compiled.slots.get(this.signal(ref))!;
  }

  private live(): void {
    if (this.disposed) throw new SimUsageError('the simulator was disposed');
  }

  /** Writes a value into an input (or forces any signal until the logic recomputes it). Checked to fit. */
  set(ref: SignalRef, value: bigint | number | boolean): void {
    this.live();
    const slot = this.slot(ref);
    const s = slot.signal;
    let v: bigint;
    if (typeof value === 'bigint') v = value;
    else if (typeof value === 'boolean') v = value ? 1n : 0n;
    else {
      if (!Number.isSafeInteger(value)) throw new SimValueError(`value ${value} for '${slot.path}' is not a safe integer; pass a bigint`);
      v = BigInt(value);
    }
    // Like the Verilator ports: two's complement patterns are accepted for either signedness.
    if (!fits(v, s.shape)) {
      const alt = s.signed ? BigInt.asIntN(s.width, v) : BigInt.asUintN(s.width, v);
      const r = shapeRange({ width: s.width, signed: !s.signed });
      if (v < r.min || v > r.max) throw new SimValueError(`value ${v} does not fit '${slot.path}' (${formatShape(s.shape)})`);
      v = alt;
    }
    writeSlot(this.compiled.I, this.compiled.F, this.compiled.W, slot, v);
  }

  /** The value as of the last settle (signed signals give negative bigints). */
  get(ref: SignalRef): bigint {
    this.live();
    const c = this.compiled;
    return readSlot(c.I, c.F, c.W, this.slot(ref));
  }

  /** Fast path for signals up to 53 bits: the value as a number. */
  getNumber(ref: SignalRef): number {
    const slot = this.slot(ref);
    const c = this.compiled;
    if (slot.rep === 'i') return !slot.signal.signed && slot.signal.width === 32 ? c.I[slot.index]! >>> 0 : c.I[slot.index]!;
    if (slot.rep === 'd') return c.F[slot.index]!;
    throw new SimUsageError(`'${slot.path}' has ${slot.signal.width} bits; use get() for a bigint`);
  }

  eval(): void {
    this.live();
    const c = this.compiled;
    let mask = 0;
    this.flat.domains.forEach((d, i) => {
      const level = c.I[c.slots.get(d.clk)!.index]! & 1;
      if (level && !this.lastClock[i]) mask |= 1 << i;
      this.lastClock[i] = level;
    });
    if (mask) {
      // Clocked logic samples pre-edge values, including registers an async reset rising in this same step resets.
      c.settleKeepingRegisters();
      c.edge(mask);
    } else c.settle();
  }

  private clockOf(clock: string): { slot: Slot; mask: number } {
    const s = this.signal(clock);
    const mask = this.clockMask.get(s);
    if (mask === undefined) throw new SimUsageError(`'${clock}' is not the clock of a domain (clocks: ${this.flat.domains.map((d) => this.flat.paths.get(d.clk)).join(', ') || 'none'})`);
    return { slot: this.compiled.slots.get(s)!, mask };
  }

  /** One rising and falling edge of a clock whose inputs were settled. */
  private cycle(slot: Slot, mask: number): void {
    const c = this.compiled;
    c.I[slot.index] = 1;
    c.edge(mask);
    c.I[slot.index] = 0;
    this.flat.domains.forEach((d, i) => { if ((mask >> i) & 1) this.lastClock[i] = 0; });
    if (c.readsClock) c.settle();
  }

  step(clock: string, cycles = 1): void {
    this.live();
    const { slot, mask } = this.clockOf(clock);
    checkCycles(cycles);
    const c = this.compiled;
    c.settle();
    if (c.readsClock || cycles < 2) for (let k = 0; k < cycles; k++) this.cycle(slot, mask);
    else c.loop(mask, cycles);
    this.markClocks();
  }

  private markClocks(): void {
    const c = this.compiled;
    this.flat.domains.forEach((d, i) => { this.lastClock[i] = c.I[c.slots.get(d.clk)!.index]! & 1; });
  }

  runBatch(opts: BatchOptions): Map<string, ValueTrace> {
    this.live();
    const { slot, mask } = this.clockOf(opts.clock);
    checkCycles(opts.cycles);
    const n = opts.cycles;
    const apply = (opts.inputs ?? []).map((inp) => this.inputApplier(inp, n));
    const rec = this.recorders(opts.record ?? [], n);
    const c = this.compiled;
    const loopable = apply.length === 0 && !c.readsClock && n > 1;
    if (loopable && rec.length === 0) {
      c.settle();
      c.loop(mask, n);
    } else if (loopable && this.flat.domains.length === 1 && rec.every((r) => r.trace.values instanceof Float64Array)) {
      // Traces of numbers recorded inside the generated loop (registers stay in locals across the batch).
      c.settle();
      c.loopRecording(mask, n, rec.map((r) => r.signal), rec.map((r) => r.trace.values as Float64Array));
    } else {
      const multi = this.flat.domains.length > 1;
      for (let k = 0; k < n; k++) {
        for (const f of apply) f(k);
        if (multi) this.eval(); // other clocks may be driven as inputs
        else if (k === 0 || apply.length) c.settle(); // otherwise the last edge's own settle saw the same inputs
        for (const r of rec) r.take(k);
        this.cycle(slot, mask);
      }
    }
    this.markClocks();
    return new Map(rec.map((r) => [r.name, r.trace]));
  }

  /** A function writing cycle `k`'s value of a batch input. */
  inputApplier(inp: BatchInput, cycles: number): (k: number) => void {
    const slot = this.slot(inp.port);
    if (slot.kind !== 'input') throw new SimUsageError(`'${inp.port}' is not an input`);
    const vals = inp.values;
    if (vals.length < cycles) throw new SimUsageError(`input '${inp.port}' has ${vals.length} value(s) for ${cycles} cycle(s)`);
    const { I } = this.compiled;
    const s = slot.signal;
    if (slot.rep === 'i' && (vals instanceof Uint32Array || vals instanceof Int32Array)) {
      const w = s.width;
      const idx = slot.index;
      if (w === 32) return (k) => { I[idx] = vals[k]!; };
      const sh = 32 - w;
      // Typed arrays hold bit patterns: keep the low `w` bits, read with the signal's signedness.
      return s.signed ? (k) => { I[idx] = (vals[k]! << sh) >> sh; } : (k) => { I[idx] = (vals[k]! << sh) >>> sh; };
    }
    return (k) => this.set(s, vals[k]!);
  }

  /** Recorders of signals, one value per cycle. */
  recorders(names: readonly SignalRef[], cycles: number): { name: string; signal: Signal; trace: ValueTrace; take: (k: number) => void }[] {
    const c = this.compiled;
    return names.map((ref) => {
      const slot = this.slot(ref);
      const name = typeof ref === 'string' ? ref : slot.path;
      const s = slot.signal;
      if (slot.rep === 'w') {
        const out: bigint[] = new Array<bigint>(cycles);
        return { name, signal: s, trace: new ValueTrace(name, s.width, s.signed, out), take: (k: number) => { out[k] = readSlot(c.I, c.F, c.W, slot); } };
      }
      const out = new Float64Array(cycles);
      const idx = slot.index;
      const take = slot.rep === 'd' ? (k: number) => { out[k] = c.F[idx]!; }
        : !s.signed && s.width === 32 ? (k: number) => { out[k] = c.I[idx]! >>> 0; } : (k: number) => { out[k] = c.I[idx]!; };
      return { name, signal: s, trace: new ValueTrace(name, s.width, s.signed, out), take };
    });
  }

  dispose(): void {
    this.disposed = true;
  }
}

function checkCycles(cycles: number): void {
  if (!Number.isInteger(cycles) || cycles < 0) throw new SimUsageError(`cycles must be a non-negative integer, not ${cycles}`);
}
