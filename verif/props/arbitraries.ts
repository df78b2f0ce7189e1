/**
 * fast-check arbitraries for property-based tests of noise generators: seeds, MTJ device parameter sets within stated
 * ranges, per-bit probabilities, and generator configurations (with their exact predicted pmf and a simulator).
 * The device interface is local on purpose: verif/ depends on nothing of physics/.
 */
import fc from 'fast-check';
import { InvalidParameterError } from '../errors.ts';
import { binomialPmf } from '../stats/bit-sums.ts';
import { independentBitsPmf, markovBitsPmf, type BitTransition } from '../stats/bit-words.ts';
import type { LatticePmf } from '../stats/lattice.ts';
import { treePmf } from '../stats/sampling-tree.ts';
import type { Prng } from './prng.ts';
import { sampleIndependentBits, sampleTree, toSigned } from './samplers.ts';

/**
 * A 32-bit seed for {@link xoshiro128ss}.
 *
 * @example
 * fc.assert(fc.property(seedArb(), (seed) => xoshiro128ss(seed).nextFloat() < 1));
 */
export function seedArb(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 0x7fffffff });
}

/** Parameters of a perpendicular MeRAM MTJ, in SI units unless stated. */
export interface DeviceParams {
  /** Free-layer diameter, m. */
  readonly diameter: number;
  /** Interfacial anisotropy energy density K_i, J/m². */
  readonly Ki: number;
  /** VCMA coefficient ξ, J/(V·m). */
  readonly xi: number;
  /** Free-layer thickness t_f, m. */
  readonly tf: number;
  /** Saturation magnetisation M_s, A/m. */
  readonly Ms: number;
  /** Gilbert damping α. */
  readonly alpha: number;
  /** In-plane bias field, T (μ0 H). */
  readonly biasField: number;
  /** Temperature, K. */
  readonly T: number;
}

/** A closed interval per parameter. */
export type DeviceParamRanges = { readonly [K in keyof DeviceParams]: readonly [number, number] };

/**
 * Default ranges: typical CoFeB/MgO MeRAM cells (30-100 nm, K_i 0.8-1.4 mJ/m², ξ 20-150 fJ/(V·m), t_f 0.8-1.6 nm,
 * M_s 0.8-1.4 MA/m, α 0.005-0.05, bias 0-50 mT, 250-400 K).
 */
export const DEVICE_PARAM_RANGES: DeviceParamRanges = {
  diameter: [30e-9, 100e-9],
  Ki: [0.8e-3, 1.4e-3],
  xi: [20e-15, 150e-15],
  tf: [0.8e-9, 1.6e-9],
  Ms: [0.8e6, 1.4e6],
  alpha: [0.005, 0.05],
  biasField: [0, 0.05],
  T: [250, 400],
};

