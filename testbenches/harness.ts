/**
 * Runs a MeRAM generator design on a simulation backend and collects its samples: reset, then `ready` held high and
 * batches of clock cycles, keeping the `sample` (and optionally `bits` / `ones`) of every cycle where `valid` is 1.
 */
import { elaborate, type Design, type Module } from '../hdl/index.ts';
import { MeramError } from '../common/errors.ts';
import { createBackend, type BackendKind, type SimBackend, type TraceLike } from '../sim/index.ts';
import { BuiltinBackend } from '../sim/builtin/engine.ts';

/** The generator stopped: its on-chip health tests raised an alarm (sticky until reset). */
export class HealthAlarmError extends MeramError {}

/** What a generator run produced. */
export interface GeneratorRun {
  /** Output samples as integer codes (two's complement values of the `sample` port). */
  readonly samples: Int32Array;
  /** Extra recorded ports, one value per sample. */
  readonly extra: ReadonlyMap<string, Float64Array>;
  readonly cycles: number;
  /** Wall time of the simulation itself (s), without elaboration and compilation. */
  readonly seconds: number;
  readonly backend: BackendKind;
}

/** Options of {@link runGenerator}. */
export interface RunOptions {
  readonly samples: number;
  readonly backend?: BackendKind;
  /** Further ports to record per sample (e.g. `ones`, `bits` up to 32 bits wide). */
  readonly record?: readonly string[];
  /** Cycles per batch (default 200 000). */
  readonly batch?: number;
  /** Called after each batch with the samples collected so far. */
  readonly progress?: (done: number, total: number) => void;
  /** Build options of the Verilator backends. */
  readonly cacheDir?: string;
}

/** Elaborates `top` (or takes a design) and runs it until `samples` samples were taken. */
export async function runGenerator(top: Module | Design, opts: RunOptions): Promise<GeneratorRun> {
  const design = 'flat' in top ? top : elaborate(top);
  const kind = opts.backend ?? 'builtin';
  // The run reads only ports: on the built-in simulator, logic no port depends on (sim-only counters) is removed.
  const b = kind === 'builtin' ? new BuiltinBackend(design, { keep: opts.record ?? [] })
    : await createBackend(design, { backend: kind, ...(opts.cacheDir ? { verilator: { cacheDir: opts.cacheDir } } : {}) });
  try {
    return collect(b, kind, opts);
  } finally {
    b.dispose();
  }
}

/** Per-cycle values as numbers: the typed array of a built-in trace when there is one, else through bigints. */
function numbers(t: TraceLike): (cycle: number) => number {
  const values = (t as { values?: unknown }).values;
  if (values instanceof Float64Array) return (c) => values[c]!;
  return (c) => Number(t.at(c));
}

/** One batch of a {@link streamGenerator} run: the samples (and extra ports) of the cycles where `valid` was 1. */
export interface GeneratorChunk {
  readonly samples: Int32Array;
  readonly extra: ReadonlyMap<string, Float64Array>;
  readonly cycles: number;
}

/**
 * Runs a generator batch by batch without keeping its output: reset once, then each `next()` simulates one batch of
 * cycles and returns its valid samples. The stream is the one {@link runGenerator} collects (same seed, same samples).
 * @example
 * const s = await streamGenerator(meramTree(planTree({ seed: 1 }).plan));
 * const first = s.next().samples; // as many samples as one batch of cycles produced
 * s.dispose();
 */
export async function streamGenerator(top: Module | Design, opts: Omit<RunOptions, 'samples' | 'progress'> = {}): Promise<{ next(): GeneratorChunk; dispose(): void }> {
  const design = 'flat' in top ? top : elaborate(top);
  const kind = opts.backend ?? 'builtin';
  const b = await createBackend(design, { backend: kind, ...(opts.cacheDir ? { verilator: { cacheDir: opts.cacheDir } } : {}) });
  return { next: batches(b, opts), dispose: () => b.dispose() };
}

function batches(b: SimBackend, opts: Omit<RunOptions, 'samples' | 'progress'>): () => GeneratorChunk {
  const extraNames = opts.record ?? [];
  const batch = opts.batch ?? 200_000;
  b.set('ready', 1n);
  b.set('rst', 1n);
  b.step('clk', 2);
  b.set('rst', 0n);
  return () => {
    const tr = b.runBatch({ clock: 'clk', cycles: batch, record: ['valid', 'sample', ...extraNames] });
    const valid = numbers(tr.get('valid')!);
    const sample = numbers(tr.get('sample')!);
    const ex = extraNames.map((n) => numbers(tr.get(n)!));
    const at: number[] = [];
    for (let c = 0; c < batch; c++) if (valid(c) === 1) at.push(c);
    const samples = Int32Array.from(at, (c) => sample(c));
    const extra = new Map(extraNames.map((n, i) => [n, Float64Array.from(at, (c) => ex[i]!(c))]));
    return { samples, extra, cycles: batch };
  };
}

function collect(b: SimBackend, kind: BackendKind, opts: RunOptions): GeneratorRun {
  const want = opts.samples;
  const samples = new Int32Array(want);
  const extraNames = opts.record ?? [];
  const extra = new Map(extraNames.map((n) => [n, new Float64Array(want)]));
  const next = batches(b, opts);
  let got = 0;
  let cycles = 0;
  const t0 = performance.now();
  const watched = b.ports.some((p) => p.name === 'health_error');
  while (got < want) {
    const before = got;
    const chunk = next();
    cycles += chunk.cycles;
    const take = Math.min(chunk.samples.length, want - got);
    samples.set(chunk.samples.subarray(0, take), got);
    for (const n of extraNames) extra.get(n)!.set(chunk.extra.get(n)!.subarray(0, take), got);
    got += take;
    opts.progress?.(got, want);
    if (watched && got === before && b.get('health_error') === 1n) throw new HealthAlarmError(`the generator's health tests alarmed: no samples after ${got} (of ${want})`);
  }
  return { samples, extra, cycles, seconds: (performance.now() - t0) / 1000, backend: kind };
}

/** The tree sampler outputs the cell centre 2k + 1; its pmf is on the cell index k. */
export function treeCodes(samples: Int32Array): Int32Array {
  return samples.map((s) => (s - 1) >> 1);
}
