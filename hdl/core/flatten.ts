/**
 * Flattens a module hierarchy into one global netlist (Amaranth-style): every instance's signals are cloned with a
 * hierarchical name, port connections become combinational drivers, and child clock domains resolve to the top's.
 * Simulators and whole-design checks (combinational loops, domain crossings) read this form.
 */
import { HdlError } from './errors.ts';
import { type Rule, HOLD, lowerTarget, forEachRuleValue } from './lower.ts';
import type { Module, ResetKind, Memory } from './module.ts';
import type { Shape } from './shape.ts';
import { Operator, Signal, type Value } from './value.ts';
import type { CallSite } from './source-loc.ts';

/** One driven signal: its decision tree, combinational (`domain === null`) or registered in a top-level domain. */
export interface Driver {
  readonly target: Signal;
  readonly domain: string | null;
  readonly rule: Rule;
}

/** A clock domain of the flattened design (always one of the top module's). */
export interface FlatDomain {
  readonly name: string;
  readonly clk: Signal;
  readonly rst: Signal | null;
  readonly resetKind: ResetKind;
}

/** A memory of the flattened design with its ports rewritten onto flat signals. */
export interface FlatMemory {
  readonly path: string;
  readonly shape: Shape;
  readonly depth: number;
  readonly init: readonly bigint[];
  readonly readPorts: readonly { readonly addr: Value; readonly data: Signal; readonly domain: string | null }[];
  readonly writePorts: readonly { readonly addr: Value; readonly data: Value; readonly en: Value; readonly domain: string }[];
  readonly source: Memory;
}

/** The flattened design. Top-level signals are the user's own objects; others are clones named by path. */
export interface FlatDesign {
  readonly top: Module;
  readonly signals: readonly Signal[];
  /** Hierarchical name of every signal (`u_core.count`; top-level signals by their own name). */
  readonly paths: ReadonlyMap<Signal, string>;
  /** Top-level data inputs and outputs (not clocks or resets). */
  readonly inputs: readonly Signal[];
  readonly outputs: readonly Signal[];
  readonly domains: readonly FlatDomain[];
  readonly drivers: readonly Driver[];
  readonly memories: readonly FlatMemory[];
  /** Black boxes without a simulation model (a simulator must refuse the design). */
  readonly missingModels: readonly { readonly path: string; readonly moduleName: string; readonly site: CallSite }[];
  /** Looks a signal up by hierarchical path. */
  find(path: string): Signal | undefined;
}

interface Scope {
  readonly prefix: string;
  readonly map: Map<Signal, Signal>;
  readonly rewritten: Map<Value, Value>;
  /** child domain name -> top domain name */
  readonly domainOf: Map<string, string>;
}

