/**
 * Plots of switching maps through vega-lite → vega, rendered headless to SVG in Node: a heatmap of P_sw over
 * amplitude × width per direction, and P_sw against width at several amplitudes with 95 % Wilson intervals.
 */
import * as vl from 'vega-lite';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { deriveQuantities } from './parameters.ts';
import type { MtjState } from './llg.ts';
import { mapEstimate, type SwitchingMap } from './switching-map.ts';

/**
 * Renders a vega-lite spec to an SVG string (no browser, no canvas).
 *
 * @example
 * const svg = await renderSvg({ data: { values: [{ x: 1, y: 2 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } });
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

interface Row {
  amplitudeV: number;
  widthNs: number;
  p: number;
  lo: number;
  hi: number;
  from: MtjState;
}

function rows(map: SwitchingMap): Row[] {
  return map.directions.flatMap((from) =>
    map.amplitudesV.flatMap((amplitudeV, ai) =>
      map.widthsS.map((w, wi) => {
        const e = mapEstimate(map, from, ai, wi);
        return { amplitudeV, widthNs: Number((w * 1e9).toPrecision(6)), p: e.p, lo: e.lo, hi: e.hi, from };
      }),
    ),
  );
}

const label = (from: MtjState): string => (from === 'P' ? 'P → AP' : 'AP → P');

function subtitle(map: SwitchingMap): string {
  const d = deriveQuantities(map.params);
  return `V_c = ${d.criticalVoltageV.toFixed(3)} V, f(V_c) = ${(d.precessionFrequencyAtVcHz / 1e9).toFixed(3)} GHz, Δ = ${d.thermalStability.toFixed(1)}, α = ${map.params.damping}, ${map.trials} trials/point`;
}

/**
 * Heatmap of P_sw (colour) over pulse width (x) and amplitude (y) for one direction.
 *
 * @example
 * fs.writeFileSync('map-P.svg', await heatmapSvg(map, 'P'));
 */
export async function heatmapSvg(map: SwitchingMap, from: MtjState): Promise<string> {
  const data = rows(map).filter((r) => r.from === from);
  return renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Switching probability ${label(from)}`, subtitle: subtitle(map) },
    width: 520,
    height: 420,
    data: { values: data },
    mark: 'rect',
    encoding: {
      x: { field: 'widthNs', type: 'ordinal', title: 'pulse width (ns)', axis: { format: '.2f', labelAngle: -45 } },
      y: { field: 'amplitudeV', type: 'ordinal', title: 'pulse amplitude (V)', sort: 'descending', axis: { format: '.3f' } },
      color: { field: 'p', type: 'quantitative', title: 'P_sw', scale: { domain: [0, 1], scheme: 'viridis' } },
      tooltip: [{ field: 'p' }, { field: 'lo' }, { field: 'hi' }],
    },
  });
}

/**
 * P_sw against width at up to `count` amplitudes (evenly picked from the grid), with 95 % Wilson bands.
 *
 * @example
 * fs.writeFileSync('curves-P.svg', await curvesSvg(map, 'P'));
 */
export async function curvesSvg(map: SwitchingMap, from: MtjState, count = 5): Promise<string> {
  const n = map.amplitudesV.length;
  const picks = new Set(Array.from({ length: Math.min(count, n) }, (_, i) => map.amplitudesV[Math.round((i * (n - 1)) / Math.max(1, Math.min(count, n) - 1))]!));
  const data = rows(map).filter((r) => r.from === from && picks.has(r.amplitudeV));
  const color = { field: 'amplitudeV', type: 'ordinal' as const, title: 'amplitude (V)', scale: { scheme: 'viridis' }, legend: { format: '.3f' } };
  return renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `P_sw against pulse width, ${label(from)}`, subtitle: subtitle(map) },
    width: 560,
    height: 340,
    data: { values: data },
    encoding: { x: { field: 'widthNs', type: 'quantitative', title: 'pulse width (ns)' } },
    layer: [
      { mark: { type: 'area', opacity: 0.18 }, encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color } },
      {
        mark: { type: 'line', point: true },
        encoding: { y: { field: 'p', type: 'quantitative', title: 'P_sw', scale: { domain: [0, 1] } }, color },
      },
    ],
  });
}

/**
 * Every plot of a map, keyed by file name (map-P.svg, curves-P.svg, …).
 *
 * @example
 * for (const [name, svg] of Object.entries(await mapPlots(map))) writeFileAtomic(`build/physics/${name}`, svg);
 */
export async function mapPlots(map: SwitchingMap): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const from of map.directions) {
    out[`map-${from}.svg`] = await heatmapSvg(map, from);
    out[`curves-${from}.svg`] = await curvesSvg(map, from);
  }
  return out;
}
