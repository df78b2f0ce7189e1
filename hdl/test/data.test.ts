/**
 * Structs, unions, Vecs and partial assignments: layouts and their views, typed fields, errors naming the user's line,
 * the golden Verilog (part-selects, field comments, lint-clean) and the meaning on the built-in simulator and the
 * reference interpreter against bigint models (a fixed design, and random programs with fast-check).
 * Regenerate the golden after an intended change with `UPDATE_GOLDEN=1 npx vitest run hdl/test/data.test.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../../common/rng.ts';
import { ConstRangeError, HdlError, MeramError, WidthError } from '../core/errors.ts';
import { LayoutError } from '../core/layout.ts';
import { Module } from '../core/module.ts';
import { signed } from '../core/shape.ts';
import { defineStruct, defineUnion } from '../core/struct.ts';
import { Vec } from '../core/vec.ts';
import { elaborate } from '../ir/elaborate.ts';
import { emitVerilog } from '../backend/verilog.ts';
import { DesignRuleErrors } from '../core/errors.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';
import { checkIcarus } from '../../sim/tools/icarus.ts';
import { yosysCheck } from '../../synth/yosys.ts';
import { ReferenceInterpreter } from '../../sim/reference/interpreter.ts';
import { BuiltinBackend } from '../../sim/builtin/engine.ts';
import { Simulator } from '../../sim/testbench/simulator.ts';
import { DataRegsModel, Entry, Kind, Regs, dataRegs, fifoTop, type DataRegsIn } from './support/data-designs.ts';
import { WIDTH, longProgram, programArb, programModule, runProgram } from './support/partial-programs.ts';

const GOLDEN = path.join(import.meta.dirname, 'golden', 'data_regs');

/** The error `f` throws (failing the test when it throws none). */
function thrown(f: () => unknown): Error {
  try { f(); } catch (e) { return e as Error; }
  throw new Error('expected an error');
}
/** The error names a line of this file, not one of the library. */
function namesThisFile(e: Error): void {
  expect(e).toBeInstanceOf(MeramError);
  expect((e as MeramError).locs[0]?.file).toMatch(/data\.test\.ts$/);
}

