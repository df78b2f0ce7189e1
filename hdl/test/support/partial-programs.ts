/**
 * Random programs of partial assignments (slices, If/Else around them, whole assignments, dynamic Vec writes) to one
 * register and one combinational signal, with a bigint model: the property tests run them on every backend.
 */
import fc from 'fast-check';
import { Module } from '../../core/module.ts';
import type { Signal, Value } from '../../core/value.ts';
import { Vec } from '../../core/vec.ts';

export const WIDTH = 16;

/** One statement of a program. `src` picks input a, b or c; `cond` an input bit of `k` (-1: unconditional). */
export type PStmt =
  | { readonly kind: 'part'; readonly lo: number; readonly hi: number; readonly src: number; readonly cond: number; readonly elseSrc: number }
  | { readonly kind: 'whole'; readonly src: number; readonly cond: number }
  | { readonly kind: 'dyn'; readonly src: number; readonly cond: number };

export interface Program {
  readonly stmts: readonly PStmt[];
  readonly regReset: number;
  readonly combReset: number;
}

const range = fc.tuple(fc.integer({ min: 0, max: WIDTH - 1 }), fc.integer({ min: 0, max: WIDTH - 1 })).map(([x, y]) => [Math.min(x, y), Math.max(x, y)] as const);
const src = fc.integer({ min: 0, max: 2 });
const cond = fc.integer({ min: -1, max: 3 });

/** Programs of 1 to 6 statements. */
export const programArb: fc.Arbitrary<Program> = fc.record({
  stmts: fc.array(fc.oneof(
    { weight: 4, arbitrary: fc.record({ r: range, src, cond, elseSrc: fc.integer({ min: -1, max: 2 }) }).map(({ r, ...x }) => ({ kind: 'part' as const, lo: r[0], hi: r[1], ...x })) },
    { weight: 1, arbitrary: fc.record({ src, cond }).map((x) => ({ kind: 'whole' as const, ...x })) },
    { weight: 2, arbitrary: fc.record({ src, cond }).map((x) => ({ kind: 'dyn' as const, ...x })) },
  ), { minLength: 1, maxLength: 6 }),
  regReset: fc.integer({ min: 0, max: 2 ** WIDTH - 1 }),
  combReset: fc.integer({ min: 0, max: 2 ** WIDTH - 1 }),
});

/** The program as a module: inputs `a b c` (16 bits), `k` (4 condition bits); register `r` and comb `w` as outputs. */
export function programModule(p: Program, name = 'partial_prog'): Module {
  const m = new Module(name);
  const ins = [m.input('a', WIDTH), m.input('b', WIDTH), m.input('c', WIDTH)];
  const k = m.input('k', 4);
  const r = m.output('r', WIDTH, { reset: p.regReset });
  const w = m.output('w', WIDTH, { reset: p.combReset });
  const Nibbles = Vec(4, 4);
  for (const [target, assign] of [[r, (t: Value, v: Value) => m.sync(t, v)], [w, (t: Value, v: Value) => m.comb(t, v)]] as const) {
    const emit = (s: PStmt, body: () => void): void => { if (s.cond < 0) body(); else m.If(k.bit(s.cond), body); };
    for (const s of p.stmts) {
      if (s.kind === 'part') {
        const put = (from: number): void => assign((target as Signal).bits(s.hi, s.lo), ins[from]!.bits(s.hi - s.lo, 0));
        if (s.cond >= 0 && s.elseSrc >= 0) m.If(k.bit(s.cond), () => put(s.src)).Else(() => put(s.elseSrc));
        else emit(s, () => put(s.src));
      } else if (s.kind === 'whole') emit(s, () => assign(target, ins[s.src]!));
      else emit(s, () => assign(Nibbles.view(target).at(ins[2]!.bits(1, 0)), ins[s.src]!.bits(3, 0)));
    }
  }
  return m;
}

/** The bigint model: the value after the program's statements, starting from `start`. */
export function runProgram(p: Program, start: bigint, inputs: { a: bigint; b: bigint; c: bigint; k: bigint }): bigint {
  const ins = [inputs.a, inputs.b, inputs.c];
  const put = (cur: bigint, lo: number, hi: number, v: bigint): bigint => {
    const mask = ((1n << BigInt(hi - lo + 1)) - 1n) << BigInt(lo);
    return (cur & ~mask) | ((v << BigInt(lo)) & mask);
  };
  const on = (c: number): boolean => c < 0 || ((inputs.k >> BigInt(c)) & 1n) === 1n;
  let cur = start;
  for (const s of p.stmts) {
    if (s.kind === 'part') {
      if (on(s.cond)) cur = put(cur, s.lo, s.hi, ins[s.src]!);
      else if (s.elseSrc >= 0) cur = put(cur, s.lo, s.hi, ins[s.elseSrc]!);
    } else if (!on(s.cond)) continue;
    else if (s.kind === 'whole') cur = ins[s.src]!;
    else { const i = Number(inputs.c & 3n); cur = put(cur, 4 * i, 4 * i + 3, ins[s.src]!); }
  }
  return cur;
}

/** Sixty conditional partial assignments of overlapping ranges: deep enough that the lowering folds its trees. */
export function longProgram(): Program {
  const stmts = Array.from({ length: 60 }, (_, i) => ({ kind: 'part' as const, lo: i % 13, hi: (i % 13) + (i % 4), src: i % 3, cond: i % 4, elseSrc: i % 5 === 0 ? (i + 1) % 3 : -1 }));
  return { stmts, regReset: 0x1234, combReset: 0xbeef };
}
