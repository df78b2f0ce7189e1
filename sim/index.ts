/**
 * Simulation in meram-hdl: the built-in simulator (netlist compiled to JavaScript), its testbench API and VCD writer,
 * and the backend interface the Verilator models share.
 *
 * @example
 * import { Simulator } from './sim/index.ts';
 * const sim = new Simulator(elaborate(top), { clocks: { sync: 10_000 }, vcd: 'build/top.vcd' });
 * sim.process(async (ctx) => { ctx.set('en', 1); await ctx.tick('sync', 5); });
 * await sim.run();
 */
export type { BackendKind, BatchInput, BatchOptions, PortSpec, SimBackend, TraceLike } from './interface.ts';
export { createBackend, createSimulator, verilatorDesign, type CreateOptions } from './factory.ts';
export { BuiltinBackend, ValueTrace, type SignalRef } from './builtin/engine.ts';
export { Simulator, type BatchRunOptions, type ClockSpec, type ProcessContext, type SimulatorOptions } from './testbench/simulator.ts';
export { VcdWriter } from './testbench/vcd.ts';
export { compileDesign, type CompiledDesign } from './builtin/compile.ts';
export {
  BackendUnavailableError, DeadlockError, MissingModelError, ProcessFailedError, ProcessStalledError, SimError,
  SimUsageError, SimValueError, ZeroDelayLoopError,
} from './builtin/errors.ts';
