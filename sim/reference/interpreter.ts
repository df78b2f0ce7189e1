/**
 * The reference interpreter: a deliberately simple, slow, obviously-correct cycle simulator of a flattened design,
 * built on the reference evaluator (`applyOp`). It is the oracle for testing faster simulators and the standard
 * library; it supports every construct (all domains, resets, memories) but not speed.
 */
import { applyOp } from '../../hdl/core/evaluate.ts';
import { MeramError } from '../../common/errors.ts';
import type { FlatDesign, FlatMemory } from '../../hdl/core/flatten.ts';
import type { Rule } from '../../hdl/core/lower.ts';
import { wrap } from '../../hdl/core/shape.ts';
import type { Operator, Signal, Value } from '../../hdl/core/value.ts';

/** Raised when a design cannot be simulated (e.g. a black box without a model). */
export class SimulationError extends MeramError {}

/**
 * Steps a flattened design one clock edge at a time.
 * @example
 * const ref = new ReferenceInterpreter(elaborate(top).flat);
 * ref.set(en, 1n); ref.step('sync'); console.log(ref.get(count));
 */
export class ReferenceInterpreter {
  private readonly state = new Map<Signal, bigint>();
  private readonly mems = new Map<FlatMemory, bigint[]>();
  private readonly comb = new Map<Signal, Rule>();
  private readonly combRead = new Map<Signal, { mem: FlatMemory; addr: Value }>();
  private cache = new Map<Value, bigint>();

  constructor(private readonly flat: FlatDesign) {
    if (flat.missingModels.length) {
      const m = flat.missingModels[0]!;
      throw new SimulationError(`black box '${m.path}' (${m.moduleName}) has no simulation model`, [m.site.loc]);
    }
    for (const s of flat.signals) this.state.set(s, s.reset);
    for (const d of flat.drivers) if (d.domain === null) this.comb.set(d.target, d.rule);
    for (const m of flat.memories) {
      this.mems.set(m, Array.from({ length: m.depth }, (_, i) => m.init[i] ?? 0n));
      for (const p of m.readPorts) {
        if (p.domain === null) this.combRead.set(p.data, { mem: m, addr: p.addr });
        else this.state.set(p.data, 0n);
      }
    }
  }

  /** Sets an input (or any undriven signal). */
  set(s: Signal, v: bigint | number): void {
    this.state.set(s, wrap(BigInt(v), s.shape));
    this.cache.clear();
    this.applyAsyncResets();
  }

  /** Current value of any signal (combinational ones are settled on demand). */
  get(s: Signal): bigint {
    return this.value(s);
  }

  /** Contents of a memory. */
  memory(path: string): readonly bigint[] {
    const m = this.flat.memories.find((x) => x.path === path);
    if (!m) throw new SimulationError(`no memory '${path}'`);
    return this.mems.get(m)!;
  }

  /** One rising edge of `domain`'s clock: every register of the domain updates from pre-edge values. */
  step(domain = 'sync'): void {
    const dom = this.flat.domains.find((d) => d.name === domain);
    if (!dom) throw new SimulationError(`no clock domain '${domain}'`);
    const inReset = dom.rst !== null && this.value(dom.rst) === 1n;
    const next: [Signal, bigint][] = [];
    for (const d of this.flat.drivers) {
      if (d.domain !== domain) continue;
      if (inReset && !d.target.resetLess) next.push([d.target, d.target.reset]);
      else next.push([d.target, this.rule(d.rule, d.target, this.value(d.target))]);
    }
    const writes: [bigint[], number, bigint][] = [];
    for (const m of this.flat.memories) {
      const arr = this.mems.get(m)!;
      for (const p of m.readPorts) if (p.domain === domain) { const a = this.value(p.addr); next.push([p.data, a < BigInt(m.depth) ? arr[Number(a)]! : 0n]); }
      for (const p of m.writePorts) {
        if (p.domain !== domain || this.value(p.en) !== 1n) continue;
        const a = this.value(p.addr);
        if (a < BigInt(m.depth)) writes.push([arr, Number(a), wrap(this.value(p.data), m.shape)]);
      }
    }
    for (const [s, v] of next) this.state.set(s, v);
    for (const [arr, i, v] of writes) arr[i] = v;
    this.cache.clear();
    this.applyAsyncResets();
  }

  private applyAsyncResets(): void {
    for (const dom of this.flat.domains) {
      if (dom.resetKind !== 'async' || !dom.rst || this.value(dom.rst) !== 1n) continue;
      for (const d of this.flat.drivers) if (d.domain === dom.name && !d.target.resetLess) this.state.set(d.target, d.target.reset);
      this.cache.clear();
    }
  }

  private value(v: Value): bigint {
    const hit = this.cache.get(v);
    if (hit !== undefined) return hit;
    let r: bigint;
    if (v.kind === 'const') r = (v as unknown as { value: bigint }).value;
    else if (v.kind === 'signal') {
      const s = v as Signal;
      const rule = this.comb.get(s);
      const rd = this.combRead.get(s);
      if (rule) r = wrap(this.rule(rule, s, s.reset), s.shape);
      else if (rd) { const a = this.value(rd.addr); r = a < BigInt(rd.mem.depth) ? this.mems.get(rd.mem)![Number(a)]! : 0n; }
      else r = this.state.get(s) ?? s.reset;
    } else {
      const o = v as Operator;
      r = applyOp(o, o.operands.map((x) => this.value(x)));
    }
    this.cache.set(v, r);
    return r;
  }

  private rule(rule: Rule, target: Signal, hold: bigint): bigint {
    switch (rule.kind) {
      case 'hold': return hold;
      case 'assign': return wrap(this.value(rule.value), target.shape);
      case 'if': return this.value(rule.cond) !== 0n ? this.rule(rule.then, target, hold) : this.rule(rule.else, target, hold);
      case 'switch': {
        const s = BigInt.asUintN(rule.subject.width, this.value(rule.subject));
        for (const c of rule.cases) if (c.values.some((x) => BigInt.asUintN(rule.subject.width, x) === s)) return this.rule(c.body, target, hold);
        return this.rule(rule.default, target, hold);
      }
    }
  }
}
