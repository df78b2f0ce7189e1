/**
 * The testbench API of the built-in simulator: clocks with periods on one picosecond time axis, async processes
 * (`await ctx.tick()`, `ctx.delay(ps)`, `ctx.until(cond)`), a batch API without per-cycle awaits, memories, FSM state
 * names and VCD waveforms.
 */
import type { Memory } from '../../hdl/core/module.ts';
import type { Design } from '../../hdl/ir/elaborate.ts';
import { checkFits } from '../../hdl/core/shape.ts';
import type { Signal } from '../../hdl/core/value.ts';
import type { BatchInput, SimBackend } from '../interface.ts';
import { builtinEngine, portEngine, type ClockedEngine } from './clocked-engine.ts';
import { BuiltinBackend, type SignalRef, ValueTrace } from '../builtin/engine.ts';
import { DeadlockError, OutputPortSetError, ProcessFailedError, ProcessStalledError, SimTimeoutError, SimUsageError, ZeroDelayLoopError } from '../builtin/errors.ts';
import { type SourceLoc, callerLoc, formatLoc } from '../../hdl/core/source-loc.ts';
import { VcdWriter } from './vcd.ts';

/** Period (and phase) of a domain's clock in picoseconds. Rising edges at `phase + k * period` (k >= 1). */
export interface ClockSpec {
  readonly period: number;
  readonly phase?: number;
}

/** Options of a {@link Simulator}. */
export interface SimulatorOptions {
  /** Clock of each domain by name: a period in ps or a {@link ClockSpec}. Default: 10 000 ps (100 MHz), phase 0. */
  readonly clocks?: Readonly<Record<string, number | ClockSpec>>;
  /** Record a VCD waveform: the file to write (rewritten atomically after every `run`/`runBatch`) and which signals. */
  readonly vcd?: string | { readonly path: string; readonly signals?: readonly SignalRef[]; readonly stateNames?: boolean; readonly fields?: boolean };
  /**
   * The limit of a `run()` without one: a {@link SimTimeoutError} when passed (so a testbench whose `until()` never
   * holds fails instead of spinning). Default: 10^6 periods of the slowest clock (10 ms with no clocks);
   * `null` for none.
   */
  readonly timeout?: { readonly ps?: number; readonly cycles?: number; readonly domain?: string } | null;
}

/** Options of {@link Simulator.process}. */
export interface ProcessOptions {
  readonly name?: string;
  /**
   * A passive process (a monitor, a checker, a clock-like driver) does not keep `run()` alive: a run without a
   * limit ends when every other process has finished, wherever the passive ones wait.
   */
  readonly passive?: boolean;
}

/** Limit of one `until()`: cycles of a domain or picoseconds; when passed, the `until` rejects with {@link SimTimeoutError}. */
export interface UntilOptions {
  readonly cycles?: number;
  readonly ps?: number;
  readonly domain?: string;
}

/** What a testbench process can do. Every `await` must be on one of these (or on a promise built from them). */
export interface ProcessContext {
  /** Current simulation time in picoseconds. */
  readonly now: number;
  set(signal: SignalRef, value: bigint | number | boolean): void;
  get(signal: SignalRef): bigint;
  getNumber(signal: SignalRef): number;
  /** Waits for `count` rising edges of `domain` (default: the only domain, or `sync`); returns after the edge. */
  tick(domain?: string, count?: number): Promise<void>;
  /**
   * Holds `domain`'s reset (default: the only domain, or `sync`) at its active level (high, or low for `rst_n`) for
   * `cycles` rising edges (default 1), then releases it: by the domain's own reset port, whatever it is named.
   * @example await ctx.reset(); // a cycle of reset, then run
   */
  reset(domain?: string, cycles?: number): Promise<void>;
  /** Waits `ps` picoseconds. */
  delay(ps: number): Promise<void>;
  /**
   * Waits until `cond()` is true (checked after every change of time and after other processes ran). With a limit,
   * rejects with {@link SimTimeoutError} (naming the call's line) when `cond()` has not held by then.
   */
  until(cond: () => boolean, limit?: UntilOptions): Promise<void>;
  /** The state name of an FSM state signal (through its decoder). */
  stateName(signal: SignalRef): string | undefined;
}

