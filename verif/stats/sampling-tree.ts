/**
 * MSB-first conditional sampling: a binary tree of Bernoulli probabilities. Bit n-1 (the MSB) is drawn first with
 * the root's probability; each later bit with the probability of the node reached by the bits drawn so far. Unlike
 * independent bits, such a tree can produce any pmf on 2^n words, Gaussian-shaped ones included.
 *
 * Node layout (heap order): node 0 is the root; node i's children are 2i+1 (after a 0) and 2i+2 (after a 1); the
 * nodes of depth d are 2^d - 1 .. 2^(d+1) - 2, ordered by the value of the prefix drawn so far.
 */
import { InvalidParameterError } from '../errors.ts';
import { MAX_WORD_BITS, wordMassesToPmf, type WordFormat } from './bit-words.ts';
import type { LatticePmf } from './lattice.ts';

function depthOf(nodes: number): number {
  const n = Math.log2(nodes + 1);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORD_BITS) {
    throw new InvalidParameterError(`a sampling tree of n levels has 2^n - 1 nodes (n <= ${MAX_WORD_BITS}); got ${nodes}`);
  }
  return n;
}

/**
 * Masses of all 2^n words produced by a sampling tree, indexed by raw word (MSB first = most significant).
 *
 * @example
 * treeWordMasses([0.5, 0.2, 0.8]); // Float64Array [0.4, 0.1, 0.1, 0.4]
 */
export function treeWordMasses(nodeOnes: ArrayLike<number>): Float64Array {
  const n = depthOf(nodeOnes.length);
  let level = new Float64Array(1);
  level[0] = 1;
  for (let d = 0; d < n; d++) {
    const next = new Float64Array(level.length * 2);
    const base = (1 << d) - 1;
    for (let j = 0; j < level.length; j++) {
      const q = nodeOnes[base + j]!;
      if (!(q >= 0 && q <= 1)) throw new InvalidParameterError(`tree node ${base + j} probability ${q} is not in [0, 1]`);
      next[2 * j] = level[j]! * (1 - q);
      next[2 * j + 1] = level[j]! * q;
    }
    level = next;
  }
  return level;
}

/**
 * Exact pmf of the word produced by MSB-first conditional sampling with the given node probabilities.
 *
 * @example
 * treePmf([0.5, 0.2, 0.8], { signed: true }).probs; // values -2,-1,0,1: [0.1, 0.4, 0.4, 0.1]
 */
export function treePmf(nodeOnes: ArrayLike<number>, format: WordFormat = {}): LatticePmf {
  return wordMassesToPmf(treeWordMasses(nodeOnes), depthOf(nodeOnes.length), format);
}

/**
 * The inverse: node probabilities that make the tree produce `target` exactly (each node's probability is the mass of
 * its 1-subtree over its own mass; unreachable nodes get 0.5). `target` must have 2^n cells; for a signed format it
 * is ordered by value (codes -2^(n-1) .. 2^(n-1) - 1), as {@link treePmf} returns it.
 *
 * @example
 * const target = discretisedNormal({ minCode: -8, maxCode: 7, step: 0.5 });
 * const nodes = treeFromPmf(target, { signed: true });
 * treePmf(nodes, { signed: true, step: 0.5 }); // equals target
 */
export function treeFromPmf(target: LatticePmf, format: WordFormat = {}): Float64Array {
  const size = target.probs.length;
  const n = depthOf(size - 1);
  const words = new Float64Array(size);
  const half = size >>> 1;
  if (format.signed) {
    words.set(target.probs.subarray(half), 0);
    words.set(target.probs.subarray(0, half), half);
  } else {
    words.set(target.probs);
  }
  const nodes = new Float64Array(size - 1);
  let level = words;
  for (let d = n - 1; d >= 0; d--) {
    const parent = new Float64Array(level.length / 2);
    const base = (1 << d) - 1;
    for (let j = 0; j < parent.length; j++) {
      const m0 = level[2 * j]!;
      const m1 = level[2 * j + 1]!;
      parent[j] = m0 + m1;
      nodes[base + j] = m0 + m1 > 0 ? m1 / (m0 + m1) : 0.5;
    }
    level = parent;
  }
  return nodes;
}
