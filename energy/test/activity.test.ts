/**
 * The activity-based energy model: VCD toggles of a known pattern (a binary counter: bit i toggles once every 2^i
 * cycles), the flat-netlist reader, the energy formula on a hand-checked netlist, and clock gating lowering the
 * measured clock energy.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { synthesizeVerilog } from '../../synth/index.ts';
import { parseLiberty } from '../../synth/liberty.ts';
import { cornerByName } from '../../constraints/corners.ts';
import { cornerLibraryPath } from '../../constraints/liberty-writer.ts';
import { gateLevelActivity } from '../gate-sim.ts';
import { measuredEnergy } from '../activity.ts';
import { parseGateNetlist } from '../netlist.ts';
import { vcdToggles } from '../vcd.ts';

const tmp = (name: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `meram-energy-${name}-`));
const lib5 = cornerLibraryPath(cornerByName('tt_025C_5v00'));

// A counter with the generators' ports: valid = 1 after reset, the count is the sample.
const COUNTER = `module counter(input wire clk, input wire rst, input wire ready, output reg valid, output reg [5:0] count);
  always @(posedge clk) if (rst) begin count <= 6'd0; valid <= 1'b0; end else begin count <= count + 6'd1; valid <= 1'b1; end
endmodule
`;
// Eight flops loaded only when `en`: one clock gate for the group.
const ENABLED = `module enabled(input wire clk, input wire rst, input wire ready, output reg valid, output reg [7:0] q, output reg [7:0] c);
  always @(posedge clk) if (rst) begin c <= 8'd0; valid <= 1'b0; end else begin c <= c + 8'd1; valid <= 1'b1; end
  always @(posedge clk) if (c[7:4] == 4'd0) q <= q ^ c;
endmodule
`;

describe('VCD toggle counting', () => {
  it('counts 0<->1 transitions per bit of scalars and vectors, not x or z changes', () => {
    const vcd = ['$scope module tb $end', '$scope module dut $end', '$var wire 1 ! clk $end', '$var wire 3 " v [2:0] $end', '$upscope $end', '$upscope $end', '$enddefinitions $end',
      '#0', 'x!', 'bx "', '#5', '0!', 'b000 "', '#10', '1!', 'b101 "', '#15', '0!', 'b1 "', '#20', 'z!', 'b11 "'].join('\n');
    const t = vcdToggles(vcd);
    expect(t.toggles.get('clk')).toBe(2); // 0->1->0, then z is not a toggle
    expect([t.toggles.get('v[0]'), t.toggles.get('v[1]'), t.toggles.get('v[2]')]).toEqual([1, 1, 2]); // 000 -> 101 -> 001 -> 011
    expect(t.endTime).toBe(20);
  });
});

describe('gate-level activity (Icarus on the mapped netlist)', () => {
  it('a 6-bit counter: bit i toggles cycles / 2^i times, the clock twice per cycle', async () => {
    const r = await synthesizeVerilog(new Map([['counter.v', COUNTER]]), 'counter', { liberty: lib5, flatten: true });
    const cycles = 1024;
    const run = gateLevelActivity(r.netlist, 'counter', { cycles, periodNs: 10, dir: tmp('counter') });
    expect(run.cycles).toBe(cycles);
    expect(run.samples).toBe(cycles);
    expect(run.toggles.toggles.get('clk')).toBe(2 * cycles);
    for (let i = 0; i < 6; i++) expect(Math.abs(run.toggles.toggles.get(`count[${i}]`)! - cycles / 2 ** i)).toBeLessThanOrEqual(1);
    const e = measuredEnergy(parseLiberty(fs.readFileSync(lib5, 'utf8')), parseGateNetlist(r.netlist), run, { periodNs: 10 });
    expect(e.source).toBe('measured');
    expect(e.unmatchedNets).toBe(0);
    // 7 flops (count and valid): clock pins (0.214 + 0.286 pJ per cycle each) plus their clock-net C V^2 (3.25 fF + 1 fF wire at 25 V^2)
    expect(e.clockPj).toBeCloseTo(7 * (0.214 + 0.286 + (3.25 + 1) * 1e-3 * 25), 3);
  }, 60_000);

  it('clock gating: the gated flops stop toggling their clock pins, so the measured clock energy falls', async () => {
    const measure = async (clockGating: boolean): Promise<{ clock: number; gates: number }> => {
      const r = await synthesizeVerilog(new Map([['enabled.v', ENABLED]]), 'enabled', { liberty: lib5, flatten: true, clockGating });
      const run = gateLevelActivity(r.netlist, 'enabled', { cycles: 512, periodNs: 10, dir: tmp(`cg${clockGating}`) });
      const e = measuredEnergy(parseLiberty(fs.readFileSync(lib5, 'utf8')), parseGateNetlist(r.netlist), run, { periodNs: 10 });
      return { clock: e.clockPj, gates: r.cells.CLKGATE ?? 0 };
    };
    const off = await measure(false);
    const on = await measure(true);
    expect(off.gates).toBe(0);
    expect(on.gates).toBe(1);
    // q is loaded 1 cycle in 16: its 8 clock pins (0.5 pJ each per cycle) mostly stop; the gate costs ~0.25 pJ
    expect(on.clock).toBeLessThan(off.clock - 3);
  }, 60_000);
});

describe('energy formula on a hand-checked netlist', () => {
  it('internal energy per output toggle plus 1/2 C V^2 per net toggle, clock pins per edge', () => {
    const lib = parseLiberty(fs.readFileSync(lib5, 'utf8'));
    const n = parseGateNetlist(`module t(clk, a, y);
  input clk; wire clk; input a; wire a; output y; wire y; wire n1;
  INV u1 (.I(a), .ZN(n1));
  DFF u2 (.CLK(clk), .D(n1), .Q(y));
endmodule`);
    const toggles = new Map([['clk', 20], ['a', 4], ['n1', 4], ['y', 3]]);
    const e = measuredEnergy(lib, n, { toggles: { toggles, startTime: 0, endTime: 100 }, cycles: 10, samples: 10 }, { periodNs: 10, wireCapPerPinFf: 1 });
    const inv = (0.0946 + -0.002) / 2;
    const dffQ = (0.283 + 0.274) / 2;
    expect(e.internalPj).toBeCloseTo((4 * inv + 3 * dffQ) / 10, 4);
    // nets with sinks: a -> INV.I (4.74 fF), n1 -> DFF.D (2.39 fF); each + 1 fF wire
    expect(e.switchingPj).toBeCloseTo((4 * 0.5 * 5.74e-3 * 25 + 4 * 0.5 * 3.39e-3 * 25) / 10, 4);
    expect(e.clockPj).toBeCloseTo((20 * (0.214 + 0.286) / 2 + 20 * 0.5 * 4.25e-3 * 25) / 10, 4);
  });
});
