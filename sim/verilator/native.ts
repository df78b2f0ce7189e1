/**
 * Native Verilator backend: `verilator --cc --exe --build -O3` with a generated C++ harness, cached by content hash,
 * driven from Node through a binary pipe protocol (one round trip per eval, batch or benchmark).
 */
import fs from 'node:fs';
import path from 'node:path';
import { BuildCache, contentKey, resolveCacheDir } from './cache.ts';
import { CompileFailedError, NativeCompilerNotFoundError, SimulationError, VerilatorFailedError } from './errors.ts';
import { HARNESS_VERSION, harnessSource, Op, type HarnessPort, type VerilatedKind } from './harness.ts';
import { ModelBase } from './model-base.ts';
import type { PackedInputs } from './ports.ts';
import { SyncProcess } from './sync-process.ts';
import { nativeCompiler, toolVersion, verilatorInfo } from './tools.ts';
import type { BuildInfo, PortSpec, VerilatorDesign } from './types.ts';
import { harnessPorts, verilate, VERILATOR_FLAGS } from './verilate.ts';

/** Options shared by both backends' builds. */
export interface BuildOptions {
  /** Cache folder (default: `$MERAM_HDL_CACHE` or `.cache/meram-hdl/verilator` in the project root). */
  readonly cacheDir?: string;
  /** Verilator executable (default `verilator` on the PATH). */
  readonly verilator?: string;
  /** Extra Verilator flags (part of the cache key). */
  readonly verilatorFlags?: readonly string[];
  /** Ignore cached artifacts of this design (runtime objects are still reused). */
  readonly rebuild?: boolean;
}

/** Options of {@link buildNative}. */
export interface NativeBuildOptions extends BuildOptions {
  /** C++ compiler (default: clang++ if installed, else g++). */
  readonly cxx?: string;
  /** Parallel compile jobs (default 2). */
  readonly jobs?: number;
  /** Optimisation of the fast-path (model) code (default `-O3`). */
  readonly optFast?: string;
}

/** Verilator's storage kind for a port of `width` bits (its rule: 8/16/32/64-bit scalars, else a word array). */
export function kindFor(width: number): VerilatedKind {
  return width <= 8 ? 8 : width <= 16 ? 16 : width <= 32 ? 32 : width <= 64 ? 64 : 'W';
}

/** Port spec list as harness ports, by Verilator's width rule. */
export function specHarnessPorts(ports: readonly PortSpec[]): HarnessPort[] {
  return ports.map((spec) => ({ spec, kind: kindFor(spec.width) }));
}

/**
 * Builds (or loads from the cache) a native Verilator model of `design` and starts it.
 *
 * @example
 * const m = await buildNative({ top: 'top', files: { 'top.v': verilog }, ports });
 * m.set('en', 1n);
 * const trace = m.runBatch({ clock: 'clk', cycles: 10, record: ['count'] });
 * m.dispose();
 */
