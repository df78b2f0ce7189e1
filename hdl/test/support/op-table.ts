/** The table of every operator over signed/unsigned operands of mixed widths (1, 31, 32, 33, 64, 128 bits). */
import { type Shape, signed, unsigned } from '../../core/shape.ts';
import { cat, mux, select, type Value } from '../../core/value.ts';
import type { ExprCase } from './comb-harness.ts';
import { lowestSetBit, oneHotDecode, oneHotEncode, priorityEncode } from '../../lib/encoders.ts';

export const WIDTHS = [1, 31, 32, 33, 64, 128];
export const SHAPES: Shape[] = WIDTHS.flatMap((w) => [unsigned(w), signed(w)]);
const fmt = (s: Shape): string => `${s.signed ? 's' : 'u'}${s.width}`;

/** Operand pairs: same shapes, and mixed widths and signedness. */
export const PAIRS: [Shape, Shape][] = [
  ...SHAPES.map((s) => [s, s] as [Shape, Shape]),
  [unsigned(31), signed(33)], [signed(33), unsigned(31)], [unsigned(32), signed(32)], [signed(1), unsigned(1)],
  [unsigned(64), signed(64)], [signed(128), unsigned(33)], [unsigned(33), unsigned(128)], [signed(31), signed(128)],
  [unsigned(1), signed(64)], [signed(32), unsigned(64)],
];

const BINARY: [string, (a: Value, b: Value) => Value][] = [
  ['add', (a, b) => a.add(b)], ['sub', (a, b) => a.sub(b)], ['mul', (a, b) => a.mul(b)],
  ['and', (a, b) => a.and(b)], ['or', (a, b) => a.or(b)], ['xor', (a, b) => a.xor(b)],
  ['eq', (a, b) => a.eq(b)], ['ne', (a, b) => a.ne(b)], ['lt', (a, b) => a.lt(b)], ['le', (a, b) => a.le(b)],
  ['gt', (a, b) => a.gt(b)], ['ge', (a, b) => a.ge(b)],
  ['mux', (a, b) => mux(a.bit(0), a, b)], ['cat', (a, b) => cat(a, b)],
  ['add-trunc', (a, b) => { const s = a.add(b); return s.trunc(Math.max(1, Math.min(a.width, b.width))); }],
  ['div', (a, b) => a.div(b)], ['mod', (a, b) => a.mod(b)],
  ['div0', (a, b) => a.div(mux(a.bit(0), b, 0))], ['mod0', (a, b) => a.mod(mux(a.bit(0), b, 0))],
  ['min', (a, b) => a.min(b)], ['max', (a, b) => a.max(b)],
  ['mul-trunc', (a, b) => { const p = a.mul(b); return p.trunc(Math.max(1, p.width - 3)); }],
  ['sub-neg-trunc', (a, b) => { const d = a.sub(b).neg(); return d.trunc(Math.max(1, d.width - 2)); }],
];

const UNARY: [string, (a: Value) => Value][] = [
  ['neg', (a) => a.neg()], ['not', (a) => a.not()], ['all', (a) => a.all()], ['any', (a) => a.any()],
  ['xorReduce', (a) => a.xorReduce()], ['bool', (a) => a.bool()],
  ['shl1', (a) => a.shl(1)], ['shlW-1', (a) => a.shl(a.width - 1)], ['shlW', (a) => a.shl(a.width)], ['shlW+5', (a) => a.shl(a.width + 5)],
  ['shr1', (a) => a.shr(1)], ['shrW-1', (a) => a.shr(a.width - 1)], ['shrW', (a) => a.shr(a.width)], ['shrW+5', (a) => a.shr(a.width + 5)],
  ['asSigned', (a) => a.asSigned()], ['asUnsigned', (a) => a.asUnsigned()],
  ['ext+7', (a) => a.ext(a.width + 7)], ['zext+3', (a) => a.zext(a.width + 3)], ['sext+3', (a) => a.sext(a.width + 3)],
  ['trunc1', (a) => a.trunc(1)], ['msb', (a) => a.msb()], ['bits', (a) => a.bits(a.width - 1, a.width >> 1)],
  ['replicate3', (a) => a.replicate(3)], ['resize-half', (a) => a.resize(Math.max(1, a.width >> 1))],
  ['abs', (a) => a.abs()], ['rotl3', (a) => a.rotl(3)], ['rotr5', (a) => a.rotr(5)],
  ['priorityEncode', (a) => { const e = priorityEncode(a); return cat(e.valid, e.index); }],
  ['oneHotEncode', (a) => { const e = oneHotEncode(a); return cat(e.valid, e.index); }],
  ['lowestSetBit', (a) => lowestSetBit(a)],
  ['not-trunc', (a) => a.not().trunc(Math.max(1, a.width - 1))],
  ['select', (a) => select(a.bits(Math.min(1, a.width - 1), 0), [[[0], a.not()], [[1], a]], a.neg().trunc(a.width))],
];

const SHIFT_AMOUNTS: Shape[] = [unsigned(3), unsigned(8)];
const BY_VALUE: [string, (a: Value, b: Value) => Value][] = [
  ['shlv', (a, b) => a.shl(b)], ['shrv', (a, b) => a.shr(b)], ['bitAt', (a, b) => a.bitAt(b)],
  ['rotlv', (a, b) => a.rotl(b)], ['oneHotDecode', (a, b) => oneHotDecode(b, a.width)], ['rotrv', (a, b) => a.rotr(b)],
];

/** Every case of the table. */
export function operatorCases(): ExprCase[] {
  const out: ExprCase[] = [];
  for (const [name, f] of BINARY) for (const [a, b] of PAIRS) out.push({ name: `${name}(${fmt(a)},${fmt(b)})`, inputs: [a, b], build: ([x, y]) => f(x!, y!) });
  for (const [name, f] of UNARY) for (const a of SHAPES) out.push({ name: `${name}(${fmt(a)})`, inputs: [a], build: ([x]) => f(x!) });
  for (const [name, f] of BY_VALUE) for (const a of SHAPES) for (const b of SHIFT_AMOUNTS) out.push({ name: `${name}(${fmt(a)},${fmt(b)})`, inputs: [a, b], build: ([x, y]) => f(x!, y!) });
  return out;
}
