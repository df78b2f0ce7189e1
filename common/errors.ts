/**
 * The base of every error meram-hdl raises on purpose: its message names the cause and, where one exists, the user's
 * source location(s), so no stack trace from our internals is needed. Each part derives its own classes from it.
 */
import { formatLoc, type SourceLoc } from './source-loc.ts';

/** Base class of all errors meram-hdl raises on purpose. */
export class MeramError extends Error {
  /** Source locations in the user's code the error is about (may be empty). */
  readonly locs: readonly SourceLoc[];
  constructor(message: string, locs: readonly (SourceLoc | undefined)[] = []) {
    const known = locs.filter((l): l is SourceLoc => l !== undefined);
    super(known.length ? `${message}\n${known.map((l) => `  at ${formatLoc(l)}`).join('\n')}` : message);
    this.name = new.target.name;
    this.locs = known;
  }
}

/** An external tool (verilator, iverilog, yosys, clang, opensta) is missing or failed. */
export class ToolError extends MeramError {
  readonly tool: string;
  constructor(tool: string, message: string, locs: readonly (SourceLoc | undefined)[] = []) {
    super(`${tool}: ${message}`, locs);
    this.tool = tool;
  }
}
