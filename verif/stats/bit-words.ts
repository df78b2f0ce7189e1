/**
 * Exact pmfs of fixed-point words made of independent (or independently switching) bits.
 * log P(word) is linear in the bits, so these are uniform- or geometric-shaped, never Gaussian: they are the
 * predictions that a naive "binary-weighted random bits" generator is tested against.
 */
import { InvalidParameterError } from '../errors.ts';
import { latticePmf, type LatticePmf } from './lattice.ts';

/** Largest word width handled (2^24 cells = 128 MiB of float64 per array). */
export const MAX_WORD_BITS = 24;

/** How a word's bits are read as a number. */
export interface WordFormat {
  /** Two's complement (MSB weight -2^(n-1)) when true; unsigned otherwise. Default false. */
  readonly signed?: boolean;
  /** Real value per code (LSB weight). Default 1. */
  readonly step?: number;
  /** Real value of code 0. Default 0. */
  readonly origin?: number;
}

/** Switching probabilities of one bit per step: 0 -> 1 with `p01`, 1 -> 0 with `p10`. */
export interface BitTransition {
  readonly p01: number;
  readonly p10: number;
}

function checkProbability(p: number, what: string): void {
  if (!(p >= 0 && p <= 1)) throw new InvalidParameterError(`${what} must be a probability in [0, 1], got ${p}`);
}

function checkBits(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORD_BITS) {
    throw new InvalidParameterError(`word width must be an integer in 1..${MAX_WORD_BITS}, got ${n}`);
  }
}

/**
 * Turns masses indexed by the raw word (bit k has weight 2^k) into a lattice pmf ordered by value.
 *
 * @example
 * wordMassesToPmf(Float64Array.of(0.1, 0.2, 0.3, 0.4), 2, { signed: true }).offset; // -2
 */
export function wordMassesToPmf(masses: Float64Array, bits: number, format: WordFormat = {}): LatticePmf {
  checkBits(bits);
  const size = 1 << bits;
  if (masses.length !== size) throw new InvalidParameterError(`expected ${size} word masses, got ${masses.length}`);
  const grid = { origin: format.origin ?? 0, step: format.step ?? 1 };
  if (!format.signed) return latticePmf({ offset: 0, probs: masses, ...grid });
  const half = size >>> 1;
  const probs = new Float64Array(size);
  probs.set(masses.subarray(half), 0); // negative words -2^(n-1) .. -1
  probs.set(masses.subarray(0, half), half); // 0 .. 2^(n-1) - 1
  return latticePmf({ offset: -half, probs, ...grid });
}

/**
 * Masses of all 2^n words of independent bits, indexed by the raw word. `ones[k]` is P(bit k = 1), bit 0 the LSB.
 *
 * @example
 * independentBitMasses([0.5, 0.5]); // Float64Array [0.25, 0.25, 0.25, 0.25]
 */
export function independentBitMasses(ones: ArrayLike<number>): Float64Array {
  const n = ones.length;
  checkBits(n);
  const out = new Float64Array(1 << n);
  out[0] = 1;
  for (let k = 0; k < n; k++) {
    const p = ones[k]!;
    checkProbability(p, `P(bit ${k} = 1)`);
    const half = 1 << k;
    for (let w = 0; w < half; w++) {
      const m = out[w]!;
      out[w + half] = m * p;
      out[w] = m * (1 - p);
    }
  }
  return out;
}

/**
 * Exact pmf of a word of independent bits read as a fixed-point number.
 *
 * @example
 * // 8 fair bits, unsigned: uniform on 0..255
 * independentBitsPmf(new Array(8).fill(0.5)).probs[200]; // 1/256
 */
export function independentBitsPmf(ones: ArrayLike<number>, format: WordFormat = {}): LatticePmf {
  return wordMassesToPmf(independentBitMasses(ones), ones.length, format);
}

/**
 * Entries [m00, m01, m10, m11] of the t-step transition matrix T^t of one bit, T = [[1-a, a], [b, 1-b]], in closed
 * form: T^t = (1/(a+b)) [[b + a λ^t, a(1-λ^t)], [b(1-λ^t), a + b λ^t]] with λ = 1 - a - b.
 *
 * @example
 * bitTransitionPower({ p01: 0.1, p10: 0.1 }, 1); // [0.9, 0.1, 0.1, 0.9]
 */
