/**
 * CMOS baseline (b): Box–Muller in fixed point (after Lee, Villasenor, Luk & Leong, IEEE TC 55(6) 2006: range
 * reduction plus table lookup for ln, sqrt and cos; ours uses tables without interpolation, sized for an 8-bit
 * fraction output). One xoshiro128** word per clock: a = u[31:16] gives u1 = (a + 1) / 2^16, b = u[15:6] the angle
 * 2π (b + ½) / 1024. Pipeline of three stages:
 *   1. e = -2 ln u1 = 2 (s ln2 - ln(1 + i/64)), s the leading-zero shift of a + 1, i its next 6 bits (Q.12);
 *      cos from a quarter-wave table of 256 entries and the quadrant (Q.12, signed);
 *   2. sqrt(e) from a 256-entry table of the top 8 bits of e aligned to an even exponent 2k;
 *   3. f = sqrt(e) (Q.10) = table << or >> by k, z = floor(f cos / 2^14) (Q.8), one sample per clock.
 * `boxMullerSoftware` is the bit-exact model; the law is tabulated exactly over all 2^26 (a, b) pairs.
 */
import { Module } from '../../hdl/core/module.ts';
import { signed } from '../../hdl/core/shape.ts';
import { C, mux, type Value } from '../../hdl/core/value.ts';
import { latticePmf, type LatticePmf } from '../../verif/index.ts';
import { uniformWords } from './uniform.ts';

const LN2 = Math.round(Math.LN2 * 4096);
/** ln(1 + i/64) in Q.12, i = 0..63. */
export const LN_TABLE = Array.from({ length: 64 }, (_, i) => Math.round(Math.log(1 + i / 64) * 4096));
/** sqrt(m) in Q.7 for m = 64..255 (entries below 64 are never read). */
export const SQRT_TABLE = Array.from({ length: 256 }, (_, m) => (m < 64 ? 0 : Math.round(Math.sqrt(m) * 128)));
/** cos(2π (t + ½) / 1024) in Q.12, t = 0..255 (the first quadrant). */
export const COS_TABLE = Array.from({ length: 256 }, (_, t) => Math.round(Math.cos((2 * Math.PI * (t + 0.5)) / 1024) * 4096));

/** Parameters of the Box–Muller baseline. */
export interface BoxMullerParams {
  readonly name?: string;
  readonly seed?: number;
  /** Deliberate flaw for the tests: the fourth quadrant's cosine gets the wrong sign. */
  readonly quadrantFlaw?: boolean;
}

/** -2 ln u1 in Q.12 for a = 0..65535. */
function eOf(a: number): number {
  const x = a + 1;
  const p = Math.floor(Math.log2(x) + 1e-12);
  const s = 16 - p;
  const idx = ((x << s) >> 10) & 63;
  return 2 * (s * LN2 - LN_TABLE[idx]!);
}

/** sqrt(e) in Q.10 from e in Q.12. */
function fOf(e: number): number {
  if (e === 0) return 0;
  const k = Math.floor(Math.floor(Math.log2(e) + 1e-12) / 2);
  const m = k >= 3 ? e >> (2 * k - 6) : e << (6 - 2 * k);
  const sq = SQRT_TABLE[m & 255]!;
  return k >= 6 ? sq << (k - 6) : sq >> (6 - k);
}

/** cos of angle code b = 0..1023 in Q.12. */
function cosOf(b: number, flaw = false): number {
  const q = b >> 8;
  const t = b & 255;
  return q === 0 ? COS_TABLE[t]! : q === 1 ? -COS_TABLE[255 - t]! : q === 2 ? -COS_TABLE[t]! : (flaw ? -1 : 1) * COS_TABLE[255 - t]!;
}

/** The bit-exact output code (z · 256, floor) for a = u[31:16], b = u[15:6]. */
export function boxMullerSoftware(a: number, b: number): number {
  return Math.floor((fOf(eOf(a)) * cosOf(b)) / 16384);
}

/** The exact law of the output, over all 2^26 (a, b): codes z in units of 2^-8, each standing for [z, z+1) / 256. */
export function boxMullerPmf(): LatticePmf {
  const f = Int32Array.from({ length: 65536 }, (_, a) => fOf(eOf(a)));
  const c = Int32Array.from({ length: 1024 }, (_, b) => cosOf(b));
  const offset = -1300;
  const counts = new Float64Array(2600);
  for (let a = 0; a < 65536; a++) {
    const fa = f[a]!;
    for (let b = 0; b < 1024; b++) counts[Math.floor((fa * c[b]!) / 16384) - offset]++;
  }
  let lo = 0;
  while (counts[lo] === 0) lo++;
  let hi = counts.length - 1;
  while (counts[hi] === 0) hi--;
  const total = 2 ** 26;
  return latticePmf({ offset: offset + lo, probs: counts.slice(lo, hi + 1).map((n) => n / total), step: 1 / 256, origin: 0.5 / 256 });
}

