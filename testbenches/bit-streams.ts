/** Helpers of the bit-stream testbenches: serial statistics of one cell's reads and NIST over many sequences. */
import { nistBattery, nistSecondLevel, type SecondLevelResult } from '../verif/index.ts';

/**
 * Fraction of ones and lag-1 autocorrelation of each of `n` interleaved streams (`bits[k * n + i]` is read k of
 * stream i), pooled over the streams, with their z-scores under i.i.d. fair bits.
 */
export function cellSerialStats(bits: Uint8Array, n: number): { fraction: number; zBias: number; lag1: number; zLag1: number } {
  const len = Math.floor(bits.length / n);
  let ones = 0;
  let c1 = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < len; k++) {
      const b = bits[k * n + i]!;
      ones += b;
      if (k > 0) c1 += (2 * b - 1) * (2 * bits[(k - 1) * n + i]! - 1);
    }
  }
  const fraction = ones / (len * n);
  const lag1 = c1 / (n * (len - 1));
  return { fraction, zBias: (fraction - 0.5) / Math.sqrt(0.25 / (len * n)), lag1, zLag1: lag1 * Math.sqrt(n * (len - 1)) };
}

/** SP 800-22 on `m` consecutive sequences of `length` bits and the second-level analysis over them. */
export function nistOverSequences(bits: Uint8Array, m: number, length: number): SecondLevelResult {
  if (bits.length < m * length) throw new RangeError(`${m} sequences of ${length} bits need ${m * length} bits, got ${bits.length}`);
  return nistSecondLevel(Array.from({ length: m }, (_, k) => nistBattery(bits.subarray(k * length, (k + 1) * length))));
}

/** Names of the tests a second-level result fails. */
export function failedTests(r: SecondLevelResult): string[] {
  return r.tests.filter((t) => !t.passed).map((t) => t.test);
}
