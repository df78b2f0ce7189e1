/**
 * `meram-hdl sim`: runs a testbench file on a chosen backend, with a VCD (and FST) waveform and GTKWave state-name
 * filters for the FSMs.
 *
 * A testbench file exports `testbench` (or a default export): an async function of the simulator's process context,
 * and `design` (a Module or a generator function) unless `--design FILE` names the design file. It may export
 * `clocks` (periods in ps by domain, as in `SimulatorOptions`). See {@link TestbenchFile}.
 */
import fs from 'node:fs';
import path from 'node:path';
import { elaborate } from '../hdl/ir/elaborate.ts';
import type { BackendKind } from '../sim/interface.ts';
import { createBackend } from '../sim/factory.ts';
import { Simulator, type ProcessContext, type SimulatorOptions } from '../sim/testbench/simulator.ts';
import { DESIGN_HELP, DESIGN_OPTIONS, choice, flag, int, params, str, type Verb } from './args.ts';
import { CheckFailedError, DesignFileError, UsageError } from './errors.ts';
import { MeramError } from '../common/errors.ts';
import { ProcessFailedError } from '../sim/builtin/errors.ts';
import { asUserError, designFromExports, importUserFile } from './load-design.ts';
import { vcdToFst, writeStateFilters } from './waves.ts';

/** What a testbench file exports. */
export interface TestbenchFile {
  /** The testbench: one simulator process. */
  readonly testbench: (ctx: ProcessContext) => Promise<void>;
  /** The design under test (or give `--design FILE`). */
  readonly design?: unknown;
  /** Clock period (ps) of each domain. */
  readonly clocks?: SimulatorOptions['clocks'];
}

const BACKENDS: readonly BackendKind[] = ['builtin', 'verilator-native', 'verilator-wasm'];

/** `meram-hdl sim TB.ts [--design FILE] [--backend B] [--vcd FILE] [--fst] [--cycles N]` */
export const simVerb: Verb = {
  name: 'sim',
  summary: 'run a testbench file on a backend, with VCD/FST waveforms',
  help: `usage: meram-hdl sim TESTBENCH.ts [options]

Runs the testbench TESTBENCH.ts exports ('testbench' or default: async (ctx) => { ctx.set(...); await ctx.tick(); ... })
on the design it exports as 'design' (or the one --design names). Exit code 1 when the testbench throws a
verification failure, 3 on a design error.
  --design FILE      the design file (default: the testbench file's 'design' export)
${DESIGN_HELP}
  --backend B        builtin (default), verilator-native or verilator-wasm
  --vcd FILE         write a VCD waveform (builtin; verilator-native through Verilator's --trace); FSM state-name
                     filters and a GTKWave save file (.gtkw) beside it
  --fst              also write FILE.fst (vcd2fst, from GTKWave)
  --cycles N         stop after N cycles of the design's clock even if the testbench has not finished

example: meram-hdl sim counter.tb.ts --vcd build/counter.vcd --fst && gtkwave -a build/counter.gtkw build/counter.vcd`,
  options: { ...DESIGN_OPTIONS, design: { type: 'string' }, backend: { type: 'string' }, vcd: { type: 'string' }, fst: { type: 'boolean' }, cycles: { type: 'string' } },
  positionals: [1, 1],
  async run(args) {
    const tbFile = args.positionals[0]!;
    const backend = choice('sim', args, 'backend', BACKENDS, 'builtin');
    const vcd = str(args, 'vcd');
    if (flag(args, 'fst') && !vcd) throw new UsageError('sim', '--fst needs --vcd FILE');
    if (vcd && backend === 'verilator-wasm') throw new UsageError('sim', 'waveforms on verilator-wasm are not supported (tracing inside WebAssembly is too heavy): use --backend verilator-native or builtin');
    const cycles = str(args, 'cycles') === undefined ? undefined : int('sim', args, 'cycles', 0, 1);
    const tb = await importUserFile('sim', tbFile);
    const fn = tb.testbench ?? tb.default;
    if (typeof fn !== 'function') throw new DesignFileError(`${tbFile} exports no 'testbench' function (export async function testbench(ctx) { ... })`);
    const designFile = str(args, 'design');
    const source = designFile ? await importUserFile('sim', designFile) : tb;
    if (!designFile && !('design' in tb)) throw new DesignFileError(`${tbFile} exports no 'design': export it or give --design FILE`);
    const module = await designFromExports('sim', designFile ? source : { design: tb.design }, designFile ?? tbFile, { top: designFile ? str(args, 'top') : 'design', params: params('sim', args) });
    const design = elaborate(module);
    const clocks = (tb.clocks ?? {}) as SimulatorOptions['clocks'];
    if (vcd) fs.mkdirSync(path.dirname(path.resolve(vcd)), { recursive: true });
    let sim: Simulator;
    let dispose = (): void => {};
    if (backend === 'builtin') sim = new Simulator(design, { clocks, ...(vcd ? { vcd } : {}) });
    else {
      const { traceSupported, withNativeTrace } = await import('./verilator-trace.ts');
      if (vcd && !traceSupported()) throw new UsageError('sim', 'waveforms on verilator-native need verilator and a C++ compiler');
      if (vcd) {
        const model = await withNativeTrace(design, vcd);
        sim = new Simulator(design, { clocks }, model);
        const s = sim;
        model.bindClock(() => s.now);
        dispose = () => model.dispose();
      } else {
        const model = await createBackend(design, { backend });
        dispose = () => model.dispose();
        sim = new Simulator(design, { clocks }, model);
      }
    }
    sim.process(async (ctx) => {
      try {
        await (fn as TestbenchFile['testbench'])(ctx);
      } catch (e) {
        // A plain error thrown by the testbench is a failed check (exit 1); ours keep their kind.
        const user = asUserError(e, path.resolve(tbFile));
        throw user instanceof DesignFileError ? new CheckFailedError(`testbench failed at ${ctx.now} ps: ${user.message.replace(/^[^:]*: /, '')}`, user.locs) : user;
      }
    });
    const t0 = performance.now();
    try {
      await (cycles === undefined ? sim.run() : sim.run({ cycles }));
    } catch (e) {
      throw e instanceof ProcessFailedError && (e as { cause?: unknown }).cause instanceof MeramError ? (e as { cause?: unknown }).cause : e;
    } finally {
      dispose();
    }
    console.log(`simulated '${design.top.name}' on ${backend}: ${sim.now} ps in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    if (vcd) {
      const extra = writeStateFilters(vcd, design, backend === 'builtin' ? design.top.name : `TOP.${design.top.name}`);
      const fst = flag(args, 'fst') ? [vcdToFst(vcd)] : [];
      console.log(`waveform ${[vcd, ...fst, ...extra].join(', ')}`);
    }
  },
};
