/**
 * OpenSTA on one design (the xoshiro128** CLT baseline, 5 V corner): the SDC written from the clock constraints is
 * read, the setup checks are met at 40 ns and violated at 10 ns (two 32-bit ripple-carry adds of the output function in
 * series take ~20 ns at 5 V), and OpenSTA's worst path agrees with ABC's estimate
 * to within the launch/capture terms ABC adds.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { elaborate } from '../../hdl/index.ts';
import { synthesize } from '../../synth/index.ts';
import { cornerByName } from '../../constraints/corners.ts';
import { cornerLibraryPath } from '../../constraints/liberty-writer.ts';
import { sdcText } from '../../constraints/sdc.ts';
import { MERAM_CLOCK } from '../../constraints/timing.ts';
import { cmosClt } from '../../designs/cmos/index.ts';
import { runOpenSta } from '../sta.ts';
import { EnergyToolError } from '../errors.ts';

describe('static timing with OpenSTA', () => {
  it('the SDC carries the clock and the I/O delays of constraints/timing.ts', () => {
    const s = sdcText(MERAM_CLOCK);
    expect(s).toContain('create_clock -name clk -period 10 [get_ports clk]');
    expect(s).toContain('set_input_delay 2 -clock clk');
    expect(s).toContain('set_output_delay 2 -clock clk [all_outputs]');
  });

  it('cmos_clt_xoshiro at 5 V: met at 40 ns, violated at 10 ns, close to ABC', async () => {
    const lib = cornerLibraryPath(cornerByName('tt_025C_5v00'));
    const slow = { periodNs: 40, inputDelayNs: 8, outputDelayNs: 8 };
    const r = await synthesize(elaborate(cmosClt({ prng: 'xoshiro' })), { liberty: lib, clock: slow, flatten: true, staNetlist: true, maxFanout: 8 });
    expect(r.staNetlist).not.toBeNull();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meram-sta-'));
    const ok = runOpenSta({ netlist: r.staNetlist!, top: r.top, liberty: [lib], clock: slow, dir });
    expect(ok.met).toBe(true);
    expect(ok.arrivalNs).toBeGreaterThan(1);
    console.log(`OpenSTA arrival ${ok.arrivalNs} ns, ABC path ${r.timing!.pathNs} ns`);
    expect(Math.abs(ok.arrivalNs - r.timing!.pathNs) / r.timing!.pathNs).toBeLessThan(0.25);
    const fast = runOpenSta({ netlist: r.staNetlist!, top: r.top, liberty: [lib], clock: MERAM_CLOCK, dir });
    expect(fast.met).toBe(false);
    expect(fast.slackNs).toBeLessThan(0);
    expect(() => runOpenSta({ netlist: r.staNetlist!, top: 'no_such_top', liberty: [lib], clock: MERAM_CLOCK, dir })).toThrow(EnergyToolError);
  }, 60_000);
});
