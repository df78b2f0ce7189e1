/**
 * Command line of the physics part.
 *
 *   npx tsx physics/cli.ts maps [--trials N] [--seed S] [--shard i/n] [--workers W] [--out build/physics]
 *   npx tsx physics/cli.ts merge SHARD.json... [--out build/physics]
 *   npx tsx physics/cli.ts describe
 *
 * `maps` computes the standard 20 × 20 map of the default device (both directions) and draws it; with --shard it
 * writes only that shard's counts (map.shard-i-of-n.json) for a later `merge`, which writes map.json (byte-identical to
 * an unsharded run) and the plots.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { progressBar } from '../common/progress.ts';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { defaultDeviceParams, describeDevice } from './parameters.ts';
import { computeMap, computeShard, mergeShards, readMapFile, standardMapSpec, writeMap, type MapShard, type SwitchingMap } from './switching-map.ts';
import { mapPlots } from './plot.ts';
import { PhysicsArgumentError, PhysicsError } from './errors.ts';

async function drawAll(map: SwitchingMap, out: string): Promise<void> {
  writeMap(path.join(out, 'map.json'), map);
  for (const [name, svg] of Object.entries(await mapPlots(map))) writeFileAtomic(path.join(out, name), svg);
  console.log(`wrote ${path.join(out, 'map.json')} and ${map.directions.map((d) => `map-${d}.svg, curves-${d}.svg`).join(', ')}`);
}

function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (!m) throw new PhysicsArgumentError('--shard', `expected i/n (e.g. 0/4), got '${s}'`);
  return { index: Number(m[1]), count: Number(m[2]) };
}


export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      trials: { type: 'string', default: '400' },
      seed: { type: 'string' },
      shard: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string', default: 'build/physics' },
    },
  });
  const [cmd, ...rest] = positionals;
  const out = values.out;
  const workers = values.workers === undefined ? {} : { workers: Number(values.workers) };
  if (cmd === 'describe') {
    console.log(describeDevice(defaultDeviceParams));
  } else if (cmd === 'maps') {
    const spec = standardMapSpec({ trials: Number(values.trials), ...(values.seed === undefined ? {} : { seed: Number(values.seed) }) });
    const t0 = Date.now();
    if (values.shard) {
      const shard = parseShard(values.shard);
      const part = await computeShard(spec, shard, { ...workers, onProgress: progressBar('switching map', { unit: 'points' }) });
      const file = path.join(out, `map.shard-${shard.index}-of-${shard.count}.json`);
      writeMap(file, part);
      console.log(`wrote ${file} (${part.points.length} points, ${((Date.now() - t0) / 1e3).toFixed(1)} s)`);
    } else {
      await drawAll(await computeMap(spec, { ...workers, onProgress: progressBar('switching map', { unit: 'points' }) }), out);
      console.log(`${((Date.now() - t0) / 1e3).toFixed(1)} s`);
    }
  } else if (cmd === 'merge') {
    if (!rest.length) throw new PhysicsArgumentError('merge', 'give the shard files to merge');
    const shards = rest.map((f) => readMapFile(f));
    await drawAll(mergeShards(shards as MapShard[], rest), out);
  } else {
    throw new PhysicsArgumentError('command', `unknown command '${cmd ?? ''}': use maps, merge or describe`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    if (e instanceof PhysicsError) {
      console.error(`error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  });
}
