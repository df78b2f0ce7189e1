/**
 * The studies' shard / merge framework. A study is a deterministic list of work units (from its configuration) and a
 * pure function from a unit to a JSON result; every random stream a unit uses is keyed by the unit itself. So a
 * unit's result does not depend on the shard, process, machine or worker thread that computed it, and the merged
 * result file is byte-identical whatever the split (1 shard, n shards, worker threads, a Slurm array, a Kubernetes
 * Indexed Job). Reports (tables, plots) are drawn from the merged file only.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { MeramError } from '../../common/errors.ts';
import { type ShardId, mergeIndexed, ownedIndices } from '../../common/shards.ts';

/** Sizes every study knows: `ci` (seconds, for the tests) and `full` (the issue's sizes, `make temperature` etc.). */
export type StudySize = 'ci' | 'full';

/** JSON values (what configurations and results are made of). */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

/** One study. `C` configuration, `U` unit, `R` result: all JSON. */
export interface Study<C extends Json = Json, U extends Json = Json, R extends Json = Json> {
  readonly name: string;
  /** The configuration of a size. */
  config(size: StudySize): C;
  /** The work units, in a fixed order. */
  units(config: C): readonly U[];
  /** One unit's result; `cache` lives as long as the worker (for solvers and tables shared by units). */
  run(config: C, unit: U, cache: Map<string, unknown>): R;
  /** Report files (name → content) from the merged results, e.g. a markdown table and SVG plots. */
  report(config: C, results: readonly R[]): Promise<Record<string, string>>;
}

export const SHARD_FORMAT = 'meram-hdl/study-shard';
export const RESULT_FORMAT = 'meram-hdl/study';
export const STUDY_VERSION = 1;

/** A shard's partial result. */
export interface StudyShard {
  readonly format: typeof SHARD_FORMAT;
  readonly version: typeof STUDY_VERSION;
  readonly study: string;
  readonly config: Json;
  readonly shard: ShardId;
  readonly results: readonly (readonly [number, Json])[];
}

/** The merged result of every unit. */
export interface StudyResult {
  readonly format: typeof RESULT_FORMAT;
  readonly version: typeof STUDY_VERSION;
  readonly study: string;
  readonly config: Json;
  readonly results: readonly Json[];
}

/** A study file that cannot be read or merged (names the file). */
export class StudyError extends MeramError {}

/** How to compute. */
export interface StudyRunOptions {
  /** Worker threads (0: this thread). Default: the available cores, at most 2. */
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Computes the units `indices` of a study (in worker threads or here); results in the order of `indices`.
 * @example const rs = await runUnits(temperatureStudy, cfg, [0, 1, 2], { workers: 2 });
 */
export async function runUnits(study: Study, config: Json, indices: readonly number[], opts: StudyRunOptions = {}): Promise<Json[]> {
  const units = study.units(config as never);
  const out = new Array<Json>(indices.length);
  const workers = Math.min(opts.workers ?? Math.min(2, os.availableParallelism()), indices.length);
  let done = 0;
  if (workers <= 0) {
    const cache = new Map<string, unknown>();
    indices.forEach((k, j) => {
      out[j] = study.run(config as never, units[k]! as never, cache);
      opts.onProgress?.(++done, indices.length);
    });
    return out;
  }
  let next = 0;
  const boot = new URL('../../testbenches/parallel-boot.mjs', import.meta.url);
  const entry = new URL('./worker.ts', import.meta.url).href;
  await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
    const w = new Worker(boot, { workerData: { entry, study: study.name, config } });
    const feed = (): void => {
      if (next >= indices.length) { void w.terminate().then(() => resolve()); return; }
      const j = next++;
      w.postMessage({ j, unit: units[indices[j]!] });
    };
    w.on('message', (m: { ready?: true; j?: number; result?: Json; error?: string }) => {
      if (m.error !== undefined) { void w.terminate(); reject(new StudyError(`study ${study.name}: a worker failed: ${m.error}`)); return; }
      if (m.j !== undefined) { out[m.j] = m.result!; opts.onProgress?.(++done, indices.length); }
      feed();
    });
    w.on('error', reject);
  })));
  return out;
}

/**
 * Computes shard i of n.
 * @example const part = await computeStudyShard(wearStudy, cfg, { index: 0, count: 3 });
 */
