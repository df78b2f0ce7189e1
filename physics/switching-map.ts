/**
 * Monte Carlo switching-probability maps: P_sw over a grid of pulse amplitude × width, from P and from AP, with Wilson
 * intervals. Every trial draws from the stream keyed (seed, point index, trial index), so a point's count does not
 * depend on which worker thread, process or shard computed it: shards merge into a file byte-identical to one run.
 */
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { type DeviceParams, checkVoltage, defaultDeviceParams, validateDeviceParams } from './parameters.ts';
import { MacrospinSolver, type MtjState } from './llg.ts';
import { Rng } from '../common/rng.ts';
import { wilson, type Estimate } from './stats.ts';
import { PhysicsArgumentError, PhysicsDataError } from './errors.ts';
import { ownedIndices } from '../common/shards.ts';

/** Solver settings that change a map's numbers (and so are recorded in it). */
export interface MapSolverSettings {
  readonly dtS: number;
  readonly commitKT: number;
  readonly maxRelaxS: number;
}

/** What to compute. */
export interface MapSpec {
  readonly params: DeviceParams;
  readonly amplitudesV: readonly number[];
  readonly widthsS: readonly number[];
  readonly directions: readonly MtjState[];
  readonly trials: number;
  readonly seed: number;
  readonly solver: MapSolverSettings;
}

/** Default solver settings of maps. */
export const defaultMapSolver: MapSolverSettings = Object.freeze({ dtS: 1e-12, commitKT: 8, maxRelaxS: 40e-9 });

/** A finished map: switch counts per direction, [amplitude][width]. */
export interface SwitchingMap extends MapSpec {
  readonly format: typeof MAP_FORMAT;
  readonly version: typeof MAP_VERSION;
  readonly switched: Readonly<Record<MtjState, readonly (readonly number[])[]>>;
}

/** One shard's partial result: counts of the points it owns (point index, switched). */
export interface MapShard extends MapSpec {
  readonly format: typeof SHARD_FORMAT;
  readonly version: typeof MAP_VERSION;
  readonly shard: { readonly index: number; readonly count: number };
  readonly points: readonly (readonly [number, number])[];
}

export const MAP_FORMAT = 'meram-hdl/switching-map';
export const SHARD_FORMAT = 'meram-hdl/switching-map-shard';
export const MAP_VERSION = 1;

/**
 * Grid point of a flat point index: direction-major, then amplitude, then width.
 *
 * @example
 * pointOf(standardMapSpec(), 401); // { from: 'AP', ai: 0, wi: 1 }
 */
export function pointOf(spec: MapSpec, index: number): { from: MtjState; ai: number; wi: number } {
  const nW = spec.widthsS.length;
  const nA = spec.amplitudesV.length;
  const wi = index % nW;
  const ai = Math.floor(index / nW) % nA;
  const from = spec.directions[Math.floor(index / (nW * nA))]!;
  return { from, ai, wi };
}

/**
 * Number of grid points (directions × amplitudes × widths).
 *
 * @example
 * pointCount(standardMapSpec()); // 800
 */
export function pointCount(spec: MapSpec): number {
  return spec.directions.length * spec.amplitudesV.length * spec.widthsS.length;
}

/**
 * Checks a spec: valid device, finite widths ≥ 0, amplitudes within breakdown, trials ≥ 1, seed a non-negative integer.
 *
 * @example
 * validateMapSpec(standardMapSpec({ trials: 100 }));
 */
export function validateMapSpec(spec: MapSpec): void {
  validateDeviceParams(spec.params);
  if (!spec.amplitudesV.length) throw new PhysicsArgumentError('amplitudesV', 'must not be empty');
  if (!spec.widthsS.length) throw new PhysicsArgumentError('widthsS', 'must not be empty');
  for (const v of spec.amplitudesV) checkVoltage(spec.params, v, 'pulse amplitude');
  for (const w of spec.widthsS) {
    if (!(Number.isFinite(w) && w >= 0)) throw new PhysicsArgumentError('widthsS', `pulse widths must be finite and ≥ 0, got ${w}`);
  }
  if (!spec.directions.length || spec.directions.some((d) => d !== 'P' && d !== 'AP')) {
    throw new PhysicsArgumentError('directions', `must be a non-empty list of 'P' / 'AP'`);
  }
  if (!(Number.isInteger(spec.trials) && spec.trials >= 1)) throw new PhysicsArgumentError('trials', `must be an integer ≥ 1, got ${spec.trials}`);
  if (!(Number.isSafeInteger(spec.seed) && spec.seed >= 0)) throw new PhysicsArgumentError('seed', `must be a non-negative safe integer, got ${spec.seed}`);
}

/**
 * Counts switches at one grid point; trial t uses Rng.stream(seed, pointIndex, t).
 *
 * @example
 * const k = simulatePoint(new MacrospinSolver(defaultDeviceParams), spec, 0);
 */
