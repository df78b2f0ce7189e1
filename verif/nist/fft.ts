/**
 * Discrete Fourier transforms of any length on top of fft.js (a well-kept radix-4 FFT for power-of-two sizes):
 * other lengths go through Bluestein's chirp-z algorithm, and a real input of even length is packed into a complex
 * sequence of half the length, which halves time and memory (10^7 bits need a 2^24-point FFT, not 2^25).
 */
import FFT from 'fft.js';
import { InvalidParameterError } from '../errors.ts';

function isPowerOfTwo(n: number): boolean {
  return n >= 2 && (n & (n - 1)) === 0;
}

/**
 * In-place complex DFT X_j = Σ_k z_k e^(-2πi jk/m) of interleaved data (re, im, re, im, ...) of any length m >= 1.
 *
 * @example
 * const z = Float64Array.of(1, 0, 1, 0, 1, 0); // [1, 1, 1]
 * complexDft(z); // [3, 0, 0, 0, 0, 0]
 */
export function complexDft(z: Float64Array): void {
  if (z.length % 2 !== 0) throw new InvalidParameterError('complexDft: interleaved data must have even length');
  const m = z.length / 2;
  if (m === 1) return;
  if (isPowerOfTwo(m)) {
    const f = new FFT(m);
    const out = new Float64Array(2 * m);
    f.transform(out, z);
    z.set(out);
    return;
  }
  // Bluestein: X_j = w_j Σ_k (z_k w_k) conj(w_{j-k}), w_k = e^(-iπk²/m): a circular convolution of length L >= 2m-1.
  let L = 2;
  while (L < 2 * m - 1) L *= 2;
  const f = new FFT(L);
  const chirpRe = new Float64Array(m);
  const chirpIm = new Float64Array(m);
  const twoM = 2 * m;
  for (let k = 0; k < m; k++) {
    // k² mod 2m keeps the angle exact for large k (k² < 2^53 for m < 9.4e7).
    const phase = (Math.PI * ((k * k) % twoM)) / m;
    chirpRe[k] = Math.cos(phase);
    chirpIm[k] = -Math.sin(phase);
  }
  const a = new Float64Array(2 * L);
  for (let k = 0; k < m; k++) {
    const re = z[2 * k]!;
    const im = z[2 * k + 1]!;
    a[2 * k] = re * chirpRe[k]! - im * chirpIm[k]!;
    a[2 * k + 1] = re * chirpIm[k]! + im * chirpRe[k]!;
  }
  const b = new Float64Array(2 * L);
  b[0] = chirpRe[0]!;
  b[1] = -chirpIm[0]!;
  for (let k = 1; k < m; k++) {
    b[2 * k] = b[2 * (L - k)] = chirpRe[k]!;
    b[2 * k + 1] = b[2 * (L - k) + 1] = -chirpIm[k]!;
  }
  const fa = new Float64Array(2 * L);
  f.transform(fa, a);
  f.transform(a, b); // a now holds the transform of b
  for (let i = 0; i < L; i++) {
    const ar = fa[2 * i]!;
    const ai = fa[2 * i + 1]!;
    const br = a[2 * i]!;
    const bi = a[2 * i + 1]!;
    fa[2 * i] = ar * br - ai * bi;
    fa[2 * i + 1] = ar * bi + ai * br;
  }
  f.inverseTransform(b, fa);
  for (let j = 0; j < m; j++) {
    const cr = b[2 * j]!;
    const ci = b[2 * j + 1]!;
    z[2 * j] = cr * chirpRe[j]! - ci * chirpIm[j]!;
    z[2 * j + 1] = cr * chirpIm[j]! + ci * chirpRe[j]!;
  }
}

/**
 * Moduli |X_j|, j = 0 .. count-1, of the DFT of a real sequence x of any length (count <= n/2 + 1).
 *
 * @example
 * realDftModuli(Float64Array.of(1, -1, 1, -1), 3); // [0, 0, 4]
 */
export function realDftModuli(x: Float64Array, count: number): Float64Array {
  const n = x.length;
  if (!Number.isInteger(count) || count < 0 || count > Math.floor(n / 2) + 1) {
    throw new InvalidParameterError(`realDftModuli: count ${count} is out of 0..${Math.floor(n / 2) + 1}`);
  }
  const out = new Float64Array(count);
  if (n % 2 !== 0 || n < 4) {
    const z = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) z[2 * k] = x[k]!;
    complexDft(z);
    for (let j = 0; j < count; j++) out[j] = Math.hypot(z[2 * j]!, z[2 * j + 1]!);
    return out;
  }
  // Pack y_k = x_2k + i x_2k+1, transform (length h = n/2), then split even/odd parts:
  // X_j = E_j + e^(-2πij/n) O_j, E_j = (Y_j + conj Y_(h-j))/2, O_j = (Y_j - conj Y_(h-j))/(2i).
  const h = n / 2;
  const y = new Float64Array(n);
  y.set(x);
  complexDft(y);
  for (let j = 0; j < count; j++) {
    const jj = j % h;
    const kk = (h - jj) % h;
    const yr = y[2 * jj]!;
    const yi = y[2 * jj + 1]!;
    const cr = y[2 * kk]!;
    const ci = -y[2 * kk + 1]!;
    const er = (yr + cr) / 2;
    const ei = (yi + ci) / 2;
    // (Y - conj Y')/(2i) = ((yi - ci) - i (yr - cr)) / 2
    const or = (yi - ci) / 2;
    const oi = -(yr - cr) / 2;
    const ang = (-2 * Math.PI * j) / n;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    out[j] = Math.hypot(er + wr * or - wi * oi, ei + wr * oi + wi * or);
  }
  return out;
}
