/**
 * One interface for every noise source of the diffusion experiment: a seeded stream of float32 values meant to be
 * N(0, 1), delivered in chunks. Hardware sources run the emitted generator designs cycle-accurately; software sources
 * draw from the project's one PRNG (`common/rng.ts`).
 */
import { MeramError } from '../../common/errors.ts';

/** The architectures a bank can be made from. */
export const NOISE_ARCHS = ['tree', 'tree-uncal', 'tree-drift', 'clt', 'word', 'software', 'broken', 'stuck'] as const;
/** One of {@link NOISE_ARCHS}. */
export type NoiseArch = (typeof NOISE_ARCHS)[number];

/** How a source's integer codes become float32 values (value = (code - origin code) * step, see `describe`). */
export interface NoiseScaling {
  /** 'lattice': hardware codes on a lattice of spacing `step`; 'continuous': software floats. */
  readonly kind: 'lattice' | 'continuous';
  /** Spacing of the values (0 for continuous). */
  readonly step: number;
  /** In words, the mapping from the generator's output port to the value. */
  readonly describe: string;
}

/** What a source is, for the bank's side file. */
export interface NoiseSourceInfo {
  readonly arch: NoiseArch;
  /** Design (module) name, or the software generator's name. */
  readonly design: string;
  readonly seed: number;
  /** Device settings of a hardware source (calibration, variation, temperature, drift); empty for software. */
  readonly device: Readonly<Record<string, unknown>>;
  readonly scaling: NoiseScaling;
  /** True for the deliberately broken source (the verdict must catch it). */
  readonly broken: boolean;
}

/** One chunk of a stream: the float32 values and, for lattice sources, their integer codes on the verified pmf. */
export interface NoiseChunk {
  readonly values: Float32Array;
  /** Integer codes on the lattice of the source's predicted pmf (what the statistics battery checks). */
  readonly codes: Int32Array;
}

/**
 * A seeded stream of noise. `next()` returns the next chunk (its length is the source's own batch size);
 * the concatenation of the chunks depends only on the source's options and seed.
 *
 * @example
 * const src = await openNoiseSource({ arch: 'software', seed: 1 });
 * const { values } = src.next(); // Float32Array of N(0, 1) draws
 * src.dispose();
 */
export interface NoiseSource {
  readonly info: NoiseSourceInfo;
  next(): NoiseChunk;
  dispose(): void;
}

/** Bad options or a malformed bank. */
export class NoiseBankError extends MeramError {}
