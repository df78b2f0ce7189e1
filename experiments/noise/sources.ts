/**
 * The noise sources: hardware (the emitted MeRAM generator designs simulated cycle-accurately on the built-in
 * simulator) and software (the seeded ziggurat of `common/rng.ts`), behind the one {@link NoiseSource} interface.
 *
 * Value mapping (the generator's own scaling, the lattice of the discretised N(0, 1)):
 * - tree: port `sample` = 2k + 1 in units of D/2 with D = 8 / 2^B; value = sample * D / 2 (B = 8: sample / 64,
 *   i.e. the centre (k + 1/2) / 32 of the cell [k/32, (k+1)/32) of the discretised N(0, 1) on [-4, 4)).
 * - clt: port `sample` = (popcount - N/2) / sqrt(N/4) in fixed point with `frac` fraction bits; value = sample / 2^frac
 *   (exact for N = 16 and 64: the scale constant is a power of two).
 * - word: port `sample` read as a two's complement word with `frac` fraction bits; value = sample / 2^frac.
 * - software: `Rng.stream(seed, 0x5eed).nextNormal()` rounded to float32; its codes for the battery are
 *   floor(32 v) clamped to [-128, 127] (the tree's lattice, whose exact law under N(0, 1) is the discretised normal).
 * - broken: the software stream times sqrt(0.8) (variance 0.8), claimed to be N(0, 1).
 * - stuck: an ideal 8-bit tree output (the software stream quantised to the tree's lattice, whose law is exactly the
 *   tree's discretised N(0, 1)) with magnitude bit 5 (weight 1) stuck at 1: no |value| below 1 (a stuck output bit).
 */
import { elaborate, type Module } from '../../hdl/index.ts';
import { Rng } from '../../common/rng.ts';
import {
  planTree, meramTree, planClt, meramClt, planWord, meramWord, constrainedPhases, type Planned, type PlanOptions,
} from '../../designs/meram/index.ts';
import { meramTiming } from '../../constraints/index.ts';
import { streamGenerator } from '../../testbenches/harness.ts';
import { discretisedNormal, type LatticePmf } from '../../verif/index.ts';
import { meramSampleEnergy, softwareSampleEnergy, type SampleEnergy } from './energy.ts';
import { NoiseBankError, type NoiseArch, type NoiseChunk, type NoiseScaling, type NoiseSource, type NoiseSourceInfo, NOISE_ARCHS } from './source.ts';

/** Options of {@link openNoiseSource}. */
export interface NoiseSourceOptions {
  readonly arch: NoiseArch;
  /** Seed of the generator's streams (every cell model's, or the software PRNG's). */
  readonly seed: number;
  /** Tree lanes (default 4, as the demo). */
  readonly lanes?: number;
  /** Cells of the sum-of-bits generator (default 64). */
  readonly cltCells?: number;
  /** Values per software chunk (default 65 536). */
  readonly chunk?: number;
}

/** Frozen variation of the uncalibrated instance: 5 % on K_eff and on the VCMA coefficient (as the CLT testbench). */
export const UNCAL_VARIATION = { keffRel: 0.05, xiRel: 0.05 } as const;
/** Temperature drift of `tree-drift`: calibrated at 300 K, the die at 340 K after the first 10 000 pulses per cell. */
export const DRIFT = { afterPulses: 10_000, temperatureK: 340 } as const;
/** Variance of the broken source. */
export const BROKEN_VARIANCE = 0.8;
/** Magnitude bit of the tree code that `stuck` holds at 1 (bit 5: weight 32 / 32 = 1). */
export const STUCK_BIT = 5;

/** A stream together with the exact pmf its codes must follow (step 1 of the verification). */
export interface OpenedSource extends NoiseSource {
  /** The pmf the design predicts for its codes (software: the discretised N(0, 1) of the tree's lattice). */
  readonly predicted: LatticePmf;
  /** Energy of producing one sample (labelled estimates). */
  readonly energy: SampleEnergy;
}

/** The 8-bit lattice of the discretised N(0, 1) over [-4, 4) that software values are checked on. */
export const SOFTWARE_LATTICE: LatticePmf = discretisedNormal({ minCode: -128, maxCode: 127, step: 1 / 32, origin: 1 / 64 });

/**
 * Opens a seeded noise source.
 *
 * @example
 * const src = await openNoiseSource({ arch: 'tree', seed: 7 });
 * const chunk = src.next();   // chunk.values: float32 on the 1/32 lattice; chunk.codes: k
 * src.dispose();
 */
export async function openNoiseSource(opts: NoiseSourceOptions): Promise<OpenedSource> {
  if (!(NOISE_ARCHS as readonly string[]).includes(opts.arch)) throw new NoiseBankError(`unknown architecture '${String(opts.arch)}' (choose ${NOISE_ARCHS.join(', ')})`);
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0) throw new NoiseBankError(`seed must be a non-negative integer, got ${opts.seed}`);
  if (opts.arch === 'software' || opts.arch === 'broken' || opts.arch === 'stuck') return softwareSource(opts);
  return hardwareSource(opts);
}

