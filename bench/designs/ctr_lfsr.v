// Benchmark design (a): an 8-bit counter with enable and a 32-bit Galois LFSR (40 flip-flops).
// The `ctr_lfsr` module is parametric so that design (b) can replicate a smaller slice of it.
module ctr_lfsr #(parameter CW = 8, parameter LW = 32, parameter [LW-1:0] TAPS = 32'h80200003, parameter [LW-1:0] SEED = 1) (
  input clk,
  input rst,
  input en,
  output reg [CW-1:0] count,
  output reg [LW-1:0] lfsr
);
  always @(posedge clk) begin
    if (rst) begin
      count <= {CW{1'b0}};
      lfsr <= SEED;
    end else if (en) begin
      count <= count + 1'b1;
      lfsr <= lfsr[0] ? (lfsr >> 1) ^ TAPS : (lfsr >> 1);
    end
  end
endmodule

module bench_a(input clk, input rst, input en, output [7:0] count, output [31:0] lfsr);
  ctr_lfsr u(.clk(clk), .rst(rst), .en(en), .count(count), .lfsr(lfsr));
endmodule