/** Priority mux: the value of the first (highest-priority) true condition, else `otherwise`. */
function priority(cases: readonly (readonly [Value, Value | number])[], otherwise: Value | number): Value {
  let v: Value | number = otherwise;
  for (let i = cases.length - 1; i >= 0; i--) v = mux(cases[i]![0], cases[i]![1], v);
  return v as Value;
}

/**
 * Builds the generator: ports `ready`, `valid`, `sample` (signed, z · 256).
 * @example const top = cmosBoxMuller({ seed: 3 });
 */
export function cmosBoxMuller(p: BoxMullerParams = {}): Module {
  const m = new Module(p.name ?? 'cmos_box_muller');
  const ready = m.input('ready', 1);
  const valid = m.output('valid', 1);
  const sample = m.output('sample', signed(12));
  const [u] = uniformWords(m, 'xoshiro', 1, p.seed ?? 1, ready);
  // stage 1: e and cos
  const x = u!.bits(31, 16).zext(17).add(1).trunc(17);
  const s = priority(Array.from({ length: 17 }, (_, i) => [x.bit(16 - i), C(i, 5)] as const), C(16, 5));
  const idx = x.shl(s).bits(15, 10);
  const lnRom = m.memory('ln_table', { shape: 12, depth: 64, init: LN_TABLE });
  const ln = lnRom.read(idx, { domain: null, name: 'ln_m' });
  const e = s.mul(C(LN2)).sub(ln).shl(1).resize(18).asUnsigned().trunc(17);
  const b = u!.bits(15, 6);
  const q = b.bits(9, 8);
  const t = b.bits(7, 0);
  const cosRom = m.memory('cos_table', { shape: 13, depth: 256, init: COS_TABLE });
  const tIdx = mux(q.bit(0), C(255, 8).sub(t).resize(8).asUnsigned(), t);
  const cq = cosRom.read(tIdx, { domain: null, name: 'cos_q' }).zext(14).asSigned();
  const negative = p.quadrantFlaw ? q.eq(1).or(q.eq(2)).or(q.eq(3)) : q.eq(1).or(q.eq(2));
  const cos = mux(negative, cq.neg().resize(14), cq);
  const r1 = { e: m.signal('bm_e', 17), cos: m.signal('bm_cos1', signed(14)), full: m.signal('bm_full1', 1) };
  // stage 2: k = half the exponent of e, m' = top 8 bits of e aligned to 2k, sqrt table
  const kCases = Array.from({ length: 9 }, (_, i) => {
    const k = 8 - i;
    const hit = k === 8 ? r1.e.bit(16) : r1.e.bit(2 * k + 1).or(r1.e.bit(2 * k));
    return [hit, k] as const;
  });
  const k = priority(kCases.map(([h, kk]) => [h, C(kk, 4)] as const), C(0, 4));
  const mAligned = priority(kCases.map(([h, kk]) => [h, (kk >= 3 ? r1.e.shr(2 * kk - 6) : r1.e.shl(6 - 2 * kk)).bits(7, 0)] as const), C(0, 8));
  const sqRom = m.memory('sqrt_table', { shape: 11, depth: 256, init: SQRT_TABLE });
  const sq = sqRom.read(mAligned, { domain: null, name: 'sqrt_m' });
  const r2 = { sq: m.signal('bm_sq', 11), k: m.signal('bm_k', 4), zero: m.signal('bm_zero', 1), cos: m.signal('bm_cos2', signed(14)), full: m.signal('bm_full2', 1) };
  // stage 3: f = sq shifted by k - 6, z = floor(f cos / 2^14)
  const sq13 = r2.sq.zext(13);
  const f = priority(Array.from({ length: 9 }, (_, kk) => [r2.k.eq(kk), kk >= 6 ? sq13.shl(kk - 6) : sq13.shr(6 - kk)] as const), C(0, 13));
  const fz = mux(r2.zero, C(0, 13), f);
  const z = fz.mul(r2.cos).shr(14).resize(12);
  const full3 = m.signal('bm_full3', 1);
  m.If(ready, () => {
    m.sync(r1.e, e); m.sync(r1.cos, cos); m.sync(r1.full, 1);
    m.sync(r2.sq, sq); m.sync(r2.k, k); m.sync(r2.zero, r1.e.eq(0)); m.sync(r2.cos, r1.cos); m.sync(r2.full, r1.full);
    m.sync(sample, z); m.sync(full3, r2.full);
  });
  m.comb(valid, full3);
  return m;
}
