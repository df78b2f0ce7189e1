/**
 * Wear and drift study (issue 13): sum-of-bits generators calibrated per cell when new, then their devices' K_eff
 * drifting with the pulse count under the stated wear law (physics/wear.ts) over 10^4..10^10 pulses. At each
 * checkpoint, exact figures with and without the bias-tracking loop (quality.ts); from them, how long each mode stays
 * within its bounds (every cell's abs(P(1) − 1/2) within the calibration tolerance 0.02; health tests silent) and when the health tests catch the drift (the
 * alarm hazard integrated over the pulses). The drift is quasi-static: it moves p by < 10^-3 over the loop's settling
 * time of some hundred reads. One read per pulse. Units: one array at one checkpoint.
 */
import { type WearLaw, type BehaviouralModel, defaultWearLaw, keffDrift } from '../../physics/index.ts';
import { type Planned, type CltPlan, type FlowCell, planClt, planTree, planWord, wornDevice } from '../../designs/meram/index.ts';
import { type LatticePmf, totalVariation } from '../../verif/index.ts';
import { BIAS_BOUND, TV_BOUND, cellProbabilities, modeQuality, round, treeLawAfter, wordLawAfter } from './quality.ts';
import { linePlot, type PlotRow } from './plots.ts';
import type { Json, Study, StudySize } from './study.ts';

/** Configuration (JSON). */
export interface WearConfig {
  readonly law: WearLaw;
  /** Pulse counts of the checkpoints (increasing). */
  readonly pulses: readonly number[];
  readonly generator: { readonly n: number; readonly seeds: readonly number[]; readonly keffRel: number; readonly trackLimit: number; readonly trackRange: number };
  /** Also the paper word (reset mode, 8 bits) and the tree sampler (8 bits, 1 lane) of each array seed (no loop). */
  readonly others: boolean;
}

/** The checkpoints: 0, then `perDecade` per decade from 10^4 to 10^`top`. */
function checkpoints(perDecade: number, top: number): number[] {
  const out = [0];
  for (let k = 4 * perDecade; k <= top * perDecade; k++) out.push(Number((10 ** (k / perDecade)).toPrecision(6)));
  return out;
}

/**
 * The configuration of a size.
 * @example wearConfig('ci').pulses; // [0, 1e4, 1e5, …, 1e10]
 */
export function wearConfig(size: StudySize): WearConfig {
  const law = { ...defaultWearLaw };
  if (size === 'ci') return { law, pulses: checkpoints(1, 10), generator: { n: 16, seeds: [1, 2], keffRel: 0.02, trackLimit: 4, trackRange: 2 }, others: false };
  return { law, pulses: checkpoints(4, 10), generator: { n: 64, seeds: Array.from({ length: 8 }, (_, i) => i + 1), keffRel: 0.02, trackLimit: 4, trackRange: 2 }, others: true };
}

/** One unit's result: the figures of one array at one checkpoint. */
export interface WearPoint {
  readonly keffRel: number;
  readonly off: { readonly maxBias: number; readonly outside: number; readonly tv: number; readonly alarmRate: number };
  readonly on: { readonly maxBias: number; readonly outside: number; readonly tv: number; readonly alarmRate: number };
  readonly atLimit: number;
  /** Word and tree: TV of the output law after the drift to the calibrated (predicted) law and to the target; null when not studied. */
  readonly word: { readonly tvPredicted: number; readonly tvTarget: number } | null;
  readonly tree: { readonly tvPredicted: number; readonly tvTarget: number } | null;
}

function cached<T>(cache: Map<string, unknown>, key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}

function planned(c: WearConfig, si: number, cache: Map<string, unknown>): Planned<CltPlan> {
  const g = c.generator;
  return cached(cache, `clt${si}`, () => planClt({ seed: g.seeds[si]!, n: g.n, trackLimit: g.trackLimit, trackRange: g.trackRange, variation: { keffRel: g.keffRel } }));
}

/**
 * One array at one checkpoint. `on` is the raw generator's loop for TV and the von Neumann generator's loop for the
 * alarm rate (alarms per read; the expected delay is its inverse).
 * @example wearPoint(wearConfig('ci'), 0, 5, new Map());
 */
