/**
 * Flattens the module netlists of a design into one netlist (Amaranth-style): every instance's cells are copied into
 * one table (hash-consed, so identical logic of different instances is shared), its signals are cloned with a
 * hierarchical name, port connections become combinational drivers, and child clock domains resolve to the top's.
 * Iterative over the instance tree: hierarchies of any depth flatten without growing the call stack.
 */
import { HdlError } from '../core/errors.ts';
import type { Module } from '../core/module.ts';
import type { CallSite } from '../core/source-loc.ts';
import { Signal } from '../core/value.ts';
import {
  CellTable, type FlatDesign, type FlatDomain, type IrDriver, type IrMemory, type IrProperty, type IrRule, type IrSignal, type Net, type NetlistModule,
} from './netlist.ts';

interface Scope {
  readonly nm: NetlistModule;
  readonly prefix: string;
  /** Local signal index -> flat signal index (-1 until mapped). */
  readonly sig: Int32Array;
  /** Local net -> flat net. */
  readonly net: Int32Array;
  /** Local domain name -> top domain name. */
  readonly domainOf: Map<string, string>;
}

/**
 * Flattens the design under `top`. Module-level checks must already have passed.
 *
 * @example
 * const flat = flattenNetlists(design.top, (m) => design.moduleOf(m));
 */
