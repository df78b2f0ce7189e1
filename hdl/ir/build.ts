/**
 * From a finished `Module` to its module netlist: values become hash-consed cells (one iterative walk, any depth),
 * statements become statements over nets, and each driven signal gets its decision tree (later statements win, as in
 * Amaranth). The module-local design rules are checked on the way: one driver per signal, outputs driven, no foreign
 * signals, every port of a child connected, and a warning for each signal nothing drives.
 */
import { DesignRuleError } from '../core/errors.ts';
import type { Instance, Memory, Module } from '../core/module.ts';
import { NameAllocator } from '../core/names.ts';
import type { CallSite, SourceLoc } from '../core/source-loc.ts';
import type { Stmt } from '../core/statement.ts';
import { type Const, type Operator, type Signal, type Value } from '../core/value.ts';
import { lowerPartialAssigns } from './partial-assign.ts';
import { type ControlNets, controlledRule, gatedReadEnable, gatedWriteEnable, instanceControls } from './domain-controls.ts';
import { CellTable, type IrDriver, type IrInstance, type IrMemory, type IrProperty, type IrRule, type IrSignal, type IrStmt, type Net, type NetlistModule } from './netlist.ts';

/** Where the module checks put what they find. */
export interface Findings {
  readonly errors: DesignRuleError[];
  readonly warnings: DesignRuleError[];
}

/**
 * Builds and checks the netlist of one module.
 *
 * @example
 * const findings = { errors: [], warnings: [] };
 * const nm = buildModuleNetlist(top, 'top', false, findings);
 */
