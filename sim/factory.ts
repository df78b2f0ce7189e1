/**
 * Makes backends and testbench simulators for a design: the built-in simulator, or a Verilator model (native or
 * WebAssembly) of the emitted Verilog. The interface they share is `sim/interface.ts`.
 */
import { emitVerilog } from '../hdl/backend/verilog.ts';
import type { Design } from '../hdl/ir/elaborate.ts';
import { BuiltinBackend } from './builtin/engine.ts';
import { BackendUnavailableError } from './builtin/errors.ts';
import type { BackendKind, SimBackend } from './interface.ts';
import { Simulator, type SimulatorOptions } from './testbench/simulator.ts';
import type { NativeBuildOptions } from './verilator/native.ts';
import type { VerilatorDesign } from './verilator/types.ts';

/** Options of {@link createBackend} and {@link createSimulator}. */
export interface CreateOptions extends SimulatorOptions {
  /** Engine (default `builtin`). */
  readonly backend?: BackendKind;
  /** Build options of the Verilator backends (cache folder, compiler, ...). */
  readonly verilator?: NativeBuildOptions;
}

/** The emitted Verilog (simulation set) and top port list of a design, as the Verilator backends take it. */
export function verilatorDesign(design: Design): VerilatorDesign {
  const out = emitVerilog(design, { set: 'simulation' });
  const ports = design.top.ports.map((p) => ({ name: design.top.names.get(p.signal)!, direction: p.direction, width: p.signal.width, signed: p.signal.signed }));
  return { top: design.top.name, files: Object.fromEntries(out.files), ports };
}

/**
 * Loads a design into a cycle-level backend. Verilator backends build (or load from their cache) a model of the
 * emitted Verilog.
 *
 * @example
 * const b = await createBackend(design, { backend: 'verilator-native' });
 * b.set('en', 1);
 * b.step('clk', 100);
 * b.dispose();
 */
export async function createBackend(design: Design, opts: CreateOptions = {}): Promise<SimBackend> {
  const kind = opts.backend ?? 'builtin';
  if (kind === 'builtin') return new BuiltinBackend(design);
  const v = await import('./verilator/index.ts');
  if (kind === 'verilator-native') {
    if (!v.verilatorAvailable() || !v.nativeCompilerAvailable()) throw new BackendUnavailableError('verilator-native needs verilator and a C++ compiler (apt-get install -y verilator clang)');
    return v.buildNative(verilatorDesign(design), opts.verilator ?? {});
  }
  if (!v.verilatorAvailable()) throw new BackendUnavailableError('verilator-wasm needs verilator (apt-get install -y verilator)');
  return v.buildWasm(verilatorDesign(design), opts.verilator ?? {});
}

/**
 * A testbench {@link Simulator} on any backend: the same processes, clocks and batch API; switch engines with the
 * `backend` option. On the Verilator backends testbenches see the top-level ports (no internal signals, memories or
 * VCD); call `dispose()` on the returned simulator's model when done, or let the process exit.
 *
 * @example
 * const sim = await createSimulator(design, { backend: 'verilator-wasm', clocks: { sync: 10_000 } });
 * sim.process(async (ctx) => { ctx.set('en', 1); await ctx.tick(); });
 * await sim.run();
 */
export async function createSimulator(design: Design, opts: CreateOptions = {}): Promise<Simulator> {
  const kind = opts.backend ?? 'builtin';
  if (kind === 'builtin') return new Simulator(design, opts);
  return new Simulator(design, opts, await createBackend(design, opts));
}