export function wearPoint(c: WearConfig, si: number, ki: number, cache: Map<string, unknown>): WearPoint {
  const pl = planned(c, si, cache);
  const rel = keffDrift(c.pulses[ki]!, c.law);
  const ps = cellProbabilities(pl, (_, cell) => wornDevice(cell.device, rel));
  const off = modeQuality(pl.plan, ps.off);
  const on = modeQuality(pl.plan, ps.on);
  const onVn = modeQuality(pl.plan, ps.onVn);
  const rate = (x: number): number => (x === Infinity ? 0 : round(1 / x));
  const worn = (_: number, cell: FlowCell): BehaviouralModel => wornDevice(cell.device, rel);
  const opts = { seed: c.generator.seeds[si]!, variation: { keffRel: c.generator.keffRel } };
  const tvs = (law: LatticePmf, p: { predicted: LatticePmf; target: LatticePmf }): { tvPredicted: number; tvTarget: number } => ({ tvPredicted: round(totalVariation(law, p.predicted)), tvTarget: round(totalVariation(law, p.target)) });
  let word: WearPoint['word'] = null;
  let tree: WearPoint['tree'] = null;
  if (c.others) {
    const w = cached(cache, `word${si}`, () => planWord(opts));
    const t = cached(cache, `tree${si}`, () => planTree(opts));
    word = tvs(wordLawAfter(w, worn), w);
    tree = tvs(treeLawAfter(t, worn), t);
  }
  return {
    keffRel: round(rel), atLimit: round(ps.atLimit), word, tree,
    off: { maxBias: round(off.maxBias), outside: round(off.outside), tv: round(off.tv), alarmRate: rate(off.alarmReads) },
    on: { maxBias: round(on.maxBias), outside: round(on.outside), tv: round(on.tv), alarmRate: rate(onVn.alarmReads) },
  };
}

/** Per mode: the last checkpoint up to which every cell of every array is within the bias bound, and the pulses to a health alarm. */
export interface WearSpans {
  readonly span: { readonly off: number; readonly on: number; readonly word: number; readonly tree: number };
  /** Checkpoint by which the expected number of alarms (hazard integral, trapezoid between checkpoints) reaches 1, for the earliest array; Infinity: not within the checkpoints. */
  readonly alarmBy: { readonly off: number; readonly on: number };
}

/**
 * The spans of the merged results (unit order: array-major, then checkpoint).
 * @example wearSpans(cfg, merged.results as WearPoint[]);
 */
export function wearSpans(c: WearConfig, results: readonly WearPoint[]): WearSpans {
  const nK = c.pulses.length;
  const arrays = c.generator.seeds.map((_, si) => results.slice(si * nK, (si + 1) * nK));
  const within = (ok: (p: WearPoint) => boolean): number => {
    let last = -1;
    for (let k = 0; k < nK && arrays.every((a) => ok(a[k]!)); k++) last = k;
    return last < 0 ? -1 : c.pulses[last]!;
  };
  const span = (mode: 'off' | 'on'): number => within((p) => p[mode].maxBias <= BIAS_BOUND);
  const other = (g: 'word' | 'tree'): number => (c.others ? within((p) => p[g]!.tvPredicted <= TV_BOUND) : NaN);
  const alarm = (mode: 'off' | 'on'): number => Math.min(...arrays.map((a) => {
    let h = 0;
    for (let k = 1; k < nK; k++) {
      h += ((c.pulses[k]! - c.pulses[k - 1]!) * (a[k]![mode].alarmRate + a[k - 1]![mode].alarmRate)) / 2;
      if (h >= 1) return c.pulses[k]!;
    }
    return Infinity;
  }));
  return { span: { off: span('off'), on: span('on'), word: other('word'), tree: other('tree') }, alarmBy: { off: alarm('off'), on: alarm('on') } };
}

const fmt = (x: number): string => (x === Infinity ? 'beyond the last checkpoint (10^10)' : x < 0 ? 'not even when new' : x === 0 ? 'only when new (out by the first checkpoint, 10^4)' : x.toExponential(1));

