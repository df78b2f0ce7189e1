/**
 * Code generation for the memory-port features of the built-in simulator: lane (byte) writes, write-first bypass and
 * the no-change hold. Values keep the representation of `codegen.ts` (`i`: int32 number, `d`: integer double,
 * `b`: bigint); a lane merge in `i` is bit arithmetic, in `d` and `b` it goes through the bigint helpers below.
 */
import type { Shape } from '../../hdl/core/shape.ts';
import type { Rep } from './codegen.ts';

/** Helpers the generated memory code calls (merged into `H`). */
export const MEMORY_HELPERS = {
  /** `o` with bits `[lo, lo+g)` taken from `d`, as a `w`-bit value of the given signedness (bigint). */
  laneB(o: bigint, d: bigint, lo: number, g: number, w: number, signed: boolean): bigint {
    const m = ((1n << BigInt(g)) - 1n) << BigInt(lo);
    const u = (BigInt.asUintN(w, o) & ~m) | (BigInt.asUintN(w, d) & m);
    return signed ? BigInt.asIntN(w, u) : u;
  },
  /** {@link MEMORY_HELPERS.laneB} on integer doubles (33..53 bits). */
  laneD(o: number, d: number, lo: number, g: number, w: number, signed: boolean): number {
    return Number(MEMORY_HELPERS.laneB(BigInt(o), BigInt(d), lo, g, w, signed));
  },
};

/** JS expression: `o` with lane `[lo, lo+g)` replaced by the same lane of `d` (both canonical values of `shape`). */
export function laneMerge(rep: Rep, shape: Shape, lo: number, g: number, o: string, d: string): string {
  const w = shape.width;
  if (rep === 'i') {
    const mask = Number(BigInt.asIntN(32, ((1n << BigInt(g)) - 1n) << BigInt(lo)));
    const merged = `((${o} & ${~mask}) | (${d} & ${mask}))`;
    if (shape.signed && w < 32) return `((${merged} << ${32 - w}) >> ${32 - w})`;
    return !shape.signed && w === 32 ? `(${merged} >>> 0)` : merged;
  }
  return `H.lane${rep === 'd' ? 'D' : 'B'}(${o}, ${d}, ${lo}, ${g}, ${w}, ${shape.signed})`;
}

/** JS boolean-ish expression: bit `i` of the enable `e` (a value in representation `rep`). */
export function enableBit(e: string, rep: Rep, i: number): string {
  if (rep === 'b') return `((${e} >> ${i}n) & 1n)`;
  if (rep === 'd') return `(Math.floor(${e} / ${2 ** i}) % 2)`;
  return `((${e} >>> ${i}) & 1)`;
}
