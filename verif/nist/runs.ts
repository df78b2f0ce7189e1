/** SP 800-22 §2.3 runs and §2.4 longest run of ones in a block. */
import { InsufficientDataError } from '../errors.ts';
import { erfc, igamc } from '../stats/special.ts';
import { checkBits, nistResult, requireBits, type Bits, type NistResult } from './common.ts';

/**
 * §2.3 Runs: V = number of runs; p = erfc(|V - 2nπ(1-π)| / (2 sqrt(2n) π(1-π))). If the frequency pre-test fails
 * (|π - 1/2| >= 2/sqrt(n)) the test is not run and p = 0, as in the reference code.
 *
 * @example
 * runsTestNist(bitsFromString('1001101011')).pValue; // 0.147232
 */
export function runsTestNist(bits: Bits): NistResult & { runs: number; proportion: number } {
  checkBits(bits, 'runs');
  const n = bits.length;
  requireBits(n, 2, 'runs');
  let ones = 0;
  let runs = 1;
  for (let i = 0; i < n; i++) {
    ones += bits[i]!;
    if (i > 0 && bits[i] !== bits[i - 1]) runs++;
  }
  const pi = ones / n;
  if (Math.abs(pi - 0.5) >= 2 / Math.sqrt(n)) return nistResult('runs', runs, 0, { runs, proportion: pi });
  const q = pi * (1 - pi);
  const p = erfc(Math.abs(runs - 2 * n * q) / (2 * Math.sqrt(2 * n) * q));
  return nistResult('runs', runs, p, { runs, proportion: pi });
}

/** Block size, class boundaries and class probabilities of the longest-run test for each range of n. */
interface LongestRunTable {
  readonly M: number;
  readonly low: number; // longest runs <= low fall in class 0
  readonly probs: readonly number[];
}

// M = 8: the four-decimal probabilities printed in SP 800-22 §3.4 (its §2.4.8 example, 0.180598, uses them; the exact
// fractions 0.21484375, 0.3671875, 0.23046875, 0.1875 give 0.180609). M = 128: the reference code's values.
// M = 10^4: the reference code's (and §3.4's) four-decimal values, which give the published p-value for e.
const TABLES: readonly LongestRunTable[] = [
  { M: 8, low: 1, probs: [0.2148, 0.3672, 0.2305, 0.1875] },
  { M: 128, low: 4, probs: [0.1174035788, 0.242955959, 0.249363483, 0.17517706, 0.102701071, 0.112398847] },
  { M: 10000, low: 10, probs: [0.0882, 0.2092, 0.2483, 0.1933, 0.1208, 0.0675, 0.0727] },
];

/**
 * §2.4 Longest run of ones in a block: M = 8 for n < 6272, 128 for n < 750000, 10^4 above (n >= 128).
 *
 * @example
 * longestRunTest(bitsFromString('11001100000101010110110001001100111000000000001001' +
 *   '00110101010001000100111101011010000000110101111100' + '1100111001101101100010110010')).pValue; // 0.180598
 */
export function longestRunTest(bits: Bits): NistResult & { blockSize: number; counts: readonly number[] } {
  checkBits(bits, 'longest run');
  const n = bits.length;
  if (n < 128) throw new InsufficientDataError(`longest run test needs at least 128 bits, got ${n}`);
  const table = TABLES[n < 6272 ? 0 : n < 750000 ? 1 : 2]!;
  const { M, low, probs } = table;
  const K = probs.length - 1;
  const N = Math.floor(n / M);
  const counts = new Array<number>(K + 1).fill(0);
  for (let b = 0; b < N; b++) {
    let run = 0;
    let longest = 0;
    const base = b * M;
    for (let j = 0; j < M; j++) {
      if (bits[base + j]) {
        run++;
        if (run > longest) longest = run;
      } else run = 0;
    }
    const cls = Math.min(K, Math.max(0, longest - low));
    counts[cls]!++;
  }
  let chi = 0;
  for (let i = 0; i <= K; i++) chi += (counts[i]! - N * probs[i]!) ** 2 / (N * probs[i]!);
  return nistResult('longest-run', chi, igamc(K / 2, chi / 2), { blockSize: M, counts });
}
