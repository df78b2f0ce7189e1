/** Pearson chi-square goodness of fit of integer samples against any lattice pmf (step 1 of the two-step method). */
import { InsufficientDataError, InvalidParameterError } from '../errors.ts';
import type { LatticePmf } from './lattice.ts';
import { chiSquareSf } from './special.ts';
import { requireSamples, type IntegerSamples, type TestResult } from './samples.ts';

/** A group of adjacent lattice cells merged so that its expected count reaches the minimum. */
export interface ChiSquareCell {
  /** First and last code of the group. */
  readonly fromCode: number;
  readonly toCode: number;
  readonly observed: number;
  readonly expected: number;
}

/** Result of {@link chiSquareGof}. */
export interface ChiSquareResult extends TestResult {
  readonly df: number;
  readonly sampleSize: number;
  /** The cells after merging, in code order. */
  readonly cells: readonly ChiSquareCell[];
  /** Samples on codes the pmf gives probability 0 (any such sample makes pValue 0). */
  readonly impossible: number;
}

/** Options of {@link chiSquareGof}. */
export interface ChiSquareOptions {
  /** Smallest expected count of a cell; adjacent cells are merged until they reach it. Default 5. */
  readonly minExpected?: number;
  /** Parameters estimated from the same sample (each removes one degree of freedom). Default 0. */
  readonly estimatedParameters?: number;
}

/**
 * Counts integer codes against a lattice pmf and runs Pearson's chi-square test, merging adjacent cells (in code
 * order) whose expected count is below `minExpected`; the leftover tail is merged into the last group.
 *
 * @example
 * const pmf = independentBitsPmf([0.5, 0.5, 0.5]);
 * const codes = Int32Array.from({ length: 8000 }, (_, i) => i % 8);
 * chiSquareGof(codes, pmf).pValue; // 1 (a perfectly even sample)
 */
export function chiSquareGof(codes: IntegerSamples, pmf: LatticePmf, opts: ChiSquareOptions = {}): ChiSquareResult {
  const minExpected = opts.minExpected ?? 5;
  const estimated = opts.estimatedParameters ?? 0;
  if (!(minExpected > 0)) throw new InvalidParameterError(`minExpected must be > 0, got ${minExpected}`);
  const n = codes.length;
  requireSamples(n, 1, 'chi-square goodness of fit');
  const { probs, offset } = pmf;
  const len = probs.length;
  const counts = new Float64Array(len);
  let impossible = 0;
  for (let i = 0; i < n; i++) {
    const j = codes[i]! - offset;
    if (j >= 0 && j < len && probs[j]! > 0) counts[j]++;
    else impossible++;
  }
  const cells: ChiSquareCell[] = [];
  let from = -1;
  let obs = 0;
  let exp = 0;
  for (let j = 0; j < len; j++) {
    if (probs[j] === 0) continue;
    if (from < 0) from = j;
    obs += counts[j]!;
    exp += n * probs[j]!;
    if (exp >= minExpected) {
      cells.push({ fromCode: offset + from, toCode: offset + j, observed: obs, expected: exp });
      from = -1;
      obs = 0;
      exp = 0;
    }
  }
  if (from >= 0) {
    const last = cells.pop();
    if (last) cells.push({ fromCode: last.fromCode, toCode: offset + len - 1, observed: last.observed + obs, expected: last.expected + exp });
    else cells.push({ fromCode: offset + from, toCode: offset + len - 1, observed: obs, expected: exp });
  }
  const df = cells.length - 1 - estimated;
  if (df < 1) {
    throw new InsufficientDataError(
      `chi-square test has ${cells.length} cell(s) with expected count >= ${minExpected}: no degrees of freedom left; use more samples`,
    );
  }
  if (impossible > 0) return { statistic: Infinity, pValue: 0, df, sampleSize: n, cells, impossible };
  let stat = 0;
  for (const c of cells) stat += ((c.observed - c.expected) * (c.observed - c.expected)) / c.expected;
  return { statistic: stat, pValue: chiSquareSf(stat, df), df, sampleSize: n, cells, impossible };
}
