/**
 * The netlist IR and elaboration: frozen modules, designs of any depth, the corrected design rules (undriven
 * signals, late ports, names, widths, booleans, clock-domain crossings through logic and memory ports), grouped
 * processes and exact lint waivers in the Verilog, and the passes (constant folding, CSE, dead logic).
 */
import { describe, expect, it } from 'vitest';
import { emitVerilog } from '../backend/verilog.ts';
import { AlreadyElaboratedError, DesignRuleErrors, HdlError, WidthError } from '../core/errors.ts';
import { Module } from '../core/module.ts';
import { C, select, type Value } from '../core/value.ts';
import { elaborate } from '../ir/elaborate.ts';
import { foldConstants, mergeCommon, optimize, removeDeadLogic } from '../ir/passes/optimize.ts';
import { groupProcesses } from '../ir/passes/processes.ts';
import { BuiltinBackend } from '../../sim/builtin/engine.ts';
import { ReferenceInterpreter } from '../../sim/reference/interpreter.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';

const here = 'hdl/test/ir.test.ts';

describe('frozen modules', () => {
  it('a change after elaboration is an AlreadyElaboratedError naming the change and the elaboration', () => {
    const m = new Module('frozen');
    const a = m.input('a', 4);
    const y = m.output('y', 4);
    m.comb(y, a);
    elaborate(m);
    const z = () => m.signal('z', 4);
    expect(z).toThrow(AlreadyElaboratedError);
    try { z(); } catch (e) {
      const err = e as AlreadyElaboratedError;
      expect(err.locs.length).toBe(2);
      expect(err.locs.every((l) => l.file === here)).toBe(true);
      expect(err.locs[0]!.line).not.toBe(err.locs[1]!.line);
    }
    expect(() => m.comb(y, a.add(1).trunc(4))).toThrow(AlreadyElaboratedError);
    expect(() => m.If(a.eq(0), () => {})).toThrow(AlreadyElaboratedError);
    expect(() => m.memory('mem', { shape: 4, depth: 2 })).toThrow(AlreadyElaboratedError);
  });

  it('elaborating twice gives the same Verilog (nothing can go stale)', () => {
    const m = new Module('twice');
    const a = m.input('a', 4);
    const y = m.output('y', 4);
    m.sync(y, a);
    expect(emitVerilog(elaborate(m)).combined).toBe(emitVerilog(elaborate(m)).combined);
  });
});

/** A chain of `n` operators: y = ((a + 1) ^ 3) + 1 ... truncated to 16 bits each step. */
function chain(n: number): Module {
  const m = new Module(`chain${n}`);
  const a = m.input('a', 16);
  const y = m.output('y', 16);
  let v: Value = a;
  for (let i = 0; i < n; i++) v = i % 2 ? v.xor(i & 0xffff) : v.add(1).trunc(16);
  m.sync(y, v);
  return m;
}

describe('designs of any depth', () => {
  // Verilator's lint of the 10^5 chain takes minutes: bench/hdl-build.ts runs it; here a 10^4 chain is linted.
  it('a 10^5-deep operator chain elaborates, emits and simulates like the reference; a 10^4 chain passes lint', () => {
    const small = emitVerilog(elaborate(chain(10_000)));
    expect(verilatorLint(Object.fromEntries(small.files), small.top)).toBe('');
    const design = elaborate(chain(100_000));
    expect(emitVerilog(design).combined.length).toBeGreaterThan(100_000);
    const sim = new BuiltinBackend(design);
    const ref = new ReferenceInterpreter(design.flat);
    for (const x of [0, 1, 0x1234, 0xffff]) {
      sim.set('a', x); sim.set('rst', 0); sim.step('clk');
      ref.set(design.flat.inputs[0]!, BigInt(x)); ref.set(design.flat.domains[0]!.rst!, 0n); ref.step();
      expect(sim.get('y')).toBe(ref.get(design.flat.outputs[0]!));
    }
  });

  it('a 10^4-way select and a 10^4-branch Elif chain elaborate, emit, lint and simulate', () => {
    const m = new Module('wide_select');
    const s = m.input('s', 14);
    const y = m.output('y', 14);
    const z = m.output('z', 14);
    m.comb(y, select(s, Array.from({ length: 10_000 }, (_, i) => [[i], C((i * 7) % 16384, 14)] as const), C(0, 14)));
    let ch = m.If(s.eq(0), () => m.comb(z, 1));
    for (let i = 1; i < 10_000; i++) ch = ch.Elif(s.eq(i), () => m.comb(z, (i * 3) % 16384));
    const design = elaborate(m);
    const v = emitVerilog(design);
    expect(verilatorLint(Object.fromEntries(v.files), v.top)).toBe('');
    const sim = new BuiltinBackend(design);
    for (const x of [0, 1, 9_999, 10_000, 16383]) {
      sim.set('s', x); sim.eval();
      expect(sim.get('y')).toBe(x < 10_000 ? BigInt((x * 7) % 16384) : 0n);
      expect(sim.get('z')).toBe(x === 0 ? 1n : x < 10_000 ? BigInt((x * 3) % 16384) : 0n);
    }
  });

  it('10^4 sequential Ifs on one register make one flat chain (the last true one wins): elaborate, emit, lint, simulate', () => {
    const m = new Module('sequential_ifs');
    const s = m.input('s', 14);
    const y = m.output('y', 14);
    for (let i = 0; i < 10_000; i++) m.If(s.eq(i).or(s.eq(i + 1)), () => m.sync(y, i));
    const design = elaborate(m);
    const rule = design.flat.drivers.find((d) => d.target === design.flat.indexOf.get(y))!.rule;
    expect(rule.kind === 'if' && rule.branches.length).toBe(10_000);
    const v = emitVerilog(design);
    expect(verilatorLint(Object.fromEntries(v.files), v.top)).toBe('');
    const sim = new BuiltinBackend(design);
    sim.set('rst', 0);
    for (const x of [0, 1, 5_000, 9_999, 10_000, 12_000]) {
      sim.set('s', x); sim.step('clk');
      // s matches If i = s - 1 and If i = s; the later statement wins.
      const want = x < 10_000 ? x : x === 10_000 ? 9_999 : null;
      if (want !== null) expect(sim.get('y')).toBe(BigInt(want));
    }
  });
});

