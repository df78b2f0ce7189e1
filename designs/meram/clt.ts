/**
 * Architecture 2, sum of bits (central limit): N cells (64..256) each calibrated to p = 0.5 and read in parallel;
 * the output is (popcount - N/2) / sqrt(N/4) in fixed point. An on-chip bias-tracking loop per cell counts its ones
 * minus zeros and nudges its pulse width by one code when the count reaches +-`trackLimit`, holding each cell's
 * probability of a one near 1/2 under device variation and drift.
 */
import { HdlError } from '../../hdl/core/errors.ts';
import { Module } from '../../hdl/core/module.ts';
import { type Shape, signed } from '../../hdl/core/shape.ts';
import { C, cat, mux, type Value, widthFor } from '../../hdl/core/value.ts';
import { popcount } from '../../hdl/lib/popcount.ts';
import { qMul } from '../../hdl/lib/fixed-point.ts';
import { type CellModel, bitCellArray } from './cell-array.ts';
import { type PhaseCycles, PulseController } from './controller.ts';
import { outputStage } from './handshake.ts';
import type { PulseCodeWidths } from './pins.ts';

/** A calibrated sum-of-bits generator. */
export interface CltPlan {
  readonly name: string;
  readonly codes: PulseCodeWidths;
  /** Starting pulse setting of each cell (from calibration to p = 0.5). */
  readonly ampCodes: readonly number[];
  readonly widthCodes: readonly number[];
  /** +1 where a longer pulse raises the cell's switching probability at its setting, -1 where it lowers it. */
  readonly slopes: readonly (1 | -1)[];
  readonly cells: readonly CellModel[];
  readonly timing: PhaseCycles;
  /** Output fraction bits. */
  readonly frac: number;
  /** Bias tracking: 0 disables; else the |ones - zeros| count that triggers a one-code width step. */
  readonly trackLimit: number;
  /** Bias tracking keeps each width code within +-trackRange of its calibrated code (where its slope is known). */
  readonly trackRange: number;
}

/** The output shape and the scale constant: z = (k - N/2) * scale / 2^scaleFrac. */
export function cltScale(n: number, frac: number): { scale: number; scaleFrac: number; out: Shape; intBits: number } {
  const scaleFrac = frac + 8;
  const scale = Math.round(2 ** scaleFrac / Math.sqrt(n / 4));
  const maxZ = (n / 2) / Math.sqrt(n / 4);
  const intBits = Math.ceil(Math.log2(maxZ + 1)) + 1;
  return { scale, scaleFrac, out: signed(intBits + frac), intBits };
}

/** The fixed-point output for a popcount `ones`, as the hardware computes it (used to predict the output pmf). */
export function cltOutputExpr(ones: Value, n: number, frac: number): Value {
  const { scale, scaleFrac, intBits } = cltScale(n, frac);
  const centred = ones.sub(C(n / 2));
  return qMul(centred, 0, C(scale), scaleFrac, { int: intBits, frac, signed: true });
}

/**
 * Builds the generator: ports `ready`, `valid`, `sample` (signed; value = sample / 2^frac), `ones` (the popcount) and
 * `bits` (the raw cell bits, for NIST tests on the bit stream).
 * @example const top = meramClt(planClt({ seed: 1, n: 64 }).plan);
 */
export function meramClt(plan: CltPlan): Module {
  const n = plan.cells.length;
  if (n < 2 || n % 2) throw new HdlError(`sum-of-bits generator needs an even number of cells, got ${n}`);
  const m = new Module(plan.name);
  const ready = m.input('ready', 1);
  const { out: outShape } = cltScale(n, plan.frac);
  const sample = m.output('sample', outShape);
  const onesOut = m.output('ones', widthFor(n));
  const bits = m.output('bits', n);
  const out = outputStage(m, ready);
  const ctl = m.submodule('u_ctl', PulseController({ ...plan.timing, resetWrite: true, pulses: 1 }), { start: out.free });
  const wmax = 2 ** plan.codes.widthBits - 1;
  const widthRegs = plan.widthCodes.map((_, i) => m.signal(`width_code${i}`, plan.codes.widthBits));
  const q = bitCellArray(m, plan.name, plan.cells, plan.codes, {
    pulseEn: ctl.pulse_en!, resetEn: ctl.reset_en!, precharge: ctl.precharge!, senseEn: ctl.sense_en!, strobe: ctl.strobe!,
    amp: plan.ampCodes.map((a) => C(a, plan.codes.ampBits)),
    width: widthRegs,
  });
  const bitsWord = cat(...[...q].reverse()); // cell i is bit i
  const ones = popcount(bitsWord);
  m.If(ctl.done!, () => {
    m.sync(sample, cltOutputExpr(ones, n, plan.frac));
    m.sync(onesOut, ones);
    m.sync(bits, bitsWord);
    out.load();
  });
  if (plan.trackLimit > 0) {
    // An integrating loop per cell: acc += (bit ? +1 : -1); width = w0 -+ acc / trackLimit, clamped to +-trackRange.
    // While the loop is not clamped, acc stays bounded, so the long-run fraction of ones is exactly 1/2.
    const shift = Math.log2(plan.trackLimit);
    if (!Number.isInteger(shift)) throw new HdlError(`trackLimit must be a power of two, got ${plan.trackLimit}`);
    const span = (plan.trackRange + 1) * plan.trackLimit;
    const aw = widthFor(span) + 1;
    q.forEach((b, i) => {
      const acc = m.signal(`bias_acc${i}`, signed(aw));
      const next = mux(b, acc.add(1), acc.sub(1));
      const sat = mux(next.gt(span), C(span), mux(next.lt(-span), C(-span), next)).resize(aw);
      m.If(ctl.done!, () => m.sync(acc, sat));
      const offset = acc.shr(shift);
      const clamped = mux(offset.gt(plan.trackRange), C(plan.trackRange), mux(offset.lt(-plan.trackRange), C(-plan.trackRange), offset));
      const w0 = plan.widthCodes[i]!;
      const w = plan.slopes[i] === 1 ? C(w0).sub(clamped) : C(w0).add(clamped);
      const lo = Math.max(0, w0 - plan.trackRange);
      const hi = Math.min(wmax, w0 + plan.trackRange);
      m.comb(widthRegs[i]!, mux(w.lt(lo), C(lo), mux(w.gt(hi), C(hi), w)).asUnsigned().resize(plan.codes.widthBits));
    });
  } else {
    widthRegs.forEach((w, i) => m.comb(w, plan.widthCodes[i]!));
  }
  return m;
}
