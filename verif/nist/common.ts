/** Shared types and checks of the NIST SP 800-22 tests. */
import { InsufficientDataError, NotABitStreamError } from '../errors.ts';

/** A bit stream: one bit (0 or 1) per element. */
export type Bits = Uint8Array;

/** The significance level of SP 800-22: a sequence passes a test when its p-value is >= 0.01. */
export const NIST_ALPHA = 0.01;

/** What every NIST test returns: its statistic and p-value, and whether the sequence passed at α = 0.01. */
export interface NistResult {
  readonly test: string;
  readonly statistic: number;
  readonly pValue: number;
  readonly passed: boolean;
}

/** Throws {@link NotABitStreamError} if any element is not 0 or 1 (one pass, no allocation). */
export function checkBits(bits: Bits, test: string): void {
  for (let i = 0; i < bits.length; i++) {
    if (bits[i]! > 1) throw new NotABitStreamError(`${test}: element ${i} is ${bits[i]}, not a bit`);
  }
}

/** Throws {@link InsufficientDataError} unless the stream has at least `min` bits. */
export function requireBits(n: number, min: number, test: string): void {
  if (n < min) throw new InsufficientDataError(`${test} needs at least ${min} bits, got ${n}`);
}

/** Builds a result with `passed` set from the p-value. */
export function nistResult<T extends object>(test: string, statistic: number, pValue: number, extra: T): NistResult & T {
  return { test, statistic, pValue, passed: pValue >= NIST_ALPHA, ...extra };
}

/**
 * Parses a string of '0'/'1' characters (whitespace ignored), e.g. the worked examples printed in SP 800-22.
 *
 * @example
 * bitsFromString('1011 0101'); // Uint8Array [1,0,1,1,0,1,0,1]
 */
export function bitsFromString(s: string): Bits {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length);
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i) - 48;
    if (c !== 0 && c !== 1) throw new NotABitStreamError(`bit string has '${clean[i]}' at position ${i}`);
    out[i] = c;
  }
  return out;
}
