/**
 * Structs, Vecs and partial assignments on every backend: the Verilog prints them as part-selects and `case`s on the
 * index, the simulators run the whole-signal lowering, so these runs check one against the other — the built-in
 * simulator against Icarus (4-state: X or Z is a mismatch) and native Verilator, cycle by cycle.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import type { Design } from '../../../hdl/ir/elaborate.ts';
import { emitVerilog } from '../../../hdl/backend/verilog.ts';
import { verilatorLint } from '../../../sim/tools/verilator-lint.ts';
import { compareWithIcarus } from '../icarus.ts';
import { runLockstep } from '../lockstep.ts';
import { dataRegs, fifoTop } from '../../../hdl/test/support/data-designs.ts';
import { longProgram, programArb, programModule } from '../../../hdl/test/support/partial-programs.ts';

function lintAndIcarus(design: Design, seed: number, cycles: number): void {
  expect(verilatorLint(Object.fromEntries(emitVerilog(design).files), design.top.name)).toBe('');
  expect(compareWithIcarus(design, { cycles, seed })).toEqual([]);
}

/** Lint, Icarus and native Verilator in lockstep with the built-in simulator (a mismatch throws). */
async function onEveryBackend(design: Design, seed: number): Promise<void> {
  lintAndIcarus(design, seed, 600);
  const report = await runLockstep(design, { cycles: 600, seed: seed + 1, verilator: { optFast: '-O1' } });
  expect(report.ports).toBeGreaterThan(0);
}

describe('structs, Vecs and partial assignments on every backend', () => {
  it('a register file of struct entries (dynamic-index writes and reads, a Vec read past its end)', async () => {
    await onEveryBackend(elaborate(dataRegs()), 7);
  }, 180_000);

  it('a RegisterFifo of struct entries (its slots a Vec written and read by pointer)', async () => {
    await onEveryBackend(elaborate(fifoTop()), 9);
  }, 180_000);

  it('random programs of partial assignments: Icarus and Verilator lint agree with the built-in simulator', () => {
    fc.assert(fc.property(programArb, fc.integer({ min: 0, max: 1000 }), (p, seed) => {
      lintAndIcarus(elaborate(programModule(p)), seed, 60);
    }), { numRuns: 15, seed: 21 });
    lintAndIcarus(elaborate(programModule(longProgram())), 4, 200);
  }, 180_000);

  it('the Icarus comparison catches a part-select printed one bit off', () => {
    const design = elaborate(dataRegs());
    const diffs = compareWithIcarus(design, { cycles: 200, seed: 7, patchVerilog: (_name, text) => text.replace('regs[11:9] <= regs[11:9] + 3\'d1;', 'regs[10:8] <= regs[11:9] + 3\'d1;') });
    expect(diffs.length).toBeGreaterThan(0);
  }, 60_000);
});
