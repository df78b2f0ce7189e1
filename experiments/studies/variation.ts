/**
 * The array variation study (testbenches/variation-study.ts) as a sharded study: units are (array size, seed), so
 * many frozen arrays per size can be spread over machines; the report gives the TV spread over the arrays.
 */
import { variationStudy } from '../../testbenches/variation-study.ts';
import { round } from './quality.ts';
import type { Json, Study } from './study.ts';

/** Configuration: array shapes, seeds, variation sigmas. */
export interface VariationConfig {
  readonly shapes: readonly (readonly [number, number])[];
  readonly seeds: readonly number[];
  readonly keffRel: number;
  readonly xiRel: number;
}

export const variationStudyDef: Study = {
  name: 'variation',
  config: (size) => ({ shapes: [[8, 8], [16, 16]], seeds: size === 'ci' ? [1, 2] : Array.from({ length: 16 }, (_, i) => i + 1), keffRel: 0.05, xiRel: 0.05 }),
  units: (cfg) => {
    const c = cfg as unknown as VariationConfig;
    return c.shapes.flatMap((_, hi) => c.seeds.map((_, si) => [hi, si]));
  },
  run: (cfg, unit) => {
    const c = cfg as unknown as VariationConfig;
    const [hi, si] = unit as unknown as [number, number];
    const [rows, cols] = c.shapes[hi]!;
    const r = variationStudy({ rows, cols, keffRel: c.keffRel, xiRel: c.xiRel, seed: c.seeds[si]! });
    return { off: round(r.tv.off), perArray: round(r.tv.perArray), perCell: round(r.tv.perCell) } as Json;
  },
  report: async (cfg, res) => {
    const c = cfg as unknown as VariationConfig;
    const rs = res as unknown as { off: number; perArray: number; perCell: number }[];
    const lines = ['| array | arrays | TV off: mean (max) | per array | per cell |', '|---|---|---|---|---|'];
    c.shapes.forEach(([r, k], hi) => {
      const part = rs.slice(hi * c.seeds.length, (hi + 1) * c.seeds.length);
      const f = (g: (x: (typeof rs)[number]) => number): string => `${(part.reduce((s, x) => s + g(x), 0) / part.length).toExponential(2)} (${Math.max(...part.map(g)).toExponential(2)})`;
      lines.push(`| ${r}x${k} | ${part.length} | ${f((x) => x.off)} | ${f((x) => x.perArray)} | ${f((x) => x.perCell)} |`);
    });
    return { 'variation.md': `# Array variation over seeds (K_eff ${c.keffRel}, ξ ${c.xiRel})\n\n${lines.join('\n')}\n` };
  },
};
