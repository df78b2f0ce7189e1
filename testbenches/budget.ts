/**
 * Sample counts of the generator testbenches. CI runs the full counts; set MERAM_TB_SCALE (e.g. 0.1) for a quick
 * local run. Counts are fixed per run, and the seeds are fixed, so results are deterministic.
 */
const scale = Number(process.env.MERAM_TB_SCALE ?? '1');

export const SAMPLES = {
  /** On the built-in simulator, per architecture. */
  builtin: Math.round(1_000_000 * scale),
  /** On Verilator compiled to WebAssembly, per architecture. */
  wasm: Math.round(100_000 * scale),
};
