/** `meram-hdl verilog`: emits the Verilog of a user's design (a `.ts` file exporting a Module or a generator). */
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { emitVerilog } from '../hdl/backend/verilog.ts';
import { DESIGN_HELP, DESIGN_OPTIONS, choice, params, str, type Verb } from './args.ts';
import { loadDesign } from './load-design.ts';

/** `meram-hdl verilog FILE [--top NAME] [--param K=V]... [--set synthesis|simulation|all] [--out DIR]` */
export const verilogVerb: Verb = {
  name: 'verilog',
  summary: 'emit the Verilog of a design file (a Module or a generator function)',
  help: `usage: meram-hdl verilog FILE.ts [options]

Emits Verilog-2005 for the design FILE.ts exports. Without --out the whole text goes to stdout.
${DESIGN_HELP}
  --set SET          synthesis (default; macros as black-box stubs) or simulation (with behavioural models)
  --out DIR          write one file per module into DIR instead

example: meram-hdl verilog counter.ts --param width=8 --out build/counter`,
  options: { ...DESIGN_OPTIONS, set: { type: 'string' }, out: { type: 'string', short: 'o' } },
  positionals: [1, 1],
  async run(args) {
    const file = args.positionals[0]!;
    const { design } = await loadDesign('verilog', file, { top: str(args, 'top'), params: params('verilog', args) });
    const set = choice('verilog', args, 'set', ['synthesis', 'simulation'] as const, 'synthesis');
    const out = emitVerilog(design, { set });
    const dir = str(args, 'out');
    if (!dir) {
      process.stdout.write(out.combined);
      return;
    }
    for (const [name, text] of out.files) writeFileAtomic(path.join(dir, name), text);
    console.log(`wrote ${out.files.size} files (${set} set, top '${out.top}') to ${dir}: ${[...out.files.keys()].join(', ')}`);
  },
};
