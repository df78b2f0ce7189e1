/**
 * Min-entropy estimators of NIST SP 800-90B §6.3 for a binary noise source: the most common value estimate (§6.3.1),
 * the collision estimate (§6.3.2) and the Markov estimate (§6.3.3), and their minimum (what an assessment reports for
 * these three). Each is in bits per sample (at most 1 for bits).
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

/** The collision estimate with what it was computed from. */
export interface CollisionEstimate extends MinEntropyEstimate {
  /** Number of collisions v, their mean wait X̄, its standard deviation σ̂ and the lower bound X̄' = X̄ - 2.576 σ̂/√v. */
  readonly collisions: number;
  readonly meanWait: number;
  readonly sdWait: number;
  readonly meanWaitLower: number;
}

/**
 * Collision estimate (§6.3.2, binary data): from the start, the wait t until some value repeats (2 when the next bit
 * equals the current one, else 3), then from the bit after the repeat, to the end; X̄' = X̄ - 2.576 σ̂/√v, and p solves
 * X̄' = p q⁻² (1 + (p⁻¹ - q⁻¹)/2) F(q) - p q⁻¹ (p⁻¹ - q⁻¹)/2 with q = 1 - p, p in [1/2, 1], F(q) = q(2q² + 2q + 1)
 * (Γ(3, z) z⁻³ eᶻ at z = 1/q). For two values that expression equals 2 + 2pq, the mean wait, so p is solved in closed
 * form: X̄' ≥ 2.5 (no solution) gives H = 1, X̄' ≤ 2 gives p = 1 (H = 0). The collision estimate sees dependence that
 * raises the chance of a repeat (sticky bits), which MCV cannot.
 * @example collisionEstimate(bits).minEntropy; // ≈ 0.91 for 10^6 fair bits (the bound on the mean wait is loose)
 */
export function collisionEstimate(bits: Bits): CollisionEstimate {
  checkBits(bits, 'collision estimate');
  const L = bits.length;
  let v = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i + 1 < L;) {
    let t: number;
    if (bits[i] === bits[i + 1]) t = 2;
    else if (i + 2 < L) t = 3;
    else break;
    v++;
    sum += t;
    sumSq += t * t;
    i += t;
  }
  if (v < 2) throw new InsufficientDataError(`collision estimate needs at least 2 collisions, got ${v} from ${L} bits`);
  const mean = sum / v;
  const sd = Math.sqrt(Math.max(0, (sumSq - v * mean * mean) / (v - 1)));
  const lower = mean - (2.576 * sd) / Math.sqrt(v);
  // 2 + 2p(1 - p) = X̄'  =>  p = (1 + sqrt(1 - 2(X̄' - 2))) / 2
  const p = lower >= 2.5 ? 0.5 : lower <= 2 ? 1 : (1 + Math.sqrt(1 - 2 * (lower - 2))) / 2;
  return { minEntropy: lower >= 2.5 ? 1 : p === 1 ? 0 : -Math.log2(p), pMax: p, collisions: v, meanWait: mean, sdWait: sd, meanWaitLower: lower };
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

/** Result of {@link minEntropyEstimate}: the smallest estimate, each estimate, and which one was smallest. */
export interface MinEntropySummary extends MinEntropyEstimate {
  readonly mcv: MinEntropyEstimate;
  readonly collision: CollisionEstimate;
  readonly markov: MinEntropyEstimate;
  readonly lowest: 'mcv' | 'collision' | 'markov';
}

/**
 * The smallest of the MCV, collision and Markov estimates, as an SP 800-90B assessment reports the minimum over its
 * estimators.
 * @example minEntropyEstimate(bits).minEntropy;
 */
export function minEntropyEstimate(bits: Bits): MinEntropySummary {
  const all = { mcv: mcvEstimate(bits), collision: collisionEstimate(bits), markov: markovEstimate(bits) };
  const lowest = (['mcv', 'collision', 'markov'] as const).reduce((a, b) => (all[b].minEntropy < all[a].minEntropy ? b : a));
  return { minEntropy: all[lowest].minEntropy, pMax: all[lowest].pMax, ...all, lowest };
}
