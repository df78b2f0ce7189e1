/** Statements recorded by the module builder. Lowered to one decision tree per driven signal by `lower.ts`. */
import type { CallSite } from './source-loc.ts';
import type { Signal, Value } from './value.ts';

/** `target <= value` in a clock domain, or `target = value` combinationally (`domain === null`). */
export interface AssignStmt {
  readonly kind: 'assign';
  readonly target: Signal;
  readonly value: Value;
  readonly domain: string | null;
  readonly site: CallSite;
  /**
   * Set by a partial assignment (a slice, a struct field, a Vec element; `hdl/core/lvalue.ts`): `value` goes to bits
   * `lo .. lo + width - 1` of `target`, the others keep what earlier statements gave them. Lowered to whole-signal
   * assignments by `hdl/ir/partial-assign.ts` before the netlist is built.
   */
  readonly part?: { readonly lo: number; readonly width: number };
}

/** If / Elif ... / Else. */
export interface IfStmt {
  readonly kind: 'if';
  readonly branches: { readonly cond: Value; readonly body: Stmt[]; readonly site: CallSite }[];
  elseBody: Stmt[] | null;
  readonly site: CallSite;
}

/** Switch / Case / Default. Case values are already range-checked against the subject. */
export interface SwitchStmt {
  readonly kind: 'switch';
  readonly subject: Value;
  readonly cases: { readonly values: readonly bigint[]; readonly body: Stmt[]; readonly site: CallSite }[];
  defaultBody: Stmt[] | null;
  readonly site: CallSite;
}

export type Stmt = AssignStmt | IfStmt | SwitchStmt;
