/**
 * The reference interpreter: a deliberately simple, slow, obviously-correct cycle simulator of a flat netlist, built
 * on the operator table (`hdl/ir/ops.ts`). It is the oracle for testing faster simulators and the standard library;
 * it supports every construct (all domains, resets, memories) but not speed. Values of nets are computed in net
 * order and combinational signals in dependency order, so designs of any depth run without growing the call stack.
 */
import { MeramError } from '../../common/errors.ts';
import { wrap } from '../../hdl/core/shape.ts';
import type { Signal } from '../../hdl/core/value.ts';
import { type FlatDesign, type FlatDomain, type IrMemory, type IrRule, type Net, forEachRuleNet, signalsReadBy } from '../../hdl/ir/netlist.ts';
import { OPS } from '../../hdl/ir/ops.ts';

/** Raised when a design cannot be simulated (e.g. a black box without a model). */
export class SimulationError extends MeramError {}

/**
 * Steps a flat netlist one clock edge at a time.
 * @example
 * const ref = new ReferenceInterpreter(elaborate(top).flat);
 * ref.set(en, 1n); ref.step('sync'); console.log(ref.get(count));
 */
export class ReferenceInterpreter {
  /** Current value of every signal (combinational ones after the last settle). */
  private readonly state: bigint[];
  private readonly mems: bigint[][];
  private readonly comb = new Map<number, IrRule>();
  private readonly combRead = new Map<number, { mem: number; addr: Net }>();
  /** Combinational signals in dependency order. */
  private readonly order: number[];
  private net: (bigint | undefined)[] = [];
  private settled = false;

  constructor(private readonly flat: FlatDesign) {
    if (flat.missingModels.length) {
      const m = flat.missingModels[0]!;
      throw new SimulationError(`black box '${m.path}' (${m.moduleName}) has no simulation model`, [m.site.loc]);
    }
    this.state = flat.signals.map((s) => s.signal.reset);
    for (const d of flat.drivers) if (d.domain === null) this.comb.set(d.target, d.rule);
    this.mems = flat.memories.map((m) => Array.from({ length: m.depth }, (_, i) => m.init[i] ?? 0n));
    flat.memories.forEach((m, k) => {
      for (const p of m.readPorts) {
        if (p.domain === null) this.combRead.set(p.data, { mem: k, addr: p.addr });
        else this.state[p.data] = 0n;
      }
    });
    this.order = this.combOrder();
  }

  /** Sets an input (or any undriven signal). */
  set(s: Signal, v: bigint | number): void {
    const i = this.index(s);
    this.state[i] = wrap(BigInt(v), s.shape);
    this.settled = false;
  }

  /** Current value of any signal (combinational ones are settled on demand). */
  get(s: Signal): bigint {
    this.settle();
    return this.state[this.index(s)]!;
  }

  /** Contents of a memory. */
  memory(path: string): readonly bigint[] {
    const k = this.flat.memories.findIndex((x) => x.path === path);
    if (k < 0) throw new SimulationError(`no memory '${path}'`);
    return this.mems[k]!;
  }

  /** One rising edge of `domain`'s clock: every register of the domain updates from pre-edge values. */
  step(domain = 'sync'): void {
    const dom = this.flat.domains.find((d) => d.name === domain);
    if (!dom) throw new SimulationError(`no clock domain '${domain}'`);
    this.settle();
    const inReset = this.inReset(dom);
    const next: [number, bigint][] = [];
    for (const d of this.flat.drivers) {
      if (d.domain !== domain) continue;
      const s = this.flat.signals[d.target]!.signal;
      if (inReset && !s.resetLess) next.push([d.target, s.reset]);
      else next.push([d.target, this.rule(d.rule, s, this.state[d.target]!)]);
    }
    const writes: (() => void)[] = []; // after every read: reads see the words from before the edge
    this.flat.memories.forEach((m: IrMemory, k) => {
      const arr = this.mems[k]!;
      // Each write port of the domain as (address, lane mask of the bits it writes, data); ports in order.
      const ports = m.writePorts.filter((p) => p.domain === domain).map((p) => {
        const en = this.value(p.en);
        let bits = 0n;
        for (let i = 0; i < m.shape.width / p.granularity; i++) if ((en >> BigInt(i)) & 1n) bits |= ((1n << BigInt(p.granularity)) - 1n) << BigInt(i * p.granularity);
        return { addr: this.value(p.addr), bits, data: BigInt.asUintN(m.shape.width, this.value(p.data)) };
      });
      const merge = (old: bigint, w: { bits: bigint; data: bigint }): bigint => wrap((BigInt.asUintN(m.shape.width, old) & ~w.bits) | (w.data & w.bits), m.shape);
      for (const p of m.readPorts) {
        if (p.domain !== domain || (p.en !== null && this.value(p.en) === 0n)) continue;
        if (p.transparency === 'no-change' && ports.some((w) => w.bits !== 0n)) continue;
        const a = this.value(p.addr);
        if (a >= BigInt(m.depth)) { next.push([p.data, 0n]); continue; }
        let word = arr[Number(a)]!;
        if (p.transparency === 'write-first') for (const w of ports) if (w.addr === a) word = merge(word, w);
        next.push([p.data, word]);
      }
      for (const w of ports) if (w.bits !== 0n && w.addr < BigInt(m.depth)) writes.push(() => { arr[Number(w.addr)] = merge(arr[Number(w.addr)]!, w); });
    });
    for (const [s, v] of next) this.state[s] = v;
    for (const write of writes) write();
    this.settled = false;
  }

