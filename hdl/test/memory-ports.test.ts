/**
 * Native memory ports: lane (byte) write enables, read enables, read-first / write-first / no-change transparency,
 * init files; the ByteFifo built on them. Each runs on the built-in simulator, the reference interpreter, Icarus and
 * Verilator (native and WebAssembly), emits lint-clean Verilog and infers one RAM with lanes in Yosys.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Module } from '../core/module.ts';
import { HdlError } from '../core/errors.ts';
import { MemoryFileError } from '../core/memory-file.ts';
import { signed, unsigned } from '../core/shape.ts';
import { elaborate } from '../ir/elaborate.ts';
import { emitVerilog } from '../backend/verilog.ts';
import { Rng } from '../../common/rng.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';
import { createSimulator } from '../../sim/factory.ts';
import type { BackendKind } from '../../sim/interface.ts';
import { compareWithIcarus } from '../../verif/lockstep/icarus.ts';
import { runLockstep } from '../../verif/lockstep/lockstep.ts';
import { runYosysScript } from '../../synth/yosys.ts';
import { compareWithReference } from './support/against-reference.ts';
import { fifoTop } from './support/golden-designs.ts';

const GOLDEN = path.join(import.meta.dirname, 'golden');
const VERILATOR = { optFast: '-O1' };

/** A memory of `width`-bit words in lanes of `granularity`, depth 12 (addresses 12..15 are out of range). */
function portsTop(width: number, granularity: number, isSigned = false): Module {
  const m = new Module(`mem_ports_w${width}`);
  const shape = isSigned ? signed(width) : unsigned(width);
  const lanes = width / granularity;
  const waddr = m.input('waddr', 4);
  const wdata = m.input('wdata', shape);
  const wbe = m.input('wbe', lanes);
  const waddr2 = m.input('waddr2', 4);
  const wdata2 = m.input('wdata2', shape);
  const we2 = m.input('we2', 1);
  const raddr = m.input('raddr', 4);
  const re = m.input('re', 1);
  const mem = m.memory('mem', { shape, depth: 12, init: [5, 7, -1 & ((1 << Math.min(width, 30)) - 1)].map((v) => (isSigned ? 3 : v)) });
  mem.write(waddr, wdata, wbe, { granularity });
  mem.write(waddr2, wdata2, we2);
  m.comb(m.output('q_rf', shape), mem.read(raddr, { en: re }));
  m.comb(m.output('q_wf', shape), mem.read(raddr, { en: re, transparency: 'write-first' }));
  m.comb(m.output('q_nc', shape), mem.read(raddr, { transparency: 'no-change' }));
  m.comb(m.output('q_wf2', shape), mem.read(waddr, { transparency: 'write-first' })); // reads where port 1 writes
  m.comb(m.output('q_comb', shape), mem.read(raddr, { domain: null }));
  return m;
}

const CASES = [
  { width: 12, granularity: 4, signed: false }, // int32 words
  { width: 32, granularity: 8, signed: false }, // the unsigned 32-bit edge of int32 words
  { width: 20, granularity: 5, signed: true }, // signed lanes
  { width: 40, granularity: 8, signed: false }, // integer doubles
  { width: 72, granularity: 9, signed: false }, // bigints
];

