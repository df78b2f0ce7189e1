/**
 * CMOS baseline (c): an inverse-CDF generator with the tree sampler's 8-bit output (code k in [-128, 128) for the
 * cell [k D, (k+1) D), D = 4 / 128, output `sample` = 2k + 1). One xoshiro128** word per clock: its top bit is the
 * sign, its low 31 bits v are located in the table of the |z| CDF by a binary search pipelined over B - 1 stages
 * (stage l holds the 2^l thresholds of its level, so the whole table is stored once): one sample per clock after a
 * latency of B - 1 clocks. The exact law follows from the rounded thresholds.
 */
import { Module } from '../../hdl/core/module.ts';
import { signed } from '../../hdl/core/shape.ts';
import { C, cat, mux, type Value } from '../../hdl/core/value.ts';
import { HdlError } from '../../hdl/core/errors.ts';
import { discretisedNormal, latticePmf, type LatticePmf } from '../../verif/index.ts';
import { uniformWords } from './uniform.ts';

/** Parameters of the inverse-CDF baseline. */
export interface InverseCdfParams {
  readonly name?: string;
  /** Output bits B (default 8, the tree sampler's). */
  readonly bits?: number;
  /** Range R: the cells cover [-R, R) (default 4). */
  readonly range?: number;
  readonly seed?: number;
  /** Deliberate flaw for the tests: the root threshold raised by this fraction of 2^31. */
  readonly rootError?: number;
}

const SCALE = 2 ** 31;

/** The 2^(B-1) - 1 thresholds T_j = round(C(j) 2^31) of the |z| CDF (j = 0 .. M - 2), and the target law. */
export function inverseCdfTable(p: InverseCdfParams = {}): { thresholds: number[]; target: LatticePmf; levels: number } {
  const bits = p.bits ?? 8;
  if (bits < 2 || bits > 16) throw new HdlError(`inverse CDF: bits must be 2..16, got ${bits}`);
  const M = 2 ** (bits - 1);
  const step = (p.range ?? 4) / M;
  const target = discretisedNormal({ minCode: -M, maxCode: M - 1, step, origin: step / 2 });
  const thresholds: number[] = [];
  let cdf = 0;
  for (let j = 0; j < M - 1; j++) {
    cdf += target.probs[M + j]! + target.probs[M - 1 - j]!;
    thresholds.push(Math.min(SCALE - 1, Math.round(cdf * SCALE)));
  }
  return { thresholds, target, levels: bits - 1 };
}

/** The exact law of the hardware (ideal thresholds; the flaw is not in it). */
export function inverseCdfPmf(p: InverseCdfParams = {}): LatticePmf {
  const { thresholds, target } = inverseCdfTable(p);
  const M = thresholds.length + 1;
  const probs = new Float64Array(2 * M);
  const edges = [0, ...thresholds, SCALE];
  for (let m = 0; m < M; m++) {
    const mass = (edges[m + 1]! - edges[m]!) / SCALE / 2;
    probs[M + m] = mass;
    probs[M - 1 - m] = mass;
  }
  return latticePmf({ offset: -M, probs, step: target.step, origin: target.origin });
}

/**
 * Builds the generator: ports `ready`, `valid`, `sample` (signed B+1 bits, 2k + 1), `code` (k).
 * @example const top = cmosInverseCdf({ bits: 8 });
 */
export function cmosInverseCdf(p: InverseCdfParams = {}): Module {
  const { thresholds, levels } = inverseCdfTable(p);
  const bits = levels + 1;
  const m = new Module(p.name ?? `cmos_icdf${bits}`);
  const ready = m.input('ready', 1);
  const valid = m.output('valid', 1);
  const sample = m.output('sample', signed(bits + 1));
  const code = m.output('code', signed(bits));
  const [u] = uniformWords(m, 'xoshiro', 1, p.seed ?? 1, ready);
  // Threshold of level l, prefix i: T[((2i + 1) << (levels - 1 - l)) - 1].
  const at = (l: number, i: number): number => {
    const t = thresholds[(((2 * i + 1) << (levels - 1 - l)) >>> 0) - 1]!;
    return l === 0 && p.rootError ? Math.min(SCALE - 1, t + Math.round(p.rootError * SCALE)) : t;
  };
  let v: Value = u!.bits(30, 0);
  let sign: Value = u!.bit(31);
  let prefix: Value | null = null;
  let fill: Value = C(1, 1);
  for (let l = 0; l < levels; l++) {
    let threshold: Value;
    if (l === 0) threshold = C(at(0, 0), 31);
    else {
      const rom = m.memory(`level${l}`, { shape: 31, depth: 2 ** l, init: Array.from({ length: 2 ** l }, (_, i) => at(l, i)) });
      threshold = rom.read(prefix!.resize(rom.addrWidth), { domain: null, name: `threshold${l}` });
    }
    const bit = v.ge(threshold);
    const nextPrefix = prefix ? cat(prefix, bit) : bit;
    const rv = m.signal(`v${l}`, 31);
    const rs = m.signal(`sign${l}`, 1);
    const rp = m.signal(`prefix${l}`, l + 1);
    const rf = m.signal(`full${l}`, 1);
    m.If(ready, () => { m.sync(rv, v); m.sync(rs, sign); m.sync(rp, nextPrefix); m.sync(rf, fill); });
    v = rv; sign = rs; prefix = rp; fill = rf;
  }
  // k = m for a positive sign, -(m + 1) for a negative one
  const mag = prefix!.zext(bits).asSigned();
  const k = mux(sign, mag.neg().sub(1).resize(bits), mag);
  m.comb(code, k);
  m.comb(sample, k.ext(bits + 1).shl(1).or(1));
  m.comb(valid, fill);
  return m;
}
