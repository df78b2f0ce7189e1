/**
 * Deterministic distances between lattice distributions, and the comparison of a predicted pmf with the normal
 * distribution it is meant to approximate (step 2 of the two-step method: no sampling involved).
 */
import { discretisedNormal, type Rounding } from './discretised-normal.ts';
import { alignPmfs, pmfMoments, type LatticePmf, type Moments } from './lattice.ts';

/**
 * Kullback-Leibler divergence KL(p || q) = Σ p ln(p/q) in nats; Infinity if p puts mass where q has none.
 *
 * @example
 * klDivergence(latticePmf({ offset: 0, probs: [0.5, 0.5] }), latticePmf({ offset: 0, probs: [0.25, 0.75] })); // ~0.1438
 */
export function klDivergence(p: LatticePmf, q: LatticePmf): number {
  const a = alignPmfs(p, q);
  let kl = 0;
  for (let i = 0; i < a.p.length; i++) {
    const pi = a.p[i]!;
    if (pi === 0) continue;
    const qi = a.q[i]!;
    if (qi === 0) return Infinity;
    kl += pi * Math.log(pi / qi);
  }
  return Math.max(0, kl);
}

/**
 * Total variation distance ½ Σ |p - q| (the largest difference in probability of any event).
 *
 * @example
 * totalVariation(latticePmf({ offset: 0, probs: [1] }), latticePmf({ offset: 1, probs: [1] })); // 1
 */
export function totalVariation(p: LatticePmf, q: LatticePmf): number {
  const a = alignPmfs(p, q);
  let s = 0;
  for (let i = 0; i < a.p.length; i++) s += Math.abs(a.p[i]! - a.q[i]!);
  return s / 2;
}

/**
 * Largest gap between the two CDFs over the lattice (the Kolmogorov distance of the two pmfs).
 *
 * @example
 * maxCdfGap(latticePmf({ offset: 0, probs: [0.5, 0.5] }), latticePmf({ offset: 0, probs: [0.2, 0.8] })); // 0.3
 */
export function maxCdfGap(p: LatticePmf, q: LatticePmf): number {
  const a = alignPmfs(p, q);
  let fp = 0;
  let fq = 0;
  let gap = 0;
  for (let i = 0; i < a.p.length; i++) {
    fp += a.p[i]!;
    fq += a.q[i]!;
    gap = Math.max(gap, Math.abs(fp - fq));
  }
  return gap;
}

/** Differences of the four moments of a pmf from reference values (estimate - reference). */
export interface MomentErrors {
  readonly mean: number;
  readonly variance: number;
  readonly skewness: number;
  readonly excessKurtosis: number;
}

/**
 * Moment errors of `p` against reference moments (default: N(0,1), i.e. 0, 1, 0, 0).
 *
 * @example
 * momentErrors(binomialPmf(4, 0.5)).mean; // 2
 */
export function momentErrors(
  p: LatticePmf,
  reference: Moments = { mean: 0, variance: 1, skewness: 0, excessKurtosis: 0 },
): MomentErrors {
  const m = pmfMoments(p);
  return {
    mean: m.mean - reference.mean,
    variance: m.variance - reference.variance,
    skewness: m.skewness - reference.skewness,
    excessKurtosis: m.excessKurtosis - reference.excessKurtosis,
  };
}

/**
 * Largest |z| = |value - mean| / sd over the codes that `p` can actually produce (mass > 0): how far into the tails
 * the generator reaches.
 *
 * @example
 * maxReachableZ(latticePmf({ offset: -3, probs: [0, 0.5, 0, 0.5], step: 1 })); // 2
 */
export function maxReachableZ(p: LatticePmf, reference: { mean?: number; sd?: number } = {}): number {
  const mean = reference.mean ?? 0;
  const sd = reference.sd ?? 1;
  let z = 0;
  for (let i = 0; i < p.probs.length; i++) {
    if (p.probs[i]! > 0) z = Math.max(z, Math.abs(p.origin + p.step * (p.offset + i) - mean) / sd);
  }
  return z;
}

/** How far a predicted lattice pmf is from the normal distribution it approximates. */
export interface NormalComparison {
  /** KL(predicted || discretised normal), nats. */
  readonly kl: number;
  /** Total variation against the discretised normal. */
  readonly tv: number;
  /** Largest CDF gap against the discretised normal (= against Φ at the cell edges). */
  readonly maxCdfGap: number;
  /** Mean, variance, skewness, excess kurtosis minus those of the normal (mean, sd², 0, 0). */
  readonly momentErrors: MomentErrors;
  /** Largest reachable |z|. */
  readonly maxAbsZ: number;
  /** The discretised normal on the same lattice, with the clipped tails in the end cells. */
  readonly reference: LatticePmf;
}

/**
 * Compares a predicted pmf with N(mean, sd²) discretised on the same lattice: KL, TV, CDF gap, moment errors, reach.
 *
 * @example
 * const pred = treePmf(nodes, { signed: true, step: 1 / 32 });
 * compareToNormal(pred).tv; // small for a well-designed tree
 */
export function compareToNormal(
  p: LatticePmf,
  normal: { mean?: number; sd?: number; rounding?: Rounding } = {},
): NormalComparison {
  const mean = normal.mean ?? 0;
  const sd = normal.sd ?? 1;
  const reference = discretisedNormal({
    minCode: p.offset,
    maxCode: p.offset + p.probs.length - 1,
    step: p.step,
    origin: p.origin,
    mean,
    sd,
    rounding: normal.rounding ?? 'nearest',
  });
  return {
    kl: klDivergence(p, reference),
    tv: totalVariation(p, reference),
    maxCdfGap: maxCdfGap(p, reference),
    momentErrors: momentErrors(p, { mean, variance: sd * sd, skewness: 0, excessKurtosis: 0 }),
    maxAbsZ: maxReachableZ(p, { mean, sd }),
    reference,
  };
}
