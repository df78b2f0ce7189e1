/**
 * Wide values as 32-bit limbs (limbs.ts): every operator at widths 33..256, including the edges of the
 * representations (33, 53, 54, 63, 64, 65, 96, 127, 128, 129, 200, 256), against the BigInt reference evaluator
 * (which reads the operator table, hdl/ir/ops.ts), with fast-check inputs biased to extreme values. The same
 * expressions also run as register logic in the generated cycle loop (limbs kept in locals across cycles), and wide
 * memory words round-trip through the limb store.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../hdl/core/evaluate.ts';
import { Module } from '../../../hdl/core/module.ts';
import { type Shape, signed, unsigned, wrap } from '../../../hdl/core/shape.ts';
import { cat, mux, type Value } from '../../../hdl/core/value.ts';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import { combModule } from '../../../hdl/test/support/comb-harness.ts';
import { BuiltinBackend } from '../engine.ts';
import { fromLimbs, toLimbs } from '../limbs.ts';

const WIDTHS = [33, 53, 54, 63, 64, 65, 96, 127, 128, 129, 200, 256];

interface Case { readonly name: string; readonly inputs: readonly Shape[]; readonly build: (ins: readonly Value[]) => Value }

/** Every operator on `a`, `b` (shape w), `c` (another width and signedness), a shift amount and a select bit. */
function casesAt(w: number, s: boolean): Case[] {
  const sh = s ? signed(w) : unsigned(w);
  const other = WIDTHS[(WIDTHS.indexOf(w) + 5) % WIDTHS.length]!;
  const osh = s ? unsigned(other) : signed(other);
  const inputs = [sh, sh, osh, unsigned(9), unsigned(1)];
  const out: Case[] = [];
  const add = (name: string, build: (a: Value, b: Value, c: Value, amt: Value, sel: Value) => Value): void => {
    out.push({ name: `${name} @${s ? 's' : 'u'}${w}`, inputs, build: (ins) => build(ins[0]!, ins[1]!, ins[2]!, ins[3]!, ins[4]!) });
  };
  add('add', (a, b) => a.add(b));
  add('add.trunc', (a, b) => a.add(b).trunc(w));
  add('sub', (a, b) => a.sub(b));
  add('mul', (a, b) => a.mul(b));
  add('mul.trunc', (a, b) => a.mul(b).trunc(w));
  add('mul.trunc32', (a, b) => a.mul(b).trunc(32));
  add('mul.trunc53', (a, b) => a.mul(b).trunc(53));
  add('mul.bits', (a, b) => a.mul(b).bits(w + 20, w - 7));
  add('mul.mixed', (a, _b, c) => a.mul(c));
  add('mac.trunc', (a, b, c) => a.mul(b).add(c.resize(w)).trunc(w));
  add('mac.trunc-left', (a, b, c) => c.add(a.mul(b)).trunc(w));
  add('mac.trunc-mixed', (a, b, c) => a.mul(c).add(b).trunc(Math.min(w, c.width) + 3));
  add('mac.full', (a, b) => a.mul(b).add(b));
  add('mac.shared', (a, b) => a.mul(b).add(a).trunc(w).xor(a.mul(b).trunc(w)));
  add('div', (a, b) => a.div(b));
  add('mod', (a, b) => a.mod(b));
  add('div.mixed', (a, _b, c) => a.div(c.trunc(Math.min(c.width, w)).ext(w).resize(w)));
  add('neg', (a) => a.neg());
  add('not', (a) => a.not());
  add('and', (a, b) => a.and(b));
  add('or', (a, b) => a.or(b));
  add('xor', (a, b) => a.xor(b));
  for (const k of [0, 1, 13, 31, 32, 33, w - 1, w, w + 5]) {
    add(`shl${k}`, (a) => a.shl(k));
    add(`shr${k}`, (a) => a.shr(k));
  }
  add('shlv', (a, _b, _c, amt) => a.shl(amt));
  add('shrv', (a, _b, _c, amt) => a.shr(amt));
  add('shlv.small', (a, _b, _c, amt) => a.shl(amt.trunc(6)));
  add('shrv.wide-amount', (a, b) => a.shr(b.asUnsigned()));
  add('shlv.wide-amount', (a, b) => a.shl(b.asUnsigned()));
  for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const) {
    add(op, (a, b) => a[op](b));
    add(`${op}.mixed`, (a, _b, c) => a.asSigned()[op](c.asSigned()));
  }
  add('all', (a) => a.all());
  add('any', (a) => a.any());
  add('xorReduce', (a) => a.xorReduce());
  add('any.zero-high', (a) => a.trunc(5).ext(w).any());
  for (const [hi, lo] of [[w - 1, 0], [31, 0], [32, 1], [52, 0], [w - 1, 1], [w - 1, w - 33], [w - 1, w - 54], [w - 2, 30], [Math.min(w - 1, 95), 31], [w - 1, w - 1]] as const) {
    if (hi >= lo && lo >= 0 && hi < w) add(`bits${hi}:${lo}`, (a) => a.bits(hi, lo));
  }
  add('trunc33', (a) => a.trunc(33));
  add('zext', (a) => a.zext(w + 37));
  add('ext', (a) => a.ext(w + 64));
  add('sext', (a) => a.asSigned().sext(w + 37));
  add('asSigned', (a) => a.asSigned());
  add('asUnsigned', (a) => a.asUnsigned());
  add('cat', (a, b) => cat(a, b));
  add('cat3', (a, _b, c, _amt, sel) => cat(sel, a, c, sel));
  add('mux', (a, b, _c, _amt, sel) => mux(sel, a, b));
  add('mux.any', (a, b) => mux(b.any(), a, a.not()));
  add('rotl', (a) => a.rotl(7));
  add('rotlv', (a, _b, _c, amt) => a.rotl(amt));
  add('min', (a, b) => a.min(b));
  add('abs', (a) => a.abs());
  add('chain', (a, b, c) => a.mul(b).add(c.resize(w)).xor(a.shr(3)).sub(b.shl(11)).trunc(w));
  return out;
}