/** Options of {@link Simulator.runBatch}. */
export interface BatchRunOptions {
  /** Clock domain whose cycles are run (default: the only domain, or `sync`). */
  readonly domain?: string;
  readonly cycles: number;
  /**
   * Stimulus: a function called at the start of every cycle (it may call `sim.set`), or per-cycle values by signal
   * (typed arrays are the fast path for signals up to 32 bits).
   */
  readonly inputs?: ((cycle: number) => void) | Readonly<Record<string, BatchInput['values']>>;
  /** Signals whose pre-edge value is recorded every cycle. */
  readonly record?: readonly SignalRef[];
  /** Receives the recorded values of each cycle (in `record` order) instead of keeping traces. The array is reused. */
  readonly sink?: (cycle: number, values: readonly (number | bigint)[]) => void;
}

type Wait =
  | { kind: 'start' }
  | { kind: 'tick'; domain: number; left: number }
  | { kind: 'delay'; at: number }
  | { kind: 'until'; cond: () => boolean; at: number; what: string; loc: SourceLoc | undefined };

interface Proc {
  readonly name: string;
  readonly index: number;
  readonly fn: (ctx: ProcessContext) => Promise<void>;
  readonly passive: boolean;
  wait: Wait | null;
  done: boolean;
  resume: (() => void) | null;
  /** Rejects the pending wait (an `until` past its limit). */
  fail: ((e: unknown) => void) | null;
}

interface Clock {
  readonly domain: number;
  readonly name: string;
  readonly clk: Signal;
  readonly period: number;
  nextRise: number;
  nextFall: number;
}

const DEFAULT_PERIOD = 10_000;
const MAX_DELTAS = 100_000;

/**
 * A simulation of an elaborated design on the built-in backend.
 *
 * @example
 * const sim = new Simulator(elaborate(counter), { clocks: { sync: 10_000 } });
 * sim.process(async (ctx) => {
 *   ctx.set('en', 1);
 *   await ctx.tick();
 *   await ctx.until(() => ctx.get('count') === 5n);
 * });
 * await sim.run();
 * sim.get('count'); // 5n
 */
export class Simulator {
  /** The built-in backend, or null when the simulator drives a Verilator model. */
  readonly backend: BuiltinBackend | null;
  private readonly engine: ClockedEngine;
  private nowPs = 0;
  private readonly clocks: Clock[];
  private readonly procs: Proc[] = [];
  private dirty = false;
  private running = false;
  private waitingOn: { p: Proc; resolve: () => void; reject: (e: unknown) => void } | null = null;
  private failure: unknown = null;
  private readonly vcd: VcdWriter | null;
  private readonly timeout: SimulatorOptions['timeout'];

  /**
   * @param model a Verilator model of the same design (from `createBackend`) to drive instead of the built-in backend;
   *   testbenches then see the top-level ports only (and so does a VCD), and memories are not available.
   */
  constructor(design: Design, opts: SimulatorOptions = {}, model?: SimBackend) {
    if (model && model.backend !== 'builtin') {
      this.backend = null;
      this.engine = portEngine(design, model);
    } else {
      this.backend = model instanceof BuiltinBackend ? model : new BuiltinBackend(design);
      this.engine = builtinEngine(this.backend);
    }
    const flat = this.engine.flat;
    for (const name of Object.keys(opts.clocks ?? {})) {
      if (!flat.domains.some((d) => d.name === name)) throw new SimUsageError(`clocks: the design has no domain '${name}' (domains: ${flat.domains.map((d) => d.name).join(', ') || 'none'})`);
    }
    this.clocks = flat.domains.map((d, i) => {
      const spec = opts.clocks?.[d.name];
      const period = typeof spec === 'number' ? spec : spec?.period ?? DEFAULT_PERIOD;
      const phase = typeof spec === 'object' ? spec.phase ?? 0 : 0;
      if (!Number.isSafeInteger(period) || period < 2) throw new SimUsageError(`clock of domain '${d.name}': period must be an integer of at least 2 ps, got ${period}`);
      if (!Number.isSafeInteger(phase) || phase < 0) throw new SimUsageError(`clock of domain '${d.name}': phase must be a non-negative integer, got ${phase}`);
      return { domain: i, name: d.name, clk: d.clk, period, nextRise: phase + period, nextFall: phase + period + Math.floor(period / 2) };
    });
    const v = typeof opts.vcd === 'string' ? { path: opts.vcd } : opts.vcd;
    this.vcd = v ? new VcdWriter(this.engine, v.path, { ...(v.signals ? { signals: v.signals } : {}), ...('stateNames' in v ? { stateNames: v.stateNames ?? false } : {}), ...('fields' in v ? { fields: v.fields ?? false } : {}) }) : null;
    this.vcd?.sample(0);
    this.timeout = opts.timeout === undefined
      ? { ps: 1_000_000 * (this.clocks.length ? Math.max(...this.clocks.map((c) => c.period)) : DEFAULT_PERIOD) }
      : opts.timeout;
    if (this.timeout?.domain !== undefined) this.domainIndex(this.timeout.domain);
  }

