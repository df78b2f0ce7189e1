/**
 * The exact stationary law of the sum-of-bits generator's bias-tracking loop (clt.ts) for one cell whose probability
 * of reading a one at each width code is known: the loop's integrator is a birth-death chain on its count (steps of
 * ±1 per read, or ±2 per von Neumann pair of equal reads, clamped at ±(trackRange + 1) trackLimit), the width code a
 * function of the count. Its stationary distribution gives the long-run fraction of ones the loop holds the cell at,
 * for a device that drifts slowly against the loop's settling time (hundreds of reads): temperature and wear studies.
 */
import type { CltPlan } from './clt.ts';

/** The long-run state of one cell's loop. */
export interface TrackingLaw {
  /** Long-run P(raw read = 1). */
  readonly pOne: number;
  /** Long-run probability of each width code the loop uses. */
  readonly widths: ReadonlyMap<number, number>;
  /** Probability that the loop sits at one end of its range (the drift is beyond its reach when this is large). */
  readonly atLimit: number;
}

/**
 * The width code cell `i`'s loop applies at integrator count `acc` (as the HDL and `simulateClt` compute it).
 * @example trackedWidth(plan, 0, 0); // plan.widthCodes[0]
 */
export function trackedWidth(plan: CltPlan, i: number, acc: number): number {
  const w0 = plan.widthCodes[i]!;
  if (plan.trackLimit <= 0) return w0;
  const wmax = 2 ** plan.codes.widthBits - 1;
  const shift = Math.log2(Math.max(1, plan.trackLimit));
  const off = Math.max(-plan.trackRange, Math.min(plan.trackRange, acc >> shift));
  const w = plan.slopes[i] === 1 ? w0 - off : w0 + off;
  return Math.max(Math.max(0, w0 - plan.trackRange), Math.min(Math.min(wmax, w0 + plan.trackRange), w));
}

/**
 * Stationary law of cell `i`'s loop when a read at width code w is a one with probability `pAt(w)`.
 * Without tracking (trackLimit 0) it is the calibrated code's p.
 * @example trackingLaw(plan, 3, (w) => pOneAfterPulse(cell, DEFAULT_GRID, plan.ampCodes[3]!, w)).pOne;
 */
export function trackingLaw(plan: CltPlan, i: number, pAt: (width: number) => number): TrackingLaw {
  const w0 = plan.widthCodes[i]!;
  if (plan.trackLimit <= 0) return { pOne: pAt(w0), widths: new Map([[w0, 1]]), atLimit: 0 };
  const vn = plan.conditioner === 'von-neumann';
  const step = vn ? 2 : 1;
  const span = (plan.trackRange + 1) * plan.trackLimit;
  const clamp = (a: number): number => Math.max(-span, Math.min(span, a));
  // Reachable counts from 0, in increasing order (the chain moves only to its neighbours in this list).
  const states = new Set<number>([0]);
  for (let a = 0; a < span; ) { a = clamp(a + step); states.add(a); }
  for (let a = 0; a > -span; ) { a = clamp(a - step); states.add(a); }
  const xs = [...states].sort((a, b) => a - b);
  const p = xs.map((a) => pAt(trackedWidth(plan, i, a)));
  const up = p.map((q) => (vn ? q * q : q));
  const down = p.map((q) => (vn ? (1 - q) * (1 - q) : 1 - q));
  // Detailed balance in log space: pi[k+1] / pi[k] = up[k] / down[k+1].
  const logw = [0];
  for (let k = 0; k + 1 < xs.length; k++) logw.push(logw[k]! + Math.log(Math.max(up[k]!, 1e-300)) - Math.log(Math.max(down[k + 1]!, 1e-300)));
  const top = Math.max(...logw);
  const w = logw.map((l) => Math.exp(l - top));
  const z = w.reduce((s, x) => s + x, 0);
  const pi = w.map((x) => x / z);
  const widths = new Map<number, number>();
  let pOne = 0;
  xs.forEach((a, k) => {
    const code = trackedWidth(plan, i, a);
    widths.set(code, (widths.get(code) ?? 0) + pi[k]!);
    pOne += pi[k]! * p[k]!;
  });
  const lo = Math.max(0, w0 - plan.trackRange);
  const hi = Math.min(2 ** plan.codes.widthBits - 1, w0 + plan.trackRange);
  return { pOne, widths, atLimit: (widths.get(lo) ?? 0) + (widths.get(hi) ?? 0) };
}
