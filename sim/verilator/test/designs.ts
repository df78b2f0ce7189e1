/** Hand-written Verilog designs of the backend tests, with reference models in TypeScript (bigint). */
import type { PortSpec, VerilatorDesign } from '../types.ts';

const inp = (name: string, width: number, signed = false): PortSpec => ({ name, direction: 'input', width, signed });
const out = (name: string, width: number, signed = false): PortSpec => ({ name, direction: 'output', width, signed });

/** Deterministic stimulus: a 64-bit LCG, so every run and backend sees the same values. */
export function lcg(seed: bigint): (bits: number) => bigint {
  let s = seed;
  return (bits) => {
    let v = 0n;
    for (let got = 0; got < bits; got += 32) {
      s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
      v = (v << 32n) | (s >> 32n);
    }
    return BigInt.asUintN(bits, v);
  };
}

/** 8-bit counter with enable and synchronous reset, and a combinational `wrap` flag. */
export const counter: VerilatorDesign = {
  top: 'counter',
  files: {
    'counter.v': `module counter(input clk, input rst, input en, output reg [7:0] count, output wrap);
  // counter.ts:3
  assign wrap = en && count == 8'hff;
  // counter.ts:5
  always @(posedge clk) begin
    if (rst) count <= 8'd0;
    else if (en) count <= count + 8'd1;
  end
endmodule
`,
  },
  ports: [inp('clk', 1), inp('rst', 1), inp('en', 1), out('count', 8), out('wrap', 1)],
};

/** Reference of {@link counter}: pre-edge `count` and `wrap` per cycle. */
export function counterModel(rst: readonly bigint[], en: readonly bigint[]): { count: bigint[]; wrap: bigint[] } {
  let count = 0n;
  const res = { count: [] as bigint[], wrap: [] as bigint[] };
  rst.forEach((r, c) => {
    res.count.push(count);
    res.wrap.push(en[c] && count === 255n ? 1n : 0n);
    count = r ? 0n : en[c] ? (count + 1n) & 0xffn : count;
  });
  return res;
}

/** Signed datapath over 128, 64, 33 and 1-bit values, combinational and registered. */
export const datapath: VerilatorDesign = {
  top: 'datapath',
  files: {
    'datapath.v': `module datapath(
  input clk,
  input signed [127:0] a,
  input signed [63:0] b,
  input signed [32:0] c,
  input s,
  output signed [127:0] sum,
  output signed [63:0] sel,
  output signed [32:0] neg,
  output neg_a,
  output reg signed [63:0] prod
);
  assign sum = a + b;
  assign sel = s ? a[127:64] : b;
  assign neg = -c;
  assign neg_a = a < 0;
  always @(posedge clk) prod <= b * c;
endmodule
`,
  },
  ports: [inp('clk', 1), inp('a', 128, true), inp('b', 64, true), inp('c', 33, true), inp('s', 1), out('sum', 128, true), out('sel', 64, true), out('neg', 33, true), out('neg_a', 1), out('prod', 64, true)],
};

/** Reference of {@link datapath} (inputs signed; `prod` is the registered value seen before the edge). */
export function datapathModel(a: readonly bigint[], b: readonly bigint[], c: readonly bigint[], s: readonly bigint[]): Record<string, bigint[]> {
  const res: Record<string, bigint[]> = { sum: [], sel: [], neg: [], neg_a: [], prod: [] };
  let prod = 0n;
  a.forEach((av, i) => {
    res.sum!.push(BigInt.asIntN(128, av + b[i]!));
    res.sel!.push(s[i] ? BigInt.asIntN(64, av >> 64n) : b[i]!);
    res.neg!.push(BigInt.asIntN(33, -c[i]!));
    res.neg_a!.push(av < 0n ? 1n : 0n);
    res.prod!.push(prod);
    prod = BigInt.asIntN(64, b[i]! * c[i]!);
  });
  return res;
}

/** Two outputs: a combinational function of the input and a register accumulating it. */
export const twoOut: VerilatorDesign = {
  top: 'two_out',
  files: {
    'two_out.v': `module two_out(input clk, input [15:0] x, output [15:0] y_comb, output reg [15:0] y_reg);
  assign y_comb = x ^ (x >> 3);
  always @(posedge clk) y_reg <= y_reg + y_comb;
endmodule
`,
  },
  ports: [inp('clk', 1), inp('x', 16), out('y_comb', 16), out('y_reg', 16)],
};

/** Reference of {@link twoOut}. */
export function twoOutModel(x: readonly bigint[]): { y_comb: bigint[]; y_reg: bigint[] } {
  let acc = 0n;
  const res = { y_comb: [] as bigint[], y_reg: [] as bigint[] };
  for (const v of x) {
    const comb = v ^ (v >> 3n);
    res.y_comb.push(comb);
    res.y_reg.push(acc);
    acc = (acc + comb) & 0xffffn;
  }
  return res;
}

/** A copy of `design` whose Verilog carries a comment with `tag`: a distinct cache key with the same behaviour. */
export function tagged(design: VerilatorDesign, tag: string): VerilatorDesign {
  const files = Object.fromEntries(Object.entries(design.files).map(([n, t]) => [n, `// ${tag}\n${t}`]));
  return { ...design, files };
}