const CASES = WIDTHS.flatMap((w) => [false, true].flatMap((s) => casesAt(w, s)));

/** A value of a shape, biased to the extremes of the shape and to limb boundaries. */
function valueArb(shape: Shape): fc.Arbitrary<bigint> {
  const w = shape.width;
  const patterns = fc.oneof(
    fc.bigInt({ min: 0n, max: (1n << BigInt(w)) - 1n }),
    fc.constantFrom(0n, 1n, 2n, (1n << BigInt(w)) - 1n, 1n << BigInt(w - 1), (1n << BigInt(w - 1)) - 1n, 0xffffffffn, 1n << 32n, (1n << 53n) - 1n),
    fc.integer({ min: 0, max: w - 1 }).map((k) => 1n << BigInt(k)),
    fc.integer({ min: 0, max: w - 1 }).map((k) => (1n << BigInt(k)) - 1n),
  );
  return patterns.map((v) => wrap(v, shape));
}

describe('wide values in 32-bit limbs vs the BigInt operator table', () => {
  const { module, ins, exprs, outs } = combModule('limbs', CASES);
  const backend = new BuiltinBackend(elaborate(module));
  // Inputs are shared per (width, signedness): one vector drives every case of that group.
  const groups = new Map<string, number[]>();
  CASES.forEach((c, i) => { const k = c.inputs.map((s) => `${s.signed}${s.width}`).join(','); groups.set(k, [...(groups.get(k) ?? []), i]); });

  it(`agree on ${CASES.length} cases of every operator at widths ${WIDTHS.join(', ')}`, () => {
    expect(CASES.length).toBeGreaterThan(1500);
    const shapesOf = [...groups.values()].map((idx) => CASES[idx[0]!]!.inputs);
    const vector = fc.tuple(...shapesOf.map((shapes) => fc.tuple(...shapes.map(valueArb))));
    fc.assert(fc.property(vector, (vals) => {
      const groupList = [...groups.values()];
      groupList.forEach((idx, g) => { for (const i of idx) ins[i]!.forEach((sig, j) => backend.set(sig, vals[g]![j]!)); });
      backend.eval();
      const errors: string[] = [];
      groupList.forEach((idx, g) => {
        for (const i of idx) {
          const env = new Map(ins[i]!.map((sig, j) => [sig, vals[g]![j]!] as const));
          const want = evaluate(exprs[i]!, (sig) => env.get(sig));
          const got = backend.get(outs[i]!);
          if (got !== want) errors.push(`${CASES[i]!.name} (${vals[g]!.join(', ')}): got ${got}, expected ${want}`);
        }
      });
      expect(errors.slice(0, 10)).toEqual([]);
    }), { seed: 14, numRuns: 60 });
  });

  it('the same check reports a wrong value (it can fail)', () => {
    const i = CASES.findIndex((c) => c.name === 'mul @u128');
    ins[i]!.forEach((sig, j) => backend.set(sig, j < 2 ? 3n << 100n : 0n));
    backend.eval();
    const env = new Map(ins[i]!.map((sig, j) => [sig, j < 2 ? 3n << 100n : 0n] as const));
    expect(backend.get(outs[i]!)).toBe(evaluate(exprs[i]!, (sig) => env.get(sig)));
    expect(backend.get(outs[i]!)).not.toBe(evaluate(exprs[i]!, (sig) => env.get(sig)) + 1n);
  });
});