describe('layouts', () => {
  const Pos = defineStruct('pos', { x: 3, y: signed(3) });
  const Rec = defineStruct('rec', { valid: 1, pos: Pos, tags: Vec(3, 2), kind: Kind });

  it('place struct fields from bit 0 in order, nest structs and Vecs, and round-trip encode/decode', () => {
    expect(Entry.width).toBe(12);
    expect(Entry.offsets).toEqual({ valid: 0, kind: 1, value: 3, tag: 9 });
    expect(Rec.width).toBe(1 + 6 + 6 + 2);
    expect(Rec.offsets.tags).toBe(7);
    expect(Rec.describe()).toBe('struct rec: valid [0], pos [6:1] pos, tags [12:7] vec3, kind [14:13]');
    expect(Regs.describe()).toBe('vec4: 4 x entry');
    const bits = Rec.encode({ valid: 1, pos: { x: 5, y: -2 }, tags: [3, 0, 1], kind: Kind.encoding('SET') });
    expect(bits).toBe(1n | (5n << 1n) | (6n << 4n) | (3n << 7n) | (1n << 11n) | (2n << 13n));
    expect(Rec.decode(bits)).toEqual({ valid: 1n, pos: { x: 5n, y: -2n }, tags: [3n, 0n, 1n], kind: 2n });
    expect(Vec(2, 8).encode([1, 2])).toBe(0x0201n);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 15n) - 1n }), (b) => Rec.encode(Rec.decode(b)) === b));
  });

  it('unions start every field at bit 0, are as wide as the widest and pack one field', () => {
    const Word = defineUnion('word', { u: 16, s: signed(16), bytes: Vec(2, 8), flag: 1 });
    expect(Word.width).toBe(16);
    expect(Word.offsets).toEqual({ u: 0, s: 0, bytes: 0, flag: 0 });
    expect(Word.encode({ s: -1 })).toBe(0xffffn);
    expect(Word.decode(0x8001n)).toEqual({ u: 0x8001n, s: -0x7fffn, bytes: [1n, 0x80n], flag: 1n });
    expect(() => Word.pack({ u: 1, flag: 1 })).toThrow(/union 'word': give one field, got u, flag/);
  });

  it('views type their fields: a misspelt field or a wrong pack key is a compile error', () => {
    const m = new Module('typed');
    const r = Rec.signal(m, 'r');
    expect(r.fields.pos.fields.y.shape).toEqual(signed(3));
    expect(r.fields.tags.at(2).width).toBe(2);
    expect(r.fields.tags.length).toBe(3);
    // @ts-expect-error: no field 'vald'
    expect(r.fields.vald).toBeUndefined();
    // @ts-expect-error: no field 'z' in pos
    expect(() => Rec.pack({ pos: { z: 1 } })).toThrow(/struct 'pos' has no field 'z' \(fields: x, y\)/);
    // @ts-expect-error: a struct's at() does not exist
    expect(r.at).toBeUndefined();
  });

  it('reject wrong uses with typed errors that name the line of the use', () => {
    const m = new Module('errs');
    const e = Entry.signal(m, 'e');
    const regs = Regs.signal(m, 'regs');
    const wide = m.input('wide', 8);
    const sidx = m.input('sidx', signed(2));
    const a = m.input('a', 4);
    let err = thrown(() => m.sync(e.fields.tag, wide));
    expect(err).toBeInstanceOf(WidthError);
    expect(err.message).toMatch(/assignment to 'e\.tag': cannot assign u8 to u3/);
    namesThisFile(err);
    err = thrown(() => m.sync(regs.at(1).fields.value, 40));
    expect(err).toBeInstanceOf(ConstRangeError);
    expect(err.message).toMatch(/assignment to 'regs\[1\]\.value': 40 does not fit s6/);
    namesThisFile(err);
    err = thrown(() => regs.at(4));
    expect(err).toBeInstanceOf(LayoutError);
    expect(err.message).toMatch(/regs\.at\(4\): index out of range for 4 elements \(valid: 0\.\.3\)/);
    namesThisFile(err);
    expect(() => regs.at(sidx)).toThrow(/index must be unsigned, got s2/);
    err = thrown(() => m.sync(a.add(1), 0));
    expect(err).toBeInstanceOf(HdlError);
    expect(err.message).toMatch(/a u5 expression cannot be assigned/);
    namesThisFile(err);
    expect(() => m.sync(e.fields.kind, a.bits(2, 0))).toThrow(WidthError); // u3 into the 2-bit enum field
    expect(() => Entry.view(wide)).toThrow(/entry is 12 bits wide, the value viewed is u8/);
    expect(() => m.sync(wide.bits(3, 0), 1)).toThrow(/'wide' is an input/);
    expect(() => Vec(3, 4).pack([1, 2, 3, 4])).toThrow(/4 elements given for a Vec of 3/);
    expect(() => Entry.encode({ tag: a.bits(2, 0) })).toThrow(/encode\(\) takes constants only/);
  });

  it('a slice driven combinationally and another in a domain are two drivers of one signal', () => {
    const m = new Module('two_kinds');
    const a = m.input('a', 4);
    const x = m.output('x', 8);
    m.comb(x.bits(3, 0), a);
    m.sync(x.bits(7, 4), a);
    const err = thrown(() => elaborate(m));
    expect(err).toBeInstanceOf(DesignRuleErrors);
    expect(err.message).toMatch(/\[multiple-drivers\].*'x' has 2 drivers/);
  });
});

/** Random inputs of {@link dataRegs} for one cycle. */
function randomIn(rng: Rng): DataRegsIn {
  const bits = (w: number): bigint => rng.bits(w);
  return { we: bits(1), waddr: bits(2), wkind: bits(2) % 3n, wvalue: BigInt.asIntN(6, bits(6)), raddr: bits(2), clr: bits(3) === 0n ? 1n : 0n, oi: bits(3), od: bits(4) };
}

