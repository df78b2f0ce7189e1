/**
 * The main job (`make demo`): emits the example designs' Verilog into build/verilog/<design>/ and lints it with
 * Verilator -Wall, Icarus and Yosys.
 */
import path from 'node:path';
import { EXAMPLES } from '../hdl/examples/index.ts';
import { elaborate, writeVerilog, emitVerilog, MeramError } from '../hdl/index.ts';
import { verilatorLint } from '../sim/tools/verilator-lint.ts';
import { checkIcarus } from '../sim/tools/icarus.ts';
import { yosysCheck } from '../synth/yosys.ts';

async function main(): Promise<void> {
  for (const [name, make] of Object.entries(EXAMPLES)) {
    const design = elaborate(make());
    const dir = path.join('build', 'verilog', name);
    const files = writeVerilog(design, dir);
    const text = Object.fromEntries(emitVerilog(design).files);
    const lint = verilatorLint(text, design.top.name);
    const icarus = checkIcarus(text, design.top.name);
    await yosysCheck(text, design.top.name);
    console.log(`${name.padEnd(16)} ${files.length} file(s) in ${dir}  verilator -Wall: ${lint ? 'WARNINGS' : 'clean'}  iverilog: ${icarus ? 'warnings' : 'clean'}  yosys check: clean`);
    if (lint) console.log(lint);
  }
}

main().catch((e: unknown) => {
  if (e instanceof MeramError) { console.error(`error: ${e.message}`); process.exit(1); }
  throw e;
});
