/**
 * Lowers partial assignments (a slice, a struct field, a Vec element: `AssignStmt.part`) to whole-signal assignments,
 * so the netlist and every backend see only ordinary cells and rules.
 *
 * Statements run in order and later ones win, so a partial assignment's other bits are what the statements before it
 * gave the signal at that point: walking the statements, each partially assigned signal carries a small decision tree
 * of its value so far (`hold` = the register's own value, or for a combinational signal its reset value). A partial
 * assignment of bits `lo..hi` becomes `target = {kept high bits, value, kept low bits}` where each kept part is that
 * tree restricted to those bits (multiplexers on the same conditions, slices seen through concatenations). So
 * `x[3:0] <= a; x[7:4] <= b;` becomes `x <= {x[7:4], a}; x <= {b, a};` and an If around the first gives
 * `x <= {b, c ? a : x[3:0]}`.
 */
import { type Shape, signed, unsigned } from '../core/shape.ts';
import type { CallSite } from '../core/source-loc.ts';
import type { AssignStmt, IfStmt, Stmt, SwitchStmt } from '../core/statement.ts';
import { Const, Operator, type Signal, type Value } from '../core/value.ts';

/** The value a signal has so far in a process (per signal, built as statements are walked). */
type Sofar =
  | { readonly kind: 'hold' }
  | { readonly kind: 'value'; readonly value: Value }
  | { readonly kind: 'if'; readonly branches: readonly { readonly cond: Value; readonly body: Sofar }[]; readonly else: Sofar; readonly depth: number }
  | { readonly kind: 'switch'; readonly subject: Value; readonly cases: readonly { readonly values: readonly bigint[]; readonly body: Sofar }[]; readonly default: Sofar; readonly depth: number };

/**
 * Deepest tree kept; a deeper one becomes one value (a multiplexer of whole values). Bounds the recursion of `bits`
 * and its cost: a long run of `If`s around partial assignments costs the same per statement.
 */
const MAX_TREE_DEPTH = 8;
const depthOf = (t: Sofar): number => (t.kind === 'if' || t.kind === 'switch' ? t.depth : 0);

const HOLD: Sofar = { kind: 'hold' };

/**
 * The statements with every partial assignment replaced by a whole-signal one (unchanged when there is none).
 * @example const stmts = lowerPartialAssigns(m.stmts); // then build the netlist from `stmts`
 */
export function lowerPartialAssigns(stmts: readonly Stmt[]): readonly Stmt[] {
  const partial = new Map<Signal, string | null>();
  scan(stmts, partial);
  if (partial.size === 0) return stmts;
  return new Lowering(partial).walk(stmts, new Map());
}

/** The partially assigned signals, with the domain of each. */
function scan(stmts: readonly Stmt[], out: Map<Signal, string | null>): void {
  for (const s of stmts) {
    if (s.kind === 'assign') { if (s.part) out.set(s.target, s.domain); }
    else if (s.kind === 'if') { for (const b of s.branches) scan(b.body, out); if (s.elseBody) scan(s.elseBody, out); }
    else { for (const c of s.cases) scan(c.body, out); if (s.defaultBody) scan(s.defaultBody, out); }
  }
}

type State = Map<Signal, Sofar>;

class Lowering {
  /** Bits `hi..lo` of a signal's tree, memoised (the same tree is read by every later partial assignment). */
  private readonly memo = new Map<Signal, Map<Sofar, Map<string, Value>>>();
  private readonly slices = new Map<Value, Map<string, Value>>();
  constructor(private readonly partial: ReadonlyMap<Signal, string | null>) {}

  walk(stmts: readonly Stmt[], state: State): Stmt[] {
    return stmts.map((s) => {
      if (s.kind === 'assign') return this.assign(s, state);
      if (s.kind === 'if') {
        const states: State[] = [];
        const branches = s.branches.map((b) => { const st = new Map(state); states.push(st); return { ...b, body: this.walk(b.body, st) }; });
        const elseState = new Map(state);
        const elseBody = s.elseBody ? this.walk(s.elseBody, elseState) : null;
        this.merge(state, [...states, elseState], s.site, (get) => {
          const branches = s.branches.map((b, i) => ({ cond: b.cond, body: get(i) }));
          const els = get(states.length);
          return { kind: 'if', branches, else: els, depth: 1 + Math.max(depthOf(els), ...branches.map((b) => depthOf(b.body))) };
        });
        return { ...s, branches, elseBody } satisfies IfStmt;
      }
      const states: State[] = [];
      const cases = s.cases.map((c) => { const st = new Map(state); states.push(st); return { ...c, body: this.walk(c.body, st) }; });
      const defState = new Map(state);
      const defaultBody = s.defaultBody ? this.walk(s.defaultBody, defState) : null;
      this.merge(state, [...states, defState], s.site, (get) => {
        const cases = s.cases.map((c, i) => ({ values: c.values, body: get(i) }));
        const def = get(states.length);
        return { kind: 'switch', subject: s.subject, cases, default: def, depth: 1 + Math.max(depthOf(def), ...cases.map((c) => depthOf(c.body))) };
      });
      return { ...s, cases, defaultBody } satisfies SwitchStmt;
    });
  }