describe('memory ports with lanes, read enables and transparency', () => {
  for (const c of CASES) {
    it(`${c.width}-bit words in ${c.granularity}-bit lanes${c.signed ? ' (signed)' : ''}: built-in = reference = Icarus, lint-clean`, async () => {
      const design = elaborate(portsTop(c.width, c.granularity, c.signed));
      expect(verilatorLint(Object.fromEntries(emitVerilog(design).files), design.top.name)).toBe('');
      expect(await compareWithReference(design, 600, c.width)).toBe('');
      expect(compareWithIcarus(design, { cycles: 600, seed: c.width })).toEqual([]);
    }, 60_000);
  }

  it('the comparison catches a simulator that ignores a lane enable (the test can fail)', async () => {
    // A design whose lane write is rewritten to a whole-word write disagrees with the original on the same stimulus.
    const good = elaborate(portsTop(32, 8));
    const diffs = compareWithIcarus(good, { cycles: 300, seed: 1, patchVerilog: (_n, t) => t.replace(/mem\[waddr\]\[15:8\] <= wdata\[15:8\]/, 'mem[waddr][15:8] <= 8\'d0') });
    expect(diffs.length).toBeGreaterThan(0);
  });

  it('agrees with native and WebAssembly Verilator in lockstep', async () => {
    const design = elaborate(portsTop(72, 9));
    expect((await runLockstep(design, { cycles: 600, seed: 5, verilator: VERILATOR })).ports).toBeGreaterThan(0);
    const d32 = elaborate(portsTop(32, 8));
    expect((await runLockstep(d32, { cycles: 600, seed: 6, backends: ['builtin', 'verilator-wasm'], verilator: VERILATOR })).ports).toBeGreaterThan(0);
  }, 300_000);

  it('the Verilog is a RAM pattern: Yosys infers one $mem with one lane-enabled write port, read enable and transparency', async () => {
    for (const t of ['read-first', 'write-first'] as const) {
      const m = new Module('bram');
      const mem = m.memory('mem', { shape: 32, depth: 256 });
      mem.write(m.input('waddr', 8), m.input('wdata', 32), m.input('wbe', 4), { granularity: 8 });
      m.comb(m.output('q', 32), mem.read(m.input('raddr', 8), { en: m.input('re', 1), transparency: t }));
      const files = Object.fromEntries(emitVerilog(elaborate(m)).files);
      const { log } = await runYosysScript('read_verilog bram.v; hierarchy -top bram; proc; opt; memory -nomap; opt_clean; stat; select -module bram t:$mem_v2; dump', files);
      const stat = log.slice(log.lastIndexOf('Number of cells'));
      expect(stat, t).toMatch(/\$mem_v2\s+1/);
      expect(stat, t).not.toMatch(/\$\w*dff\w*\s+\d/); // the read register went into the memory's read port
      expect(log, t).toMatch(/parameter \\WR_PORTS 1\n/); // the four lane writes are one port with lane enables
      expect(log, t).toMatch(/connect \\RD_EN \\re\n/);
      expect(log, t).toMatch(new RegExp(`parameter \\\\RD_TRANSPARENCY_MASK 1'${t === 'write-first' ? 1 : 0}\\n`));
      const en = /connect \\WR_EN \{([^}]*)\}/.exec(log)![1]!.trim().split(/\s+(?=\$)/);
      expect(new Set(en).size, t).toBe(4); // 32 enable bits, 4 distinct: one per byte
    }
  }, 120_000);

  it('rejects bad port options with the user\'s line', () => {
    const m = new Module('bad');
    const a = m.input('a', 3);
    const mem = m.memory('mem', { shape: 32, depth: 8 });
    expect(() => mem.write(a, 0, 1, { granularity: 5 })).toThrow(/granularity 5 does not divide the word width 32/);
    expect(() => mem.write(a, 0, a.bit(0), { granularity: 8 })).toThrow(/must be 4 bit\(s\) \(one per 8-bit lane\)/);
    expect(() => mem.read(a, { domain: null, en: 1 })).toThrow(HdlError);
    mem.write(a, 0, 0b0101, { granularity: 8 }); // a number is one bit per lane
    expect(mem.writePorts[0]!.en.width).toBe(4);
    expect(() => mem.write(a, 0, 0x1f, { granularity: 8 })).toThrow(/write enable of memory 'mem'/);
    expect(() => mem.read(a, { en: a })).toThrow(/read enable of memory 'mem' must be 1 bit/);
    try { mem.write(a, 0, 3, { granularity: 8 }); } catch (e) { expect((e as Error).message).toContain('memory-ports.test.ts'); }
  });

  it('loads init files; a missing or malformed one is a MemoryFileError naming the file line and the user\'s line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'initfile-'));
    const f = path.join(dir, 'rom.hex');
    fs.writeFileSync(f, '// rom\n0a /* two\nlines */ ff\n@4 1_0 f\n');
    const m = new Module('rom_top');
    const a = m.input('a', 3);
    const rom = m.memory('rom', { shape: signed(8), depth: 8, initFile: f });
    m.comb(m.output('q', signed(8)), rom.read(a, { domain: null }));
    expect(rom.init).toEqual([10n, -1n, 0n, 0n, 16n, 15n, 0n, 0n]);
    const v = emitVerilog(elaborate(m)).combined;
    expect(v).toContain("rom[1] = -8'sd1;");
    fs.writeFileSync(f, '0a\n0b\nzz\n');
    const bad = new Module('bad_rom');
    expect(() => bad.memory('rom', { shape: 8, depth: 8, initFile: f })).toThrow(MemoryFileError);
    expect(() => bad.memory('rom', { shape: 8, depth: 8, initFile: f })).toThrow(/line 3: 'zz' is not a hexadecimal word[\s\S]*memory-ports\.test\.ts:\d+/);
    fs.writeFileSync(f, '@2\n1\n2\n3\n');
    expect(() => bad.memory('rom', { shape: 8, depth: 4, initFile: f })).toThrow(/line 4: word 4 is past the depth 4/);
    expect(() => bad.memory('rom', { shape: 8, depth: 4, initFile: path.join(dir, 'none.hex') })).toThrow(/cannot be read: ENOENT/);
  });
});

