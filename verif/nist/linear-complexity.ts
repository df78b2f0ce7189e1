/** SP 800-22 §2.10 linear complexity test, with a bit-packed Berlekamp-Massey. */
import { InsufficientDataError, InvalidParameterError } from '../errors.ts';
import { igamc } from '../stats/special.ts';
import { checkBits, nistResult, type Bits, type NistResult } from './common.ts';

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/** Reusable work buffers of Berlekamp-Massey for sequences of up to M bits. */
interface BmWork {
  readonly M: number;
  readonly C: Uint32Array;
  readonly B: Uint32Array;
  readonly T: Uint32Array;
  readonly R: Uint32Array;
}

function bmWork(M: number): BmWork {
  const words = Math.ceil((M + 1) / 32) + 1;
  return {
    M,
    C: new Uint32Array(words),
    B: new Uint32Array(words),
    T: new Uint32Array(words),
    R: new Uint32Array(Math.ceil((2 * M + 64) / 32) + 2),
  };
}

/** Linear complexity of bits[start .. start+M) using 32-bit packed polynomials (no allocation per block). */
function bmPacked(bits: Bits, start: number, w: BmWork): number {
  const { M, C, B, T, R } = w;
  C.fill(0);
  B.fill(0);
  R.fill(0);
  C[0] = 1;
  B[0] = 1;
  // R holds the block reversed: bit j of R is s[M-1-j], so s[N-i] = R bit (M-1-N+i).
  for (let j = 0; j < M; j++) if (bits[start + M - 1 - j]) R[j >>> 5] = R[j >>> 5]! | (1 << (j & 31));
  let L = 0;
  let m = -1;
  const words = C.length;
  for (let N = 0; N < M; N++) {
    const o = M - 1 - N;
    let acc = 0;
    const top = L >>> 5;
    for (let wi = 0; wi <= top; wi++) {
      const q = o + 32 * wi;
      const qw = q >>> 5;
      const sh = q & 31;
      const rw = sh === 0 ? R[qw]! : (R[qw]! >>> sh) | (R[qw + 1]! << (32 - sh));
      acc ^= C[wi]! & rw;
    }
    if (parity(acc) === 0) continue;
    T.set(C);
    const shift = N - m;
    const ws = shift >>> 5;
    const bs = shift & 31;
    for (let j = words - 1; j >= ws; j--) {
      const lo = j - ws;
      const v = bs === 0 ? B[lo]! : (B[lo]! << bs) | (lo > 0 ? B[lo - 1]! >>> (32 - bs) : 0);
      C[j] = C[j]! ^ v;
    }
    if (2 * L <= N) {
      L = N + 1 - L;
      m = N;
      B.set(T);
    }
  }
  return L;
}

/**
 * Linear complexity (length of the shortest LFSR generating it) of a bit sequence, by Berlekamp-Massey.
 *
 * @example
 * linearComplexity(bitsFromString('1101011110001')); // 4
 */
export function linearComplexity(bits: Bits): number {
  checkBits(bits, 'linear complexity');
  return bmPacked(bits, 0, bmWork(bits.length));
}

/** Class probabilities of T (reference code; note its 0.01047 for the first class, which the published p-values use). */
const PI = [0.01047, 0.03125, 0.125, 0.5, 0.25, 0.0625, 0.020833];

/**
 * §2.10 Linear complexity: N = floor(n/M) blocks; T_i = (-1)^M (L_i - μ) + 2/9 binned into 7 classes,
 * χ² against the class probabilities, p = igamc(3, χ²/2).
 *
 * @example
 * linearComplexityTest(eBits(1_000_000), 500).pValue; // 0.826335
 */
export function linearComplexityTest(bits: Bits, blockSize = 500): NistResult & { counts: readonly number[] } {
  checkBits(bits, 'linear complexity');
  if (!Number.isInteger(blockSize) || blockSize < 2) {
    throw new InvalidParameterError(`linear complexity: block size must be an integer >= 2, got ${blockSize}`);
  }
  const M = blockSize;
  const N = Math.floor(bits.length / M);
  if (N < 1) throw new InsufficientDataError(`linear complexity needs at least one block of ${M} bits`);
  const sign = M % 2 === 0 ? 1 : -1;
  const mu = M / 2 + (9 + -sign) / 36 - (M / 3 + 2 / 9) / 2 ** M;
  const counts = new Array<number>(7).fill(0);
  const work = bmWork(M);
  for (let b = 0; b < N; b++) {
    const L = bmPacked(bits, b * M, work);
    const T = sign * (L - mu) + 2 / 9;
    const cls = T <= -2.5 ? 0 : T <= -1.5 ? 1 : T <= -0.5 ? 2 : T <= 0.5 ? 3 : T <= 1.5 ? 4 : T <= 2.5 ? 5 : 6;
    counts[cls]!++;
  }
  let chi = 0;
  for (let i = 0; i < 7; i++) chi += (counts[i]! - N * PI[i]!) ** 2 / (N * PI[i]!);
  return nistResult('linear-complexity', chi, igamc(3, chi / 2), { counts });
}
