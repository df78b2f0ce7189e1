/**
 * Energy of producing one noise sample, as labelled estimates for the diffusion experiment's energy column (another
 * part of the project builds the proper MeRAM-vs-CMOS comparison; these figures name their sources).
 * - MeRAM devices: per bit operation a reset-write, the node's pulse and a read, from `physics/energy.ts`
 *   (`energyPerWrite`, `energyPerRead`) on the default device, the same accounting as `make demo`.
 * - MeRAM control logic: the 180 nm / 5 V controller's energy per sample measured by `make demo` (docs/meram.md,
 *   tree sampler, 4 lanes: about 2.6 nJ per sample); quoted, not recomputed (it needs a Yosys run).
 * - CMOS: 32 random bits per float32 Gaussian at 2.9 pJ/bit (Intel all-digital TRNG, 45 nm, JSSC 2012, via
 *   /work/shared/reference/energy-anchors.md); the Gaussian transform's arithmetic is not included.
 */
import { defaultDeviceParams, energyPerRead, energyPerWrite } from '../../physics/index.ts';
import { DEFAULT_GRID, gridLevels } from '../../designs/meram/index.ts';

/** One pulse setting (codes on the default grid). */
export interface PulseCode {
  readonly amp: number;
  readonly width: number;
}

/** Energy estimate of one sample of a source (J); every figure says where it comes from. */
export interface SampleEnergy {
  /** MTJ writes and sense-amplifier reads (null for software). */
  readonly deviceJ: number | null;
  /** Control logic, quoted from the demo's measurement (tree sampler only; null otherwise). */
  readonly controlLogicJ: number | null;
  /** CMOS TRNG bits for one float32 Gaussian (the comparison line). */
  readonly cmosEstimateJ: number;
  readonly sources: readonly string[];
}

/** Tree sampler control logic per sample, quoted from `make demo` (docs/meram.md). */
export const TREE_CONTROL_J_QUOTED = 2.6e-9;
/** CMOS TRNG energy per bit (45 nm, JSSC 2012) and bits per float32 Gaussian. */
export const CMOS_TRNG_J_PER_BIT = 2.9e-12;
export const CMOS_BITS_PER_GAUSSIAN = 32;

/**
 * Energy per sample of a MeRAM generator doing `opsPerSample` bit operations with the given pulse settings.
 *
 * @example
 * meramSampleEnergy([{ amp: 10, width: 12 }], 8, true).deviceJ; // a few hundred fJ
 */
export function meramSampleEnergy(pulses: readonly PulseCode[], opsPerSample: number, tree: boolean): SampleEnergy {
  const p = defaultDeviceParams;
  const { amplitudesV, widthsS } = gridLevels(DEFAULT_GRID);
  const pulseJ = pulses.reduce((s, x) => s + energyPerWrite(p, amplitudesV[x.amp]!, widthsS[x.width]!).totalJ, 0) / pulses.length;
  const resetJ = energyPerWrite(p, amplitudesV[amplitudesV.length - 1]!, 1e-9).totalJ;
  const readJ = energyPerRead(p).totalJ;
  return {
    deviceJ: opsPerSample * (pulseJ + resetJ + readJ),
    controlLogicJ: tree ? TREE_CONTROL_J_QUOTED : null,
    cmosEstimateJ: CMOS_TRNG_J_PER_BIT * CMOS_BITS_PER_GAUSSIAN,
    sources: [
      'device: physics/energy.ts energyPerWrite (reset 1 ns at the top DAC level + the mean node pulse) + energyPerRead, per bit operation',
      ...(tree ? ['control logic: docs/meram.md, make demo (tree, 4 lanes, 180 nm / 5 V): about 2.6 nJ per sample (quoted)'] : []),
      'cmos: 32 bits x 2.9 pJ/bit, Intel all-digital TRNG 45 nm (JSSC 2012), energy-anchors.md; Gaussian transform not included',
    ],
  };
}

/** The comparison line alone (software sources). */
export function softwareSampleEnergy(): SampleEnergy {
  return {
    deviceJ: null, controlLogicJ: null, cmosEstimateJ: CMOS_TRNG_J_PER_BIT * CMOS_BITS_PER_GAUSSIAN,
    sources: ['cmos: 32 bits x 2.9 pJ/bit, Intel all-digital TRNG 45 nm (JSSC 2012), energy-anchors.md; Gaussian transform not included'],
  };
}