export async function buildNative(design: VerilatorDesign, opts: NativeBuildOptions = {}): Promise<NativeModel> {
  const t0 = performance.now();
  const info = verilatorInfo(opts.verilator);
  const cxx = opts.cxx ?? nativeCompiler();
  if (!cxx) throw new NativeCompilerNotFoundError('a C++ compiler (clang++ or g++) with make');
  const optFast = opts.optFast ?? '-O3';
  const cache = new BuildCache(resolveCacheDir(opts.cacheDir));
  const key = contentKey({
    backend: 'native', top: design.top, files: design.files, ports: design.ports, harness: HARNESS_VERSION,
    verilator: info.version, flags: [...VERILATOR_FLAGS, ...(opts.verilatorFlags ?? [])], cxx: toolVersion(cxx), optFast,
  });
  const start = (dir: string, warnings: string[], cacheHit: boolean): NativeModel => {
    const buildInfo: BuildInfo = { backend: 'native', key, cacheHit, runtimeCacheHit: cacheHit, seconds: (performance.now() - t0) / 1000, warnings };
    for (let attempt = 0; ; attempt++) {
      try {
        return new NativeModel(path.join(dir, 'Vtop'), design.ports, buildInfo);
      } catch (e) {
        // A just-written executable can briefly be "busy" when another thread forks at that moment.
        if (attempt >= 3 || !String((e as Error).message).includes('ETXTBSY')) throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 * (attempt + 1));
      }
    }
  };
  const hit = opts.rebuild ? undefined : cache.load('native', key);
  if (hit) {
    try {
      return start(hit.dir, (hit.info.warnings as string[]) ?? [], true);
    } catch {
      cache.remove('native', key);
    }
  }
  return cache.withLock('native', key, async () => {
    const again = opts.rebuild ? undefined : cache.load('native', key);
    if (again) return start(again.dir, (again.info.warnings as string[]) ?? [], true);
    const dir = cache.scratchDir('native');
    try {
      fs.writeFileSync(path.join(dir, 'harness.cpp'), harnessSource(specHarnessPorts(design.ports), 'native'));
      const makeflags = `OPT_FAST=${optFast} OPT_SLOW=-O1 OPT_GLOBAL=-O2 CXX=${cxx} LINK=${cxx}`;
      const extra = ['--exe', '--build', '-j', String(opts.jobs ?? 2), '-o', 'Vtop', '-MAKEFLAGS', makeflags, ...(opts.verilatorFlags ?? []), 'harness.cpp'];
      let warnings: string[];
      try {
        ({ warnings } = await verilate(info, design, dir, extra, { ...process.env, MAKEFLAGS: '' }));
      } catch (e) {
        // A build failure after Verilator succeeded: blame a wrong port list first, else the compiler.
        if (!(e instanceof VerilatorFailedError) || !fs.existsSync(path.join(dir, 'obj', 'Vtop.h'))) throw e;
        harnessPorts(design, path.join(dir, 'obj'));
        throw new CompileFailedError(cxx, e.output, design.files);
      }
      harnessPorts(design, path.join(dir, 'obj'));
      const exe = fs.readFileSync(path.join(dir, 'obj', 'Vtop'));
      const entry = cache.store('native', key, { Vtop: exe }, { warnings }, ['Vtop']);
      return start(entry.dir, warnings, false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** A native Verilator model running in a child process (see {@link CycleModel} for the cycle semantics). */
export class NativeModel extends ModelBase {
  readonly backend = 'native' as const;
  private readonly proc: SyncProcess;
  private readonly state: Uint32Array;
  private readonly pending = new Map<number, Uint32Array>();

  /** Starts the executable of a built model; prefer {@link buildNative}. */
  constructor(exe: string, ports: readonly PortSpec[], buildInfo: BuildInfo) {
    super(ports, buildInfo);
    this.state = new Uint32Array(this.table.totalWords);
    this.proc = new SyncProcess(exe, []);
    try {
      this.roundTrip(Op.Eval, [], 0);
    } catch (e) {
      this.dispose();
      throw e instanceof SimulationError ? new SimulationError(`the native model did not start: ${e.message}`) : e;
    }
  }

  /** Sends one request (pending sets first) and returns the op's reply words; updates the port snapshot. */
  private roundTrip(op: number, payload: readonly (number | Uint32Array)[], replyWords: number): Uint32Array {
    const parts: (number | Uint32Array)[] = [op, this.pending.size];
    for (const [i, w] of this.pending) parts.push(i, w);
    this.pending.clear();
    parts.push(...payload);
    let n = 0;
    for (const p of parts) n += typeof p === 'number' ? 1 : p.length;
    const req = new Uint32Array(n);
    let off = 0;
    for (const p of parts) {
      if (typeof p === 'number') req[off++] = p;
      else (req.set(p, off), (off += p.length));
    }
    const bytes = this.proc.request(new Uint8Array(req.buffer), (replyWords + this.table.totalWords) * 4);
    const words = new Uint32Array(bytes.slice().buffer);
    this.state.set(words.subarray(replyWords));
    return words.subarray(0, replyWords);
  }

  protected setWords(index: number, words: Uint32Array): void {
    this.pending.set(index, words.slice());
  }

  protected getWords(index: number): Uint32Array {
    return this.pending.get(index) ?? this.state.subarray(this.table.offsets[index], this.table.offsets[index]! + this.table.words[index]!);
  }

  protected evalNow(): void {
    this.roundTrip(Op.Eval, [], 0);
  }

  protected batchNow(clock: number, cycles: number, inputs: PackedInputs, record: Uint32Array, recordWords: number): Uint32Array {
    return this.roundTrip(Op.Batch, [clock, cycles, inputs.indices.length, inputs.indices, record.length, record, inputs.data], cycles * recordWords);
  }

  protected benchNow(clock: number, cycles: number): number {
    const reply = this.roundTrip(Op.Bench, [clock, cycles % 2 ** 32, Math.floor(cycles / 2 ** 32)], 2);
    return new Float64Array(reply.slice().buffer)[0]!;
  }

  /**
   * Waveform time (ps) of the following evaluations, for a model built with `verilatorFlags: ['--trace', '-CFLAGS',
   * '-DMH_TRACE']` and `$MERAM_HDL_VCD` naming the file; `flush` writes the file out. A no-op for untraced models.
   */
  traceTime(ps: number, flush = false): void {
    this.roundTrip(Op.Time, [ps % 2 ** 32, Math.floor(ps / 2 ** 32), flush ? 1 : 0], 0);
  }

  protected disposeNow(): void {
    this.proc.close(new Uint8Array(Uint32Array.of(Op.Quit, 0).buffer));
  }
}
