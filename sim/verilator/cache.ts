/**
 * Build cache of the Verilator backends: one folder per entry (`<root>/<kind>/<key>/`) holding the artifacts and a
 * `meta.json` written last, with each artifact's SHA-256. An entry whose meta is missing or unreadable, or whose
 * artifact does not match its checksum, is a miss and is removed. All writes are atomic; builds of the same entry in
 * several processes are serialised by a lock file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../common/atomic-write.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The cache folder: `explicit`, else `$MERAM_HDL_CACHE`, else `.cache/meram-hdl/verilator` in the project root.
 *
 * @example
 * resolveCacheDir();            // '/path/to/meram-hdl/.cache/meram-hdl/verilator'
 * resolveCacheDir('/tmp/vc');   // '/tmp/vc'
 */
export function resolveCacheDir(explicit?: string): string {
  return path.resolve(explicit ?? process.env.MERAM_HDL_CACHE ?? path.join(projectRoot, '.cache', 'meram-hdl', 'verilator'));
}

/** SHA-256 (hex) of bytes or text. */
export function sha256(data: string | Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, stable((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * Content hash of any JSON-like value (object keys sorted), 32 hex digits; used as a cache key.
 *
 * @example
 * contentKey({ files: { 'top.v': src }, top: 'top', flags: ['-O3'] });
 */
export function contentKey(value: unknown): string {
  return sha256(JSON.stringify(stable(value))).slice(0, 32);
}

interface Meta {
  readonly files: Record<string, string>;
  readonly info: Record<string, unknown>;
}

/** A cache hit: the artifact folder, the artifacts' bytes and the extra info stored with them. */
export interface CacheEntry {
  readonly dir: string;
  readonly files: Map<string, Buffer>;
  readonly info: Record<string, unknown>;
}

/** One cache folder. */
export class BuildCache {
  readonly root: string;

  /**
   * @example
   * const cache = new BuildCache(resolveCacheDir());
   */
  constructor(root: string) {
    this.root = root;
  }

  /** Folder of an entry. */
  entryDir(kind: string, key: string): string {
    return path.join(this.root, kind, key);
  }

  /**
   * Loads an entry after checking every artifact's checksum; a damaged entry is removed and reported as a miss.
   *
   * @example
   * const hit = cache.load('wasm', key); if (hit) WebAssembly.compile(hit.files.get('model.wasm')!);
   */
  load(kind: string, key: string): CacheEntry | undefined {
    const dir = this.entryDir(kind, key);
    let meta: Meta;
    try {
      meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as Meta;
      if (!meta || typeof meta.files !== 'object') throw new Error('bad meta');
    } catch {
      if (fs.existsSync(dir)) this.remove(kind, key);
      return undefined;
    }
    const files = new Map<string, Buffer>();
    for (const [name, sum] of Object.entries(meta.files)) {
      let data: Buffer;
      try {
        data = fs.readFileSync(path.join(dir, name));
      } catch {
        this.remove(kind, key);
        return undefined;
      }
      if (sha256(data) !== sum) {
        this.remove(kind, key);
        return undefined;
      }
      files.set(name, data);
    }
    return { dir, files, info: meta.info ?? {} };
  }

  /**
   * Stores artifacts atomically (each file, then `meta.json` last, so a crash leaves a miss, never a torn hit).
   * `executable` names files to mark executable.
   *
   * @example
   * cache.store('wasm', key, { 'model.wasm': bytes }, { warnings: [] });
   */
  store(kind: string, key: string, files: Record<string, Uint8Array>, info: Record<string, unknown> = {}, executable: readonly string[] = []): CacheEntry {
    const dir = this.entryDir(kind, key);
    fs.rmSync(path.join(dir, 'meta.json'), { force: true });
    const sums: Record<string, string> = {};
    const map = new Map<string, Buffer>();
    for (const [name, data] of Object.entries(files)) {
      const file = path.join(dir, name);
      writeFileAtomic(file, data);
      if (executable.includes(name)) fs.chmodSync(file, 0o755);
      sums[name] = sha256(data);
      map.set(name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    }
    writeFileAtomic(path.join(dir, 'meta.json'), JSON.stringify({ files: sums, info }, null, 1));
    return { dir, files: map, info };
  }

  /** Removes an entry (e.g. one whose artifact failed to load). */
  remove(kind: string, key: string): void {
    fs.rmSync(this.entryDir(kind, key), { recursive: true, force: true });
  }

  /** A fresh scratch folder inside the cache (same file system, so results can be renamed into place). */
  scratchDir(label: string): string {
    const base = path.join(this.root, 'tmp');
    fs.mkdirSync(base, { recursive: true });
    for (const name of fs.readdirSync(base)) {
      const pid = Number(/-(\d+)-[^-]+$/.exec(name)?.[1]);
      if (pid && !pidAlive(pid)) fs.rmSync(path.join(base, name), { recursive: true, force: true }); // left by a killed build
    }
    return fs.mkdtempSync(path.join(base, `${label}-${process.pid}-`));
  }

  /**
   * Runs `build` while holding the entry's lock file, so parallel processes build an entry once; a lock left by a
   * dead process is taken over. `build` should first re-check the cache: another process may have finished it.
   */
  async withLock<T>(kind: string, key: string, build: () => Promise<T>, timeoutMs = 15 * 60_000): Promise<T> {
    const lock = path.join(this.root, kind, `${key}.lock`);
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    const start = Date.now();
    for (;;) {
      try {
        fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        if (lockIsStale(lock) || Date.now() - start > timeoutMs) fs.rmSync(lock, { force: true });
        else await new Promise((r) => setTimeout(r, 200));
      }
    }
    try {
      return await build();
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
}

function lockIsStale(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(lock, 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return Date.now() - safeMtime(lock) > 5000;
  return !pidAlive(pid);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function safeMtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}
