/**
 * Assignment targets smaller than a signal: a bit slice (`sig.bits(7, 4)`, `bit`, `trunc`), a struct field, a `Vec`
 * element chosen by a constant or by a value, and any slice of those. Each is an {@link LValue}: a signal, a constant
 * low bit, a shape, and the dynamic index steps that add `index * stride` to the low bit.
 *
 * A partial assignment records an `AssignStmt` with a `part` (the bits it writes); a dynamic-index assignment records a
 * `Switch` on the index with one case per element, each a partial assignment of that element, so an index past the
 * last element writes nothing. `hdl/ir/partial-assign.ts` lowers both to whole-signal assignments before the netlist
 * is built, so every backend sees only ordinary cells.
 */
import { HdlError } from './errors.ts';
import type { Module } from './module.ts';
import { type Shape, formatShape } from './shape.ts';
import type { CallSite } from './source-loc.ts';
import { Operator, Signal, type Value, type ValueLike, coerceForAssign } from './value.ts';

/** One dynamic index on the way to a target: `index * stride` bits are added to the low bit, for `index < count`. */
export interface DynamicStep {
  readonly index: Value;
  readonly count: number;
  readonly stride: number;
}

/** Where an assignment to a value lands: bits `lo + Σ index·stride` .. `+ shape.width - 1` of `signal`. */
export interface LValue {
  readonly signal: Signal;
  readonly lo: number;
  readonly shape: Shape;
  readonly dynamic: readonly DynamicStep[];
  /** How messages name the target: `e.count`, `regs[i].valid`, `x[7:4]`. */
  readonly label: string;
}

const registered = new WeakMap<Value, LValue>();
const labels = new WeakMap<Value, string>();

/** @internal records that `v` (a view's field or a Vec element) is assignable as `lv`. */
export function registerLValue(v: Value, lv: LValue): void {
  registered.set(v, lv);
}

/** @internal gives a view value a name for messages (`e.count`). */
export function setLabel(v: Value, label: string): void {
  labels.set(v, label);
}

/**
 * The name messages use for a value: its view label, its signal name, or undefined.
 * @example labelOf(e.fields.count) // 'e.count'
 */
export function labelOf(v: Value): string | undefined {
  return labels.get(v) ?? registered.get(v)?.label ?? (v instanceof Signal ? v.name : undefined);
}

/**
 * The assignment target a value stands for, or undefined when it is not assignable (an operator result, a constant).
 * @example lvalueOf(sig.bits(7, 4)) // { signal: sig, lo: 4, shape: u4, dynamic: [], label: 'sig[7:4]' }
 */
export function lvalueOf(v: Value): LValue | undefined {
  if (v instanceof Signal) return { signal: v, lo: 0, shape: v.shape, dynamic: [], label: v.name };
  const hit = registered.get(v);
  if (hit) return hit;
  if (!(v instanceof Operator) || (v.op !== 'slice' && v.op !== 'cast')) return undefined;
  const base = lvalueOf(v.operands[0]!);
  if (!base) return undefined;
  const lo = base.lo + (v.op === 'slice' ? v.param : 0);
  const label = labels.get(v) ?? (v.op === 'slice' ? `${base.label}[${v.width > 1 ? `${v.param + v.width - 1}:` : ''}${v.param}]` : base.label);
  return { ...base, lo, shape: v.shape, label };
}

/**
 * @internal records `target = value` for a target that is not a whole signal (`Module.assign` calls it). Widening
 * follows the assignment rules of `shape.ts`; a value that would lose bits is a `WidthError` naming the target.
 */
export function assignPart(m: Module, target: Value, value: ValueLike, domain: string | null, site: CallSite): void {
  const lv = lvalueOf(target);
  if (!lv) {
    throw new HdlError(`a ${formatShape(target.shape)} expression cannot be assigned: a target is a signal, a slice of one (bits, bit, trunc), a struct field or a Vec element`, [site.loc, target.loc]);
  }
  m.checkTarget(lv.signal, domain, site);
  const v = coerceForAssign(value, lv.shape, `assignment to '${lv.label}'`);
  const width = lv.shape.width;
  const emit = (steps: readonly DynamicStep[], lo: number): void => {
    if (steps.length === 0) {
      m.pushStmt({ kind: 'assign', target: lv.signal, value: v, domain, site, part: { lo, width } });
      return;
    }
    const [step, ...rest] = steps as [DynamicStep, ...DynamicStep[]];
    const reachable = step.index.width >= 31 ? step.count : Math.min(step.count, 2 ** step.index.width);
    m.Switch(step.index, (s) => {
      for (let i = 0; i < reachable; i++) s.Case(i, () => emit(rest, lo + i * step.stride));
    });
  };
  emit(lv.dynamic, lv.lo);
}
