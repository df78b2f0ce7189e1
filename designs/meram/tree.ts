/**
 * Architecture 3, tree sampler: MSB-first conditional sampling of a B-bit discretised N(0,1) over [-R, R).
 * A sign cell is pulsed once per sample with a p = 0.5 setting; a magnitude cell is reset, pulsed and read B - 1
 * times, each time with the pulse setting of the current tree node, read from a ROM of per-node codes made by the
 * calibration flow (amplitude code, width code, and an invert flag: a node whose probability is above what one pulse
 * reaches uses the complement). The sample code k in [-2^(B-1), 2^(B-1)) stands for the cell [k D, (k+1) D) of width
 * D = R / 2^(B-1); the output is the cell centre `sample` = 2k + 1 in units of D / 2.
 */
import { HdlError } from '../../hdl/core/errors.ts';
import { Module } from '../../hdl/core/module.ts';
import { signed } from '../../hdl/core/shape.ts';
import { C, cat, mux, select, type Value, widthFor } from '../../hdl/core/value.ts';
import { instantiate } from '../../hdl/core/interface.ts';
import { type CellModel, bitCellArray, perCell } from './cell-array.ts';
import { type PhaseCycles, PulseController } from './controller.ts';
import type { PulseCodeWidths } from './pins.ts';
import { attachHealth, type HealthPlan } from './health.ts';

/** Pulse setting of one tree node. */
export interface NodeCode {
  readonly amp: number;
  readonly width: number;
  readonly invert: boolean;
}

/** A calibrated tree sampler. */
export interface TreePlan {
  readonly name: string;
  /** Output bits B (sign + B - 1 magnitude levels). */
  readonly bits: number;
  readonly codes: PulseCodeWidths;
  /**
   * Node settings of each lane: 2^(B-1) - 1 per lane in heap order (node i's children: 2i+1 after a 0, 2i+2 after a
   * 1). Lanes may differ: each is calibrated for its own magnitude cell.
   */
  readonly nodes: readonly (readonly NodeCode[])[];
  /** Sign-cell setting of each lane (p = 1/2). */
  readonly sign: readonly { readonly amp: number; readonly width: number }[];
  /** Per lane: its sign cell, then its magnitude cell ([sign0, mag0, sign1, mag1, ...]). */
  readonly cells: readonly CellModel[];
  readonly timing: PhaseCycles;
  /** On-chip health tests on the raw reads, streams [sign0, mag0, sign1, mag1, ...] (health.ts); absent: none. */
  readonly health?: HealthPlan | null;
}

/**
 * Builds the sampler: ports `ready`, `valid`, `sample` (signed B+1 bits, cell centre in units of D/2), `code` (k),
 * `raw_bits` and `raw_valid` (every read as it happens, cell i is bit i in the order [sign0, mag0, sign1, ...]; a
 * sign cell is read only in a round's first read, level 0, and its bit is stale in the others).
 * With L lanes, L trees walk their levels side by side under one controller; their L samples leave through an
 * output buffer one per cycle (lane 0 first), and the next round starts when the buffer is empty.
 * @example const top = meramTree(planTree({ seed: 1, lanes: 4 }).plan);
 */