describe('partial assignments', () => {
  it('print as part-selects with field comments: golden text, lint-clean', () => {
    const out = emitVerilog(elaborate(dataRegs()));
    if (process.env.UPDATE_GOLDEN) {
      fs.rmSync(GOLDEN, { recursive: true, force: true });
      fs.mkdirSync(GOLDEN, { recursive: true });
      for (const [f, t] of out.files) fs.writeFileSync(path.join(GOLDEN, f), t);
    }
    const want = fs.readdirSync(GOLDEN).sort();
    expect([...out.files.keys()].sort()).toEqual(want);
    for (const f of want) expect(out.files.get(f), f).toBe(fs.readFileSync(path.join(GOLDEN, f), 'utf8'));
    const v = out.files.get('data_regs.v')!;
    expect(v).toContain('reg [47:0] regs; // vec4: 4 x entry');
    expect(v).toMatch(/2'd1: begin\n\s+regs\[12\] <= 1'd0;/); // element 1's valid field, by a case on the index
    expect(v).toMatch(/case \(waddr\)/);
    expect(verilatorLint(Object.fromEntries(out.files), 'data_regs')).toBe('');
  });

  it('the register file and the FIFO are accepted by Icarus and Yosys, and lint-clean, in both sets', async () => {
    for (const make of [dataRegs, fifoTop]) {
      for (const set of ['synthesis', 'simulation'] as const) {
        const out = emitVerilog(elaborate(make()), { set });
        const files = Object.fromEntries(out.files);
        expect(verilatorLint(files, out.top)).toBe('');
        expect(checkIcarus(files, out.top)).toBe('');
        expect(await yosysCheck(files, out.top)).toContain('Found and reported 0 problems');
      }
    }
  }, 120_000);

  it('a register file of structs matches its model on the built-in simulator and the reference interpreter', () => {
    const design = elaborate(dataRegs());
    const ref = new ReferenceInterpreter(design.flat);
    const sim = new BuiltinBackend(design);
    const model = new DataRegsModel();
    const m = design.top;
    const port = (n: string) => m.ports.find((p) => p.signal.name === n)!.signal;
    const rng = Rng.fromSeed(11);
    sim.set('rst', 0);
    ref.set(port('rst'), 0);
    for (let cycle = 0; cycle < 400; cycle++) {
      const i = randomIn(rng);
      for (const [k, v] of Object.entries(i)) { sim.set(k, v); ref.set(port(k), v); }
      sim.eval();
      const want = model.outputs(i);
      for (const [k, v] of Object.entries(want)) {
        expect(sim.get(k), `builtin ${k} cycle ${cycle}`).toBe(v);
        expect(ref.get(port(k)), `reference ${k} cycle ${cycle}`).toBe(v);
      }
      model.step(i);
      sim.step('clk');
      ref.step('sync');
    }
    sim.dispose();
  });

  it('random programs of partial assignments agree with the model on both simulators (fast-check)', () => {
    fc.assert(fc.property(programArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (p, seed) => {
      const design = elaborate(programModule(p));
      const ref = new ReferenceInterpreter(design.flat);
      const sim = new BuiltinBackend(design);
      const port = (n: string) => design.top.ports.find((q) => q.signal.name === n)!.signal;
      const rng = Rng.fromSeed(seed);
      let r = BigInt(p.regReset);
      sim.set('rst', 0);
      ref.set(port('rst'), 0);
      for (let cycle = 0; cycle < 8; cycle++) {
        const ins = { a: rng.bits(WIDTH), b: rng.bits(WIDTH), c: rng.bits(WIDTH), k: rng.bits(4) };
        for (const [k, v] of Object.entries(ins)) { sim.set(k, v); ref.set(port(k), v); }
        sim.eval();
        const w = runProgram(p, BigInt(p.combReset), ins);
        expect(sim.get('w')).toBe(w);
        expect(ref.get(port('w'))).toBe(w);
        expect(sim.get('r')).toBe(r);
        expect(ref.get(port('r'))).toBe(r);
        r = runProgram(p, r, ins);
        sim.step('clk');
        ref.step('sync');
      }
      sim.dispose();
    }), { numRuns: 40, seed: 15 });
  });

  it('a long run of conditional partial assignments (deep trees become whole values) agrees with the model', () => {
    const p = longProgram();
    const design = elaborate(programModule(p));
    const sim = new BuiltinBackend(design);
    const rng = Rng.fromSeed(3);
    let r = 0x1234n;
    sim.set('rst', 0);
    for (let cycle = 0; cycle < 50; cycle++) {
      const ins = { a: rng.bits(WIDTH), b: rng.bits(WIDTH), c: rng.bits(WIDTH), k: rng.bits(4) };
      for (const [k, v] of Object.entries(ins)) sim.set(k, v);
      sim.eval();
      expect(sim.get('w')).toBe(runProgram(p, 0xbeefn, ins));
      expect(sim.get('r')).toBe(r);
      r = runProgram(p, r, ins);
      sim.step('clk');
    }
    sim.dispose();
  });

  it('overlapping partial assignments: the later wins, so a model with the order reversed is caught', () => {
    const stmts = [{ kind: 'part', lo: 0, hi: 7, src: 0, cond: -1, elseSrc: -1 }, { kind: 'part', lo: 4, hi: 11, src: 1, cond: -1, elseSrc: -1 }] as const;
    const p = { stmts, regReset: 0, combReset: 0xffff };
    const ins = { a: 0x00ffn, b: 0x0000n, c: 0n, k: 0n };
    const sim = new BuiltinBackend(elaborate(programModule(p)));
    for (const [k, v] of Object.entries(ins)) sim.set(k, v);
    sim.eval();
    expect(sim.get('w')).toBe(runProgram(p, 0xffffn, ins));
    expect(sim.get('w')).toBe(0xf00fn);
    expect(runProgram({ ...p, stmts: [stmts[1], stmts[0]] }, 0xffffn, ins)).not.toBe(sim.get('w'));
    sim.dispose();
  });
});