describe('design rules', () => {
  it('an undriven signal is a warning and reads as its reset value, driven by that constant in the Verilog', () => {
    const m = new Module('undriven');
    const y = m.output('y', 4);
    const f = m.signal('floating', 4, { reset: 9 });
    m.comb(y, f);
    const d = elaborate(m);
    expect(d.warnings.map((w) => w.rule)).toEqual(['undriven-signal']);
    expect(d.warnings[0]!.locs[0]!.file).toBe(here);
    expect(emitVerilog(d).combined).toContain("assign floating = 4'd9;");
    const sim = new BuiltinBackend(d);
    expect(sim.get('y')).toBe(9n);
  });

  it('a port added to a child after it was instantiated is an error naming both lines', () => {
    const child = new Module('child');
    const i = child.input('i', 1);
    const o = child.output('o', 1);
    child.comb(o, i);
    const top = new Module('top_late');
    const a = top.input('a', 1);
    const y = top.output('y', 1);
    top.comb(y, top.submodule('u', child, { i: a }).o!);
    child.input('late', 1);
    try { elaborate(top); expect.unreachable(); } catch (e) {
      const err = (e as DesignRuleErrors).errors.find((x) => x.rule === 'late-port')!;
      expect(err.message).toContain("port 'late'");
      expect(err.locs.length).toBe(2);
    }
  });

  it('a renamed duplicate signal appears in nameMap', () => {
    const m = new Module('dups');
    const y = m.output('y', 2);
    const x1 = m.signal('x', 1);
    const x2 = m.signal('x', 1);
    m.comb(x1, 1);
    m.comb(x2, 0);
    m.comb(y, x1.replicate(1).zext(2).or(x2));
    expect(x2.name).toBe('x_1');
    expect(elaborate(m).nameMap()).toEqual({ 'dups.x': 'x_1' });
  });

  it('bad widths are WidthErrors naming the user line', () => {
    for (const w of [0, -3, 2.5, 1e6]) {
      const m = new Module('w');
      try { m.signal('s', w); expect.unreachable(); } catch (e) {
        expect(e).toBeInstanceOf(WidthError);
        expect((e as WidthError).locs[0]!.file).toBe(here);
      }
    }
  });

  it('a JavaScript boolean is refused where a hardware value is expected', () => {
    const m = new Module('bools');
    const a = m.input('a', 1);
    const b = m.input('b', 1);
    const y = m.output('y', 1);
    // @ts-expect-error: a === b is a JavaScript comparison, not hardware
    expect(() => m.If(a === b, () => m.comb(y, 1))).toThrow(HdlError);
    // @ts-expect-error: booleans are not ValueLike
    expect(() => m.comb(y, true)).toThrow(/boolean/);
    m.comb(y, a.eq(b)); // the hardware comparison
  });

  it('a crossing through combinational logic and through memory ports warns', () => {
    const m = new Module('cdc');
    m.domain('fast');
    const d = m.input('d', 4);
    const r = m.signal('r', 4);
    m.domain('fast').sync(r, d);
    const y = m.output('y', 4);
    m.sync(y, r.not()); // through logic: was missed
    const mem = m.memory('mem', { shape: 4, depth: 4 });
    mem.write(r.trunc(2), r, C(1, 1)); // write port of `sync` fed from `fast`
    const q = m.output('q', 4);
    m.comb(q, mem.read(C(0, 2), { domain: 'fast' })); // read in `fast` of words written in `sync`
    const warnings = elaborate(m).warnings.filter((w) => w.rule === 'domain-crossing').map((w) => w.message);
    expect(warnings.some((w) => w.includes("register 'y'") && w.includes("'r'"))).toBe(true);
    expect(warnings.some((w) => w.includes("write port of memory 'mem'") && w.includes("'r'"))).toBe(true);
    expect(warnings.some((w) => w.includes("read port of memory 'mem'") && w.includes("written in domain 'sync'"))).toBe(true);
  });
});

