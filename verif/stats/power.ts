/**
 * Power of a test measured by simulation: the fraction of `reps` samples from a stated alternative that the test
 * rejects, each replicate drawn from its own fixed-seed stream, and the smallest sample size whose measured power
 * reaches a target. Replicate r uses the stream `Rng.stream(seed, r)` at every sample size (common random numbers),
 * so a sample of size n is the prefix of the replicate's larger samples when the alternative draws sequentially:
 * the measured power then moves smoothly with n and the size search is reproducible.
 */
import { Rng } from '../../common/rng.ts';
import { InvalidParameterError } from '../errors.ts';
import { normalQuantile } from './special.ts';

/** Draws one sample of size n from an alternative, using only `rng`. */
export type AlternativeDraw<S> = (rng: Rng, n: number) => S;

/** Decides one sample: true when the test (or battery) rejects it. */
export type RejectRule<S> = (sample: S) => boolean;

/** A measured power at one sample size, with a 95 % Wilson interval. */
export interface PowerEstimate {
  readonly n: number;
  readonly reps: number;
  readonly rejections: number;
  /** rejections / reps. */
  readonly power: number;
  readonly lower: number;
  readonly upper: number;
}

/** Replicates and seed of a power measurement. */
export interface PowerOptions {
  readonly reps: number;
  readonly seed: number;
}

function checkOptions(o: PowerOptions): void {
  if (!Number.isInteger(o.reps) || o.reps < 1) throw new InvalidParameterError(`power: reps must be a positive integer, got ${o.reps}`);
  if (!Number.isInteger(o.seed)) throw new InvalidParameterError(`power: seed must be an integer, got ${o.seed}`);
}

/**
 * Measures the power of `rejects` against `draw` at sample size n.
 * @example
 * const shifted: AlternativeDraw<Float64Array> = (rng, n) => Float64Array.from({ length: n }, () => rng.nextNormal() + 0.1);
 * measurePower(shifted, (x) => momentTest(x, { kind: 'normal' }).pValue < 0.01, 2000, { reps: 100, seed: 1 }).power; // ≈ 0.9
 */
export function measurePower<S>(draw: AlternativeDraw<S>, rejects: RejectRule<S>, n: number, opts: PowerOptions): PowerEstimate {
  checkOptions(opts);
  if (!Number.isInteger(n) || n < 1) throw new InvalidParameterError(`power: sample size must be a positive integer, got ${n}`);
  let rejections = 0;
  for (let r = 0; r < opts.reps; r++) if (rejects(draw(Rng.stream(opts.seed, r), n))) rejections++;
  return { n, reps: opts.reps, rejections, power: rejections / opts.reps, ...wilsonInterval(rejections, opts.reps) };
}

/**
 * Wilson score interval (95 % by default) of a binomial proportion k / m.
 * @example wilsonInterval(198, 200); // { lower: 0.964, upper: 0.997 }
 */
export function wilsonInterval(k: number, m: number, confidence = 0.95): { lower: number; upper: number } {
  const z = normalQuantile(0.5 + confidence / 2);
  const p = k / m;
  const d = 1 + (z * z) / m;
  const c = (p + (z * z) / (2 * m)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / m + (z * z) / (4 * m * m))) / d;
  return { lower: Math.max(0, c - h), upper: Math.min(1, c + h) };
}

/** Options of {@link sizeForPower}. */
export interface SizeSearchOptions extends PowerOptions {
  /** Power to reach (default 0.99). */
  readonly target?: number;
  /** First size tried. */
  readonly start: number;
  /** Sizes are searched on a geometric grid down to this ratio between a failing and a reaching size (default 1.1). */
  readonly resolution?: number;
  /** Largest size tried (default 1e8): beyond it the search reports no size. */
  readonly maxN?: number;
  /** Smallest size tried (default 1: the alternative's and test's own minimum may be larger). */
  readonly minN?: number;
}

/** Result of {@link sizeForPower}: the smallest measured size whose power reached the target, and every point measured. */
export interface SizeSearchResult {
  /** Smallest size measured whose power reached the target (null: none up to maxN). */
  readonly n: number | null;
  readonly target: number;
  /** The measurement at `n` (null with it). */
  readonly at: PowerEstimate | null;
  /** Every size measured, in order of size. */
  readonly points: readonly PowerEstimate[];
}

/**
 * The smallest sample size at which the measured power of `rejects` against `draw` reaches `target`: doubling (or
 * halving) from `start` brackets it, then geometric bisection narrows the bracket to `resolution`.
 * @example
 * sizeForPower(shifted, rejects, { start: 1000, reps: 200, seed: 1 }).n; // e.g. 3100 for a 0.1 σ mean shift at 0.01
 */
export function sizeForPower<S>(draw: AlternativeDraw<S>, rejects: RejectRule<S>, opts: SizeSearchOptions): SizeSearchResult {
  checkOptions(opts);
  const target = opts.target ?? 0.99;
  const resolution = opts.resolution ?? 1.1;
  const maxN = opts.maxN ?? 1e8;
  const minN = Math.max(1, opts.minN ?? 1);
  if (!(target > 0 && target <= 1)) throw new InvalidParameterError(`power: target must be in (0, 1], got ${target}`);
  if (!(resolution > 1)) throw new InvalidParameterError(`power: resolution must be > 1, got ${resolution}`);
  if (!(opts.start >= minN && opts.start <= maxN)) throw new InvalidParameterError(`power: start ${opts.start} outside [${minN}, ${maxN}]`);
  const seen = new Map<number, PowerEstimate>();
  const at = (n: number): PowerEstimate => {
    const k = Math.round(n);
    let e = seen.get(k);
    if (!e) { e = measurePower(draw, rejects, k, opts); seen.set(k, e); }
    return e;
  };
  const reaches = (n: number): boolean => at(n).power >= target;
  let lo: number; // largest size known not to reach
  let hi: number; // smallest size known to reach
  if (reaches(opts.start)) {
    hi = opts.start;
    lo = hi;
    while (lo > minN) {
      lo = Math.max(minN, Math.round(lo / 2));
      if (!reaches(lo)) break;
      hi = lo;
    }
    if (lo === hi) return finish(hi);
  } else {
    lo = opts.start;
    hi = lo;
    while (!reaches(hi)) {
      lo = hi;
      if (hi >= maxN) return finish(null);
      hi = Math.min(maxN, Math.round(hi * 2));
    }
  }
  while (hi / lo > resolution && hi - lo > 1) {
    const mid = Math.round(Math.sqrt(lo * hi));
    if (mid <= lo || mid >= hi) break;
    if (reaches(mid)) hi = mid; else lo = mid;
  }
  return finish(hi);

  function finish(n: number | null): SizeSearchResult {
    const points = [...seen.values()].sort((a, b) => a.n - b.n);
    return { n, target, at: n === null ? null : seen.get(Math.round(n))!, points };
  }
}
