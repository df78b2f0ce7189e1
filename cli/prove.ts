/**
 * `meram-hdl prove`: proves a design's assertions (BMC + k-induction with Yosys's SAT solver), searches its covers,
 * writes counterexamples and cover traces as VCD and replays each on the built-in simulator; with `--equiv`, also
 * proves the synthesized netlist equivalent to the RTL. Exit code 1 when an assertion fails, a proof stays unknown
 * (with `--strict`), a cover is unreachable or the netlist is not equivalent.
 */
import { formatLoc } from '../common/source-loc.ts';
import { checkEquivalence } from '../formal/equiv.ts';
import { describeFailure } from '../formal/errors.ts';
import { prove } from '../formal/prove.ts';
import { replayTrace } from '../formal/replay.ts';
import { DESIGN_HELP, DESIGN_OPTIONS, flag, int, params, str, type Verb } from './args.ts';
import { CheckFailedError } from './errors.ts';
import { loadDesign } from './load-design.ts';

/** `meram-hdl prove FILE [--depth N] [--vcd DIR] [--no-covers] [--strict] [--equiv]` */
export const proveVerb: Verb = {
  name: 'prove',
  summary: 'prove the assertions of a design (BMC + k-induction), reach its covers, check netlist equivalence',
  help: `usage: meram-hdl prove FILE.ts [options]

Proves the design's m.assert properties with Yosys's SAT solver (bounded model checking from power-on and
k-induction, assumptions from m.assume) and searches a trace to each m.cover. A counterexample or cover trace is
written as VCD (opens in GTKWave) and replayed on the built-in simulator. See docs/formal.md.
${DESIGN_HELP}
  --depth N          largest BMC / induction length in cycles (default 20)
  --vcd DIR          write counterexamples and cover traces as DIR/<top>.<property>.vcd
  --no-covers        skip the cover search
  --strict           exit 1 also when the proof is unknown at the depth
  --equiv            also synthesize and prove the gate netlist equivalent to the RTL (per module)

example: meram-hdl prove designs/meram/properties.ts --top PulseControllerProof --param dacSettle=2 --param resetPulse=1 \\
  --param postPulseSettle=1 --param precharge=1 --param senseEnable=1 --param resetWrite=true --param pulses=2 --depth 30`,
  options: { ...DESIGN_OPTIONS, depth: { type: 'string' }, vcd: { type: 'string' }, 'no-covers': { type: 'boolean' }, strict: { type: 'boolean' }, equiv: { type: 'boolean' } },
  positionals: [1, 1],
  async run(args) {
    const { design } = await loadDesign('prove', args.positionals[0]!, { top: str(args, 'top'), params: params('prove', args) });
    const depth = int('prove', args, 'depth', 20, 1);
    const vcdDir = str(args, 'vcd');
    const r = await prove(design, { depth, covers: !flag(args, 'no-covers'), ...(vcdDir ? { vcdDir } : {}) });
    const problems: string[] = [];
    const a = r.asserts;
    if (a.status === 'proven') console.log(`assertions: proven (k-induction at length ${a.inductionDepth})`);
    else if (a.status === 'no-assertions') console.log('assertions: none');
    else if (a.status === 'unknown') {
      console.log(`assertions: unknown: no counterexample within ${a.bound} cycles, not inductive at that length (raise --depth or add invariants)`);
      if (flag(args, 'strict')) problems.push('proof unknown');
    } else {
      const cex = a.counterexample;
      console.log(`assertions: FAILED: '${cex.property}'${cex.loc ? ` (${formatLoc(cex.loc)})` : ''} in cycle ${cex.cycle}${cex.vcdPath ? `; counterexample ${cex.vcdPath}` : ''}`);
      const replay = await replayTrace(design, cex);
      for (const f of replay.failures.slice(0, 5)) console.log(`  replayed: ${describeFailure(f)}`);
      problems.push(`assertion '${cex.property}' fails in cycle ${cex.cycle}`);
    }
    for (const c of r.covers) {
      console.log(`cover ${c.property}: ${c.reached ? `reached in cycle ${c.cycle}${c.trace?.vcdPath ? ` (${c.trace.vcdPath})` : ''}` : `not reached within ${c.bound} cycles`}`);
      if (!c.reached) problems.push(`cover '${c.property}' unreachable`);
    }
    if (flag(args, 'equiv')) {
      const e = await checkEquivalence(design);
      for (const m of e.modules) console.log(`equivalence ${m.module}: ${m.equivalent ? (m.method === 'induction' ? `proven (${m.cells} signal bits)` : `bounded, ${m.bmcCycles} cycles after reset`) : `NOT equivalent (${m.unproven.slice(0, 8).join(', ')})`}`);
      if (!e.equivalent) problems.push('netlist not equivalent to the RTL');
    }
    if (problems.length) throw new CheckFailedError(problems.join('; '));
  },
};