describe('docs/hdl-language.md', () => {
  it('the struct and Vec example runs as printed and prints part-selects and field comments', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const doc = fs.readFileSync(path.join(root, 'docs', 'hdl-language.md'), 'utf8');
    const code = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((x) => x[1]!).find((b) => b.includes("Vec(4, Entry).signal(m, 'regs')"))!;
    const file = path.join(root, 'build', 'docs-data-example.ts');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, code.replace("'./hdl/index.ts'", "'../hdl/index.ts'"));
    const printed = execFileSync(path.join(root, 'node_modules/.bin/tsx'), [file], { cwd: root, encoding: 'utf8' });
    expect(printed).toContain('reg [47:0] regs; // vec4: 4 x entry');
    expect(printed).toContain("regs[11:9] <= regs[11:9] + 3'd1;");
    expect(printed).toMatch(/case \(waddr\)\n\s+2'd0: begin\n\s+regs\[11:0\] <= /);
  });
});

describe('waveforms', () => {
  it('a struct or Vec signal shows each leaf field as a VCD variable when asked', async () => {
    const m = new Module('wave');
    const x = m.input('x', 3);
    const Pos = defineStruct('pos', { x: 3, y: signed(3) });
    const p = Pos.signal(m, 'p');
    const tags = Vec(2, Pos).signal(m, 'tags');
    m.sync(p.fields.x, x);
    m.sync(p.fields.y, -1);
    m.sync(tags.at(1).fields.y, x.asSigned());
    const sim = new Simulator(elaborate(m), { vcd: { path: '/dev/null', fields: true } });
    sim.process(async (ctx) => { ctx.set(x, 5); await ctx.tick(); await ctx.tick(); });
    await sim.run();
    const text = sim.vcdText()!;
    expect(text).toMatch(/\$var reg 6 (\S+) p \[5:0\] \$end/);
    const id = (name: string): string => new RegExp(`\\$var wire \\d+ (\\S+) ${name} `).exec(text)![1]!;
    expect(text).toMatch(/\$var wire 3 \S+ tags_1_y \[2:0\] \$end/);
    expect(text).toContain(`b101 ${id('p_x')}`);
    expect(text).toContain(`b111 ${id('p_y')}`);
    expect(text).toContain(`b101 ${id('tags_1_y')}`);
    const plain = new Simulator(elaborate(m), { vcd: { path: '/dev/null' } });
    plain.process(async (ctx) => { await ctx.tick(); });
    await plain.run();
    expect(plain.vcdText()).not.toMatch(/p_x/);
  });
});