describe('products wider than 16 limbs (the digit-column path)', () => {
  it('agree with BigInt at 520 and 1000 bits', () => {
    const cases: Case[] = [520, 1000].flatMap((w) => [unsigned(w), signed(w)].flatMap((sh) => [
      { name: `mul ${sh.signed ? 's' : 'u'}${w}`, inputs: [sh, sh], build: (ins: readonly Value[]) => ins[0]!.mul(ins[1]!) },
      { name: `mul.trunc ${sh.signed ? 's' : 'u'}${w}`, inputs: [sh, sh], build: (ins: readonly Value[]) => ins[0]!.mul(ins[1]!).trunc(w) },
    ]));
    const { module, ins, exprs, outs } = combModule('bigmul', cases);
    const backend = new BuiltinBackend(elaborate(module));
    fc.assert(fc.property(fc.tuple(...cases.map((c) => fc.tuple(valueArb(c.inputs[0]!), valueArb(c.inputs[1]!)))), (vals) => {
      cases.forEach((_, i) => ins[i]!.forEach((sig, j) => backend.set(sig, vals[i]![j]!)));
      backend.eval();
      cases.forEach((c, i) => {
        const env = new Map(ins[i]!.map((sig, j) => [sig, vals[i]![j]!] as const));
        expect(backend.get(outs[i]!), c.name).toBe(evaluate(exprs[i]!, (sig) => env.get(sig)));
      });
    }), { seed: 21, numRuns: 40 });
  });
});

