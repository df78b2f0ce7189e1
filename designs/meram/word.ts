/**
 * Architecture 1, paper-faithful: an N-bit MeRAM word (N = 8 by default). Every bit has its own pulse setting; the
 * word is read as a two's complement fixed-point number with `frac` fraction bits (the integer/fraction split).
 * Two modes: `reset` (reset-write to P, one pulse, read: independent bits) and `markov` (no reset: `pulses` pulses
 * between samples, each cell a persistent two-state Markov chain whose word distribution is the Kronecker product
 * of the per-bit transition matrices).
 *
 * Note (physics.md): independent bits read as a binary number can never be Gaussian; this architecture is here to
 * reproduce the paper's design and to state honestly how far it is from N(0,1).
 */
import { HdlError } from '../../hdl/core/errors.ts';
import { instantiate } from '../../hdl/core/interface.ts';
import { Module } from '../../hdl/core/module.ts';
import { signed } from '../../hdl/core/shape.ts';
import { C, cat } from '../../hdl/core/value.ts';
import { type CellModel, bitCellArray } from './cell-array.ts';
import { type PhaseCycles, PulseController } from './controller.ts';
import { outputStage } from './handshake.ts';
import { attachHealth, type HealthPlan } from './health.ts';
import type { PulseCodeWidths } from './pins.ts';

/** A calibrated word generator. */
export interface WordPlan {
  readonly name: string;
  readonly mode: 'reset' | 'markov';
  /** Pulses per sample (1 in reset mode; k >= 1 in markov mode). */
  readonly pulses: number;
  /** Fraction bits of the output (the integer part has `cells.length - frac` bits, sign included). */
  readonly frac: number;
  readonly codes: PulseCodeWidths;
  /** Pulse setting of each bit, LSB first. */
  readonly ampCodes: readonly number[];
  readonly widthCodes: readonly number[];
  readonly cells: readonly CellModel[];
  readonly timing: PhaseCycles;
  /** On-chip health tests on the raw bits (health.ts); absent: none. */
  readonly health?: HealthPlan | null;
}

/**
 * Builds the word generator: ports `ready` (in), `valid`, `sample` (signed N bits; value = sample / 2^frac), and the
 * raw cell bits `bits` (for bit-stream tests), `raw_bits` and `raw_valid` (every read of the array as it happens,
 * also those the start-up test or a full output register drop), and the health-test ports (health.ts) when planned.
 * @example const top = meramWord(planWord({ seed: 1 }).plan);
 */
export function meramWord(plan: WordPlan): Module {
  const n = plan.cells.length;
  if (plan.ampCodes.length !== n || plan.widthCodes.length !== n) throw new HdlError(`word '${plan.name}': one pulse setting per bit expected`);
  if (plan.mode === 'reset' && plan.pulses !== 1) throw new HdlError('reset mode uses one pulse per sample');
  const m = new Module(plan.name);
  const ready = m.input('ready', 1);
  const sample = m.output('sample', signed(n));
  const bits = m.output('bits', n);
  const rawBits = m.output('raw_bits', n);
  const rawValid = m.output('raw_valid', 1);
  // The health tests watch every read (wired to the cells below: the output stage they gate starts the reads).
  const done = m.signal('op_done', 1);
  const raw = plan.cells.map((_, i) => m.signal(`raw${i}`, 1));
  const health = plan.health ? attachHealth(m, plan.name, plan.health, [{ en: done, bits: raw, streams: [...raw.keys()] }]) : undefined;
  const out = outputStage(m, ready, health);
  const ctl = instantiate(m, 'u_ctl', PulseController({ ...plan.timing, resetWrite: plan.mode === 'reset', pulses: plan.pulses }), { op: { start: out.free } });
  m.comb(done, ctl.op.done);
  const q = bitCellArray(m, plan.name, plan.cells, plan.codes, {
    ...ctl.cells,
    amp: plan.ampCodes.map((a) => C(a, plan.codes.ampBits)),
    width: plan.widthCodes.map((w) => C(w, plan.codes.widthBits)),
  });
  q.forEach((b, i) => m.comb(raw[i]!, b));
  const word = cat(...[...q].reverse());
  m.comb(rawBits, word);
  m.comb(rawValid, ctl.op.done);
  m.If(ctl.op.done, () => { m.sync(sample, word.asSigned()); m.sync(bits, word); out.load(); });
  return m;
}
