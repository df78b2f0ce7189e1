/**
 * Benchmark: noise values per second delivered to the diffusion trainer from each source, with ratios against the
 * software source measured in the same run, and DDPM training steps per second with bank noise against torch.randn.
 *   generate: writeNoiseBank into a temporary .npy (cycle-accurate simulation for the hardware sources, set-up included)
 *   read:     the trainer's memory-mapped cursor (experiments/diffusion/banks.py) taking one toy batch (256 values) at a time
 *   delivered = 1 / (1/generate + 1/read): values/s from a fresh bank into training tensors
 * Run: `npx tsx bench/noise.ts [--samples N]` (default 200 000 per source; the sum of 64 bits gets N/8).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeNoiseBank } from '../experiments/noise/bank.ts';
import type { NoiseArch } from '../experiments/noise/source.ts';

const i = process.argv.indexOf('--samples');
const samples = i >= 0 ? Number(process.argv[i + 1]) : 200_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noise-bench-'));
const archs: { arch: NoiseArch; n: number }[] = [
  { arch: 'software', n: samples }, { arch: 'tree', n: samples }, { arch: 'word', n: samples }, { arch: 'clt', n: Math.ceil(samples / 8) },
];

const READ = `
import sys, time, json
sys.path.insert(0, 'experiments/diffusion')
from banks import Bank, BankPlan
b = Bank(sys.argv[1]); n = len(b.data); plan = BankPlan(); plan.add('b', 'all', n)
c = b.cursor(plan, 'b', 'all'); t = time.perf_counter()
while c.used + 256 <= n: c.take((256,))
print(json.dumps(c.used / (time.perf_counter() - t)))
`;
const TRAIN = `
import sys, time, json, torch
sys.path.insert(0, 'experiments/diffusion')
torch.set_num_threads(1)
from banks import Bank, BankPlan, SoftwareCursor
from ddpm import Schedule, make_model, train
import data
x, _ = data.load(sys.argv[2], 0)
out = {}
for name, steps, batch, hidden in [('toy', 300, 128, 128)] if sys.argv[2] != 'digits' else [('digits', 200, 64, 256)]:
    need = steps * batch * x.shape[1]
    if sys.argv[1] == 'randn':
        cur = SoftwareCursor(0)
    else:
        b = Bank(sys.argv[1]); plan = BankPlan(); plan.add('b', 'all', need); cur = b.cursor(plan, 'b', 'all')
    m = make_model('mlp', tuple(x.shape[1:]), hidden); t = time.perf_counter()
    train(m, x, Schedule(100), cur, steps, batch, 1e-3, 0)
    out[name] = steps / (time.perf_counter() - t)
print(json.dumps(out))
`;

function py(code: string, args: string[]): unknown {
  const r = spawnSync('/usr/bin/python3', ['-c', code, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python: ${r.stderr.trim().split('\n').pop()}`);
  return JSON.parse(r.stdout);
}

console.log(`Noise delivered to the DDPM trainer (${samples} values per source; 1 torch thread)`);
console.log(`${'source'.padEnd(10)} ${'generate/s'.padStart(11)} ${'read/s'.padStart(10)} ${'delivered/s'.padStart(12)} ${'vs software'.padStart(12)}`);
let softwareRate = 0;
const banks: Record<string, string> = {};
const rates: Record<string, number> = {};
for (const { arch, n } of archs) {
  const file = path.join(dir, `${arch}.npy`);
  const meta = await writeNoiseBank({ arch, samples: n, seed: 1, out: file, check: 0 });
  const read = py(READ, [file]) as number;
  const delivered = 1 / (1 / meta.samplesPerSecond + 1 / read);
  if (arch === 'software') softwareRate = delivered;
  banks[arch] = file;
  rates[arch] = delivered;
  console.log(`${arch.padEnd(10)} ${meta.samplesPerSecond.toExponential(2).padStart(11)} ${read.toExponential(2).padStart(10)} ${delivered.toExponential(2).padStart(12)} ${(delivered / softwareRate).toFixed(3).padStart(11)}x`);
}
const trainBank = path.join(dir, 'train.npy');
await writeNoiseBank({ arch: 'software', samples: 300 * 128 * 2, seed: 2, out: trainBank, check: 0 });
const stepsBank = py(TRAIN, [trainBank, 'eight-gaussians']) as { toy: number };
const stepsRandn = py(TRAIN, ['randn', 'eight-gaussians']) as { toy: number };
console.log(`\nDDPM training steps/s (eight Gaussians, MLP 128, batch 128): bank noise ${stepsBank.toy.toFixed(0)}, torch.randn ${stepsRandn.toy.toFixed(0)} (ratio ${(stepsBank.toy / stepsRandn.toy).toFixed(2)}x)`);
const perStep = 128 * 2;
console.log(`training steps/s each source could feed at ${perStep} values per step: ${Object.entries(rates).map(([a, r]) => `${a} ${(r / perStep).toFixed(0)}`).join(', ')}`);
fs.rmSync(dir, { recursive: true, force: true });
