/**
 * Splitting a deterministic computation into shards: shard i of n owns the work items k ≡ i (mod n) (which spreads
 * cheap and costly items evenly), so every item's result is computed the same way whatever the split, and merged
 * results do not depend on it. Used by the switching maps (physics/) and the studies (experiments/studies/).
 */
import { MeramError } from './errors.ts';

/** Shard i of n. */
export interface ShardId {
  readonly index: number;
  readonly count: number;
}

/** An invalid shard (syntax, range) or a set of shards that do not merge. */
export class ShardError extends MeramError {}

/**
 * Parses "i/n" (0 ≤ i < n).
 *
 * @example
 * parseShard('2/8'); // { index: 2, count: 8 }
 */
export function parseShard(text: string): ShardId {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new ShardError(`shard '${text}': expected i/n, e.g. 0/4`);
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  checkShard(shard);
  return shard;
}

/**
 * Rejects anything but integers 0 ≤ i < n.
 *
 * @example
 * checkShard({ index: 4, count: 4 }); // throws ShardError
 */
export function checkShard(shard: ShardId): void {
  const { index, count } = shard;
  if (!(Number.isSafeInteger(count) && count >= 1 && Number.isSafeInteger(index) && index >= 0 && index < count)) {
    throw new ShardError(`shard ${index}/${count}: need integers 0 ≤ i < n`);
  }
}

/**
 * The items of `total` owned by a shard.
 *
 * @example
 * ownedIndices(10, { index: 1, count: 4 }); // [1, 5, 9]
 */
export function ownedIndices(total: number, shard: ShardId): number[] {
  checkShard(shard);
  const out: number[] = [];
  for (let i = shard.index; i < total; i += shard.count) out.push(i);
  return out;
}

/**
 * Collects (item, result) pairs of several shards into one array in item order; rejects duplicates and missing items.
 * `names` label the parts in errors (file names).
 *
 * @example
 * mergeIndexed([[[0, 'a'], [2, 'c']], [[1, 'b']]], 3); // ['a', 'b', 'c']
 */
export function mergeIndexed<R>(parts: readonly (readonly (readonly [number, R])[])[], total: number, names: readonly string[] = []): R[] {
  const out = new Array<R>(total);
  const seen = new Uint8Array(total);
  parts.forEach((items, n) => {
    for (const [i, r] of items) {
      if (!(Number.isInteger(i) && i >= 0 && i < total)) throw new ShardError(`${names[n] ?? `part ${n}`}: item ${i} is outside 0..${total - 1}`);
      if (seen[i]) throw new ShardError(`${names[n] ?? `part ${n}`}: item ${i} appears in more than one shard`);
      seen[i] = 1;
      out[i] = r;
    }
  });
  const missing = seen.indexOf(0);
  if (missing >= 0) throw new ShardError(`item ${missing} is missing: not every shard was merged (${parts.length} given)`);
  return out;
}
