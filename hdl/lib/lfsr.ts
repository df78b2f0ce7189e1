/** Maximal-length linear-feedback shift registers (Fibonacci form, XOR feedback), for every width 2..32. */
import { HdlError } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';
import { cat, type Value } from '../core/value.ts';

/**
 * Feedback taps (1-based bit positions) of primitive polynomials, from Xilinx XAPP052 table 3. The test suite checks
 * that each polynomial is primitive (period 2^n - 1) and, for small widths, the period of the hardware by stepping it.
 */
export const LFSR_TAPS: Readonly<Record<number, readonly number[]>> = {
  2: [2, 1], 3: [3, 2], 4: [4, 3], 5: [5, 3], 6: [6, 5], 7: [7, 6], 8: [8, 6, 5, 4], 9: [9, 5], 10: [10, 7],
  11: [11, 9], 12: [12, 6, 4, 1], 13: [13, 4, 3, 1], 14: [14, 5, 3, 1], 15: [15, 14], 16: [16, 15, 13, 4],
  17: [17, 14], 18: [18, 11], 19: [19, 6, 2, 1], 20: [20, 17], 21: [21, 19], 22: [22, 21], 23: [23, 18],
  24: [24, 23, 22, 17], 25: [25, 22], 26: [26, 6, 2, 1], 27: [27, 5, 2, 1], 28: [28, 25], 29: [29, 27],
  30: [30, 6, 4, 1], 31: [31, 28], 32: [32, 22, 2, 1],
};

/** Taps for `width`, or a typed error naming the supported range. */
export function lfsrTaps(width: number): readonly number[] {
  const t = LFSR_TAPS[width];
  if (!t) throw new HdlError(`no maximal-length LFSR taps for width ${width} (supported: 2..32)`);
  return t;
}

/** The next state: shift left by one, feeding in the XOR of the tap bits. The all-zero state is the lock-up state. */
export function lfsrNext(state: Value): Value {
  const taps = lfsrTaps(state.width);
  const fb = taps.map((t) => state.bit(t - 1)).reduce((a, b) => a.xor(b));
  return cat(state.bits(state.width - 2, 0), fb);
}

/**
 * An LFSR register with enable, starting from `seed` (non-zero).
 * @example const l = Lfsr({ width: 16, seed: 1 }); top.submodule('u_lfsr', l, { en: 1 });
 */
export const Lfsr = defineModule('lfsr', (m, p: { width: number; seed: number }) => {
  if (p.seed === 0) throw new HdlError('LFSR seed must be non-zero (zero is the lock-up state)');
  const en = m.input('en', 1);
  const state = m.output('state', p.width, { reset: p.seed });
  m.If(en, () => m.sync(state, lfsrNext(state)));
});

/**
 * The states an LFSR of `width` bits visits from `seed`: element k is the state after k steps of {@link lfsrNext}
 * (k = 0..steps), computed at elaboration time (e.g. the constants of an LFSR-coded counter).
 * @example lfsrStates(4, 1, 3); // [1, 2, 4, 9]
 */
export function lfsrStates(width: number, seed: number, steps: number): number[] {
  const taps = lfsrTaps(width);
  const size = 2 ** width;
  const out = [seed];
  let s = seed;
  for (let k = 0; k < steps; k++) {
    const fb = taps.reduce((a, t) => a ^ ((s >>> (t - 1)) & 1), 0);
    s = ((s * 2) % size) + fb; // arithmetic, not `<<`: exact up to width 32
    out.push(s);
  }
  return out;
}
