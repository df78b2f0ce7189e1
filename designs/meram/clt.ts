/**
 * Architecture 2, sum of bits (central limit): N cells (64..256) each calibrated to p = 0.5 and read in parallel;
 * the output is (popcount - N/2) / sqrt(N/4) in fixed point. An on-chip bias-tracking loop per cell counts its ones
 * minus zeros and nudges its pulse width by one code when the count reaches +-`trackLimit`, holding each cell's
 * probability of a one near 1/2 under device variation and drift. The loop makes the raw reads of a cell dependent
 * (lag-1 autocorrelation about -0.01) and not exactly fair (the integrator saturates), so by default each cell's reads
 * go through a von Neumann conditioner whose output is exactly fair and i.i.d. (see `meramClt`).
 */
import { HdlError } from '../../hdl/core/errors.ts';
import { Module } from '../../hdl/core/module.ts';
import { type Shape, signed } from '../../hdl/core/shape.ts';
import { C, cat, mux, type Value, widthFor } from '../../hdl/core/value.ts';
import { popcount } from '../../hdl/lib/popcount.ts';
import { VonNeumannCell } from '../../hdl/lib/von-neumann.ts';
import { qMul } from '../../hdl/lib/fixed-point.ts';
import { instantiate } from '../../hdl/core/interface.ts';
import { type CellModel, bitCellArray } from './cell-array.ts';
import { type PhaseCycles, PulseController } from './controller.ts';
import { outputStage } from './handshake.ts';
import { attachHealth, type HealthPlan } from './health.ts';
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
  /**
   * 'von-neumann': each cell's bits are von Neumann pairs (exactly fair and i.i.d. whatever p and the loop do; the
   * popcount is then exactly binomial(N, 1/2)); 'none' (or absent): the raw reads, Poisson-binomial in the cells' p.
   */
  readonly conditioner?: 'none' | 'von-neumann';
  /** On-chip health tests on the raw bits (health.ts); absent: none. */
  readonly health?: HealthPlan | null;
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
 * `bits` (the cell bits of the sample: conditioned ones with the von Neumann conditioner), plus `raw_bits` and
 * `raw_valid` (every read of the array, before conditioning) and the health-test ports (health.ts) when planned.
 * @example const top = meramClt(planClt({ seed: 1, n: 64 }).plan);
 */
export function meramClt(plan: CltPlan): Module {
  const n = plan.cells.length;
  if (n < 2 || n % 2) throw new HdlError(`sum-of-bits generator needs an even number of cells, got ${n}`);
  const vn = plan.conditioner === 'von-neumann';
  const m = new Module(plan.name);
  const ready = m.input('ready', 1);
  const { out: outShape } = cltScale(n, plan.frac);
  const sample = m.output('sample', outShape);
  const onesOut = m.output('ones', widthFor(n));
  const bits = m.output('bits', n);
  const rawBits = m.output('raw_bits', n);
  const rawValid = m.output('raw_valid', 1);
  const wmax = 2 ** plan.codes.widthBits - 1;
  const widthRegs = plan.widthCodes.map((_, i) => m.signal(`width_code${i}`, plan.codes.widthBits));
  const done = m.signal('op_done', 1);
  const allReady = m.signal('vn_all_ready', 1);
  // The health tests watch every raw read (wired to the cells below: the output stage they gate starts the reads).
  const raw = Array.from({ length: n }, (_, i) => m.signal(`raw${i}`, 1));
  const health = plan.health ? attachHealth(m, plan.name, plan.health, [{ en: done, bits: raw, streams: [...Array(n).keys()] }]) : undefined;
  const out = outputStage(m, ready, health);
  // With the conditioner, reads go on until every cell holds a conditioned bit, whatever the output register does.
  const start = vn ? allReady.not().or(out.free) : out.free;
  const ctl = instantiate(m, 'u_ctl', PulseController({ ...plan.timing, resetWrite: true, pulses: 1 }), { op: { start } });
  m.comb(done, ctl.op.done);
  const q = bitCellArray(m, plan.name, plan.cells, plan.codes, {
    ...ctl.cells,
    amp: plan.ampCodes.map((a) => C(a, plan.codes.ampBits)),
    width: widthRegs,
  });
  q.forEach((b, i) => m.comb(raw[i]!, b));
  const rawWord = cat(...[...q].reverse()); // cell i is bit i
  m.comb(rawBits, rawWord);
  m.comb(rawValid, done);
  const emit = (word: Value): void => {
    const ones = popcount(word);
    m.sync(sample, cltOutputExpr(ones, n, plan.frac));
    m.sync(onesOut, ones);
    m.sync(bits, word);
    out.load();
  };
  // Per cell: +-1 per read (or +-2 / 0 per von Neumann pair, so the setting never changes inside a pair).
  let track: { step: number; up: (i: number) => Value; down: (i: number) => Value };
  if (vn) {
    // Von Neumann pairs per cell: two reads at the same setting; 01 gives 0, 10 gives 1, 00 and 11 nothing. Given
    // the past, the two reads are independent with the same p, so 01 and 10 are equally likely: each conditioned bit
    // is exactly 1/2 and independent of everything before it, whatever p is and whatever the tracking loop does.
    const take = m.signal('vn_take', 1);
    const cellsVn = q.map((b, i) => m.submodule(`u_vn${i}`, VonNeumannCell({}), { en: done, bit: b, take }));
    const have = cellsVn.map((c) => c.have!);
    const first = cellsVn.map((c) => c.first!);
    m.comb(allReady, cellsVn.map((c): Value => c.held!).reduce((a, b) => a.and(b)));
    m.comb(take, allReady.and(out.free));
    m.If(take, () => emit(cat(...cellsVn.map((c): Value => c.out!).reverse())));
    track = { step: 2, up: (i) => have[i]!.and(q[i]!).and(first[i]!), down: (i) => have[i]!.and(q[i]!.or(first[i]!).not()) };
  } else {
    m.comb(allReady, 1);
    m.If(done, () => emit(rawWord));
    track = { step: 1, up: (i) => q[i]!, down: (i) => q[i]!.not() };
  }
  if (plan.trackLimit > 0) {
    // An integrating loop per cell: acc += (bit ? +1 : -1); width = w0 -+ acc / trackLimit, clamped to +-trackRange.
    // acc saturates at +-(trackRange + 1) trackLimit; it drops counts there, so the raw fraction of ones is near 1/2,
    // not exactly 1/2, and consecutive raw reads are correlated through the setting (hence the conditioner).
    const shift = Math.log2(plan.trackLimit);
    if (!Number.isInteger(shift)) throw new HdlError(`trackLimit must be a power of two, got ${plan.trackLimit}`);
    const span = (plan.trackRange + 1) * plan.trackLimit;
    const aw = widthFor(span) + 1;
    const { step, up, down } = track;
    q.forEach((_, i) => {
      const acc = m.signal(`bias_acc${i}`, signed(aw));
      // Saturation decided on the register (in parallel with the read), not after the adder: a short path.
      const atHi = acc.ge(span - step + 1);
      const atLo = acc.le(-span + step - 1);
      m.If(done.and(up(i)), () => m.sync(acc, mux(atHi, C(span), acc.add(step)).resize(aw)))
        .Elif(done.and(down(i)), () => m.sync(acc, mux(atLo, C(-span), acc.sub(step)).resize(aw)));
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
