/**
 * The synthesis flow on the examples and standard-library modules (zero latches, check -assert, flop counts the
 * design implies), the typed errors, the Liberty file through Yosys, and the report's models. One warm Yosys.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CELLS, MERAM180_LIB } from '../../constraints/index.ts';
import type { Design } from '../../hdl/ir/elaborate.ts';
import { elaborate } from '../../hdl/index.ts';
import { EXAMPLES } from '../../hdl/examples/index.ts';
import { Counter, Lfsr, Popcount } from '../../hdl/lib/index.ts';
import { parseLiberty } from '../liberty.ts';
import { formatReport } from '../report-text.ts';
import { LatchError, SynthesisError, type SynthesisReport, synthesize, synthesizeVerilog } from '../synthesize.ts';

/** Flip-flops the design implies: every register bit, every bit of a written memory, every registered read port. */
function impliedFlops(design: Design): number {
  const flat = design.flat;
  const regs = flat.drivers.filter((d) => d.domain !== null).reduce((s, d) => s + flat.signals[d.target]!.signal.width, 0);
  const mems = flat.memories.reduce((s, m) => s + (m.writePorts.length ? m.depth * m.shape.width : 0)
    + m.readPorts.filter((p) => p.domain !== null).reduce((r, p) => r + flat.signals[p.data]!.signal.width, 0), 0);
  return regs + mems;
}


const lib = parseLiberty(fs.readFileSync(MERAM180_LIB, 'utf8'));

function expectSane(r: SynthesisReport): void {
  expect(r.latches).toBe(0);
  expect(r.cellCount).toBe(Object.values(r.cells).reduce((s, n) => s + n, 0));
  expect(r.areaUm2).toBeCloseTo(Object.entries(r.cells).reduce((s, [t, n]) => s + n * lib.cells.get(t)!.areaUm2, 0), 3);
  expect(r.leakageNw).toBeCloseTo(Object.entries(r.cells).reduce((s, [t, n]) => s + n * lib.cells.get(t)!.leakageNw, 0), 3);
  const e = r.energy;
  expect(e.totalPj).toBeCloseTo(e.internalPj + e.clockPj + e.switchingPj, 3);
  expect(e.powerUw).toBeCloseTo((e.totalPj / r.clock.periodNs) * 1000, 0);
  if (r.timing) {
    expect(r.timing.pathNs).toBeCloseTo(r.timing.launchNs + r.timing.combinationalNs + r.timing.captureNs, 3);
    expect(r.timing.slackNs).toBeCloseTo(r.clock.periodNs - r.timing.pathNs, 3);
    expect(r.timing.met).toBe(r.timing.slackNs >= 0);
  }
  expect(r.netlist).toMatch(/module /);
}