export function simulatePoint(solver: MacrospinSolver, spec: MapSpec, index: number): number {
  const { from, ai, wi } = pointOf(spec, index);
  const pulse = { amplitudeV: spec.amplitudesV[ai]!, widthS: spec.widthsS[wi]! };
  let k = 0;
  for (let t = 0; t < spec.trials; t++) if (solver.pulseSwitches(from, pulse, Rng.stream(spec.seed, index, t))) k++;
  return k;
}

/**
 * The solver a spec asks for.
 *
 * @example
 * const solver = solverFor(standardMapSpec());
 */
export function solverFor(spec: MapSpec): MacrospinSolver {
  return new MacrospinSolver(spec.params, spec.solver);
}

/**
 * Indices owned by shard i of n: those ≡ i (mod n), which spreads cheap and costly widths evenly.
 *
 * @example
 * shardIndices(standardMapSpec(), { index: 1, count: 4 }); // [1, 5, 9, …]
 */
export function shardIndices(spec: MapSpec, shard: { index: number; count: number }): number[] {
  const { index, count } = shard;
  if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 0 && index < count)) {
    throw new PhysicsArgumentError('shard', `need integers 0 ≤ i < n, got ${index}/${count}`);
  }
  return ownedIndices(pointCount(spec), shard);
}

