/** Shard ownership and merging (common/shards.ts). */
import { describe, expect, it } from 'vitest';
import { mergeIndexed, ownedIndices, parseShard, ShardError } from '../shards.ts';

describe('shards', () => {
  it('parse i/n and reject anything else', () => {
    expect(parseShard(' 2/8 ')).toEqual({ index: 2, count: 8 });
    for (const bad of ['8/8', '1/0', 'x', '-1/3', '1/3/4', '']) expect(() => parseShard(bad), bad).toThrow(ShardError);
  });
  it('the shards of a split own every item exactly once', () => {
    for (const n of [1, 3, 7]) {
      const all = Array.from({ length: n }, (_, i) => ownedIndices(20, { index: i, count: n })).flat().sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 20 }, (_, i) => i));
    }
    expect(ownedIndices(10, { index: 1, count: 4 })).toEqual([1, 5, 9]);
  });
  it('merge puts items in order and names the part at fault', () => {
    expect(mergeIndexed([[[2, 'c'], [0, 'a']], [[1, 'b']]], 3)).toEqual(['a', 'b', 'c']);
    expect(() => mergeIndexed([[[0, 'a']], [[0, 'a'], [1, 'b']]], 2, ['s0.json', 's1.json'])).toThrow(/s1\.json: item 0 appears in more than one shard/);
    expect(() => mergeIndexed([[[0, 'a']]], 2)).toThrow(/item 1 is missing/);
    expect(() => mergeIndexed([[[5, 'a']]], 2, ['s.json'])).toThrow(/outside/);
  });
});
