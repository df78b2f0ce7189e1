/**
 * Elaboration: from a finished top `Module` to the one checked netlist every backend reads.
 * - per module (for the Verilog emitter): ports, one driver per driven signal, memories, instances, Verilog names;
 * - flattened (for simulators and whole-design checks), built once on demand.
 * A design that fails a design-rule check never gets here: `elaborate` throws `DesignRuleErrors` listing every cause.
 */
import { DesignRuleError, DesignRuleErrors } from './errors.ts';
import { type Driver, type FlatDesign, flatten, moduleDrivers, signalsRead } from './flatten.ts';
import { assignmentsOf, forEachRuleValue } from './lower.ts';
import type { Instance, Memory, Module, Port } from './module.ts';
import { NameAllocator, type Rename } from './names.ts';
import { formatLoc, type SourceLoc } from './source-loc.ts';
import type { Operator, Signal, Value } from './value.ts';

/** One module of the design, checked, with its drivers and Verilog names. */
export interface NetlistModule {
  readonly module: Module;
  /** Unique Verilog module name (distinct modules with the same name get `_1`, `_2`, ... in discovery order). */
  readonly name: string;
  readonly ports: readonly Port[];
  readonly drivers: readonly Driver[];
  readonly memories: readonly Memory[];
  readonly instances: readonly Instance[];
  /** Verilog identifier of every signal, memory and instance of the module. */
  readonly names: ReadonlyMap<Signal | Memory | Instance, string>;
  /** Names that had to change (keywords, collisions, illegal characters). */
  readonly renames: readonly Rename[];
  /** Hands out further identifiers in this module's scope (used by the emitter for temporaries). */
  readonly allocator: NameAllocator;
  /** True for black-box simulation models and modules marked simulation-only. */
  readonly simulationOnly: boolean;
}

/** The elaborated, checked design. */
export interface Design {
  readonly top: NetlistModule;
  /** Every module, children before parents. */
  readonly modules: readonly NetlistModule[];
  /** Non-fatal findings (e.g. clock-domain crossings without a synchroniser). */
  readonly warnings: readonly DesignRuleError[];
  /** The netlist module of a `Module`. */
  moduleOf(m: Module): NetlistModule;
  /** The flattened design (computed once). */
  readonly flat: FlatDesign;
  /** Name map: `{ 'module.signal': 'verilog_name' }` for every renamed identifier. */
  nameMap(): Record<string, string>;
}

/** Options of {@link elaborate}. */
export interface ElaborateOptions {
  /** Throw on warnings too. */
  warningsAsErrors?: boolean;
}

/**
 * Checks a design and builds its netlist.
 * @example
 * const design = elaborate(top);
 * console.log(design.modules.map((m) => m.name));
 */
export function elaborate(top: Module, opts: ElaborateOptions = {}): Design {
  const errors: DesignRuleError[] = [];
  const warnings: DesignRuleError[] = [];
  const order: Module[] = [];
  const simOnly = new Set<Module>();
  const seen = new Set<Module>();
  const discover = (m: Module, stack: Module[], sim: boolean): void => {
    if (stack.includes(m)) {
      errors.push(new DesignRuleError('recursive-instance', `module '${m.name}' instantiates itself through ${[...stack, m].map((x) => x.name).join(' -> ')}`, [m.site.loc]));
      return;
    }
    if (sim || m.simulationOnly) simOnly.add(m);
    if (seen.has(m)) return;
    seen.add(m);
    for (const inst of m.instances) if (inst.module) discover(inst.module, [...stack, m], sim || m.simulationOnly || inst.external !== null);
    order.push(m);
  };
  discover(top, [], false);

  const moduleNames = new NameAllocator();
  const byModule = new Map<Module, NetlistModule>();
  const modules: NetlistModule[] = [];
  for (const m of order) {
    checkModule(m, errors);
    const nm = buildNetlistModule(m, moduleNames.claim(m.name), simOnly.has(m));
    byModule.set(m, nm);
    modules.push(nm);
  }
  if (errors.length) throw new DesignRuleErrors(errors);

  const flat = flatten(top);
  checkCombLoops(flat, errors);
  checkDomainCrossings(flat, warnings);
  if (errors.length) throw new DesignRuleErrors(errors);
  if (opts.warningsAsErrors && warnings.length) throw new DesignRuleErrors(warnings);

  return {
    top: byModule.get(top)!,
    modules,
    warnings,
    flat,
    moduleOf: (m) => {
      const nm = byModule.get(m);
      if (!nm) throw new DesignRuleError('unknown-module', `module '${m.name}' is not part of this design`);
      return nm;
    },
    nameMap: () => {
      const out: Record<string, string> = {};
      for (const r of moduleNames.renames) out[r.from] = r.to;
      for (const nm of modules) for (const r of nm.renames) out[`${nm.name}.${r.from}`] = r.to;
      return out;
    },
  };
}

