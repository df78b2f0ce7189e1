/**
 * Temperature study (issue 13): 0-85 °C (273-358 K). Switching maps of the generator's pulse grid per temperature
 * from the macrospin solver with Ms(T), K_i(T), ξ(T) (physics/temperature.ts) and the thermal field at T; a
 * behavioural table from them; sum-of-bits generators calibrated per cell at 300 K; and at every temperature the
 * output quality with and without the bias-tracking loop (quality.ts). Units: one map point at one temperature.
 * Only P → AP is simulated: without a stray field the device is symmetric under a half-turn about the bias field
 * (x), which maps P onto AP, so P_sw from AP equals P_sw from P (the table stores the same counts for both).
 */
import {
  BehaviouralModel, type BehaviouralTable, type MapSpec, type ThermalLaws, MacrospinSolver, defaultDeviceParams, defaultMapSolver,
  defaultThermalLaws, deviceAtTemperature, dacLevels, widthLevels, wilson,
} from '../../physics/index.ts';
import { MAP_FORMAT, MAP_VERSION, simulatePoint, type SwitchingMap } from '../../physics/switching-map.ts';
import { heatmapSvg } from '../../physics/plot.ts';
import { TABLE_FORMAT, TABLE_VERSION } from '../../physics/behavioural-model.ts';
import { DEFAULT_GRID, planClt, planTree, planWord, type FlowCell } from '../../designs/meram/index.ts';
import { totalVariation } from '../../verif/index.ts';
import { BIAS_BOUND, TV_BOUND, cellProbabilities, modeQuality, round, treeLawAfter, wordLawAfter, type ModeQuality } from './quality.ts';

export { BIAS_BOUND } from './quality.ts';
import { linePlot, type PlotRow } from './plots.ts';
import type { Study, StudySize } from './study.ts';

/** Configuration (JSON). */
export interface TemperatureConfig {
  readonly temperaturesK: readonly number[];
  readonly laws: ThermalLaws;
  readonly amplitudesV: readonly number[];
  readonly widthsS: readonly number[];
  readonly trials: number;
  readonly seed: number;
  /** A second, independent map at this temperature (another seed): the generators on it show the maps' noise floor. */
  readonly repeatK: number | null;
  /** Generators: cells, array seeds, frozen K_eff variation, loop settings, calibration tolerance. */
  readonly generator: { readonly n: number; readonly seeds: readonly number[]; readonly keffRel: number; readonly trackLimit: number; readonly trackRange: number; readonly tolerance: number };
}

/** Calibration temperature of the generators (the laws' reference). */
export const CALIBRATION_K = 300;

const grid = { amplitudesV: dacLevels(DEFAULT_GRID.ampBits, DEFAULT_GRID.vMinV, DEFAULT_GRID.vMaxV), widthsS: widthLevels(DEFAULT_GRID.resolutionS, 2 ** DEFAULT_GRID.widthBits) };

/**
 * The configuration of a size: `full` maps the generator's 16 DAC codes × every other width code (0.1..1.6 ns; the
 * table interpolates the codes between) at 6 temperatures, 400 trials per point: the loop needs p(width) smooth, i.e.
 * the map's sampling noise well below the change of p per width code.
 * @example temperatureConfig('full').temperaturesK; // [273, 300, 315, 330, 345, 358]
 */
export function temperatureConfig(size: StudySize): TemperatureConfig {
  const laws = { ...defaultThermalLaws };
  if (size === 'ci') {
    return {
      temperaturesK: [273, 300, 358], laws,
      amplitudesV: grid.amplitudesV.slice(1, 7), widthsS: grid.widthsS.filter((_, i) => i >= 7 && i <= 15 && i % 2 === 1),
      trials: 24, seed: 85_273, repeatK: null,
      generator: { n: 16, seeds: [1], keffRel: 0.02, trackLimit: 4, trackRange: 2, tolerance: 0.15 },
    };
  }
  return {
    temperaturesK: [273, 300, 315, 330, 345, 358], laws, amplitudesV: grid.amplitudesV, widthsS: grid.widthsS.filter((_, i) => i % 2 === 1),
    trials: 400, seed: 85_273, repeatK: CALIBRATION_K,
    generator: { n: 64, seeds: [1, 2, 3, 4], keffRel: 0.02, trackLimit: 4, trackRange: 2, tolerance: 0.03 },
  };
}

/**
 * The map spec of temperature index `ti` (its own seed: seed + T); index temperaturesK.length is the repeat map.
 * @example const spec = mapSpecAt(temperatureConfig('ci'), 2); // 358 K
 */
