/** The array variation study: per-cell calibration brings the raw popcount of a varied 8x8 array near binomial. */
import { describe, expect, it } from 'vitest';
import { variationStudy } from './variation-study.ts';

describe('array variation study (8x8, 5 % K_eff and xi)', () => {
  it('calibration off leaves TV > 0.05 to binomial(64, 1/2); per cell brings it under 0.01', () => {
    const r = variationStudy({ rows: 8, cols: 8, keffRel: 0.05, xiRel: 0.05, seed: 1 });
    expect(r.pNominal).toHaveLength(64);
    expect(r.tv.off).toBeGreaterThan(0.05);
    expect(r.tv.perArray).toBeLessThanOrEqual(r.tv.off);
    expect(r.tv.perCell).toBeLessThan(0.01);
  });
});
