/**
 * The tape-out hand-off folder: what an OpenROAD/OpenLane (or any ASIC flow) user picks up. One call writes
 *
 *   rtl/*.v              the synthesis Verilog set (control logic)
 *   stubs/*.v            black-box stubs of the macros (MTJ array, sense amplifiers, DAC: interface only)
 *   <top>.f              the file list, paths relative to the folder (verilator -f, iverilog -c)
 *   <top>.sdc            clocks and I/O delays from constraints/timing.ts
 *   netlist/<top>.v      the Yosys gate-level netlist on the Liberty library; netlist/<top>.json the same, Yosys JSON
 *   lib/<library>.lib    the Liberty file synthesis mapped onto
 *   sta.tcl              an OpenSTA script: read the library, the netlist and the SDC, report the worst path
 *   <top>.core           a FuseSoC (CAPI=2) core describing the IP
 *   README.md            what each file is
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomic } from '../common/atomic-write.ts';
import type { ClockConstraints } from '../constraints/timing.ts';
import { emitVerilog } from '../hdl/backend/verilog.ts';
import type { Design } from '../hdl/ir/elaborate.ts';
import type { SynthesisReport } from '../synth/synthesize.ts';
import { parseLiberty } from '../synth/liberty.ts';
import { runYosysScript } from '../synth/yosys.ts';

/** What {@link writeHandoff} needs. */
export interface HandoffInput {
  readonly design: Design;
  /** The synthesis report of the same design (its gate netlist is written). */
  readonly report: SynthesisReport;
  readonly clock: ClockConstraints;
  /** The Liberty file synthesis used. */
  readonly liberty: string;
  /** Version of the IP in the FuseSoC core (default 0.1.0). */
  readonly version?: string;
}

/** The top module's ports by Verilog name, split into clocks, resets, other inputs and outputs. */
export function topPorts(design: Design): { clocks: string[]; resets: string[]; inputs: string[]; outputs: string[]; widths: Map<string, number> } {
  const top = design.top;
  const clocks: string[] = [];
  const resets: string[] = [];
  const inputs: string[] = [];
  const outputs: string[] = [];
  const widths = new Map<string, number>();
  for (const p of top.ports) {
    const name = top.names.get(p.signal)!;
    widths.set(name, p.signal.width);
    if (p.clockOf !== undefined) clocks.push(name);
    else if (p.resetOf !== undefined) resets.push(name);
    else (p.direction === 'input' ? inputs : outputs).push(name);
  }
  return { clocks, resets, inputs, outputs, widths };
}

/**
 * SDC (Synopsys Design Constraints, as OpenSTA and OpenROAD read it) of a design: one clock per clock port at the
 * clock period, input delays on inputs and resets, output delays on outputs, clocks of different domains asynchronous.
 *
 * @example
 * writeFileAtomic('top.sdc', sdcText(design, MERAM_CLOCK));
 */
export function sdcText(design: Design, clock: ClockConstraints): string {
  const { clocks, resets, inputs, outputs } = topPorts(design);
  const f = (x: number): string => x.toFixed(3);
  const ports = (names: readonly string[]): string => `[get_ports {${names.join(' ')}}]`;
  const lines = [
    `# Timing constraints of '${design.top.name}', from meram-hdl constraints/timing.ts (units: ns, the library's).`,
    `# Clock ${f(clock.periodNs)} ns (${(1e3 / clock.periodNs).toFixed(1)} MHz); inputs arrive ${f(clock.inputDelayNs)} ns after the edge; outputs are needed ${f(clock.outputDelayNs)} ns before it.`,
  ];
  for (const c of clocks) lines.push(`create_clock -name ${c} -period ${f(clock.periodNs)} [get_ports ${c}]`);
  const ref = clocks[0];
  if (ref) {
    const ins = [...inputs, ...resets];
    if (ins.length) lines.push(`set_input_delay ${f(clock.inputDelayNs)} -clock ${ref} ${ports(ins)}`);
    if (outputs.length) lines.push(`set_output_delay ${f(clock.outputDelayNs)} -clock ${ref} ${ports(outputs)}`);
    if (clocks.length > 1) lines.push(`set_clock_groups -asynchronous ${clocks.map((c) => `-group {${c}}`).join(' ')}`);
  } else {
    lines.push('# The design has no clock: a purely combinational path budget from inputs to outputs.');
    if (inputs.length && outputs.length) lines.push(`set_max_delay ${f(clock.periodNs - clock.inputDelayNs - clock.outputDelayNs)} -from ${ports(inputs)} -to ${ports(outputs)}`);
  }
  return `${lines.join('\n')}\n`;
}

