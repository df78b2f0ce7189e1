/**
 * dieharder (Debian package `dieharder`) on a sum-of-bits generator's output bits (von Neumann, the default) or its
 * raw looped reads (`--raw`): the model (identical to the HDL) writes `--bits` bits to a file, and each test reads
 * it through `file_input_raw` with `-D 511` (no pre-read for the rate); a run that would rewind the file is an error,
 * so choose `--bits` above what the tests take (psamples x tsamples 32-bit words per test; the defaults take 6.4e7 bits).
 * Run: npx tsx testbenches/dieharder.ts [--bits 200000000] [--tests 100,101,102] [--raw]   (make dieharder)
 */
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { planClt, simulateClt } from '../designs/meram/index.ts';
import { ToolError } from '../common/errors.ts';
import { writeFileAtomic } from '../common/atomic-write.ts';

const { values } = parseArgs({ options: {
  bits: { type: 'string', default: '200000000' }, tests: { type: 'string', default: '100,101,102' }, raw: { type: 'boolean', default: false },
  tsamples: { type: 'string', default: '20000' }, psamples: { type: 'string', default: '100' },
  seed: { type: 'string', default: '31' }, out: { type: 'string', default: 'build/dieharder' },
} });
const n = 16;
const total = Number(values.bits);
const bytes = new Uint8Array(Math.ceil(total / 8));
let k = 0;
const put = (b: number): void => { if (k < total) { bytes[k >> 3]! |= b << (k & 7); k++; } };
const planned = planClt({ seed: Number(values.seed), n, trackLimit: 8, trackRange: 2, health: { enabled: false }, ...(values.raw ? { conditioner: 'none' as const } : {}) });
const t0 = performance.now();
simulateClt(planned.plan, { samples: Math.ceil(total / n), ops: Math.ceil(total / n) * 40, sink: (word) => word.forEach(put) });
fs.mkdirSync(values.out!, { recursive: true });
const file = path.join(values.out!, `clt${n}${values.raw ? '_raw' : ''}.bin`);
writeFileAtomic(file, bytes);
console.log(`${k} bits written to ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
// Each test takes psamples x tsamples 32-bit words (the STS serial test a few times that): refuse a file they rewind.
const words = Number(values.tsamples) * Number(values.psamples);
if (words * 32 > total) throw new ToolError('dieharder', `${words} words per test need ${words * 32} bits, only ${total} given: raise --bits`);
for (const d of values.tests!.split(',')) {
  const r = spawnSync('dieharder', ['-g', '201', '-f', file, '-d', d, '-t', values.tsamples!, '-p', values.psamples!, '-D', '511'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.error || r.status !== 0) throw new ToolError('dieharder', `failed on test ${d}: ${r.error?.message ?? r.stderr} (install the Debian package dieharder)`);
  const out = `${r.stdout}${r.stderr}`;
  if (/rewound/i.test(out)) throw new ToolError('dieharder', `test ${d} rewound ${file}: give more --bits or fewer --tsamples`);
  console.log(r.stdout.trim().split('\n').filter((l) => !l.startsWith('#=') && !/version|rng_name|file_input_raw\|/.test(l)).join('\n'));
}
