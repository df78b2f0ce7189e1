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

function collect(b: SimBackend, kind: BackendKind, opts: RunOptions): GeneratorRun {
  const want = opts.samples;
  const samples = new Int32Array(want);
  const extraNames = opts.record ?? [];
  const extra = new Map(extraNames.map((n) => [n, new Float64Array(want)]));
  b.set('ready', 1n);
  b.set('rst', 1n);
  b.step('clk', 2);
  b.set('rst', 0n);
  const batch = opts.batch ?? 200_000;
  let got = 0;
  let cycles = 0;
  const t0 = performance.now();
  const watched = b.ports.some((p) => p.name === 'health_error');
  while (got < want) {
    const before = got;
    const tr = b.runBatch({ clock: 'clk', cycles: batch, record: ['valid', 'sample', ...extraNames] });
    cycles += batch;
    const valid = numbers(tr.get('valid')!);
    const sample = numbers(tr.get('sample')!);
    const ex = extraNames.map((n) => numbers(tr.get(n)!));
    for (let c = 0; c < batch && got < want; c++) {
      if (valid(c) !== 1) continue;
      samples[got] = sample(c);
      ex.forEach((t, i) => { extra.get(extraNames[i]!)![got] = t(c); });
      got++;
    }
    opts.progress?.(got, want);
    if (watched && got === before && b.get('health_error') === 1n) throw new HealthAlarmError(`the generator's health tests alarmed: no samples after ${got} (of ${want})`);
  }
  return { samples, extra, cycles, seconds: (performance.now() - t0) / 1000, backend: kind };
}

/** The tree sampler outputs the cell centre 2k + 1; its pmf is on the cell index k. */
export function treeCodes(samples: Int32Array): Int32Array {
  return samples.map((s) => (s - 1) >> 1);
}