export function mapSpecAt(c: TemperatureConfig, ti: number): MapSpec {
  const repeat = ti === c.temperaturesK.length;
  const t = repeat ? c.repeatK! : c.temperaturesK[ti]!;
  return { params: deviceAtTemperature(defaultDeviceParams, t, c.laws), amplitudesV: c.amplitudesV, widthsS: c.widthsS, directions: ['P'], trials: c.trials, seed: c.seed + t + (repeat ? 1_000_003 : 0), solver: defaultMapSolver };
}

/**
 * The behavioural table of the merged counts (results in unit order: temperature-major, then amplitude, width); with
 * `repeat`, the table of the repeat map alone.
 * @example const model = new BehaviouralModel(temperatureTable(cfg, merged.results as number[]));
 */
export function temperatureTable(c: TemperatureConfig, counts: readonly number[], repeat = false): BehaviouralTable {
  const nA = c.amplitudesV.length;
  const nW = c.widthsS.length;
  const temperaturesK = repeat ? [c.repeatK!] : c.temperaturesK;
  const base = repeat ? c.temperaturesK.length : 0;
  const switched = temperaturesK.map((_, k) => {
    const ti = base + k;
    const rows = Array.from({ length: nA }, (_, ai) => counts.slice((ti * nA + ai) * nW, (ti * nA + ai + 1) * nW));
    return { P: rows, AP: rows };
  });
  return {
    format: TABLE_FORMAT, version: TABLE_VERSION, generatedBy: 'experiments/studies temperature (P only; AP by symmetry)',
    params: defaultDeviceParams, solver: defaultMapSolver, seed: c.seed, trials: c.trials,
    temperaturesK, amplitudesV: c.amplitudesV, widthsS: c.widthsS, switched,
    accuracy: { points: 0, trialsPerPoint: 0, meanAbsError: 0, maxAbsError: 0, maxExcessError: 0 },
  };
}

/** One row of the temperature table (over the arrays: means of the figures, worst bias, earliest alarm). */
export interface TemperatureRow {
  readonly temperatureK: number;
  /** The row of the repeat map (the noise floor), not of the study's maps. */
  readonly repeat: boolean;
  readonly off: ModeQuality;
  readonly on: ModeQuality;
  readonly onVn: ModeQuality;
  readonly atLimit: number;
}

/**
 * The generators' quality at every temperature of the configuration, from a behavioural table of its maps.
 * @example const rows = temperatureQuality(cfg, temperatureTable(cfg, merged.results as number[]));
 */
export function temperatureQuality(c: TemperatureConfig, table: BehaviouralTable, repeat: BehaviouralTable | null = null): TemperatureRow[] {
  const nominal = new BehaviouralModel(table);
  const g = c.generator;
  const arrays = g.seeds.map((seed) => planClt({ seed, n: g.n, trackLimit: g.trackLimit, trackRange: g.trackRange, variation: { keffRel: g.keffRel }, nominal, temperatureK: CALIBRATION_K, tolerance: g.tolerance }));
  const cases = [...c.temperaturesK.map((t) => ({ t, repeat: false })), ...(repeat ? [{ t: c.repeatK!, repeat: true }] : [])];
  return cases.map(({ t, repeat: isRepeat }) => {
    const per = arrays.map((planned) => {
      const ps = cellProbabilities(planned, (_, cell) => (isRepeat ? new BehaviouralModel(repeat!, cell.device.device, t) : cell.device.atTemperature(t)));
      return { off: modeQuality(planned.plan, ps.off), on: modeQuality(planned.plan, ps.on), onVn: modeQuality(planned.plan, ps.onVn), atLimit: ps.atLimit };
    });
    const agg = (f: (x: (typeof per)[number]) => ModeQuality): ModeQuality => ({
      meanP: per.reduce((s, x) => s + f(x).meanP, 0) / per.length,
      maxBias: Math.max(...per.map((x) => f(x).maxBias)),
      outside: per.reduce((s, x) => s + f(x).outside, 0) / per.length,
      tv: per.reduce((s, x) => s + f(x).tv, 0) / per.length,
      alarmReads: Math.min(...per.map((x) => f(x).alarmReads)),
    });
    return { temperatureK: t, repeat: isRepeat, off: agg((x) => x.off), on: agg((x) => x.on), onVn: agg((x) => x.onVn), atLimit: Math.max(...per.map((x) => x.atLimit)) };
  });
}


const fmt = (x: number): string => (x === Infinity ? '∞' : x >= 1e6 || (x > 0 && x < 1e-3) ? x.toExponential(2) : x.toFixed(4));

