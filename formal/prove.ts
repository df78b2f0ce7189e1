/**
 * Proofs of a design's properties with Yosys's built-in SAT solver (@yowasp/yosys, no other tool): the emitted Verilog
 * (simulation set: registers start at their reset values) is read with `read_verilog -formal`, flattened, and
 *
 * - assertions: `sat -tempinduct -prove-asserts -set-assumes -maxsteps N` — bounded model checking from power-on
 *   together with k-induction: `proven` (with the induction length k), `failed` (with a counterexample from power-on),
 *   or `unknown` (no counterexample within N steps, but not inductive at length N either);
 * - covers, one at a time: `sat -tempinduct-baseonly -maxsteps N -set-assumes -prove <cover> 0`: BMC step by step,
 *   so a model is a shortest trace that reaches the cover.
 *
 * Reset is a free input like any other: properties are off while it is high (see hdl/core/property.ts), so a trace
 * may reset the design whenever it likes. Time step s of Yosys is cycle s-1 of the simulators.
 */
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import type { SourceLoc } from '../common/source-loc.ts';
import { emitVerilog } from '../hdl/backend/verilog.ts';
import type { Design } from '../hdl/ir/elaborate.ts';
import type { IrProperty } from '../hdl/ir/netlist.ts';
import { runYosysScript } from '../synth/yosys.ts';
import { FormalToolOutputError, FormalUsageError } from './errors.ts';
import { verilogPath } from './probe.ts';
import { parseVcd, type VcdSteps } from './vcd-read.ts';

/** A trace from power-on: the inputs of every cycle, as a testbench replays them. */
export interface Trace {
  /** Values of the top-level inputs (data inputs and resets, by Verilog port name) in each cycle. */
  readonly inputs: readonly Readonly<Record<string, bigint>>[];
  /** Every signal Yosys dumped, per cycle. */
  readonly steps: VcdSteps;
  /** The VCD text (opens in GTKWave), and where it was written, if a folder was given. */
  readonly vcd: string;
  readonly vcdPath: string | undefined;
}

/** A counterexample: a trace and the assertion it breaks, in which cycle. */
export interface Counterexample extends Trace {
  readonly property: string;
  readonly cycle: number;
  readonly loc: SourceLoc | undefined;
}

/** The verdict on the assertions of a design. */
export type AssertVerdict =
  | { readonly status: 'proven'; readonly inductionDepth: number }
  | { readonly status: 'failed'; readonly counterexample: Counterexample }
  | { readonly status: 'unknown'; readonly bound: number }
  | { readonly status: 'no-assertions' };

/** What the search for one cover found. */
export interface CoverVerdict {
  readonly property: string;
  readonly loc: SourceLoc | undefined;
  /** Reached within the bound, with a trace whose last cycle hits it; or not reached within `bound` cycles. */
  readonly reached: boolean;
  readonly cycle: number | undefined;
  readonly trace: Trace | undefined;
  readonly bound: number;
}

/** Result of {@link prove}. */
export interface ProofResult {
  readonly asserts: AssertVerdict;
  readonly covers: readonly CoverVerdict[];
  /** The Yosys logs, for `--verbose`. */
  readonly logs: readonly string[];
}

/** Options of {@link prove}. */
export interface ProveOptions {
  /** Largest number of time steps for BMC and induction (default 20). */
  readonly depth?: number;
  /** Search the covers too (default true). */
  readonly covers?: boolean;
  /** Folder to write counterexample / cover traces as VCD (`<top>.<property>.vcd`). */
  readonly vcdDir?: string;
}

/**
 * Proves the assertions of a design and searches its covers.
 * @example
 * const r = await prove(elaborate(top), { depth: 30 });
 * if (r.asserts.status === 'failed') console.log(r.asserts.counterexample.property, r.asserts.counterexample.cycle);
 */
