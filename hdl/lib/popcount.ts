/** Population count (number of ones) as a balanced adder tree. */
import { defineModule } from '../core/module.ts';
import { type Value, widthFor } from '../core/value.ts';

/**
 * Number of ones in `v`, built as a balanced tree of adders (depth log2 of the width); result width is the smallest
 * that holds `v.width`.
 * @example popcount(bits) // bits: u64 -> u7
 */
export function popcount(v: Value): Value {
  let level: Value[] = Array.from({ length: v.width }, (_, i) => v.bit(i));
  while (level.length > 1) {
    const next: Value[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(level[i]!.add(level[i + 1]!));
    if (level.length % 2) next.push(level[level.length - 1]!);
    level = next;
  }
  const w = widthFor(v.width);
  const r = level[0]!;
  return r.width >= w ? r.trunc(w) : r.ext(w);
}

/** A module wrapping {@link popcount}: input `bits`, output `count`. */
export const Popcount = defineModule('popcount', (m, p: { width: number }) => {
  const bits = m.input('bits', p.width);
  const count = m.output('count', widthFor(p.width));
  m.comb(count, popcount(bits));
});
