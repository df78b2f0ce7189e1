/** Proofs over struct fields and partial assignments: Yosys reads the part-selects, the replay runs the lowering. */
import { describe, expect, it } from 'vitest';
import { Module } from '../../hdl/core/module.ts';
import { defineStruct } from '../../hdl/core/struct.ts';
import { mux } from '../../hdl/core/value.ts';
import { elaborate } from '../../hdl/ir/elaborate.ts';
import { prove, replayTrace } from '../index.ts';

const State = defineStruct('state', { a: 3, b: 4 });

/** Field `a` counts 0..4 and wraps (a partial assignment); field `b` takes an input. */
function wrapCounter(bad: number | null): Module {
  const m = new Module('field_counter');
  const x = m.input('x', 4);
  const s = State.signal(m, 's');
  const a = s.fields.a;
  m.sync(a, mux(a.eq(4), 0, a.add(1).trunc(3)));
  m.sync(s.fields.b, x);
  m.assert(a.lt(5), 'a stays below 5', { name: 'a_below_5' });
  if (bad !== null) m.assert(a.ne(bad), 'a never reaches the bad value', { name: 'a_never_bad' });
  return m;
}

describe('prove over struct fields', () => {
  it('an invariant of a partially assigned field is proven; a false one fails and replays at the same cycle', async () => {
    expect((await prove(elaborate(wrapCounter(null)), { depth: 10, covers: false })).asserts.status).toBe('proven');
    const d = elaborate(wrapCounter(3));
    const r = await prove(d, { depth: 10, covers: false });
    expect(r.asserts.status).toBe('failed');
    if (r.asserts.status !== 'failed') return;
    expect([r.asserts.counterexample.property, r.asserts.counterexample.cycle]).toEqual(['a_never_bad', 3]);
    const replay = await replayTrace(d, r.asserts.counterexample);
    expect(replay.failures[0]).toMatchObject({ path: 'a_never_bad', cycle: 3 });
  }, 180_000);
});