export async function prove(design: Design, opts: ProveOptions = {}): Promise<ProofResult> {
  const depth = opts.depth ?? 20;
  if (!Number.isInteger(depth) || depth < 1) throw new FormalUsageError(`depth must be a positive integer, got ${depth}`);
  const flat = design.flat;
  const props = flat.properties;
  const files = Object.fromEntries(emitVerilog(design, { set: 'simulation', initialValues: true }).files);
  const reads = Object.keys(files).map((f) => `read_verilog -formal -DFORMAL ${f}`).join('; ');
  const prep = `${reads}; prep -top ${design.top.name} -flatten; async2sync; dffunmap`;
  const logs: string[] = [];
  const checkName = (p: IrProperty): string => verilogPath(design, flat.signals[p.check]!.path);
  const trace = async (out: Record<string, string | Uint8Array>, name: string): Promise<Trace> => {
    const raw = out['trace.vcd'];
    if (raw === undefined) throw new FormalToolOutputError('yosys found a model but wrote no trace.vcd');
    const vcd = typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
    const steps = parseVcd(vcd);
    const inPorts = design.top.ports.filter((p) => p.direction === 'input' && !p.clockOf).map((p) => design.top.names.get(p.signal)!);
    const inputs = steps.steps.map((st) => Object.fromEntries(inPorts.map((n) => [n, st.get(n) ?? 0n])));
    let vcdPath: string | undefined;
    if (opts.vcdDir) { vcdPath = path.join(opts.vcdDir, `${design.top.name}.${name.replace(/[^A-Za-z0-9_.]/g, '_')}.vcd`); writeFileAtomic(vcdPath, vcd); }
    return { inputs, steps, vcd, vcdPath };
  };

  // ---- assertions (and assumptions as constraints) ----
  const asserts = props.filter((p) => p.kind === 'assert');
  let verdict: AssertVerdict = { status: 'no-assertions' };
  if (asserts.length) {
    const script = `${prep}; chformal -cover -remove; sat -tempinduct -prove-asserts -set-assumes -maxsteps ${depth} -dump_vcd trace.vcd -show-public`;
    const run = await runYosysScript(script, files);
    logs.push(run.log);
    if (/Induction step proven: SUCCESS!/.test(run.log)) {
      const lengths = [...run.log.matchAll(/Trying induction with length (\d+)/g)].map((m) => Number(m[1]));
      verdict = { status: 'proven', inductionDepth: lengths.length ? Math.max(...lengths) : 1 };
    } else if (/model found for base case: FAIL!/.test(run.log)) {
      const t = await trace(run.files, 'cex');
      const failing = firstFalse(t.steps, asserts, checkName);
      if (!failing) throw new FormalToolOutputError('yosys reported a failing base case but no assertion is false in its trace');
      verdict = { status: 'failed', counterexample: { ...t, property: failing.p.path, cycle: failing.cycle, loc: failing.p.site.loc } };
    } else if (/Reached maximum number of time steps/.test(run.log)) {
      verdict = { status: 'unknown', bound: depth };
    } else throw new FormalToolOutputError(`yosys sat gave no verdict:\n${run.log.split('\n').slice(-15).join('\n')}`);
  }

  // ---- covers, one SAT problem each ----
  const covers: CoverVerdict[] = [];
  if (opts.covers ?? true) {
    for (const p of props.filter((x) => x.kind === 'cover')) {
      const sig = checkName(p);
      const script = `${prep}; chformal -cover -remove; chformal -assert -remove; sat -tempinduct -tempinduct-baseonly -maxsteps ${depth} -set-assumes -prove ${sig} 0 -dump_vcd trace.vcd -show-public`;
      const run = await runYosysScript(script, files);
      logs.push(run.log);
      if (/model found for base case: FAIL!/.test(run.log)) {
        const t = await trace(run.files, p.path);
        const cycle = t.steps.steps.findIndex((st) => st.get(sig) === 1n);
        covers.push({ property: p.path, loc: p.site.loc, reached: true, cycle: cycle < 0 ? undefined : cycle, trace: { ...t, inputs: t.inputs.slice(0, cycle + 1) }, bound: depth });
      } else if (/Reached maximum number of time steps/.test(run.log)) {
        covers.push({ property: p.path, loc: p.site.loc, reached: false, cycle: undefined, trace: undefined, bound: depth });
      } else throw new FormalToolOutputError(`yosys sat gave no verdict on cover '${p.path}':\n${run.log.split('\n').slice(-15).join('\n')}`);
    }
  }
  return { asserts: verdict, covers, logs };
}

/** The first (cycle, assertion) whose check signal is 0 in the trace. */
function firstFalse(steps: VcdSteps, asserts: readonly IrProperty[], name: (p: IrProperty) => string): { p: IrProperty; cycle: number } | undefined {
  for (let c = 0; c < steps.steps.length; c++) {
    for (const p of asserts) if (steps.steps[c]!.get(name(p)) === 0n) return { p, cycle: c };
  }
  return undefined;
}