export function bitTransitionPower(tr: BitTransition, steps: number): [number, number, number, number] {
  const a = tr.p01;
  const b = tr.p10;
  checkProbability(a, 'p01');
  checkProbability(b, 'p10');
  if (!Number.isInteger(steps) || steps < 0) throw new InvalidParameterError(`steps must be an integer >= 0, got ${steps}`);
  const s = a + b;
  if (s === 0 || steps === 0) return [1, 0, 0, 1];
  // 1 - λ^t without cancellation when λ is close to 1.
  const lambda = 1 - s;
  const oneMinus = lambda > 0 ? -Math.expm1(steps * Math.log1p(-s)) : 1 - Math.pow(lambda, steps);
  const lt = 1 - oneMinus;
  return [(b + a * lt) / s, (a * oneMinus) / s, (b * oneMinus) / s, (a + b * lt) / s];
}

/**
 * Applies the Kronecker product M_{n-1} ⊗ ... ⊗ M_0 of 2x2 matrices to a row vector of 2^n word masses in place
 * (x ← x M), one bit axis at a time: O(n 2^n) time, no 2^n x 2^n matrix.
 *
 * @example
 * const x = Float64Array.of(1, 0, 0, 0);
 * applyKronecker(x, [[0.5, 0.5, 0.5, 0.5], [1, 0, 0, 1]]); // x = [0.5, 0.5, 0, 0]
 */
export function applyKronecker(x: Float64Array, factors: readonly (readonly [number, number, number, number])[]): void {
  const n = factors.length;
  if (x.length !== 1 << n) throw new InvalidParameterError(`vector length ${x.length} is not 2^${n}`);
  for (let k = 0; k < n; k++) {
    const [m00, m01, m10, m11] = factors[k]!;
    const bit = 1 << k;
    for (let hi = 0; hi < x.length; hi += bit << 1) {
      for (let w = hi; w < hi + bit; w++) {
        const x0 = x[w]!;
        const x1 = x[w + bit]!;
        x[w] = x0 * m00 + x1 * m10;
        x[w + bit] = x0 * m01 + x1 * m11;
      }
    }
  }
}

/** Options of {@link markovBitsPmf}. */
export interface MarkovBitsOptions extends WordFormat {
  /** Per-bit switching probabilities per step, bit 0 the LSB. */
  readonly transitions: readonly BitTransition[];
  /** Number of steps (e.g. write pulses). */
  readonly steps: number;
  /** Joint masses of the starting word, indexed by raw word; default: all bits 0. */
  readonly initial?: Float64Array;
}

/**
 * Exact pmf of the word after `steps` steps of independently switching bits (the joint chain's transition matrix is
 * the Kronecker product of the per-bit 2x2 matrices), from any joint starting distribution.
 * From all-zero with symmetric switching probability p each bit is 1 with probability (1 - (1 - 2p)^t) / 2.
 *
 * @example
 * const pmf = markovBitsPmf({ transitions: new Array(4).fill({ p01: 0.3, p10: 0.3 }), steps: 2 });
 * pmf.probs[0]; // (1 - 0.42)^4
 */
export function markovBitsPmf(opts: MarkovBitsOptions): LatticePmf {
  const n = opts.transitions.length;
  checkBits(n);
  const factors = opts.transitions.map((t) => bitTransitionPower(t, opts.steps));
  let x: Float64Array;
  if (opts.initial) {
    if (opts.initial.length !== 1 << n) {
      throw new InvalidParameterError(`initial distribution has ${opts.initial.length} masses, expected ${1 << n}`);
    }
    x = Float64Array.from(opts.initial);
  } else {
    x = new Float64Array(1 << n);
    x[0] = 1;
  }
  applyKronecker(x, factors);
  return wordMassesToPmf(x, n, opts);
}

/**
 * Stationary pmf of independently switching bits: each bit is 1 with probability p01 / (p01 + p10), so the word is a
 * product distribution (uniform for symmetric switching).
 *
 * @example
 * stationaryBitsPmf(new Array(8).fill({ p01: 0.2, p10: 0.2 })).probs[17]; // 1/256
 */
export function stationaryBitsPmf(transitions: readonly BitTransition[], format: WordFormat = {}): LatticePmf {
  const ones = transitions.map((t, k) => {
    checkProbability(t.p01, `bit ${k} p01`);
    checkProbability(t.p10, `bit ${k} p10`);
    const s = t.p01 + t.p10;
    if (s === 0) throw new InvalidParameterError(`bit ${k} never switches: no unique stationary distribution`);
    return t.p01 / s;
  });
  return independentBitsPmf(ones, format);
}
