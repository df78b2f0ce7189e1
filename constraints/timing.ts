/**
 * Design constraints shared by synthesis and the HDL designs: the clock, the I/O delays, and the MeRAM controller's
 * phase lengths in clock cycles, computed from analog times in ns.
 *
 * Clock: 10 ns (100 MHz). In meram180 (GF180 5 V TT) a register-to-register path costs the DFFRN clock-to-Q
 * (0.92 ns at ~8 fF) + setup (0.30 ns) + logic at 0.2-0.5 ns per gate level, so 10 ns leaves ~8.8 ns: ~18-40 gate
 * levels, about twice what an FSM with an 8-bit compare or a small adder needs. The margin covers the slow corner
 * (SS, hot, 4.5 V is roughly 1.5-2x slower than TT), wires (the Liberty file has no wire load) and clock skew.
 *
 * @example
 * import { meramTiming, describeTiming } from './timing.ts';
 * const t = meramTiming();       // at 10 ns: dacSettle 2, pulse 1, postPulseSettle 1, precharge 1, senseEnable 1, strobe 1
 * console.log(describeTiming(t));
 */
import { CELLS } from './cells.ts';

/** The clock and I/O constraints of a design. */
export interface ClockConstraints {
  /** Clock period (ns). */
  readonly periodNs: number;
  /** Arrival of primary inputs after the clock edge (ns), as driven by the neighbouring logic. */
  readonly inputDelayNs: number;
  /** Time the receiver of a primary output needs before the next clock edge (ns). */
  readonly outputDelayNs: number;
}

/** The MeRAM controller's clock: 100 MHz, with 20 % of the period for logic outside the block on each I/O side. */
export const MERAM_CLOCK: ClockConstraints = { periodNs: 10, inputDelayNs: 2, outputDelayNs: 2 };

/** Analog times (ns) of the MeRAM write/read sequence. Each is our choice; the reasons are beside them. */
export interface AnalogTimes {
  /** Amplitude DAC output settled on the gate-voltage line before a pulse. */
  readonly dacSettleNs: number;
  /** Longest coded pulse: the controller waits this long while the pulse generator fires. */
  readonly pulseNs: number;
  /** Magnetisation relaxed after the pulse, before reading. */
  readonly postPulseSettleNs: number;
  /** Bit-line precharge of the sense amplifier. */
  readonly prechargeNs: number;
  /** Sense-amplifier enable (signal develops). */
  readonly senseEnableNs: number;
  /** Latch strobe: the sensed bit is captured. */
  readonly strobeNs: number;
}

/**
 * Defaults (all choices):
 * - DAC settle 20 ns: a resistor-string DAC driving the pulse line of an 8-cell row at 180 nm.
 * - Pulse window 5 ns: physics.md quotes switching probabilities for pulses of 0.45-5 ns; the pulse generator makes
 *   the coded width with its own resolution, the controller only waits for the longest.
 * - Post-pulse settle 10 ns: longer than the damping time 1/(alpha omega) ~ 7 ns (physics.md).
 * - Precharge 5 ns, sense 5 ns, strobe 2 ns: physics.md cites sense amplifiers for VCMA MRAM reading in ~2 ns at
 *   65 nm and self-reference designs in < 20 ns; ours is a reference-cell latch at 180 nm, taken ~2.5x slower.
 */
export const ANALOG_TIMES: AnalogTimes = {
  dacSettleNs: 20, pulseNs: 5, postPulseSettleNs: 10, prechargeNs: 5, senseEnableNs: 5, strobeNs: 2,
};

/** Phase lengths in clock cycles. */
export interface PhaseCycles {
  readonly dacSettle: number;
  readonly pulse: number;
  readonly postPulseSettle: number;
  readonly precharge: number;
  readonly senseEnable: number;
  readonly strobe: number;
}

