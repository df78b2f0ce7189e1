/**
 * Counterexamples as testbenches: a trace from the prover is replayed on a simulator (built-in by default) with the
 * property monitor in count mode, so the replay shows which assertion fails in which cycle, as the proof said.
 */
import type { Design } from '../hdl/ir/elaborate.ts';
import type { BackendKind } from '../sim/interface.ts';
import { simulateWithProperties } from './check.ts';
import type { PropertyReport } from './monitor.ts';
import type { Trace } from './prove.ts';

/**
 * Replays a trace; returns the property report of the run (failures with cycles and values, cover hits).
 * @example
 * const r = await prove(design);
 * if (r.asserts.status === 'failed') (await replayTrace(design, r.asserts.counterexample)).failures[0]!.cycle;
 */
export async function replayTrace(design: Design, trace: Trace, opts: { backend?: BackendKind } = {}): Promise<PropertyReport> {
  return simulateWithProperties(design, {
    cycles: trace.inputs.length, mode: 'count', stimulus: (c) => trace.inputs[c]!, ...(opts.backend ? { backend: opts.backend } : {}),
  });
}
