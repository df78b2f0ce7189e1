/**
 * `meram-hdl synth`: synthesizes a user's design with Yosys onto a Liberty library (one run per `--liberty`, i.e. per
 * corner), prints the report, and optionally writes the report files and the tape-out hand-off folder.
 */
import path from 'node:path';
import { MERAM180_LIB } from '../constraints/liberty-writer.ts';
import { MERAM_CLOCK, type ClockConstraints } from '../constraints/timing.ts';
import type { Design } from '../hdl/ir/elaborate.ts';
import { formatReport } from '../synth/report-text.ts';
import { synthesize, type SynthesisReport } from '../synth/synthesize.ts';
import { DESIGN_HELP, DESIGN_OPTIONS, flag, list, params, positive, str, type Verb, type VerbArgs } from './args.ts';
import { CheckFailedError, UsageError } from './errors.ts';
import { writeHandoff } from './handoff.ts';
import { loadDesign } from './load-design.ts';
import fs from 'node:fs';

/** Options shared by `synth` and `flow`: library files (corners), clock and activity. */
export const SYNTH_OPTIONS = {
  liberty: { type: 'string', multiple: true },
  period: { type: 'string' },
  'input-delay': { type: 'string' },
  'output-delay': { type: 'string' },
  activity: { type: 'string' },
  flatten: { type: 'boolean' },
} as const;

/** Help lines of {@link SYNTH_OPTIONS}. */
export const SYNTH_HELP = `  --liberty FILE     Liberty library to map onto (repeatable: one synthesis per corner; default constraints/meram180.lib)
  --period NS        clock period (default ${MERAM_CLOCK.periodNs}); --input-delay NS, --output-delay NS (default 20 % of the period)
  --activity A       toggle probability per node per cycle for the energy estimate (default 0.1)
  --flatten          flatten the hierarchy first (exact cross-module timing)`;

/** The clock and library choices of a command line. */
export function synthChoices(verb: string, args: VerbArgs): { libs: string[]; clock: ClockConstraints; activity: number; flatten: boolean } {
  const libs = list(args, 'liberty');
  for (const l of libs) if (!fs.existsSync(l)) throw new UsageError(verb, `no such Liberty file '${l}'`);
  const periodNs = positive(verb, args, 'period', MERAM_CLOCK.periodNs);
  const scale = periodNs / MERAM_CLOCK.periodNs;
  const clock = {
    periodNs,
    inputDelayNs: positive(verb, args, 'input-delay', MERAM_CLOCK.inputDelayNs * scale),
    outputDelayNs: positive(verb, args, 'output-delay', MERAM_CLOCK.outputDelayNs * scale),
  };
  const activity = positive(verb, args, 'activity', 0.1);
  if (activity > 1) throw new UsageError(verb, `--activity must be at most 1, got ${activity}`);
  return { libs: libs.length ? libs : [MERAM180_LIB], clock, activity, flatten: flag(args, 'flatten') };
}

/** One synthesis per library (corner). */
export async function synthCorners(design: Design, c: ReturnType<typeof synthChoices>, write?: string): Promise<SynthesisReport[]> {
  const reports: SynthesisReport[] = [];
  for (const liberty of c.libs) {
    const dir = write ? (c.libs.length > 1 ? path.join(write, path.basename(liberty, '.lib')) : write) : undefined;
    reports.push(await synthesize(design, { liberty, clock: c.clock, activity: c.activity, flatten: c.flatten, ...(dir ? { write: dir } : {}) }));
  }
  return reports;
}

/** `meram-hdl synth FILE [--liberty FILE]... [--period NS] [--out DIR] [--handoff DIR] [--json]` */
export const synthVerb: Verb = {
  name: 'synth',
  summary: 'synthesize a design with Yosys onto a Liberty library; write the tape-out hand-off',
  help: `usage: meram-hdl synth FILE.ts [options]

Synthesizes the design (its synthesis Verilog set; macros stay black boxes) with Yosys and prints cells, area,
flip-flops, leakage, energy per cycle and the critical path against the clock. Exit code 1 when timing is violated.
${DESIGN_HELP}
${SYNTH_HELP}
  --out DIR          write report.json, report.txt and netlist.v (one subfolder per library when several)
  --handoff DIR      write the tape-out hand-off folder (RTL, stubs, .f, .sdc, netlists, .core, README; docs/cli.md)
  --json             print the report as JSON instead of text

example: meram-hdl synth counter.ts --param width=8 --handoff build/counter-handoff`,
  options: { ...DESIGN_OPTIONS, ...SYNTH_OPTIONS, out: { type: 'string', short: 'o' }, handoff: { type: 'string' }, json: { type: 'boolean' } },
  positionals: [1, 1],
  async run(args) {
    const c = synthChoices('synth', args);
    const { design } = await loadDesign('synth', args.positionals[0]!, { top: str(args, 'top'), params: params('synth', args) });
    const reports = await synthCorners(design, c, str(args, 'out'));
    if (flag(args, 'json')) console.log(JSON.stringify(reports.map(({ netlist: _n, ...r }) => r), null, 2));
    else for (const r of reports) console.log(`${formatReport(r)}\n${r.written.length ? `wrote ${r.written.join(', ')}\n` : ''}`);
    const handoff = str(args, 'handoff');
    if (handoff) {
      const files = await writeHandoff(handoff, { design, report: reports[0]!, clock: c.clock, liberty: c.libs[0]! });
      console.log(`hand-off: ${files.length} files in ${handoff} (see ${path.join(handoff, 'README.md')})`);
    }
    const violated = reports.filter((r) => r.timing && !r.timing.met);
    if (violated.length) throw new CheckFailedError(`timing violated at ${violated.map((r) => `${r.library} (slack ${r.timing!.slackNs.toFixed(3)} ns)`).join(', ')}`);
  },
};
