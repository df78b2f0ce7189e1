import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache, contentKey, resolveCacheDir } from '../cache.ts';
import { buildNative } from '../native.ts';
import { buildWasm } from '../wasm.ts';
import { nativeCompilerAvailable } from '../tools.ts';
import { counter, tagged } from './designs.ts';

// A tag unique to this run gives designs that miss the shared cache once; Verilator's runtime objects stay warm.
const run = `cache-test ${process.pid} ${Date.now()}`;

describe('cache folder', () => {
  it('is the explicit folder, else $MERAM_HDL_CACHE, else .cache/meram-hdl/verilator in the project', () => {
    const saved = process.env.MERAM_HDL_CACHE;
    try {
      delete process.env.MERAM_HDL_CACHE;
      expect(resolveCacheDir()).toMatch(/\.cache\/meram-hdl\/verilator$/);
      process.env.MERAM_HDL_CACHE = '/tmp/somewhere';
      expect(resolveCacheDir()).toBe('/tmp/somewhere');
      expect(resolveCacheDir('/tmp/explicit')).toBe('/tmp/explicit');
    } finally {
      if (saved === undefined) delete process.env.MERAM_HDL_CACHE;
      else process.env.MERAM_HDL_CACHE = saved;
    }
  });

  it('content keys ignore object key order and see every value', () => {
    expect(contentKey({ a: 1, b: [1, 2] })).toBe(contentKey({ b: [1, 2], a: 1 }));
    expect(contentKey({ a: 1, b: [1, 2] })).not.toBe(contentKey({ a: 1, b: [2, 1] }));
  });

  it('a stored entry whose artifact changed or whose meta is torn is a miss and is removed', () => {
    const cache = new BuildCache(fs.mkdtempSync(path.join(resolveCacheDir(), '..', 'unit-')));
    try {
      cache.store('k', 'e1', { 'a.bin': Uint8Array.of(1, 2, 3) }, { note: 'x' });
      expect(cache.load('k', 'e1')?.info.note).toBe('x');
      fs.writeFileSync(path.join(cache.entryDir('k', 'e1'), 'a.bin'), Uint8Array.of(9, 9, 9));
      expect(cache.load('k', 'e1')).toBeUndefined();
      expect(fs.existsSync(cache.entryDir('k', 'e1'))).toBe(false);
      cache.store('k', 'e2', { 'a.bin': Uint8Array.of(1) });
      fs.writeFileSync(path.join(cache.entryDir('k', 'e2'), 'meta.json'), '{"files": {"a.b');
      expect(cache.load('k', 'e2')).toBeUndefined();
    } finally {
      fs.rmSync(cache.root, { recursive: true, force: true });
    }
  });
});

describe('WebAssembly build cache', () => {
  const design = tagged(counter, `${run} wasm`);

  it('misses, then hits, and rebuilds a corrupt or unloadable entry', async () => {
    const cache = new BuildCache(resolveCacheDir());
    const first = await buildWasm(design);
    expect(first.buildInfo.cacheHit).toBe(false);
    first.dispose();
    const second = await buildWasm(design);
    expect(second.buildInfo.cacheHit).toBe(true);
    expect(second.buildInfo.key).toBe(first.buildInfo.key);
    second.dispose();

    const file = path.join(cache.entryDir('wasm', first.buildInfo.key), 'model.wasm');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length >> 1] ^= 0xff; // flip bits: checksum mismatch
    fs.writeFileSync(file, bytes);
    const third = await buildWasm(design);
    expect(third.buildInfo.cacheHit).toBe(false);
    third.set('en', 1);
    third.step('clk', 3);
    expect(third.get('count')).toBe(3n);
    third.dispose();

    // Valid checksum, but not a loadable module (e.g. written by a broken toolchain): rebuilt too.
    cache.store('wasm', first.buildInfo.key, { 'model.wasm': Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 99) });
    const fourth = await buildWasm(design);
    expect(fourth.buildInfo.cacheHit).toBe(false);
    fourth.dispose();
    cache.remove('wasm', first.buildInfo.key);
  });
});

describe.runIf(nativeCompilerAvailable())('native build cache', () => {
  const design = tagged(counter, `${run} native`);

  it('misses, then hits, and rebuilds a corrupt executable', async () => {
    const cache = new BuildCache(resolveCacheDir());
    const first = await buildNative(design);
    expect(first.buildInfo.cacheHit).toBe(false);
    first.dispose();
    const second = await buildNative(design);
    expect(second.buildInfo.cacheHit).toBe(true);
    second.dispose();
    const exe = path.join(cache.entryDir('native', first.buildInfo.key), 'Vtop');
    const bytes = fs.readFileSync(exe);
    fs.rmSync(exe); // the disposed process may still be running it: replace the file rather than write into it
    fs.writeFileSync(exe, Buffer.concat([bytes, Buffer.from('junk')]));
    const third = await buildNative(design);
    expect(third.buildInfo.cacheHit).toBe(false);
    third.set('en', 1);
    third.step('clk', 5);
    expect(third.get('count')).toBe(5n);
    third.dispose();
    cache.remove('native', first.buildInfo.key);
  });
});
