/**
 * `meram-hdl physics`: the device-physics commands (switching maps, merging shards, describing the device).
 *
 * `maps` computes the standard 20 × 20 map of the default device (both directions) and draws it; with --shard it
 * writes only that shard's counts (map.shard-i-of-n.json) for a later `merge`, which writes map.json (byte-identical to
 * an unsharded run) and the plots.
 */
import path from 'node:path';
import { progressBar } from '../common/progress.ts';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { defaultDeviceParams, describeDevice } from '../physics/parameters.ts';
import { computeMap, computeShard, mergeShards, readMapFile, standardMapSpec, writeMap, type MapShard, type SwitchingMap } from '../physics/switching-map.ts';
import { mapPlots } from '../physics/plot.ts';
import { int, str, type Verb } from './args.ts';
import { UsageError } from './errors.ts';

async function drawAll(map: SwitchingMap, out: string): Promise<void> {
  writeMap(path.join(out, 'map.json'), map);
  for (const [name, svg] of Object.entries(await mapPlots(map))) writeFileAtomic(path.join(out, name), svg);
  console.log(`wrote ${path.join(out, 'map.json')} and ${map.directions.map((d) => `map-${d}.svg, curves-${d}.svg`).join(', ')}`);
}

function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (!m || Number(m[1]) >= Number(m[2])) throw new UsageError('physics', `--shard expects i/n with i < n (e.g. 0/4), got '${s}'`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** `meram-hdl physics maps|merge|describe [options]` */
export const physicsVerb: Verb = {
  name: 'physics',
  summary: 'device physics: switching-probability maps, shard merging, device description',
  help: `usage: meram-hdl physics <maps|merge|describe> [options]

  maps [--trials N] [--seed S] [--shard i/n] [--workers W] [--out DIR]
                     Monte Carlo switching-probability map of the default device (both directions; about 2 minutes),
                     drawn as SVG into DIR (default build/physics); --shard writes one shard for a later merge
  merge SHARD.json... [--out DIR]   merge shards into map.json (byte-identical to an unsharded run) and draw it
  describe           print the device parameters and derived quantities

example: meram-hdl physics maps --trials 200 --out build/physics`,
  options: {
    trials: { type: 'string' }, seed: { type: 'string' }, shard: { type: 'string' }, workers: { type: 'string' }, out: { type: 'string' },
  },
  positionals: [1, Infinity],
  async run(args) {
    const [cmd, ...rest] = args.positionals;
    const out = str(args, 'out', 'build/physics');
    const workers = str(args, 'workers') === undefined ? {} : { workers: int('physics', args, 'workers', 1, 1) };
    if (cmd === 'describe') {
      console.log(describeDevice(defaultDeviceParams));
    } else if (cmd === 'maps') {
      const seed = str(args, 'seed') === undefined ? {} : { seed: int('physics', args, 'seed', 0) };
      const spec = standardMapSpec({ trials: int('physics', args, 'trials', 400, 1), ...seed });
      const t0 = Date.now();
      const onProgress = progressBar('switching map', { unit: 'points' });
      const shardArg = str(args, 'shard');
      if (shardArg) {
        const shard = parseShard(shardArg);
        const part = await computeShard(spec, shard, { ...workers, onProgress });
        const file = path.join(out, `map.shard-${shard.index}-of-${shard.count}.json`);
        writeMap(file, part);
        console.log(`wrote ${file} (${part.points.length} points, ${((Date.now() - t0) / 1e3).toFixed(1)} s)`);
      } else {
        await drawAll(await computeMap(spec, { ...workers, onProgress }), out);
        console.log(`${((Date.now() - t0) / 1e3).toFixed(1)} s`);
      }
    } else if (cmd === 'merge') {
      if (!rest.length) throw new UsageError('physics', 'merge: give the shard files to merge');
      await drawAll(mergeShards(rest.map((f) => readMapFile(f)) as MapShard[], rest), out);
    } else {
      throw new UsageError('physics', `unknown physics command '${cmd ?? ''}': use maps, merge or describe`);
    }
  },
};
