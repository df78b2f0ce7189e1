/**
 * Groups the registers of a module into processes: one per clock domain and kind of reset (registers that reset, and
 * reset-less ones), each holding the user's own statements pruned to its registers. So an FSM and the registers it
 * sets print as one `always` block with one `case (state)`, as a designer would write them, instead of a block per
 * register repeating the same conditions.
 */
import type { IrStmt, NetlistModule } from '../netlist.ts';

/** A group of registers updated by one process. */
export interface Process {
  readonly domain: string;
  /** True when the registers take their reset values while the domain's reset is asserted. */
  readonly resets: boolean;
  /** Signal indices of the registers, in order of first assignment. */
  readonly targets: readonly number[];
  /** The module's statements that assign them, with everything else pruned. */
  readonly body: readonly IrStmt[];
}

/**
 * The register processes of a module netlist, in order of first assignment.
 *
 * @example
 * for (const p of groupProcesses(nm)) console.log(p.domain, p.targets.length);
 */
export function groupProcesses(nm: NetlistModule): Process[] {
  const resetLess = (target: number): boolean => nm.signals[target]!.signal.resetLess;
  const hasReset = (domain: string): boolean => nm.module.domains.get(domain)?.rst != null;
  const groups = new Map<string, { domain: string; resets: boolean; targets: number[] }>();
  for (const d of nm.drivers) {
    if (d.domain === null) continue;
    const resets = hasReset(d.domain) && !resetLess(d.target);
    const key = `${d.domain}/${resets}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { domain: d.domain, resets, targets: [] }));
    g.targets.push(d.target);
  }
  return [...groups.values()].map((g) => {
    const keep = new Set(g.targets);
    return { ...g, body: prune(nm.statements, (s) => keep.has(s.target) && s.domain === g.domain) };
  });
}

/**
 * The statements with only the assignments `keep` accepts. Empty branches are dropped where that keeps the meaning:
 * trailing branches of an if-chain (an earlier empty branch still shadows the later conditions, so it stays), and
 * case items when the default is empty too.
 *
 * @example
 * const onlyX = prune(nm.statements, (a) => a.target === x);
 */
export function prune(stmts: readonly IrStmt[], keep: (a: Extract<IrStmt, { kind: 'assign' }>) => boolean): IrStmt[] {
  const out: IrStmt[] = [];
  for (const s of stmts) {
    if (s.kind === 'assign') { if (keep(s)) out.push(s); continue; }
    if (s.kind === 'if') {
      const branches = s.branches.map((b) => ({ cond: b.cond, body: prune(b.body, keep) }));
      const els = s.else ? prune(s.else, keep) : [];
      if (els.length === 0) while (branches.length && branches[branches.length - 1]!.body.length === 0) branches.pop();
      if (branches.length === 0) continue; // branches are only dropped when the else is empty
      out.push({ kind: 'if', branches, else: els.length ? els : null, site: s.site });
      continue;
    }
    const def = s.default ? prune(s.default, keep) : [];
    let cases = s.cases.map((c) => ({ values: c.values, body: prune(c.body, keep) })).filter((c) => c.values.length > 0);
    if (def.length === 0) cases = cases.filter((c) => c.body.length > 0);
    if (cases.length === 0 && def.length === 0) continue;
    out.push({ kind: 'switch', subject: s.subject, cases, default: def.length ? def : null, site: s.site });
  }
  return out;
}
