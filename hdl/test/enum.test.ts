/** Enumerations: names in the Verilog (`localparam`s, lint-clean), in the simulators and in the VCD. */
import { describe, expect, it } from 'vitest';
import { defineEnum } from '../core/enum.ts';
import { HdlError } from '../core/errors.ts';
import { Module } from '../core/module.ts';
import { elaborate } from '../ir/elaborate.ts';
import { emitVerilog } from '../backend/verilog.ts';
import { verilatorLint } from '../../sim/tools/verilator-lint.ts';
import { Simulator } from '../../sim/testbench/simulator.ts';
import { compareWithIcarus } from '../../verif/lockstep/icarus.ts';

const Op = defineEnum('alu_op', ['ADD', 'SUB', 'AND', 'PASS'] as const);

/** An ALU whose opcode port is an enum, with a registered enum `last` and a comparison. */
function alu(): Module {
  const m = new Module('enum_alu');
  const op = m.input('op', Op);
  const a = m.input('a', 8);
  const b = m.input('b', 8);
  const y = m.output('y', 8);
  const last = m.output('last', Op, { reset: Op.encoding('PASS') });
  const wasSub = m.output('was_sub', 1);
  m.Switch(op, (s) => {
    s.Case(Op.encoding('ADD'), () => m.comb(y, a.add(b).trunc(8)));
    s.Case(Op.encoding('SUB'), () => m.comb(y, a.sub(b).trunc(8).asUnsigned()));
    s.Case(Op.encoding('AND'), () => m.comb(y, a.and(b)));
    s.Default(() => m.comb(y, a));
  });
  m.If(op.eq(Op.C('AND')), () => m.sync(last, Op.C('AND'))).Else(() => m.sync(last, op));
  m.comb(wasSub, Op.is(last, 'SUB'));
  return m;
}

describe('enumerations', () => {
  it('number members in order or take given values, size the shape, and reject bad declarations', () => {
    expect(Op.width).toBe(2);
    expect(Op.encoding('AND')).toBe(2n);
    expect(Op.nameOf(3n)).toBe('PASS');
    const Sparse = defineEnum('sparse', { LOW: 1, HIGH: 12 });
    expect(Sparse.width).toBe(4);
    expect(defineEnum('w', ['A'], { width: 3 }).width).toBe(3);
    expect(() => defineEnum('dup', { A: 1, B: 1 })).toThrow(/both have the value 1/);
    expect(() => defineEnum('narrow', { A: 9 }, { width: 2 })).toThrow(HdlError);
    // @ts-expect-error: not a member
    expect(() => Op.encoding('XOR')).toThrow(/no member 'XOR'/);
  });

  it('print as localparams in case labels, assignments, resets and comparisons; only those used are declared', () => {
    const design = elaborate(alu());
    const v = emitVerilog(design).files.get('enum_alu.v')!;
    expect(v).toContain("localparam [1:0] ALU_OP_ADD = 2'd0;");
    expect(v).toMatch(/ALU_OP_SUB: begin/);
    expect(v).toContain('last <= ALU_OP_PASS;');
    expect(v).toContain('last <= ALU_OP_AND;');
    expect(v).toMatch(/op == ALU_OP_AND/);
    expect(v).toMatch(/last == ALU_OP_SUB/);
    expect(verilatorLint(Object.fromEntries(emitVerilog(design).files), 'enum_alu')).toBe('');
    expect(compareWithIcarus(design, { cycles: 200, seed: 3 })).toEqual([]);
  });

  it('FSM states are an enum: names in the Verilog, in stateName and as VCD strings', async () => {
    const m = new Module('fsm_names');
    const go = m.input('go', 1);
    const busy = m.output('busy', 1);
    const f = m.fsm('ctl', ['IDLE', 'SETUP', 'RUN'] as const);
    f.state('IDLE', () => m.If(go, () => f.next('SETUP')));
    f.state('SETUP', () => f.next('RUN'));
    f.state('RUN', () => m.If(go.not(), () => f.next('IDLE')));
    m.comb(busy, f.is('IDLE').not());
    const design = elaborate(m);
    const v = emitVerilog(design).files.get('fsm_names.v')!;
    expect(v).toContain('ctl_state <= CTL_SETUP;');
    expect(verilatorLint(Object.fromEntries(emitVerilog(design).files), 'fsm_names')).toBe('');
    const sim = new Simulator(design, { vcd: { path: '/dev/null', stateNames: true } });
    sim.process(async (ctx) => {
      ctx.set(go, 1);
      await ctx.tick();
      expect(ctx.stateName(f.stateSignal)).toBe('SETUP');
      await ctx.tick();
      expect(ctx.stateName(f.stateSignal)).toBe('RUN');
    });
    await sim.run();
    const text = sim.vcdText()!;
    expect(text).toMatch(/\$var string 1 \S+ ctl_state_name \$end/);
    expect(text).toMatch(/^sSETUP \S+$/m);
  });
});
