/** Line plots of the studies (vega-lite, rendered to SVG by physics/plot.ts's renderer). */
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../../physics/plot.ts';

/** One point of a line plot: x, y, optional band [lo, hi], and its series. */
export interface PlotRow {
  readonly x: number;
  readonly y: number;
  readonly lo?: number;
  readonly hi?: number;
  readonly series: string;
}

/**
 * An SVG line plot of `rows` by series, with bands where rows give lo/hi, and optional horizontal rules (bounds).
 * @example const svg = await linePlot(rows, { title: 'P(1) against T', x: 'T (K)', y: 'P(1)' });
 */
export async function linePlot(rows: readonly PlotRow[], o: { title: string; x: string; y: string; logX?: boolean; logY?: boolean; rules?: readonly { y: number; label: string }[] }): Promise<string> {
  const x = { field: 'x', type: 'quantitative' as const, title: o.x, scale: o.logX ? { type: 'log' as const } : { zero: false } };
  const y = { field: 'y', type: 'quantitative' as const, title: o.y, scale: o.logY ? { type: 'log' as const } : { zero: false } };
  const color = { field: 'series', type: 'nominal' as const, legend: { labelLimit: 320 } };
  const banded = rows.filter((r) => r.lo !== undefined && r.hi !== undefined);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: o.title, width: 560, height: 320,
    layer: [
      ...(banded.length ? [{ data: { values: banded }, mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color } }] : []),
      { data: { values: rows }, mark: { type: 'line', point: true }, encoding: { x, y, color } },
      ...(o.rules ?? []).map((r) => ({ data: { values: [{ y: r.y, label: r.label }] }, mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { y: { field: 'y', type: 'quantitative' } } })),
    ],
  } as unknown as TopLevelSpec;
  return renderSvg(spec);
}
