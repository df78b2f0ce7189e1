/**
 * `meram-hdl noise`: writes a noise bank of a generator's samples (cycle-accurate hardware noise, or the software and
 * broken references) as a `.npy` file with its JSON side file, or streams raw float32 (experiments/noise).
 */
import { progressBar } from '../common/progress.ts';
import { writeNoiseBank } from '../experiments/noise/bank.ts';
import { NOISE_ARCHS } from '../experiments/noise/source.ts';
import { choice, flag, int, str, type Verb } from './args.ts';
import { UsageError } from './errors.ts';

/** `meram-hdl noise --arch A --samples N --seed S --out FILE.npy [--format npy|raw] ...` */
export const noiseVerb: Verb = {
  name: 'noise',
  summary: 'write a noise bank of generator samples (.npy + JSON side file, or a raw float32 stream)',
  help: `usage: meram-hdl noise --arch ARCH --samples N --out FILE.npy [options]

Simulates a generator cycle-accurately on the built-in simulator (or draws a software reference) and writes its
samples as float32: a NumPy .npy file with a JSON side file (design, seed, device, count, the statistics battery's
verdict, energy per sample), or with --format raw a little-endian float32 stream (--out - for stdout).

  --arch ARCH        ${NOISE_ARCHS.join(' | ')}
  --samples N        number of values
  --seed S           seed (default 1)
  --out FILE         .npy path, or a raw stream path / FIFO / -
  --format F         npy (default) or raw
  --check N          samples given to the statistics battery (default min(N, 10^6); 0 skips it)
  --lanes L          tree sampler lanes
  --clt-cells N      cells of the sum-of-bits generator
  --quiet            no progress display

example: meram-hdl noise --arch tree --samples 1000000 --seed 1 --out build/noise/tree.npy`,
  options: {
    arch: { type: 'string' }, samples: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string', short: 'o' },
    format: { type: 'string' }, check: { type: 'string' }, lanes: { type: 'string' }, 'clt-cells': { type: 'string' }, quiet: { type: 'boolean' },
  },
  positionals: [0, 0],
  async run(args) {
    const arch = choice('noise', args, 'arch', NOISE_ARCHS, 'tree');
    if (str(args, 'arch') === undefined) throw new UsageError('noise', `--arch is required (${NOISE_ARCHS.join(', ')})`);
    const out = str(args, 'out');
    if (!out) throw new UsageError('noise', '--out is required');
    const format = choice('noise', args, 'format', ['npy', 'raw'] as const, 'npy');
    if (str(args, 'samples') === undefined) throw new UsageError('noise', '--samples is required');
    const meta = await writeNoiseBank({
      arch, samples: int('noise', args, 'samples', 0, 1), seed: int('noise', args, 'seed', 1, 0), out, format,
      ...(str(args, 'check') !== undefined ? { check: int('noise', args, 'check', 0, 0) } : {}),
      ...(str(args, 'lanes') !== undefined ? { lanes: int('noise', args, 'lanes', 4, 1) } : {}),
      ...(str(args, 'clt-cells') !== undefined ? { cltCells: int('noise', args, 'clt-cells', 16, 2) } : {}),
      ...(flag(args, 'quiet') ? {} : { progress: progressBar(`noise ${arch}`, { unit: 'values' }) }),
    });
    const v = meta.verdict;
    const line = `${arch} seed ${meta.seed}: ${meta.samples} values (${meta.design}), mean ${meta.moments.mean.toFixed(4)}, variance ${meta.moments.variance.toFixed(4)}, `
      + `battery ${v ? (v.passed ? 'pass' : `FAIL (${v.checks.filter((c) => !c.passed).map((c) => c.name).join(', ')})`) : 'skipped'}`;
    (out === '-' ? console.error : console.log)(line);
    return v && !v.passed ? 1 : 0;
  },
};
