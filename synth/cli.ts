/**
 * Synthesizes one example design and prints its report: `npx tsx synth/cli.ts <example>` (blinky, pulse_sequencer,
 * two_domains). Writes build/synth/<top>/{report.json,report.txt,netlist.v}. `--flatten` flattens first.
 * @example npx tsx synth/cli.ts pulse_sequencer
 */
import { elaborate } from '../hdl/ir/elaborate.ts';
import { EXAMPLES } from '../hdl/examples/index.ts';
import { formatReport } from './report-text.ts';
import { synthesize } from './synthesize.ts';

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('--'));
const make = name ? EXAMPLES[name] : undefined;
if (!make) {
  console.error(`usage: npx tsx synth/cli.ts <example> [--flatten]; examples: ${Object.keys(EXAMPLES).join(', ')}`);
  process.exit(2);
}
const report = await synthesize(elaborate(make()), { write: true, flatten: args.includes('--flatten') });
console.log(formatReport(report));
console.log(`\nwrote ${report.written.join(', ')}`);
