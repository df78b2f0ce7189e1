/**
 * Output quality of a calibrated sum-of-bits generator after its devices changed (temperature, wear), with and
 * without the bias-tracking loop: each cell's long-run P(raw read = 1) (exact: the calibrated code's p without the
 * loop, the loop's stationary law with it), the raw popcount's total variation to binomial(N, 1/2) (the generator
 * without the conditioner), and the rate at which the health tests alarm (the default generator, von Neumann
 * conditioner: its output stays exactly binomial while it runs, so the health tests are what can stop it).
 */
import type { BehaviouralModel } from '../../physics/index.ts';
import {
  type FlowCell, type Planned, type CltPlan, DEFAULT_GRID, pOneAfterPulse, thresholdTable, trackingLaw,
} from '../../designs/meram/index.ts';
import { binomialPmf, expectedDetectionDelay, poissonBinomialPmf, totalVariation } from '../../verif/index.ts';

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
    const changed: FlowCell = { ...c, model: { ...c.model, thresholds: thresholdTable(deviceOf(i, c), DEFAULT_GRID) } };
    const pAt = (w: number): number => pOneAfterPulse(changed, DEFAULT_GRID, plan.ampCodes[i]!, w);
    off.push(pAt(plan.widthCodes[i]!));
    const law = trackingLaw(raw, i, pAt);
    on.push(law.pOne);
    atLimit = Math.max(atLimit, law.atLimit);
    onVn.push(trackingLaw(vn, i, pAt).pOne);
  });
  return { off, on, onVn, atLimit };
}

/** Figures of one mode. */
export interface ModeQuality {
  readonly meanP: number;
  readonly maxBias: number;
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
    tv: totalVariation(poissonBinomialPmf(ps), target),
    alarmReads: rate > 0 ? 1 / rate : Infinity,
  };
}

/** Rounds for result files (keeps them short; results stay deterministic). */
export function round(x: number, digits = 6): number {
  return Number.isFinite(x) ? Number(x.toPrecision(digits)) : x;
}
