/**
 * Gate-level activity run: the mapped, flattened netlist plus the cell models (cell-models.ts) simulated in Icarus
 * Verilog with the generators' stimulus (reset, then `ready` held high), dumping the top-level nets to a VCD for
 * `warmup` + `cycles` clocks; returns the per-net toggle counts of the measured window and the samples taken.
 *
 * Why gate level and not RTL toggles: the energy model needs each library cell's output toggles and each net's load,
 * which exist only after mapping; RTL toggles would have to be mapped to cells by a guess. Icarus is on every CI
 * machine (scripts/ensure-tools.sh) and the built-in simulator stays untouched.
 *
 * @example
 * const run = gateLevelActivity(report.netlist, report.top, { cycles: 2000, periodNs: 10, dir: 'build/energy/sim/top' });
 * console.log(run.samples, run.toggles.toggles.get('clk'));
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { cellModelsVerilog } from './cell-models.ts';
import { EnergyToolError } from './errors.ts';
import { type VcdToggles, vcdToggles } from './vcd.ts';

/** Options of {@link gateLevelActivity}. */
export interface GateSimOptions {
  /** Measured clock cycles (after reset and warm-up). */
  readonly cycles: number;
  /** Cycles after reset before the measurement starts (default 200). */
  readonly warmup?: number;
  /** Clock period (ns) of the testbench clock; the energy per cycle does not depend on it. */
  readonly periodNs: number;
  /** Working folder (netlist, models, testbench, VCD). */
  readonly dir: string;
  /** Keep the VCD file (default false: deleted after reading). */
  readonly keepVcd?: boolean;
}

/** What the run measured. */
export interface GateSimResult {
  readonly toggles: VcdToggles;
  readonly cycles: number;
  /** Cycles with `valid && ready` in the measured window. */
  readonly samples: number;
}

function testbench(top: string, o: GateSimOptions): string {
  const half = o.periodNs / 2;
  return `\`timescale 1ns/10ps
module tb;
  reg clk = 1'b0, rst = 1'b1, ready = 1'b1;
  wire valid;
  integer samples = 0, cycles = 0;
  ${top} dut (.clk(clk), .rst(rst), .ready(ready), .valid(valid));
  always #${half} clk = ~clk;
  initial begin
    repeat (4) @(posedge clk);
    #1 rst = 1'b0;
    repeat (${o.warmup ?? 200}) @(posedge clk);
    $dumpfile("dump.vcd");
    $dumpvars(1, dut);
    repeat (${o.cycles}) begin
      @(posedge clk);
      cycles = cycles + 1;
      if (valid === 1'b1 && ready) samples = samples + 1;
    end
    $dumpflush;
    $display("SAMPLES %0d CYCLES %0d", samples, cycles);
    $finish;
  end
endmodule
`;
}

const run = (cmd: string, args: string[], cwd: string): string => {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const x = e as { stderr?: string; stdout?: string; code?: string };
    if (x.code === 'ENOENT') throw new EnergyToolError(cmd, `not installed (apt-get install iverilog)`);
    throw new EnergyToolError(cmd, `${args.join(' ')} failed:\n${x.stderr ?? ''}${x.stdout ?? ''}`);
  }
};

/** Simulates `netlist` (top module `top`) and counts toggles per top-level net bit. */
export function gateLevelActivity(netlist: string, top: string, o: GateSimOptions): GateSimResult {
  const dir = path.resolve(o.dir);
  writeFileAtomic(path.join(dir, 'netlist.v'), netlist);
  writeFileAtomic(path.join(dir, 'cells.v'), cellModelsVerilog());
  writeFileAtomic(path.join(dir, 'tb.v'), testbench(top, o));
  run('iverilog', ['-g2005', '-o', 'sim.vvp', '-s', 'tb', 'tb.v', 'netlist.v', 'cells.v'], dir);
  const out = run('vvp', ['-n', 'sim.vvp'], dir);
  const m = /SAMPLES (\d+) CYCLES (\d+)/.exec(out);
  if (!m) throw new EnergyToolError('vvp', `no sample count in the output:\n${out.slice(-2000)}`);
  const vcdFile = path.join(dir, 'dump.vcd');
  const toggles = vcdToggles(fs.readFileSync(vcdFile, 'utf8'));
  if (!o.keepVcd) fs.rmSync(vcdFile);
  return { toggles, cycles: Number(m[2]), samples: Number(m[1]) };
}
