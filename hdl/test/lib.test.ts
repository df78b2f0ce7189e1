/** The standard library: each block checked against an independent bigint reference. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Counter, Lfsr, LFSR_TAPS, lfsrNext, lfsrStates, popcount, qMul, qAdd, ShiftRegister, FFSynchronizer, Popcount } from '../lib/index.ts';
import { Module } from '../core/module.ts';
import { elaborate } from '../ir/elaborate.ts';
import { evaluate } from '../core/evaluate.ts';
import { C, type Signal } from '../core/value.ts';
import { signed, unsigned, wrap } from '../core/shape.ts';
import { ReferenceInterpreter } from '../../sim/reference/interpreter.ts';

/** Multiplies polynomials over GF(2) modulo `mod` (bit i = coefficient of x^i). */
function mulmod(a: bigint, b: bigint, mod: bigint, deg: number): bigint {
  let r = 0n;
  while (b) {
    if (b & 1n) r ^= a;
    b >>= 1n;
    a <<= 1n;
    if ((a >> BigInt(deg)) & 1n) a ^= mod;
  }
  return r;
}
function powmod(e: bigint, mod: bigint, deg: number): bigint {
  let result = 1n;
  let base = 2n; // x
  while (e) {
    if (e & 1n) result = mulmod(result, base, mod, deg);
    base = mulmod(base, base, mod, deg);
    e >>= 1n;
  }
  return result;
}
function primeFactors(n: bigint): bigint[] {
  const out: bigint[] = [];
  for (let p = 2n; p * p <= n; p++) if (n % p === 0n) { out.push(p); while (n % p === 0n) n /= p; }
  if (n > 1n) out.push(n);
  return out;
}

describe('LFSR', () => {
  it('every tap set is a primitive polynomial (order of x is 2^n - 1)', () => {
    for (let n = 2; n <= 32; n++) {
      // The Fibonacci LFSR with taps t has characteristic polynomial x^n + sum x^(n - t) over taps t < n, + 1.
      let poly = (1n << BigInt(n)) | 1n;
      for (const t of LFSR_TAPS[n]!) if (t !== n) poly |= 1n << BigInt(n - t);
      const order = (1n << BigInt(n)) - 1n;
      expect(powmod(order, poly, n), `width ${n}`).toBe(1n);
      for (const q of primeFactors(order)) expect(powmod(order / q, poly, n), `width ${n}, factor ${q}`).not.toBe(1n);
    }
  });

  it('the hardware next-state function has period 2^n - 1 for widths 2..14', () => {
    for (let n = 2; n <= 14; n++) {
      const m = new Module(`l${n}`);
      const s = m.signal('s', n);
      const next = lfsrNext(s);
      let v = 1n;
      let period = 0;
      do { v = evaluate(next, (x) => (x === s ? v : undefined)); period++; } while (v !== 1n && period <= 2 ** n);
      expect(period, `width ${n}`).toBe(2 ** n - 1);
    }
  });

  it('lfsrStates (the constants of LFSR-coded counters) follow the hardware next-state function, widths 2..32', () => {
    for (let n = 2; n <= 32; n++) {
      const m = new Module(`ls${n}`);
      const s = m.signal('s', n);
      const next = lfsrNext(s);
      const seed = n === 32 ? 0x9e3779b9 : (0x9e3779b9 % (2 ** n - 1)) + 1;
      const states = lfsrStates(n, seed, 40);
      let v = BigInt(seed);
      for (let k = 1; k <= 40; k++) {
        v = evaluate(next, (x) => (x === s ? v : undefined));
        expect(states[k], `width ${n}, step ${k}`).toBe(Number(v));
      }
    }
  });

  it('a broken tap set is caught by the period check', () => {
    const m = new Module('lbad');
    const s = m.signal('s', 8);
    const next = s.bits(6, 0).ext(8).shl(1).or(s.bit(7).xor(s.bit(3)).zext(8)); // taps 8,4: not primitive
    let v = 1n;
    let period = 0;
    do { v = evaluate(next, (x) => (x === s ? v : undefined)); period++; } while (v !== 1n && period <= 256);
    expect(period).not.toBe(255);
  });

  it('steps in a module from its seed, only when enabled', () => {
    const top = new Module('lt');
    const en = top.input('en', 1);
    const q = top.output('q', 4);
    const out = top.submodule('u', Lfsr({ width: 4, seed: 1 }), { en });
    top.comb(q, out.state!);
    const sim = new ReferenceInterpreter(elaborate(top).flat);
    sim.set(en, 0); sim.step();
    expect(sim.get(q)).toBe(1n);
    sim.set(en, 1);
    const seen = new Set<bigint>();
    for (let i = 0; i < 15; i++) { seen.add(sim.get(q)); sim.step(); }
    expect(seen.size).toBe(15);
    expect(sim.get(q)).toBe(1n);
  });
});

