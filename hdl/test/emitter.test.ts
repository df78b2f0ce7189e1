/**
 * The Verilog emitter: expect-style golden texts, determinism, and acceptance by every downstream tool
 * (verilator --lint-only -Wall with zero warnings, iverilog -g2005, Yosys read/proc/check -assert).
 * Regenerate the goldens after an intended change with `UPDATE_GOLDEN=1 npx vitest run hdl/test/emitter.test.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples/index.ts';
import { elaborate } from '../ir/elaborate.ts';
import { Module } from '../core/module.ts';
import { emitVerilog, writeVerilog } from '../backend/verilog.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';
import { checkIcarus } from '../../sim/tools/icarus.ts';
import { yosysCheck } from '../../synth/yosys.ts';
import { Counter, Lfsr, Popcount, ShiftRegister, FFSynchronizer } from '../lib/index.ts';
import { C, mux } from '../core/value.ts';
import { signed } from '../core/shape.ts';

const GOLDEN = path.join(import.meta.dirname, 'golden');

function libTop(): Module {
  const m = new Module('lib_top');
  const en = m.input('en', 1);
  const din = m.input('din', 8);
  const a = m.output('a', 8);
  const b = m.output('b', 16);
  const c = m.output('c', 7);
  const d = m.output('d', 8);
  const e = m.output('e', 1);
  m.comb(a, m.submodule('u_cnt', Counter({ width: 8 }), { en }).count!);
  m.comb(b, m.submodule('u_lfsr', Lfsr({ width: 16, seed: 0xace1 }), { en }).state!);
  m.comb(c, m.submodule('u_pop', Popcount({ width: 64 }), { bits: din.replicate(8) }).count!);
  m.comb(d, m.submodule('u_sr', ShiftRegister({ width: 8, depth: 3 }), { en, din }).dout!);
  m.comb(e, m.submodule('u_sync', FFSynchronizer({ stages: 2 }), { i: en }).o!);
  return m;
}

const DESIGNS: Record<string, () => Module> = { ...EXAMPLES, lib_top: libTop };

describe('golden Verilog', () => {
  for (const [name, make] of Object.entries(DESIGNS)) {
    it(`${name} matches its golden text`, () => {
      const out = emitVerilog(elaborate(make()));
      const dir = path.join(GOLDEN, name);
      if (process.env.UPDATE_GOLDEN) {
        fs.rmSync(dir, { recursive: true, force: true });
        for (const [f, t] of out.files) { fs.mkdirSync(dir, { recursive: true }); fs.writeFileSync(path.join(dir, f), t); }
      }
      const want = fs.readdirSync(dir).sort();
      expect([...out.files.keys()].sort()).toEqual(want);
      for (const f of want) expect(out.files.get(f), f).toBe(fs.readFileSync(path.join(dir, f), 'utf8'));
    });
  }

  it('is byte-identical on every run', () => {
    for (const make of Object.values(DESIGNS)) {
      expect(emitVerilog(elaborate(make()), { set: 'simulation' }).combined).toBe(emitVerilog(elaborate(make()), { set: 'simulation' }).combined);
    }
  });

  it('keeps user names, gives parameterisations distinct stable names and comments source lines', () => {
    const v = emitVerilog(elaborate(DESIGNS.pulse_sequencer!())).combined;
    expect(v).toMatch(/reg \[1:0\] |reg \[2:0\] seq_state;/);
    expect(v).toContain('// hdl/examples/pulse-sequencer.ts:');
    expect(v).toContain('always @(posedge clk) begin');
    const lib = emitVerilog(elaborate(libTop())).files;
    expect([...lib.keys()]).toEqual(expect.arrayContaining(['counter_width8.v', 'lfsr_seed44257_width16.v', 'popcount_width64.v']));
  });

  it('writes files atomically and leaves no temporary files', () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'emit-'));
    const files = writeVerilog(elaborate(libTop()), dir);
    expect(fs.readdirSync(dir).sort()).toEqual(files.map((f) => path.basename(f)).sort());
  });
});

describe('every emitted file is accepted by Verilator, Icarus and Yosys', () => {
  const sets = ['synthesis', 'simulation'] as const;
  for (const [name, make] of Object.entries(DESIGNS)) {
    for (const set of sets) {
      it(`${name} (${set} set)`, async () => {
        const out = emitVerilog(elaborate(make()), { set });
        const files = Object.fromEntries(out.files);
        expect(verilatorLint(files, out.top)).toBe('');
        expect(checkIcarus(files, out.top)).toBe('');
        const log = await yosysCheck(files, out.top);
        expect(log).toContain('Found and reported 0 problems');
      });
    }
  }

  it('a mixed signed/unsigned datapath stays lint-clean', async () => {
    const m = new Module('mixed');
    const a = m.input('a', signed(12));
    const b = m.input('b', 9);
    const s = m.input('s', 1);
    const y = m.output('y', signed(24));
    const z = m.output('z', 1);
    m.comb(y, mux(s, a.mul(b), a.sub(b).shl(3)));
    m.comb(z, a.lt(b).xor(C(1)).and(a.ge(-3)));
    const out = emitVerilog(elaborate(m));
    const files = Object.fromEntries(out.files);
    expect(verilatorLint(files, 'mixed')).toBe('');
    expect(await yosysCheck(files, 'mixed')).toContain('Found and reported 0 problems');
  });
});
