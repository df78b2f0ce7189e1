/**
 * Icarus Verilog as the 4-state oracle: random designs (every statement kind, memories with partial or no init, two
 * domains, async and sync resets) agree bit for bit with the built-in simulator, with X and Z counted as
 * mismatches; the oracle is shown to catch X from a memory whose power-on contents are removed from the Verilog.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Module } from '../../../hdl/core/module.ts';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import { compareWithIcarus } from '../icarus.ts';
import { combineDesigns, designSpecArb } from '../random-design.ts';

const DESIGNS = Number(process.env.ICARUS_DESIGNS ?? 300);
const CYCLES = Number(process.env.ICARUS_CYCLES ?? 1000);

describe('built-in simulator vs Icarus (4-state)', () => {
  it(`agrees on ${DESIGNS} random designs x ${CYCLES} cycles, with no X or Z on any output`, () => {
    const specs = fc.sample(designSpecArb, { numRuns: DESIGNS, seed: 20261201 });
    expect(specs.some((s) => s.mem && s.mem.init.length < s.mem.depth)).toBe(true); // uninitialised words are exercised
    const top = combineDesigns(specs, 'icarus_top');
    const diffs = compareWithIcarus(elaborate(top), { cycles: CYCLES, seed: 11, auxClockPeriod: 3 });
    expect(diffs).toEqual([]);
  });

  it('an uninitialised memory word and an undriven signal read as 0 / their reset value in both, not X or Z', () => {
    const m = new Module('xcorners');
    const addr = m.input('addr', 3);
    const q = m.output('q', 8);
    const r = m.output('r', 4);
    const mem = m.memory('mem', { shape: 8, depth: 8, init: [5, 6] }); // words 2..7 are not in init
    m.comb(q, mem.read(addr, { domain: null }));
    const floating = m.signal('floating', 4, { reset: 9 }); // nothing drives it
    m.sync(r, floating);
    const design = elaborate(m);
    expect(design.warnings.map((w) => w.rule)).toContain('undriven-signal');
    expect(compareWithIcarus(design, { cycles: 64, seed: 1 })).toEqual([]);
  });

  it('catches X: the same memory without its power-on contents in the Verilog reads X in Icarus', () => {
    const m = new Module('xmem');
    const addr = m.input('addr', 3);
    const q = m.output('q', 8);
    const mem = m.memory('mem', { shape: 8, depth: 8, init: [5] });
    m.sync(q, mem.read(addr, { domain: null }));
    const diffs = compareWithIcarus(elaborate(m), {
      cycles: 64, seed: 1,
      patchVerilog: (_, text) => text.replace(/ {2}initial begin\n {4}for \(.*\n(?: {4}mem\[\d+\] = .*\n)* {2}end\n/, ''),
    });
    expect(diffs.length).toBe(1);
    expect(diffs[0]!.port).toBe('q');
    expect(diffs[0]!.icarus).toMatch(/x/);
  });
});
