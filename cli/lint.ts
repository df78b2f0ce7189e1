/** `meram-hdl lint`: lints a design's emitted Verilog with Verilator (-Wall), Icarus (-Wall) and Yosys (check -assert). */
import { ToolError } from '../common/errors.ts';
import { emitVerilog } from '../hdl/backend/verilog.ts';
import { checkIcarus } from '../sim/tools/icarus.ts';
import { haveCommand } from '../sim/tools/run-tool.ts';
import { verilatorLint } from '../sim/tools/verilator-lint.ts';
import { yosysCheck } from '../synth/yosys.ts';
import { DESIGN_HELP, DESIGN_OPTIONS, choice, list, params, str, type Verb } from './args.ts';
import { CheckFailedError, UsageError } from './errors.ts';
import { loadDesign } from './load-design.ts';

const TOOLS = ['verilator', 'iverilog', 'yosys'] as const;
type Tool = (typeof TOOLS)[number];

/** Runs one linter; returns its findings ('' when clean). A missing tool is a {@link ToolError}. */
async function lintWith(tool: Tool, files: Record<string, string>, top: string): Promise<string> {
  if (tool === 'yosys') {
    try {
      await yosysCheck(files, top);
      return '';
    } catch (e) {
      if (e instanceof ToolError) return e.message;
      throw e;
    }
  }
  if (!haveCommand(tool)) throw new ToolError(tool, `not installed; install it with: apt-get install -y ${tool}`);
  if (tool === 'verilator') return verilatorLint(files, top);
  try {
    return checkIcarus(files, top).trim();
  } catch (e) {
    if (e instanceof ToolError) return e.message;
    throw e;
  }
}

/** `meram-hdl lint FILE [--tool verilator|iverilog|yosys]... [--set synthesis|simulation]` */
export const lintVerb: Verb = {
  name: 'lint',
  summary: 'lint the emitted Verilog with Verilator, Icarus and Yosys',
  help: `usage: meram-hdl lint FILE.ts [options]

Emits the design's Verilog and lints it with every warning on: verilator --lint-only -Wall, iverilog -g2005 -Wall,
yosys (hierarchy -check; proc; check -assert). Exit code 1 when any tool reports a finding.
${DESIGN_HELP}
  --tool TOOL        verilator, iverilog or yosys (repeatable; default: all three)
  --set SET          synthesis (default) or simulation

example: meram-hdl lint counter.ts --tool verilator`,
  options: { ...DESIGN_OPTIONS, tool: { type: 'string', multiple: true }, set: { type: 'string' } },
  positionals: [1, 1],
  async run(args) {
    const file = args.positionals[0]!;
    const tools = list(args, 'tool');
    for (const t of tools) if (!(TOOLS as readonly string[]).includes(t)) throw new UsageError('lint', `--tool must be one of ${TOOLS.join(', ')}, got '${t}'`);
    const set = choice('lint', args, 'set', ['synthesis', 'simulation'] as const, 'synthesis');
    const { design } = await loadDesign('lint', file, { top: str(args, 'top'), params: params('lint', args) });
    const out = emitVerilog(design, { set });
    const files = Object.fromEntries(out.files);
    const failed: string[] = [];
    for (const tool of (tools.length ? tools : TOOLS) as readonly Tool[]) {
      const findings = await lintWith(tool, files, out.top);
      console.log(`${tool.padEnd(9)} ${findings ? 'FINDINGS' : 'clean'}`);
      if (findings) {
        console.log(findings.split('\n').map((l) => `  ${l}`).join('\n'));
        failed.push(tool);
      }
    }
    if (failed.length) throw new CheckFailedError(`lint: ${failed.join(', ')} reported findings in '${out.top}'`);
  },
};