/** The MeRAM controller timing at one clock period. */
export interface MeramTiming {
  readonly periodNs: number;
  readonly clockMHz: number;
  readonly analog: AnalogTimes;
  readonly cycles: PhaseCycles;
  /** Cycles of one write-then-read of a bit (sum of the phases). */
  readonly cyclesPerBit: number;
}

/** Whole cycles that cover `ns` at `periodNs`: ceil, at least 1 (a tolerance of 1 ps absorbs rounding). */
export function cyclesFor(ns: number, periodNs: number): number {
  if (!(periodNs > 0) || !(ns >= 0)) throw new RangeError(`cyclesFor: need ns >= 0 and periodNs > 0 (got ${ns}, ${periodNs})`);
  return Math.max(1, Math.ceil(ns / periodNs - 1e-3 / periodNs));
}

/**
 * Phase lengths of the MeRAM controller in cycles at `periodNs` (default {@link MERAM_CLOCK}).
 * @example meramTiming(5).cycles.dacSettle // 4
 */
export function meramTiming(periodNs: number = MERAM_CLOCK.periodNs, analog: Partial<AnalogTimes> = {}): MeramTiming {
  const a: AnalogTimes = { ...ANALOG_TIMES, ...analog };
  const cycles: PhaseCycles = {
    dacSettle: cyclesFor(a.dacSettleNs, periodNs),
    pulse: cyclesFor(a.pulseNs, periodNs),
    postPulseSettle: cyclesFor(a.postPulseSettleNs, periodNs),
    precharge: cyclesFor(a.prechargeNs, periodNs),
    senseEnable: cyclesFor(a.senseEnableNs, periodNs),
    strobe: cyclesFor(a.strobeNs, periodNs),
  };
  const cyclesPerBit = Object.values(cycles).reduce((s: number, c: number) => s + c, 0);
  return { periodNs, clockMHz: 1000 / periodNs, analog: a, cycles, cyclesPerBit };
}

/** A table of the phases: analog time, cycles, and time actually spent. */
export function describeTiming(t: MeramTiming = meramTiming()): string {
  const rows: [string, number, number][] = [
    ['DAC settle', t.analog.dacSettleNs, t.cycles.dacSettle],
    ['pulse window', t.analog.pulseNs, t.cycles.pulse],
    ['post-pulse settle', t.analog.postPulseSettleNs, t.cycles.postPulseSettle],
    ['precharge', t.analog.prechargeNs, t.cycles.precharge],
    ['sense enable', t.analog.senseEnableNs, t.cycles.senseEnable],
    ['strobe/latch', t.analog.strobeNs, t.cycles.strobe],
  ];
  const lines = [
    `MeRAM controller timing at ${t.periodNs} ns (${+t.clockMHz.toFixed(3)} MHz)`,
    `  ${'phase'.padEnd(18)} ${'analog ns'.padStart(9)} ${'cycles'.padStart(6)} ${'spent ns'.padStart(8)}`,
    ...rows.map(([n, ns, c]) => `  ${n.padEnd(18)} ${String(ns).padStart(9)} ${String(c).padStart(6)} ${String(+(c * t.periodNs).toFixed(3)).padStart(8)}`),
    `  one bit (write then read): ${t.cyclesPerBit} cycles = ${+(t.cyclesPerBit * t.periodNs).toFixed(3)} ns`,
  ];
  return lines.join('\n');
}

/** The library figures the clock period is justified from (ns, worst over cells, at the ~8 fF read point). */
export function registerPathBudget(periodNs: number = MERAM_CLOCK.periodNs): { clockToQNs: number; setupNs: number; logicNs: number } {
  const flops = CELLS.filter((c) => c.flop);
  const clockToQNs = Math.max(...flops.flatMap((c) => c.arcs.flatMap((a) => [a.riseB, a.fallB])));
  const setupNs = Math.max(...flops.flatMap((c) => [...c.flop!.setupA, ...c.flop!.setupB]));
  return { clockToQNs, setupNs, logicNs: periodNs - clockToQNs - setupNs };
}