// ---- the FIFO with byte enables ----

/** Random writes of bytes, commits and pops against a queue model; returns the number of words checked. */
async function fifoTestbench(kind: BackendKind, seed: number): Promise<number> {
  const design = elaborate(fifoTop());
  const sim = await createSimulator(design, { backend: kind, verilator: VERILATOR });
  const rng = Rng.fromSeed(seed);
  const queue: { data: number; keep: number }[] = [];
  let tail = { data: 0, keep: 0 };
  let expectNext: { data: number; keep: number } | null = null;
  let checked = 0;
  let sawFull = false;
  sim.process(async (ctx) => {
    ctx.set('rst', 1);
    await ctx.tick();
    ctx.set('rst', 0);
    for (let c = 0; c < 400; c++) {
      const wen = rng.below(3) > 0 ? 1 : 0;
      const wbe = rng.below(16);
      const wdata = rng.below(2 ** 16) * 2 ** 16 + rng.below(2 ** 16);
      const wcommit = rng.below(3) === 0 ? 1 : 0;
      const ren = rng.below(c < 200 ? 6 : 2) === 0 ? 1 : 0;
      ctx.set('wen', wen); ctx.set('wbe', wbe); ctx.set('wdata', wdata); ctx.set('wcommit', wcommit); ctx.set('ren', ren);
      await ctx.delay(1);
      const full = ctx.get('full') === 1n;
      const empty = ctx.get('empty') === 1n;
      expect(ctx.getNumber('count')).toBe(queue.length);
      expect(full).toBe(queue.length === 4);
      if (full) sawFull = true;
      if (expectNext) {
        expect(ctx.get('rvalid')).toBe(1n);
        // Bytes the word's writes did not enable are whatever the slot held before: compare the kept bytes.
        const kept = (d: number, keep: number): number => [0, 1, 2, 3].reduce((a, l) => a + ((keep >> l) & 1 ? (Math.floor(d / 2 ** (8 * l)) % 256) * 2 ** (8 * l) : 0), 0);
        expect({ data: kept(ctx.getNumber('rdata'), expectNext.keep), keep: ctx.getNumber('rkeep') }).toEqual({ data: kept(expectNext.data, expectNext.keep), keep: expectNext.keep });
        checked++;
      } else expect(ctx.get('rvalid')).toBe(0n);
      expectNext = null;
      if (ren && !empty) expectNext = queue.shift()!;
      if (!full) {
        if (wen) {
          let d = 0;
          for (let l = 0; l < 4; l++) d += ((wbe >> l) & 1 ? Math.floor(wdata / 2 ** (8 * l)) % 256 : Math.floor(tail.data / 2 ** (8 * l)) % 256) * 2 ** (8 * l);
          tail = { data: d, keep: tail.keep | wbe };
        }
        if (wcommit) { queue.push(tail); tail = { data: tail.data, keep: 0 }; }
      }
      await ctx.tick();
    }
  });
  await sim.run();
  expect(sawFull).toBe(true);
  return checked;
}

describe('ByteFifo (a FIFO with byte enables)', () => {
  it('delivers every committed word with the bytes written, in order, on the built-in simulator', async () => {
    expect(await fifoTestbench('builtin', 11)).toBeGreaterThan(60);
  });

  it('the same testbench passes on native and WebAssembly Verilator', async () => {
    expect(await fifoTestbench('verilator-native', 11)).toBeGreaterThan(60);
    expect(await fifoTestbench('verilator-wasm', 12)).toBeGreaterThan(60);
  }, 300_000);

  it('agrees with the reference interpreter and Icarus, lint-clean, no crossing warnings, matches its golden text', async () => {
    const design = elaborate(fifoTop());
    expect(design.warnings).toEqual([]);
    const out = emitVerilog(design);
    expect(verilatorLint(Object.fromEntries(out.files), 'byte_fifo_top')).toBe('');
    expect(await compareWithReference(design, 800, 3)).toBe('');
    expect(compareWithIcarus(design, { cycles: 800, seed: 4 })).toEqual([]);
    const dir = path.join(GOLDEN, 'byte_fifo_top');
    if (process.env.UPDATE_GOLDEN) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      for (const [f, t] of out.files) fs.writeFileSync(path.join(dir, f), t);
    }
    const want = fs.readdirSync(dir).sort();
    expect([...out.files.keys()].sort()).toEqual(want);
    for (const f of want) expect(out.files.get(f), f).toBe(fs.readFileSync(path.join(dir, f), 'utf8'));
  }, 60_000);
});