describe('Verilog processes and lint waivers', () => {
  function fsmDesign(): Module {
    const m = new Module('grouped');
    const go = m.input('go', 1);
    const a = m.output('a', 4);
    const b = m.output('b', 4);
    const dbg = m.signal('dbg', 8); // read in part only
    m.comb(dbg, C(0x5a, 8));
    const fsm = m.fsm('ctl', ['IDLE', 'RUN', 'DONE']);
    fsm.state('IDLE', () => m.If(go, () => { fsm.next('RUN'); m.sync(a, 0); }));
    fsm.state('RUN', () => { m.sync(a, a.add(1).trunc(4)); m.sync(b, dbg.bits(3, 0)); fsm.next('DONE'); });
    fsm.state('DONE', () => fsm.next('IDLE'));
    return m;
  }

  it('registers of one domain share one process with one case on the state', () => {
    const d = elaborate(fsmDesign());
    expect(groupProcesses(d.top).length).toBe(1);
    const v = emitVerilog(d).combined;
    expect(v.match(/always @\(posedge clk\)/g)!.length).toBe(1);
    expect(v.match(/case \(ctl_state\)/g)!.length).toBe(1);
    { const v = emitVerilog(d); expect(verilatorLint(Object.fromEntries(v.files), v.top)).toBe(''); }
  });

  it('waives lint on exactly the names read in part, not on the whole module', () => {
    const v = emitVerilog(elaborate(fsmDesign())).combined;
    const waived = [...v.matchAll(/lint_off UNUSEDSIGNAL \*\/\n\s*(.*)\n/g)].map((x) => x[1]);
    expect(waived).toEqual(['wire [7:0] dbg;']);
  });
});

describe('passes', () => {
  function constantHeavy(): Module {
    const m = new Module('consts');
    const a = m.input('a', 8);
    const y = m.output('y', 8);
    const z = m.output('z', 9);
    const k = C(3, 8).add(C(4, 8)).trunc(8); // 7: folds
    m.sync(y, a.xor(k).and(C(1, 1).eq(1).replicate(8)));
    m.comb(z, a.add(k).or(k.add(a))); // a+7 and 7+a merge
    const dead = m.signal('dead', 8);
    m.sync(dead, a.mul(a).trunc(8));
    return m;
  }

  it('constant folding shrinks the table and keeps every value', () => {
    const d = elaborate(constantHeavy());
    const folded = foldConstants(d.flat);
    const ops = (f: typeof folded): number => f.cells.filter((c) => c.kind === 'op').length;
    expect(ops(folded)).toBeLessThan(ops(d.flat));
    const plain = new ReferenceInterpreter(d.flat);
    const opt = new ReferenceInterpreter(folded);
    for (const x of [0n, 5n, 200n, 255n]) {
      for (const r of [plain, opt]) { r.set(d.flat.inputs[0]!, x); r.set(d.flat.domains[0]!.rst!, 0n); r.step(); }
      for (const o of d.flat.outputs) expect(opt.get(o)).toBe(plain.get(o));
    }
  });

  it('common subexpressions that differ in operand order merge', () => {
    const d = elaborate(constantHeavy());
    const before = foldConstants(d.flat).cells.filter((c) => c.kind === 'op' && c.op === 'add').length;
    const after = mergeCommon(foldConstants(d.flat)).cells.filter((c) => c.kind === 'op' && c.op === 'add').length;
    expect(after).toBe(before - 1);
  });

  it('dead logic goes unless kept, and a removed signal cannot be read', () => {
    const d = elaborate(constantHeavy());
    const dead = d.flat.find('dead')!;
    expect(removeDeadLogic(d.flat, []).removed.has(d.flat.indexOf.get(dead)!)).toBe(true);
    expect(removeDeadLogic(d.flat, [dead]).removed.size).toBe(0);
    expect(optimize(d.flat).removed.size).toBe(0); // without a keep list every signal stays
    const sim = new BuiltinBackend(d, { keep: [] });
    expect(() => sim.get('dead')).toThrow(/removed as dead logic/);
    expect(new BuiltinBackend(d).get('dead')).toBe(0n);
  });
});