describe('wide registers and memories', () => {
  /** An LCG, a xorshift and an accumulator at width w: the generated loop keeps their limbs in locals. */
  function regs(w: number): { m: Module; step: (st: bigint[]) => bigint[] } {
    const m = new Module(`regs${w}`);
    const M = (1n << BigInt(w)) - 1n;
    const a = m.output('a', w, { reset: 0x0123456789abcdefn & M });
    const b = m.output('b', w, { reset: 0x0fedcba987654321n & M });
    const acc = m.output('acc', signed(w + 7), { reset: 0 });
    const mulC = 6364136223846793005n & M;
    m.sync(a, a.mul(mulC).add(1442695040888963407n & M).trunc(w));
    m.sync(b, b.xor(b.shl(13).trunc(w)).xor(b.shr(7)));
    m.sync(acc, acc.add(a.asSigned()).sub(b.bits(w - 1, 3).ext(w + 7).asSigned()).resize(w + 7).asSigned());
    const step = ([av, bv, cv]: bigint[]): bigint[] => {
      const b1 = bv! ^ ((bv! << 13n) & M);
      return [
        (av! * mulC + (1442695040888963407n & M)) & M,
        b1 ^ (bv! >> 7n),
        BigInt.asIntN(w + 7, cv! + BigInt.asIntN(w, av!) - (bv! >> 3n)),
      ];
    };
    return { m, step };
  }

  for (const w of [54, 64, 65, 128, 129]) {
    it(`${w}-bit registers: the loop (limbs in locals) and single steps agree with BigInt arithmetic`, () => {
      const { m, step } = regs(w);
      const fast = new BuiltinBackend(elaborate(m));
      const slow = new BuiltinBackend(elaborate(m));
      let st = [0x0123456789abcdefn & ((1n << BigInt(w)) - 1n), 0x0fedcba987654321n & ((1n << BigInt(w)) - 1n), 0n];
      for (let k = 0; k < 300; k++) st = step(st);
      fast.step('clk', 300);
      for (let k = 0; k < 300; k++) slow.step('clk', 1);
      for (const be of [fast, slow]) {
        be.eval();
        expect([be.get('a'), be.get('b'), be.get('acc')]).toEqual(st);
      }
    });
  }

  it('a memory of 100-bit words: writes, synchronous and combinational reads, the testbench API', () => {
    const m = new Module('wmem');
    const waddr = m.input('waddr', 3);
    const wdata = m.input('wdata', signed(100));
    const we = m.input('we', 1);
    const raddr = m.input('raddr', 4);
    const mem = m.memory('ram', { shape: signed(100), depth: 6, init: [-(1n << 98n), 5n] });
    mem.write(waddr, wdata, we);
    const q = m.output('q', signed(100));
    const qc = m.output('qc', signed(100));
    m.comb(q, mem.read(raddr));
    m.comb(qc, mem.read(raddr, { domain: null }));
    const b = new BuiltinBackend(elaborate(m));
    const model: bigint[] = [-(1n << 98n), 5n, 0n, 0n, 0n, 0n];
    const rng = fc.sample(fc.tuple(fc.nat(7), valueArb(signed(100)), fc.nat(1), fc.nat(15)), { seed: 3, numRuns: 200 });
    let lastQ = 0n;
    for (const [wa, wd, en, ra] of rng) {
      b.set('waddr', wa); b.set('wdata', wd); b.set('we', en); b.set('raddr', ra);
      b.eval();
      expect(b.get('qc')).toBe(ra < 6 ? model[ra]! : 0n);
      expect(b.get('q')).toBe(lastQ);
      const next = ra < 6 ? model[ra]! : 0n; // read-first
      b.step('clk', 1);
      if (en && wa < 6) model[wa] = wd;
      lastQ = next;
    }
    b.eval();
    expect(b.get('q')).toBe(lastQ);
    expect(b.compiled.readMemory(0, 0)).toBe(model[0]);
    b.compiled.writeMemory(0, 3, -12345678901234567890123n);
    b.set('raddr', 3);
    b.eval();
    expect(b.get('qc')).toBe(-12345678901234567890123n);
  });

  it('Switch and If on wide subjects and wide targets, combinational and registered', () => {
    const m = new Module('wrules');
    const k = m.input('k', signed(90));
    const d = m.input('d', 70);
    const y = m.output('y', signed(100));
    const r = m.output('r', 70, { reset: (1n << 69n) + 5n });
    const big = -(1n << 88n) + 3n;
    m.Switch(k, (s) => {
      s.Case(big, () => m.comb(y, d.zext(99).asSigned().ext(100)));
      s.Case([0, 1n << 64n], () => m.comb(y, k.ext(100).neg().resize(100)));
      s.Default(() => m.comb(y, -7));
    });
    m.If(k.lt(0), () => m.sync(r, d)).Elif(k.eq(1n << 64n), () => m.sync(r, r.shr(1))).Else(() => m.sync(r, r.not()));
    const b = new BuiltinBackend(elaborate(m));
    let rv = (1n << 69n) + 5n;
    const M70 = (1n << 70n) - 1n;
    for (const [kv, dv] of [[big, 123n << 60n], [0n, 1n], [1n << 64n, M70], [5n, 0n], [-1n, 77n], [big + 1n, 9n]] as const) {
      b.set('k', kv); b.set('d', dv); b.eval();
      const want = kv === big ? dv : kv === 0n || kv === 1n << 64n ? -kv : -7n;
      expect(b.get('y')).toBe(want);
      expect(b.get('r')).toBe(rv);
      b.step('clk', 1);
      rv = kv < 0n ? dv : kv === 1n << 64n ? rv >> 1n : rv ^ M70;
    }
  });

  it('300 wide registers: the chunked edge (shadow limbs, commit) and the loop agree with BigInt', () => {
    const m = new Module('many');
    const M = (1n << 65n) - 1n;
    const regsList = Array.from({ length: 300 }, (_, i) => m.output(`r${i}`, 65, { reset: BigInt(i) << 40n }));
    regsList.forEach((r, i) => m.sync(r, r.mul(3).add(i).trunc(65).xor(regsList[(i + 1) % 300]!)));
    const model = (n: number): bigint[] => {
      let st = regsList.map((_, i) => BigInt(i) << 40n);
      for (let c = 0; c < n; c++) st = st.map((v, i) => ((v * 3n + BigInt(i)) & M) ^ st[(i + 1) % 300]!);
      return st;
    };
    const edge = new BuiltinBackend(elaborate(m));
    const loop = new BuiltinBackend(elaborate(m));
    for (let c = 0; c < 7; c++) edge.step('clk', 1);
    loop.step('clk', 7);
    expect(edge.compiled.source('edge:1:part0')).toContain('function edge_1_part0'); // the edge is chunked
    const want = model(7);
    for (const be of [edge, loop]) { be.eval(); expect(regsList.map((_, i) => be.get(`r${i}`))).toEqual(want); }
  });

  it('limb conversion round-trips every edge value', () => {
    fc.assert(fc.property(fc.integer({ min: 54, max: 300 }), fc.boolean(), fc.bigInt({ min: -(1n << 300n), max: 1n << 300n }), (w, s, v) => {
      const shape = { width: w, signed: s };
      const x = wrap(v, shape);
      const limbs = toLimbs(x, Math.ceil(w / 32));
      return fromLimbs(limbs, 0, limbs.length, s) === x && limbs.every((l) => (l | 0) === l);
    }), { seed: 5 });
  });
});