/** Flattens `top`. Module-level checks must already have passed (see `elaborate`). */
export function flatten(top: Module): FlatDesign {
  const signals: Signal[] = [];
  const paths = new Map<Signal, string>();
  const drivers: Driver[] = [];
  const memories: FlatMemory[] = [];
  const missingModels: { path: string; moduleName: string; site: CallSite }[] = [];

  const domains: FlatDomain[] = [...top.domains.values()].map((d) => ({ name: d.name, clk: d.clk, rst: d.rst, resetKind: d.resetKind }));
  const topDomain = new Map(domains.map((d) => [d.name, d]));

  const rewrite = (v: Value, scope: Scope): Value => {
    if (v.kind === 'const') return v;
    const hit = scope.rewritten.get(v);
    if (hit) return hit;
    let r: Value;
    if (v.kind === 'signal') {
      const s = scope.map.get(v as Signal);
      if (!s) throw new HdlError(`internal: signal '${(v as Signal).name}' has no flat counterpart in '${scope.prefix || '<top>'}'`, [v.loc]);
      r = s;
    } else {
      const o = v as Operator;
      const ops = o.operands.map((x) => rewrite(x, scope));
      r = ops.every((x, i) => x === o.operands[i]) ? o : new Operator(o.op, o.shape, ops, o.param, o.site);
    }
    scope.rewritten.set(v, r);
    return r;
  };
  const rewriteRule = (rule: Rule, scope: Scope): Rule => {
    switch (rule.kind) {
      case 'hold': return rule;
      case 'assign': return { kind: 'assign', value: rewrite(rule.value, scope), site: rule.site };
      case 'if': return { kind: 'if', cond: rewrite(rule.cond, scope), then: rewriteRule(rule.then, scope), else: rewriteRule(rule.else, scope) };
      case 'switch': return {
        kind: 'switch', subject: rewrite(rule.subject, scope),
        cases: rule.cases.map((c) => ({ values: c.values, body: rewriteRule(c.body, scope) })), default: rewriteRule(rule.default, scope),
      };
    }
  };

  const visit = (m: Module, scope: Scope, stack: Module[]): void => {
    if (stack.includes(m)) throw new HdlError(`module '${m.name}' instantiates itself (through ${stack.map((s) => s.name).join(' -> ')})`, [m.site.loc]);
    // Signals: clone (except top), domain clocks/resets map to the top's.
    for (const s of m.signals) {
      if (scope.map.has(s)) continue;
      const port = m.ports.find((p) => p.signal === s);
      if (scope.prefix !== '' && (port?.clockOf || port?.resetOf)) continue; // mapped by the parent
      const flat = scope.prefix === '' ? s : new Signal(`${scope.prefix}${s.name}`, s.shape, { reset: s.reset, resetLess: s.resetLess, decoder: s.decoder, syncStage: s.syncStage }, s.site);
      scope.map.set(s, flat);
    }
    for (const s of m.signals) {
      const f = scope.map.get(s)!;
      if (!paths.has(f)) { paths.set(f, scope.prefix + s.name); signals.push(f); }
    }
    // Drivers from statements.
    for (const { target, domain, rule } of moduleDrivers(m)) {
      drivers.push({ target: scope.map.get(target)!, domain: domain === null ? null : scope.domainOf.get(domain)!, rule: rewriteRule(rule, scope) });
    }
    for (const mem of m.memories) {
      memories.push({
        path: scope.prefix + mem.name, shape: mem.shape, depth: mem.depth, init: mem.init, source: mem,
        readPorts: mem.readPorts.map((p) => ({ addr: rewrite(p.addr, scope), data: scope.map.get(p.data)!, domain: p.domain === null ? null : scope.domainOf.get(p.domain)! })),
        writePorts: mem.writePorts.map((p) => ({ addr: rewrite(p.addr, scope), data: rewrite(p.data, scope), en: rewrite(p.en, scope), domain: scope.domainOf.get(p.domain)! })),
      });
    }
    for (const inst of m.instances) {
      const child = inst.module;
      const path = `${scope.prefix}${inst.name}`;
      if (!child) {
        missingModels.push({ path, moduleName: inst.external!.moduleName, site: inst.site });
        continue;
      }
      const childScope: Scope = { prefix: `${path}.`, map: new Map(), rewritten: new Map(), domainOf: new Map() };
      for (const d of child.domains.values()) {
        let parentDomain: string | undefined;
        if (inst.external) {
          parentDomain = inst.clockPins.get(d.clk.name);
          const viaReset = d.rst ? inst.resetPins.get(d.rst.name) : parentDomain;
          if (parentDomain === undefined || viaReset !== parentDomain) {
            throw new HdlError(`black box '${path}': its model's domain '${d.name}' needs clock pin '${d.clk.name}'${d.rst ? ` and reset pin '${d.rst.name}'` : ''} connected to one domain`, [inst.site.loc]);
          }
        } else parentDomain = inst.domains.get(d.name)!;
        const top = scope.domainOf.get(parentDomain);
        const td = top === undefined ? undefined : topDomain.get(top);
        if (!td) throw new HdlError(`internal: domain '${parentDomain}' not found for '${path}'`, [inst.site.loc]);
        childScope.domainOf.set(d.name, td.name);
        childScope.map.set(d.clk, td.clk);
        if (d.rst) {
          if (!td.rst) throw new HdlError(`'${path}': domain '${d.name}' has a reset but the top's '${td.name}' has none`, [inst.site.loc]);
          childScope.map.set(d.rst, td.rst);
        }
      }
      visit(child, childScope, [...stack, m]);
      for (const [port, value] of inst.inputs) {
        const target = childScope.map.get(child.ports.find((p) => p.signal.name === port)!.signal)!;
        drivers.push({ target, domain: null, rule: { kind: 'assign', value: rewrite(value, scope), site: inst.site } });
      }
      for (const [port, sig] of inst.outputs) {
        const source = childScope.map.get(child.ports.find((p) => p.signal.name === port)!.signal)!;
        drivers.push({ target: scope.map.get(sig)!, domain: null, rule: { kind: 'assign', value: source, site: inst.site } });
      }
    }
  };

  const rootScope: Scope = { prefix: '', map: new Map(), rewritten: new Map(), domainOf: new Map(domains.map((d) => [d.name, d.name])) };
  visit(top, rootScope, []);
  const dataPorts = top.ports.filter((p) => !p.clockOf && !p.resetOf);
  const byPath = new Map([...paths].map(([s, p]) => [p, s]));
  return {
    top, signals, paths, drivers, memories, missingModels, domains,
    inputs: dataPorts.filter((p) => p.direction === 'input').map((p) => p.signal),
    outputs: dataPorts.filter((p) => p.direction === 'output').map((p) => p.signal),
    find: (p) => byPath.get(p),
  };
}

const driverCache = new WeakMap<Module, readonly Driver[]>();
/** The drivers of one module (its own statements only), lowered once per module. */
export function moduleDrivers(m: Module): readonly Driver[] {
  let d = driverCache.get(m);
  if (!d) {
    const targets = new Map<Signal, string | null>();
    collectTargets(m, targets);
    d = [...targets].map(([target, domain]) => ({ target, domain, rule: lowerTarget(m.stmts, target, HOLD) }));
    driverCache.set(m, d);
  }
  return d;
}

/** Targets assigned by a module's statements with their domain (checked unique by elaboration). */
export function collectTargets(m: Module, out: Map<Signal, string | null>): void {
  const walk = (stmts: Module['stmts']): void => {
    for (const s of stmts) {
      if (s.kind === 'assign') { if (!out.has(s.target)) out.set(s.target, s.domain); }
      else if (s.kind === 'if') { for (const b of s.branches) walk(b.body); if (s.elseBody) walk(s.elseBody); }
      else { for (const c of s.cases) walk(c.body); if (s.defaultBody) walk(s.defaultBody); }
    }
  };
  walk(m.stmts);
}

/** Signals an expression reads (stopping at signals). */
export function signalsRead(v: Value, out: Set<Signal> = new Set(), seen: Set<Value> = new Set()): Set<Signal> {
  const stack: Value[] = [v];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (x.kind === 'signal') out.add(x as Signal);
    else if (x.kind === 'op') stack.push(...(x as Operator).operands);
  }
  return out;
}

/** Signals a rule reads. */
export function ruleReads(rule: Rule): Set<Signal> {
  const out = new Set<Signal>();
  const seen = new Set<Value>();
  forEachRuleValue(rule, (v) => signalsRead(v, out, seen));
  return out;
}
