/**
 * Formal properties of a module: `m.assert`, `m.assume`, `m.cover`, and the past-value helpers (`past`, `rose`,
 * `fell`, `stable`, `initialCycle`) built from ordinary registers, so every backend sees the same logic.
 *
 * A property is lowered to one 1-bit "check" signal driven combinationally at the call site (inside whatever
 * If / Switch / FSM state the call is in): it is 1 where an assertion or assumption holds (its reset value 1 outside
 * the call's conditions, and while the domain's reset is high) and 1 where a cover is hit (reset value 0). Checkers,
 * the Verilog `ifdef FORMAL` block and the prover all read that one signal.
 *
 * @example
 * const m = new Module('counter');
 * const q = m.output('q', 4);
 * m.sync(q, q.add(1).trunc(4));
 * m.assert(q.ne(15), 'q never reaches 15'); // fails in cycle 15
 * m.cover(q.eq(3));
 * m.assert(stable(m, q).or(rose(m, q.bit(0))).or(fell(m, q.bit(0))).or(initialCycle(m)));
 */
import { HdlError } from './errors.ts';
import type { Module } from './module.ts';
import { CallSite } from './source-loc.ts';
import { type Signal, type Value, type ValueLike, coerceForAssign, valueOf } from './value.ts';

/** What a property says: must hold, may be assumed to hold (constrains the prover's inputs), or should be reachable. */
export type PropertyKind = 'assert' | 'assume' | 'cover';

/** One property of a module, as the builder recorded it. */
export interface Property {
  readonly kind: PropertyKind;
  /** Unique within the module: the check signal's name. */
  readonly name: string;
  readonly message: string | undefined;
  /** 1 = holds (assert / assume) or hit (cover). */
  readonly check: Signal;
  /** Domain at whose clock it is sampled (before each rising edge), or `null` for a combinational property. */
  readonly domain: string | null;
  /** The signals the condition reads (reported with a failure). */
  readonly reads: readonly Signal[];
  readonly site: CallSite;
}

/** Options of `m.assert` / `m.assume` / `m.cover`. */
export interface PropertyOptions {
  /** Clock domain (default: `sync` when the module has it, else combinational); `null` for combinational. */
  readonly domain?: string | null;
  /** Name of the property (default `<kind>_l<line>`). */
  readonly name?: string;
}

/** The signals a value reads (iterative walk over its expression). */
export function signalsOf(v: Value): Signal[] {
  const out = new Set<Signal>();
  const seen = new Set<Value>();
  const stack: Value[] = [v];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (x.kind === 'signal') out.add(x as Signal);
    else if (x.kind === 'op') stack.push(...(x as unknown as { operands: readonly Value[] }).operands);
  }
  return [...out];
}

/** @internal adds a property to `m` at the current statement position (called by `Module.assert` and friends). */
export function addProperty(m: Module, kind: PropertyKind, cond: ValueLike, message: string | undefined, opts: PropertyOptions): Property {
  const site = new CallSite();
  m.checkOpen(`${kind} statement`);
  const c = valueOf(cond);
  if (c.width !== 1) throw new HdlError(`the condition of ${kind}${message ? ` '${message}'` : ''} must be 1 bit, got ${c.width} bits (use .bool() or a comparison)`, [site.loc]);
  const domain = opts.domain === undefined ? (m.domains.has('sync') ? 'sync' : null) : opts.domain;
  const dom = domain === null ? null : m.domain(domain);
  const name = opts.name ?? `${kind}_l${site.loc?.line ?? m.properties.length}`;
  const check = m.signal(name, 1, { reset: kind === 'cover' ? 0 : 1 });
  let v: Value = c;
  if (dom?.rst) {
    const inReset = dom.resetActive === 'low' ? dom.rst.not() : dom.rst; // not sampled while the domain resets
    v = kind === 'cover' ? c.and(inReset.not()) : c.or(inReset);
  }
  m.comb(check, v);
  const p: Property = { kind, name: check.name, message, check, domain, reads: signalsOf(c), site };
  m.properties.push(p);
  return p;
}

/**
 * The value `x` had `n` cycles ago in `domain` (registers `<x>_past<k>`, reset to 0).
 * @example m.assert(past(m, req, 2).not().or(ack));
 */
export function past(m: Module, x: Value, n = 1, domain = 'sync'): Value {
  if (!Number.isInteger(n) || n < 1) throw new HdlError(`past(): n must be a positive integer, got ${n}`, [new CallSite().loc]);
  const base = x.kind === 'signal' ? (x as Signal).name : 'expr';
  let cur: Value = x;
  for (let k = 1; k <= n; k++) {
    const r = m.signal(`${base}_past${k}`, x.shape);
    always(m, r, cur, domain);
    cur = r;
  }
  return cur;
}

/** 1 when bit `x` went from 0 to 1 since the last cycle. @example m.cover(rose(m, done)); */
export function rose(m: Module, x: Value, domain = 'sync'): Value {
  return x.bool().and(past(m, x.bool(), 1, domain).not());
}

/** 1 when bit `x` went from 1 to 0 since the last cycle. @example m.assert(fell(m, busy).not().or(done)); */
export function fell(m: Module, x: Value, domain = 'sync'): Value {
  return x.bool().not().and(past(m, x.bool(), 1, domain));
}

/** 1 when `x` has the value it had in the last cycle. @example m.assert(stable(m, code)); */
export function stable(m: Module, x: Value, domain = 'sync'): Value {
  return x.eq(past(m, x, 1, domain));
}

/**
 * 1 in the first cycle after reset (and at power-on): where `past` values are not yet meaningful.
 * @example m.assert(initialCycle(m).or(stable(m, q)));
 */
export function initialCycle(m: Module, domain = 'sync'): Value {
  const name = `f_initialized_${domain}`;
  const existing = m.signals.find((s) => s.name === name);
  if (existing) return existing.not();
  const r = m.signal(name, 1);
  always(m, r, 1, domain);
  return r.not();
}

/** Registers `target <= value` unconditionally (at the top of the module, whatever If the caller is in). */
function always(m: Module, target: Signal, value: ValueLike, domain: string): void {
  m.domain(domain);
  m.stmts.push({ kind: 'assign', target, value: coerceForAssign(value, target.shape, `past value '${target.name}'`), domain, site: new CallSite() });
}

/**
 * Asserts that every FSM of `m` holds one of its states' encodings (for FSMs whose register has unused codes).
 * @example const fsm = m.fsm('ctl', ['A', 'B', 'C']); fsmEncodingAsserts(m); // asserts ctl_state < 3
 */
export function fsmEncodingAsserts(m: Module): void {
  for (const f of m.fsms) {
    if (2 ** f.stateSignal.width === f.states.length) continue;
    m.assert(f.stateSignal.lt(f.states.length), `FSM '${f.name}' in a used state encoding`, { name: `inv_${f.name}_encoding` });
  }
}