  /** Current simulation time in picoseconds. */
  get now(): number {
    return this.nowPs;
  }

  // ---- values ----
  /** Sets an input (or any signal until the logic recomputes it). Clocks are driven by the simulator. */
  set(ref: SignalRef, value: bigint | number | boolean): void {
    const s = this.engine.signal(ref);
    const port = this.engine.flat.top.ports.find((p) => p.signal === s);
    if (port?.direction === 'output') throw new OutputPortSetError(`'${this.engine.path(s)}' is an output port: the design drives it, so a value set from the testbench would be lost; set an input`, [callerLoc()]);
    if (this.clocks.some((c) => c.clk === s)) throw new SimUsageError(`'${this.engine.path(s)}' is a clock: the simulator drives it (set its period with the \`clocks\` option)`);
    this.engine.set(s, value);
    this.dirty = true;
  }
  /** The current value (settled). Signed signals give negative bigints. */
  get(ref: SignalRef): bigint {
    this.settle();
    return this.engine.get(ref);
  }
  /** The current value as a number (signals up to 53 bits). */
  getNumber(ref: SignalRef): number {
    this.settle();
    return this.engine.getNumber(ref);
  }
  /** The state name of an FSM's state signal, through the signal's decoder (undefined when it has none). */
  stateName(ref: SignalRef): string | undefined {
    const s = this.engine.signal(ref);
    return s.decoder?.(this.get(s));
  }

  // ---- memories ----
  private builtin(what: string): BuiltinBackend {
    if (!this.backend) throw new SimUsageError(`${what} needs the built-in backend (the ${this.engine.kind} Verilator model shows ports only)`);
    return this.backend;
  }
  private memory(mem: Memory | string): { backend: BuiltinBackend; index: number } {
    const backend = this.builtin('memory access');
    const mems = backend.flat.memories;
    const found = typeof mem === 'string' ? mems.filter((m) => m.path === mem) : mems.filter((m) => m.source === mem);
    if (found.length !== 1) {
      const what = typeof mem === 'string' ? `'${mem}'` : `'${mem.name}'`;
      throw new SimUsageError(found.length ? `memory ${what} exists in several instances: name it by path (${found.map((m) => m.path).join(', ')})` : `unknown memory ${what} (memories: ${mems.map((m) => m.path).join(', ') || 'none'})`);
    }
    const index = mems.indexOf(found[0]!);
    return { backend, index };
  }
  /** Reads a memory word (memory object or hierarchical path). */
  readMemory(mem: Memory | string, addr: number): bigint {
    const { backend, index } = this.memory(mem);
    const m = this.engine.flat.memories[index]!;
    this.checkAddr(m.path, m.depth, addr);
    return backend.compiled.readMemory(index, addr);
  }
  /** Writes a memory word; combinational reads see it at the next settle. */
  writeMemory(mem: Memory | string, addr: number, value: bigint | number): void {
    const { backend, index } = this.memory(mem);
    const m = this.engine.flat.memories[index]!;
    this.checkAddr(m.path, m.depth, addr);
    const v = BigInt(value);
    checkFits(v, m.shape, `word for memory '${m.path}'`);
    backend.compiled.writeMemory(index, addr, v);
    this.dirty = true;
  }
  private checkAddr(path: string, depth: number, addr: number): void {
    if (!Number.isInteger(addr) || addr < 0 || addr >= depth) throw new SimUsageError(`address ${addr} is outside memory '${path}' (depth ${depth})`);
  }