export function buildModuleNetlist(m: Module, name: string, simulationOnly: boolean, findings: Findings): NetlistModule {
  const where = `module '${m.name}'`;
  const table = new CellTable();
  const indexOf = new Map<Signal, number>();
  const signals: IrSignal[] = m.signals.map((s, i) => {
    indexOf.set(s, i);
    return { signal: s, path: s.name, net: table.signal(i, s.shape) };
  });

  // ---- values to nets: one iterative post-order walk per root, memoised across the module ----
  const memo = new Map<Value, Net>();
  const foreign = new Set<Signal>();
  const toNet = (root: Value, loc: SourceLoc | undefined): Net => {
    const hit = memo.get(root);
    if (hit !== undefined) return hit;
    const stack: Value[] = [root];
    while (stack.length) {
      const v = stack[stack.length - 1]!;
      if (memo.has(v)) { stack.pop(); continue; }
      if (v.kind === 'const') {
        memo.set(v, table.constant((v as Const).value, v.shape));
        stack.pop();
      } else if (v.kind === 'signal') {
        const s = v as Signal;
        const i = indexOf.get(s);
        if (i === undefined) {
          if (!foreign.has(s)) {
            foreign.add(s);
            const owner = (s.owner as Module | undefined)?.name ?? '<none>';
            findings.errors.push(new DesignRuleError('foreign-signal', `${where} reads signal '${s.name}' of module '${owner}': pass it through a port`, [loc, s.loc]));
          }
          memo.set(v, table.constant(0n, v.shape));
        } else memo.set(v, signals[i]!.net);
        stack.pop();
      } else {
        const o = v as Operator;
        let ready = true;
        for (let k = o.operands.length - 1; k >= 0; k--) {
          const a = o.operands[k]!;
          if (!memo.has(a)) { ready = false; stack.push(a); }
        }
        if (!ready) continue;
        memo.set(v, table.op(o.op, o.shape, o.operands.map((a) => memo.get(a)!), o.param, o.site));
        stack.pop();
      }
    }
    return memo.get(root)!;
  };

  // ---- statements over nets ----
  const convert = (stmts: readonly Stmt[]): IrStmt[] => stmts.map((s): IrStmt => {
    if (s.kind === 'assign') return { kind: 'assign', target: indexOf.get(s.target)!, value: toNet(s.value, s.site.loc), domain: s.domain, site: s.site, ...(s.part ? { part: s.part } : {}) };
    if (s.kind === 'if') {
      return { kind: 'if', branches: s.branches.map((b) => ({ cond: toNet(b.cond, b.site.loc), body: convert(b.body) })), else: s.elseBody ? convert(s.elseBody) : null, site: s.site };
    }
    return {
      kind: 'switch', subject: toNet(s.subject, s.site.loc), cases: s.cases.map((c) => ({ values: c.values, body: convert(c.body) })),
      default: s.defaultBody ? convert(s.defaultBody) : null, site: s.site,
    };
  });
  const statements = convert(m.stmts);
  // Partial assignments stay in `statements` (the Verilog prints them as part-selects); the rules see whole values.
  const lowered = lowerPartialAssigns(m.stmts);
  const ruleStatements = lowered === m.stmts ? statements : convert(lowered);

  // ---- drivers: targets and their domains; more than one kind of driver is an error ----
  const drivenBy = new Map<number, { what: string; loc: SourceLoc | undefined }[]>();
  const addDriver = (s: number, what: string, loc: SourceLoc | undefined): void => {
    let l = drivenBy.get(s);
    if (!l) drivenBy.set(s, (l = []));
    if (!l.some((x) => x.what === what)) l.push({ what, loc });
  };
  const targetDomain = new Map<number, string | null>();
  const collect = (stmts: readonly IrStmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'assign') {
        if (!targetDomain.has(s.target)) targetDomain.set(s.target, s.domain);
        addDriver(s.target, s.domain === null ? 'combinational logic' : `registers of domain '${s.domain}'`, s.site.loc);
      } else if (s.kind === 'if') { for (const b of s.branches) collect(b.body); if (s.else) collect(s.else); }
      else { for (const c of s.cases) collect(c.body); if (s.default) collect(s.default); }
    }
  };
  collect(statements);
  const controlNets = (domain: string): ControlNets => {
    const d = m.domains.get(domain);
    return { en: d?.enable ? toNet(d.enable, undefined) : null, rst: d?.syncReset ? toNet(d.syncReset, undefined) : null };
  };
  const drivers: IrDriver[] = [...targetDomain].map(([target, domain]) => {
    const rule = lowerTarget(ruleStatements, target, HOLD);
    const s = signals[target]!.signal;
    return { target, domain, rule: domain === null ? rule : controlledRule(rule, s, controlNets(domain), () => table.constant(s.reset, s.shape)) };
  });

  // ---- memories ----
  const memories: IrMemory[] = m.memories.map((mem: Memory) => ({
    path: mem.name, shape: mem.shape, depth: mem.depth, init: mem.init, site: mem.site, source: mem,
    readPorts: mem.readPorts.map((p) => {
      const data = indexOf.get(p.data)!;
      addDriver(data, `read port of memory '${mem.name}'`, p.site.loc);
      const en = p.domain === null ? null : gatedReadEnable(p.en, m.domains.get(p.domain));
      return { addr: toNet(p.addr, p.site.loc), data, domain: p.domain, site: p.site, en: en && toNet(en, p.site.loc), transparency: p.transparency };
    }),
    writePorts: mem.writePorts.map((p) => ({
      addr: toNet(p.addr, p.site.loc), data: toNet(p.data, p.site.loc), en: toNet(gatedWriteEnable(p.en, m.domains.get(p.domain)), p.site.loc), domain: p.domain, site: p.site, granularity: p.granularity,
    })),
  }));

  // ---- instances; a port added to the child after the instance was made is an error ----
  const instances: IrInstance[] = m.instances.map((inst: Instance) => {
    const outputs = new Map<string, number>();
    for (const [pin, s] of inst.outputs) {
      const i = indexOf.get(s)!;
      outputs.set(pin, i);
      addDriver(i, `output of instance '${inst.name}'`, inst.site.loc);
    }
    if (inst.module && !inst.external) {
      for (const p of inst.module.ports) {
        if (p.clockOf || p.resetOf || p.controlOf) continue;
        const pin = p.signal.name;
        if (!inst.inputs.has(pin) && !inst.outputs.has(pin)) {
          findings.errors.push(new DesignRuleError('late-port',
            `${where}: instance '${inst.name}' has no connection for port '${pin}' of module '${inst.module.name}', which was added after the instance was made: finish the child module before instantiating it`,
            [inst.site.loc, p.signal.loc]));
        }
      }
    }
    return { source: inst, name: inst.name, inputs: new Map([...inst.inputs, ...instanceControls(m, inst)].map(([pin, v]) => [pin, toNet(v, inst.site.loc)])), outputs };
  });

  // ---- checks: one driver each, outputs driven, undriven signals ----
  for (const [s, list] of drivenBy) {
    if (list.length > 1) {
      findings.errors.push(new DesignRuleError('multiple-drivers',
        `${where}: signal '${signals[s]!.path}' has ${list.length} drivers: ${list.map((d) => d.what).join(' and ')}`, list.map((d) => d.loc)));
    }
  }
  const portOf = new Map(m.ports.map((p) => [p.signal, p]));
  const undriven: number[] = [];
  signals.forEach((irs, i) => {
    if (drivenBy.has(i)) return;
    const port = portOf.get(irs.signal);
    if (port?.direction === 'input') return;
    if (port?.direction === 'output') {
      findings.errors.push(new DesignRuleError('undriven-output', `${where}: output '${irs.path}' is never driven`, [irs.signal.loc]));
      return;
    }
    undriven.push(i);
    findings.warnings.push(new DesignRuleError('undriven-signal',
      `${where}: signal '${irs.path}' is never driven: it reads as its reset value ${irs.signal.reset} on every backend (the Verilog gives it that constant driver)`, [irs.signal.loc]));
  });

  // ---- formal properties (their check signals are ordinary comb-driven signals) ----
  const properties: IrProperty[] = m.properties.map((p) => ({
    kind: p.kind, path: p.name, message: p.message, check: indexOf.get(p.check)!, domain: p.domain, site: p.site,
    reads: p.reads.flatMap((s) => { const i = indexOf.get(s); return i === undefined ? [] : [i]; }),
  }));

  // ---- Verilog names ----
  const alloc = new NameAllocator();
  const names = new Map<Signal | Memory | Instance, string>();
  for (const p of m.ports) names.set(p.signal, alloc.claim(p.signal.name));
  for (const s of m.signals) if (!names.has(s)) names.set(s, alloc.claim(s.name));
  for (const mem of m.memories) names.set(mem, alloc.claim(mem.name));
  for (const inst of m.instances) names.set(inst, alloc.claim(inst.name));

  return {
    module: m, name, ports: m.ports, cells: table.cells, signals, indexOf, drivers, memories, instances, statements, undriven, properties,
    names, renames: [...m.renamed, ...alloc.renames], allocator: alloc, simulationOnly,
  };
}