describe('examples', () => {
  it('blinky: 8-bit count + 4-bit prescaler = 12 DFF; constant enable tied with TIEH', async () => {
    const d = elaborate(EXAMPLES.blinky!());
    const r = await synthesize(d);
    expectSane(r);
    expect(r.flipFlops).toBe(impliedFlops(d));
    expect(r.flipFlops).toBe(12);
    expect(r.cells.DFF).toBe(12);
    expect(r.cells.TIEH).toBe(1);
    expect(r.modules.map((m) => [m.name, m.flipFlops])).toEqual([['blinky', 8], ['counter_max9_width4', 4]]);
    expect(r.timing?.met).toBe(true);
    expect(formatReport(r)).toMatch(/DFF\s+12\s+763\.9/);
  });

  it('pulse_sequencer: registers + RAM as flops + the ROM read register, FSM recoded one-hot by Yosys', async () => {
    const d = elaborate(EXAMPLES.pulse_sequencer!());
    const r = await synthesize(d);
    expectSane(r);
    // index 3 + timer 6 + wptr 4 + ones 8 + seq_state 3 = 24 register bits; log RAM 16 x 8 = 128 flops (memory_map,
    // no RAM macro in the library); the widths ROM has no write port, so it becomes logic, and only its registered
    // read port (6 bits) is a register. 24 + 128 + 6 = 158 implied; Yosys's fsm pass recodes the 6-state seq_state
    // from 3 binary bits to 6 one-hot bits: +3.
    expect(impliedFlops(d)).toBe(158);
    expect(r.flipFlops).toBe(158 + 3);
    expect(r.cells.DFFRN).toBeUndefined(); // synchronous resets only: logic in front of DFF
    expect(r.macros).toEqual({});
    expect(r.timing?.startPoint).toBe('wptr'); // through the asynchronous RAM read to `result`
    expect(r.timing?.endKind).toBe('output');
    expect(r.timing?.captureNs).toBe(2); // ends at an output port: the output delay
  });

  it('two_domains: async-reset registers on DFFRN (with INV on the active-high reset), the TRIM_DAC macro kept', async () => {
    const d = elaborate(EXAMPLES.two_domains!());
    const r = await synthesize(d, { write: fs.mkdtempSync(path.join(os.tmpdir(), 'synth-')) });
    expectSane(r);
    expect(r.flipFlops).toBe(impliedFlops(d));
    expect(r.cells.DFFRN).toBe(17); // hits 16 + flag 1 in the async-reset fast domain
    expect(r.cells.DFF).toBe(7); // history 4 (reset-less) + seen 1 + synchroniser 2
    expect(r.macros).toEqual({ TRIM_DAC: 1 });
    expect(r.netlist.match(/INV \S+ \(\s*\.I\(fast_rst\)/g)).toHaveLength(1); // one shared inverter for RN
    expect(r.netlist).toMatch(/TRIM_DAC #\([\s\S]*?\) u_dac/);
    expect(r.written.map((f) => path.basename(f))).toEqual(['report.json', 'report.txt', 'netlist.v']);
    const json = JSON.parse(fs.readFileSync(r.written[0]!, 'utf8')) as SynthesisReport;
    expect(json.flipFlops).toBe(24);
    expect(json).not.toHaveProperty('netlist');
    expect(fs.readFileSync(r.written[1]!, 'utf8')).toContain('TRIM_DAC x1');
  });
});

describe('standard library', () => {
  it('Counter 8-bit: 8 flops', async () => {
    const d = elaborate(Counter({ width: 8 }));
    const r = await synthesize(d);
    expectSane(r);
    expect(r.flipFlops).toBe(8);
    expect(r.flipFlops).toBe(impliedFlops(d));
  });

  it('Lfsr 16-bit: 16 flops and XOR feedback', async () => {
    const d = elaborate(Lfsr({ width: 16, seed: 1 }));
    const r = await synthesize(d);
    expectSane(r);
    expect(r.flipFlops).toBe(16);
    expect((r.cells.XOR2 ?? 0) + (r.cells.XNOR2 ?? 0)).toBeGreaterThan(0);
  });

  it('Popcount 16-bit: combinational only, input-to-output path', async () => {
    const r = await synthesize(elaborate(Popcount({ width: 16 })));
    expectSane(r);
    expect(r.flipFlops).toBe(0);
    expect(r.energy.clockPj).toBe(0);
    expect(r.cellCount).toBeGreaterThan(20);
    expect(r.timing?.launchNs).toBe(2);
    expect(r.timing?.captureNs).toBe(2);
  });
});

describe('errors', () => {
  it('rejects a latch with a LatchError naming the signal and the process line', async () => {
    const v = 'module latchy (input wire en, input wire d, input wire c, output reg q, output reg z);\n'
      + '  always @(*) begin\n    z = c;\n    if (en) q = d;\n  end\nendmodule\n';
    const err = await synthesizeVerilog(new Map([['latchy.v', v]]), 'latchy').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LatchError);
    expect(err).toBeInstanceOf(SynthesisError);
    expect((err as LatchError).signals).toEqual(['latchy.q']);
    expect((err as LatchError).where).toEqual(['latchy.v:2']);
    expect((err as LatchError).message).toMatch(/latch inferred for 'latchy\.q'/);
  });

  it('rejects a check -assert failure (two drivers) with a SynthesisError carrying Yosys warning', async () => {
    const v = 'module twodrv (input wire a, input wire b, output wire y);\n  assign y = a;\n  assign y = b;\nendmodule\n';
    const err = await synthesizeVerilog(new Map([['twodrv.v', v]]), 'twodrv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SynthesisError);
    expect(err).not.toBeInstanceOf(LatchError);
    expect((err as SynthesisError).yosysMessage).toMatch(/conflicting drivers/);
  });

  it('names a missing top module', async () => {
    const err = await synthesizeVerilog(new Map([['a.v', 'module a; endmodule\n']]), 'nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SynthesisError);
    expect((err as SynthesisError).yosysMessage).toMatch(/nope/);
  });
});

describe('the Liberty file through Yosys', () => {
  it('every cell instantiated: read, counted with its area, flops recognised', async () => {
    const inst = CELLS.map((c, i) => {
      const conns = Object.keys(c.inputs).map((p) => `.${p}(${p === 'CLK' ? 'clk' : `x[${i}]`})`);
      return `  ${c.name} u${i} (${[...conns, `.${c.output}(y[${i}])`].join(', ')});`;
    });
    const v = `module allcells (input wire clk, input wire [${CELLS.length - 1}:0] x, output wire [${CELLS.length - 1}:0] y);\n${inst.join('\n')}\nendmodule\n`;
    const r = await synthesizeVerilog(new Map([['allcells.v', v]]), 'allcells');
    expect(Object.keys(r.cells).sort()).toEqual(CELLS.map((c) => c.name).sort());
    expect(r.areaUm2).toBeCloseTo(CELLS.reduce((s, c) => s + c.areaUm2, 0), 3);
    expect(r.flipFlops).toBe(2);
    expect(r.macros).toEqual({});
  });
});
