import { describe, expect, it } from 'vitest';
import { ToolError } from '../../../common/errors.ts';
import { CompileFailedError, PortSpecError, PortUsageError, VerilatorFailedError, VerilatorNotFoundError } from '../errors.ts';
import { buildNative } from '../native.ts';
import { PortTable } from '../ports.ts';
import { findSourceComment, verilogLocsIn } from '../source-comment.ts';
import { buildWasm } from '../wasm.ts';
import type { VerilatorDesign } from '../types.ts';
import { counter } from './designs.ts';

describe('source comments', () => {
  const v = ['module m;', '  // alu.ts:12', '  wire a;', '', '  // alu.ts:20:7', '  assign a = 1;', 'endmodule'].join('\n');
  it('finds the nearest preceding // file.ts:line comment', () => {
    expect(findSourceComment(v, 3)).toEqual({ file: 'alu.ts', line: 12, column: 1 });
    expect(findSourceComment(v, 6)).toEqual({ file: 'alu.ts', line: 20, column: 7 });
    expect(findSourceComment(v, 5)).toEqual({ file: 'alu.ts', line: 20, column: 7 });
    expect(findSourceComment(v, 1)).toBeUndefined();
  });
  it('reads file.v:line locations out of tool messages', () => {
    expect(verilogLocsIn('%Error: top.v:7:3: syntax error\n%Error: top.v:7:3: again\n%Error: b.sv:2: x')).toEqual([
      { file: 'top.v', line: 7, column: 3 },
      { file: 'b.sv', line: 2 },
    ]);
  });
});

describe('port values', () => {
  const t = new PortTable(counter.ports.concat([{ name: 's', direction: 'input', width: 33, signed: true }]));
  it('rejects values that do not fit and unknown ports', () => {
    const w = new Uint32Array(2);
    expect(() => t.encode(t.index('s'), 2n ** 33n, w, 0)).toThrow(PortUsageError);
    expect(() => t.encode(t.index('s'), -(2n ** 32n) - 1n, w, 0)).toThrow(PortUsageError);
    expect(() => t.index('nope')).toThrow(PortUsageError);
    expect(() => t.index('count', 'input')).toThrow(/output/);
  });
  it('round-trips signed values through words', () => {
    const w = new Uint32Array(2);
    t.encode(t.index('s'), -(2n ** 32n), w, 0);
    expect([...w]).toEqual([0, 1]);
    expect(t.decode(t.index('s'), w, 0)).toBe(-(2n ** 32n));
  });
});

describe('tool errors', () => {
  it('a missing verilator gives a typed error with the install command', async () => {
    for (const build of [buildWasm, buildNative]) {
      const err = await build(counter, { verilator: '/nonexistent/verilator' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VerilatorNotFoundError);
      expect(err).toBeInstanceOf(ToolError);
      expect((err as Error).message).toContain('apt-get install -y verilator');
    }
  });

  it('a Verilator error keeps its message, the Verilog line and the HDL line above it', async () => {
    const bad: VerilatorDesign = {
      top: 'bad',
      files: { 'bad.v': 'module bad(input clk, output y);\n  // my_design.ts:42\n  assign y = clk +;\nendmodule\n' },
      ports: [{ name: 'clk', direction: 'input', width: 1, signed: false }, { name: 'y', direction: 'output', width: 1, signed: false }],
    };
    const err = (await buildWasm(bad).catch((e: unknown) => e)) as VerilatorFailedError;
    expect(err).toBeInstanceOf(VerilatorFailedError);
    expect(err.output).toMatch(/syntax error/);
    expect(err.verilogLocs[0]).toMatchObject({ file: 'bad.v', line: 3 });
    expect(err.locs).toEqual([{ file: 'my_design.ts', line: 42, column: 1 }]);
    expect(err.message).toContain('at my_design.ts:42:1');
  });

  it('a clang failure carries clang\'s message', async () => {
    const bad: VerilatorDesign = {
      top: 'badc',
      files: { 'badc.v': 'module badc(input clk, output reg y);\n  always @(posedge clk) begin y <= ~y; $c("this_is_not_cpp(;"); end\nendmodule\n' },
      ports: [{ name: 'clk', direction: 'input', width: 1, signed: false }, { name: 'y', direction: 'output', width: 1, signed: false }],
    };
    const err = (await buildWasm(bad).catch((e: unknown) => e)) as CompileFailedError;
    expect(err).toBeInstanceOf(CompileFailedError);
    expect(err.tool).toBe('clang++ (wasm32)');
    expect(err.output).toMatch(/error:.*this_is_not_cpp|this_is_not_cpp[\s\S]*error/);
  });

  it('a port list that does not match the Verilog is named port by port', async () => {
    const wrong: VerilatorDesign = { ...counter, ports: counter.ports.map((p) => (p.name === 'count' ? { ...p, width: 9 } : p)) };
    const err = (await buildWasm(wrong).catch((e: unknown) => e)) as PortSpecError;
    expect(err).toBeInstanceOf(PortSpecError);
    expect(err.message).toContain("port 'count' is 8 bit(s) wide in the Verilog, not 9");
  });
});
