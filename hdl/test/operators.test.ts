/**
 * Division, remainder, rotation, abs, min/max and the encoders against independent references, exhaustively at
 * small widths (the operator-table tests then check every backend and both Verilog simulators against `evaluate`).
 */
import { describe, expect, it } from 'vitest';
import { C, type Value } from '../core/value.ts';
import { evaluate } from '../core/evaluate.ts';
import { type Shape, shapeRange, signed, unsigned } from '../core/shape.ts';
import { lowestSetBit, oneHotDecode, oneHotEncode, priorityEncode } from '../lib/encoders.ts';

function* valuesOf(s: Shape): Generator<bigint> {
  const { min, max } = shapeRange(s);
  for (let v = min; v <= max; v++) yield v;
}
const SMALL: Shape[] = [unsigned(1), unsigned(3), signed(1), signed(3), unsigned(4), signed(4)];

describe('division and remainder (Verilog semantics, RISC-V rule by zero)', () => {
  it('truncate toward zero, the remainder takes the dividend\'s sign; x/0 is all ones, x%0 is x', () => {
    for (const sa of SMALL) for (const sb of SMALL) for (const a of valuesOf(sa)) for (const b of valuesOf(sb)) {
      const q = C(a, sa).div(C(b, sb));
      const r = C(a, sa).mod(C(b, sb));
      const ones = q.signed ? -1n : (1n << BigInt(q.width)) - 1n;
      const wantQ = b === 0n ? ones : BigInt(Math.trunc(Number(a) / Number(b)));
      const wantR = b === 0n ? a : a - BigInt(Math.trunc(Number(a) / Number(b))) * b;
      expect(evaluate(q), `${a}/${b}`).toBe(wantQ);
      expect(evaluate(r), `${a}%${b}`).toBe(wantR);
    }
  });

  it('the signed quotient is one bit wider, so the most negative value divided by -1 fits', () => {
    const q = C(-8, signed(4)).div(C(-1, signed(4)));
    expect(q.shape).toEqual(signed(5));
    expect(evaluate(q)).toBe(8n);
    expect(C(7, unsigned(4)).div(2).shape).toEqual(unsigned(4));
    expect(evaluate(C(-7, signed(4)).mod(C(2, unsigned(2))))).toBe(-1n);
  });
});

describe('rotation, abs, min and max', () => {
  it('rotl/rotr by constants and by values agree with a bit-string reference', () => {
    for (const s of [unsigned(1), unsigned(4), signed(5), unsigned(6)]) {
      const w = s.width;
      for (const a of valuesOf(s)) for (let k = 0; k < 2 * w + 3 && k < 16; k++) {
        const bits = BigInt.asUintN(w, a);
        const l = BigInt.asUintN(w, (bits << BigInt(k % w)) | (bits >> BigInt(w - (k % w))));
        const r = BigInt.asUintN(w, (bits >> BigInt(k % w)) | (bits << BigInt(w - (k % w))));
        const read = (v: Value): bigint => BigInt.asUintN(w, evaluate(v));
        expect(read(C(a, s).rotl(k)), `rotl(${a}, ${k})`).toBe(l);
        expect(read(C(a, s).rotr(k)), `rotr(${a}, ${k})`).toBe(r);
        expect(read(C(a, s).rotl(C(k, unsigned(4)))), `rotlv(${a}, ${k})`).toBe(l);
        expect(read(C(a, s).rotr(C(k, unsigned(4)))), `rotrv(${a}, ${k})`).toBe(r);
        expect(C(a, s).rotl(k).shape).toEqual(s);
      }
    }
  });

  it('abs is unsigned and exact at the most negative value; min/max compare by value across signedness', () => {
    for (const a of valuesOf(signed(4))) expect(evaluate(C(a, signed(4)).abs())).toBe(a < 0n ? -a : a);
    expect(C(-8, signed(4)).abs().shape).toEqual(unsigned(4));
    for (const a of valuesOf(signed(3))) for (const b of valuesOf(unsigned(3))) {
      expect(evaluate(C(a, signed(3)).min(C(b, unsigned(3))))).toBe(a < b ? a : b);
      expect(evaluate(C(a, signed(3)).max(C(b, unsigned(3))))).toBe(a > b ? a : b);
    }
  });
});

describe('encoders', () => {
  it('one-hot, priority and lowest-set-bit encoders and the decoder, exhaustively to 6 bits', () => {
    for (let w = 1; w <= 6; w++) for (let v = 0n; v < 1n << BigInt(w); v++) {
      const x = C(v, unsigned(w));
      const ones = [...Array(w).keys()].filter((i) => (v >> BigInt(i)) & 1n);
      const oh = oneHotEncode(x);
      expect(evaluate(oh.valid), `oneHot valid ${v}`).toBe(ones.length === 1 ? 1n : 0n);
      expect(evaluate(oh.index), `oneHot index ${v}`).toBe(ones.length === 1 ? BigInt(ones[0]!) : 0n);
      const pe = priorityEncode(x);
      expect(evaluate(pe.valid)).toBe(ones.length > 0 ? 1n : 0n);
      expect(evaluate(pe.index), `priority ${v}`).toBe(ones.length > 0 ? BigInt(ones[0]!) : 0n);
      expect(evaluate(lowestSetBit(x))).toBe(ones.length > 0 ? 1n << BigInt(ones[0]!) : 0n);
    }
    for (let i = 0; i < 8; i++) expect(evaluate(oneHotDecode(C(i, unsigned(3)), 5))).toBe(i < 5 ? 1n << BigInt(i) : 0n);
  });
});
