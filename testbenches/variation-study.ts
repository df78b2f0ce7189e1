/**
 * Array variation study (one of the paper's open questions, first part): an R x C array of independently varied
 * devices (frozen K_eff and VCMA variation), each cell's P(1) at the nominal p = 1/2 setting, the spread of the width
 * code each cell needs for p = 1/2, and the sum-of-bits output law with calibration off (nominal codes), per array
 * (one width code for the whole array, chosen for the array's mean p) and per cell: its total variation to
 * binomial(N, 1/2) without conditioning, and the von Neumann reads per sample (with conditioning the law is exact).
 * Run: npx tsx testbenches/variation-study.ts [--rows 8 --cols 8 --keff 0.05 --xi 0.05 --seed 1] (writes build/studies/)
 */
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { planClt, pOneAfterPulse, DEFAULT_GRID } from '../designs/meram/index.ts';
import { binomialPmf, poissonBinomialPmf, totalVariation } from '../verif/index.ts';
import { writeFileAtomic } from '../common/atomic-write.ts';

/** Result of {@link variationStudy}. */
export interface VariationStudy {
  readonly pNominal: number[];
  /** The per-cell calibrated setting of each cell. */
  readonly ampCodes: number[];
  readonly widthCodes: number[];
  readonly tv: { readonly off: number; readonly perArray: number; readonly perCell: number };
}

/** Runs the study on one array (no simulation: exact laws from the calibrated cells). */
export function variationStudy(opts: { rows: number; cols: number; keffRel: number; xiRel: number; seed: number }): VariationStudy {
  const n = opts.rows * opts.cols;
  const variation = { keffRel: opts.keffRel, xiRel: opts.xiRel };
  const off = planClt({ seed: opts.seed, n, variation, calibration: 'nominal', tolerance: 0.5, health: { enabled: false }, conditioner: 'none' });
  const perCell = planClt({ seed: opts.seed, n, variation, tolerance: 0.5, health: { enabled: false }, conditioner: 'none' });
  const amp = off.plan.ampCodes[0]!;
  const pNominal = off.cells.map((c, i) => pOneAfterPulse(c, DEFAULT_GRID, off.plan.ampCodes[i]!, off.plan.widthCodes[i]!));
  // Per array: the one width code (at the nominal amplitude) whose mean p over the array is closest to 1/2.
  let best = { w: 0, err: Infinity };
  for (let w = 0; w < 2 ** DEFAULT_GRID.widthBits; w++) {
    const mean = off.cells.reduce((s, c) => s + pOneAfterPulse(c, DEFAULT_GRID, amp, w), 0) / n;
    if (Math.abs(mean - 0.5) < best.err) best = { w, err: Math.abs(mean - 0.5) };
  }
  const target = binomialPmf(n, 0.5);
  const tvOf = (ps: number[]): number => totalVariation(poissonBinomialPmf(ps), target);
  return {
    pNominal,
    ampCodes: [...perCell.plan.ampCodes],
    widthCodes: [...perCell.plan.widthCodes],
    tv: {
      off: tvOf(pNominal),
      perArray: tvOf(off.cells.map((c) => pOneAfterPulse(c, DEFAULT_GRID, amp, best.w))),
      perCell: tvOf(perCell.cells.map((c, i) => pOneAfterPulse(c, DEFAULT_GRID, perCell.plan.ampCodes[i]!, perCell.plan.widthCodes[i]!))),
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    rows: { type: 'string', default: '8' }, cols: { type: 'string', default: '8' }, keff: { type: 'string', default: '0.05' },
    xi: { type: 'string', default: '0.05' }, seed: { type: 'string', default: '1' }, out: { type: 'string', default: 'build/studies' },
  } });
  const rows = Number(values.rows);
  const cols = Number(values.cols);
  const r = variationStudy({ rows, cols, keffRel: Number(values.keff), xiRel: Number(values.xi), seed: Number(values.seed) });
  const stats = (xs: number[]): string => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    return `mean ${m.toFixed(3)}, sd ${sd.toFixed(3)}, min ${Math.min(...xs).toFixed(3)}, max ${Math.max(...xs).toFixed(3)}`;
  };
  const map = Array.from({ length: rows }, (_, i) => r.pNominal.slice(i * cols, (i + 1) * cols).map((p) => p.toFixed(2)).join(' ')).join('\n');
  const text = [
    `# ${rows}x${cols} array, K_eff ${values.keff}, xi ${values.xi}, seed ${values.seed}`,
    '', 'P(1) per cell at the nominal p = 1/2 setting:', map, '', `P(1) at the nominal setting: ${stats(r.pNominal)}`,
    `per-cell setting for p = 1/2: amplitude codes ${[...new Set(r.ampCodes)].sort((a, b) => a - b).map((a) => `${a} (x${r.ampCodes.filter((x) => x === a).length})`).join(', ')}; width codes ${stats(r.widthCodes)}`, '',
    '| calibration | TV of the raw popcount to binomial(N, 1/2) |', '|---|---|',
    `| off (nominal codes) | ${r.tv.off.toExponential(3)} |`, `| per array (one width code) | ${r.tv.perArray.toExponential(3)} |`, `| per cell | ${r.tv.perCell.toExponential(3)} |`,
    '', 'With the von Neumann conditioner the popcount is exactly binomial(N, 1/2) in all three cases.',
  ].join('\n');
  fs.mkdirSync(values.out!, { recursive: true });
  writeFileAtomic(path.join(values.out!, `variation-${rows}x${cols}.md`), text + '\n');
  console.log(text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
