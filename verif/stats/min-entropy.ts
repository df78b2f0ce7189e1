/**
 * Min-entropy estimators of NIST SP 800-90B §6.3 for a binary noise source: the most common value estimate (§6.3.1)
 * and the Markov estimate (§6.3.3), and their minimum (what an assessment reports for these two). Each is in bits per
 * sample (at most 1 for bits).
 */
import { InsufficientDataError } from '../errors.ts';
import { checkBits, type Bits } from '../nist/common.ts';

/** One estimate and what it was computed from. */
export interface MinEntropyEstimate {
  /** Min-entropy per bit (bits). */
  readonly minEntropy: number;
  /** The probability bound it comes from (of the most likely value, or per bit of the most likely 128-bit path). */
  readonly pMax: number;
}

/**
 * Most common value estimate: p̂ = max(ones, zeros) / L, upper bound p_u = min(1, p̂ + 2.576 √(p̂(1 - p̂)/(L - 1))),
 * H = -log2 p_u.
 * @example mcvEstimate(bits).minEntropy; // ≈ 0.995 for 10^6 fair bits
 */
export function mcvEstimate(bits: Bits): MinEntropyEstimate {
  checkBits(bits, 'MCV estimate');
  const L = bits.length;
  if (L < 2) throw new InsufficientDataError(`MCV estimate needs at least 2 bits, got ${L}`);
  let ones = 0;
  for (let i = 0; i < L; i++) ones += bits[i]!;
  const p = Math.max(ones, L - ones) / L;
  const pu = Math.min(1, p + 2.576 * Math.sqrt((p * (1 - p)) / (L - 1)));
  return { minEntropy: -Math.log2(pu), pMax: pu };
}

/**
 * Markov estimate (binary sources): first-order transition probabilities from the data, the most likely of the six
 * candidate 128-bit sequences of §6.3.3, H = min(1, -log2(p_max) / 128).
 * @example markovEstimate(bits).minEntropy; // ≈ 1 for fair independent bits, lower for correlated ones
 */
export function markovEstimate(bits: Bits): MinEntropyEstimate {
  checkBits(bits, 'Markov estimate');
  const L = bits.length;
  if (L < 3) throw new InsufficientDataError(`Markov estimate needs at least 3 bits, got ${L}`);
  let ones = 0;
  const c = [0, 0, 0, 0]; // C00, C01, C10, C11
  for (let i = 0; i < L; i++) {
    ones += bits[i]!;
    if (i + 1 < L) c[2 * bits[i]! + bits[i + 1]!]!++;
  }
  const p1 = ones / L;
  const p0 = 1 - p1;
  const from0 = c[0]! + c[1]!;
  const from1 = c[2]! + c[3]!;
  const p00 = from0 ? c[0]! / from0 : 0;
  const p01 = from0 ? c[1]! / from0 : 0;
  const p10 = from1 ? c[2]! / from1 : 0;
  const p11 = from1 ? c[3]! / from1 : 0;
  const lg = (x: number): number => (x > 0 ? Math.log2(x) : -Infinity);
  const candidates = [
    lg(p0) + 127 * lg(p00),
    lg(p0) + 64 * lg(p01) + 63 * lg(p10),
    lg(p0) + lg(p01) + 126 * lg(p11),
    lg(p1) + lg(p10) + 126 * lg(p00),
    lg(p1) + 64 * lg(p10) + 63 * lg(p01),
    lg(p1) + 127 * lg(p11),
  ];
  const best = Math.max(...candidates);
  const h = Math.min(1, -best / 128);
  return { minEntropy: h, pMax: 2 ** -h };
}

/**
 * The smaller of the MCV and Markov estimates, as an SP 800-90B assessment reports the minimum over its estimators.
 * @example minEntropyEstimate(bits).minEntropy;
 */
export function minEntropyEstimate(bits: Bits): MinEntropyEstimate & { readonly mcv: MinEntropyEstimate; readonly markov: MinEntropyEstimate } {
  const mcv = mcvEstimate(bits);
  const markov = markovEstimate(bits);
  const low = mcv.minEntropy <= markov.minEntropy ? mcv : markov;
  return { ...low, mcv, markov };
}
