/** Sample array types and shared helpers of the tests on samples. */
import { DiscreteNullError, InsufficientDataError } from '../errors.ts';

/** Integer codes as hardware produces them. */
export type IntegerSamples = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

/** Any numeric samples (integer codes or real values). */
export type NumericSamples = IntegerSamples | Float32Array | Float64Array | readonly number[];

/** What every test returns at least: its statistic and p-value (and degrees of freedom where they apply). */
export interface TestResult {
  readonly statistic: number;
  readonly pValue: number;
  readonly df?: number;
}

/** Throws {@link InsufficientDataError} unless `n >= min`. */
export function requireSamples(n: number, min: number, test: string): void {
  if (n < min) throw new InsufficientDataError(`${test} needs at least ${min} samples, got ${n}`);
}

/** A sorted float64 copy (the input is left untouched). */
export function sortedCopy(values: NumericSamples): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedNormalP(z: number, sf: (z: number) => number): number {
  return Math.min(1, 2 * sf(Math.abs(z)));
}

/**
 * Throws {@link DiscreteNullError} when `cdf` jumps at one of the (sorted) sample values, i.e. the null has an atom
 * there: KS and Anderson-Darling assume a continuous null. Checked at every distinct value, by comparing F(x) with
 * F just left of x (a relative step of 1e-9); a continuous CDF moves by far less than 1e-7 over it.
 */
export function requireContinuousNull(sorted: Float64Array, cdf: (x: number) => number, test: string): void {
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!;
    if (i > 0 && x === sorted[i - 1]) continue;
    const jump = cdf(x) - cdf(x - 1e-9 * Math.max(1, Math.abs(x)));
    if (jump > 1e-7) {
      throw new DiscreteNullError(`${test} needs a continuous null, but its CDF jumps by ${jump.toPrecision(3)} at the sample value ${x}: test lattice codes against their pmf with chiSquareGof`);
    }
  }
}
