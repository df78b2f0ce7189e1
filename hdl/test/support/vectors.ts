/** Interesting input values of a shape: zero, one, extremes, -1, and seeded random patterns. */
import { type Shape, shapeRange, wrap } from '../../core/shape.ts';
import type { Rng } from '../../../common/rng.ts';

export function edgeValues(shape: Shape): bigint[] {
  const { min, max } = shapeRange(shape);
  const vals = [0n, 1n, max, min, -1n, max - 1n, min + 1n, 2n, 3n];
  return [...new Set(vals.map((v) => wrap(v, shape)))];
}

/** `count` values: the edge values first, then random ones (as the shape reads them). */
export function vectorValues(shape: Shape, count: number, rng: Rng): bigint[] {
  const edges = edgeValues(shape);
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) out.push(i < edges.length && rng.below(3) > 0 ? edges[i]! : wrap(rng.bits(shape.width), shape));
  return out;
}
