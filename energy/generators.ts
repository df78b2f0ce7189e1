/**
 * The generators the energy comparison measures: the MeRAM tree sampler and sum-of-bits generator (designs/meram,
 * read through their public API) and the CMOS baselines (designs/cmos), each with its law, the random bits it draws
 * per sample and, for MeRAM, the bit-cell operations per sample that the macro model prices.
 *
 * @example
 * for (const g of GENERATORS) console.log(g.id, g.family, g.build(10).bitsPerSample);
 */
import type { Module } from '../hdl/core/module.ts';
import { DEFAULT_GRID, constrainedPhases, gridLevels, meramClt, meramTree, planClt, planTree } from '../designs/meram/index.ts';
import { boxMullerPmf, cmosBoxMuller, cmosClt, cmosCltPmf, cmosInverseCdf, inverseCdfPmf } from '../designs/cmos/index.ts';
import { meramTiming } from '../constraints/timing.ts';
import type { LatticePmf } from '../verif/index.ts';

/** A pulse setting in physical units. */
export interface PulseSetting { readonly amplitudeV: number; readonly widthS: number }

/** MeRAM bit-cell work per sample: each op is a reset-write, a pulse and a read of one cell. */
export interface MacroWork {
  /** MTJ cells (each with its sense amplifier). */
  readonly cells: number;
  readonly opsPerSample: number;
  /** Pulse settings of the ops, with their weights (sum 1). */
  readonly pulses: readonly { readonly setting: PulseSetting; readonly weight: number }[];
}

/** A generator built for one clock period. */
export interface BuiltGenerator {
  readonly top: Module;
  /** Law of the output on its lattice (null when it is too large to tabulate, e.g. a 32-bit uniform word). */
  readonly law: LatticePmf | null;
  /** Random bits drawn per sample: MTJ bits for MeRAM, PRNG bits for CMOS. */
  readonly bitsPerSample: number;
  readonly macro: MacroWork | null;
}

/** One generator of the comparison. */
export interface GeneratorSpec {
  readonly id: string;
  readonly family: 'meram' | 'cmos';
  /** Conventional CMOS PRNG (the paper's comparison point for energy per bit). */
  readonly prng: boolean;
  readonly description: string;
  build(periodNs: number): BuiltGenerator;
}

const levels = gridLevels(DEFAULT_GRID);
const setting = (amp: number, width: number): PulseSetting => ({ amplitudeV: levels.amplitudesV[amp]!, widthS: levels.widthsS[width]! });

/** The generators compared, MeRAM first. */
export const GENERATORS: readonly GeneratorSpec[] = [
  {
    id: 'meram_tree8x4', family: 'meram', prng: false,
    description: 'MeRAM tree sampler, 8-bit N(0,1) over +-4 sigma, 4 lanes (8 MTJs + 8 sense amplifiers)',
    build: (periodNs) => {
      const p = planTree({ seed: 2026, timing: constrainedPhases(meramTiming(periodNs)), lanes: 4 });
      // Per sample and lane: the sign cell once, the magnitude cell once per level (nodes of a level weighted by
      // their visiting probability would be exact; each level's nodes are averaged here).
      const pulses: { setting: PulseSetting; weight: number }[] = [];
      const L = p.plan.nodes.length;
      const depth = p.plan.bits - 1;
      p.plan.nodes.forEach((lane, l) => {
        pulses.push({ setting: setting(p.plan.sign[l]!.amp, p.plan.sign[l]!.width), weight: 1 / (L * p.plan.bits) });
        for (let d = 0; d < depth; d++) {
          const nodes = lane.slice(2 ** d - 1, 2 ** (d + 1) - 1);
          for (const n of nodes) pulses.push({ setting: setting(n.amp, n.width), weight: 1 / (L * p.plan.bits * nodes.length) });
        }
      });
      return { top: meramTree(p.plan), law: p.predicted, bitsPerSample: p.plan.bits, macro: { cells: p.plan.cells.length, opsPerSample: p.plan.bits, pulses } };
    },
  },
  {
    id: 'meram_clt16', family: 'meram', prng: false,
    description: 'MeRAM sum of 16 p = 1/2 bits (16 MTJs + 16 sense amplifiers), bias tracking off',
    build: (periodNs) => {
      const p = planClt({ seed: 2026, timing: constrainedPhases(meramTiming(periodNs)), n: 16 });
      const n = p.plan.cells.length;
      return {
        top: meramClt(p.plan), law: p.predicted, bitsPerSample: n,
        macro: { cells: n, opsPerSample: n, pulses: p.plan.ampCodes.map((a, i) => ({ setting: setting(a, p.plan.widthCodes[i]!), weight: 1 / n })) },
      };
    },
  },
  {
    id: 'cmos_prng_xoshiro', family: 'cmos', prng: true, description: 'xoshiro128** PRNG, one 32-bit word per clock',
    build: () => ({ top: cmosClt({ prng: 'xoshiro', terms: 1, termBits: 32, name: 'cmos_prng_xoshiro' }), law: null, bitsPerSample: 32, macro: null }),
  },
  {
    id: 'cmos_prng_lfsr', family: 'cmos', prng: true, description: '32-bit LFSR leaped 32 steps per clock, one 32-bit word per clock',
    build: () => ({ top: cmosClt({ prng: 'lfsr', terms: 1, termBits: 32, name: 'cmos_prng_lfsr' }), law: null, bitsPerSample: 32, macro: null }),
  },
  {
    id: 'cmos_clt_xoshiro', family: 'cmos', prng: false, description: 'xoshiro128** + CLT adder of 4 x 8-bit uniforms, one sample per clock',
    build: () => ({ top: cmosClt({ prng: 'xoshiro', terms: 4, termBits: 8 }), law: cmosCltPmf({ prng: 'xoshiro', terms: 4, termBits: 8 }), bitsPerSample: 32, macro: null }),
  },
  {
    id: 'cmos_clt_lfsr', family: 'cmos', prng: false, description: 'leap-forward LFSR + CLT adder of 4 x 8-bit uniforms, one sample per clock',
    build: () => ({ top: cmosClt({ prng: 'lfsr', terms: 4, termBits: 8 }), law: cmosCltPmf({ prng: 'lfsr', terms: 4, termBits: 8 }), bitsPerSample: 32, macro: null }),
  },
  {
    id: 'cmos_icdf8', family: 'cmos', prng: false, description: 'xoshiro128** + pipelined inverse-CDF table, 8-bit N(0,1) over +-4 sigma (the tree sampler\'s output), one sample per clock',
    build: () => ({ top: cmosInverseCdf({ bits: 8 }), law: inverseCdfPmf({ bits: 8 }), bitsPerSample: 32, macro: null }),
  },
  {
    id: 'cmos_box_muller', family: 'cmos', prng: false,
    description: 'xoshiro128** + fixed-point Box-Muller (ln, sqrt, cos by range reduction and tables), 12-bit output with 8 fraction bits, one sample per clock',
    build: () => ({ top: cmosBoxMuller(), law: boxMullerPmf(), bitsPerSample: 32, macro: null }),
  },
];
