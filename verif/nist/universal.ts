/** SP 800-22 §2.9 Maurer's "universal statistical" test. */
import { InsufficientDataError, InvalidParameterError } from '../errors.ts';
import { erfc } from '../stats/special.ts';
import { checkBits, nistResult, type Bits, type NistResult } from './common.ts';

/** Expected value and variance of f_n for L = 1..16 (SP 800-22 §2.9.4 table; index = L). */
const EXPECTED = [0, 0.7326495, 1.5374383, 2.4016068, 3.3112247, 4.2534266, 5.2177052, 6.1962507, 7.1836656, 8.1764248,
  9.1723243, 10.170032, 11.168765, 12.167999, 13.167234, 14.166727, 15.166385];
const VARIANCE = [0, 0.69, 1.338, 1.901, 2.358, 2.705, 2.954, 3.125, 3.238, 3.311, 3.356, 3.384, 3.401, 3.41, 3.416, 3.419,
  3.421];

/** Block length L recommended for n bits (reference code thresholds; n >= 387840 gives L = 6). */
function defaultL(n: number): number {
  const thresholds = [387840, 904960, 2068480, 4654080, 10342400, 22753280, 49643520, 107560960, 231669760, 496435200, 1059061760];
  let L = 5;
  for (const t of thresholds) if (n >= t) L++;
  return L;
}

/**
 * §2.9 Maurer's universal test: f_n = mean log2 distance since the previous occurrence of each L-bit block over K
 * test blocks after Q = 10·2^L initialisation blocks; σ = c·sqrt(var(L)/K) with
 * c = 0.7 - 0.8/L + (4 + 32/L) K^(-3/L) / 15; p = erfc(|f_n - E(L)| / (sqrt 2 σ)).
 * L and Q default to the reference code's choice for n (n >= 387840).
 *
 * @example
 * universalTest(eBits(1_000_000)).pValue; // 0.282568 (L = 7, Q = 1280)
 */
export function universalTest(
  bits: Bits,
  opts: { L?: number; Q?: number } = {},
): NistResult & { L: number; Q: number; K: number; fn: number; expected: number; sigma: number } {
  checkBits(bits, 'universal');
  const n = bits.length;
  const L = opts.L ?? defaultL(n);
  if (!Number.isInteger(L) || L < 1 || L > 16) throw new InvalidParameterError(`universal: L must be in 1..16, got ${L}`);
  if (opts.L === undefined && L < 6) {
    throw new InsufficientDataError(`universal test needs at least 387840 bits for its default parameters, got ${n}`);
  }
  const Q = opts.Q ?? 10 * 2 ** L;
  const K = Math.floor(n / L) - Q;
  if (!Number.isInteger(Q) || Q < 1 || K < 1) throw new InsufficientDataError(`universal: ${n} bits leave no test blocks (L=${L}, Q=${Q})`);
  const table = new Float64Array(2 ** L);
  const block = (i: number): number => {
    let v = 0;
    const base = (i - 1) * L;
    for (let j = 0; j < L; j++) v = (v << 1) | bits[base + j]!;
    return v;
  };
  for (let i = 1; i <= Q; i++) table[block(i)] = i;
  let sum = 0;
  for (let i = Q + 1; i <= Q + K; i++) {
    const v = block(i);
    sum += Math.log2(i - table[v]!);
    table[v] = i;
  }
  const fn = sum / K;
  const c = 0.7 - 0.8 / L + ((4 + 32 / L) * Math.pow(K, -3 / L)) / 15;
  const sigma = c * Math.sqrt(VARIANCE[L]! / K);
  const expected = EXPECTED[L]!;
  const p = erfc(Math.abs(fn - expected) / (Math.SQRT2 * sigma));
  return nistResult('universal', fn, p, { L, Q, K, fn, expected, sigma });
}
