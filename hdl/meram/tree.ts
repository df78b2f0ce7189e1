/**
 * Architecture 3, tree sampler: MSB-first conditional sampling of a B-bit discretised N(0,1) over [-R, R).
 * A sign cell is pulsed once per sample with a p = 0.5 setting; a magnitude cell is reset, pulsed and read B - 1
 * times, each time with the pulse setting of the current tree node, read from a ROM of per-node codes made by the
 * calibration flow (amplitude code, width code, and an invert flag: a node whose probability is above what one pulse
 * reaches uses the complement). The sample code k in [-2^(B-1), 2^(B-1)) stands for the cell [k D, (k+1) D) of width
 * D = R / 2^(B-1); the output is the cell centre `sample` = 2k + 1 in units of D / 2.
 */
import { HdlError } from '../core/errors.ts';
import { Module } from '../core/module.ts';
import { signed } from '../core/shape.ts';
import { C, cat, mux, widthFor } from '../core/value.ts';
import { type CellModel, bitCellArray } from './cell-array.ts';
import { type PhaseCycles, PulseController } from './controller.ts';
import { outputStage } from './handshake.ts';
import type { PulseCodeWidths } from './pins.ts';

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
  /** 2^(B-1) - 1 node settings in heap order (node i's children: 2i+1 after a 0, 2i+2 after a 1). */
  readonly nodes: readonly NodeCode[];
  readonly sign: { readonly amp: number; readonly width: number };
  /** cells[0] = sign cell, cells[1] = magnitude cell. */
  readonly cells: readonly [CellModel, CellModel];
  readonly timing: PhaseCycles;
}

/** Builds the sampler: ports `ready`, `valid`, `sample` (signed B+1 bits, cell centre in units of D/2), `code` (k). */
export function meramTree(plan: TreePlan): Module {
  const levels = plan.bits - 1;
  if (levels < 1 || levels > 15) throw new HdlError(`tree sampler: bits must be 2..16, got ${plan.bits}`);
  if (plan.nodes.length !== 2 ** levels - 1) throw new HdlError(`tree sampler: ${2 ** levels - 1} node codes expected, got ${plan.nodes.length}`);
  const { ampBits: A, widthBits: W } = plan.codes;
  const m = new Module(plan.name);
  const ready = m.input('ready', 1);
  const sample = m.output('sample', signed(plan.bits + 1));
  const code = m.output('code', signed(plan.bits));
  const out = outputStage(m, ready);

  const rom = m.memory('node_codes', {
    shape: A + W + 1, depth: plan.nodes.length,
    init: plan.nodes.map((n) => (BigInt(n.amp) << BigInt(W + 1)) | (BigInt(n.width) << 1n) | (n.invert ? 1n : 0n)),
  });
  const node = m.signal('node', widthFor(plan.nodes.length));
  const level = m.signal('level', widthFor(levels));
  const magnitude = m.signal('magnitude', levels);
  const signBit = m.signal('sign_bit', 1);
  // Registered read: the codes settle in SETUP anyway, and it keeps the ROM's logic off the next-node path.
  const entry = rom.read(node.resize(rom.addrWidth), { name: 'node_entry' });
  const first = level.eq(0);

  const ctl = m.submodule('u_ctl', PulseController({ ...plan.timing, resetWrite: true, pulses: 1 }), {
    start: level.ne(0).or(out.free),
  });
  const [qs, qm] = bitCellArray(m, plan.name, plan.cells, plan.codes, {
    pulseEn: [ctl.pulse_en!.and(first), ctl.pulse_en!],
    resetEn: [ctl.reset_en!.and(first), ctl.reset_en!],
    precharge: [ctl.precharge!.and(first), ctl.precharge!],
    senseEn: [ctl.sense_en!.and(first), ctl.sense_en!],
    strobe: [ctl.strobe!.and(first), ctl.strobe!],
    amp: [C(plan.sign.amp, A), entry.bits(A + W, W + 1)],
    width: [C(plan.sign.width, W), entry.bits(W, 1)],
  }) as [ReturnType<typeof m.signal>, ReturnType<typeof m.signal>];

  const bit = qm.xor(entry.bit(0));
  const mag = cat(magnitude.bits(Math.max(levels - 2, 0), 0), bit).trunc(levels);
  m.If(ctl.done!, () => {
    m.If(first, () => m.sync(signBit, qs));
    m.If(level.eq(levels - 1), () => {
      // k = m for a positive sign, -(m + 1) for a negative one; sample = 2k + 1
      const sgn = mux(first, qs, signBit);
      const k = mux(sgn, mag.zext(plan.bits).asSigned().neg().sub(1).resize(plan.bits), mag.zext(plan.bits).asSigned());
      m.sync(code, k);
      m.sync(sample, k.ext(plan.bits + 1).shl(1).or(1));
      m.sync(level, 0);
      m.sync(node, 0);
      m.sync(magnitude, 0);
      out.load();
    }).Else(() => {
      m.sync(level, level.add(1).trunc(level.width));
      m.sync(node, node.ext(node.width + 2).shl(1).add(1).add(bit).trunc(node.width));
      m.sync(magnitude, mag);
    });
  });
  return m;
}
