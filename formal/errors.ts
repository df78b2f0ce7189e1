/** Errors of the formal flow and of the simulators' property checks. */
import { MeramError } from '../common/errors.ts';
import type { SourceLoc } from '../common/source-loc.ts';
import { formatLoc } from '../common/source-loc.ts';

/** One failed check of an assertion (or assumption) in a simulation or a replayed counterexample. */
export interface PropertyFailure {
  readonly kind: 'assert' | 'assume';
  /** Hierarchical path of the property (`u_readout.assert_l40`). */
  readonly path: string;
  readonly message: string | undefined;
  /** Cycle (0 = the first cycle from power-on) in which it was sampled false. */
  readonly cycle: number;
  /** The values of the signals the condition reads, by hierarchical path, in that cycle. */
  readonly values: Readonly<Record<string, bigint>>;
  readonly loc: SourceLoc | undefined;
}

/** Describes a failure in one line: where, which cycle, the values it read. */
export function describeFailure(f: PropertyFailure): string {
  const vals = Object.entries(f.values).map(([k, v]) => `${k}=${v}`).join(', ');
  return `${f.kind} '${f.path}'${f.message ? ` (${f.message})` : ''}${f.loc ? ` at ${formatLoc(f.loc)}` : ''} failed in cycle ${f.cycle}${vals ? `: ${vals}` : ''}`;
}

/** An assertion was false in a simulated cycle: names its source line, the cycle and the values it read. */
export class AssertionFailedError extends MeramError {
  readonly failure: PropertyFailure;
  constructor(failure: PropertyFailure) {
    super(describeFailure(failure), [failure.loc]);
    this.failure = failure;
  }
}

/** A formal-flow request that cannot be carried out (no properties, a bad option, an unreadable trace). */
export class FormalUsageError extends MeramError {}

/** Yosys's output could not be understood (a version with different messages). */
export class FormalToolOutputError extends MeramError {}
