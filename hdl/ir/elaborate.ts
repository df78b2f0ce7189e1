/**
 * Elaboration: from a finished top `Module` to the one checked netlist every backend reads: a netlist per module (for
 * the Verilog printer) and the flat netlist of the whole design (for simulators and whole-design checks), both built
 * once. Every module of the design is frozen: a later change is an `AlreadyElaboratedError` naming both lines, so
 * no output can go stale. A design that fails a design-rule check never gets here: `elaborate` throws
 * `DesignRuleErrors` listing every cause.
 */
import { DesignRuleError, DesignRuleErrors } from '../core/errors.ts';
import type { Module } from '../core/module.ts';
import { NameAllocator } from '../core/names.ts';
import { CallSite } from '../core/source-loc.ts';
import { buildModuleNetlist, type Findings } from './build.ts';
import { checkCombLoops, checkDomainCrossings } from './checks.ts';
import { propagateDomainControls } from './domain-controls.ts';
import { flattenNetlists } from './flatten.ts';
import type { FlatDesign, NetlistModule } from './netlist.ts';

/** The elaborated, checked design. */
export interface Design {
  readonly top: NetlistModule;
  /** Every module, children before parents. */
  readonly modules: readonly NetlistModule[];
  /** Non-fatal findings (clock-domain crossings without a synchroniser, undriven signals). */
  readonly warnings: readonly DesignRuleError[];
  /** The netlist module of a `Module`. */
  moduleOf(m: Module): NetlistModule;
  /** The flattened design. */
  readonly flat: FlatDesign;
  /**
   * Name map: `{ 'module.signal': 'verilog_name' }` for every identifier that differs from the name the user asked
   * for (builder collisions such as a second `x` becoming `x_1`, Verilog keywords, illegal characters), and
   * `{ module: 'verilog_module' }` for renamed modules.
   */
  nameMap(): Record<string, string>;
}

/** Options of {@link elaborate}. */
export interface ElaborateOptions {
  /** Throw on warnings too. */
  warningsAsErrors?: boolean;
}

/**
 * Checks a design and builds its netlist; freezes every module of the design.
 * @example
 * const design = elaborate(top);
 * console.log(design.modules.map((m) => m.name));
 */
export function elaborate(top: Module, opts: ElaborateOptions = {}): Design {
  const at = new CallSite();
  const findings: Findings = { errors: [], warnings: [] };
  const { order, simOnly } = discover(top, findings.errors);
  propagateDomainControls(order);

  const moduleNames = new NameAllocator();
  const byModule = new Map<Module, NetlistModule>();
  const modules: NetlistModule[] = [];
  for (const m of order) {
    const nm = buildModuleNetlist(m, moduleNames.claim(m.name), simOnly.has(m), findings);
    byModule.set(m, nm);
    modules.push(nm);
  }
  for (const m of order) m.freeze(at);
  if (findings.errors.length) throw new DesignRuleErrors(findings.errors);

  const moduleOf = (m: Module): NetlistModule => {
    const nm = byModule.get(m);
    if (!nm) throw new DesignRuleError('unknown-module', `module '${m.name}' is not part of this design`);
    return nm;
  };
  const flat = flattenNetlists(byModule.get(top)!, moduleOf);
  checkCombLoops(flat, findings.errors);
  checkDomainCrossings(flat, findings.warnings);
  if (findings.errors.length) throw new DesignRuleErrors(findings.errors);
  if (opts.warningsAsErrors && findings.warnings.length) throw new DesignRuleErrors(findings.warnings);

  return {
    top: byModule.get(top)!,
    modules,
    warnings: findings.warnings,
    flat,
    moduleOf,
    nameMap: () => {
      const out: Record<string, string> = {};
      for (const r of moduleNames.renames) out[r.from] = r.to;
      for (const nm of modules) for (const r of nm.renames) out[`${nm.module.name}.${r.from}`] = r.to;
      return out;
    },
  };
}

/** The modules of the design, children before parents (iterative), and those that are simulation-only. */
function discover(top: Module, errors: DesignRuleError[]): { order: Module[]; simOnly: Set<Module> } {
  const order: Module[] = [];
  const simOnly = new Set<Module>();
  const done = new Set<Module>();
  const onStack = new Set<Module>();
  const stack: { m: Module; i: number; sim: boolean }[] = [{ m: top, i: 0, sim: top.simulationOnly }];
  onStack.add(top);
  if (top.simulationOnly) simOnly.add(top);
  while (stack.length) {
    const f = stack[stack.length - 1]!;
    if (f.i >= f.m.instances.length) {
      stack.pop();
      onStack.delete(f.m);
      if (!done.has(f.m)) { done.add(f.m); order.push(f.m); }
      continue;
    }
    const inst = f.m.instances[f.i++]!;
    const child = inst.module;
    if (!child) continue;
    const sim = f.sim || child.simulationOnly || inst.external !== null;
    if (onStack.has(child)) {
      errors.push(new DesignRuleError('recursive-instance', `module '${child.name}' instantiates itself through ${[...stack.map((x) => x.m), child].map((x) => x.name).join(' -> ')}`, [child.site.loc]));
      continue;
    }
    if (sim) simOnly.add(child);
    if (done.has(child) && !sim) continue;
    if (done.has(child)) {
      // Already listed; still mark its subtree simulation-only.
      const sub = [child];
      while (sub.length) { const x = sub.pop()!; for (const i of x.instances) if (i.module && !simOnly.has(i.module)) { simOnly.add(i.module); sub.push(i.module); } }
      continue;
    }
    onStack.add(child);
    stack.push({ m: child, i: 0, sim });
  }
  return { order, simOnly };
}