export function flattenNetlists(top: NetlistModule, moduleOf: (m: Module) => NetlistModule): FlatDesign {
  const table = new CellTable();
  const signals: IrSignal[] = [];
  const paths = new Map<Signal, string>();
  const indexOf = new Map<Signal, number>();
  const drivers: IrDriver[] = [];
  const memories: IrMemory[] = [];
  const properties: IrProperty[] = [];
  const missingModels: { path: string; moduleName: string; site: CallSite }[] = [];
  const connections: (() => void)[] = [];

  const topModule = top.module;
  const domains: FlatDomain[] = [...topModule.domains.values()].map((d) => ({ name: d.name, clk: d.clk, rst: d.rst, resetKind: d.resetKind, resetActive: d.resetActive }));
  const topDomain = new Map(domains.map((d) => [d.name, d]));

  const newScope = (nm: NetlistModule, prefix: string, domainOf: Map<string, string>): Scope => ({
    nm, prefix, domainOf, sig: new Int32Array(nm.signals.length).fill(-1), net: new Int32Array(nm.cells.length),
  });
  const addSignal = (s: Signal, path: string): number => {
    const i = signals.length;
    signals.push({ signal: s, path, net: table.signal(i, s.shape) });
    paths.set(s, path);
    indexOf.set(s, i);
    return i;
  };
  const remapRule = (rule: IrRule, net: Int32Array): IrRule => {
    switch (rule.kind) {
      case 'hold': return rule;
      case 'assign': return { kind: 'assign', value: net[rule.value]!, site: rule.site };
      case 'if': return { kind: 'if', branches: rule.branches.map((b) => ({ cond: net[b.cond]!, body: remapRule(b.body, net) })), else: remapRule(rule.else, net) };
      case 'switch': return {
        kind: 'switch', subject: net[rule.subject]!, cases: rule.cases.map((c) => ({ values: c.values, body: remapRule(c.body, net) })), default: remapRule(rule.default, net),
      };
    }
  };

  const process = (scope: Scope, pending: Scope[]): void => {
    const { nm, prefix, sig, net } = scope;
    nm.signals.forEach((irs, i) => {
      if (sig[i]! >= 0) return; // a child's clock or reset, mapped to the top's
      const s = irs.signal;
      sig[i] = prefix === '' ? addSignal(s, s.name) : addSignal(new Signal(`${prefix}${s.name}`, s.shape, { reset: s.reset, resetLess: s.resetLess, decoder: s.decoder, syncStage: s.syncStage }, s.site), prefix + s.name);
    });
    nm.cells.forEach((c, n) => {
      net[n] = c.kind === 'const' ? table.constant(c.value, c.shape)
        : c.kind === 'signal' ? signals[sig[c.signal]!]!.net
          : table.op(c.op, c.shape, c.args.map((a) => net[a]!), c.param, c.site);
    });
    for (const d of nm.drivers) drivers.push({ target: sig[d.target]!, domain: d.domain === null ? null : scope.domainOf.get(d.domain)!, rule: remapRule(d.rule, net) });
    for (const mem of nm.memories) {
      memories.push({
        path: prefix + mem.path, shape: mem.shape, depth: mem.depth, init: mem.init, site: mem.site, source: mem.source,
        readPorts: mem.readPorts.map((p) => ({
          ...p, addr: net[p.addr]!, data: sig[p.data]!, domain: p.domain === null ? null : scope.domainOf.get(p.domain)!, en: p.en === null ? null : net[p.en]!,
        })),
        writePorts: mem.writePorts.map((p) => ({ ...p, addr: net[p.addr]!, data: net[p.data]!, en: net[p.en]!, domain: scope.domainOf.get(p.domain)! })),
      });
    }
    for (const p of nm.properties) {
      properties.push({ ...p, path: prefix + p.path, check: sig[p.check]!, reads: p.reads.map((r) => sig[r]!), domain: p.domain === null ? null : scope.domainOf.get(p.domain)! });
    }
    for (const irInst of nm.instances) {
      const inst = irInst.source;
      const path = `${prefix}${inst.name}`;
      if (!inst.module) {
        missingModels.push({ path, moduleName: inst.external!.moduleName, site: inst.site });
        continue;
      }
      const childNm = moduleOf(inst.module);
      const child = newScope(childNm, `${path}.`, new Map());
      for (const d of inst.module.domains.values()) {
        let parentDomain: string | undefined;
        if (inst.external) {
          parentDomain = inst.clockPins.get(d.clk.name);
          const viaReset = d.rst ? inst.resetPins.get(d.rst.name) : parentDomain;
          if (parentDomain === undefined || viaReset !== parentDomain) {
            throw new HdlError(`black box '${path}': its model's domain '${d.name}' needs clock pin '${d.clk.name}'${d.rst ? ` and reset pin '${d.rst.name}'` : ''} connected to one domain`, [inst.site.loc]);
          }
        } else parentDomain = inst.domains.get(d.name)!;
        const topName = scope.domainOf.get(parentDomain);
        const td = topName === undefined ? undefined : topDomain.get(topName);
        if (!td) throw new HdlError(`internal: domain '${parentDomain}' not found for '${path}'`, [inst.site.loc]);
        child.domainOf.set(d.name, td.name);
        child.sig[childNm.indexOf.get(d.clk)!] = indexOf.get(td.clk)!;
        if (d.rst) {
          if (!td.rst) throw new HdlError(`'${path}': domain '${d.name}' has a reset but the top's '${td.name}' has none`, [inst.site.loc]);
          if (td.resetActive !== d.resetActive) throw new HdlError(`'${path}': domain '${d.name}' resets active-${d.resetActive} but the top's '${td.name}' active-${td.resetActive}`, [inst.site.loc]);
          child.sig[childNm.indexOf.get(d.rst)!] = indexOf.get(td.rst)!;
        }
      }
      pending.push(child);
      const portIndex = (pin: string): number => childNm.indexOf.get(inst.module!.ports.find((p) => p.signal.name === pin)!.signal)!;
      connections.push(() => {
        for (const [pin, n] of irInst.inputs) drivers.push({ target: child.sig[portIndex(pin)]!, domain: null, rule: { kind: 'assign', value: net[n]!, site: inst.site } });
        for (const [pin, s] of irInst.outputs) drivers.push({ target: sig[s]!, domain: null, rule: { kind: 'assign', value: signals[child.sig[portIndex(pin)]!]!.net, site: inst.site } });
      });
    }
  };

  // Depth-first, children in instance order (a stack of pending scopes, pushed in reverse).
  const stack: Scope[] = [newScope(top, '', new Map(domains.map((d) => [d.name, d.name])))];
  while (stack.length) {
    const scope = stack.pop()!;
    const pending: Scope[] = [];
    process(scope, pending);
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]!);
  }
  for (const c of connections) c();

  const dataPorts = topModule.ports.filter((p) => !p.clockOf && !p.resetOf);
  const byPath = new Map([...paths].map(([s, p]) => [p, s]));
  return {
    top: topModule, cells: table.cells, signals, paths, indexOf, drivers, memories, properties, missingModels, domains,
    inputs: dataPorts.filter((p) => p.direction === 'input').map((p) => p.signal),
    outputs: dataPorts.filter((p) => p.direction === 'output').map((p) => p.signal),
    find: (p) => byPath.get(p),
  };
}

export type { Net };
