/**
 * Proofs with Yosys SAT: proven (with the induction length), failed (a counterexample from power-on), unknown at the
 * bound; covers reached with a trace; counterexamples written as VCD and replayed on the built-in simulator, which
 * hits the same assertion in the same cycle. Then the MeRAM controller's properties, and a broken controller failing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Module } from '../../hdl/core/module.ts';
import { elaborate } from '../../hdl/ir/elaborate.ts';
import { parseVcd, prove, replayTrace } from '../index.ts';
import { OutputStageProof, PulseControllerProof, operationCycles } from '../../designs/meram/properties.ts';
import { constrainedPhases } from '../../designs/meram/timing.ts';
import { chain, counter } from './fixtures.ts';

describe('prove (Yosys sat: BMC + k-induction)', () => {
  it('a true inductive assertion is proven; its cover is reached by a shortest trace', async () => {
    const r = await prove(elaborate(counter(10)), { depth: 12 });
    expect(r.asserts).toEqual({ status: 'proven', inductionDepth: 1 });
    expect(r.covers.map((c) => [c.property, c.reached, c.cycle])).toEqual([['reach5', true, 5]]);
    expect(r.covers[0]!.trace!.inputs.length).toBe(6);
  }, 120_000);

  it('a false assertion fails with a counterexample (VCD), and the replay fails at the same assertion and cycle', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formal-'));
    const d = elaborate(counter(9));
    const r = await prove(d, { depth: 12, vcdDir: dir, covers: false });
    expect(r.asserts.status).toBe('failed');
    if (r.asserts.status !== 'failed') return;
    const cex = r.asserts.counterexample;
    expect([cex.property, cex.cycle, cex.loc?.file]).toEqual(['below_bound', 9, 'formal/test/fixtures.ts']);
    expect(fs.readFileSync(cex.vcdPath!, 'utf8')).toMatch(/\$var wire 4 \S+ \\q \$end/);
    expect(parseVcd(fs.readFileSync(cex.vcdPath!, 'utf8')).steps.length).toBe(cex.inputs.length);
    const replay = await replayTrace(d, cex);
    expect(replay.failures[0]).toMatchObject({ path: cex.property, cycle: cex.cycle, values: { q: 9n } });
  }, 120_000);

  it('assumptions constrain the inputs; combinational properties are proven or refuted too', async () => {
    const m = counter(9);
    m.assume(m.signals.find((x) => x.name === 'en')!.eq(0), 'en held low');
    expect((await prove(elaborate(m), { depth: 12, covers: false })).asserts.status).toBe('proven');
    const c = new Module('comb');
    const a = c.input('a', 4);
    const y = c.output('y', 5);
    c.comb(y, a.add(1));
    c.assert(y.gt(a), 'a + 1 > a without overflow', { name: 'grows' });
    c.assert(y.ne(16), 'never 16 (false: a = 15)', { name: 'not16' });
    const r = await prove(elaborate(c), { depth: 2, covers: false });
    expect(r.asserts.status === 'failed' && [r.asserts.counterexample.property, r.asserts.counterexample.inputs[0]!.a]).toEqual(['not16', 15n]);
  }, 120_000);

  it('a true but not k-inductive assertion is unknown at the bound', async () => {
    const r = await prove(elaborate(chain()), { depth: 6, covers: false });
    expect(r.asserts).toEqual({ status: 'unknown', bound: 6 });
  }, 120_000);
});

describe('MeRAM control logic properties', () => {
  const timing = constrainedPhases();
  for (const cfg of [{ resetWrite: true, pulses: 2 }, { resetWrite: false, pulses: 3 }]) {
    it(`pulse controller (${JSON.stringify(cfg)}): no pulse during a read, stable codes, operation bound, FSM encodings — proven`, async () => {
      const d = elaborate(PulseControllerProof({ ...timing, ...cfg }));
      const r = await prove(d, { depth: 2 * operationCycles({ ...timing, ...cfg }) });
      expect(r.asserts.status).toBe('proven');
      if (r.asserts.status === 'proven') console.log(`pulse controller ${JSON.stringify(cfg)}: proven at induction length ${r.asserts.inductionDepth}`);
      expect(r.covers[0]).toMatchObject({ property: 'op_done', reached: true, cycle: operationCycles({ ...timing, ...cfg }) });
    }, 180_000);
  }

  it('the broken controller fails no_pulse_during_read; the replayed counterexample hits it in the same cycle', async () => {
    const d = elaborate(PulseControllerProof({ ...timing, resetWrite: true, pulses: 2, broken: true }));
    const r = await prove(d, { depth: 20, covers: false });
    expect(r.asserts.status).toBe('failed');
    if (r.asserts.status !== 'failed') return;
    const cex = r.asserts.counterexample;
    expect(cex.property).toBe('no_pulse_during_read');
    const replay = await replayTrace(d, cex);
    expect(replay.failures[0]).toMatchObject({ path: 'no_pulse_during_read', cycle: cex.cycle });
    expect(replay.failures[0]!.values).toMatchObject({ u_dut_pulse_en: 1n, u_dut_strobe: 1n });
  }, 180_000);

  it('valid/ready output stage: valid and the sample hold while valid && !ready — proven; a stall is reachable', async () => {
    const r = await prove(elaborate(OutputStageProof({ width: 8 })), { depth: 8 });
    expect(r.asserts.status).toBe('proven');
    expect(r.covers[0]).toMatchObject({ property: 'stall', reached: true });
  }, 120_000);
});
