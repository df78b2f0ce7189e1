/**
 * The studies' command line: one command per step, the same everywhere (this machine's worker threads, a Slurm job
 * array, a Kubernetes Indexed Job; see deploy/ and docs/meram.md "Studies").
 *
 *   npx tsx experiments/studies/cli.ts run   <study> [--size full|ci] [--workers 2] [--out build/studies]
 *   npx tsx experiments/studies/cli.ts shard <study> --shard i/n [--size full|ci] [--workers 1] [--out build/studies]
 *   npx tsx experiments/studies/cli.ts merge <study> [--out build/studies] <shard files...>
 *   npx tsx experiments/studies/cli.ts report <study> [--out build/studies] <merged file>   (redraw only)
 *
 * Studies: temperature, wear, variation. `run` = all units then the report; `shard` writes
 * <out>/<study>/shards/<study>.shard-i-of-n.json; `merge` writes <out>/<study>/<study>.json (byte-identical to `run`'s)
 * and the report (markdown table, SVG plots) beside it.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { MeramError } from '../../common/errors.ts';
import { parseShard } from '../../common/shards.ts';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { studyNamed } from './registry.ts';
import {
  type Study, type StudyResult, type StudySize, StudyError, computeStudy, computeStudyShard, mergeStudyShards, readStudyFile, writeStudyFile,
} from './study.ts';

async function writeReport(study: Study, result: StudyResult, dir: string): Promise<void> {
  writeStudyFile(path.join(dir, `${study.name}.json`), result);
  const files = await study.report(result.config as never, result.results);
  for (const [name, text] of Object.entries(files)) writeFileAtomic(path.join(dir, name), text);
  console.log(`wrote ${path.join(dir, `${study.name}.json`)} and ${Object.keys(files).join(', ')}`);
  const md = Object.entries(files).find(([n]) => n.endsWith('.md'));
  if (md) console.log(md[1]);
}

function progress(label: string): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done === total || now - last > 5000) { last = now; console.error(`${label}: ${done}/${total} units`); }
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv], allowPositionals: true,
    options: { size: { type: 'string', default: 'full' }, workers: { type: 'string' }, out: { type: 'string', default: 'build/studies' }, shard: { type: 'string' } },
  });
  const [verb, name, ...files] = positionals;
  if (!verb || !name || !['run', 'shard', 'merge', 'report'].includes(verb)) throw new StudyError('usage: cli.ts run|shard|merge|report <study> [options] (see the file comment)');
  const study = studyNamed(name);
  if (values.size !== 'full' && values.size !== 'ci') throw new StudyError(`--size must be full or ci, got '${values.size}'`);
  const size = values.size as StudySize;
  const dir = path.join(values.out!, study.name);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) throw new StudyError(`--workers must be an integer ≥ 0, got '${values.workers}'`);
  const t0 = Date.now();
  if (verb === 'run') {
    const r = await computeStudy(study, study.config(size), { ...(workers !== undefined ? { workers } : {}), onProgress: progress(study.name) });
    console.error(`${study.name}: ${((Date.now() - t0) / 1e3).toFixed(1)} s`);
    await writeReport(study, r, dir);
  } else if (verb === 'shard') {
    if (!values.shard) throw new StudyError('shard needs --shard i/n');
    const id = parseShard(values.shard);
    const s = await computeStudyShard(study, study.config(size), id, { workers: workers ?? 1, onProgress: progress(`${study.name} ${id.index}/${id.count}`) });
    const file = path.join(dir, 'shards', `${study.name}.shard-${id.index}-of-${id.count}.json`);
    writeStudyFile(file, s);
    console.error(`${study.name} shard ${id.index}/${id.count}: ${((Date.now() - t0) / 1e3).toFixed(1)} s, wrote ${file}`);
  } else if (verb === 'report') {
    const r = files.length === 1 ? readStudyFile(files[0]!) : null;
    if (!r || 'shard' in r || r.study !== study.name) throw new StudyError(`report needs one merged result file of study '${study.name}'`);
    await writeReport(study, r, dir);
  } else {
    if (!files.length) throw new StudyError('merge needs the shard files');
    const shards = files.map((f) => {
      const s = readStudyFile(f);
      if (!('shard' in s)) throw new StudyError(`${f}: a merged result, not a shard`);
      return s;
    });
    await writeReport(study, mergeStudyShards(study, shards, files), dir);
  }
}

try {
  await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof MeramError) { console.error(`error: ${e.message}`); process.exit(2); }
  throw e;
}
