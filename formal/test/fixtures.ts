/** Small designs with properties for the formal tests. */
import { Module } from '../../hdl/core/module.ts';
import { initialCycle, past, rose, stable } from '../../hdl/core/property.ts';

/** A mod-10 counter with an enable; `bound` is the assertion's limit (q < bound holds for bound >= 10). */
export function counter(bound: number): Module {
  const m = new Module('cnt');
  const en = m.input('en', 1);
  const q = m.output('q', 4);
  m.If(en, () => m.sync(q, q.add(1).trunc(4)));
  m.If(q.eq(9), () => m.sync(q, 0));
  m.assert(q.lt(bound), 'q stays below bound', { name: 'below_bound' });
  m.cover(q.eq(5), 'q reaches 5', { name: 'reach5' });
  return m;
}

/** Past-value helpers in use: `q` counts up by one whenever `en` was high the cycle before. */
export function pastUser(): Module {
  const m = new Module('pastuser');
  const en = m.input('en', 1);
  const q = m.output('q', 8);
  m.If(en, () => m.sync(q, q.add(1).trunc(8)));
  m.If(en.not(), () => m.assert(initialCycle(m).or(past(m, en).not()).or(rose(m, q.bit(0))).or(q.bit(0).not()), 'odd after a step', { name: 'odd_step' }));
  m.assert(initialCycle(m).or(past(m, en)).or(stable(m, q)), 'q holds without en', { name: 'holds' });
  return m;
}

/** An 8-bit counter wrapping at 200: `x != 250` is true but only k-inductive for k > 50 (unreachable 200..249 lead to it). */
export function chain(): Module {
  const m = new Module('chain');
  const x = m.output('x', 8);
  m.sync(x, x.add(1).trunc(8));
  m.If(x.eq(199), () => m.sync(x, 0));
  m.assert(x.ne(250), 'never 250', { name: 'never250' });
  return m;
}
