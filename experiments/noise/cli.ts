/**
 * Writes a noise bank: `npx tsx experiments/noise/cli.ts --arch tree --samples 1000000 --seed 1 --out build/noise/tree.npy`
 * (`--format raw --out -` streams little-endian float32 to stdout instead). A thin layer over {@link writeNoiseBank}.
 */
import { parseArgs } from 'node:util';
import { MeramError } from '../../common/errors.ts';
import { progressBar } from '../../common/progress.ts';
import { writeNoiseBank } from './bank.ts';
import { NOISE_ARCHS, NoiseBankError, type NoiseArch } from './source.ts';

const USAGE = `usage: cli.ts --arch ${NOISE_ARCHS.join('|')} --samples N --seed S --out FILE.npy [--format npy|raw] [--check N] [--lanes L] [--clt-cells N] [--quiet]`;

function integer(name: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isSafeInteger(n) || n < min) throw new NoiseBankError(`--${name} must be an integer >= ${min}, got '${v ?? ''}'`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        arch: { type: 'string' }, samples: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' },
        format: { type: 'string', default: 'npy' }, check: { type: 'string' }, lanes: { type: 'string' },
        'clt-cells': { type: 'string' }, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
      },
      strict: true, allowPositionals: false,
    }));
  } catch (e) {
    throw new NoiseBankError(`${(e as Error).message}\n${USAGE}`);
  }
  if (values.help) { console.log(USAGE); return; }
  const arch = values.arch;
  if (!arch || !(NOISE_ARCHS as readonly string[]).includes(arch)) throw new NoiseBankError(`--arch must be one of ${NOISE_ARCHS.join(', ')}, got '${arch ?? ''}'`);
  if (!values.out) throw new NoiseBankError(`--out is required\n${USAGE}`);
  const format = values.format === 'raw' ? 'raw' : values.format === 'npy' ? 'npy' : (() => { throw new NoiseBankError(`--format must be npy or raw, got '${values.format}'`); })();
  const toStdout = values.out === '-';
  const meta = await writeNoiseBank({
    arch: arch as NoiseArch, samples: integer('samples', values.samples, 1), seed: integer('seed', values.seed ?? '1', 0), out: values.out, format,
    ...(values.check !== undefined ? { check: integer('check', values.check, 0) } : {}),
    ...(values.lanes !== undefined ? { lanes: integer('lanes', values.lanes, 1) } : {}),
    ...(values['clt-cells'] !== undefined ? { cltCells: integer('clt-cells', values['clt-cells'], 2) } : {}),
    ...(values.quiet ? {} : { progress: progressBar(`noise ${arch}`, { unit: 'values' }) }),
  });
  const v = meta.verdict;
  const line = `${arch} seed ${meta.seed}: ${meta.samples} values (${meta.design}), mean ${meta.moments.mean.toFixed(4)}, variance ${meta.moments.variance.toFixed(4)}, `
    + `battery ${v ? (v.passed ? 'pass' : `FAIL (${v.checks.filter((c) => !c.passed).map((c) => c.name).join(', ')})`) : 'skipped'}, ${meta.samplesPerSecond.toExponential(2)} values/s`;
  (toStdout ? console.error : console.log)(line);
}

main().catch((e: unknown) => {
  if (e instanceof MeramError) { console.error(`error: ${e.message}`); process.exit(2); }
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
