/** The Liberty file (up to date, parses, holds the reference numbers) and the timing constraints. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CELLS, MERAM180_LIB, MERAM_CLOCK, cyclesFor, describeTiming, libertyText, meramTiming, registerPathBudget } from '../../constraints/index.ts';
import { LibertyParseError, parseLiberty } from '../liberty.ts';

const text = fs.readFileSync(MERAM180_LIB, 'utf8');

describe('meram180.lib', () => {
  it('is the output of the writer (regenerate with npx tsx constraints/liberty-writer.ts)', () => {
    expect(text).toBe(libertyText());
  });

  it('parses, with every cell of the brief and the reference numbers in the file units', () => {
    const lib = parseLiberty(text);
    expect(lib.name).toBe('meram180');
    expect(lib.nomVoltage).toBe(5);
    expect([...lib.cells.keys()]).toEqual(['INV', 'BUF', 'NAND2', 'NOR2', 'AND2', 'OR2', 'XOR2', 'XNOR2', 'AOI21', 'OAI21', 'MUX2', 'DFF', 'DFFRN', 'TIEH', 'TIEL']);
    for (const c of CELLS) {
      const p = lib.cells.get(c.name)!;
      expect(p.areaUm2).toBeCloseTo(c.areaUm2, 6);
      expect(p.leakageNw).toBeCloseTo(c.leakageNw, 6);
      for (const [pin, fF] of Object.entries(c.inputs)) expect(p.pins.get(pin)!.capacitancePf).toBeCloseTo(fF / 1000, 8);
      expect(p.pins.get(c.output)!.fn).toBe(c.fn);
      expect(p.sequential).toBe(c.flop !== undefined);
    }
    const inv = lib.cells.get('INV')!;
    expect(inv.areaUm2).toBe(8.7808);
    expect(inv.pins.get('ZN')!.riseEnergyPj).toBeCloseTo(0.0946, 6);
    const dffrn = lib.cells.get('DFFRN')!;
    expect(dffrn.pins.get('CLK')!.isClock).toBe(true);
    expect(dffrn.pins.get('CLK')!.riseEnergyPj + dffrn.pins.get('CLK')!.fallEnergyPj).toBeCloseTo(0.241 + 0.288, 6);
    const q = dffrn.pins.get('Q')!.timings.find((t) => t.type === 'rising_edge')!;
    expect(q.tables.get('cell_rise')![0]).toBe(0.817); // clock-to-Q at 0.02 ns / 1 fF, read
    expect(q.tables.get('cell_rise')![1]).toBeGreaterThan(0.924); // extrapolated to 10 fF past the 8.4 fF point
    expect(dffrn.pins.get('Q')!.timings.some((t) => t.type === 'clear' && t.relatedPin === 'RN')).toBe(true);
  });

  it('rejects broken Liberty text naming the line', () => {
    expect(() => parseLiberty('library (x) {\n  cell (A) {\n    area : 1 ;\n')).toThrow(LibertyParseError);
    expect(() => parseLiberty('library (x) {\n  area : 1 ;\n  cell (A) { pin ; }\n}')).toThrow(/';' after 'pin' at line 3/);
  });
});

describe('timing constraints', () => {
  it('cycles are ceil(ns / period), at least 1', () => {
    expect(cyclesFor(20, 10)).toBe(2);
    expect(cyclesFor(20.5, 10)).toBe(3);
    expect(cyclesFor(0, 10)).toBe(1);
    expect(cyclesFor(2, 10)).toBe(1);
    expect(() => cyclesFor(5, 0)).toThrow(RangeError);
  });

  it('gives the documented cycles at 10 ns and scales with the period', () => {
    const t = meramTiming();
    expect(t.periodNs).toBe(MERAM_CLOCK.periodNs);
    expect(t.cycles).toEqual({ dacSettle: 2, pulse: 1, postPulseSettle: 1, precharge: 1, senseEnable: 1, strobe: 1 });
    expect(t.cyclesPerBit).toBe(7);
    expect(meramTiming(5).cycles).toEqual({ dacSettle: 4, pulse: 1, postPulseSettle: 2, precharge: 1, senseEnable: 1, strobe: 1 });
    expect(meramTiming(3).cycles).toEqual({ dacSettle: 7, pulse: 2, postPulseSettle: 4, precharge: 2, senseEnable: 2, strobe: 1 });
    expect(meramTiming(10, { dacSettleNs: 45 }).cycles.dacSettle).toBe(5);
    expect(describeTiming(t)).toMatch(/DAC settle\s+20\s+2\s+20/);
  });

  it('the 10 ns clock leaves most of the period for logic after clock-to-Q and setup', () => {
    const b = registerPathBudget();
    expect(b.clockToQNs).toBeCloseTo(0.924, 6);
    expect(b.setupNs).toBeCloseTo(0.298, 6);
    expect(b.logicNs).toBeGreaterThan(8);
  });
});
