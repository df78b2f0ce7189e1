/** SP 800-22 §2.5 binary matrix rank test (32 x 32 matrices over GF(2)). */
import { InsufficientDataError } from '../errors.ts';
import { checkBits, nistResult, type Bits, type NistResult } from './common.ts';

/**
 * Rank over GF(2) of a matrix whose rows are given as bit masks (bit j of rows[i] = entry (i, j)); rows is modified.
 *
 * @example
 * gf2Rank(Uint32Array.of(0b011, 0b110, 0b101), 3); // 2
 */
export function gf2Rank(rows: Uint32Array, cols: number): number {
  let rank = 0;
  for (let c = 0; c < cols && rank < rows.length; c++) {
    const bit = 1 << c;
    let pivot = -1;
    for (let r = rank; r < rows.length; r++) {
      if (rows[r]! & bit) {
        pivot = r;
        break;
      }
    }
    if (pivot < 0) continue;
    const t = rows[pivot]!;
    rows[pivot] = rows[rank]!;
    rows[rank] = t;
    for (let r = 0; r < rows.length; r++) if (r !== rank && rows[r]! & bit) rows[r] = rows[r]! ^ t;
    rank++;
  }
  return rank;
}

/** Probability that a random M x Q binary matrix has rank r (SP 800-22 §3.5). */
function rankProbability(r: number, M: number, Q: number): number {
  let product = 1;
  for (let i = 0; i < r; i++) {
    product *= ((1 - Math.pow(2, i - Q)) * (1 - Math.pow(2, i - M))) / (1 - Math.pow(2, i - r));
  }
  return Math.pow(2, r * (Q + M - r) - M * Q) * product;
}

/**
 * §2.5 Binary matrix rank: N = floor(n/1024) matrices of 32 x 32 bits filled row by row; counts of full rank,
 * rank 31 and lower against their probabilities, p = exp(-χ²/2). Needs N >= 38.
 *
 * @example
 * rankTest(eBits(100_000)).pValue; // §2.5.8
 */
export function rankTest(bits: Bits): NistResult & { matrices: number; full: number; fullMinusOne: number } {
  checkBits(bits, 'rank');
  const M = 32;
  const N = Math.floor(bits.length / (M * M));
  if (N < 38) throw new InsufficientDataError(`rank test needs at least 38 matrices (38912 bits), got ${bits.length} bits`);
  const rows = new Uint32Array(M);
  let full = 0;
  let fullMinusOne = 0;
  for (let k = 0; k < N; k++) {
    const base = k * M * M;
    for (let i = 0; i < M; i++) {
      let w = 0;
      const o = base + i * M;
      for (let j = 0; j < M; j++) w |= bits[o + j]! << j;
      rows[i] = w >>> 0;
    }
    const r = gf2Rank(rows, M);
    if (r === M) full++;
    else if (r === M - 1) fullMinusOne++;
  }
  const p32 = rankProbability(32, M, M);
  const p31 = rankProbability(31, M, M);
  const p30 = 1 - p32 - p31;
  const rest = N - full - fullMinusOne;
  const chi =
    (full - N * p32) ** 2 / (N * p32) + (fullMinusOne - N * p31) ** 2 / (N * p31) + (rest - N * p30) ** 2 / (N * p30);
  return nistResult('rank', chi, Math.exp(-chi / 2), { matrices: N, full, fullMinusOne });
}
