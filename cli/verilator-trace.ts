/**
 * Waveforms on the native Verilator backend: Verilator's own tracing (`--trace`, VerilatedVcdC in the model harness,
 * compiled in with -DMH_TRACE). The testbench's simulation time is sent to the model before each evaluation, so the
 * VCD has the same picosecond time axis as the built-in simulator's. (The WebAssembly backend has no tracing: the VCD
 * writer and its file output would have to run inside the WASI module; use native or builtin for waves.)
 */
import path from 'node:path';
import type { Design } from '../hdl/ir/elaborate.ts';
import { verilatorDesign } from '../sim/factory.ts';
import type { SimBackend } from '../sim/interface.ts';
import { buildNative, nativeCompilerAvailable, verilatorAvailable } from '../sim/verilator/index.ts';

/** Verilator flags of a traced native model. */
export const TRACE_FLAGS: readonly string[] = ['--trace', '-CFLAGS', '-DMH_TRACE'];

/** Can this machine build a traced native model? */
export function traceSupported(): boolean {
  return verilatorAvailable() && nativeCompilerAvailable();
}

/**
 * A native Verilator model of `design` writing a VCD to `vcd`; call `bindClock` with the simulator's clock (ps) before
 * running, and `dispose` to write the file out.
 *
 * @example
 * const model = await withNativeTrace(design, 'build/top.vcd');
 * const sim = new Simulator(design, {}, model);
 * model.bindClock(() => sim.now);
 */
export async function withNativeTrace(design: Design, vcd: string): Promise<SimBackend & { bindClock(now: () => number): void }> {
  const saved = process.env.MERAM_HDL_VCD;
  process.env.MERAM_HDL_VCD = path.resolve(vcd);
  let model;
  try {
    model = await buildNative(verilatorDesign(design), { verilatorFlags: TRACE_FLAGS, optFast: '-O1' }); // a debug build: compile fast
  } finally {
    if (saved === undefined) delete process.env.MERAM_HDL_VCD;
    else process.env.MERAM_HDL_VCD = saved;
  }
  const m = model;
  let now = (): number => 0;
  let sent = 0;
  // Move the waveform's time on before the first change at a new time, so the state settled at the old time is
  // dumped at the old time (the harness applies pending input changes before each request).
  const sync = (): void => {
    const t = now();
    if (t !== sent) (m.traceTime(t), (sent = t));
  };
  return {
    backend: m.backend,
    ports: m.ports,
    set: (p, v) => { sync(); m.set(p, v); },
    get: (p) => m.get(p),
    eval: () => { sync(); m.eval(); },
    step: (c, n) => { sync(); m.step(c, n); },
    runBatch: (o) => { sync(); return m.runBatch(o); },
    dispose: () => { m.traceTime(now(), true); m.dispose(); },
    bindClock: (fn) => { now = fn; },
  };
}
