/**
 * The bit-probability search of the paper-faithful word: which independent per-bit probabilities, each taken from the
 * settings a cell can reach, bring a binary-weighted word closest to a target law. Coordinate descent alone is stuck
 * where it starts: from p = 1/2 on every bit no single-bit move lowers the total variation (the uniform word is a
 * saddle), so the search restarts from many seeded random points and keeps the best local optimum; and the total
 * variation is piecewise linear, so it also tries joint moves of two bits, which cross the ridges one bit cannot.
 */
import { Rng } from '../../common/rng.ts';

/** Options of {@link searchBitProbabilities}. */
export interface BitSearchOptions {
  /** Random restarts besides the all-1/2 start (default 24). */
  readonly starts?: number;
  /** Seed of the restarts (default 1). */
  readonly seed?: number;
  /** Rounds of sweeps per start at most (default 12; a start stops as soon as a round improves nothing). */
  readonly sweeps?: number;
  /** Joint two-bit moves try up to this many neighbouring options either way (default 3). */
  readonly window?: number;
}

/** The best probabilities found and their cost. */
export interface BitSearchResult {
  readonly probs: readonly number[];
  readonly cost: number;
}

/**
 * Minimises `cost(probs)` over `bits` probabilities, each one of `options`: multi-start coordinate descent with joint
 * two-bit moves.
 * @example
 * const r = searchBitProbabilities([0.1, 0.5, 0.9], 2, (ps) => Math.abs(ps[0]! - 0.9) + Math.abs(ps[1]! - 0.1));
 * r.probs; // [0.9, 0.1]
 */
export function searchBitProbabilities(options: readonly number[], bits: number, cost: (probs: readonly number[]) => number, opts: BitSearchOptions = {}): BitSearchResult {
  const rng = Rng.fromSeed(opts.seed ?? 1);
  const starts = opts.starts ?? 24;
  const sweeps = opts.sweeps ?? 12;
  const window = opts.window ?? 3;
  const sorted = [...options].sort((x, y) => x - y);
  const halfIndex = sorted.reduce((b, p, i) => (Math.abs(p - 0.5) < Math.abs(sorted[b]! - 0.5) ? i : b), 0);
  let best: BitSearchResult = { probs: [], cost: Infinity };
  for (let s = 0; s <= starts; s++) {
    const idx = Array.from({ length: bits }, () => (s === 0 ? halfIndex : rng.below(sorted.length)));
    const at = (): number[] => idx.map((i) => sorted[i]!);
    let current = cost(at());
    // Coordinate sweeps, then (the total variation is piecewise linear: a ridge stops single-bit moves) joint moves of
    // two bits by up to `window` options each; back to the sweeps whenever a joint move helped.
    for (let round = 0; round < sweeps; round++) {
      let improved = false;
      for (let b = 0; b < bits; b++) {
        const keep = idx[b]!;
        let bestI = keep;
        for (let i = 0; i < sorted.length; i++) {
          idx[b] = i;
          const c = cost(at());
          if (c < current - 1e-15) { current = c; bestI = i; improved = true; }
        }
        idx[b] = bestI;
      }
      if (improved) continue;
      for (let a = 0; a < bits; a++) for (let b = a + 1; b < bits; b++) {
        const ka = idx[a]!;
        const kb = idx[b]!;
        let bestA = ka;
        let bestB = kb;
        for (let da = -window; da <= window; da++) for (let db = -window; db <= window; db++) {
          const ia = ka + da;
          const ib = kb + db;
          if (ia < 0 || ib < 0 || ia >= sorted.length || ib >= sorted.length) continue;
          idx[a] = ia;
          idx[b] = ib;
          const c = cost(at());
          if (c < current - 1e-15) { current = c; bestA = ia; bestB = ib; improved = true; }
        }
        idx[a] = bestA;
        idx[b] = bestB;
      }
      if (!improved) break;
    }
    const probs = at();
    if (current < best.cost) best = { probs: [...probs], cost: current };
  }
  return best;
}