const isStub = (text: string): boolean => text.includes('(* blackbox *)');

/** `CELL IN OUT` of the library's buffer (one input, output function = that input), for Yosys `insbuf`. */
function bufferCell(libText: string): string | null {
  for (const c of parseLiberty(libText).cells.values()) {
    const pins = [...c.pins.values()];
    const i = pins.filter((p) => p.direction === 'input');
    const o = pins.filter((p) => p.direction === 'output');
    if (pins.length === 2 && i.length === 1 && o.length === 1 && o[0]!.fn === i[0]!.name) return `${c.name} ${i[0]!.name} ${o[0]!.name}`;
  }
  return null;
}

/**
 * Writes the hand-off folder; returns the files written (relative to `dir`).
 *
 * @example
 * const report = await synthesize(design);
 * await writeHandoff('build/handoff', { design, report, clock: MERAM_CLOCK, liberty: MERAM180_LIB });
 */
export async function writeHandoff(dir: string, input: HandoffInput): Promise<string[]> {
  const { design, report, clock, liberty } = input;
  const top = design.top.name;
  const written: string[] = [];
  const put = (rel: string, text: string): void => {
    writeFileAtomic(path.join(dir, rel), text);
    written.push(rel);
  };
  for (const sub of ['rtl', 'stubs', 'netlist', 'lib']) fs.rmSync(path.join(dir, sub), { recursive: true, force: true });

  const out = emitVerilog(design, { set: 'synthesis' });
  const rtl: string[] = [];
  const stubs: string[] = [];
  for (const [name, text] of out.files) {
    const rel = `${isStub(text) ? 'stubs' : 'rtl'}/${name}`;
    (isStub(text) ? stubs : rtl).push(rel);
    put(rel, text);
  }
  const sources = [...stubs, ...rtl];
  put(`${top}.f`, `${sources.join('\n')}\n`);
  put(`${top}.sdc`, sdcText(design, clock));

  const lib = `lib/${path.basename(liberty)}`;
  put(lib, fs.readFileSync(liberty, 'utf8'));
  // A structural netlist as OpenSTA/OpenROAD read it: no parameter overrides on macro instances, no expressions or
  // concatenated assigns (split nets; assigns become library buffers), plus the same design as Yosys JSON.
  const tree: Record<string, string> = { 'netlist.v': report.netlist, 'cells.lib': fs.readFileSync(liberty, 'utf8') };
  const unset: string[] = [];
  stubs.forEach((s, i) => {
    const text = out.files.get(path.basename(s))!;
    tree[`stub${i}.v`] = text;
    const params = [...text.matchAll(/parameter\s+(\w+)/g)].map((m) => `-unset ${m[1]}`);
    if (params.length) unset.push(`setparam ${params.join(' ')} t:${path.basename(s, '.v')}`);
  });
  const buf = bufferCell(tree['cells.lib']!);
  const yosys = await runYosysScript([
    'read_liberty -lib cells.lib', ...stubs.map((_, i) => `read_verilog -lib stub${i}.v`), 'read_verilog netlist.v', `hierarchy -top ${top}`,
    ...unset, 'splitnets', 'opt_clean -purge', ...(buf ? [`insbuf -buf ${buf}`] : []),
    'write_verilog -noattr -noexpr -nohex -nodec structural.v', 'write_json netlist.json',
  ].join('; '), tree);
  const text = (f: string): string => { const v = yosys.files[f]; return typeof v === 'string' ? v : new TextDecoder().decode(v); };
  put(`netlist/${top}.v`, text('structural.v'));
  put(`netlist/${top}.json`, text('netlist.json'));
  put('sta.tcl', [
    `# OpenSTA: sta -no_init -exit sta.tcl (run in this folder)`,
    `read_liberty ${lib}`,
    `read_verilog netlist/${top}.v`,
    `link_design ${top}`,
    `read_sdc ${top}.sdc`,
    'report_checks -path_delay max -digits 3',
    'report_tns',
    'report_wns',
    '',
  ].join('\n'));

  const core = {
    name: `meram-hdl:generated:${top}:${input.version ?? '0.1.0'}`,
    description: `${top}: generated by meram-hdl (Verilog-2005 control logic; macros as black boxes)`,
    filesets: {
      ...(stubs.length ? { stubs: { files: stubs, file_type: 'verilogSource' } } : {}),
      rtl: { files: rtl, file_type: 'verilogSource' },
      constraints: { files: [`${top}.sdc`], file_type: 'SDC' },
      netlist: { files: [`netlist/${top}.v`], file_type: 'verilogSource' },
      liberty: { files: [lib], file_type: 'liberty' },
    },
    targets: {
      default: { filesets: [...(stubs.length ? ['stubs'] : []), 'rtl'], toplevel: top },
      lint: { default_tool: 'verilator', filesets: [...(stubs.length ? ['stubs'] : []), 'rtl'], toplevel: top, tools: { verilator: { mode: 'lint-only', verilator_options: ['-Wall'] } } },
      sim: { default_tool: 'icarus', filesets: [...(stubs.length ? ['stubs'] : []), 'rtl'], toplevel: top, tools: { icarus: { iverilog_options: ['-g2005'] } } },
      synth: { default_tool: 'yosys', filesets: [...(stubs.length ? ['stubs'] : []), 'rtl', 'constraints', 'liberty'], toplevel: top },
    },
  };
  put(`${top}.core`, `CAPI=2:\n${stringify(core, { lineWidth: 0 })}`);

  const s = report;
  put('README.md', [
    `# Hand-off of \`${top}\``,
    '',
    `Generated by meram-hdl (\`meram-hdl synth --handoff\` or \`meram-hdl flow --out\`). Synthesis with Yosys ${s.yosysVersion} onto \`${s.library}\` (${s.voltage} V):`,
    `${s.cellCount} cells, ${s.areaUm2.toFixed(1)} µm², ${s.flipFlops} flip-flops; clock ${clock.periodNs} ns${s.timing ? `, estimated critical path ${s.timing.pathNs.toFixed(2)} ns (slack ${s.timing.slackNs.toFixed(2)} ns)` : ''}.`,
    `Macros kept as black boxes: ${Object.entries(s.macros).map(([k, v]) => `${v} × \`${k}\``).join(', ') || 'none'} (their layout, LEF and Liberty come from the macro IP library).`,
    '',
    '| file | what it is |',
    '|---|---|',
    ...rtl.map((f) => `| \`${f}\` | synthesizable Verilog-2005 of module \`${path.basename(f, '.v')}\` |`),
    ...stubs.map((f) => `| \`${f}\` | black-box stub (interface only, \`(* blackbox *)\`) of macro \`${path.basename(f, '.v')}\` |`),
    `| \`${top}.f\` | file list (stubs first), paths relative to this folder: \`verilator --lint-only -Wall -f ${top}.f --top-module ${top}\`, \`iverilog -g2005 -c ${top}.f -s ${top}\` |`,
    `| \`${top}.sdc\` | timing constraints: clock(s), input and output delays (SDC, for OpenSTA / OpenROAD) |`,
    `| \`netlist/${top}.v\` | gate-level netlist mapped onto \`${lib}\` (Yosys \`write_verilog\`) |`,
    `| \`netlist/${top}.json\` | the same netlist as Yosys JSON (\`write_json\`; for netlistsvg and other tools) |`,
    `| \`${lib}\` | the Liberty library synthesis used (${s.library}) |`,
    '| `sta.tcl` | OpenSTA check of the netlist against the SDC: `sta -no_init -exit sta.tcl` |',
    `| \`${top}.core\` | FuseSoC CAPI=2 core: filesets and lint/sim/synth targets (\`fusesoc run --target lint ...\`) |`,
    '| `README.md` | this file |',
    '',
  ].join('\n'));
  return written;
}