export function meramTree(plan: TreePlan): Module {
  const levels = plan.bits - 1;
  const lanes = plan.nodes.length;
  const perLane = 2 ** levels - 1;
  if (levels < 1 || levels > 15) throw new HdlError(`tree sampler: bits must be 2..16, got ${plan.bits}`);
  if (lanes < 1 || plan.sign.length !== lanes || plan.cells.length !== 2 * lanes) throw new HdlError(`tree sampler: one sign setting and two cells per lane expected (${lanes} lanes)`);
  for (const n of plan.nodes) if (n.length !== perLane) throw new HdlError(`tree sampler: ${perLane} node codes per lane expected, got ${n.length}`);
  const { ampBits: A, widthBits: W } = plan.codes;
  const m = new Module(plan.name);
  const ready = m.input('ready', 1);
  const sample = m.output('sample', signed(plan.bits + 1));
  const code = m.output('code', signed(plan.bits));
  const valid = m.output('valid', 1);
  const rawBits = m.output('raw_bits', plan.cells.length);
  const rawValid = m.output('raw_valid', 1);

  const level = m.signal('level', widthFor(levels));
  const first = level.eq(0);
  const laneBits = widthFor(Math.max(lanes - 1, 1));

  // Output buffer: `pending` samples wait, `head` is the next one to leave.
  const pending = m.signal('pending', widthFor(lanes));
  const head = m.signal('head', laneBits);
  const bufK = Array.from({ length: lanes }, (_, l) => m.signal(`code_buf${l}`, signed(plan.bits)));
  const empty = pending.eq(0);

  // Health tests (wired below): sign cells sampled in a round's first level, magnitude cells at every level.
  const done = m.signal('op_done', 1);
  const raw = plan.cells.map((_, i) => m.signal(`raw${i}`, 1));
  const health = plan.health ? attachHealth(m, plan.name, plan.health, [
    { en: done.and(first), bits: raw.filter((_, i) => i % 2 === 0), streams: raw.map((_, i) => i).filter((i) => i % 2 === 0) },
    { en: done, bits: raw.filter((_, i) => i % 2 === 1), streams: raw.map((_, i) => i).filter((i) => i % 2 === 1) },
  ]) : undefined;
  const ctl = instantiate(m, 'u_ctl', PulseController({ ...plan.timing, resetWrite: true, pulses: 1 }), {
    op: { start: level.ne(0).or(empty).or(health ? health.warming : C(0, 1)) },
  });
  m.comb(done, ctl.op.done);
  const lane = Array.from({ length: lanes }, (_, l) => {
    const node = m.signal(`node${l}`, widthFor(perLane));
    // A ROM per lane (its own calibration, and a shallow decoder); registered read: the codes settle in SETUP anyway,
    // and it keeps the ROM's logic off the next-node path.
    const rom = m.memory(`node_codes${l}`, {
      shape: A + W + 1, depth: perLane,
      init: plan.nodes[l]!.map((n) => (BigInt(n.amp) << BigInt(W + 1)) | (BigInt(n.width) << 1n) | (n.invert ? 1n : 0n)),
    });
    const entry = rom.read(node.resize(rom.addrWidth), { name: `node_entry${l}` });
    return { node, entry, magnitude: m.signal(`magnitude${l}`, levels), signBit: m.signal(`sign_bit${l}`, 1) };
  });
  const gated = (v: Value): Value => v.and(first);
  const q = bitCellArray(m, plan.name, plan.cells, plan.codes, {
    ...perCell(ctl.cells, (v) => lane.flatMap(() => [gated(v), v])),
    amp: lane.flatMap((x, l) => [C(plan.sign[l]!.amp, A), x.entry.bits(A + W, W + 1)]),
    width: lane.flatMap((x, l) => [C(plan.sign[l]!.width, W), x.entry.bits(W, 1)]),
  });

  q.forEach((b, i) => m.comb(raw[i]!, b));
  m.comb(rawBits, cat(...[...q].reverse()));
  m.comb(rawValid, done);
  const last = level.eq(levels - 1);
  lane.forEach((x, l) => {
    const qs = q[2 * l]!;
    const bit = q[2 * l + 1]!.xor(x.entry.bit(0));
    const mag = cat(x.magnitude.bits(Math.max(levels - 2, 0), 0), bit).trunc(levels);
    m.If(ctl.op.done, () => {
      m.If(first, () => m.sync(x.signBit, qs));
      m.If(last, () => {
        // k = m for a positive sign, -(m + 1) for a negative one
        const sgn = mux(first, qs, x.signBit);
        m.sync(bufK[l]!, mux(sgn, mag.zext(plan.bits).asSigned().neg().sub(1).resize(plan.bits), mag.zext(plan.bits).asSigned()));
        m.sync(x.node, 0);
        m.sync(x.magnitude, 0);
      }).Else(() => {
        m.sync(x.node, x.node.ext(x.node.width + 2).shl(1).add(1).add(bit).trunc(x.node.width));
        m.sync(x.magnitude, mag);
      });
    });
  });
  m.If(ctl.op.done, () => m.If(last, () => m.sync(level, 0)).Else(() => m.sync(level, level.add(1).trunc(level.width))));

  // Drain: one sample per cycle while `ready`; a finished round refills the (then empty) buffer.
  const k = select(head, bufK.map((b, l) => [[l], b] as const), bufK[0]!);
  m.comb(valid, health ? empty.not().and(health.ok) : empty.not());
  m.comb(code, k);
  m.comb(sample, k.ext(plan.bits + 1).shl(1).or(1));
  const taken = valid.and(ready);
  m.If(ctl.op.done.and(last), () => { m.sync(pending, lanes); m.sync(head, 0); })
    .Elif(taken, () => { m.sync(pending, pending.sub(1).trunc(pending.width).asUnsigned()); m.sync(head, head.add(1).trunc(laneBits)); });
  return m;
}