function rangeArb([lo, hi]: readonly [number, number]): fc.Arbitrary<number> {
  if (!(lo <= hi)) throw new InvalidParameterError(`empty range [${lo}, ${hi}]`);
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/**
 * Device parameter sets drawn uniformly within the given ranges (default {@link DEVICE_PARAM_RANGES}).
 *
 * @example
 * fc.assert(fc.property(deviceParamsArb(), (d) => d.diameter >= 30e-9 && d.diameter <= 100e-9));
 */
export function deviceParamsArb(ranges: Partial<DeviceParamRanges> = {}): fc.Arbitrary<DeviceParams> {
  const r = { ...DEVICE_PARAM_RANGES, ...ranges };
  return fc.record({
    diameter: rangeArb(r.diameter),
    Ki: rangeArb(r.Ki),
    xi: rangeArb(r.xi),
    tf: rangeArb(r.tf),
    Ms: rangeArb(r.Ms),
    alpha: rangeArb(r.alpha),
    biasField: rangeArb(r.biasField),
    T: rangeArb(r.T),
  });
}

/**
 * Per-bit probabilities of a word of `bits` bits, each in [min, max] (default [0.05, 0.95]).
 *
 * @example
 * fc.sample(bitProbabilitiesArb(8), 1)[0].length; // 8
 */
export function bitProbabilitiesArb(bits: number, range: readonly [number, number] = [0.05, 0.95]): fc.Arbitrary<number[]> {
  return fc.array(rangeArb(range), { minLength: bits, maxLength: bits });
}

/** A noise-generator architecture with its parameters. */
export type GeneratorConfig =
  | { readonly kind: 'independent-bits'; readonly ones: readonly number[]; readonly signed: boolean }
  | { readonly kind: 'bit-sum'; readonly bits: number; readonly p: number }
  | { readonly kind: 'tree'; readonly nodeOnes: readonly number[]; readonly signed: boolean }
  | { readonly kind: 'markov-bits'; readonly transitions: readonly BitTransition[]; readonly steps: number };

/**
 * Generator configurations of every architecture with 2..maxBits bits (default 6) and probabilities in [0.05, 0.95].
 *
 * @example
 * fc.sample(generatorConfigArb(), 3).map((g) => g.kind);
 */
export function generatorConfigArb(maxBits = 6): fc.Arbitrary<GeneratorConfig> {
  const bits = fc.integer({ min: 2, max: maxBits });
  const prob = rangeArb([0.05, 0.95]);
  return fc.oneof(
    bits.chain((n) => fc.record({ kind: fc.constant('independent-bits' as const), ones: bitProbabilitiesArb(n), signed: fc.boolean() })),
    fc.record({ kind: fc.constant('bit-sum' as const), bits: fc.integer({ min: 2, max: 4 * maxBits }), p: prob }),
    bits.chain((n) =>
      fc.record({
        kind: fc.constant('tree' as const),
        nodeOnes: fc.array(prob, { minLength: 2 ** n - 1, maxLength: 2 ** n - 1 }),
        signed: fc.boolean(),
      }),
    ),
    bits.chain((n) =>
      fc.record({
        kind: fc.constant('markov-bits' as const),
        transitions: fc.array(fc.record({ p01: prob, p10: prob }), { minLength: n, maxLength: n }),
        steps: fc.integer({ min: 1, max: 6 }),
      }),
    ),
  );
}

/**
 * The exact pmf a generator configuration should produce (on integer codes).
 *
 * @example
 * predictedPmf({ kind: 'bit-sum', bits: 4, p: 0.5 }).probs; // binomial(4, 1/2)
 */
export function predictedPmf(g: GeneratorConfig): LatticePmf {
  switch (g.kind) {
    case 'independent-bits':
      return independentBitsPmf(g.ones, { signed: g.signed });
    case 'bit-sum':
      return binomialPmf(g.bits, g.p);
    case 'tree':
      return treePmf(g.nodeOnes, { signed: g.signed });
    case 'markov-bits':
      return markovBitsPmf({ transitions: g.transitions, steps: g.steps });
  }
}

/**
 * Simulates `n` outputs of a generator configuration bit by bit (as the hardware would), as integer codes.
 *
 * @example
 * simulateGenerator({ kind: 'bit-sum', bits: 16, p: 0.5 }, xoshiro128ss(1), 1000); // Int32Array of 0..16
 */
export function simulateGenerator(g: GeneratorConfig, rng: Prng, n: number): Int32Array {
  switch (g.kind) {
    case 'independent-bits': {
      const w = sampleIndependentBits(rng, g.ones, n);
      return g.signed ? toSigned(w, g.ones.length) : w;
    }
    case 'bit-sum': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < g.bits; k++) if (rng.nextFloat() < g.p) s++;
        out[i] = s;
      }
      return out;
    }
    case 'tree': {
      const w = sampleTree(rng, g.nodeOnes, n);
      return g.signed ? toSigned(w, Math.log2(g.nodeOnes.length + 1)) : w;
    }
    case 'markov-bits': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        let w = 0;
        for (let t = 0; t < g.steps; t++) {
          for (let k = 0; k < g.transitions.length; k++) {
            const one = (w >>> k) & 1;
            const flip = rng.nextFloat() < (one ? g.transitions[k]!.p10 : g.transitions[k]!.p01);
            if (flip) w ^= 1 << k;
          }
        }
        out[i] = w;
      }
      return out;
    }
  }
}
