/**
 * Compiling Verilated C++ to a wasm32-wasip1 reactor module with @yowasp/clang (clang/LLD compiled to WebAssembly,
 * so no native toolchain is needed). Verilator's runtime is compiled once per Verilator version and flag set and kept
 * in the cache; a design then costs one compile of its generated files (as one translation unit) and a link.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Tree } from '@yowasp/clang';
import { BuildCache, contentKey } from './cache.ts';
import { CompileFailedError } from './errors.ts';
import type { VerilatorInfo } from './tools.ts';

/** Default optimisation and code-generation flags of WebAssembly builds (part of every cache key). */
export const DEFAULT_WASM_FLAGS: readonly string[] = ['-O3', '-mbulk-memory'];

const BASE_FLAGS = [
  '--target=wasm32-wasip1', '-std=c++17', '-fno-exceptions', '-Iobj', '-Iinc', '-Iinc/vltstd',
  '-DVM_COVERAGE=0', '-DVM_SC=0', '-DVM_TRACE=0', '-DVM_TRACE_FST=0', '-DVM_TRACE_VCD=0', '-DVL_IGNORE_UNKNOWN_ARCH',
];

// Verilator's runtime registers thread-exit callbacks; single-threaded wasm needs none.
const THREAD_ATEXIT_STUB = 'extern "C" int __cxa_thread_atexit(void (*)(void*), void*, void*) { return 0; }\n';

const RUNTIME_SOURCES = ['verilated.cpp', 'verilated_threads.cpp'];
const PCH = 'verilated.pch';

/** Version of the installed @yowasp/clang package (part of cache keys). */
export function clangPackageVersion(): string {
  const require = createRequire(import.meta.url);
  try {
    const pkg = path.join(path.dirname(require.resolve('@yowasp/clang')), '..', 'package.json');
    return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

type Clang = (args: string[], files: Tree, opts: object) => Promise<Tree> | Tree | undefined;
let clangPromise: Promise<Clang> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Loads @yowasp/clang and fetches its resources once, quietly (no `fetched N%` lines). Later builds start at once.
 *
 * @example
 * await prefetchClang();
 */
export function prefetchClang(): Promise<void> {
  clangPromise ??= (async () => {
    const { commands } = await import('@yowasp/clang');
    const clang = commands['clang++'] as Clang;
    await clang(['--version'], {}, { fetchProgress: () => {}, stdout: null, stderr: null });
    return clang;
  })();
  return clangPromise.then(() => undefined);
}

/** Runs clang++ (one at a time per process: each run takes ~0.6 GB) and returns the output tree. */
async function clang(args: string[], files: Tree, what: string): Promise<Tree> {
  await prefetchClang();
  const run = await clangPromise!;
  const job = queue.then(async () => {
    let out = '';
    const sink = (bytes: Uint8Array | null) => {
      if (bytes) out += new TextDecoder().decode(bytes);
    };
    try {
      return (await run(args, files, { stdout: sink, stderr: sink, decodeASCII: false })) as Tree;
    } catch (e) {
      if (e && typeof e === 'object' && 'code' in e) throw new CompileFailedError('clang++ (wasm32)', `${what}:\n${out || String(e)}`);
      throw e;
    }
  });
  queue = job.catch(() => undefined);
  return job;
}

const headerTrees = new Map<string, Tree>();

/** Verilator's include folder as an in-memory tree (headers only, plus the runtime sources when asked). */
function includeTree(includeDir: string, withSources: boolean): Tree {
  const key = `${includeDir}|${withSources}`;
  const known = headerTrees.get(key);
  if (known) return known;
  const walk = (dir: string): Tree => {
    const t: Tree = {};
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) t[e.name] = walk(p);
      else if (e.name.endsWith('.h') || (withSources && RUNTIME_SOURCES.includes(e.name))) t[e.name] = fs.readFileSync(p);
    }
    return t;
  };
  const tree = walk(includeDir);
  headerTrees.set(key, tree);
  return tree;
}

function output(tree: Tree, name: string): Uint8Array {
  const v = tree[name];
  if (!(v instanceof Uint8Array)) throw new CompileFailedError('clang++ (wasm32)', `no ${name} was produced`);
  return v;
}

