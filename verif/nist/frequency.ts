/** SP 800-22 §2.1 frequency (monobit) and §2.2 frequency within a block. */
import { InvalidParameterError } from '../errors.ts';
import { erfc, igamc } from '../stats/special.ts';
import { checkBits, nistResult, requireBits, type Bits, type NistResult } from './common.ts';

/**
 * §2.1 Frequency (monobit): S = Σ(2ε-1), p = erfc(|S| / sqrt(2n)).
 *
 * @example
 * frequencyTest(bitsFromString('1011010101')).pValue; // 0.527089
 */
export function frequencyTest(bits: Bits): NistResult & { sum: number } {
  checkBits(bits, 'frequency');
  requireBits(bits.length, 1, 'frequency');
  let ones = 0;
  for (let i = 0; i < bits.length; i++) ones += bits[i]!;
  const sum = 2 * ones - bits.length;
  const sObs = Math.abs(sum) / Math.sqrt(bits.length);
  return nistResult('frequency', sObs, erfc(sObs / Math.SQRT2), { sum });
}

/**
 * §2.2 Frequency within a block of M bits: χ² = 4M Σ(π_i - 1/2)², p = igamc(N/2, χ²/2), N = floor(n/M).
 *
 * @example
 * blockFrequencyTest(bitsFromString('0110011010'), 3).pValue; // 0.801252
 */
export function blockFrequencyTest(bits: Bits, blockSize = 128): NistResult & { blocks: number } {
  checkBits(bits, 'block frequency');
  if (!Number.isInteger(blockSize) || blockSize < 1) {
    throw new InvalidParameterError(`block frequency: block size must be an integer >= 1, got ${blockSize}`);
  }
  const N = Math.floor(bits.length / blockSize);
  requireBits(bits.length, blockSize, 'block frequency');
  let chi = 0;
  for (let b = 0; b < N; b++) {
    let ones = 0;
    const base = b * blockSize;
    for (let j = 0; j < blockSize; j++) ones += bits[base + j]!;
    const pi = ones / blockSize - 0.5;
    chi += pi * pi;
  }
  chi *= 4 * blockSize;
  return nistResult('block-frequency', chi, igamc(N / 2, chi / 2), { blocks: N });
}
