// Black-box stub of the external macro 'TRIM_DAC' (interface only; the macro itself comes from the IP library).
/* verilator lint_off UNUSEDSIGNAL */
/* verilator lint_off UNDRIVEN */
/* verilator lint_off UNUSEDPARAM */
(* blackbox *)
module TRIM_DAC #(parameter BITS = 0) (
  input wire clk,
  input wire [3:0] code,
  output wire [3:0] level
);
endmodule
/* verilator lint_on UNUSEDPARAM */
/* verilator lint_on UNDRIVEN */
/* verilator lint_on UNUSEDSIGNAL */