describe('counter, shift register, synchroniser', () => {
  it('counter wraps at max and flags it', () => {
    const top = new Module('ct');
    const en = top.input('en', 1);
    const q = top.output('q', 4);
    const w = top.output('w', 1);
    const out = top.submodule('u', Counter({ width: 4, max: 9 }), { en });
    top.comb(q, out.count!);
    top.comb(w, out.wrap!);
    const sim = new ReferenceInterpreter(elaborate(top).flat);
    sim.set(en, 1);
    const trace: string[] = [];
    for (let i = 0; i < 12; i++) { trace.push(`${sim.get(q)}${sim.get(w) ? '!' : ''}`); sim.step(); }
    expect(trace.join(' ')).toBe('0 1 2 3 4 5 6 7 8 9! 0 1');
    const rst = elaborate(top).flat.domains[0]!.rst!;
    sim.set(rst, 1); sim.step(); sim.set(rst, 0);
    expect(sim.get(q)).toBe(0n);
  });

  it('shift register delays by depth', () => {
    const top = new Module('st');
    const din = top.input('din', 8);
    const q = top.output('q', 8);
    const out = top.submodule('u', ShiftRegister({ width: 8, depth: 3 }), { en: 1, din });
    top.comb(q, out.dout!);
    const sim = new ReferenceInterpreter(elaborate(top).flat);
    const got: bigint[] = [];
    for (let i = 1; i <= 8; i++) { sim.set(din, i * 10); got.push(sim.get(q)); sim.step(); }
    expect(got).toEqual([0n, 0n, 0n, 10n, 20n, 30n, 40n, 50n]);
  });

  it('a synchroniser silences the domain-crossing warning', () => {
    const top = new Module('cdc2');
    const slow = top.domain('slow');
    const flag = top.signal('flag', 1);
    slow.sync(flag, flag.not());
    const y = top.output('y', 1);
    const out = top.submodule('u', FFSynchronizer({ stages: 2 }), { i: flag });
    top.sync(y, out.o!);
    expect(elaborate(top).warnings).toEqual([]);
  });
});

describe('popcount and fixed point', () => {
  it('popcount equals the number of ones for any width 1..130', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 130 }), fc.bigInt({ min: 0n, max: (1n << 130n) - 1n }), (w, raw) => {
      const v = BigInt.asUintN(w, raw);
      const r = evaluate(popcount(C(v, unsigned(w))));
      expect(r).toBe(BigInt([...v.toString(2)].filter((c) => c === '1').length));
    }), { seed: 7, numRuns: 300 });
    expect(Popcount({ width: 64 }).ports.find((p) => p.signal.name === 'count')!.signal.width).toBe(7);
  });

  it('qMul rounds half-up and saturates like the bigint reference', () => {
    const out = { int: 4, frac: 4, signed: true };
    fc.assert(fc.property(fc.integer({ min: -128, max: 127 }), fc.integer({ min: -128, max: 127 }), (a, b) => {
      const prod = BigInt(a) * BigInt(b); // 8 fraction bits (4 + 4)
      let ref = (prod + 8n) >> 4n; // half-up to 4 fraction bits
      ref = ref > 127n ? 127n : ref < -128n ? -128n : ref;
      expect(evaluate(qMul(C(a, signed(8)), 4, C(b, signed(8)), 4, out))).toBe(ref);
    }), { seed: 11, numRuns: 500 });
  });

  it('qAdd aligns fraction bits exactly', () => {
    const { value, frac } = qAdd(C(3, unsigned(4)), 1, C(5, unsigned(4)), 3); // 1.5 + 0.625
    expect(frac).toBe(3);
    expect(evaluate(value)).toBe(17n); // 2.125 * 8
    expect(wrap(evaluate(value), value.shape)).toBe(17n);
  });
});

export type { Signal };
