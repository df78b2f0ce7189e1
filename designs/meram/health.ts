/**
 * On-chip health tests of the MeRAM generators (NIST SP 800-90B §4.3-4.4) on the raw MTJ bit streams, before any
 * conditioning: each cell's sensed bits pass a Repetition Count Test and an Adaptive Proportion Test whose cutoffs come
 * from a stated min-entropy per bit and false-alarm probability; a start-up test holds the output back for the first
 * `startup` raw samples; any alarm sets a sticky error that stops the generator's `valid` until reset.
 *
 * The stated min-entropy is a claim about healthy devices, and must hold for them: by default 0.5 bit for cells
 * calibrated to p = 1/2 (healthy p within [0.29, 0.71]), and for cells set to other probabilities
 * -log2(max(p, 1 - p) + `margin`) from the cell's own calibrated p.
 */
import type { Module } from '../../hdl/core/module.ts';
import type { Value } from '../../hdl/core/value.ts';
import { cat } from '../../hdl/core/value.ts';
import { healthMonitor } from '../../hdl/lib/health-tests.ts';
import { healthCutoffs, type HealthCutoffs } from '../../verif/index.ts';

/** Options of the health tests (on by default in every generator plan; `{ enabled: false }` removes them). */
export interface HealthOptions {
  readonly enabled?: boolean;
  /** Min-entropy per raw bit claimed for every stream (default: per architecture, see the file comment). */
  readonly minEntropy?: number;
  /** False-alarm probability of each test per stream (SP 800-90B recommends 2^-20..2^-40; default 2^-30). */
  readonly alpha?: number;
  /** APT window (default 1024, SP 800-90B's for binary sources). */
  readonly window?: number;
  /** Raw samples of the start-up test before the first output (default 1024, SP 800-90B's minimum). */
  readonly startup?: number;
  /** Added to max(p, 1 - p) of a cell set to p != 1/2 before taking -log2 (default 0.1). */
  readonly margin?: number;
}

/** One monitored stream: its claimed min-entropy and the cutoffs that follow. */
export interface HealthStream extends HealthCutoffs {
  readonly minEntropy: number;
}

/** The health tests of a plan: a group per sampling enable (cells sampled together), streams in cell order. */
export interface HealthPlan {
  readonly alpha: number;
  readonly window: number;
  readonly startup: number;
  readonly streams: readonly HealthStream[];
}

/** Default false-alarm probability per test and stream. */
export const HEALTH_ALPHA = 2 ** -30;

/**
 * The health plan for streams whose healthy P(1) are `pOnes` (claims from the options, see the file comment), or
 * null when disabled.
 * @example planHealth([0.5, 0.5], {}); // { alpha: 2^-30, window: 1024, startup: 1024, streams: [{ rct: 61, apt: 810, ... }, ...] }
 */
export function planHealth(pOnes: readonly number[], opts: HealthOptions | undefined): HealthPlan | null {
  if (opts?.enabled === false) return null;
  const alpha = opts?.alpha ?? HEALTH_ALPHA;
  const window = opts?.window ?? 1024;
  const startup = opts?.startup ?? 1024;
  const margin = opts?.margin ?? 0.1;
  const streams = pOnes.map((p) => {
    const claimed = opts?.minEntropy ?? (Math.abs(p - 0.5) < 0.05 ? 0.5 : -Math.log2(Math.min(0.999, Math.max(p, 1 - p) + margin)));
    return { minEntropy: claimed, ...healthCutoffs(claimed, alpha, window) };
  });
  return { alpha, window, startup, streams };
}

/** A group of streams sampled by one enable. */
export interface HealthGroup {
  readonly en: Value;
  readonly bits: readonly Value[];
  /** Indices of the group's streams in the plan. */
  readonly streams: readonly number[];
}

/** What the generator needs from its health tests. */
export interface HealthHooks {
  /** Outputs may leave: start-up done and no error. */
  readonly ok: Value;
  /** The start-up test is still running (samples are made and dropped). */
  readonly warming: Value;
}

/**
 * Instantiates one monitor per group (`u_health<g>`) and the top-level ports `health_error`, `rct_alarm`,
 * `apt_alarm`, `startup_done`.
 */
export function attachHealth(m: Module, design: string, plan: HealthPlan, groups: readonly HealthGroup[]): HealthHooks {
  const mons = groups.map((g, i) => {
    const mod = healthMonitor({ name: `${design}_health${i}`, streams: g.streams.map((s) => plan.streams[s]!), window: plan.window, startup: plan.startup });
    return m.submodule(`u_health${i}`, mod, { en: g.en, bits: cat(...[...g.bits].reverse()) });
  });
  const all = (port: string): Value => mons.map((x): Value => x[port]!).reduce((a, b) => a.and(b));
  const some = (port: string): Value => mons.map((x): Value => x[port]!).reduce((a, b) => a.or(b));
  const error = m.output('health_error', 1);
  const rct = m.output('rct_alarm', 1);
  const apt = m.output('apt_alarm', 1);
  const done = m.output('startup_done', 1);
  m.comb(error, some('error'));
  m.comb(rct, some('rct_alarm'));
  m.comb(apt, some('apt_alarm'));
  m.comb(done, all('startup_done'));
  return { ok: all('ok'), warming: done.not() };
}

/** The parts of a synthesis report (synth/) that {@link healthShare} reads. */
export interface SynthesisReportLike {
  readonly cellCount: number;
  readonly areaUm2: number;
  readonly modules: readonly { readonly name: string; readonly cells: Readonly<Record<string, number>>; readonly areaUm2: number }[];
}

/**
 * Cells and area of the health monitors in a synthesis report, and their share of the design's logic.
 * @example const s = healthShare(await synthesize(elaborate(top))); // { cells, areaUm2, areaShare, cellShare }
 */
export function healthShare(r: SynthesisReportLike): { cells: number; areaUm2: number; areaShare: number; cellShare: number } {
  const byName = new Map(r.modules.map((x) => [x.name, x]));
  // A module's own library cells and area, plus those of its submodule instances (listed in `cells` by module name).
  const total = (name: string): { cells: number; area: number } => {
    const mod = byName.get(name)!;
    let cells = 0;
    let area = mod.areaUm2;
    for (const [type, count] of Object.entries(mod.cells)) {
      if (byName.has(type)) { const sub = total(type); cells += count * sub.cells; area += count * sub.area; } else cells += count;
    }
    return { cells, area };
  };
  const parts = r.modules.filter((x) => /_health\d+$/.test(x.name)).map((x) => total(x.name));
  const cells = parts.reduce((s, x) => s + x.cells, 0);
  const areaUm2 = parts.reduce((s, x) => s + x.area, 0);
  return { cells, areaUm2, areaShare: areaUm2 / r.areaUm2, cellShare: cells / r.cellCount };
}
