/**
 * `meram-hdl report`: one self-contained HTML file (inline CSS and SVG, no network) for a flow run: device parameters
 * and P_sw maps, calibration table, histogram and QQ plot against N(0,1), test p-values, synthesis per corner, and, when
 * their files exist, the energy comparison (build/energy/energy.json) and diffusion results (build/diffusion/results.json)
 * rendered generically (arrays of row objects become tables).
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { str, type Verb } from './args.ts';
import { DesignFileError, UsageError } from './errors.ts';
import { FLOW_FORMAT, type FlowResult } from './flow-result.ts';
import { reportPlots } from './report-plots.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function cell(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toPrecision(4);
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return esc(JSON.stringify(v));
  return esc(String(v));
}

const isRow = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** An array of row objects as an HTML table (columns: the union of the rows' keys, in first-seen order). */
export function table(rows: readonly Record<string, unknown>[]): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return `${rows.length > 30 ? '<div class="scroll">' : ''}<table><thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${cols.map((c) => `<td>${cell(r[c])}</td>`).join('')}</tr>`).join('')}</tbody></table>${rows.length > 30 ? '</div>' : ''}`;
}

/**
 * Any JSON value as HTML: arrays of objects become tables, objects a key/value table of their scalars followed by
 * their nested parts under headings, other arrays a list.
 *
 * @example
 * genericJson({ runs: [{ arch: 'tree', fJ: 497 }], note: 'x' }); // '<table>…note…</table><h4>runs</h4><table>…'
 */
export function genericJson(v: unknown, depth = 0): string {
  if (Array.isArray(v)) {
    if (v.length && v.every(isRow)) return table(v);
    return `<p>${v.map(cell).join(', ')}</p>`;
  }
  if (!isRow(v)) return `<p>${cell(v)}</p>`;
  const scalars = Object.entries(v).filter(([, x]) => typeof x !== 'object' || x === null);
  const nested = Object.entries(v).filter(([, x]) => typeof x === 'object' && x !== null);
  const h = `h${Math.min(4 + depth, 6)}`;
  return [
    scalars.length ? table(scalars.map(([k, x]) => ({ quantity: k, value: x as never }))) : '',
    ...nested.map(([k, x]) => `<${h}>${esc(k)}</${h}>${genericJson(x, depth + 1)}`),
  ].join('\n');
}

/** Gives each inline SVG its own id namespace (several plots on one page must not share clip-path ids). */
function scopeIds(svg: string, prefix: string): string {
  return svg.replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`).replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.6em 0;font-size:13px}th,td{border:1px solid #ddd;padding:2px 8px;text-align:right}
th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.plots{display:flex;flex-wrap:wrap;gap:1em}
figure{margin:0}.pass{color:#1a7f37;font-weight:600}.fail{color:#c62828;font-weight:600}pre{background:#f7f7f7;padding:.6em;overflow:auto}.scroll{max-height:420px;overflow:auto;display:inline-block}`;

/** Optional sections: a title and the JSON file they are rendered from. */
export interface ExtraSection { readonly id: string; readonly title: string; readonly file: string }

/**
 * The report's HTML for a flow result (plots rendered inline; extra sections only for files that exist).
 *
 * @example
 * const html = await reportHtml(JSON.parse(fs.readFileSync('build/handoff/flow.json', 'utf8')), []);
 */
export async function reportHtml(r: FlowResult, extras: readonly ExtraSection[]): Promise<string> {
  const plots = await reportPlots(r);
  const fig = (name: string): string => `<figure class="plot" data-plot="${name}">${scopeIds(plots[name]!, name)}</figure>`;
  const params = Object.entries(r.device.params).filter(([, v]) => typeof v === 'number' || typeof v === 'string').map(([k, v]) => ({ parameter: k, value: v as number }));
  const ok = (b: boolean): string => `<span class="${b ? 'pass' : 'fail'}">${b ? 'pass' : 'FAIL'}</span>`;
  const sections: [string, string, string][] = [
    ['run', 'Run', table([{ design: r.design, architecture: r.arch, seed: r.seed, samples: r.samples, backend: r.backend }]) + genericJson(r.summary)],
    ['device', 'Device parameters and P_sw maps', `<pre>${esc(r.device.description)}</pre>${table(params)}<div class="plots">${fig('psw-P')}${fig('psw-AP')}</div>`],
    ['calibration', 'Calibration', `<p>Calibrated pulse settings (amplitude and width codes of the DAC grid), with the nominal device's P→AP switching probability and write energy.</p>${table(r.calibration)}`],
    ['distribution', 'Samples against N(0,1)', `<div class="plots">${fig('histogram')}${fig('qq')}</div>${table([{ comparison: 'predicted pmf vs N(0,1)', ...r.toNormal }, { comparison: 'predicted pmf vs design target', ...r.toTarget }])}`],
    ['tests', 'Statistical tests', `<p>Samples against the predicted pmf, one Bonferroni family at 0.01: ${ok(r.tests.passed)}.</p>${table(r.tests.checks.map((c) => ({ check: c.name, 'p-value': c.pValue, threshold: r.tests.alphaPerCheck, result: c.passed ? 'pass' : 'FAIL' })))}${fig('pvalues')}`],
    ['synthesis', 'Synthesis', table(r.synthesis.map((s) => ({
      library: s.library, 'V': s.voltage, 'clock ns': s.periodNs, cells: s.cellCount, 'area µm²': s.areaUm2, 'flip-flops': s.flipFlops, 'leakage nW': s.leakageNw,
      'energy pJ/cycle': s.energyPjPerCycle, 'power µW': s.powerUw, 'critical path ns': s.timing?.pathNs ?? null, 'slack ns': s.timing?.slackNs ?? null,
      macros: Object.entries(s.macros).map(([k, v]) => `${v} × ${k}`).join(', '),
    }))) + r.synthesis.map((s) => `<h4>cells, ${esc(s.library)}</h4>${table(Object.entries(s.cells).map(([cellType, count]) => ({ cell: cellType, count })))}`).join('')],
  ];
  for (const x of extras) {
    if (!fs.existsSync(x.file)) continue;
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(x.file, 'utf8'));
    } catch (e) {
      throw new DesignFileError(`${x.file} is not valid JSON: ${(e as Error).message}`);
    }
    sections.push([x.id, x.title, `<p>From <code>${esc(x.file)}</code>.</p>${genericJson(data)}`]);
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>meram-hdl report: ${esc(r.design)}</title><style>${CSS}</style></head>
<body><h1>meram-hdl report: ${esc(r.design)}</h1>
<nav>${sections.map(([id, title]) => `<a href="#${id}">${esc(title)}</a>`).join(' · ')}</nav>
${sections.map(([id, title, body]) => `<section id="${id}" data-section="${id}"><h2>${esc(title)}</h2>\n${body}\n</section>`).join('\n')}
</body></html>
`;
}

/** The newest build/meram/<design>/flow.json (what `make demo` leaves). */
function newestFlow(): string | undefined {
  const root = path.join('build', 'meram');
  if (!fs.existsSync(root)) return undefined;
  return fs.readdirSync(root).map((d) => path.join(root, d, 'flow.json')).filter((f) => fs.existsSync(f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

/** `meram-hdl report [FLOW.json] [--out FILE] [--energy FILE] [--diffusion FILE]` */
export const reportVerb: Verb = {
  name: 'report',
  summary: 'write one self-contained HTML report (plots inline) of a flow run',
  help: `usage: meram-hdl report [FLOW.json] [options]

Writes a self-contained HTML report (inline CSS and SVG; opens without network) of a flow run: device parameters and
P_sw maps, calibration, histogram and QQ plot against N(0,1), test p-values, synthesis per corner, and the energy
comparison and diffusion results when their files exist. FLOW.json defaults to the newest build/meram/*/flow.json.
  --out FILE         the HTML file (default: report.html beside FLOW.json)
  --energy FILE      energy comparison JSON (default build/energy/energy.json, from make energy)
  --diffusion FILE   diffusion results JSON (default build/diffusion/results.json, from make diffusion)

example: meram-hdl flow --out build/handoff && meram-hdl report build/handoff/flow.json`,
  options: { out: { type: 'string', short: 'o' }, energy: { type: 'string' }, diffusion: { type: 'string' } },
  positionals: [0, 1],
  async run(args) {
    const file = args.positionals[0] ?? newestFlow();
    if (!file) throw new UsageError('report', 'no flow.json given and none in build/meram/ (run meram-hdl flow first)');
    if (!fs.existsSync(file)) throw new UsageError('report', `no such file '${file}'`);
    let r: FlowResult;
    try {
      r = JSON.parse(fs.readFileSync(file, 'utf8')) as FlowResult;
    } catch (e) {
      throw new DesignFileError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (r.format !== FLOW_FORMAT) throw new DesignFileError(`${file} is not a flow result (format '${String(r.format)}', expected '${FLOW_FORMAT}')`);
    const html = await reportHtml(r, [
      { id: 'energy', title: 'Energy comparison', file: str(args, 'energy', path.join('build', 'energy', 'energy.json')) },
      { id: 'diffusion', title: 'Diffusion results', file: str(args, 'diffusion', path.join('build', 'diffusion', 'results.json')) },
    ]);
    const out = str(args, 'out', path.join(path.dirname(file), 'report.html'));
    writeFileAtomic(out, html);
    console.log(`wrote ${out} (${(html.length / 1024).toFixed(0)} KiB)`);
  },
};