/** "Unchanged": a register keeps its value, a combinational signal takes its reset value. */
export const HOLD: IrRule = { kind: 'hold' };

/** The decision tree for `target` given the statements, starting from `base`. Recurses on statement nesting only. */
export function lowerTarget(stmts: readonly IrStmt[], target: number, base: IrRule): IrRule {
  let cur = base;
  for (const s of relevant(stmts, target)) {
    if (s.kind === 'assign') cur = { kind: 'assign', value: s.value, site: s.site };
    else if (s.kind === 'if') {
      const els = s.else ? lowerTarget(s.else, target, cur) : cur;
      const branches = s.branches.map((b) => ({ cond: b.cond, body: lowerTarget(b.body, target, cur) }));
      // Trailing branches that do what the else does add nothing (earlier ones still shadow later conditions).
      while (branches.length && branches[branches.length - 1]!.body === els) branches.pop();
      // `if (a) A else (if (b) B else E)` is the chain `if (a) A elif (b) B else E`: sequential Ifs on one target
      // make one flat chain, not a nesting as deep as the statements are many (no recursion limit on long lists).
      if (branches.length && els.kind === 'if') cur = { kind: 'if', branches: [...branches, ...els.branches], else: els.else };
      else cur = branches.length ? { kind: 'if', branches, else: els } : els;
    } else {
      const def = s.default ? lowerTarget(s.default, target, cur) : cur;
      // Cases that leave the target as the default does are dropped: they add nothing but noise.
      const cases = s.cases.map((c) => ({ values: c.values, body: lowerTarget(c.body, target, cur) })).filter((c) => c.body !== def && c.values.length > 0);
      cur = cases.length === 0 ? def : { kind: 'switch', subject: s.subject, cases, default: def };
    }
  }
  return cur;
}

// Index of each statement list by target, so lowering N targets over M statements costs O(N + M), not O(N * M).
const indexCache = new WeakMap<readonly IrStmt[], Map<number, IrStmt[]>>();
function relevant(stmts: readonly IrStmt[], target: number): readonly IrStmt[] {
  let index = indexCache.get(stmts);
  if (!index) {
    index = new Map();
    for (const s of stmts) {
      for (const t of targetsOf(s)) {
        let l = index.get(t);
        if (!l) index.set(t, (l = []));
        l.push(s);
      }
    }
    indexCache.set(stmts, index);
  }
  return index.get(target) ?? [];
}

/** The targets a statement assigns anywhere inside it. */
export function targetsOf(s: IrStmt, out = new Set<number>()): Set<number> {
  if (s.kind === 'assign') out.add(s.target);
  else if (s.kind === 'if') { for (const b of s.branches) for (const x of b.body) targetsOf(x, out); if (s.else) for (const x of s.else) targetsOf(x, out); }
  else { for (const c of s.cases) for (const x of c.body) targetsOf(x, out); if (s.default) for (const x of s.default) targetsOf(x, out); }
  return out;
}

export type { CallSite };
