/**
 * Typed errors of meram-hdl. Every error a user can cause is a subclass of {@link MeramError}: its message names the
 * cause and, where one exists, the user's source location(s), so no stack trace from our internals is needed.
 */
import type { SourceLoc } from './source-loc.ts';
import { formatLoc } from './source-loc.ts';

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

/** An HDL construct was used wrongly (width, signedness, kind of value); raised while the design is described. */
export class HdlError extends MeramError {}

/** A width or signedness rule was broken (e.g. an assignment that would drop bits). */
export class WidthError extends HdlError {}

/** A constant does not fit its shape. */
export class ConstRangeError extends HdlError {}

/** A design-rule check on the elaborated netlist failed. `rule` is a stable identifier of the check. */
export class DesignRuleError extends MeramError {
  readonly rule: string;
  constructor(rule: string, message: string, locs: readonly (SourceLoc | undefined)[] = []) {
    super(`[${rule}] ${message}`, locs);
    this.rule = rule;
  }
}

/** Several design-rule violations found at once; `errors` lists each one. */
export class DesignRuleErrors extends MeramError {
  readonly errors: readonly DesignRuleError[];
  constructor(errors: readonly DesignRuleError[]) {
    super(`${errors.length} design-rule violation(s):\n${errors.map((e) => e.message).join('\n')}`);
    this.errors = errors;
  }
}

/** An external tool (verilator, iverilog, yosys, clang) is missing or failed. */
export class ToolError extends MeramError {
  readonly tool: string;
  constructor(tool: string, message: string, locs: readonly (SourceLoc | undefined)[] = []) {
    super(`${tool}: ${message}`, locs);
    this.tool = tool;
  }
}
