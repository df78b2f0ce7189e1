/**
 * Verilator -> WebAssembly backend: Debian's `verilator --cc` generates C++, @yowasp/clang compiles it with the
 * harness to a wasm32-wasip1 reactor module (cached by content hash), and {@link WasiShim} loads it. The batch and
 * benchmark loops run inside WebAssembly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BuildCache, contentKey, resolveCacheDir } from './cache.ts';
import { SimulationError } from './errors.ts';
import { HARNESS_VERSION, harnessSource } from './harness.ts';
import { ModelBase } from './model-base.ts';
import type { BuildOptions } from './native.ts';
import type { PackedInputs } from './ports.ts';
import { verilatorInfo } from './tools.ts';
import type { BuildInfo, PortSpec, VerilatorDesign } from './types.ts';
import { harnessPorts, verilate, VERILATOR_FLAGS } from './verilate.ts';
import { WasiExit, WasiShim } from './wasi-shim.ts';
import { wasmApi, type WasmInstance, type WasmMemory, type WasmModule } from './wasm-api.ts';
import { clangPackageVersion, compileWasm, DEFAULT_WASM_FLAGS, runtimeObjects } from './wasm-compile.ts';

/** Options of {@link buildWasm}. */
export interface WasmBuildOptions extends BuildOptions {
  /** clang flags for the design and Verilator's runtime (default {@link DEFAULT_WASM_FLAGS}). */
  readonly wasmFlags?: readonly string[];
  /** Receives `$display` output line by line (default: console). */
  readonly onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
}

/**
 * Builds (or loads from the cache) a WebAssembly model of `design` and instantiates it.
 *
 * @example
 * const m = await buildWasm({ top: 'top', files: { 'top.v': verilog }, ports });
 * m.set('en', 1n);
 * const trace = m.runBatch({ clock: 'clk', cycles: 10, record: ['count'] });
 * trace.get('count')!.toNumbers(); // [0, 1, 2, ...]
 * m.dispose();
 */