  private settle(): void {
    if (this.dirty) {
      this.engine.settle();
      this.dirty = false;
    }
  }

  private domainIndex(domain: string | undefined): number {
    const ds = this.engine.flat.domains;
    if (domain === undefined) {
      if (ds.length === 1) return 0;
      const i = ds.findIndex((d) => d.name === 'sync');
      if (i < 0) throw new SimUsageError(`the design has ${ds.length} domains (${ds.map((d) => d.name).join(', ')}): name one`);
      return i;
    }
    const i = ds.findIndex((d) => d.name === domain);
    if (i < 0) throw new SimUsageError(`unknown domain '${domain}' (domains: ${ds.map((d) => d.name).join(', ') || 'none'})`);
    return i;
  }

  // ---- processes ----
  /**
   * Adds a testbench process. Processes start at the next `run`, in the order they were added, and always resume in
   * that order, so a simulation is deterministic.
   */
  process(fn: (ctx: ProcessContext) => Promise<void>, opts: string | ProcessOptions = {}): void {
    const o = typeof opts === 'string' ? { name: opts } : opts;
    const name = o.name ?? `process ${this.procs.length}`;
    this.procs.push({ name, index: this.procs.length, fn, passive: o.passive ?? false, wait: { kind: 'start' }, done: false, resume: null, fail: null });
  }

  private contextFor(p: Proc): ProcessContext {
    const sim = this;
    const waitFor = (w: Wait): Promise<void> => {
      if (p.done) throw new SimUsageError(`${p.name} has finished and cannot wait`);
      if (sim.waitingOn?.p !== p) throw new SimUsageError(`${p.name} waited while another process was running: await each ctx call before the next`);
      return new Promise<void>((resolve, reject) => {
        p.wait = w;
        p.resume = resolve;
        p.fail = reject;
        sim.yielded(p);
      });
    };
    return {
      get now() { return sim.nowPs; },
      set: (s, v) => sim.set(s, v),
      get: (s) => sim.get(s),
      getNumber: (s) => sim.getNumber(s),
      stateName: (s) => sim.stateName(s),
      tick: (domain, count = 1) => {
        if (!Number.isInteger(count) || count < 1) throw new SimUsageError(`tick count must be a positive integer, got ${count}`);
        return waitFor({ kind: 'tick', domain: sim.domainIndex(domain), left: count });
      },
      reset: async (domain, cycles = 1) => {
        if (!Number.isInteger(cycles) || cycles < 1) throw new SimUsageError(`reset cycles must be a positive integer, got ${cycles}`);
        const di = sim.domainIndex(domain);
        const d = sim.engine.flat.domains[di]!;
        if (!d.rst) throw new SimUsageError(`domain '${d.name}' has no reset`);
        const active = d.resetActive === 'low' ? 0 : 1;
        sim.engine.set(d.rst, active);
        await waitFor({ kind: 'tick', domain: di, left: cycles });
        sim.engine.set(d.rst, 1 - active);
      },
      delay: (ps) => {
        if (!Number.isSafeInteger(ps) || ps < 0) throw new SimUsageError(`delay must be a non-negative integer of ps, got ${ps}`);
        return waitFor({ kind: 'delay', at: sim.nowPs + ps });
      },
      until: (cond, limit) => {
        const loc = callerLoc();
        const at = limit ? sim.limitTime(limit) : Infinity;
        const what = `until() ${loc ? `at ${formatLoc(loc)} ` : ''}${limit ? `(limit ${limit.cycles !== undefined ? `${limit.cycles} cycles` : `${limit.ps ?? 0} ps`})` : ''}`.trim();
        return waitFor({ kind: 'until', cond, at, what, loc });
      },
    };
  }

  private yielded(p: Proc): void {
    const w = this.waitingOn;
    if (w && w.p === p) {
      this.waitingOn = null;
      w.resolve();
    }
  }

  private ready(p: Proc): boolean {
    const w = p.wait;
    if (p.done || !w) return false;
    switch (w.kind) {
      case 'start': return true;
      case 'delay': return w.at <= this.nowPs;
      case 'tick': return w.left === 0;
      case 'until': return w.cond() || this.nowPs >= w.at;
    }
  }

