/** Typed errors of the built-in simulator and the testbench API. */
import { MeramError } from '../../common/errors.ts';
import type { SourceLoc } from '../../hdl/core/source-loc.ts';

/** Base class of every error the simulators raise on purpose. */
export class SimError extends MeramError {}

/** The design contains black boxes without a simulation model; the simulator cannot run it. */
export class MissingModelError extends SimError {
  constructor(items: readonly { path: string; moduleName: string; loc?: SourceLoc | undefined }[]) {
    super(`cannot simulate: black box(es) without a simulation model: ${items.map((i) => `'${i.path}' (${i.moduleName})`).join(', ')}; pass \`model:\` to m.blackbox()`, items.map((i) => i.loc));
  }
}

/** A signal, port, memory or domain name that the design does not have, or one used the wrong way. */
export class SimUsageError extends SimError {}

/** A value that does not fit the signal it is written to. */
export class SimValueError extends SimError {}

/** A testbench process awaited something other than the simulator (it would never hand control back). */
export class ProcessStalledError extends SimError {}

/** Every process waits for a condition that can never change (no clock, no delay pending). */
export class DeadlockError extends SimError {}

/** A process keeps resuming at the same time without letting time advance. */
export class ZeroDelayLoopError extends SimError {}

/** A testbench process threw; `cause` is what it threw. */
export class ProcessFailedError extends SimError {}

/** A backend that is not available on this machine or not integrated yet. */
export class BackendUnavailableError extends SimError {}

/**
 * A run without a limit passed the simulator's default limit (`SimulatorOptions.timeout`), or an `until()` with a
 * timeout did not hold in time: names the processes still waiting and what for, with the user's line.
 */
export class SimTimeoutError extends SimError {}

/** A testbench set an output port (the design drives it; the write would be lost at the next settle). */
export class OutputPortSetError extends SimUsageError {}
