/**
 * Generates the stored behavioural table physics/data/behavioural-table.v1.json by Monte Carlo, then measures the
 * interpolation error against fresh Monte Carlo at off-grid points and records it in the file.
 *
 *   npx tsx physics/generate-table.ts [--trials 200] [--check-trials 400] [--workers 2] [--out file]
 */
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { defaultDeviceParams } from './parameters.ts';
import { computeMap, defaultMapSolver, linspace, runPoints, type MapSpec } from './switching-map.ts';
import { BehaviouralModel, defaultTablePath, TABLE_FORMAT, TABLE_VERSION, type BehaviouralTable } from './behavioural-model.ts';
import { Rng } from '../common/rng.ts';

/** Table grid: 0.1 V × 0.1 ns up to 5 ns (≥ 12 points per precession period), then long pulses up to 30 ns. */
export const TABLE_GRID = {
  temperaturesK: [250, 300, 350],
  amplitudesV: linspace(0.5, 1.9, 15),
  widthsS: [...linspace(0, 5e-9, 51), 6e-9, 8e-9, 10e-9, 15e-9, 20e-9, 30e-9],
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      trials: { type: 'string', default: '200' },
      'check-trials': { type: 'string', default: '400' },
      'check-points': { type: 'string', default: '40' },
      workers: { type: 'string', default: '2' },
      seed: { type: 'string', default: '20240716' },
      out: { type: 'string', default: defaultTablePath },
    },
  });
  const trials = Number(values.trials);
  const workers = Number(values.workers);
  const seed = Number(values.seed);
  const switched: BehaviouralTable['switched'][number][] = [];
  for (const temperatureK of TABLE_GRID.temperaturesK) {
    const spec: MapSpec = {
      params: { ...defaultDeviceParams, temperatureK },
      amplitudesV: TABLE_GRID.amplitudesV,
      widthsS: TABLE_GRID.widthsS,
      directions: ['P', 'AP'],
      trials,
      seed: seed + temperatureK,
      solver: defaultMapSolver,
    };
    const t0 = Date.now();
    const map = await computeMap(spec, { workers });
    switched.push(map.switched);
    console.log(`T = ${temperatureK} K: ${((Date.now() - t0) / 1e3).toFixed(1)} s`);
  }
  const partial: Omit<BehaviouralTable, 'accuracy'> = {
    format: TABLE_FORMAT,
    version: TABLE_VERSION,
    generatedBy: `npx tsx physics/generate-table.ts --trials ${trials} --check-trials ${values['check-trials']} --check-points ${values['check-points']} --seed ${seed}`,
    params: defaultDeviceParams,
    solver: defaultMapSolver,
    seed,
    trials,
    ...TABLE_GRID,
    switched,
  };
  // Accuracy: off-grid points (uniform in the grid's interior, widths up to 5 ns) against fresh Monte Carlo.
  const model = new BehaviouralModel({ ...partial, accuracy: { points: 0, trialsPerPoint: 0, meanAbsError: 0, maxAbsError: 0, maxExcessError: 0 } });
  const r = Rng.stream(seed, 0xacc);
  const nCheck = Number(values['check-points']);
  const checkTrials = Number(values['check-trials']);
  const pts = Array.from({ length: nCheck }, () => ({ v: 0.55 + 1.3 * r.nextDouble(), w: 0.05e-9 + 4.9e-9 * r.nextDouble(), from: r.nextU32() % 2 ? 'P' : 'AP' } as const));
  const errs: number[] = [];
  const excess: number[] = [];
  for (const [i, pt] of pts.entries()) {
    const spec: MapSpec = { params: defaultDeviceParams, amplitudesV: [pt.v], widthsS: [pt.w], directions: [pt.from], trials: checkTrials, seed: seed + 1000 + i, solver: defaultMapSolver };
    const [k] = await runPoints(spec, [0], { workers: 0 });
    const mc = k! / checkTrials;
    const m = model.pSwitch(pt.v, pt.w, pt.from);
    const se = Math.sqrt(Math.max(m * (1 - m), 1e-4) / trials + Math.max(mc * (1 - mc), 1e-4) / checkTrials);
    errs.push(Math.abs(m - mc));
    excess.push(Math.max(0, Math.abs(m - mc) - 2.58 * se));
  }
  const table: BehaviouralTable = {
    ...partial,
    accuracy: {
      points: nCheck,
      trialsPerPoint: checkTrials,
      meanAbsError: Number((errs.reduce((a, b) => a + b, 0) / errs.length).toFixed(4)),
      maxAbsError: Number(Math.max(...errs).toFixed(4)),
      maxExcessError: Number(Math.max(...excess).toFixed(4)),
    },
  };
  console.log('accuracy', table.accuracy);
  const rows = (m: Record<string, readonly (readonly number[])[]>): string =>
    `{${Object.entries(m).map(([d, rs]) => `\n      ${JSON.stringify(d)}: [\n${rs.map((x) => `        ${JSON.stringify(x)}`).join(',\n')}\n      ]`).join(',')}\n    }`;
  const body = Object.entries(table).map(([k, v]) =>
    k === 'switched' ? `  "switched": [\n    ${(v as BehaviouralTable['switched']).map(rows).join(',\n    ')}\n  ]` : `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
  );
  writeFileAtomic(values.out, `{\n${body.join(',\n')}\n}\n`);
  console.log(`wrote ${values.out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
