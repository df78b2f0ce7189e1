/**
 * Hardware-friendly export of switching probabilities as fixed-point thresholds.
 *
 * Contract (bit-exact in every simulator): with `bits` = B (1..32), a probability p becomes the integer threshold
 * T = round(p · 2^B) in [0, 2^B] (B + 1 bits wide, so that p = 1 is exact). A switching decision draws one 32-bit word
 * u from the seeded xoshiro128** stream ({@link Rng}) and keeps its top B bits, r = u >>> (32 − B); the device switches
 * iff r < T. Hence P(switch) = T / 2^B exactly, and |T / 2^B − p| ≤ 2^−(B+1).
 */
import { Rng } from '../common/rng.ts';
import { PhysicsArgumentError } from './errors.ts';

/** Default threshold width. */
export const DEFAULT_THRESHOLD_BITS = 32;

function checkBits(bits: number): void {
  if (!(Number.isInteger(bits) && bits >= 1 && bits <= 32)) throw new PhysicsArgumentError('bits', `must be an integer in 1..32, got ${bits}`);
}

/**
 * Threshold T = round(p · 2^bits), an integer in [0, 2^bits].
 *
 * @example
 * probabilityToThreshold(0.25, 8); // 64
 * probabilityToThreshold(1, 32);   // 4294967296
 */
export function probabilityToThreshold(p: number, bits = DEFAULT_THRESHOLD_BITS): number {
  checkBits(bits);
  if (!(p >= 0 && p <= 1)) throw new PhysicsArgumentError('p', `a probability in [0, 1] is needed, got ${p}`);
  return Math.round(p * 2 ** bits);
}

/**
 * The exact switching probability a threshold encodes, T / 2^bits.
 *
 * @example
 * thresholdToProbability(64, 8); // 0.25
 */
export function thresholdToProbability(threshold: number, bits = DEFAULT_THRESHOLD_BITS): number {
  checkBits(bits);
  if (!(Number.isInteger(threshold) && threshold >= 0 && threshold <= 2 ** bits)) {
    throw new PhysicsArgumentError('threshold', `must be an integer in [0, 2^${bits}], got ${threshold}`);
  }
  return threshold / 2 ** bits;
}

/**
 * The decision rule: keep the top `bits` bits of the 32-bit word u and compare, r < T.
 *
 * @example
 * decideSwitch(0x40000000, probabilityToThreshold(0.5)); // true: 2^30 < 2^31
 */
export function decideSwitch(u32: number, threshold: number, bits = DEFAULT_THRESHOLD_BITS): boolean {
  return (u32 >>> (32 - bits)) < threshold;
}

/**
 * Reference decisions: decision i uses the i-th word of the stream Rng.stream(seed) and thresholds[i] (cycling
 * through `thresholds`). Other simulators reproduce these bits exactly.
 *
 * @example
 * switchDecisions(1, [probabilityToThreshold(0.5)], 8); // eight fair coin flips
 */
export function switchDecisions(seed: number, thresholds: readonly number[], count: number, bits = DEFAULT_THRESHOLD_BITS): boolean[] {
  checkBits(bits);
  if (!thresholds.length) throw new PhysicsArgumentError('thresholds', 'must not be empty');
  const r = Rng.stream(seed);
  return Array.from({ length: count }, (_, i) => decideSwitch(r.nextU32(), thresholds[i % thresholds.length]!, bits));
}
