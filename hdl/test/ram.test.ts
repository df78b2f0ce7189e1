/** Lane memories: byte enables, read enable, the three transparencies, memory files; on every backend. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Module } from '../core/module.ts';
import { elaborate } from '../ir/elaborate.ts';
import { emitVerilog } from '../backend/verilog.ts';
import { LaneMemory, type Transparency, loadMemoryFile } from '../lib/ram.ts';
import { HdlError } from '../core/errors.ts';
import { Rng } from '../../common/rng.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';
import { Simulator } from '../../sim/testbench/simulator.ts';
import { compareWithIcarus } from '../../verif/lockstep/icarus.ts';
import { runLockstep } from '../../verif/lockstep/lockstep.ts';

const INIT = [0x11223344n, 0xdeadbeefn];

function ramTop(): Module {
  const m = new Module('lane_ram');
  const addr = m.input('addr', 3);
  const wdata = m.input('wdata', 32);
  const be = m.input('be', 4);
  const re = m.input('re', 1);
  const ram = new LaneMemory(m, 'ram', { laneWidth: 8, lanes: 4, depth: 8, init: INIT });
  ram.write(addr, wdata, be);
  for (const t of ['read-first', 'write-first', 'no-change'] as const) {
    const q = m.output(`q_${t.replace('-', '_')}`, 32);
    m.comb(q, ram.readSync(addr, { en: re, transparency: t, name: `r_${t.replace('-', '_')}` }));
  }
  return m;
}

/** The reference: one word array, three output registers. */
function reference(steps: readonly { addr: number; wdata: number; be: number; re: number }[]): Record<Transparency, number[]> {
  const mem = Array.from({ length: 8 }, (_, i) => Number(INIT[i] ?? 0n));
  const q: Record<Transparency, number> = { 'read-first': 0, 'write-first': 0, 'no-change': 0 };
  const out: Record<Transparency, number[]> = { 'read-first': [], 'write-first': [], 'no-change': [] };
  for (const s of steps) {
    let merged = 0;
    for (let l = 0; l < 4; l++) merged |= ((s.be >> l) & 1 ? (s.wdata >>> (8 * l)) & 0xff : (mem[s.addr]! >>> (8 * l)) & 0xff) << (8 * l);
    merged >>>= 0;
    if (s.re) { q['read-first'] = mem[s.addr]!; q['write-first'] = merged; if (s.be === 0) q['no-change'] = mem[s.addr]!; }
    mem[s.addr] = merged;
    for (const t of ['read-first', 'write-first', 'no-change'] as const) out[t].push(q[t]);
  }
  return out;
}

describe('lane memories', () => {
  it('byte enables, read enable and the three transparencies match a reference model', async () => {
    const design = elaborate(ramTop());
    expect(verilatorLint(Object.fromEntries(emitVerilog(design).files), 'lane_ram')).toBe('');
    const rng = Rng.fromSeed(15);
    const steps = Array.from({ length: 300 }, () => ({ addr: rng.below(8), wdata: rng.below(2 ** 31) * 2 + rng.below(2), be: rng.below(3) === 0 ? 0 : rng.below(16), re: rng.below(4) > 0 ? 1 : 0 }));
    const want = reference(steps);
    const got: Record<Transparency, number[]> = { 'read-first': [], 'write-first': [], 'no-change': [] };
    const sim = new Simulator(design);
    sim.process(async (ctx) => {
      for (const s of steps) {
        ctx.set('addr', s.addr); ctx.set('wdata', s.wdata); ctx.set('be', s.be); ctx.set('re', s.re);
        await ctx.tick();
        for (const t of ['read-first', 'write-first', 'no-change'] as const) got[t].push(ctx.getNumber(`q_${t.replace('-', '_')}`));
      }
    });
    await sim.run();
    expect(got).toEqual(want);
    expect(new Set(want['write-first']).size).toBeGreaterThan(50); // the stimulus exercises the RAM
  });

  it('agrees with Icarus and native Verilator in lockstep', async () => {
    const design = elaborate(ramTop());
    expect(compareWithIcarus(design, { cycles: 500, seed: 2 })).toEqual([]);
    const report = await runLockstep(design, { cycles: 500, seed: 3, verilator: { optFast: '-O1' } });
    expect(report.ports).toBeGreaterThan(0);
  }, 120_000);

  it('loads $readmemh-style files (comments, @addresses) and rejects bad ones with the file named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memfile-'));
    const f = path.join(dir, 'init.hex');
    fs.writeFileSync(f, '// table\n0a 0B /* skip */ ff\n@6 1_0\n');
    expect(loadMemoryFile(f, 8, 8)).toEqual([10n, 11n, 255n, 0n, 0n, 0n, 16n, 0n]);
    fs.writeFileSync(f, '1ff\n');
    expect(() => loadMemoryFile(f, 8, 8)).toThrow(/'1ff' does not fit 8 bits/);
    fs.writeFileSync(f, 'zz\n');
    expect(() => loadMemoryFile(f, 8, 8)).toThrow(HdlError);
    expect(() => loadMemoryFile(path.join(dir, 'missing.hex'), 8, 8)).toThrow(/cannot be read/);
  });
});