/** Runtime objects: from the cache, or compiled now (~10-20 s once per Verilator version and flag set). */
export async function runtimeObjects(cache: BuildCache, info: VerilatorInfo, flags: readonly string[]): Promise<{ objects: Map<string, Uint8Array>; hit: boolean }> {
  const key = contentKey({ runtime: RUNTIME_SOURCES, verilator: info.version, flags: [...BASE_FLAGS, ...flags], clang: clangPackageVersion(), stub: THREAD_ATEXIT_STUB });
  const found = cache.load('wasm-runtime', key);
  if (found) return { objects: found.files, hit: true };
  return cache.withLock('wasm-runtime', key, async () => {
    const again = cache.load('wasm-runtime', key);
    if (again) return { objects: again.files, hit: true };
    const tree: Tree = { inc: includeTree(info.includeDir, true), obj: {}, 'stub.cpp': THREAD_ATEXIT_STUB };
    const objects: Record<string, Uint8Array> = {};
    for (const src of [...RUNTIME_SOURCES.map((s) => `inc/${s}`), 'stub.cpp']) {
      const obj = `${path.basename(src, '.cpp')}.o`;
      objects[obj] = output(await clang([...BASE_FLAGS, ...flags, '-c', src, '-o', obj], tree, `compiling ${path.basename(src)}`), obj);
    }
    // A precompiled verilated.h: parsing it (and the libc++ headers it pulls in) is most of a small design's compile.
    const pchArgs = [...BASE_FLAGS, ...flags, '-Xclang', '-fno-pch-timestamp', '-x', 'c++-header', 'inc/verilated.h', '-o', PCH];
    objects[PCH] = output(await clang(pchArgs, tree, 'precompiling verilated.h'), PCH);
    return { objects: cache.store('wasm-runtime', key, objects).files, hit: false };
  });
}

/** Reads Verilator's generated C++ (`objDir`) into a tree, adds the harness and one `all.cpp` that includes them all. */
function designTree(objDir: string, harness: string): Tree {
  const obj: Tree = {};
  const sources: string[] = [];
  for (const name of fs.readdirSync(objDir).sort()) {
    if (!/\.(h|cpp)$/.test(name)) continue;
    obj[name] = fs.readFileSync(path.join(objDir, name));
    if (name.endsWith('.cpp')) sources.push(name);
  }
  obj['harness.cpp'] = harness;
  obj['all.cpp'] = [...sources, 'harness.cpp'].map((s) => `#include "${s}"\n`).join('');
  return { obj };
}

/**
 * Compiles a verilated design (its `obj` folder) with the harness and links it with the runtime objects into a
 * reactor module exporting the harness functions.
 */
export async function compileWasm(info: VerilatorInfo, objDir: string, harness: string, runtime: Map<string, Uint8Array>, flags: readonly string[]): Promise<Uint8Array> {
  const tree: Tree = { ...designTree(objDir, harness), inc: includeTree(info.includeDir, false) };
  const args = [...BASE_FLAGS, ...flags, '-c', 'obj/all.cpp', '-o', 'all.o'];
  const pch = runtime.get(PCH);
  let compiled: Tree;
  if (pch) {
    tree[PCH] = pch;
    try {
      compiled = await clang([...args, '-include-pch', PCH, '-fpch-validate-input-files-content'], tree, 'compiling the verilated design');
    } catch (e) {
      // An unusable precompiled header is no reason to fail: compile without it.
      if (!(e instanceof CompileFailedError) || !/precompiled|PCH|AST file/i.test(e.output)) throw e;
      compiled = await clang(args, tree, 'compiling the verilated design');
    }
  } else {
    compiled = await clang(args, tree, 'compiling the verilated design');
  }
  const linkTree: Tree = { 'all.o': output(compiled, 'all.o') };
  for (const [name, data] of runtime) if (name.endsWith('.o')) linkTree[name] = data;
  const linked = await clang(['--target=wasm32-wasip1', '-mexec-model=reactor', ...flags, ...Object.keys(linkTree), '-o', 'model.wasm'], linkTree, 'linking');
  return output(linked, 'model.wasm');
}