/** The word's and the tree's output law at each temperature against their calibrated (300 K) law and their target. */
export interface OtherRow {
  readonly temperatureK: number;
  readonly repeat: boolean;
  readonly word: { readonly tvPredicted: number; readonly tvTarget: number };
  readonly tree: { readonly tvPredicted: number; readonly tvTarget: number };
}

/**
 * The paper word (reset mode) and the tree sampler of the first array seed, calibrated at 300 K on the study's
 * table, at every temperature (and on the repeat map: the noise floor). Neither has a loop.
 * @example const rows = otherGenerators(cfg, table, repeatTable);
 */
export function otherGenerators(c: TemperatureConfig, table: BehaviouralTable, repeat: BehaviouralTable | null = null): OtherRow[] {
  const nominal = new BehaviouralModel(table);
  const g = c.generator;
  const opts = { seed: g.seeds[0]!, variation: { keffRel: g.keffRel }, nominal, temperatureK: CALIBRATION_K, tolerance: g.tolerance };
  const word = planWord(opts);
  const tree = planTree(opts);
  const cases = [...c.temperaturesK.map((t) => ({ t, repeat: false })), ...(repeat ? [{ t: c.repeatK!, repeat: true }] : [])];
  return cases.map(({ t, repeat: isRepeat }) => {
    const at = (_: number, cell: FlowCell): BehaviouralModel => (isRepeat ? new BehaviouralModel(repeat!, cell.device.device, t) : cell.device.atTemperature(t));
    const w = wordLawAfter(word, at);
    const tr = treeLawAfter(tree, at);
    return {
      temperatureK: t, repeat: isRepeat,
      word: { tvPredicted: totalVariation(w, word.predicted), tvTarget: totalVariation(w, word.target) },
      tree: { tvPredicted: totalVariation(tr, tree.predicted), tvTarget: totalVariation(tr, tree.target) },
    };
  });
}