  /** After a branching statement: each signal some branch changed gets a tree choosing between the branches. */
  private merge(state: State, after: readonly State[], site: CallSite, make: (get: (i: number) => Sofar) => Sofar): void {
    const changed = new Set<Signal>();
    for (const st of after) for (const [sig, v] of st) if (state.get(sig) !== v) changed.add(sig);
    for (const sig of changed) {
      const before = state.get(sig) ?? HOLD;
      const tree = make((i) => after[i]!.get(sig) ?? before);
      state.set(sig, depthOf(tree) > MAX_TREE_DEPTH ? { kind: 'value', value: this.bits(tree, sig, this.partial.get(sig)!, sig.width - 1, 0, site) } : tree);
    }
  }

  private assign(s: AssignStmt, state: State): AssignStmt {
    if (!this.partial.has(s.target)) return s;
    if (!s.part) { state.set(s.target, { kind: 'value', value: s.value }); return s; }
    const t = s.target;
    const { lo, width } = s.part;
    const hi = lo + width - 1;
    const sofar = state.get(t) ?? HOLD;
    const parts: Value[] = [];
    if (hi < t.width - 1) parts.push(this.bits(sofar, t, s.domain, t.width - 1, hi + 1, s.site));
    parts.push(s.value.signed ? new Operator('cast', unsigned(width), [s.value], 0, s.site) : s.value);
    if (lo > 0) parts.push(this.bits(sofar, t, s.domain, lo - 1, 0, s.site));
    let whole = parts.length === 1 ? parts[0]! : new Operator('concat', unsigned(t.width), parts, 0, s.site);
    if (t.signed) whole = new Operator('cast', signed(t.width), [whole], 0, s.site);
    state.set(t, { kind: 'value', value: whole });
    return { kind: 'assign', target: t, value: whole, domain: s.domain, site: s.site };
  }

  /** Bits `hi..lo` (unsigned) of the value `tree` gives signal `t`. */
  private bits(tree: Sofar, t: Signal, domain: string | null, hi: number, lo: number, site: CallSite): Value {
    let byTree = this.memo.get(t);
    if (!byTree) this.memo.set(t, (byTree = new Map()));
    let byRange = byTree.get(tree);
    if (!byRange) byTree.set(tree, (byRange = new Map()));
    const key = `${hi}:${lo}`;
    const hit = byRange.get(key);
    if (hit) return hit;
    const shape = unsigned(hi - lo + 1);
    const choose = (cond: Value, a: Value, b: Value): Value => (a === b ? a : new Operator('mux', shape, [cond, a, b], 0, site));
    let v: Value;
    switch (tree.kind) {
      case 'hold': v = domain === null ? new Const(BigInt.asUintN(hi + 1, t.reset) >> BigInt(lo), shape, site) : this.sliceOf(t, hi, lo, site); break;
      case 'value': v = this.sliceOf(tree.value, hi, lo, site); break;
      case 'if': {
        v = this.bits(tree.else, t, domain, hi, lo, site);
        for (let i = tree.branches.length - 1; i >= 0; i--) v = choose(tree.branches[i]!.cond, this.bits(tree.branches[i]!.body, t, domain, hi, lo, site), v);
        break;
      }
      case 'switch': {
        v = this.bits(tree.default, t, domain, hi, lo, site);
        for (let i = tree.cases.length - 1; i >= 0; i--) {
          const c = tree.cases[i]!;
          if (c.values.length === 0) continue;
          const hit1 = c.values.map((x) => new Operator('eq', unsigned(1), [tree.subject, new Const(x, tree.subject.shape, site)], 0, site) as Value)
            .reduce((a, b) => new Operator('or', unsigned(1), [a, b], 0, site));
          v = choose(hit1, this.bits(c.body, t, domain, hi, lo, site), v);
        }
        break;
      }
    }
    byRange.set(key, v);
    return v;
  }

  /**
   * Bits `hi..lo` of `v` as an unsigned value, seen through concatenations, casts, extensions and constants; one
   * object per distinct slice, so a multiplexer whose two sides are the same bits is no multiplexer.
   */
  private sliceOf(v: Value, hi: number, lo: number, site: CallSite): Value {
    const shape: Shape = unsigned(hi - lo + 1);
    for (;;) {
      if (v instanceof Const) return new Const(BigInt.asUintN(hi + 1, v.value) >> BigInt(lo), shape, site);
      if (!(v instanceof Operator)) break;
      if (v.op === 'cast') { v = v.operands[0]!; continue; }
      if (v.op === 'slice') { lo += v.param; hi += v.param; v = v.operands[0]!; continue; }
      if (v.op === 'ext' && hi < v.operands[0]!.width) { v = v.operands[0]!; continue; }
      if (v.op === 'concat') {
        let top = v.width;
        const inner = v.operands.find((p) => { top -= p.width; return lo >= top && hi < top + p.width; });
        if (!inner) break;
        lo -= top; hi -= top; v = inner;
        continue;
      }
      break;
    }
    if (lo === 0 && hi === v.width - 1 && !v.signed) return v;
    let byRange = this.slices.get(v);
    if (!byRange) this.slices.set(v, (byRange = new Map()));
    const key = `${hi}:${lo}`;
    let hit = byRange.get(key);
    if (!hit) byRange.set(key, (hit = lo === 0 && hi === v.width - 1 ? new Operator('cast', shape, [v], 0, site) : new Operator('slice', shape, [v], lo, site)));
    return hit;
  }
}
