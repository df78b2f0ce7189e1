/**
 * Clock enables and inserted synchronous resets of clock domains (Amaranth's `EnableInserter` / `ResetInserter`), in
 * the module netlist: a domain with a clock-enable input `ce` and/or a synchronous-reset input `srst` (see
 * `ClockDomain.enable` / `syncReset`) gets, on every register of the domain, the decision
 * `if (srst) reset value; else if (ce) the user's rule; else hold` (under the domain's own reset, which still wins),
 * and `ce` ANDed into its memory write enables and registered read enables. An instance drives the child's control
 * inputs from its own: `ce_child = ce_parent & enable_given`, `srst_child = srst_parent | (ce_parent & reset_given)`,
 * so nested enables compose, and every backend reads the same nets.
 */
import type { ClockDomain, Instance, Module } from '../core/module.ts';
import { Const, type Signal, type Value } from '../core/value.ts';
import { type IrRule, type Net, firstRuleSite } from './netlist.ts';

/** The control nets of a domain in a module netlist. */
export interface ControlNets { readonly en: Net | null; readonly rst: Net | null }

/**
 * `rule` under the domain's controls: an inserted reset (for resettable targets) before the clock enable.
 * @example const r = controlledRule(rule, target, { en: ceNet, rst: null }, () => resetNet);
 */
export function controlledRule(rule: IrRule, target: Signal, ctl: ControlNets, resetValue: () => Net): IrRule {
  let r = rule;
  if (ctl.en !== null) r = { kind: 'if', branches: [{ cond: ctl.en, body: r }], else: { kind: 'hold' } };
  if (ctl.rst !== null && !target.resetLess) {
    const site = firstRuleSite(rule);
    if (site) r = { kind: 'if', branches: [{ cond: ctl.rst, body: { kind: 'assign', value: resetValue(), site } }], else: r };
  }
  return r;
}

/** A write enable of `lanes` bits gated by the domain's clock enable. */
export function gatedWriteEnable(en: Value, dom: ClockDomain | undefined): Value {
  if (!dom?.enable) return en;
  const all = en instanceof Const && en.value === (1n << BigInt(en.width)) - 1n; // always writing: just the enable
  return all ? dom.enable.replicate(en.width) : en.and(dom.enable.replicate(en.width));
}

/** A registered read's enable gated by the domain's clock enable (`null`: always enabled). */
export function gatedReadEnable(en: Value | null, dom: ClockDomain | undefined): Value | null {
  if (!dom?.enable) return en;
  return en ? en.and(dom.enable) : dom.enable;
}

/**
 * The values an instance drives into its child's control inputs (pin name -> value), composed with the parent
 * domain's own controls. Black boxes have none.
 * @example for (const [pin, v] of instanceControls(parent, inst)) inputs.set(pin, toNet(v));
 */
export function instanceControls(parent: Module, inst: Instance): Map<string, Value> {
  const out = new Map<string, Value>();
  if (!inst.module || inst.external) return out;
  for (const d of inst.module.domains.values()) {
    const pd = parent.domains.get(inst.domains.get(d.name) ?? d.name);
    const given = inst.controls.get(d.name);
    const and = (a: Value | null | undefined, b: Value | null | undefined): Value | null => (a && b ? a.and(b) : a ?? b ?? null);
    if (d.enable) out.set(d.enable.name, and(pd?.enable, given?.enable) ?? new Const(1n, { width: 1, signed: false }));
    if (d.syncReset) {
      const inserted = given?.reset ? and(pd?.enable, given.reset) : null;
      const parentReset = pd?.syncReset ?? null;
      out.set(d.syncReset.name, (parentReset && inserted ? parentReset.or(inserted) : parentReset ?? inserted) ?? new Const(0n, { width: 1, signed: false }));
    }
  }
  return out;
}

/**
 * Gives every child domain that runs in a parent domain with a clock enable (or synchronous reset) one too, parents
 * first, so a control reaches every register of the subtree however deep. Called by `elaborate` before the netlists
 * are built (`order`: children before parents).
 * @example propagateDomainControls(order);
 */
export function propagateDomainControls(order: readonly Module[]): void {
  for (let k = order.length - 1; k >= 0; k--) {
    const m = order[k]!;
    for (const inst of m.instances) {
      if (!inst.module || inst.external) continue;
      for (const d of inst.module.domains.values()) {
        const pd = m.domains.get(inst.domains.get(d.name) ?? d.name);
        if (pd?.enable && !d.enable) inst.module.controlPort(d.name, 'enable');
        if (pd?.syncReset && !d.syncReset) inst.module.controlPort(d.name, 'reset');
      }
    }
  }
}