export const temperatureStudy: Study = {
  name: 'temperature',
  config: (size) => temperatureConfig(size) as never,
  units: (cfg) => {
    const c = cfg as unknown as TemperatureConfig;
    const per = c.amplitudesV.length * c.widthsS.length;
    const maps = c.temperaturesK.length + (c.repeatK === null ? 0 : 1);
    return Array.from({ length: maps }, (_, ti) => Array.from({ length: per }, (_, k) => [ti, k])).flat();
  },
  run: (cfg, unit, cache) => {
    const c = cfg as unknown as TemperatureConfig;
    const [ti, k] = unit as unknown as [number, number];
    const key = `solver${ti}`;
    const spec = mapSpecAt(c, ti);
    const solver = (cache.get(key) as MacrospinSolver | undefined) ?? new MacrospinSolver(spec.params, spec.solver);
    cache.set(key, solver);
    return simulatePoint(solver, spec, k);
  },
  report: async (cfg, results) => {
    const c = cfg as unknown as TemperatureConfig;
    const table = temperatureTable(c, results as number[]);
    const repeatTable = c.repeatK === null ? null : temperatureTable(c, results as number[], true);
    const rows = temperatureQuality(c, table, repeatTable);
    const others = otherGenerators(c, table, repeatTable);
    const main = rows.filter((r) => !r.repeat);
    const g = c.generator;
    const md = [
      `# Temperature study: ${c.temperaturesK.join(', ')} K`, '',
      `Laws: Bloch Ms(T), T_C ${c.laws.curieK} K; K_i ∝ Ms^${c.laws.kiExponent}; ξ ∝ Ms^${c.laws.xiExponent}; stated at ${c.laws.referenceK} K. ` +
      `Maps: ${c.amplitudesV.length} amplitudes × ${c.widthsS.length} widths, ${c.trials} trials per point, P → AP. ` +
      `Generators: ${g.seeds.length} arrays of ${g.n} cells (K_eff σ ${g.keffRel}), calibrated per cell at ${CALIBRATION_K} K; loop trackLimit ${g.trackLimit}, range ±${g.trackRange} codes.`, '',
      `| T (K) | mean P(1) off / on | cells outside abs(P(1) − ½) ≤ ${BIAS_BOUND} off / on | max abs(P(1) − ½) off / on | TV raw popcount off / on | loop at its limit (worst cell) | reads to first alarm (vN generator) off / on |`,
      '|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.temperatureK}${r.repeat ? ' (independent map: the noise floor)' : ''} | ${r.off.meanP.toFixed(3)} / ${r.on.meanP.toFixed(3)} | ${(r.off.outside * 100).toFixed(1)} % / ${(r.on.outside * 100).toFixed(1)} % | ${r.off.maxBias.toFixed(3)} / ${r.on.maxBias.toFixed(3)} | ${fmt(r.off.tv)} / ${fmt(r.on.tv)} | ${r.atLimit.toFixed(2)} | ${fmt(r.off.alarmReads)} / ${fmt(r.onVn.alarmReads)} |`),
      '', `Word (reset mode) and tree sampler of array seed ${g.seeds[0]}, calibrated at ${CALIBRATION_K} K (no loop): TV of the output law to the calibrated law / to the target.`, '',
      '| T (K) | word | tree |', '|---|---|---|',
      ...others.map((o) => `| ${o.temperatureK}${o.repeat ? ' (independent map)' : ''} | ${fmt(o.word.tvPredicted)} / ${fmt(o.word.tvTarget)} | ${fmt(o.tree.tvPredicted)} / ${fmt(o.tree.tvTarget)} |`),
      '', `Within bounds (every cell's abs(P(1) − ½) ≤ ${BIAS_BOUND}) without the loop: ${main.filter((r) => r.off.maxBias <= BIAS_BOUND).map((r) => r.temperatureK).join(', ') || 'none'} K; with it: ${main.filter((r) => r.on.maxBias <= BIAS_BOUND).map((r) => r.temperatureK).join(', ') || 'none'} K.`,
    ].join('\n');
    // P_sw against T at the width code of the calibrated cells (12) for a few DAC codes, with 95 % Wilson bands.
    const nW = c.widthsS.length;
    const wi = Math.min(nW - 1, c.widthsS.findIndex((w) => w >= grid.widthsS[12]! - 1e-15) < 0 ? nW - 1 : c.widthsS.findIndex((w) => w >= grid.widthsS[12]! - 1e-15));
    const psw: PlotRow[] = [];
    for (let ai = 0; ai < c.amplitudesV.length; ai += Math.max(1, Math.floor(c.amplitudesV.length / 5))) {
      c.temperaturesK.forEach((t, ti) => {
        const e = wilson(table.switched[ti]!.P[ai]![wi]!, c.trials);
        psw.push({ x: t, y: e.p, lo: e.lo, hi: e.hi, series: `${c.amplitudesV[ai]!.toFixed(3)} V` });
      });
    }
    const pRows: PlotRow[] = main.flatMap((r) => [
      { x: r.temperatureK, y: r.off.meanP + r.off.maxBias * Math.sign(r.off.meanP - 0.5), series: 'worst cell, loop off' },
      { x: r.temperatureK, y: r.on.meanP + r.on.maxBias * Math.sign(r.on.meanP - 0.5), series: 'worst cell, loop on' },
      { x: r.temperatureK, y: r.off.meanP, series: 'mean, loop off' },
      { x: r.temperatureK, y: r.on.meanP, series: 'mean, loop on' },
    ]);
    const tvRows: PlotRow[] = main.flatMap((r) => [{ x: r.temperatureK, y: Math.max(r.off.tv, 1e-5), series: 'loop off' }, { x: r.temperatureK, y: Math.max(r.on.tv, 1e-5), series: 'loop on' }]);
    // The switching map of each temperature (physics/plot.ts's heatmap; P → AP, AP → P the same by symmetry).
    const maps: Record<string, string> = {};
    for (const [ti, t] of c.temperaturesK.entries()) {
      const map: SwitchingMap = { format: MAP_FORMAT, version: MAP_VERSION, ...mapSpecAt(c, ti), switched: table.switched[ti]! };
      maps[`temperature-map-${t}K.svg`] = await heatmapSvg(map, 'P');
    }
    return {
      ...maps,
      'temperature.md': md + '\n',
      'temperature-rows.json': JSON.stringify(rows.map((r) => JSON.parse(JSON.stringify(r, (_, v: unknown) => (typeof v === 'number' ? (v === Infinity ? 'Infinity' : round(v)) : v))) as unknown), null, 1) + '\n',
      'temperature-psw.svg': await linePlot(psw, { title: `P_sw (from P) at ${(c.widthsS[wi]! * 1e9).toFixed(2)} ns against temperature`, x: 'T (K)', y: 'P_sw' }),
      'temperature-p1.svg': await linePlot(pRows, { title: 'P(read = 1) of the cells against temperature (calibrated at 300 K)', x: 'T (K)', y: 'P(1)' }),
      'temperature-tv.svg': await linePlot(tvRows, { title: 'TV of the raw popcount to binomial(N, 1/2)', x: 'T (K)', y: 'TV', logY: true, rules: [{ y: TV_BOUND, label: 'bound' }] }),
    };
  },
};