function buildNetlistModule(m: Module, name: string, simulationOnly: boolean): NetlistModule {
  const alloc = new NameAllocator();
  const names = new Map<Signal | Memory | Instance, string>();
  for (const p of m.ports) names.set(p.signal, alloc.claim(p.signal.name));
  for (const s of m.signals) if (!names.has(s)) names.set(s, alloc.claim(s.name));
  for (const mem of m.memories) names.set(mem, alloc.claim(mem.name));
  for (const inst of m.instances) names.set(inst, alloc.claim(inst.name));
  return {
    module: m, name, ports: m.ports, drivers: moduleDrivers(m), memories: m.memories, instances: m.instances,
    names, renames: alloc.renames, allocator: alloc, simulationOnly,
  };
}

/** Module-local rules: one driver per signal, no foreign signals, outputs driven. */
function checkModule(m: Module, errors: DesignRuleError[]): void {
  const where = `module '${m.name}'`;
  // Drivers of each signal: statements (by domain), instance outputs, memory read ports.
  const assigns = assignmentsOf(m.stmts);
  const drivenBy = new Map<Signal, { what: string; loc: SourceLoc | undefined }[]>();
  const add = (s: Signal, what: string, loc: SourceLoc | undefined): void => {
    let l = drivenBy.get(s);
    if (!l) drivenBy.set(s, (l = []));
    l.push({ what, loc });
  };
  for (const [s, list] of assigns) {
    const byDomain = new Map<string, (typeof list)[number]>();
    for (const a of list) {
      const key = a.domain === null ? 'comb' : `domain '${a.domain}'`;
      if (!byDomain.has(key)) byDomain.set(key, a);
    }
    for (const [key, a] of byDomain) add(s, key === 'comb' ? 'combinational logic' : `registers of ${key}`, a.site.loc);
  }
  for (const inst of m.instances) for (const s of inst.outputs.values()) add(s, `output of instance '${inst.name}'`, inst.site.loc);
  for (const mem of m.memories) for (const p of mem.readPorts) add(p.data, `read port of memory '${mem.name}'`, p.site.loc);
  for (const [s, list] of drivenBy) {
    if (list.length > 1) {
      errors.push(new DesignRuleError('multiple-drivers',
        `${where}: signal '${s.name}' has ${list.length} drivers: ${list.map((d) => d.what).join(' and ')}`,
        list.map((d) => d.loc)));
    }
  }
  // Outputs must be driven.
  for (const p of m.ports) {
    if (p.direction === 'output' && !drivenBy.has(p.signal)) {
      errors.push(new DesignRuleError('undriven-output', `${where}: output '${p.signal.name}' is never driven`, [p.signal.loc]));
    }
  }
  // Every signal read must belong to this module (one walk over the module's expressions, shared `seen`).
  const reported = new Set<Signal>();
  const seen = new Set<Value>();
  const checkOwned = (v: Value, loc: SourceLoc | undefined): void => {
    for (const s of signalsRead(v, new Set(), seen)) {
      if (s.owner !== m && !reported.has(s)) {
        reported.add(s);
        const owner = (s.owner as Module | undefined)?.name ?? '<none>';
        errors.push(new DesignRuleError('foreign-signal', `${where} reads signal '${s.name}' of module '${owner}': pass it through a port`, [loc, s.loc]));
      }
    }
  };
  for (const d of moduleDrivers(m)) forEachRuleValue(d.rule, (v) => checkOwned(v, v.loc));
  for (const inst of m.instances) for (const v of inst.inputs.values()) checkOwned(v, inst.site.loc);
  for (const mem of m.memories) {
    for (const p of mem.readPorts) checkOwned(p.addr, p.site.loc);
    for (const p of mem.writePorts) { checkOwned(p.addr, p.site.loc); checkOwned(p.data, p.site.loc); checkOwned(p.en, p.site.loc); }
  }
}

/** What a node of the expression graph depends on combinationally: operands, or a comb signal's driver. */
function combSuccessors(flat: FlatDesign): (v: Value) => readonly Value[] {
  const ruleValues = new Map<Signal, Value[]>();
  for (const d of flat.drivers) {
    if (d.domain !== null) continue;
    const vs: Value[] = [];
    forEachRuleValue(d.rule, (v) => vs.push(v));
    ruleValues.set(d.target, vs);
  }
  for (const mem of flat.memories) for (const p of mem.readPorts) if (p.domain === null) ruleValues.set(p.data, [p.addr]);
  return (v) => (v.kind === 'op' ? (v as Operator).operands : v.kind === 'signal' ? ruleValues.get(v as Signal) ?? [] : []);
}

