/** The valid/ready output stage shared by the generators: one sample register, refilled as soon as it is taken. */
import type { Module } from '../../hdl/core/module.ts';
import type { Signal, Value } from '../../hdl/core/value.ts';

/**
 * Declares `valid` and returns `free`: 1 when a new operation may start (the register is empty, or is being taken
 * this cycle). Call `load()` inside the logic that produces a sample to fill the register.
 */
export function outputStage(m: Module, ready: Signal): { valid: Signal; free: Value; load: () => void } {
  const valid = m.output('valid', 1);
  const taken = valid.and(ready);
  const free = valid.not().or(ready);
  m.If(taken, () => m.sync(valid, 0));
  // Declared after the clearing statement, so a load in the same cycle wins (later statements take priority).
  return { valid, free, load: () => m.sync(valid, 1) };
}
