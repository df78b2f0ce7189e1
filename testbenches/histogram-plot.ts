/** A histogram of generator samples against the N(0,1) density, drawn with vega-lite and rendered to SVG. */
import * as vl from 'vega-lite';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { writeFileAtomic } from '../hdl/index.ts';
import type { LatticePmf } from '../verif/index.ts';

/** A pmf on a lattice, as the plot needs it (a `LatticePmf`, or one read back from JSON). */
export type PlotPmf = Pick<LatticePmf, 'step' | 'origin' | 'offset'> & { readonly probs: ArrayLike<number> };

/**
 * The histogram's vega-lite spec: bars = observed frequency per lattice cell (as a density), line = N(0,1) density,
 * points = the predicted pmf (as a density). `counts` are (code, number of samples) pairs.
 *
 * @example
 * const spec = histogramSpec([[0, 10], [1, 12]], predicted, 'title');
 */
export function histogramSpec(counts: Iterable<readonly [number, number]>, predicted: PlotPmf, title: string, size = { width: 640, height: 360 }): TopLevelSpec {
  const cells = [...counts];
  const n = cells.reduce((s, [, k]) => s + k, 0);
  const { step, origin } = predicted;
  const bars = cells.map(([c, k]) => ({ z0: origin + step * (c - 0.5), z1: origin + step * (c + 0.5), density: k / n / step, series: 'simulated' }));
  const pred = Array.from(predicted.probs, (p, i) => ({ z: origin + step * (predicted.offset + i), density: p / step, series: 'predicted pmf' })).filter((r) => r.density > 1e-6);
  const normal = Array.from({ length: 161 }, (_, i) => { const z = -4.5 + i * (9 / 160); return { z, density: Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI), series: 'N(0,1)' }; });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title, ...size,
    layer: [
      { data: { values: bars }, mark: { type: 'rect', opacity: 0.55 }, encoding: { x: { field: 'z0', type: 'quantitative', title: 'sample (standard deviations)', scale: { domain: [-4.5, 4.5] } }, x2: { field: 'z1' }, y: { field: 'density', type: 'quantitative', title: 'density' }, y2: { datum: 0 }, color: { field: 'series', type: 'nominal' } } },
      { data: { values: pred }, mark: { type: 'point', size: 10 }, encoding: { x: { field: 'z', type: 'quantitative' }, y: { field: 'density', type: 'quantitative' }, color: { field: 'series', type: 'nominal' } } },
      { data: { values: normal }, mark: { type: 'line', strokeWidth: 2 }, encoding: { x: { field: 'z', type: 'quantitative' }, y: { field: 'density', type: 'quantitative' }, color: { field: 'series', type: 'nominal' } } },
    ],
  };
}

/** Writes the histogram of `codes` against the predicted pmf and N(0,1) as an SVG (see {@link histogramSpec}). */
export async function writeHistogramSvg(file: string, codes: Int32Array, predicted: LatticePmf, title: string): Promise<void> {
  const counts = new Map<number, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const view = new vega.View(vega.parse(vl.compile(histogramSpec(counts, predicted, title)).spec), { renderer: 'none' });
  writeFileAtomic(file, await view.toSVG());
}