  /** Resumes one process and waits until it waits again or ends. */
  private resume(p: Proc): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waitingOn = { p, resolve, reject };
      const w = p.wait!;
      p.wait = null;
      if (w.kind === 'start') {
        let result: Promise<void>;
        try {
          result = p.fn(this.contextFor(p));
        } catch (e) {
          result = Promise.reject(e);
        }
        result.then(() => { p.done = true; this.yielded(p); }, (e: unknown) => {
          p.done = true;
          const err = new ProcessFailedError(`${p.name} failed at ${this.nowPs} ps: ${e instanceof Error ? e.message : String(e)}`);
          (err as { cause?: unknown }).cause = e;
          this.failure ??= err;
          const wo = this.waitingOn;
          this.waitingOn = null;
          if (wo) wo.reject(err);
        });
      } else if (w.kind === 'until' && this.nowPs >= w.at && !w.cond()) {
        const f = p.fail!;
        p.resume = null;
        p.fail = null;
        f(new SimTimeoutError(`${p.name}: the condition of until() did not hold by ${this.nowPs} ps (its limit)`, [w.loc]));
      } else {
        const r = p.resume!;
        p.resume = null;
        p.fail = null;
        r();
      }
    });
  }

  /** Runs every ready process at the current time, repeatedly, until none is ready. */
  private async deltas(): Promise<void> {
    for (let round = 0; ; round++) {
      const ready = this.procs.filter((p) => this.ready(p));
      if (ready.length === 0) return;
      if (round > MAX_DELTAS) throw new ZeroDelayLoopError(`${ready.map((p) => p.name).join(', ')} resumed ${MAX_DELTAS} times at ${this.nowPs} ps without time advancing (a loop of delay(0) or of an until() that is already true?)`);
      for (const p of ready) {
        await this.resume(p);
        if (this.failure) throw this.failure;
      }
    }
  }

  private nextEventTime(): number {
    let t = Infinity;
    for (const c of this.clocks) t = Math.min(t, c.nextRise, c.nextFall);
    for (const p of this.procs) if (!p.done && (p.wait?.kind === 'delay' || p.wait?.kind === 'until')) t = Math.min(t, p.wait.at);
    return t;
  }

  /** Moves time to `t` (an event time): clock falls, then rises, settle, the edges of risen domains. */
  private advanceClocksAt(t: number): number {
    const e = this.engine;
    this.nowPs = t;
    let mask = 0;
    let changed = false;
    for (const k of this.clocks) {
      if (k.nextFall === t) { e.setClockLevel(k.clk, 0); k.nextFall += k.period; changed = true; }
    }
    for (const k of this.clocks) {
      if (k.nextRise === t) { e.setClockLevel(k.clk, 1); k.nextRise += k.period; mask |= 1 << k.domain; }
    }
    if (mask || (changed && e.readsClock) || this.dirty) {
      e.settle();
      if (mask) e.edge(mask);
      this.dirty = false;
    }
    if (mask) {
      for (const p of this.procs) if (!p.done && p.wait?.kind === 'tick' && ((mask >> p.wait.domain) & 1) && p.wait.left > 0) p.wait.left--;
    }
    return mask;
  }

  private limitTime(limit: number | { ps?: number; cycles?: number; domain?: string } | undefined): number {
    if (limit === undefined) return Infinity;
    if (typeof limit === 'number') {
      if (!Number.isSafeInteger(limit) || limit < 0) throw new SimUsageError(`run(ps): ps must be a non-negative integer, got ${limit}`);
      return this.nowPs + limit;
    }
    if (limit.cycles !== undefined) {
      if (!Number.isInteger(limit.cycles) || limit.cycles < 0) throw new SimUsageError(`cycles must be a non-negative integer, got ${limit.cycles}`);
      const k = this.clocks[this.domainIndex(limit.domain)]!;
      return limit.cycles === 0 ? this.nowPs : k.nextRise + (limit.cycles - 1) * k.period;
    }
    return this.nowPs + (limit.ps ?? 0);
  }

  /**
   * Runs the simulation: for `ps` picoseconds (a number), for `{ cycles, domain }` rising edges, or (no argument)
   * until every process has finished. Throws {@link DeadlockError} when processes wait for something that can never
   * happen, {@link ProcessStalledError} when a process awaits something other than its context, and
   * {@link ProcessFailedError} when a process throws.
   */
  async run(limit?: number | { ps?: number; cycles?: number; domain?: string }): Promise<void> {
    if (this.running) throw new SimUsageError('run() is already running: await it before calling it again');
    const deadline = this.limitTime(limit);
    const timeoutAt = limit === undefined && this.timeout ? this.limitTime(this.timeout) : Infinity;
    this.running = true;
    this.failure = null;
    let stalled: ProcessStalledError | null = null;
    // If the event loop ever gets a turn while we wait for a process, that process awaited something foreign.
    const watchdog = setInterval(() => {
      const w = this.waitingOn;
      if (!w) return;
      stalled = new ProcessStalledError(`${w.p.name} awaited something other than its ProcessContext (tick, delay, until) at ${this.nowPs} ps; a process may only await the simulator`);
      this.waitingOn = null;
      w.reject(stalled);
    }, 0);
    try {
      await this.deltas();
      this.sample();
      for (;;) {
        const pending = this.procs.filter((p) => !p.done && !p.passive);
        if (deadline === Infinity && pending.length === 0) break;
        const t = this.nextEventTime();
        if (t > timeoutAt && t !== Infinity) {
          throw new SimTimeoutError(`run() passed its limit (${this.describeTimeout()}) at ${this.nowPs} ps with ${pending.map((p) => `${p.name} waiting for ${describeWait(p.wait)}`).join(', ')}; pass run({ cycles }) or the \`timeout\` option for longer runs`);
        }
        if (t === Infinity) {
          if (pending.length) throw new DeadlockError(`deadlock at ${this.nowPs} ps: no clock or delay can wake ${pending.map((p) => `${p.name} (waiting for ${describeWait(p.wait)})`).join(', ')}`);
          this.nowPs = deadline;
          break;
        }
        if (t > deadline) { this.nowPs = deadline; break; }
        if (!this.procs.some((p) => !p.done) && !this.vcd) {
          this.freeRun(deadline);
          break;
        }
        this.advanceClocksAt(t);
        await this.deltas();
        this.sample();
      }
    } catch (e) {
      throw stalled ?? e;
    } finally {
      clearInterval(watchdog);
      this.running = false;
      this.settle();
      this.vcd?.save();
    }
  }

  private describeTimeout(): string {
    const t = this.timeout!;
    return t.cycles !== undefined ? `${t.cycles} cycles${t.domain ? ` of '${t.domain}'` : ''}` : `${t.ps ?? 0} ps`;
  }

  /** Advances to `deadline` with no process waiting: one domain runs in the compiled loop, several event by event. */
  private freeRun(deadline: number): void {
    const loop = this.engine.loop;
    if (this.clocks.length === 1 && !this.engine.readsClock && loop) {
      const k = this.clocks[0]!;
      const n = k.nextRise <= deadline ? Math.floor((deadline - k.nextRise) / k.period) + 1 : 0;
      if (n > 0) {
        this.settle();
        loop(1 << k.domain, n);
        k.nextRise += n * k.period;
        k.nextFall = k.nextRise - k.period + Math.floor(k.period / 2);
      }
      // The clock level is not visible to this design's logic; keep the schedule consistent.
      if (k.nextFall <= deadline) k.nextFall += k.period;
      this.nowPs = deadline;
      return;
    }
    for (let t = this.nextEventTime(); t <= deadline; t = this.nextEventTime()) this.advanceClocksAt(t);
    this.nowPs = deadline;
  }

  // ---- batch ----
  /**
   * Runs `cycles` cycles of a domain without per-cycle awaits. Each cycle: apply the inputs, settle, record the
   * pre-edge values, rising edge (other domains' edges in between are processed on the way). Returns the recorded
   * traces by name (empty when a `sink` is given).
   */
  runBatch(opts: BatchRunOptions): Map<string, ValueTrace> {
    if (this.running) throw new SimUsageError('runBatch() cannot run inside run()');
    if (this.procs.some((p) => !p.done && p.wait?.kind !== 'start')) throw new SimUsageError('runBatch() cannot run while processes are waiting: finish them with run() first');
    const di = this.domainIndex(opts.domain);
    const k = this.clocks[di]!;
    const n = opts.cycles;
    if (!Number.isInteger(n) || n < 0) throw new SimUsageError(`cycles must be a non-negative integer, got ${n}`);
    const b = this.backend;
    if (!b) return this.runBatchOnPorts(opts, di, n);
    const apply: ((cycle: number) => void)[] = [];
    if (typeof opts.inputs === 'function') apply.push(opts.inputs);
    else for (const [port, values] of Object.entries(opts.inputs ?? {})) apply.push(b.inputApplier({ port, values }, n));
    const rec = b.recorders(opts.record ?? [], opts.sink ? 1 : n);
    const sinkVals: (number | bigint)[] = new Array<number | bigint>(rec.length);
    const c = b.compiled;
    const single = this.clocks.length === 1 && !c.readsClock && !this.vcd;
    const clkIndex = c.slots.get(k.clk)!.index;
    for (let cyc = 0; cyc < n; cyc++) {
      for (const f of apply) f(cyc);
      this.dirty = false;
      c.settle();
      if (this.vcd) this.vcd.sample(this.nowPs);
      if (opts.sink) {
        for (let r = 0; r < rec.length; r++) { rec[r]!.take(0); sinkVals[r] = rec[r]!.trace.values[0]!; }
        opts.sink(cyc, sinkVals);
      } else for (const r of rec) r.take(cyc);
      if (single) {
        c.I[clkIndex] = 1;
        c.edge(1 << di);
        c.I[clkIndex] = 0;
        this.nowPs = k.nextRise;
        k.nextRise += k.period;
        k.nextFall = k.nextRise - k.period + Math.floor(k.period / 2);
      } else {
        for (let mask = 0; !((mask >> di) & 1);) {
          mask = this.advanceClocksAt(this.nextEventTime());
          this.sample();
        }
      }
    }
    this.vcd?.save();
    return opts.sink ? new Map() : new Map(rec.map((r) => [r.name, r.trace]));
  }

  /** The batch loop over a Verilator model's ports: the same cycle semantics, one settle per step. */
  private runBatchOnPorts(opts: BatchRunOptions, di: number, n: number): Map<string, ValueTrace> {
    const e = this.engine;
    const inputs = typeof opts.inputs === 'function' || !opts.inputs ? null : Object.entries(opts.inputs).map(([port, values]) => ({ s: e.signal(port), values }));
    const rec = (opts.record ?? []).map((r) => e.signal(r));
    const traces = rec.map((s) => (s.width <= 53 ? new Float64Array(opts.sink ? 0 : n) : new Array<bigint>(opts.sink ? 0 : n)));
    const vals: (number | bigint)[] = new Array<number | bigint>(rec.length);
    for (let cyc = 0; cyc < n; cyc++) {
      if (typeof opts.inputs === 'function') opts.inputs(cyc);
      else for (const x of inputs ?? []) e.set(x.s, x.values[cyc]!);
      e.settle();
      this.dirty = false;
      this.vcd?.sample(this.nowPs);
      rec.forEach((s, r) => { const v = e.get(s); vals[r] = s.width <= 53 ? Number(v) : v; });
      if (opts.sink) opts.sink(cyc, vals);
      else rec.forEach((_, r) => { (traces[r] as (number | bigint)[])[cyc] = vals[r]!; });
      for (let mask = 0; !((mask >> di) & 1);) { mask = this.advanceClocksAt(this.nextEventTime()); this.sample(); }
    }
    this.vcd?.save();
    return opts.sink ? new Map() : new Map(rec.map((s, r) => [this.engine.path(s), new ValueTrace(this.engine.path(s), s.width, s.signed, traces[r]!)]));
  }

  private sample(): void {
    if (!this.vcd) return;
    this.settle();
    this.vcd.sample(this.nowPs);
  }

  /** The VCD collected so far (null when the simulator was made without `vcd`). */
  vcdText(): string | null {
    return this.vcd?.text() ?? null;
  }

  /** Writes the final waveform (when recording one) and ends it; the simulator can still run, without a waveform. */
  closeWaveform(): void {
    this.vcd?.close();
  }
}

function describeWait(w: Wait | null): string {
  if (!w) return 'nothing';
  switch (w.kind) {
    case 'start': return 'its start';
    case 'tick': return `${w.left} more clock edge(s)`;
    case 'delay': return `time ${w.at} ps`;
    case 'until': return w.what === 'until()' ? 'a condition' : w.what;
  }
}
