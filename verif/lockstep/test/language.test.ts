/**
 * The language features of issue 15 on every backend: registered designs using them run in lockstep on the built-in
 * simulator, Icarus (4-state: X or Z is a mismatch) and native Verilator.
 */
import { describe, expect, it } from 'vitest';
import { Module } from '../../../hdl/core/module.ts';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import { signed, unsigned } from '../../../hdl/core/shape.ts';
import { cat } from '../../../hdl/core/value.ts';
import { oneHotDecode, oneHotEncode, priorityEncode, lowestSetBit } from '../../../hdl/lib/encoders.ts';
import { compareWithIcarus } from '../icarus.ts';
import { runLockstep } from '../lockstep.ts';
import type { Design } from '../../../hdl/ir/elaborate.ts';

const CYCLES = 500;
const VERILATOR = { optFast: '-O1' };

async function onEveryBackend(design: Design, seed: number): Promise<void> {
  expect(compareWithIcarus(design, { cycles: CYCLES, seed })).toEqual([]);
  const report = await runLockstep(design, { cycles: CYCLES, seed, verilator: VERILATOR });
  expect(report.ports).toBeGreaterThan(0);
}

/** Division, remainder (by zero included), rotation, abs, min/max and the encoders, registered and combinational. */
function operatorsDesign(): Design {
  const m = new Module('lang_ops');
  const a = m.input('a', signed(12));
  const b = m.input('b', unsigned(4)); // small: zero divisors are frequent
  const c = m.input('c', signed(70));
  const d = m.input('d', signed(3));
  const q = m.output('q', signed(14));
  const r = m.output('r', signed(13));
  const wq = m.output('wq', signed(71));
  const wr = m.output('wr', signed(70));
  const rot = m.output('rot', signed(12));
  const rotw = m.output('rotw', signed(70));
  const misc = m.output('misc', 40);
  m.sync(q, a.div(b));
  m.comb(r, a.mod(b));
  m.sync(wq, c.div(d));
  m.comb(wr, c.mod(d));
  m.sync(rot, a.rotl(b));
  m.comb(rotw, c.rotr(b).rotl(3));
  const pe = priorityEncode(a);
  const oh = oneHotEncode(b);
  m.comb(misc, cat(a.abs(), a.min(b), d.max(b), pe.valid, pe.index, oh.valid, oh.index, lowestSetBit(b), oneHotDecode(b.bits(1, 0), 3)).resize(40));
  return elaborate(m);
}

describe('issue 15 language features on every backend', () => {
  it('operators: div/mod (by zero too), rotations, abs, min/max, encoders', async () => {
    await onEveryBackend(operatorsDesign(), 5);
  }, 120_000);
});
