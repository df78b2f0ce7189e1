import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { npyHeader, parseNpyHeader, readNpyFloat32 } from '../npy.ts';
import { NoiseBankError } from '../source.ts';
import { python, requirePython } from './python.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npy-'));

function writeNpy(file: string, values: Float32Array): void {
  fs.writeFileSync(file, Buffer.concat([npyHeader(values.length), Buffer.from(values.buffer, values.byteOffset, values.byteLength)]));
}

describe('npy v1.0 header', () => {
  it('round-trips and is padded to 64 bytes with a final newline', () => {
    for (const n of [0, 1, 7, 123_456_789, 2 ** 40]) {
      const h = npyHeader(n);
      expect(h.length % 64).toBe(0);
      expect(h[h.length - 1]).toBe(0x0a);
      expect([h[6], h[7]]).toEqual([1, 0]);
      const info = parseNpyHeader(h);
      expect(info).toEqual({ descr: '<f4', fortranOrder: false, shape: [n], dataOffset: h.length });
    }
  });

  it('rejects a file that is not .npy', () => {
    expect(() => parseNpyHeader(new TextEncoder().encode('hello world, not numpy'))).toThrow(NoiseBankError);
  });

  it('is read back by numpy.load (also memory-mapped), value for value', () => {
    requirePython(['numpy']);
    const values = Float32Array.from({ length: 1000 }, (_, i) => Math.fround(Math.sin(i) * 3));
    const file = path.join(dir, 'a.npy');
    writeNpy(file, values);
    const out = python('import sys, json, numpy as np\na = np.load(sys.argv[1], mmap_mode="r")\nprint(json.dumps([str(a.dtype), list(a.shape), [float(x) for x in a]]))', [file]);
    const [dtype, shape, back] = JSON.parse(out) as [string, number[], number[]];
    expect(dtype).toBe('float32');
    expect(shape).toEqual([1000]);
    expect(Float32Array.from(back)).toEqual(values);
  });

  it('reads what numpy.save wrote, and any window of it', () => {
    requirePython(['numpy']);
    const file = path.join(dir, 'np.npy');
    python('import sys, numpy as np\nnp.save(sys.argv[1], (np.arange(5000, dtype=np.float32) * 0.5 - 3))', [file]);
    const all = readNpyFloat32(file);
    expect(all.length).toBe(5000);
    expect(all[4999]).toBe(4999 * 0.5 - 3);
    expect(readNpyFloat32(file, 100, 3)).toEqual(Float32Array.from([47, 47.5, 48]));
    expect(() => readNpyFloat32(file, 4999, 2)).toThrow(/bank has 5000/);
  });
});
