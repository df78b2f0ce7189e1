/** The controller's phase lengths from the design's timing constraints (constraints/timing.ts). */
import { meramTiming, type MeramTiming } from '../../constraints/timing.ts';
import type { PhaseCycles } from './controller.ts';

/**
 * Phase cycles of the pulse controller at the constrained clock: the reset-write uses the pulse window.
 * @example constrainedPhases().dacSettle // 2 at 10 ns
 */
export function constrainedPhases(t: MeramTiming = meramTiming()): PhaseCycles {
  return {
    dacSettle: t.cycles.dacSettle,
    resetPulse: t.cycles.pulse,
    postPulseSettle: t.cycles.postPulseSettle,
    precharge: t.cycles.precharge,
    senseEnable: t.cycles.senseEnable + t.cycles.strobe - 1,
  };
}
