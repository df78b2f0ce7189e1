/**
 * The studies' shard / merge framework: 1 shard, 3 shards and worker threads give byte-identical merged files;
 * merging rejects missing, duplicated and foreign shards. Temperature and wear studies at CI size: P_sw below the
 * critical voltage is higher at 300 and 358 K than at 273 K, the loop keeps the worn generator within bounds for a stated
 * span the loop-off generator leaves early, and the health tests' (non-)detection of the drift.
 */
import { describe, expect, it } from 'vitest';
import { ShardError } from '../../../common/shards.ts';
import { wilson } from '../../../physics/index.ts';
import { faultStudy } from '../../../testbenches/fault-study.ts';
import { computeStudy, computeStudyShard, mergeStudyShards, serialiseStudy, StudyError, type Json, type Study } from '../study.ts';
import { temperatureStudy, temperatureConfig, temperatureQuality, temperatureTable, BIAS_BOUND } from '../temperature.ts';
import { wearStudy, wearConfig, wearPoint, wearSpans, type WearConfig, type WearPoint } from '../wear.ts';

async function shardsMerged(study: Study, cfg: Json, count: number): Promise<string> {
  const parts = [];
  for (let i = 0; i < count; i++) parts.push(await computeStudyShard(study, cfg, { index: i, count }, { workers: 0 }));
  return serialiseStudy(mergeStudyShards(study, parts.reverse()));
}

describe('study shards', () => {
  // A small temperature configuration: 2 temperatures x 3 amplitudes x 2 widths, 3 trials (the macrospin solver runs).
  const ci = temperatureConfig('ci');
  const tiny = { ...ci, temperaturesK: [273, 358], amplitudesV: ci.amplitudesV.slice(0, 3), widthsS: ci.widthsS.slice(0, 2), trials: 3 } as unknown as Json;

  it('temperature maps: 1 shard, 3 shards (merged in any order) and 2 worker threads give identical bytes', async () => {
    const one = serialiseStudy(await computeStudy(temperatureStudy, tiny, { workers: 0 }));
    expect(await shardsMerged(temperatureStudy, tiny, 3)).toBe(one);
    expect(serialiseStudy(await computeStudy(temperatureStudy, tiny, { workers: 2 }))).toBe(one);
    expect(JSON.parse(one).results).toHaveLength(12);
  }, 120_000);

  it('wear (CI size): 1 shard, 3 shards and 2 worker threads give identical bytes', async () => {
    const cfg = wearStudy.config('ci');
    const one = serialiseStudy(await computeStudy(wearStudy, cfg, { workers: 0 }));
    expect(await shardsMerged(wearStudy, cfg, 3)).toBe(one);
    expect(serialiseStudy(await computeStudy(wearStudy, cfg, { workers: 2 }))).toBe(one);
  }, 120_000);

  it('merge rejects a missing shard, a shard given twice, another configuration and another study', async () => {
    const cfg = wearStudy.config('ci');
    const s = await Promise.all([0, 1, 2].map((index) => computeStudyShard(wearStudy, cfg, { index, count: 3 }, { workers: 0 })));
    expect(() => mergeStudyShards(wearStudy, [s[0]!, s[2]!])).toThrow(ShardError);
    expect(() => mergeStudyShards(wearStudy, [s[0]!, s[1]!, s[2]!, s[1]!])).toThrow(/more than one shard/);
    const other = { ...s[1]!, config: { ...(cfg as object), pulses: [0] } as Json };
    expect(() => mergeStudyShards(wearStudy, [s[0]!, other, s[2]!])).toThrow(StudyError);
    expect(() => mergeStudyShards(temperatureStudy, s)).toThrow(/not 'temperature'/);
  }, 60_000);
});

