/** SP 800-22 §2.11 serial and §2.12 approximate entropy tests (overlapping m-bit patterns, cyclic). */
import { InvalidParameterError } from '../errors.ts';
import { igamc } from '../stats/special.ts';
import { checkBits, nistResult, requireBits, type Bits, type NistResult } from './common.ts';

/**
 * Counts of the n overlapping m-bit patterns of the stream read cyclically (the first m-1 bits appended), pattern
 * value MSB = first bit. m = 0 gives [n].
 *
 * @example
 * cyclicPatternCounts(bitsFromString('0011011101'), 1); // [4, 6]
 */
export function cyclicPatternCounts(bits: Bits, m: number): Float64Array {
  const n = bits.length;
  if (!Number.isInteger(m) || m < 0 || m > 24) throw new InvalidParameterError(`pattern length must be in 0..24, got ${m}`);
  const counts = new Float64Array(1 << m);
  if (m === 0) {
    counts[0] = n;
    return counts;
  }
  const mask = (1 << m) - 1;
  let v = 0;
  for (let j = 0; j < m - 1; j++) v = (v << 1) | bits[j % n]!;
  const straight = Math.max(0, n - m + 1);
  for (let i = 0; i < straight; i++) {
    v = ((v << 1) | bits[i + m - 1]!) & mask;
    counts[v]!++;
  }
  for (let i = straight; i < n; i++) {
    v = ((v << 1) | bits[(i + m - 1) % n]!) & mask;
    counts[v]!++;
  }
  return counts;
}

/** Pattern counts of length m-1 from those of length m (cyclic counts marginalise exactly). */
function marginalise(counts: Float64Array): Float64Array {
  const out = new Float64Array(counts.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = counts[2 * i]! + counts[2 * i + 1]!;
  return out;
}

function psi2(counts: Float64Array, n: number): number {
  if (counts.length === 1) return 0;
  let s = 0;
  for (let i = 0; i < counts.length; i++) s += counts[i]! * counts[i]!;
  return (counts.length / n) * s - n;
}

/**
 * §2.11 Serial test: ∇ψ²_m and ∇²ψ²_m from the pattern counts of lengths m, m-1, m-2;
 * p1 = igamc(2^(m-2), ∇ψ²/2), p2 = igamc(2^(m-3), ∇²ψ²/2). `pValue` is the smaller of the two.
 *
 * @example
 * serialTest(bitsFromString('0011011101'), 3); // pValues [0.808792, 0.670320]
 */
export function serialTest(bits: Bits, m = 16): NistResult & { pValues: readonly [number, number]; del1: number; del2: number } {
  checkBits(bits, 'serial');
  if (!Number.isInteger(m) || m < 2 || m > 24) throw new InvalidParameterError(`serial: m must be in 2..24, got ${m}`);
  const n = bits.length;
  requireBits(n, m, 'serial');
  const cm = cyclicPatternCounts(bits, m);
  const cm1 = marginalise(cm);
  const cm2 = marginalise(cm1);
  const p0 = psi2(cm, n);
  const p1 = psi2(cm1, n);
  const p2 = psi2(cm2, n);
  const del1 = p0 - p1;
  const del2 = p0 - 2 * p1 + p2;
  const pv1 = igamc(2 ** (m - 2), del1 / 2);
  const pv2 = igamc(2 ** (m - 3), del2 / 2);
  return nistResult('serial', del1, Math.min(pv1, pv2), { pValues: [pv1, pv2] as const, del1, del2 });
}

function phi(counts: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0) s += c * Math.log(c / n);
  }
  return s / n;
}

/**
 * §2.12 Approximate entropy: ApEn = φ(m) - φ(m+1), χ² = 2n(ln 2 - ApEn), p = igamc(2^(m-1), χ²/2).
 *
 * @example
 * approximateEntropyTest(bitsFromString('0100110101'), 3).pValue; // 0.261961
 */
export function approximateEntropyTest(bits: Bits, m = 10): NistResult & { apEn: number } {
  checkBits(bits, 'approximate entropy');
  if (!Number.isInteger(m) || m < 1 || m > 23) throw new InvalidParameterError(`approximate entropy: m must be in 1..23, got ${m}`);
  const n = bits.length;
  requireBits(n, m + 1, 'approximate entropy');
  const c1 = cyclicPatternCounts(bits, m + 1);
  const c0 = marginalise(c1);
  const apEn = phi(c0, n) - phi(c1, n);
  const chi = 2 * n * (Math.LN2 - apEn);
  return nistResult('approximate-entropy', chi, igamc(2 ** (m - 1), chi / 2), { apEn });
}
