/**
 * VCD output: GTKWave's vcd2fst reads it, and its values equal, signal by signal and time by time, the VCD that Icarus
 * dumps for the emitted Verilog of the same design and stimulus.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitVerilog } from '../../../hdl/backend/verilog.ts';
import { Module } from '../../../hdl/core/module.ts';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import { signed } from '../../../hdl/core/shape.ts';
import { runIcarus } from '../../tools/icarus.ts';
import { runTool } from '../../tools/run-tool.ts';
import { Simulator } from '../simulator.ts';

/** Value changes by hierarchical name: for each name, [time, bits][] in file order. */
export function parseVcd(text: string): Map<string, [number, string][]> {
  const byId = new Map<string, string[]>();
  const scopes: string[] = [];
  const out = new Map<string, [number, string][]>();
  let t = 0;
  const tokens = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok === '$scope') { scopes.push(tokens[i + 2]!); i += 3; }
    else if (tok === '$upscope') { scopes.pop(); i += 1; }
    else if (tok === '$var') {
      const id = tokens[i + 3]!;
      const name = [...scopes, tokens[i + 4]!].join('.');
      (byId.get(id) ?? byId.set(id, []).get(id)!).push(name);
      out.set(name, []);
      while (tokens[i] !== '$end') i++;
    } else if (tok.startsWith('$') && tok !== '$dumpvars' && tok !== '$end') { while (tokens[i] !== '$end') i++; }
    else if (tok[0] === '#') t = Number(tok.slice(1));
    else if (tok[0] === 'b' || tok[0] === 'B') {
      for (const n of byId.get(tokens[i + 1]!) ?? []) out.get(n)!.push([t, tok.slice(1)]);
      i++;
    } else if (/^[01xz]/.test(tok)) for (const n of byId.get(tok.slice(1)) ?? []) out.get(n)!.push([t, tok[0]!]);
  }
  return out;
}

/** The value (as a bigint of bits; -1n for x/z) at each time, the last change at a time winning. */
function valueAt(changes: [number, string][], time: number): bigint {
  let v = -1n;
  for (const [t, bits] of changes) {
    if (t > time) break;
    v = /[xz]/i.test(bits) ? -1n : BigInt(`0b${bits}`);
  }
  return v;
}

function design(): Module {
  const child = new Module('acc');
  const x = child.input('x', signed(8));
  const total = child.output('total', signed(16));
  child.sync(total, total.add(x).trunc(16));
  const top = new Module('top');
  const en = top.input('en', 1);
  const din = top.input('din', signed(8));
  const count = top.output('count', 8);
  const wide = top.output('wide', 70);
  const parity = top.output('parity', 1);
  const slow = top.output('slow', 4);
  top.If(en, () => top.sync(count, count.add(1).trunc(8)));
  top.sync(wide, wide.shl(3).xor(count.zext(70)).add(5).trunc(70));
  top.comb(parity, count.xorReduce());
  top.domain('aux', { reset: 'none' }).sync(slow, slow.add(1).trunc(4));
  const { total: t } = top.submodule('u_acc', child, { x: din });
  const sum = top.output('sum', signed(16));
  top.comb(sum, t!);
  return top;
}

