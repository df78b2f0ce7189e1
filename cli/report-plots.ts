/**
 * The plots of the HTML report, as vega-lite specs rendered to SVG (physics/plot.ts's headless renderer): P_sw maps,
 * histogram against N(0,1), QQ plot against N(0,1), test p-values.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../physics/plot.ts';
import { histogramSpec } from '../testbenches/histogram-plot.ts';
import { normalQuantile } from '../verif/stats/special.ts';
import type { FlowResult } from './flow-result.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Heatmap of P_sw over pulse width × amplitude for one switching direction. */
export function pswSpec(r: FlowResult, from: 'P' | 'AP'): TopLevelSpec {
  return {
    $schema: SCHEMA, title: `P_sw of the nominal device, ${from === 'P' ? 'P → AP' : 'AP → P'}`, width: 520, height: 260,
    data: { values: r.pswMap.filter((x) => x.from === from).map((x) => ({ width: Number(x.widthNs.toFixed(3)), amplitude: Number(x.amplitudeV.toFixed(3)), p: x.p })) },
    mark: 'rect',
    encoding: {
      x: { field: 'width', type: 'ordinal', title: 'pulse width (ns)', axis: { labelAngle: -60 } },
      y: { field: 'amplitude', type: 'ordinal', title: 'pulse amplitude (V)', sort: 'descending' },
      color: { field: 'p', type: 'quantitative', title: 'P_sw', scale: { domain: [0, 1], scheme: 'viridis' } },
    },
  };
}

/** Value of each lattice code. */
function value(r: FlowResult, code: number): number {
  return r.histogram.predicted.origin + r.histogram.predicted.step * code;
}

/** Histogram of the simulated samples (as a density) with the predicted pmf and the N(0,1) density. */
export function reportHistogramSpec(r: FlowResult): TopLevelSpec {
  return histogramSpec(r.histogram.counts, r.histogram.predicted, `${r.design}: ${r.samples} simulated samples against N(0,1)`, { width: 560, height: 300 });
}

/**
 * Quantiles of the samples against those of N(0,1) at 199 probabilities (a discrete sample gives steps; a generator
 * that matches N(0,1) stays on the diagonal).
 */
export function qqRows(r: FlowResult): { theoretical: number; sample: number }[] {
  const counts = r.histogram.counts;
  const n = counts.reduce((s, [, k]) => s + k, 0);
  const rows: { theoretical: number; sample: number }[] = [];
  let i = 0;
  let cum = 0;
  for (let k = 1; k < 200; k++) {
    const p = k / 200;
    while (i < counts.length - 1 && cum + counts[i]![1] < p * n) cum += counts[i++]![1];
    rows.push({ theoretical: normalQuantile(p), sample: value(r, counts[i]![0]) });
  }
  return rows;
}

/** QQ plot against N(0,1). */
export function qqSpec(r: FlowResult): TopLevelSpec {
  return {
    $schema: SCHEMA, title: 'QQ plot against N(0,1)', width: 320, height: 320,
    layer: [
      { data: { values: [{ x: -3, y: -3 }, { x: 3, y: 3 }] }, mark: { type: 'line', strokeDash: [4, 4], color: 'gray' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
      { data: { values: qqRows(r) }, mark: { type: 'point', filled: true, size: 16 }, encoding: { x: { field: 'theoretical', type: 'quantitative', title: 'N(0,1) quantile' }, y: { field: 'sample', type: 'quantitative', title: 'sample quantile' } } },
    ],
  };
}

/** p-value of each statistical check on a log axis, with the per-check threshold. */
export function pValueSpec(r: FlowResult): TopLevelSpec {
  const rows = r.tests.checks.map((c) => ({ check: c.name, p: Math.max(c.pValue, 1e-300), result: c.passed ? 'pass' : 'FAIL' }));
  return {
    $schema: SCHEMA, title: `p-values (threshold ${r.tests.alphaPerCheck.toExponential(2)} per check)`, width: 420, height: 24 * Math.max(rows.length, 1),
    layer: [
      { data: { values: rows }, mark: 'bar', encoding: { y: { field: 'check', type: 'nominal', title: null }, x: { field: 'p', type: 'quantitative', scale: { type: 'log', domain: [1e-6, 1], clamp: true }, title: 'p-value' }, x2: { datum: 1e-6 }, color: { field: 'result', type: 'nominal', scale: { domain: ['pass', 'FAIL'], range: ['#4c78a8', '#e45756'] } } } },
      { data: { values: [{ a: r.tests.alphaPerCheck }] }, mark: { type: 'rule', color: 'black', strokeDash: [3, 3] }, encoding: { x: { field: 'a', type: 'quantitative' } } },
    ],
  };
}

/** Every plot of the report as SVG, by name. */
export async function reportPlots(r: FlowResult): Promise<Record<string, string>> {
  return {
    'psw-P': await renderSvg(pswSpec(r, 'P')),
    'psw-AP': await renderSvg(pswSpec(r, 'AP')),
    histogram: await renderSvg(reportHistogramSpec(r)),
    qq: await renderSvg(qqSpec(r)),
    pvalues: await renderSvg(pValueSpec(r)),
  };
}
