/**
 * Every hdl/lib design on every backend in one model: the built-in simulator against Verilator compiled to
 * WebAssembly (one build for all of them), and against Icarus Verilog's 4-state simulation, under random stimulus
 * with two unrelated clocks (the CDC designs' `src` domain runs on the auxiliary clock).
 */
import { describe, expect, it } from 'vitest';
import { elaborate } from '../../../hdl/ir/elaborate.ts';
import {
  AsyncFifo, Counter, HandshakeSynchronizer, HealthStreamTests, Lfsr, Popcount, PulseSynchronizer, RoundRobinArbiter,
  UartRx, UartTx, VonNeumannCell,
} from '../../../hdl/lib/index.ts';
import { compareWithIcarus } from '../icarus.ts';
import { runLockstep } from '../lockstep.ts';
import { combineModules } from '../random-design.ts';

const CYCLES = 2000;
const VERILATOR = { optFast: '-O1' };

/** The library zoo: each design once, side by side, its ports as `<prefix>_<port>` of the top. */
function libraryTop() {
  return combineModules([
    { prefix: 'cnt', module: Counter({ width: 5, max: 20 }) },
    { prefix: 'lfsr', module: Lfsr({ width: 32, seed: 1 }) },
    { prefix: 'pop', module: Popcount({ width: 70 }) },
    { prefix: 'tx', module: UartTx({ divisor: 3 }) },
    { prefix: 'rx', module: UartRx({ divisor: 3 }) },
    { prefix: 'arb', module: RoundRobinArbiter({ n: 4 }) },
    { prefix: 'vn', module: VonNeumannCell({}) },
    { prefix: 'health', module: HealthStreamTests({ rct: 5, apt: 20, window: 32 }) },
    { prefix: 'pulse', module: PulseSynchronizer({}) },
    { prefix: 'hs', module: HandshakeSynchronizer({ width: 12 }) },
    { prefix: 'afifo', module: AsyncFifo({ width: 8, log2Depth: 3 }) },
  ]);
}

describe('every hdl/lib design on every backend', () => {
  const design = elaborate(libraryTop());
  it('built-in and Verilator-WASM agree cycle by cycle on every output (two clocks, random resets)', async () => {
    const report = await runLockstep(design, { cycles: CYCLES, seed: 11, backends: ['builtin', 'verilator-wasm'], auxClockPeriod: 3, verilator: VERILATOR });
    // Every output of every design was compared.
    expect(report.ports).toBe(design.top.ports.filter((p) => p.direction === 'output').length);
  }, 900_000);
  it('Icarus (4-state) agrees with the built-in simulator, with no X or Z on any output', () => {
    expect(compareWithIcarus(design, { cycles: CYCLES, seed: 12, auxClockPeriod: 3 })).toEqual([]);
  }, 300_000);
});
