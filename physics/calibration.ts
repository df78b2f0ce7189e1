/**
 * Calibration: the pulse (amplitude code, width code) on a DAC grid and a pulse-width grid whose switching probability
 * is closest to a target, from a behavioural model.
 */
import type { BehaviouralModel } from './behavioural-model.ts';
import type { MtjState } from './llg.ts';
import { PhysicsArgumentError, UnreachableTargetError } from './errors.ts';

/** The settings the hardware can produce: code i of each list is its i-th entry. */
export interface PulseGrid {
  readonly amplitudesV: readonly number[];
  readonly widthsS: readonly number[];
}

/** Options of {@link calibrate}. */
export interface CalibrationOptions {
  /**
   * Which probability to match: from 'P', from 'AP', or 'toggle' (default): the mean of both, the flip probability of
   * a bit whose state is equally likely P or AP (the two agree within noise on a symmetric device).
   */
  readonly from?: MtjState | 'toggle';
  /** Largest acceptable |achieved − target| (default 0.01); beyond it {@link UnreachableTargetError} is thrown. */
  readonly tolerance?: number;
}

/** The chosen pulse. */
export interface Calibration {
  readonly targetP: number;
  readonly amplitudeCode: number;
  readonly widthCode: number;
  readonly amplitudeV: number;
  readonly widthS: number;
  /** Probability the chosen pulse achieves (of the `from` option). */
  readonly achievedP: number;
  /** achievedP − targetP. */
  readonly error: number;
  /** Both directions, for reference. */
  readonly pFromP: number;
  readonly pFromAP: number;
}

/** Every grid point evaluated once: [amplitude code][width code] → (from P, from AP). */
function evaluateGrid(model: BehaviouralModel, grid: PulseGrid): { pP: number[][]; pAP: number[][] } {
  if (!grid.amplitudesV.length) throw new PhysicsArgumentError('amplitudesV', 'the DAC grid is empty');
  if (!grid.widthsS.length) throw new PhysicsArgumentError('widthsS', 'the pulse-width grid is empty');
  return {
    pP: grid.amplitudesV.map((v) => grid.widthsS.map((w) => model.pSwitch(v, w, 'P'))),
    pAP: grid.amplitudesV.map((v) => grid.widthsS.map((w) => model.pSwitch(v, w, 'AP'))),
  };
}

/**
 * Best pulses for many targets (the grid is evaluated once). Ties go to the lower amplitude code, then the shorter
 * width (less energy).
 *
 * @example
 * const grid = { amplitudesV: dacLevels(6, 0, 1.9), widthsS: widthLevels(0.1e-9, 50) };
 * const cs = calibrateBatch(BehaviouralModel.load(), [0.1, 0.25, 0.5], grid);
 */
export function calibrateBatch(model: BehaviouralModel, targets: readonly number[], grid: PulseGrid, opts: CalibrationOptions = {}): Calibration[] {
  const from = opts.from ?? 'toggle';
  const tolerance = opts.tolerance ?? 0.01;
  if (!(tolerance >= 0)) throw new PhysicsArgumentError('tolerance', `must be ≥ 0, got ${tolerance}`);
  for (const t of targets) if (!(t >= 0 && t <= 1)) throw new PhysicsArgumentError('targetP', `a probability in [0, 1] is needed, got ${t}`);
  const { pP, pAP } = evaluateGrid(model, grid);
  const pick = (ai: number, wi: number): number =>
    from === 'P' ? pP[ai]![wi]! : from === 'AP' ? pAP[ai]![wi]! : (pP[ai]![wi]! + pAP[ai]![wi]!) / 2;
  let minP = Infinity;
  let maxP = -Infinity;
  for (let ai = 0; ai < grid.amplitudesV.length; ai++) {
    for (let wi = 0; wi < grid.widthsS.length; wi++) {
      minP = Math.min(minP, pick(ai, wi));
      maxP = Math.max(maxP, pick(ai, wi));
    }
  }
  return targets.map((targetP) => {
    let best = { ai: 0, wi: 0, err: Infinity };
    for (let ai = 0; ai < grid.amplitudesV.length; ai++) {
      for (let wi = 0; wi < grid.widthsS.length; wi++) {
        const err = Math.abs(pick(ai, wi) - targetP);
        if (err < best.err) best = { ai, wi, err };
      }
    }
    const achievedP = pick(best.ai, best.wi);
    if (best.err > tolerance) throw new UnreachableTargetError(targetP, achievedP, minP, maxP, tolerance);
    return {
      targetP,
      amplitudeCode: best.ai,
      widthCode: best.wi,
      amplitudeV: grid.amplitudesV[best.ai]!,
      widthS: grid.widthsS[best.wi]!,
      achievedP,
      error: achievedP - targetP,
      pFromP: pP[best.ai]![best.wi]!,
      pFromAP: pAP[best.ai]![best.wi]!,
    };
  });
}

/**
 * Best pulse for one target probability.
 *
 * @example
 * const c = calibrate(BehaviouralModel.load(), 0.5, { amplitudesV: dacLevels(6, 0, 1.9), widthsS: widthLevels(0.1e-9, 50) });
 * console.log(c.amplitudeCode, c.widthCode, c.achievedP, c.error);
 */
export function calibrate(model: BehaviouralModel, targetP: number, grid: PulseGrid, opts: CalibrationOptions = {}): Calibration {
  return calibrateBatch(model, [targetP], grid, opts)[0]!;
}

/**
 * Output levels of a `bits`-bit DAC from vMin to vMax inclusive (code i → vMin + i (vMax − vMin)/(2^bits − 1)).
 *
 * @example
 * dacLevels(2, 0, 1.5); // [0, 0.5, 1, 1.5]
 */
export function dacLevels(bits: number, vMin: number, vMax: number): number[] {
  if (!(Number.isInteger(bits) && bits >= 1 && bits <= 16)) throw new PhysicsArgumentError('bits', `must be an integer in 1..16, got ${bits}`);
  const n = 2 ** bits;
  return Array.from({ length: n }, (_, i) => vMin + ((vMax - vMin) * i) / (n - 1));
}

/**
 * Pulse widths generated by counting `count` periods of a clock: width code i → (i + 1) × stepS.
 *
 * @example
 * widthLevels(0.1e-9, 4); // [0.1 ns, 0.2 ns, 0.3 ns, 0.4 ns]
 */
export function widthLevels(stepS: number, count: number): number[] {
  if (!(stepS > 0) || !(Number.isInteger(count) && count >= 1)) throw new PhysicsArgumentError('widthLevels', `need stepS > 0 and an integer count ≥ 1`);
  return Array.from({ length: count }, (_, i) => (i + 1) * stepS);
}
