/** SP 800-22 §2.6 discrete Fourier transform (spectral) test. */
import { erfc } from '../stats/special.ts';
import { checkBits, nistResult, requireBits, type Bits, type NistResult } from './common.ts';
import { realDftModuli } from './fft.ts';

/**
 * §2.6 Spectral test: the moduli of the first n/2 DFT coefficients of X = 2ε - 1 are compared with the 95 % peak
 * height T = sqrt(ln(1/0.05) n) (the corrected threshold of rev 1a; the original text had sqrt(3n)):
 * d = (N1 - 0.95 n/2) / sqrt(n 0.95 0.05 / 4), p = erfc(|d| / sqrt 2). Any length n works (Bluestein FFT).
 *
 * @example
 * dftTest(bitsFromString('1001010011')).pValue; // 0.029523
 */
export function dftTest(bits: Bits): NistResult & { belowThreshold: number; expectedBelow: number } {
  checkBits(bits, 'dft');
  const n = bits.length;
  requireBits(n, 2, 'dft');
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = 2 * bits[i]! - 1;
  const half = Math.floor(n / 2);
  const moduli = realDftModuli(x, half);
  const T = Math.sqrt(Math.log(1 / 0.05) * n);
  let below = 0;
  for (let j = 0; j < half; j++) if (moduli[j]! < T) below++;
  const expectedBelow = (0.95 * n) / 2;
  const d = (below - expectedBelow) / Math.sqrt((n * 0.95 * 0.05) / 4);
  return nistResult('dft', d, erfc(Math.abs(d) / Math.SQRT2), { belowThreshold: below, expectedBelow });
}