describe('VCD writer', () => {
  it('writes a file GTKWave converts and that equals the Icarus dump value for value', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meram-vcd-'));
    const top = design();
    const d = elaborate(top);
    const vcdFile = path.join(dir, 'ours.vcd');
    const sim = new Simulator(d, { clocks: { sync: 10_000, aux: { period: 7_000, phase: 500 } }, vcd: vcdFile });
    const stimulus: [number, string, number][] = [[3_000, 'en', 1], [3_000, 'din', -5], [23_000, 'din', 7], [41_000, 'en', 0], [52_000, 'din', 100], [63_000, 'en', 1]];
    sim.process(async (ctx) => {
      let now = 0;
      for (const [t, sig, v] of stimulus) {
        await ctx.delay(t - now);
        now = t;
        ctx.set(sig, v);
      }
    });
    await sim.run(120_000);
    const ours = fs.readFileSync(vcdFile, 'utf8');
    runTool('vcd2fst', [vcdFile, path.join(dir, 'ours.fst')]);
    expect(fs.statSync(path.join(dir, 'ours.fst')).size).toBeGreaterThan(0);

    // The same stimulus for the emitted Verilog in Icarus.
    const v = emitVerilog(d, { set: 'simulation' });
    const tb = [
      '`timescale 1ps/1ps', 'module tb;',
      '  reg clk = 0, rst = 0, aux_clk = 0, en = 0;', '  reg signed [7:0] din = 0;',
      '  wire [7:0] count; wire [69:0] wide; wire parity; wire [3:0] slow; wire signed [15:0] sum;',
      '  top dut (.clk(clk), .rst(rst), .aux_clk(aux_clk), .en(en), .din(din), .count(count), .wide(wide), .parity(parity), .slow(slow), .sum(sum));',
      '  initial begin #10000; forever begin clk = 1; #5000 clk = 0; #5000; end end',
      '  initial begin #7500; forever begin aux_clk = 1; #3500 aux_clk = 0; #3500; end end',
      '  initial begin $dumpfile("icarus.vcd"); $dumpvars(0, tb.dut);',
      ...stimulus.map(([t, s, val], i) => `    #${t - (i ? stimulus[i - 1]![0] : 0)} ${s} = ${val};`),
      `    #${120_000 - stimulus[stimulus.length - 1]![0]} $finish;`, '  end', 'endmodule', '',
    ].join('\n');
    const run = runIcarus({ ...Object.fromEntries(v.files), 'tb.v': tb }, 'tb');
    const icarus = parseVcd(fs.readFileSync(path.join(run.dir, 'icarus.vcd'), 'utf8'));
    const mine = parseVcd(ours);

    const names = [...mine.keys()];
    expect(names).toContain('top.u_acc.total');
    const problems: string[] = [];
    for (const name of names) {
      const theirs = icarus.get(name.replace(/^top\./, 'tb.dut.'));
      if (!theirs) { problems.push(`${name}: not in the Icarus dump`); continue; }
      const mineCh = mine.get(name)!;
      const times = [...new Set([...mineCh.map((c) => c[0]), ...theirs.map((c) => c[0])])].sort((a, b) => a - b);
      for (const t of times) {
        const a = valueAt(mineCh, t);
        const b = valueAt(theirs, t);
        if (a !== b) { problems.push(`${name} at ${t} ps: ours ${a}, icarus ${b}`); break; }
      }
    }
    expect(problems).toEqual([]);
    expect(names.length).toBeGreaterThan(10);
  });
});

describe('VCD on every backend, streamed', () => {
  function counter(): Module {
    const m = new Module('vcd_counter');
    const en = m.input('en', 1);
    const q = m.output('q', 4);
    m.If(en, () => m.sync(q, q.add(1).trunc(4)));
    return m;
  }
  const run = async (backend: 'builtin' | 'verilator-native', file: string): Promise<string> => {
    const { createSimulator } = await import('../../factory.ts');
    const design = elaborate(counter());
    const sim = await createSimulator(design, { backend, clocks: { sync: 1000 }, vcd: { path: file, signals: ['en', 'q', 'clk'] } });
    sim.process(async (ctx) => { ctx.set('en', 1); await ctx.tick('sync', 6); ctx.set('en', 0); await ctx.tick('sync', 2); });
    await sim.run();
    sim.closeWaveform();
    return fs.readFileSync(file, 'utf8');
  };

  it('a testbench on native Verilator writes the same port waveform as on the built-in simulator', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcd-'));
    const a = parseVcd(await run('builtin', path.join(dir, 'a.vcd')));
    const b = parseVcd(await run('verilator-native', path.join(dir, 'b.vcd')));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) expect(b.get(k), k).toEqual(v);
    expect(a.get('vcd_counter.q')!.map(([, bits]) => parseInt(bits, 2))).toContain(6);
  });

  it('streams to a temporary file: a snapshot at every save, and nothing left behind after close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcd-'));
    const file = path.join(dir, 'w.vcd');
    const text = await run('builtin', file);
    expect(text).toContain('$enddefinitions');
    expect(fs.readdirSync(dir)).toEqual(['w.vcd']); // no temporary or partial files remain
  });
});
