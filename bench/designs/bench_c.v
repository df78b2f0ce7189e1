// Benchmark design (c): a 64- and 128-bit arithmetic datapath: a 64x64->128 multiply-accumulate, a 64-bit
// xorshift state, signed 128-bit add/compare and a 128-bit rotate (448 flip-flops).
module bench_c(
  input clk,
  input rst,
  input [63:0] a,
  input [63:0] b,
  output [127:0] acc_out,
  output [63:0] mix_out,
  output neg
);
  reg [127:0] acc;
  reg [63:0] x;
  reg signed [127:0] s;
  reg [127:0] r;
  wire [127:0] prod = (a ^ x) * (b + x);
  always @(posedge clk) begin
    if (rst) begin
      acc <= 128'd0;
      x <= 64'h9e3779b97f4a7c15;
      s <= 128'sd0;
      r <= 128'h0123456789abcdef_fedcba9876543210;
    end else begin
      acc <= acc + prod;
      x <= x ^ (x << 13) ^ (x >> 7) ^ (x << 17);
      s <= s - $signed({64'd0, x}) + $signed(acc >>> 3);
      r <= {r[126:0], r[127]} ^ acc;
    end
  end
  assign acc_out = acc ^ r;
  assign mix_out = x + acc[127:64];
  assign neg = s < 0;
endmodule
