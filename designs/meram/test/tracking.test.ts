/**
 * The bias-tracking loop's exact stationary law (tracking.ts) against long model runs of the generator (simulateClt,
 * read for read the HDL): the measured fraction of raw ones of each cell of a drifted array matches the law within
 * 4 standard errors (batch means), for the raw and the von Neumann loop; the loop-off p is far outside (power).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRID, planClt, pOneAfterPulse, simulateClt, thresholdTable, trackingLaw, trackedWidth, wornDevice, type FlowCell } from '../index.ts';

function batchMeans(xs: Uint8Array, batches: number): { mean: number; se: number } {
  const size = Math.floor(xs.length / batches);
  const ms: number[] = [];
  for (let b = 0; b < batches; b++) { let s = 0; for (let k = b * size; k < (b + 1) * size; k++) s += xs[k]!; ms.push(s / size); }
  const mean = ms.reduce((a, b) => a + b, 0) / batches;
  const sd = Math.sqrt(ms.reduce((a, b) => a + (b - mean) ** 2, 0) / (batches - 1));
  return { mean, se: sd / Math.sqrt(batches) };
}

describe('bias-tracking loop: exact stationary law', () => {
  it('the width code follows the integrator as in the HDL (floor division, clamped to ±trackRange)', () => {
    const { plan } = planClt({ seed: 3, n: 2, trackLimit: 4, trackRange: 2, health: { enabled: false } });
    const w0 = plan.widthCodes[0]!;
    const s = plan.slopes[0]!;
    expect(trackedWidth(plan, 0, 0)).toBe(w0);
    expect(trackedWidth(plan, 0, 3)).toBe(w0);
    expect(trackedWidth(plan, 0, -1)).toBe(w0 + s); // -1 >> 2 = -1: a count below zero already steps
    expect(trackedWidth(plan, 0, 100)).toBe(w0 - 2 * s);
  });

  for (const conditioner of ['none', 'von-neumann'] as const) {
    it(`matches 3 x 10^5 model reads per cell of a K_eff -8 % array (${conditioner})`, () => {
      const planned = planClt({ seed: 11, n: 4, trackLimit: 4, trackRange: 2, variation: { keffRel: 0.02 }, conditioner, health: { enabled: false } });
      const worn = planned.cells.map((c) => thresholdTable(wornDevice(c.device, -0.08), DEFAULT_GRID));
      const plan = { ...planned.plan, cells: planned.plan.cells.map((c, i) => ({ ...c, drift: { afterPulses: 0, thresholds: worn[i]! } })) };
      const ops = 300_000;
      const r = simulateClt(plan, { ops });
      planned.cells.forEach((c, i) => {
        const changed: FlowCell = { ...c, model: { ...c.model, thresholds: worn[i]! } };
        const pAt = (w: number): number => pOneAfterPulse(changed, DEFAULT_GRID, plan.ampCodes[i]!, w);
        const law = trackingLaw(plan, i, pAt);
        const reads = Uint8Array.from({ length: ops - 1000 }, (_, k) => r.raw[(k + 1000) * 4 + i]!);
        const m = batchMeans(reads, 100);
        expect(Math.abs(m.mean - law.pOne), `cell ${i}: measured ${m.mean}, law ${law.pOne}`).toBeLessThan(4 * m.se + 1e-4);
        // Power: the loop-off probability is far from what the loop holds.
        expect(Math.abs(m.mean - pAt(plan.widthCodes[i]!)), `cell ${i}`).toBeGreaterThan(10 * m.se);
      });
    }, 60_000);
  }
});