export const wearStudy: Study = {
  name: 'wear',
  config: (size) => wearConfig(size) as never,
  units: (cfg) => {
    const c = cfg as unknown as WearConfig;
    return c.generator.seeds.flatMap((_, si) => c.pulses.map((_, ki) => [si, ki]));
  },
  run: (cfg, unit, cache) => {
    const [si, ki] = unit as unknown as [number, number];
    return wearPoint(cfg as unknown as WearConfig, si, ki, cache) as unknown as Json;
  },
  report: async (cfg, res) => {
    const c = cfg as unknown as WearConfig;
    const results = res as unknown as WearPoint[];
    const s = wearSpans(c, results);
    const nK = c.pulses.length;
    const at = (k: number, f: (p: WearPoint) => number, agg: (xs: number[]) => number): number => agg(c.generator.seeds.map((_, si) => f(results[si * nK + k]!)));
    const max = (xs: number[]): number => Math.max(...xs);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const g = c.generator;
    const md = [
      `# Wear study: K_eff(N) = K_eff(0) (1 − ${c.law.keffLossPerDecade} log10(1 + N / ${c.law.onsetPulses.toExponential(0)}))`, '',
      `${g.seeds.length} arrays of ${g.n} cells (K_eff σ ${g.keffRel}), calibrated per cell when new; loop trackLimit ${g.trackLimit}, range ±${g.trackRange} codes. ` +
      `Figures over the arrays: worst cell's abs(P(1) − ½), mean TV of the raw popcount to binomial(N, 1/2), earliest expected health alarm.`, '',
      `| pulses | K_eff change | cells outside abs(P(1) − ½) ≤ ${BIAS_BOUND} off / on | max abs(P(1) − ½) off / on | TV off / on | loop at its limit | alarm rate per read off / on |`,
      '|---|---|---|---|---|---|---|',
      ...c.pulses.map((n, k) => `| ${n === 0 ? '0' : n.toExponential(1)} | ${(at(k, (p) => p.keffRel, mean) * 100).toFixed(2)} % | ${(at(k, (p) => p.off.outside, mean) * 100).toFixed(1)} % / ${(at(k, (p) => p.on.outside, mean) * 100).toFixed(1)} % | ${at(k, (p) => p.off.maxBias, max).toFixed(3)} / ${at(k, (p) => p.on.maxBias, max).toFixed(3)} | ${at(k, (p) => p.off.tv, mean).toExponential(2)} / ${at(k, (p) => p.on.tv, mean).toExponential(2)} | ${at(k, (p) => p.atLimit, max).toFixed(2)} | ${at(k, (p) => p.off.alarmRate, max).toExponential(1)} / ${at(k, (p) => p.on.alarmRate, max).toExponential(1)} |`),
      '',
      `Sum of bits: every cell within abs(P(1) − ½) ≤ ${BIAS_BOUND} (the calibration tolerance) up to: loop off ${fmt(s.span.off)} pulses, loop on ${fmt(s.span.on)} pulses.`,
      ...(c.others ? [
        '', '| pulses | word: TV to its calibrated law / to the target | tree: TV to its calibrated law / to the target |', '|---|---|---|',
        ...c.pulses.map((n, k) => `| ${n === 0 ? '0' : n.toExponential(1)} | ${at(k, (p) => p.word!.tvPredicted, mean).toExponential(2)} / ${at(k, (p) => p.word!.tvTarget, mean).toExponential(2)} | ${at(k, (p) => p.tree!.tvPredicted, mean).toExponential(2)} / ${at(k, (p) => p.tree!.tvTarget, mean).toExponential(2)} |`),
        '', `Word and tree (no loop): output law within TV ≤ ${TV_BOUND} of the calibrated law for every array up to: word ${fmt(s.span.word)}, tree ${fmt(s.span.tree)} pulses.`,
      ] : []),
      `Health tests (von Neumann generator) expected to alarm by: loop off ${fmt(s.alarmBy.off)} pulses, loop on ${fmt(s.alarmBy.on)} pulses.`,
    ].join('\n');
    const x = (n: number): number => Math.max(n, 1e3);
    const biasRows: PlotRow[] = c.pulses.flatMap((n, k) => [
      { x: x(n), y: at(k, (p) => p.off.maxBias, max), series: 'loop off' }, { x: x(n), y: at(k, (p) => p.on.maxBias, max), series: 'loop on' },
    ]);
    const tvRows: PlotRow[] = c.pulses.flatMap((n, k) => [
      { x: x(n), y: Math.max(1e-5, at(k, (p) => p.off.tv, mean)), series: 'loop off' }, { x: x(n), y: Math.max(1e-5, at(k, (p) => p.on.tv, mean)), series: 'loop on' },
    ]);
    return {
      'wear.md': md + '\n',
      'wear-spans.json': JSON.stringify(s, (_, v: unknown) => (v === Infinity ? 'Infinity' : v)) + '\n',
      'wear-bias.svg': await linePlot(biasRows, { title: 'Worst cell abs(P(1) − 1/2) against pulses (0 drawn at 10^3)', x: 'pulses', y: 'abs(P(1) − 1/2)', logX: true }),
      'wear-tv.svg': await linePlot(tvRows, { title: 'TV of the raw popcount to binomial(N, 1/2) against pulses', x: 'pulses', y: 'TV', logX: true, logY: true, rules: [{ y: TV_BOUND, label: 'bound' }] }),
    };
  },
};
