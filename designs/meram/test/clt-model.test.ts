/** The software model of the sum-of-bits generator makes the HDL's samples exactly (built-in simulator). */
import { describe, expect, it } from 'vitest';
import { planClt, meramClt, simulateClt } from '../index.ts';
import { runGenerator } from '../../../testbenches/harness.ts';

describe('sum-of-bits software model', () => {
  const cases = [
    { name: 'von Neumann, tracking, health', opts: { trackLimit: 4, trackRange: 2 } },
    { name: 'raw, health', opts: { trackLimit: 0, conditioner: 'none' as const } },
    { name: 'raw, tracking, drift, no health', opts: { trackLimit: 8, conditioner: 'none' as const, health: { enabled: false }, drift: { afterPulses: 3000, temperatureK: 340 } } },
  ];
  for (const c of cases) {
    it(`${c.name}: the same samples as the HDL`, async () => {
      const planned = planClt({ seed: 5, n: 8, variation: { keffRel: 0.05 }, calibration: 'nominal', ...c.opts });
      const samples = 3000;
      const hdl = await runGenerator(meramClt(planned.plan), { samples, record: ['ones', 'bits'] });
      const model = simulateClt(planned.plan, { samples });
      expect(Array.from(model.ones)).toEqual(Array.from(hdl.extra.get('ones')!));
      const bits = hdl.extra.get('bits')!;
      for (let s = 0; s < samples; s += 97) for (let i = 0; i < 8; i++) expect(model.bits[s * 8 + i]).toBe((bits[s]! >>> i) & 1);
    });
  }
});
