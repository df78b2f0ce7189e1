/** The valid/ready output stage shared by the generators: one sample register, refilled as soon as it is taken. */
import type { Module } from '../../hdl/core/module.ts';
import type { Signal, Value } from '../../hdl/core/value.ts';
import type { HealthHooks } from './health.ts';

/**
 * Declares `valid` and returns `free`: 1 when a new operation may start (the register is empty, or is being taken
 * this cycle). Call `load()` inside the logic that produces a sample to fill the register. With `health`, `valid`
 * also waits for the health tests (health.ts).
 */
export function outputStage(m: Module, ready: Signal, health?: HealthHooks): { valid: Signal; free: Value; load: () => void } {
  const valid = m.output('valid', 1);
  if (health) {
    // `valid` only while the health tests are ok; during start-up the register is refilled (samples dropped), after
    // an error it stays full and untaken, so the generator stops.
    const full = m.signal('sample_full', 1);
    m.comb(valid, full.and(health.ok));
    const taken = valid.and(ready);
    m.If(taken, () => m.sync(full, 0));
    return { valid, free: full.not().or(taken).or(health.warming), load: () => m.sync(full, 1) };
  }
  const taken = valid.and(ready);
  const free = valid.not().or(ready);
  m.If(taken, () => m.sync(valid, 0));
  // Declared after the clearing statement, so a load in the same cycle wins (later statements take priority).
  return { valid, free, load: () => m.sync(valid, 1) };
}
