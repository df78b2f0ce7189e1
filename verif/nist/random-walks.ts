/**
 * SP 800-22 tests on the random walk S_k = Σ (2ε_i - 1): §2.13 cumulative sums, §2.14 random excursions and
 * §2.15 random excursions variant.
 */
import { erfc, igamc, normalCdf } from '../stats/special.ts';
import { checkBits, nistResult, requireBits, type Bits, type NistResult } from './common.ts';

/** Options of the random excursions tests. */
export interface ExcursionsOptions {
  /**
   * Report p-values even when the walk has fewer than max(0.005 sqrt(n), 500) cycles (only to reproduce the
   * standard's small worked examples; such p-values are not reliable). Default false.
   */
  readonly ignoreMinCycles?: boolean;
}

/**
 * §2.13 Cumulative sums: z = max |S_k| going forward (mode 'forward') or backward; p-value from the series of
 * §2.13.4 with the reference code's integer (truncating) summation limits.
 *
 * @example
 * cumulativeSumsTest(bitsFromString('1011010111')).pValue; // 0.4116588
 */
export function cumulativeSumsTest(bits: Bits, mode: 'forward' | 'reverse' = 'forward'): NistResult & { maxExcursion: number } {
  checkBits(bits, 'cumulative sums');
  const n = bits.length;
  requireBits(n, 1, 'cumulative sums');
  let s = 0;
  let z = 0;
  for (let k = 0; k < n; k++) {
    s += bits[mode === 'forward' ? k : n - 1 - k] ? 1 : -1;
    if (Math.abs(s) > z) z = Math.abs(s);
  }
  const sq = Math.sqrt(n);
  const t = Math.trunc;
  let sum1 = 0;
  for (let k = t(t(-n / z + 1) / 4); k <= t(t(n / z - 1) / 4); k++) {
    sum1 += normalCdf(((4 * k + 1) * z) / sq) - normalCdf(((4 * k - 1) * z) / sq);
  }
  let sum2 = 0;
  for (let k = t(t(-n / z - 3) / 4); k <= t(t(n / z - 1) / 4); k++) {
    sum2 += normalCdf(((4 * k + 3) * z) / sq) - normalCdf(((4 * k + 1) * z) / sq);
  }
  const p = Math.min(1, Math.max(0, 1 - sum1 + sum2));
  return nistResult(`cumulative-sums-${mode}`, z, p, { maxExcursion: z });
}

/** Result of the random excursions tests: one p-value per state, and whether the walk had enough cycles. */
export interface ExcursionsResult extends NistResult {
  /** Number of cycles J (returns to zero). */
  readonly cycles: number;
  /** False when J < max(0.005 sqrt(n), 500): the test does not apply and all p-values are NaN. */
  readonly applicable: boolean;
  readonly states: readonly ExcursionState[];
}

/** One state of a random excursions test. */
export interface ExcursionState {
  readonly state: number;
  /** χ² (random excursions) or the total number of visits ξ (variant). */
  readonly statistic: number;
  readonly pValue: number;
  /** Random excursions only: numbers of cycles visiting the state 0, 1, ..., 4, >= 5 times. */
  readonly counts?: readonly number[];
}

function minCycles(n: number): number {
  return Math.max(0.005 * Math.sqrt(n), 500);
}

/** π_k(x): probability that state x is visited exactly k times in a cycle (k = 5 means >= 5), §3.14. */
function visitProbability(x: number, k: number): number {
  const a = 1 / (2 * Math.abs(x));
  if (k === 0) return 1 - a;
  if (k < 5) return (1 / (4 * x * x)) * Math.pow(1 - a, k - 1);
  return a * Math.pow(1 - a, 4);
}

/**
 * §2.14 Random excursions: for states x = -4..-1, 1..4, the numbers of cycles visiting x exactly 0..4 and >= 5
 * times against their probabilities, p = igamc(5/2, χ²/2). `pValue` is the smallest over the states.
 *
 * @example
 * randomExcursionsTest(eBits(1_000_000)).states[4].pValue; // x = +1: 0.786868
 */
export function randomExcursionsTest(bits: Bits, opts: ExcursionsOptions = {}): ExcursionsResult {
  checkBits(bits, 'random excursions');
  const n = bits.length;
  requireBits(n, 1, 'random excursions');
  const visits = new Int32Array(9); // visits to x = -4..4 (index x + 4) in the current cycle
  const nu = new Float64Array(8 * 6); // nu[state index * 6 + k]
  const stateIndex = [0, 1, 2, 3, -1, 4, 5, 6, 7]; // x + 4 -> 0..7, 0 excluded
  let s = 0;
  let J = 0;
  const closeCycle = (): void => {
    for (let xi = 0; xi < 9; xi++) {
      const si = stateIndex[xi]!;
      if (si < 0) continue;
      nu[si * 6 + Math.min(visits[xi]!, 5)]!++;
      visits[xi] = 0;
    }
    J++;
  };
  for (let k = 0; k < n; k++) {
    s += bits[k] ? 1 : -1;
    if (s === 0) closeCycle();
    else if (s >= -4 && s <= 4) visits[s + 4]!++;
  }
  if (s !== 0) closeCycle(); // the walk is closed with an appended zero
  const applicable = J >= minCycles(n);
  const report = applicable || opts.ignoreMinCycles === true;
  const states = [-4, -3, -2, -1, 1, 2, 3, 4].map((x, si) => {
    let chi = 0;
    const counts: number[] = [];
    for (let k = 0; k <= 5; k++) {
      const e = J * visitProbability(x, k);
      counts.push(nu[si * 6 + k]!);
      chi += (nu[si * 6 + k]! - e) ** 2 / e;
    }
    return { state: x, statistic: chi, pValue: report ? igamc(2.5, chi / 2) : NaN, counts };
  });
  const minP = Math.min(...states.map((st) => st.pValue));
  return { ...nistResult('random-excursions', J, minP, {}), cycles: J, applicable, states };
}

/**
 * §2.15 Random excursions variant: total visits ξ(x) to x = ±1..±9 over all cycles, p = erfc(|ξ - J| /
 * sqrt(2J(4|x| - 2))). `pValue` is the smallest over the states.
 *
 * @example
 * randomExcursionsVariantTest(eBits(1_000_000)).states[8].pValue; // x = -1: 0.826009
 */
export function randomExcursionsVariantTest(bits: Bits, opts: ExcursionsOptions = {}): ExcursionsResult {
  checkBits(bits, 'random excursions variant');
  const n = bits.length;
  requireBits(n, 1, 'random excursions variant');
  const xi = new Float64Array(19); // visits to x = -9..9, index x + 9
  let s = 0;
  let J = 0;
  for (let k = 0; k < n; k++) {
    s += bits[k] ? 1 : -1;
    if (s === 0) J++;
    else if (s >= -9 && s <= 9) xi[s + 9]!++;
  }
  if (s !== 0) J++;
  const applicable = J >= minCycles(n);
  const report = applicable || opts.ignoreMinCycles === true;
  const states: ExcursionState[] = [];
  for (let x = -9; x <= 9; x++) {
    if (x === 0) continue;
    const count = xi[x + 9]!;
    const p = report ? erfc(Math.abs(count - J) / Math.sqrt(2 * J * (4 * Math.abs(x) - 2))) : NaN;
    states.push({ state: x, statistic: count, pValue: p });
  }
  const minP = Math.min(...states.map((st) => st.pValue));
  return { ...nistResult('random-excursions-variant', J, minP, {}), cycles: J, applicable, states };
}
