/**
 * CMOS baseline (a): a uniform PRNG (leap-forward LFSR or xoshiro128**) feeding a central-limit adder. Each clock,
 * `terms` fields of `termBits` bits are cut from the PRNG words and added; the registered sum S is the sample, on
 * the lattice z = (S - mean) / sd. Its exact law is the `terms`-fold convolution of the uniform on 0..2^termBits - 1.
 */
import { HdlError } from '../../hdl/core/errors.ts';
import { Module } from '../../hdl/core/module.ts';
import { type Value, widthFor } from '../../hdl/core/value.ts';
import { latticePmf, type LatticePmf } from '../../verif/index.ts';
import { type PrngKind, uniformCount, uniformWords } from './uniform.ts';

/** Parameters of the CLT baseline. */
export interface CmosCltParams {
  readonly name?: string;
  readonly prng: PrngKind;
  /** Number of uniform terms added (default 4). */
  readonly terms?: number;
  /** Bits per term (default 8). */
  readonly termBits?: number;
  readonly seed?: number;
  /** Deliberate flaw for the tests: bit `stuckBit` of the first term forced to 0. */
  readonly stuckBit?: number;
}

/** Resolved sizes of a CLT baseline. */
export function cltSizes(p: CmosCltParams): { terms: number; termBits: number; words: number; sumBits: number } {
  const terms = p.terms ?? 4;
  const termBits = p.termBits ?? 8;
  if (terms < 1 || termBits < 1 || termBits > 32) throw new HdlError(`CLT baseline: need terms >= 1 and 1 <= termBits <= 32 (got ${terms}, ${termBits})`);
  return { terms, termBits, words: uniformCount(termBits, terms), sumBits: widthFor(terms * (2 ** termBits - 1)) };
}

/**
 * Builds the generator: ports `ready`, `valid`, `sample` (unsigned sum). The PRNG advances while `ready` is 1.
 * @example const top = cmosClt({ prng: 'xoshiro', terms: 4, termBits: 8 });
 */
export function cmosClt(p: CmosCltParams): Module {
  const { terms, termBits, words, sumBits } = cltSizes(p);
  const m = new Module(p.name ?? `cmos_clt_${p.prng}_${terms}x${termBits}`);
  const ready = m.input('ready', 1);
  const valid = m.output('valid', 1);
  const sample = m.output('sample', sumBits);
  const u = uniformWords(m, p.prng, words, p.seed ?? 1, ready);
  const fields: Value[] = [];
  for (let t = 0; t < terms; t++) {
    const lo = t * termBits;
    const w = u[Math.floor(lo / 32)]!;
    const bit = lo % 32;
    let f = w.bits(bit + termBits - 1, bit);
    if (t === 0 && p.stuckBit !== undefined) f = f.and(((2 ** termBits - 1) ^ (1 << p.stuckBit)) >>> 0);
    fields.push(f.zext(sumBits));
  }
  m.If(ready, () => {
    m.sync(sample, fields.reduce((a, b) => a.add(b).trunc(sumBits)));
    m.sync(valid, 1);
  });
  return m;
}

/** The exact pmf of the sum, on the lattice z = (S - mean) / sd. */
export function cmosCltPmf(p: CmosCltParams): LatticePmf {
  const { terms, termBits } = cltSizes(p);
  const n = 2 ** termBits;
  let probs = new Float64Array([1]);
  for (let t = 0; t < terms; t++) {
    const next = new Float64Array(probs.length + n - 1);
    // running-sum convolution with the uniform box of width n
    let window = 0;
    for (let i = 0; i < next.length; i++) {
      if (i < probs.length) window += probs[i]!;
      if (i - n >= 0 && i - n < probs.length) window -= probs[i - n]!;
      next[i] = Math.max(0, window / n);
    }
    probs = next;
  }
  const mean = (terms * (n - 1)) / 2;
  const sd = Math.sqrt((terms * (n * n - 1)) / 12);
  const sum = probs.reduce((a, b) => a + b, 0);
  return latticePmf({ offset: 0, probs: probs.map((x) => x / sum), origin: -mean / sd, step: 1 / sd });
}
