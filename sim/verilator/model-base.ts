/**
 * The part of {@link CycleModel} both backends share: port lookup, value checks and conversion, batch packing and
 * trace unpacking. A backend supplies the few primitives that move 32-bit words in and out of its model.
 */
import { PortUsageError, SimulationError } from './errors.ts';
import { packInputs, PortTable, recordWords, unpackTraces, type PackedInputs, type PortTrace } from './ports.ts';
import type { BatchOptions, BuildInfo, CycleModel, PortSpec } from './types.ts';

export abstract class ModelBase implements CycleModel {
  abstract readonly backend: 'native' | 'wasm';
  readonly buildInfo: BuildInfo;
  protected readonly table: PortTable;
  private readonly scratch: Uint32Array;
  private disposed = false;

  constructor(ports: readonly PortSpec[], buildInfo: BuildInfo) {
    this.table = new PortTable(ports);
    this.buildInfo = buildInfo;
    this.scratch = new Uint32Array(Math.max(1, ...this.table.words));
  }

  get ports(): readonly PortSpec[] {
    return this.table.ports;
  }

  /** Writes an input's words (masked) without settling. */
  protected abstract setWords(index: number, words: Uint32Array): void;
  /** The current words of a port. */
  protected abstract getWords(index: number): Uint32Array;
  protected abstract evalNow(): void;
  /** Runs the batch loop; returns `cycles * recordWords` words, cycle-major. */
  protected abstract batchNow(clock: number, cycles: number, inputs: PackedInputs, record: Uint32Array, recordWords: number): Uint32Array;
  /** Runs `cycles` cycles with constant inputs; returns seconds. */
  protected abstract benchNow(clock: number, cycles: number): number;
  protected abstract disposeNow(): void;

  protected live(): void {
    if (this.disposed) throw new SimulationError('the model was disposed');
  }

  set(port: string, value: bigint | number): void {
    this.live();
    const i = this.table.index(port, 'input');
    const w = this.scratch.subarray(0, this.table.words[i]);
    this.table.encode(i, value, w, 0);
    this.setWords(i, w);
  }

  get(port: string): bigint {
    this.live();
    const i = this.table.index(port);
    return this.table.decode(i, this.getWords(i), 0);
  }

  eval(): void {
    this.live();
    this.evalNow();
  }

  step(clock: string, cycles = 1): void {
    this.runBatch({ clock, cycles });
  }

  runBatch(opts: BatchOptions): Map<string, PortTrace> {
    this.live();
    const clock = this.table.clockIndex(opts.clock);
    checkCycles(opts.cycles);
    const inputs = packInputs(this.table, opts.inputs ?? [], opts.cycles);
    const record = Uint32Array.from(opts.record ?? [], (name) => this.table.index(name));
    const per = recordWords(this.table, record);
    const data = this.batchNow(clock, opts.cycles, inputs, record, per);
    return unpackTraces(this.table, record, data, opts.cycles);
  }

  benchmarkCycles(clock: string, cycles: number): number {
    this.live();
    checkCycles(cycles, 2 ** 52);
    return this.benchNow(this.table.clockIndex(clock), cycles);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeNow();
  }
}

function checkCycles(cycles: number, max = 0xffffffff): void {
  if (!Number.isInteger(cycles) || cycles < 0 || cycles > max) throw new PortUsageError(`cycles must be an integer in [0, ${max}], not ${cycles}`);
}
