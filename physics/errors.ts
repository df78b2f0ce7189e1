/** Typed errors of the device-physics part. Each names its cause; parameter errors name the offending field. */
import { MeramError } from '../common/errors.ts';

/** Base class of every error raised on purpose by `physics/`. */
export class PhysicsError extends MeramError {}

/** A device parameter is invalid (non-finite, non-positive, out of its physical range). `field` names it. */
export class DeviceParamError extends PhysicsError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`device parameter '${field}': ${message}`);
    this.field = field;
  }
}

/** A pulse or read voltage would exceed the stated MgO breakdown field. */
export class BreakdownError extends PhysicsError {
  readonly voltageV: number;
  readonly limitV: number;
  constructor(voltageV: number, limitV: number, what: string) {
    super(`${what} of ${voltageV} V exceeds the MgO breakdown limit of ${limitV.toPrecision(4)} V`);
    this.voltageV = voltageV;
    this.limitV = limitV;
  }
}

/** An argument other than a device parameter (a grid, a trial count, a probability, a shard spec) is invalid. */
export class PhysicsArgumentError extends PhysicsError {
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(`argument '${argument}': ${message}`);
    this.argument = argument;
  }
}

/** No pulse on the given grid reaches the target switching probability within the tolerance. */
export class UnreachableTargetError extends PhysicsError {
  readonly targetP: number;
  readonly bestP: number;
  constructor(targetP: number, bestP: number, minP: number, maxP: number, tolerance: number) {
    super(
      `target switching probability ${targetP} is unreachable on this grid: best achievable ${bestP.toFixed(4)}, ` +
        `grid spans [${minP.toFixed(4)}, ${maxP.toFixed(4)}], tolerance ${tolerance}`,
    );
    this.targetP = targetP;
    this.bestP = bestP;
  }
}

/** A stored file (behavioural table, map shard) has the wrong format, version or does not match its peers. */
export class PhysicsDataError extends PhysicsError {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}