  /** The domain's reset input is at its active level. */
  private inReset(dom: FlatDomain): boolean {
    return dom.rst !== null && this.state[this.index(dom.rst)] === (dom.resetActive === 'low' ? 0n : 1n);
  }

  private index(s: Signal): number {
    const i = this.flat.indexOf.get(s);
    if (i === undefined) throw new SimulationError(`signal '${s.name}' is not part of the design`);
    return i;
  }

  /** Asynchronous resets, then the combinational signals in dependency order (repeated while a reset changes). */
  private settle(): void {
    if (this.settled) return;
    for (;;) {
      this.net = new Array<bigint | undefined>(this.flat.cells.length);
      for (const i of this.order) {
        const rd = this.combRead.get(i);
        const s = this.flat.signals[i]!.signal;
        if (rd) { const a = this.value(rd.addr); const mem = this.flat.memories[rd.mem]!; this.state[i] = a < BigInt(mem.depth) ? this.mems[rd.mem]![Number(a)]! : 0n; }
        else this.state[i] = wrap(this.rule(this.comb.get(i)!, s, s.reset), s.shape);
      }
      if (!this.applyAsyncResets()) break;
    }
    this.settled = true;
  }

  /** Registers of asserted asynchronous resets take their reset values; true when one changed. */
  private applyAsyncResets(): boolean {
    let changed = false;
    for (const dom of this.flat.domains) {
      if (dom.resetKind !== 'async' || !this.inReset(dom)) continue;
      for (const d of this.flat.drivers) {
        const s = this.flat.signals[d.target]!.signal;
        if (d.domain === dom.name && !s.resetLess && this.state[d.target] !== s.reset) { this.state[d.target] = s.reset; changed = true; }
      }
    }
    return changed;
  }

  /** The value of a net: its cone computed in net order (signals read from the state). */
  private value(root: Net): bigint {
    const hit = this.net[root];
    if (hit !== undefined) return hit;
    const cells = this.flat.cells;
    const todo: Net[] = [];
    const mark = new Uint8Array(root + 1);
    mark[root] = 1;
    for (let n = root; n >= 0; n--) {
      if (!mark[n] || this.net[n] !== undefined) continue;
      todo.push(n);
      const c = cells[n]!;
      if (c.kind === 'op') for (const a of c.args) mark[a] = 1;
    }
    for (let k = todo.length - 1; k >= 0; k--) {
      const n = todo[k]!;
      const c = cells[n]!;
      this.net[n] = c.kind === 'const' ? c.value
        : c.kind === 'signal' ? this.state[c.signal]!
          : OPS[c.op].eval(c.args.map((a) => this.net[a]!), c.shape, c.args.map((a) => cells[a]!.shape), c.param);
    }
    return this.net[root]!;
  }

  private rule(rule: IrRule, target: Signal, hold: bigint): bigint {
    switch (rule.kind) {
      case 'hold': return hold;
      case 'assign': return wrap(this.value(rule.value), target.shape);
      case 'if': {
        for (const b of rule.branches) if (this.value(b.cond) !== 0n) return this.rule(b.body, target, hold);
        return this.rule(rule.else, target, hold);
      }
      case 'switch': {
        const w = this.flat.cells[rule.subject]!.shape.width;
        const s = BigInt.asUintN(w, this.value(rule.subject));
        for (const c of rule.cases) if (c.values.some((x) => BigInt.asUintN(w, x) === s)) return this.rule(c.body, target, hold);
        return this.rule(rule.default, target, hold);
      }
    }
  }

  /** Combinational signals (drivers and comb memory reads) sorted so each comes after those it reads. */
  private combOrder(): number[] {
    const deps = new Map<number, number[]>();
    for (const [s, rule] of this.comb) {
      const nets: Net[] = [];
      forEachRuleNet(rule, (n) => nets.push(n));
      deps.set(s, [...signalsReadBy(this.flat.cells, nets)]);
    }
    for (const [s, r] of this.combRead) deps.set(s, [...signalsReadBy(this.flat.cells, [r.addr])]);
    const order: number[] = [];
    const state = new Map<number, 1 | 2>();
    for (const start of deps.keys()) {
      if (state.has(start)) continue;
      const stack: { s: number; i: number }[] = [{ s: start, i: 0 }];
      state.set(start, 1);
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        const ds = deps.get(top.s)!;
        if (top.i >= ds.length) { state.set(top.s, 2); order.push(top.s); stack.pop(); continue; }
        const n = ds[top.i++]!;
        if (!deps.has(n) || state.get(n) === 2) continue;
        if (state.get(n) === 1) throw new SimulationError(`combinational loop through '${this.flat.signals[n]!.path}'`);
        state.set(n, 1);
        stack.push({ s: n, i: 0 });
      }
    }
    return order;
  }
}
