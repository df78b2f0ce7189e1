/**
 * The errors of the `meram-hdl` command line and the exit code each kind of failure gives. Scripts rely on the codes:
 * 0 ok, 1 a check or verification failed, 2 usage error, 3 design or tool error, 4 internal error (a bug).
 */
import { MeramError } from '../common/errors.ts';
import { formatLoc } from '../common/source-loc.ts';

/** Exit codes of `meram-hdl` (documented in docs/cli.md). */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2, design: 3, internal: 4 } as const;

/** The command line was wrong: unknown verb or option, a missing or malformed argument. Exit code 2. */
export class UsageError extends MeramError {
  /** The verb whose usage was wrong (for the `--help` hint), or '' for the top level. */
  readonly verb: string;
  constructor(verb: string, message: string) {
    super(message);
    this.verb = verb;
  }
}

/** A check ran and failed (lint warnings, statistical tests, a missed timing constraint). Exit code 1. */
export class CheckFailedError extends MeramError {}

/** A verb registered in this build without its implementation (e.g. `noise`, `prove`). Exit code 3. */
export class NotAvailableError extends MeramError {
  constructor(verb: string, what: string) {
    super(`'${verb}' is not available in this build: ${what}`);
  }
}

/** The user's design or testbench file could not be used (missing, no suitable export, wrong type). Exit code 3. */
export class DesignFileError extends MeramError {}

/** The exit code for an error thrown by a verb. */
export function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError) return EXIT.usage;
  if (e instanceof CheckFailedError) return EXIT.checkFailed;
  if (e instanceof MeramError) return EXIT.design;
  return EXIT.internal;
}

/**
 * One line for the terminal: the cause and, where known, the user's source location. The details a tool printed (its
 * own log, further locations) follow only with `--debug`.
 *
 * @example
 * console.error(oneLine(new MeramError('width mismatch', [{ file: 'my.ts', line: 3, column: 1 }])));
 * // error: width mismatch (at my.ts:3:1)
 */
export function oneLine(e: unknown): string {
  if (e instanceof MeramError) {
    const first = e.message.split('\n')[0]!.trim();
    const where = e.locs[0] ? ` (at ${formatLoc(e.locs[0])})` : '';
    const hint = e instanceof UsageError ? ` (see: meram-hdl ${e.verb ? `${e.verb} ` : ''}--help)` : '';
    return `error: ${first}${where}${hint}`;
  }
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return `internal error: ${msg} (a bug in meram-hdl; rerun with --debug for the stack trace)`;
}