describe('temperature study (CI size)', () => {
  it('P_sw below V_c is higher at 358 and 300 K than at 273 K; the generators calibrated at 300 K leave their bounds at 273 and 358 K without the loop', async () => {
    const cfg = temperatureConfig('ci');
    const r = await computeStudy(temperatureStudy, cfg as unknown as Json, { workers: 2 });
    const table = temperatureTable(cfg, r.results as number[]);
    // The three lowest amplitudes of the CI grid (0.85-0.96 V, below V_c at every T) at 0.4 ns, 72 trials per T:
    // P_sw(273 K) below P_sw(300 K) and P_sw(358 K), 95 % Wilson intervals apart (at 273 K V_c is 1.45 V).
    const k = table.switched.map((byT) => byT.P.slice(0, 3).reduce((s, row) => s + row[0]!, 0));
    const e = k.map((x) => wilson(x, 3 * cfg.trials));
    console.log(`P_sw at 0.4 ns, 0.85-0.96 V: ${e.map((x) => x.p.toFixed(3)).join(', ')} (273, 300, 358 K)`);
    expect(e[0]!.hi).toBeLessThan(e[1]!.lo);
    expect(e[0]!.hi).toBeLessThan(e[2]!.lo);
    const rows = temperatureQuality(cfg, table);
    const at = (t: number) => rows.find((x) => x.temperatureK === t)!;
    expect(at(273).off.maxBias).toBeGreaterThan(BIAS_BOUND);
    expect(at(358).off.maxBias).toBeGreaterThan(BIAS_BOUND);
    // The loop moves every temperature's worst cell closer to 1/2.
    for (const row of rows) expect(row.on.maxBias).toBeLessThan(row.off.maxBias);
    // The report: a table and the plots, among them the switching map of each temperature.
    const files = await temperatureStudy.report(cfg as unknown as Json, r.results);
    expect(files['temperature.md']).toMatch(/\| 358 \|/);
    for (const t of cfg.temperaturesK) expect(files[`temperature-map-${t}K.svg`]).toMatch(/^<svg/);
  }, 180_000);
});

describe('wear study (CI size)', () => {
  const cfg = wearConfig('ci');

  it('without the loop the drift leaves the bias bound by 10^5 pulses; with it every cell stays within it to 10^8; the health tests stay silent to 10^10', async () => {
    const r = await computeStudy(wearStudy, cfg as unknown as Json, { workers: 0 });
    const s = wearSpans(cfg, r.results as unknown as WearPoint[]);
    expect(s.span.off).toBeLessThan(1e5);
    expect(s.span.on).toBeGreaterThanOrEqual(1e8);
    // Honest non-detection: the drift keeps p within the claimed min-entropy (0.5 bit) over the whole range.
    expect(s.alarmBy.off).toBe(Infinity);
    expect(s.alarmBy.on).toBe(Infinity);
  }, 60_000);

  it('power: a fast wear law (10 % per decade) is caught by the health tests without the loop, later with it', async () => {
    const fast: WearConfig = { ...cfg, law: { ...cfg.law, keffLossPerDecade: 0.1 } };
    const r = await computeStudy(wearStudy, fast as unknown as Json, { workers: 0 });
    const s = wearSpans(fast, r.results as unknown as WearPoint[]);
    expect(s.alarmBy.off).toBeLessThan(Infinity);
    expect(s.alarmBy.on).toBeGreaterThanOrEqual(s.alarmBy.off);
  }, 60_000);

  it('word and tree (no loop): their laws are the calibrated ones when new (TV 0) and move away with the drift', () => {
    const c: WearConfig = { ...cfg, generator: { ...cfg.generator, seeds: [1] }, others: true };
    const cache = new Map<string, unknown>();
    const k9 = c.pulses.indexOf(1e9);
    const [fresh, worn] = [wearPoint(c, 0, 0, cache), wearPoint(c, 0, k9, cache)];
    expect(fresh.word!.tvPredicted).toBe(0);
    expect(fresh.tree!.tvPredicted).toBe(0);
    console.log(`at 10^9 pulses: word TV to its law ${worn.word!.tvPredicted}, tree ${worn.tree!.tvPredicted}`);
    expect(worn.word!.tvPredicted).toBeGreaterThan(0.01);
    expect(worn.tree!.tvPredicted).toBeGreaterThan(0.01);
  }, 120_000);

  it('fault row "K_eff drift -10 %": P(1) moves by more than 0.05 yet stays within the claim: not alarmed, loop off or on', () => {
    const rows = faultStudy({ seeds: 4, horizon: 8000 }).filter((r) => /K_eff drift/.test(r.fault));
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.pAfter - r.pBefore, r.fault).toBeGreaterThan(0.05);
      expect(Math.max(r.pAfter, 1 - r.pAfter)).toBeLessThan(2 ** -0.5);
      expect(r.detected).toBe(0);
      expect(r.theory).toBeGreaterThan(1e12);
    }
  }, 120_000);
});
