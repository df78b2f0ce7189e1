/**
 * Constraints of meram-hdl: the 180 nm-style Liberty library `meram180` (GF180MCU 5 V TT numbers) and the clock and
 * MeRAM controller timing used by both synthesis and the HDL designs.
 * @example
 * import { MERAM180_LIB, MERAM_CLOCK, meramTiming } from './constraints/index.ts';
 * console.log(MERAM180_LIB, MERAM_CLOCK.periodNs, meramTiming().cycles);
 */
export { CELLS, CORNER, type CellData, type ArcData, type FlopData } from './cells.ts';
export { MERAM180_LIB, libertyText } from './liberty-writer.ts';
export {
  ANALOG_TIMES, MERAM_CLOCK, cyclesFor, describeTiming, meramTiming, registerPathBudget,
  type AnalogTimes, type ClockConstraints, type MeramTiming, type PhaseCycles,
} from './timing.ts';