/** How to run. */
export interface RunOptions {
  /** Worker threads; 0 computes in this thread. Default: min(2, available cores). */
  readonly workers?: number;
  /** Called after each finished point with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Computes the counts of the given point indices, in worker threads or in this thread; the result does not depend on
 * the number of workers. Returns counts in the order of `indices`.
 *
 * @example
 * const counts = await runPoints(spec, [0, 1, 2], { workers: 2 });
 */
export async function runPoints(spec: MapSpec, indices: readonly number[], opts: RunOptions = {}): Promise<number[]> {
  validateMapSpec(spec);
  const workers = Math.min(opts.workers ?? Math.min(2, os.availableParallelism()), indices.length);
  const out = new Array<number>(indices.length).fill(-1);
  let done = 0;
  if (workers <= 0) {
    const solver = solverFor(spec);
    indices.forEach((idx, j) => {
      out[j] = simulatePoint(solver, spec, idx);
      opts.onProgress?.(++done, indices.length);
    });
    return out;
  }
  let next = 0;
  const boot = new URL('./worker-boot.mjs', import.meta.url);
  const entry = new URL('./map-worker.ts', import.meta.url).href;
  await Promise.all(
    Array.from({ length: workers }, () => {
      const w = new Worker(boot, { workerData: { entry, spec } });
      return new Promise<void>((resolve, reject) => {
        const feed = (): void => {
          if (next >= indices.length) {
            void w.terminate().then(() => resolve());
            return;
          }
          const j = next++;
          w.postMessage({ j, index: indices[j] });
        };
        w.on('message', (msg: { ready?: boolean; j?: number; k?: number; error?: string }) => {
          if (msg.error !== undefined) {
            reject(new PhysicsArgumentError('spec', `worker failed: ${msg.error}`));
            void w.terminate();
            return;
          }
          if (msg.j !== undefined && msg.k !== undefined) {
            out[msg.j] = msg.k;
            opts.onProgress?.(++done, indices.length);
          }
          feed();
        });
        w.on('error', reject);
      });
    }),
  );
  return out;
}

/** Assembles a full map from a point-index → count table (every point must be present). */
function assemble(spec: MapSpec, counts: ReadonlyMap<number, number>, file = 'map'): SwitchingMap {
  const switched = {} as Record<MtjState, number[][]>;
  for (const d of spec.directions) switched[d] = spec.amplitudesV.map(() => spec.widthsS.map(() => 0));
  for (let i = 0; i < pointCount(spec); i++) {
    const k = counts.get(i);
    if (k === undefined) throw new PhysicsDataError(file, `point ${i} is missing: not every shard was merged`);
    const { from, ai, wi } = pointOf(spec, i);
    switched[from][ai]![wi] = k;
  }
  return { format: MAP_FORMAT, version: MAP_VERSION, ...specOf(spec), switched };
}

/** Only the spec fields, in a fixed order (so files compare byte for byte). */
function specOf(spec: MapSpec): MapSpec {
  return {
    params: spec.params,
    amplitudesV: [...spec.amplitudesV],
    widthsS: [...spec.widthsS],
    directions: [...spec.directions],
    trials: spec.trials,
    seed: spec.seed,
    solver: { dtS: spec.solver.dtS, commitKT: spec.solver.commitKT, maxRelaxS: spec.solver.maxRelaxS },
  };
}

/**
 * Computes a whole map.
 *
 * @example
 * const map = await computeMap(standardMapSpec({ trials: 200 }));
 */
export async function computeMap(spec: MapSpec, opts: RunOptions = {}): Promise<SwitchingMap> {
  const all = Array.from({ length: pointCount(spec) }, (_, i) => i);
  const counts = await runPoints(spec, all, opts);
  return assemble(spec, new Map(all.map((i, j) => [i, counts[j]!])));
}

/**
 * Computes shard i of n.
 *
 * @example
 * const part = await computeShard(spec, { index: 0, count: 4 });
 */
export async function computeShard(spec: MapSpec, shard: { index: number; count: number }, opts: RunOptions = {}): Promise<MapShard> {
  const idx = shardIndices(spec, shard);
  const counts = await runPoints(spec, idx, opts);
  return {
    format: SHARD_FORMAT,
    version: MAP_VERSION,
    ...specOf(spec),
    shard: { index: shard.index, count: shard.count },
    points: idx.map((i, j) => [i, counts[j]!] as const),
  };
}

/**
 * Merges shards into the full map; rejects shards of different specs, duplicates and missing points.
 *
 * @example
 * const map = mergeShards([shard0, shard1]);
 */
export function mergeShards(shards: readonly MapShard[], names: readonly string[] = []): SwitchingMap {
  if (!shards.length) throw new PhysicsArgumentError('shards', 'nothing to merge');
  const ref = JSON.stringify(specOf(shards[0]!));
  const counts = new Map<number, number>();
  shards.forEach((s, n) => {
    const name = names[n] ?? `shard ${n}`;
    if (s.format !== SHARD_FORMAT || s.version !== MAP_VERSION) throw new PhysicsDataError(name, `not a ${SHARD_FORMAT} v${MAP_VERSION} file`);
    if (JSON.stringify(specOf(s)) !== ref) throw new PhysicsDataError(name, 'its spec (device, grid, trials, seed, solver) differs from the first shard');
    for (const [i, k] of s.points) {
      if (counts.has(i)) throw new PhysicsDataError(name, `point ${i} appears in more than one shard`);
      counts.set(i, k);
    }
  });
  return assemble(shards[0]!, counts, names[0] ?? 'merge');
}

/**
 * P_sw with its 95 % Wilson interval at grid point (ai, wi) of a map.
 *
 * @example
 * const e = mapEstimate(map, 'P', 3, 7); // { p, lo, hi }
 */
export function mapEstimate(map: SwitchingMap, from: MtjState, ai: number, wi: number): Estimate {
  return wilson(map.switched[from][ai]![wi]!, map.trials);
}

/**
 * Serialises a map or shard as JSON with one grid row per line (stable: same object → same bytes).
 *
 * @example
 * serialiseMap(await computeMap(spec)) === serialiseMap(mergeShards(shards)); // true
 */
export function serialiseMap(m: SwitchingMap | MapShard): string {
  const lines = Object.entries(m).map(([k, v]) => {
    if (k === 'switched') {
      const dirs = Object.entries(v as Record<string, number[][]>).map(
        ([d, rows]) => `    ${JSON.stringify(d)}: [\n${rows.map((r) => `      ${JSON.stringify(r)}`).join(',\n')}\n    ]`,
      );
      return `  "switched": {\n${dirs.join(',\n')}\n  }`;
    }
    if (k === 'points') return `  "points": [\n${(v as number[][]).map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`;
    return `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/**
 * Writes a map or shard atomically.
 *
 * @example
 * writeMap('build/physics/map.json', map);
 */
export function writeMap(file: string, m: SwitchingMap | MapShard): void {
  writeFileAtomic(file, serialiseMap(m));
}

/**
 * Reads a map or shard file, checking its format tag and version.
 *
 * @example
 * const map = readMapFile('build/physics/map.json');
 */
export function readMapFile(file: string): SwitchingMap | MapShard {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PhysicsDataError(file, `cannot read JSON: ${(e as Error).message}`);
  }
  const d = data as { format?: string; version?: number };
  if ((d.format !== MAP_FORMAT && d.format !== SHARD_FORMAT) || d.version !== MAP_VERSION) {
    throw new PhysicsDataError(file, `not a switching map or shard of version ${MAP_VERSION}`);
  }
  return data as SwitchingMap | MapShard;
}

/**
 * Evenly spaced values from a to b inclusive (rounded to 12 significant digits, so grids print cleanly).
 *
 * @example
 * linspace(0, 1, 5); // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(a: number, b: number, n: number): number[] {
  if (n === 1) return [a];
  return Array.from({ length: n }, (_, i) => Number((a + ((b - a) * i) / (n - 1)).toPrecision(12)));
}

/**
 * The standard 20 × 20 map of the default device: amplitudes 0.5-1.9 V (V_c ≈ 1.35 V, breakdown 1.95 V), widths
 * 0.1-5 ns (about three precession periods at V_c), both directions.
 *
 * @example
 * const spec = standardMapSpec({ trials: 1000 });
 */
export function standardMapSpec(over: Partial<MapSpec> = {}): MapSpec {
  return {
    params: defaultDeviceParams,
    amplitudesV: linspace(0.5, 1.9, 20),
    widthsS: linspace(0.1e-9, 5e-9, 20),
    directions: ['P', 'AP'],
    trials: 400,
    seed: 2407_12261,
    solver: defaultMapSolver,
    ...over,
  };
}
