/**
 * Lowers a module's statement tree into one decision tree (`Rule`) per driven signal: the form every backend reads.
 * Later statements take priority over earlier ones, as in Amaranth.
 */
import type { CallSite } from './source-loc.ts';
import type { Stmt } from './statement.ts';
import type { Signal, Value } from './value.ts';

/** What a signal becomes: a value, a choice, or "unchanged" (hold: a register keeps its value; a comb signal takes its reset value). */
export type Rule =
  | { readonly kind: 'assign'; readonly value: Value; readonly site: CallSite }
  | { readonly kind: 'if'; readonly cond: Value; readonly then: Rule; readonly else: Rule }
  | { readonly kind: 'switch'; readonly subject: Value; readonly cases: readonly { readonly values: readonly bigint[]; readonly body: Rule }[]; readonly default: Rule }
  | { readonly kind: 'hold' };

export const HOLD: Rule = { kind: 'hold' };

/** Every assignment to a signal in a statement list, in order (for driver checks and messages). */
export function assignmentsOf(stmts: readonly Stmt[], out = new Map<Signal, { domain: string | null; site: CallSite }[]>()): Map<Signal, { domain: string | null; site: CallSite }[]> {
  for (const s of stmts) {
    if (s.kind === 'assign') {
      let l = out.get(s.target);
      if (!l) out.set(s.target, (l = []));
      l.push({ domain: s.domain, site: s.site });
    } else if (s.kind === 'if') {
      for (const b of s.branches) assignmentsOf(b.body, out);
      if (s.elseBody) assignmentsOf(s.elseBody, out);
    } else {
      for (const c of s.cases) assignmentsOf(c.body, out);
      if (s.defaultBody) assignmentsOf(s.defaultBody, out);
    }
  }
  return out;
}

/** The decision tree for `target` given the statements, starting from `base`. */
export function lowerTarget(stmts: readonly Stmt[], target: Signal, base: Rule = HOLD): Rule {
  let cur = base;
  for (const s of relevant(stmts, target)) {
    if (s.kind === 'assign') cur = { kind: 'assign', value: s.value, site: s.site };
    else if (s.kind === 'if') {
      let r = s.elseBody ? lowerTarget(s.elseBody, target, cur) : cur;
      for (let i = s.branches.length - 1; i >= 0; i--) {
        const b = s.branches[i]!;
        r = simplifyIf(b.cond, lowerTarget(b.body, target, cur), r);
      }
      cur = r;
    } else {
      const def = s.defaultBody ? lowerTarget(s.defaultBody, target, cur) : cur;
      // Cases that leave the target as the default does are dropped: they add nothing but noise.
      const cases = s.cases.map((c) => ({ values: c.values, body: lowerTarget(c.body, target, cur) })).filter((c) => c.body !== def);
      cur = cases.every((c) => c.body === def) ? def : { kind: 'switch', subject: s.subject, cases, default: def };
    }
  }
  return cur;
}

function simplifyIf(cond: Value, then: Rule, els: Rule): Rule {
  return then === els ? then : { kind: 'if', cond, then, else: els };
}

// Index of each statement list by target, so lowering N targets over M statements costs O(N + M), not O(N * M).
const indexCache = new WeakMap<readonly Stmt[], Map<Signal, Stmt[]>>();
function relevant(stmts: readonly Stmt[], target: Signal): readonly Stmt[] {
  let index = indexCache.get(stmts);
  if (!index) {
    index = new Map();
    for (const s of stmts) {
      for (const t of assignmentsOf([s]).keys()) {
        let l = index.get(t);
        if (!l) index.set(t, (l = []));
        l.push(s);
      }
    }
    indexCache.set(stmts, index);
  }
  return index.get(target) ?? [];
}

/** Calls `f` on every value a rule reads (conditions, subjects, assigned values). */
export function forEachRuleValue(rule: Rule, f: (v: Value) => void): void {
  switch (rule.kind) {
    case 'assign': f(rule.value); break;
    case 'if': f(rule.cond); forEachRuleValue(rule.then, f); forEachRuleValue(rule.else, f); break;
    case 'switch': f(rule.subject); for (const c of rule.cases) forEachRuleValue(c.body, f); forEachRuleValue(rule.default, f); break;
    case 'hold': break;
  }
}

/** The first assignment's call site in a rule (for messages and `// file:line` comments). */
export function firstSite(rule: Rule): CallSite | undefined {
  switch (rule.kind) {
    case 'assign': return rule.site;
    case 'if': return firstSite(rule.then) ?? firstSite(rule.else);
    case 'switch': for (const c of rule.cases) { const s = firstSite(c.body); if (s) return s; } return firstSite(rule.default);
    case 'hold': return undefined;
  }
}
