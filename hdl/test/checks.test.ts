/** Design-rule checks: each names the cause and the user's source lines; a failing design never reaches a backend. */
import { describe, expect, it } from 'vitest';
import { Module } from '../core/module.ts';
import { elaborate } from '../ir/elaborate.ts';
import { C, mux } from '../core/value.ts';
import { signed, unsigned } from '../core/shape.ts';
import { ConstRangeError, DesignRuleErrors, HdlError, WidthError } from '../core/errors.ts';
import { emitVerilog } from '../backend/verilog.ts';

const THIS_FILE = 'hdl/test/checks.test.ts';

function ruleErrors(f: () => unknown): DesignRuleErrors {
  try {
    f();
  } catch (e) {
    if (e instanceof DesignRuleErrors) return e;
    throw e;
  }
  throw new Error('expected design-rule errors');
}

describe('design-rule checks', () => {
  it('reports a combinational loop with its path and source lines', () => {
    const m = new Module('loop');
    const a = m.signal('a', 4);
    const b = m.signal('b', 4);
    const y = m.output('y', 4);
    m.comb(a, b.add(1).trunc(4));
    m.comb(b, a.xor(3));
    m.comb(y, a);
    const e = ruleErrors(() => elaborate(m));
    expect(e.errors[0]!.rule).toBe('comb-loop');
    expect(e.message).toMatch(/a -> b -> a|b -> a -> b/);
    expect(e.errors[0]!.locs.map((l) => l.file)).toContain(THIS_FILE);
  });

  it('finds a loop through a submodule', () => {
    const child = new Module('passthru');
    const i = child.input('i', 1);
    const o = child.output('o', 1);
    child.comb(o, i.not());
    const top = new Module('top');
    const x = top.signal('x', 1);
    const y = top.output('y', 1);
    const out = top.submodule('u', child, { i: x });
    top.comb(x, out.o!);
    top.comb(y, x);
    expect(ruleErrors(() => elaborate(top)).message).toMatch(/comb-loop.*u\.i|comb-loop[\s\S]*u\.o/);
  });

  it('reports two drivers with both locations', () => {
    const m = new Module('twodrv');
    const y = m.output('y', 4);
    m.comb(y, 1);
    m.sync(y, 2);
    const e = ruleErrors(() => elaborate(m));
    expect(e.errors[0]!.rule).toBe('multiple-drivers');
    expect(e.message).toContain("signal 'y' has 2 drivers: combinational logic and registers of domain 'sync'");
    const lines = e.errors[0]!.locs.filter((l) => l.file === THIS_FILE).map((l) => l.line);
    expect(new Set(lines).size).toBe(2);
  });

  it('reports an instance output that is also assigned', () => {
    const child = new Module('src');
    const o = child.output('o', 1);
    child.comb(o, 1);
    const top = new Module('top2');
    const y = top.output('y', 1);
    top.submodule('u', child, { o: y });
    top.comb(y, 0);
    expect(ruleErrors(() => elaborate(top)).message).toContain("output of instance 'u'");
  });

  it('refuses to drive an input from inside, naming the line', () => {
    const m = new Module('drvin');
    const a = m.input('a', 1);
    expect(() => m.comb(a, 1)).toThrow(HdlError);
    try { m.comb(a, 1); } catch (e) { expect((e as HdlError).message).toMatch(/input of module 'drvin'[\s\S]*checks\.test\.ts:\d+/); }
  });

  it('reports an output that is never driven', () => {
    const m = new Module('undriven');
    m.output('y', 8);
    expect(ruleErrors(() => elaborate(m)).errors[0]!.rule).toBe('undriven-output');
  });

  it('refuses width loss on assignment unless truncated explicitly', () => {
    const m = new Module('wl');
    const a = m.input('a', 8);
    const y = m.output('y', 8);
    expect(() => m.comb(y, a.add(1))).toThrow(WidthError);
    expect(() => m.comb(y, a.add(1))).toThrow(/cannot assign u9 to u8.*trunc\(8\)/);
    const s = m.input('s', signed(4));
    expect(() => m.comb(y, s)).toThrow(/signed value cannot go into an unsigned target/);
    m.comb(y, a.add(1).trunc(8));
    expect(() => elaborate(m)).not.toThrow();
  });

  it('refuses constants out of range', () => {
    expect(() => C(256, unsigned(8))).toThrow(ConstRangeError);
    expect(() => C(-129, signed(8))).toThrow(/-129 does not fit s8/);
    const m = new Module('cr');
    const y = m.output('y', 4);
    expect(() => m.comb(y, 16)).toThrow(ConstRangeError);
    expect(() => m.signal('r', 3, { reset: 8 })).toThrow(/reset value of 'r'/);
    m.comb(y, 0);
    expect(() => m.Switch(y, (s) => s.Case(16, () => undefined))).toThrow(/16 does not fit u4/);
  });

  it('warns about a register that reads another clock domain without a synchroniser', () => {
    const m = new Module('cdc');
    const fast = m.domain('fast');
    const a = m.signal('a', 1);
    const y = m.output('y', 1);
    fast.sync(a, a.not());
    m.sync(y, a);
    const d = elaborate(m);
    expect(d.warnings.map((w) => w.rule)).toEqual(['domain-crossing']);
    expect(d.warnings[0]!.message).toContain("register 'y' of domain 'sync' reads 'a' from domain 'fast'");
    expect(() => elaborate(m, { warningsAsErrors: true })).toThrow(DesignRuleErrors);
  });

  it('renames keywords and collisions deterministically, with a name map', () => {
    const m = new Module('names');
    const reg = m.input('reg', 1);
    const wire = m.signal('wire', 1);
    const y = m.output('y', 1);
    m.comb(wire, reg);
    const inst = new Module('leaf');
    const li = inst.input('i', 1);
    const lo = inst.output('o', 1);
    inst.comb(lo, li);
    const out = m.submodule('wire_', inst, { i: wire });
    m.comb(y, mux(out.o!, wire, reg));
    const d = elaborate(m);
    expect(d.nameMap()).toEqual({ 'names.reg': 'reg_', 'names.wire': 'wire_', 'names.wire_': 'wire__1' });
    const v1 = emitVerilog(d).combined;
    expect(v1).toContain('input wire reg_');
    expect(emitVerilog(elaborate(m)).combined).toBe(v1);
  });

  it('refuses reading a signal of another module', () => {
    const a = new Module('a');
    const sa = a.output('x', 1);
    a.comb(sa, 1);
    const b = new Module('b');
    const y = b.output('y', 1);
    b.comb(y, sa);
    b.submodule('ua', a);
    expect(ruleErrors(() => elaborate(b)).errors.map((e) => e.rule)).toContain('foreign-signal');
  });

  it('refuses a module that instantiates itself', () => {
    const m = new Module('rec');
    m.output('y', 1);
    m.comb(m.ports[0]!.signal, 0);
    m.submodule('self', m, {});
    expect(ruleErrors(() => elaborate(m)).errors[0]!.rule).toBe('recursive-instance');
  });
});
