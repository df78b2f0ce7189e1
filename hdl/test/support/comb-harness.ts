/**
 * Differential harness for combinational expressions: puts each expression on an output of one module whose inputs
 * are ports, drives vectors from a generated Verilog testbench, and returns the bits every simulator printed, to be
 * compared with the reference evaluator.
 */
import { elaborate } from '../../ir/elaborate.ts';
import { Module } from '../../core/module.ts';
import type { Shape } from '../../core/shape.ts';
import { evaluate } from '../../core/evaluate.ts';
import type { Signal, Value } from '../../core/value.ts';
import { emitVerilog } from '../../backend/verilog.ts';

/** One expression under test: input shapes and how to build it from input values. */
export interface ExprCase {
  readonly name: string;
  readonly inputs: readonly Shape[];
  readonly build: (ins: readonly Value[]) => Value;
}

export interface BuiltHarness {
  readonly dut: string;
  readonly files: Record<string, string>;
  /** Expected output bits per case per vector. */
  readonly expected: bigint[][];
  readonly names: string[];
  readonly widths: number[];
}

/** One module with inputs `a<i>_<j>` and an output `y<i>` per expression case. */
export function combModule(name: string, cases: readonly Pick<ExprCase, 'inputs' | 'build'>[]): { module: Module; ins: Signal[][]; exprs: Value[]; outs: Signal[] } {
  const m = new Module(name);
  const ins: Signal[][] = [];
  const outs: Signal[] = [];
  const exprs: Value[] = [];
  cases.forEach((c, i) => {
    const sigs = c.inputs.map((s, j) => m.input(`a${i}_${j}`, s));
    ins.push(sigs);
    const e = c.build(sigs);
    exprs.push(e);
    const y = m.output(`y${i}`, e.shape);
    m.comb(y, e);
    outs.push(y);
  });
  return { module: m, ins, exprs, outs };
}

/** Builds the DUT module, the testbench and the expected values. `vectors[i][k]` = inputs of case i, vector k. */
export function buildHarness(dutName: string, cases: readonly ExprCase[], vectors: readonly (readonly (readonly bigint[])[])[]): BuiltHarness {
  const { module: m, ins, exprs, outs } = combModule(dutName, cases);
  const design = elaborate(m);
  const v = emitVerilog(design);
  const nvec = vectors[0]?.length ?? 0;
  const expected: bigint[][] = cases.map((_, i) => Array.from({ length: nvec }, (_, k) => {
    const env = new Map(ins[i]!.map((s, j) => [s, vectors[i]![k]![j]!] as const));
    return BigInt.asUintN(exprs[i]!.width, evaluate(exprs[i]!, (s) => env.get(s)));
  }));
  const tb: string[] = ['module tb;'];
  ins.forEach((sigs) => sigs.forEach((s) => tb.push(`  reg ${s.width > 1 ? `[${s.width - 1}:0] ` : ''}${s.name};`)));
  outs.forEach((o) => tb.push(`  wire ${o.width > 1 ? `[${o.width - 1}:0] ` : ''}${o.name};`));
  tb.push(`  ${dutName} dut (${[...ins.flat(), ...outs].map((s) => `.${s.name}(${s.name})`).join(', ')});`);
  tb.push('  initial begin');
  for (let k = 0; k < nvec; k++) {
    ins.forEach((sigs, i) => sigs.forEach((s, j) => tb.push(`    ${s.name} = ${s.width}'h${BigInt.asUintN(s.width, vectors[i]![k]![j]!).toString(16)};`)));
    tb.push('    #1;');
    outs.forEach((o, i) => tb.push(`    $display("R ${i} ${k} %h", ${o.name});`));
  }
  tb.push('    $finish;', '  end', 'endmodule', '');
  return {
    dut: dutName,
    files: { ...Object.fromEntries(v.files), 'tb.v': tb.join('\n') },
    expected,
    names: cases.map((c) => c.name),
    widths: outs.map((o) => o.width),
  };
}

/** Parses `R case vector hex` lines; lists every mismatch against the expected bits. */
export function compareOutput(h: BuiltHarness, stdout: string, simulator: string): string[] {
  const got = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const m = /^R (\d+) (\d+) ([0-9a-fA-FxXzZ]+)$/.exec(line.trim());
    if (m) got.set(`${m[1]} ${m[2]}`, m[3]!);
  }
  const errors: string[] = [];
  h.expected.forEach((vals, i) => vals.forEach((exp, k) => {
    const raw = got.get(`${i} ${k}`);
    if (raw === undefined) errors.push(`${simulator}: ${h.names[i]} vector ${k}: no output`);
    else if (/[xz]/i.test(raw) || BigInt(`0x${raw}`) !== exp) errors.push(`${simulator}: ${h.names[i]} vector ${k}: got ${raw}, expected ${exp.toString(16)}`);
  }));
  return errors;
}