/**
 * A combinational loop through drivers (and combinational memory reads) of the flattened design; prints the path of
 * signals with the lines that drive them. One iterative DFS over the whole expression graph: linear in its size.
 */
function checkCombLoops(flat: FlatDesign, errors: DesignRuleError[]): void {
  const next = combSuccessors(flat);
  const site = new Map<Signal, SourceLoc | undefined>();
  for (const d of flat.drivers) if (d.domain === null) site.set(d.target, d.rule.kind === 'assign' ? d.rule.site.loc : d.target.loc);
  const color = new Map<Value, 1 | 2>(); // 1 = on the DFS stack, 2 = finished
  const found = new Set<string>();
  const roots: Value[] = flat.drivers.filter((d) => d.domain === null).map((d) => d.target);
  for (const root of roots) {
    if (color.has(root)) continue;
    const stack: { v: Value; i: number; succ: readonly Value[] }[] = [{ v: root, i: 0, succ: next(root) }];
    color.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.i >= top.succ.length) { color.set(top.v, 2); stack.pop(); continue; }
      const n = top.succ[top.i++]!;
      const c = color.get(n);
      if (c === undefined) { color.set(n, 1); stack.push({ v: n, i: 0, succ: next(n) }); continue; }
      if (c !== 1) continue;
      const from = stack.findIndex((f) => f.v === n);
      const cycle = stack.slice(from).map((f) => f.v).filter((v): v is Signal => v.kind === 'signal');
      const key = cycle.map((x) => flat.paths.get(x)).sort().join(',');
      if (found.has(key)) continue;
      found.add(key);
      const text = [...cycle, cycle[0]!].map((x) => flat.paths.get(x) ?? x.name).join(' -> ');
      errors.push(new DesignRuleError('comb-loop', `combinational loop: ${text}\n${cycle.map((x) => `    ${flat.paths.get(x)} driven at ${formatMaybe(site.get(x))}`).join('\n')}`, cycle.map((x) => site.get(x))));
    }
  }
}

function formatMaybe(loc: SourceLoc | undefined): string {
  return loc ? formatLoc(loc) : '<unknown>';
}

/**
 * Registers of one domain that read (directly or through combinational logic) registers of another domain without a
 * synchroniser stage: a warning. Source domains are computed once per node as bit masks: linear in the graph size.
 */
function checkDomainCrossings(flat: FlatDesign, warnings: DesignRuleError[]): void {
  const domainIndex = new Map(flat.domains.map((d, i) => [d.name, i]));
  const regDomain = new Map<Signal, number>();
  for (const d of flat.drivers) if (d.domain !== null) regDomain.set(d.target, domainIndex.get(d.domain)!);
  for (const mem of flat.memories) for (const p of mem.readPorts) if (p.domain !== null) regDomain.set(p.data, domainIndex.get(p.domain)!);
  const next = combSuccessors(flat);
  const mask = new Map<Value, number>();
  const sourcesOf = (root: Value): number => {
    const stack: { v: Value; i: number; succ: readonly Value[]; m: number }[] = [];
    const enter = (v: Value): void => {
      const rd = regDomain.get(v as Signal);
      if (rd !== undefined) { mask.set(v, 1 << rd); return; }
      mask.set(v, 0); // provisional: also cuts cycles (none exist after the loop check)
      stack.push({ v, i: 0, succ: next(v), m: 0 });
    };
    if (!mask.has(root)) enter(root);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.i < top.succ.length) {
        const n = top.succ[top.i++]!;
        if (!mask.has(n)) { enter(n); continue; }
        top.m |= mask.get(n)!;
      } else {
        mask.set(top.v, top.m);
        stack.pop();
        if (stack.length) stack[stack.length - 1]!.m |= top.m;
      }
    }
    return mask.get(root)!;
  };
  for (const d of flat.drivers) {
    if (d.domain === null || d.target.syncStage) continue;
    const own = 1 << domainIndex.get(d.domain)!;
    const reported = new Set<Signal>();
    forEachRuleValue(d.rule, (v) => {
      if (!(sourcesOf(v) & ~own)) return; // the common case: no crossing, no walk
      for (const r of signalsRead(v)) {
        if (reported.has(r)) continue;
        const other = sourcesOf(r) & ~own;
        if (!other) continue;
        reported.add(r);
        const names = flat.domains.filter((_, i) => other & (1 << i)).map((x) => x.name);
        warnings.push(new DesignRuleError('domain-crossing',
          `register '${flat.paths.get(d.target)}' of domain '${d.domain}' reads '${flat.paths.get(r)}' from domain '${names.join("', '")}' without a synchroniser`,
          [d.target.loc]));
      }
    });
  }
}
