/**
 * Code generation for the memory-port features of the built-in simulator: lane (byte) writes, write-first bypass and
 * the no-change hold. Values keep the representations of `codegen.ts` (`i`: int32 number, `d`: integer double,
 * `w`: 32-bit limbs, each its own local); a lane merge in `i` and `w` is bit arithmetic per part, in `d` it goes
 * through the bigint helper below.
 */
import type { Shape } from '../../hdl/core/shape.ts';
import type { Rep } from './codegen.ts';
import { limbCount } from './limbs.ts';

/** Helpers the generated memory code calls (merged into `H`). */
export const MEMORY_HELPERS = {
  /** `o` with bits `[lo, lo+g)` taken from `d`, as a `w`-bit value of the given signedness (integer doubles, 33..53 bits). */
  laneD(o: number, d: number, lo: number, g: number, w: number, signed: boolean): number {
    const m = ((1n << BigInt(g)) - 1n) << BigInt(lo);
    const u = (BigInt.asUintN(w, BigInt(o)) & ~m) | (BigInt.asUintN(w, BigInt(d)) & m);
    return Number(signed ? BigInt.asIntN(w, u) : u);
  },
};

/** The int32 pattern of the low 32 bits of `mask`. */
const int32 = (mask: bigint): number => Number(BigInt.asIntN(32, mask));

/**
 * JS statements: the parts `t` of a canonical value of `shape` get lane `[lo, lo+g)` from the parts `d` of another.
 * For limbs, a lane that holds the top bit also takes `d`'s extension bits of the top limb, so the result stays
 * canonical (sign- or zero-extended) without a fix-up.
 */
export function laneMergeParts(rep: Rep, shape: Shape, lo: number, g: number, t: readonly string[], d: readonly string[]): string {
  const w = shape.width;
  if (rep === 'i') {
    const mask = int32(((1n << BigInt(g)) - 1n) << BigInt(lo));
    const merged = `((${t[0]} & ${~mask}) | (${d[0]} & ${mask}))`;
    if (shape.signed && w < 32) return `${t[0]} = ((${merged} << ${32 - w}) >> ${32 - w});`;
    return `${t[0]} = ${!shape.signed && w === 32 ? `(${merged} >>> 0)` : merged};`;
  }
  if (rep === 'd') return `${t[0]} = H.laneD(${t[0]}, ${d[0]}, ${lo}, ${g}, ${w}, ${shape.signed});`;
  const n = limbCount(shape);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const a = Math.max(lo, 32 * k);
    const b = Math.min(lo + g, 32 * k + 32);
    let mask = a < b ? ((1n << BigInt(b - a)) - 1n) << BigInt(a - 32 * k) : 0n;
    if (k === n - 1 && lo + g === w && w - 32 * k < 32) mask |= ((1n << 32n) - 1n) ^ ((1n << BigInt(w - 32 * k)) - 1n);
    if (mask === 0n) continue;
    const m = int32(mask);
    out.push(`${t[k]} = (${t[k]} & ${~m}) | (${d[k]} & ${m});`);
  }
  return out.join(' ');
}

/** JS boolean-ish expression: bit `i` of an enable given by its parts `e` (representation `rep`). */
export function enableBitOf(e: readonly string[], rep: Rep, i: number): string {
  if (rep === 'w') return `((${e[i >> 5]} >>> ${i & 31}) & 1)`;
  if (rep === 'd') return `(Math.floor(${e[0]} / ${2 ** i}) % 2)`;
  return `((${e[0]} >>> ${i}) & 1)`;
}

/** JS boolean expression: some bit of an enable (its parts) is set. */
export function anyEnable(e: readonly string[]): string {
  return e.length === 1 ? `${e[0]} != 0` : `(${e.join(' | ')}) !== 0`;
}