function softwareSource(opts: NoiseSourceOptions): OpenedSource {
  const kind = opts.arch;
  const rng = Rng.stream(opts.seed, 0x5eed);
  const scale = kind === 'broken' ? Math.sqrt(BROKEN_VARIANCE) : 1;
  const n = opts.chunk ?? 65_536;
  const describe = {
    software: 'float32(Rng.stream(seed, 0x5eed).nextNormal())',
    broken: `float32(sqrt(${BROKEN_VARIANCE}) * Rng.stream(seed, 0x5eed).nextNormal())`,
    stuck: `k = clamp(floor(32 z), -128, 127) of z = Rng.stream(seed, 0x5eed).nextNormal(); magnitude bit ${STUCK_BIT} of k held at 1; value (k + 1/2) / 32`,
  }[kind as 'software' | 'broken' | 'stuck'];
  const info: NoiseSourceInfo = {
    arch: kind, design: kind === 'software' ? 'rng.nextNormal (xoshiro128** ziggurat)' : kind === 'broken' ? `rng.nextNormal x sqrt(${BROKEN_VARIANCE})` : `8-bit tree lattice, magnitude bit ${STUCK_BIT} stuck at 1`,
    seed: opts.seed, device: {}, broken: kind !== 'software',
    scaling: { kind: kind === 'stuck' ? 'lattice' : 'continuous', step: kind === 'stuck' ? 1 / 32 : 0, describe },
  };
  const code = (v: number): number => Math.max(-128, Math.min(127, Math.floor(v * 32)));
  return {
    info, predicted: SOFTWARE_LATTICE, energy: softwareSampleEnergy(), dispose: () => {},
    next: (): NoiseChunk => {
      const values = new Float32Array(n);
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = Math.fround(scale * rng.nextNormal());
        if (kind === 'stuck') {
          const k = code(v);
          const m = (k >= 0 ? k : -k - 1) | (1 << STUCK_BIT);
          codes[i] = k >= 0 ? m : -m - 1;
          values[i] = (codes[i]! + 0.5) / 32;
        } else {
          values[i] = v;
          codes[i] = code(v);
        }
      }
      return { values, codes };
    },
  };
}

interface HardwareArch {
  readonly planned: Planned<unknown>;
  readonly top: Module;
  readonly record: string[];
  readonly device: Record<string, unknown>;
  readonly scaling: NoiseScaling;
  /** Codes (on the predicted pmf's lattice) and values of one chunk. */
  readonly energy: SampleEnergy;
  readonly convert: (samples: Int32Array, extra: ReadonlyMap<string, Float64Array>) => NoiseChunk;
}

function treeArch(opts: NoiseSourceOptions, flow: PlanOptions, device: Record<string, unknown>): HardwareArch {
  const p = planTree({ ...flow, lanes: opts.lanes ?? 4 });
  const half = p.step / 2;
  return {
    planned: p, top: meramTree(p.plan), record: [], device: { ...device, lanes: opts.lanes ?? 4, bits: p.plan.bits },
    energy: meramSampleEnergy(p.plan.nodes.flat(), p.plan.bits, true),
    scaling: { kind: 'lattice', step: p.step, describe: `value = sample * ${half} (sample = 2k + 1, the centre of cell [k, k + 1) x ${p.step})` },
    convert: (s) => ({ values: Float32Array.from(s, (x) => x * half), codes: s.map((x) => (x - 1) >> 1) }),
  };
}

function pulsesOf(plan: { readonly ampCodes: readonly number[]; readonly widthCodes: readonly number[] }): { amp: number; width: number }[] {
  return plan.ampCodes.map((amp, i) => ({ amp, width: plan.widthCodes[i]! }));
}

function architecture(opts: NoiseSourceOptions): HardwareArch {
  const timing = constrainedPhases(meramTiming());
  const seed = opts.seed;
  switch (opts.arch) {
    case 'tree': return treeArch(opts, { seed, timing }, { calibration: 'device', variation: {}, temperatureK: 300 });
    case 'tree-uncal': return treeArch(opts, { seed, timing, variation: UNCAL_VARIATION, calibration: 'nominal' }, { calibration: 'nominal', variation: UNCAL_VARIATION, temperatureK: 300 });
    case 'tree-drift': return treeArch(opts, { seed, timing, drift: DRIFT }, { calibration: 'device', variation: {}, temperatureK: 300, drift: DRIFT });
    case 'clt': {
      const n = opts.cltCells ?? 64;
      const p = planClt({ seed, timing, n });
      const scale = 2 ** -p.plan.frac;
      return {
        planned: p, top: meramClt(p.plan), record: ['ones'], device: { calibration: 'device', variation: {}, temperatureK: 300, cells: n },
        energy: meramSampleEnergy(pulsesOf(p.plan), n, false),
        scaling: { kind: 'lattice', step: p.step, describe: `value = sample / 2^${p.plan.frac} = (ones - ${n / 2}) / ${Math.sqrt(n / 4)}` },
        convert: (s, x) => ({ values: Float32Array.from(s, (v) => v * scale), codes: Int32Array.from(x.get('ones')!) }),
      };
    }
    case 'word': {
      const p = planWord({ seed, timing });
      const scale = 2 ** -p.plan.frac;
      return {
        planned: p, top: meramWord(p.plan), record: [], device: { calibration: 'device', variation: {}, temperatureK: 300, mode: p.plan.mode, bits: p.plan.cells.length },
        energy: meramSampleEnergy(pulsesOf(p.plan), p.plan.cells.length, false),
        scaling: { kind: 'lattice', step: p.step, describe: `value = sample / 2^${p.plan.frac} (two's complement word)` },
        convert: (s) => ({ values: Float32Array.from(s, (v) => v * scale), codes: s }),
      };
    }
    default: throw new NoiseBankError(`'${opts.arch}' is not a hardware architecture`);
  }
}

async function hardwareSource(opts: NoiseSourceOptions): Promise<OpenedSource> {
  const a = architecture(opts);
  const design = elaborate(a.top);
  const stream = await streamGenerator(design, { record: a.record });
  const info: NoiseSourceInfo = { arch: opts.arch, design: design.top.name, seed: opts.seed, device: a.device, scaling: a.scaling, broken: false };
  return {
    info, predicted: a.planned.predicted, energy: a.energy,
    next: () => { const c = stream.next(); return a.convert(c.samples, c.extra); },
    dispose: () => stream.dispose(),
  };
}
