/**
 * Typed errors of meram-hdl. Every error a user can cause is a subclass of {@link MeramError}: its message names the
 * cause and, where one exists, the user's source location(s), so no stack trace from our internals is needed.
 */
import { MeramError, ToolError } from '../../common/errors.ts';
import type { SourceLoc } from '../../common/source-loc.ts';

export { MeramError, ToolError };

/** An HDL construct was used wrongly (width, signedness, kind of value); raised while the design is described. */
export class HdlError extends MeramError {}

/** A width or signedness rule was broken (e.g. an assignment that would drop bits). */
export class WidthError extends HdlError {}

/** A constant does not fit its shape. */
export class ConstRangeError extends HdlError {}

/**
 * A module was changed after it was elaborated (modules are frozen by `elaborate`, so the netlist every backend read
 * can never go stale). Names the line of the change and the line of the elaboration.
 */
export class AlreadyElaboratedError extends HdlError {
  constructor(moduleName: string, what: string, changedAt: SourceLoc | undefined, elaboratedAt: SourceLoc | undefined) {
    super(`module '${moduleName}' was elaborated and can no longer change (${what}): build every part of a module before calling elaborate()`, [changedAt, elaboratedAt]);
  }
}

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