export async function buildWasm(design: VerilatorDesign, opts: WasmBuildOptions = {}): Promise<WasmModel> {
  const t0 = performance.now();
  const info = verilatorInfo(opts.verilator);
  const flags = opts.wasmFlags ?? DEFAULT_WASM_FLAGS;
  const cache = new BuildCache(resolveCacheDir(opts.cacheDir));
  const key = contentKey({
    backend: 'wasm', top: design.top, files: design.files, ports: design.ports, harness: HARNESS_VERSION,
    verilator: info.version, flags: [...VERILATOR_FLAGS, ...(opts.verilatorFlags ?? [])], wasmFlags: flags, clang: clangPackageVersion(),
  });
  const load = async (bytes: Uint8Array, warnings: string[], cacheHit: boolean, runtimeCacheHit: boolean): Promise<WasmModel> => {
    const module = await wasmApi.compile(bytes);
    const buildInfo: BuildInfo = { backend: 'wasm', key, cacheHit, runtimeCacheHit, seconds: 0, warnings };
    const model = await WasmModel.instantiate(module, design.ports, buildInfo, opts.onOutput);
    (buildInfo as { seconds: number }).seconds = (performance.now() - t0) / 1000;
    return model;
  };
  const fromCache = async (): Promise<WasmModel | undefined> => {
    const hit = opts.rebuild ? undefined : cache.load('wasm', key);
    if (!hit) return undefined;
    try {
      return await load(hit.files.get('model.wasm')!, (hit.info.warnings as string[]) ?? [], true, true);
    } catch {
      cache.remove('wasm', key); // checksum fine but not loadable: rebuild
      return undefined;
    }
  };
  return (await fromCache()) ?? cache.withLock('wasm', key, async () => {
    const again = await fromCache();
    if (again) return again;
    const dir = cache.scratchDir('wasm');
    try {
      const { warnings } = await verilate(info, design, dir, opts.verilatorFlags ?? []);
      const objDir = path.join(dir, 'obj');
      const harness = harnessSource(harnessPorts(design, objDir), 'wasm');
      const runtime = await runtimeObjects(cache, info, flags);
      const bytes = await compileWasm(info, objDir, harness, runtime.objects, flags);
      cache.store('wasm', key, { 'model.wasm': bytes }, { warnings });
      return load(bytes, warnings, false, runtime.hit);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

interface HarnessExports {
  readonly memory: WasmMemory;
  _initialize(): void;
  mh_init(): void;
  mh_final(): void;
  mh_scratch(): number;
  mh_alloc(bytes: number): number;
  mh_free(ptr: number): void;
  mh_set(index: number, ptr: number): void;
  mh_get(index: number, ptr: number): void;
  mh_eval(): void;
  mh_batch(clock: number, cycles: number, nin: number, inIdx: number, inData: number, nrec: number, recIdx: number, out: number): void;
  mh_bench(clock: number, cycles: number): void;
}

/** Batches are run in chunks whose stimulus and trace fit this many bytes of WebAssembly memory. */
const CHUNK_BYTES = 8 << 20;

/** A Verilated model running as WebAssembly in this thread (see {@link CycleModel} for the cycle semantics). */
export class WasmModel extends ModelBase {
  readonly backend = 'wasm' as const;
  private readonly x: HarnessExports;
  private readonly shim: WasiShim;
  private readonly scratchPtr: number;
  private broken: string | undefined;

  private constructor(instance: WasmInstance, shim: WasiShim, ports: readonly PortSpec[], buildInfo: BuildInfo) {
    super(ports, buildInfo);
    this.x = instance.exports as unknown as HarnessExports;
    this.shim = shim;
    shim.bind(this.x.memory);
    this.call(() => {
      this.x._initialize();
      this.x.mh_init();
    });
    const maxWords = Math.max(1, ...this.table.words);
    this.scratchPtr = maxWords <= 64 ? this.x.mh_scratch() : this.x.mh_alloc(maxWords * 4);
  }

  /**
   * Instantiates a compiled model module; prefer {@link buildWasm}.
   *
   * @example
   * const model = await WasmModel.instantiate(await WebAssembly.compile(bytes), ports, info);
   */
  static async instantiate(module: WasmModule, ports: readonly PortSpec[], buildInfo: BuildInfo, onOutput?: WasmBuildOptions['onOutput']): Promise<WasmModel> {
    const shim = new WasiShim(onOutput ? { onOutput } : {});
    const instance = await wasmApi.instantiate(module, shim.imports(module));
    for (const name of ['mh_init', 'mh_batch', 'mh_bench', 'memory']) {
      if (!(name in instance.exports)) throw new SimulationError(`the WebAssembly module lacks the export '${name}'`);
    }
    return new WasmModel(instance, shim, ports, buildInfo);
  }

  /** Runs model code; a trap or exit makes the model unusable and becomes a {@link SimulationError}. */
  private call<T>(f: () => T): T {
    if (this.broken) throw new SimulationError(`the WebAssembly model stopped earlier: ${this.broken}`);
    try {
      return f();
    } catch (e) {
      if (!(e instanceof WasiExit) && !(e instanceof wasmApi.RuntimeError)) throw e;
      this.shim.flush();
      this.broken = `${e.message}${this.shim.stderrTail ? `\n${this.shim.stderrTail.trim()}` : ''}`;
      throw new SimulationError(`the WebAssembly model failed: ${this.broken}`);
    }
  }

  private words(ptr: number, n: number): Uint32Array {
    return new Uint32Array(this.x.memory.buffer, ptr, n);
  }

  protected setWords(index: number, words: Uint32Array): void {
    this.words(this.scratchPtr, words.length).set(words);
    this.call(() => this.x.mh_set(index, this.scratchPtr));
  }

  protected getWords(index: number): Uint32Array {
    this.call(() => this.x.mh_get(index, this.scratchPtr));
    return this.words(this.scratchPtr, this.table.words[index]!).slice();
  }

  protected evalNow(): void {
    this.call(() => this.x.mh_eval());
  }

  protected batchNow(clock: number, cycles: number, inputs: PackedInputs, record: Uint32Array, recordWords: number): Uint32Array {
    const out = new Uint32Array(cycles * recordWords);
    const perCycle = (inputs.wordsPerCycle + recordWords) * 4;
    const chunk = Math.max(1, Math.min(cycles, Math.floor(CHUNK_BYTES / Math.max(perCycle, 1))));
    const x = this.x;
    const idxPtr = x.mh_alloc((inputs.indices.length + record.length) * 4);
    const inPtr = x.mh_alloc(chunk * inputs.wordsPerCycle * 4);
    const outPtr = x.mh_alloc(chunk * recordWords * 4);
    try {
      this.words(idxPtr, inputs.indices.length).set(inputs.indices);
      this.words(idxPtr + inputs.indices.length * 4, record.length).set(record);
      for (let done = 0; done < cycles; done += chunk) {
        const n = Math.min(chunk, cycles - done);
        this.words(inPtr, n * inputs.wordsPerCycle).set(inputs.data.subarray(done * inputs.wordsPerCycle, (done + n) * inputs.wordsPerCycle));
        this.call(() => x.mh_batch(clock, n, inputs.indices.length, idxPtr, inPtr, record.length, idxPtr + inputs.indices.length * 4, outPtr));
        out.set(this.words(outPtr, n * recordWords), done * recordWords);
      }
    } finally {
      if (!this.broken) [idxPtr, inPtr, outPtr].forEach((p) => x.mh_free(p));
    }
    return out;
  }

  protected benchNow(clock: number, cycles: number): number {
    const t0 = performance.now();
    this.call(() => this.x.mh_bench(clock, cycles));
    return (performance.now() - t0) / 1000;
  }

  protected disposeNow(): void {
    if (!this.broken) {
      try {
        this.call(() => this.x.mh_final());
      } catch {
        // the instance is dropped anyway
      }
    }
    this.shim.flush();
  }
}
