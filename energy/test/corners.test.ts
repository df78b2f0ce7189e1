/**
 * Library corners: the committed corner files are what the writer prints, Yosys and the Liberty reader load them, and
 * the scaled numbers are the GF180MCU values read at 3.3 V and 1.8 V (cells-180nm.md, Table 3).
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { CORNERS, cornerByName } from '../../constraints/corners.ts';
import { cornerLibraryPath, libertyText } from '../../constraints/liberty-writer.ts';
import { parseLiberty } from '../../synth/liberty.ts';
import { synthesizeVerilog } from '../../synth/index.ts';

const lib = (name: string): ReturnType<typeof parseLiberty> => parseLiberty(fs.readFileSync(cornerLibraryPath(cornerByName(name)), 'utf8'));
const arc = (l: ReturnType<typeof parseLiberty>, cell: string, table: string): number =>
  l.cells.get(cell)!.pins.get([...l.cells.get(cell)!.pins.keys()].find((p) => l.cells.get(cell)!.pins.get(p)!.direction === 'output')!)!.timings[0]!.tables.get(table)![0]!;

describe('library corners', () => {
  it('each committed corner file is up to date (regenerate: npx tsx constraints/liberty-writer.ts)', () => {
    for (const c of CORNERS) expect(fs.readFileSync(cornerLibraryPath(c), 'utf8')).toBe(libertyText(c));
  });

  it('scaled delays and energies equal the values read from GF180MCU at 3.3 V and 1.8 V', () => {
    const l33 = lib('tt_025C_3v30');
    const l18 = lib('tt_025C_1v80');
    expect(l33.nomVoltage).toBe(3.3);
    expect(l18.nomVoltage).toBe(1.8);
    expect(arc(l33, 'INV', 'cell_rise')).toBeCloseTo(0.0732, 3);
    expect(arc(l18, 'INV', 'cell_rise')).toBeCloseTo(0.182, 3);
    expect(arc(l18, 'XOR2', 'cell_fall')).toBeCloseTo(1.625, 3);
    expect(arc(l18, 'DFF', 'cell_rise')).toBeCloseTo(2.502, 3);
    expect(arc(l33, 'DFFRN', 'cell_fall')).toBeCloseTo(0.917, 3);
    const inv = (l: ReturnType<typeof parseLiberty>): number => l.cells.get('INV')!.pins.get('ZN')!.riseEnergyPj;
    expect(inv(lib('tt_025C_5v00'))).toBeCloseTo(0.0946, 4);
    expect(inv(l33)).toBeCloseTo(0.0412, 4);
    expect(inv(l18)).toBeCloseTo(0.0120, 4);
    expect(l33.cells.get('INV')!.pins.get('I')!.capacitancePf * 1000).toBeCloseTo(4.62, 2);
    expect(l33.cells.get('DFF')!.leakageNw).toBeCloseTo(0.469 * 0.4603, 3);
  });

  it('Yosys maps onto every corner, with the clock-gating cell usable; the energy estimate follows the corner', async () => {
    const v = 'module e(input wire clk, input wire en, input wire [3:0] d, output reg [3:0] q); always @(posedge clk) if (en) q <= d; endmodule\n';
    const totals: number[] = [];
    for (const c of CORNERS) {
      const r = await synthesizeVerilog(new Map([['e.v', v]]), 'e', { liberty: cornerLibraryPath(c), clockGating: true });
      expect(r.cells.CLKGATE).toBe(1);
      expect(r.cells.DFF).toBe(4);
      expect(r.voltage).toBe(c.voltage);
      totals.push(r.energy.totalPj);
    }
    // same netlist: energy ratio between corners = internal energy factor (both the CV^2 and the tables scale ~V^2)
    expect(totals[1]! / totals[0]!).toBeGreaterThan(0.4);
    expect(totals[1]! / totals[0]!).toBeLessThan(0.48);
    expect(totals[2]! / totals[0]!).toBeGreaterThan(0.11);
    expect(totals[2]! / totals[0]!).toBeLessThan(0.14);
  }, 60_000);
});
