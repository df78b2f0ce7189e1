import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readBankMeta, sideFilePath, writeNoiseBank } from '../bank.ts';
import { readNpyFloat32 } from '../npy.ts';
import { openNoiseSource } from '../sources.ts';
import { NoiseBankError } from '../source.ts';
import { python, requirePython } from './python.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-'));
const bank = (name: string): string => path.join(dir, `${name}.npy`);

describe('noise banks', () => {
  it('software: side file with design, seed, sample count and a passing battery; numpy reads the same values', async () => {
    requirePython(['numpy']);
    const meta = await writeNoiseBank({ arch: 'software', samples: 200_000, seed: 5, out: bank('sw') });
    expect(readBankMeta(bank('sw'))).toEqual(JSON.parse(JSON.stringify(meta)));
    expect(meta).toMatchObject({ format: 'meram-hdl/noise-bank', version: 1, file: 'sw.npy', arch: 'software', seed: 5, samples: 200_000, dtype: 'float32', broken: false });
    expect(meta.verdict?.passed).toBe(true);
    expect(Math.abs(meta.moments.mean)).toBeLessThan(0.01);
    expect(Math.abs(meta.moments.variance - 1)).toBeLessThan(0.02);
    const ts = readNpyFloat32(bank('sw'), 123, 4);
    const np = JSON.parse(python('import sys, json, numpy as np\na = np.load(sys.argv[1], mmap_mode="r")\nprint(json.dumps([len(a), [float(x) for x in a[123:127]]]))', [bank('sw')])) as [number, number[]];
    expect(np[0]).toBe(200_000);
    expect(Float32Array.from(np[1])).toEqual(ts);
  });

  it('the broken sources fail the battery at the same sample size', async () => {
    const broken = await writeNoiseBank({ arch: 'broken', samples: 200_000, seed: 5, out: bank('broken') });
    const stuck = await writeNoiseBank({ arch: 'stuck', samples: 200_000, seed: 5, out: bank('stuck') });
    expect(broken.verdict?.passed).toBe(false);
    expect(broken.verdict?.checks.find((c) => c.name === 'moments')?.passed).toBe(false);
    expect(Math.abs(broken.moments.variance - 0.8)).toBeLessThan(0.02);
    expect(stuck.verdict?.passed).toBe(false);
    expect(readNpyFloat32(bank('stuck')).every((v) => Math.abs(v) >= 1)).toBe(true);
  });

  it('tree sampler: values on the lattice (2k + 1) / 64 from the cycle-accurate simulation, battery passes, seeded', async () => {
    const a = await writeNoiseBank({ arch: 'tree', samples: 30_000, seed: 9, out: bank('tree-a') });
    await writeNoiseBank({ arch: 'tree', samples: 30_000, seed: 9, out: bank('tree-b') });
    await writeNoiseBank({ arch: 'tree', samples: 30_000, seed: 10, out: bank('tree-c') });
    expect(a.design).toBe('meram_tree8x4');
    expect(a.verdict?.passed).toBe(true);
    expect(a.verdict!.toNormal.tv).toBeLessThan(0.01);
    const va = readNpyFloat32(bank('tree-a'));
    expect(va.every((v) => Number.isInteger(v * 64) && Math.abs(v * 64) % 2 === 1 && Math.abs(v) < 4)).toBe(true);
    expect(readNpyFloat32(bank('tree-b'))).toEqual(va);
    expect(readNpyFloat32(bank('tree-c'))).not.toEqual(va);
    // The first values are the hardware's own samples: the harness's streaming run of the same design gives them.
    const src = await openNoiseSource({ arch: 'tree', seed: 9 });
    const first = src.next().values;
    src.dispose();
    expect(va.subarray(0, 100)).toEqual(first.subarray(0, 100));
  });

  it('raw streaming mode writes the same values with no header', async () => {
    const raw = path.join(dir, 'sw.f32');
    await writeNoiseBank({ arch: 'software', samples: 200_000, seed: 5, out: raw, format: 'raw' });
    const bytes = fs.readFileSync(raw);
    expect(bytes.length).toBe(800_000);
    expect(new Float32Array(bytes.buffer, bytes.byteOffset, 200_000)).toEqual(readNpyFloat32(bank('sw')));
    expect(fs.existsSync(sideFilePath(raw))).toBe(false);
  });

  it('rejects bad options with typed errors and leaves no file behind', async () => {
    await expect(writeNoiseBank({ arch: 'software', samples: 0, seed: 1, out: bank('x') })).rejects.toThrow(NoiseBankError);
    await expect(writeNoiseBank({ arch: 'software', samples: 10, seed: 1, out: path.join(dir, 'x.bin') })).rejects.toThrow(/\.npy/);
    await expect(writeNoiseBank({ arch: 'nope' as 'tree', samples: 10, seed: 1, out: bank('x') })).rejects.toThrow(/unknown architecture/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('x') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('the CLI prints one-line errors without a stack trace', () => {
    const r = spawnSync('npx', ['tsx', 'experiments/noise/cli.ts', '--arch', 'bogus', '--samples', '10', '--out', bank('y')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: --arch must be one of tree, /)]);
    const r2 = spawnSync('npx', ['tsx', 'experiments/noise/cli.ts', '--arch', 'software', '--samples', 'many', '--out', bank('y')], { encoding: 'utf8' });
    expect(r2.stderr.trim()).toBe("error: --samples must be an integer >= 1, got 'many'");
  });
});