export async function computeStudyShard(study: Study, config: Json, shard: ShardId, opts: StudyRunOptions = {}): Promise<StudyShard> {
  const idx = ownedIndices(study.units(config as never).length, shard);
  const rs = await runUnits(study, config, idx, opts);
  return { format: SHARD_FORMAT, version: STUDY_VERSION, study: study.name, config, shard: { index: shard.index, count: shard.count }, results: idx.map((k, j) => [k, rs[j]!] as const) };
}

/**
 * Computes every unit (one shard of one).
 * @example const r = await computeStudy(wearStudy, wearStudy.config('ci'), { workers: 2 });
 */
export async function computeStudy(study: Study, config: Json, opts: StudyRunOptions = {}): Promise<StudyResult> {
  return mergeStudyShards(study, [await computeStudyShard(study, config, { index: 0, count: 1 }, opts)]);
}

/**
 * Merges shards: same study and configuration, every unit exactly once.
 * @example const merged = mergeStudyShards(wearStudy, [s0, s1, s2], ['s0.json', 's1.json', 's2.json']);
 */
export function mergeStudyShards(study: Study, shards: readonly StudyShard[], names: readonly string[] = []): StudyResult {
  if (!shards.length) throw new StudyError(`study ${study.name}: nothing to merge`);
  const ref = stable(shards[0]!.config);
  shards.forEach((s, n) => {
    const name = names[n] ?? `shard ${n}`;
    if (s.format !== SHARD_FORMAT || s.version !== STUDY_VERSION) throw new StudyError(`${name}: not a ${SHARD_FORMAT} v${STUDY_VERSION} file`);
    if (s.study !== study.name) throw new StudyError(`${name}: a shard of study '${s.study}', not '${study.name}'`);
    if (stable(s.config) !== ref) throw new StudyError(`${name}: its configuration differs from the first shard's (different size, seed or grid)`);
  });
  const total = study.units(shards[0]!.config as never).length;
  const results = mergeIndexed(shards.map((s) => s.results), total, names);
  return { format: RESULT_FORMAT, version: STUDY_VERSION, study: study.name, config: shards[0]!.config, results };
}

/**
 * JSON with sorted keys (configurations compare and print the same whatever their key order).
 * @example stable({ b: 1, a: [2] }); // '{"a":[2],"b":1}'
 */
export function stable(v: Json): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${(v as readonly Json[]).map(stable).join(',')}]`;
  const o = v as { readonly [k: string]: Json };
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${stable(o[k]!)}`).join(',')}}`;
}

/**
 * A shard or result as text: fixed key order, one unit result per line (same object → same bytes).
 * @example serialiseStudy(await computeStudy(s, cfg)) === serialiseStudy(mergeStudyShards(s, parts)); // true
 */
export function serialiseStudy(x: StudyShard | StudyResult): string {
  const head = [`  "format": ${JSON.stringify(x.format)}`, `  "version": ${x.version}`, `  "study": ${JSON.stringify(x.study)}`, `  "config": ${stable(x.config)}`];
  if ('shard' in x) head.push(`  "shard": ${stable(x.shard as unknown as Json)}`);
  const rows = 'shard' in x ? x.results.map(([k, r]) => `[${k},${stable(r)}]`) : (x.results as readonly Json[]).map(stable);
  return `{\n${head.join(',\n')},\n  "results": [\n${rows.map((r) => `    ${r}`).join(',\n')}\n  ]\n}\n`;
}

/**
 * Reads a shard or result file (checks its format tag and version).
 * @example const s = readStudyFile('build/studies/wear.shard-0-of-3.json');
 */
export function readStudyFile(file: string): StudyShard | StudyResult {
  let data: { format?: string; version?: number };
  try { data = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof data; } catch (e) { throw new StudyError(`${file}: cannot read JSON: ${(e as Error).message}`); }
  if ((data.format !== SHARD_FORMAT && data.format !== RESULT_FORMAT) || data.version !== STUDY_VERSION) {
    throw new StudyError(`${file}: not a study shard or result of version ${STUDY_VERSION}`);
  }
  return data as StudyShard | StudyResult;
}

/**
 * Writes a shard or result atomically.
 * @example writeStudyFile('build/studies/wear/wear.json', merged);
 */
export function writeStudyFile(file: string, x: StudyShard | StudyResult): void {
  writeFileAtomic(file, serialiseStudy(x));
}
