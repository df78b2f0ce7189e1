/**
 * Output quality of a calibrated sum-of-bits generator after its devices changed (temperature, wear), with and
 * without the bias-tracking loop: each cell's long-run P(raw read = 1) (exact: the calibrated code's p without the
 * loop, the loop's stationary law with it), the raw popcount's total variation to binomial(N, 1/2) (the generator
 * without the conditioner), and the rate at which the health tests alarm (the default generator, von Neumann
 * conditioner: its output stays exactly binomial while it runs, so the health tests are what can stop it).
 */
import type { BehaviouralModel } from '../../physics/index.ts';
import {
  type FlowCell, type Planned, type CltPlan, type WordPlan, type TreePlan, DEFAULT_GRID, pOneAfterPulse, thresholdTable, trackingLaw, treeLaw,
} from '../../designs/meram/index.ts';
import { type LatticePmf, binomialPmf, expectedDetectionDelay, independentBitsPmf, poissonBinomialPmf, totalVariation } from '../../verif/index.ts';
import { StudyError } from './study.ts';

/** Per-cell P(1) of the changed generator, in three modes. */
export interface CellProbabilities {
  /** Without the loop (the calibrated code). */
  readonly off: number[];
  /** With the loop, raw output (conditioner 'none': ±1 per read). */
  readonly on: number[];
  /** With the loop of the von Neumann generator (±2 per pair of equal reads). */
  readonly onVn: number[];
  /** Largest probability over the cells that the (raw) loop sits at an end of its range. */
  readonly atLimit: number;
}

/**
 * The cells' probabilities when each cell's device is replaced by `deviceOf(i, cell)`.
 * @example cellProbabilities(planned, (i, c) => c.device.atTemperature(330));
 */
export function cellProbabilities(planned: Planned<CltPlan>, deviceOf: (i: number, cell: FlowCell) => BehaviouralModel): CellProbabilities {
  const { plan, cells } = planned;
  const raw = { ...plan, conditioner: 'none' as const };
  const vn = { ...plan, conditioner: 'von-neumann' as const };
  const off: number[] = [];
  const on: number[] = [];
  const onVn: number[] = [];
  let atLimit = 0;
  cells.forEach((c, i) => {
    const changed = changedCell(c, deviceOf(i, c));
    const pAt = (w: number): number => pOneAfterPulse(changed, DEFAULT_GRID, plan.ampCodes[i]!, w);
    off.push(pAt(plan.widthCodes[i]!));
    const law = trackingLaw(raw, i, pAt);
    on.push(law.pOne);
    atLimit = Math.max(atLimit, law.atLimit);
    onVn.push(trackingLaw(vn, i, pAt).pOne);
  });
  return { off, on, onVn, atLimit };
}

/** TV bound drawn in the plots: the variation study's per-cell calibration reaches 0.004 at 64 cells. */
export const TV_BOUND = 0.01;
/** A cell is within its bound while abs(P(1) − 1/2) is within planClt's default calibration tolerance (0.02). */
export const BIAS_BOUND = 0.02;

/** Figures of one mode. */
export interface ModeQuality {
  readonly meanP: number;
  readonly maxBias: number;
  /** Fraction of the cells outside the bias bound. */
  readonly outside: number;
  /** TV of the raw popcount law to binomial(N, 1/2). */
  readonly tv: number;
  /** Expected reads until the first health alarm (the generator's cells together; Infinity: never). */
  readonly alarmReads: number;
}

/**
 * The figures of a set of per-cell probabilities against the plan's health tests.
 * @example modeQuality(planned.plan, cellProbabilities(planned, f).on);
 */
export function modeQuality(plan: CltPlan, ps: readonly number[]): ModeQuality {
  const target = binomialPmf(ps.length, 0.5);
  let rate = 0;
  if (plan.health) ps.forEach((p, i) => {
    const q = p < 1e-9 ? 0 : p > 1 - 1e-9 ? 1 : p;
    rate += 1 / expectedDetectionDelay(q, plan.health!.streams[i]!, 0.5).first;
  });
  return {
    meanP: ps.reduce((s, p) => s + p, 0) / ps.length,
    maxBias: Math.max(...ps.map((p) => Math.abs(p - 0.5))),
    outside: ps.filter((p) => Math.abs(p - 0.5) > BIAS_BOUND).length / ps.length,
    tv: totalVariation(poissonBinomialPmf(ps), target),
    alarmReads: rate > 0 ? 1 / rate : Infinity,
  };
}

/**
 * Rounds for result files (keeps them short; results stay deterministic).
 * @example round(0.123456789); // 0.123457
 */
export function round(x: number, digits = 6): number {
  return Number.isFinite(x) ? Number(x.toPrecision(digits)) : x;
}

/**
 * The paper word's (reset mode) output law after its cells' devices changed: independent bits at the calibrated
 * settings, each bit's new p.
 * @example wordLawAfter(planWord({ seed: 1 }), (i, c) => wornDevice(c.device, -0.05));
 */
export function wordLawAfter(planned: Planned<WordPlan>, deviceOf: (i: number, cell: FlowCell) => BehaviouralModel): LatticePmf {
  const { plan, cells } = planned;
  if (plan.mode !== 'reset') throw new StudyError(`word law after drift: reset mode only, got '${plan.mode}'`);
  const ps = cells.map((c, i) => pOneAfterPulse(changedCell(c, deviceOf(i, c)), DEFAULT_GRID, plan.ampCodes[i]!, plan.widthCodes[i]!));
  return independentBitsPmf(ps, { signed: true, step: planned.step });
}

/**
 * The tree sampler's output law after its cells' devices changed: every node's and sign's new p at its setting.
 * @example treeLawAfter(planTree({ seed: 1 }), (i, c) => wornDevice(c.device, -0.05));
 */
export function treeLawAfter(planned: Planned<TreePlan>, deviceOf: (i: number, cell: FlowCell) => BehaviouralModel): LatticePmf {
  const { plan, cells } = planned;
  const changed = cells.map((c, i) => changedCell(c, deviceOf(i, c)));
  const nodes = plan.nodes.map((ns, l) => ns.map((x) => pOneAfterPulse(changed[2 * l + 1]!, DEFAULT_GRID, x.amp, x.width, x.invert)));
  const signs = plan.sign.map((x, l) => pOneAfterPulse(changed[2 * l]!, DEFAULT_GRID, x.amp, x.width));
  return treeLaw(nodes, signs, planned.step);
}

function changedCell(c: FlowCell, device: BehaviouralModel): FlowCell {
  return { ...c, model: { ...c.model, thresholds: thresholdTable(device, DEFAULT_GRID) } };
}
