/**
 * Fault injection study of the sum-of-bits generator (von Neumann conditioner, health tests on): for each fault of
 * designs/meram/faults.ts, over seeds, whether the health tests catch it, after how many raw reads of the faulty cell
 * (beside the expected delay from the tests' theory), with the bias-tracking loop off and on; and, with the health
 * tests off, what the output does (reads per sample, the battery against binomial(N, 1/2)).
 * Run: npx tsx testbenches/fault-study.ts [--seeds 50] [--out build/faults]   (make faults)
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import fs from 'node:fs';
import { planClt, simulateClt, injectFault, faultyPOne, type FaultSpec } from '../designs/meram/index.ts';
import { expectedDetectionDelay } from '../verif/index.ts';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { keffDrift } from '../physics/index.ts';
import { verifyGenerator } from './checks.ts';

/** The faults of the study. */
export const FAULTS: readonly { readonly name: string; readonly fault: FaultSpec }[] = [
  { name: 'stuck-at-P MTJ', fault: { kind: 'stuck-p' } },
  { name: 'stuck-at-AP MTJ', fault: { kind: 'stuck-ap' } },
  { name: 'dead sense amplifier', fault: { kind: 'dead-sa' } },
  { name: 'lost bias field', fault: { kind: 'no-bias-field' } },
  { name: 'DAC drift +2 codes', fault: { kind: 'dac-drift', codes: 2 } },
  { name: 'DAC drift -2 codes', fault: { kind: 'dac-drift', codes: -2 } },
  { name: 'temperature step 300 -> 350 K', fault: { kind: 'temperature', temperatureK: 350 } },
  { name: 'K_eff drift -10 % (wear law at 10^9 pulses)', fault: { kind: 'keff-drift', keffRel: keffDrift(1e9) } },
];

/** One row of the study. */
export interface FaultRow {
  readonly fault: string;
  readonly tracking: boolean;
  /** P(read = 1) of the faulty cell before and after. */
  readonly pBefore: number;
  readonly pAfter: number;
  readonly detected: number;
  readonly seeds: number;
  /** Mean and largest delay (reads of the faulty cell from the onset to the alarm) over the detecting seeds. */
  readonly meanDelay: number;
  readonly maxDelay: number;
  /** Expected delay from the tests' theory (Infinity: the tests cannot see it). */
  readonly theory: number;
  readonly firstTest: string;
}

/** Options of {@link faultStudy}. */
export interface FaultStudyOptions {
  readonly seeds: number;
  readonly n?: number;
  readonly afterOps?: number;
  /** Reads after the onset before a seed counts as undetected. */
  readonly horizon?: number;
}

/** Runs the detection part of the study (model runs, identical to the HDL). */
export function faultStudy(opts: FaultStudyOptions): FaultRow[] {
  const n = opts.n ?? 16;
  const afterOps = opts.afterOps ?? 3000;
  const horizon = opts.horizon ?? 20_000;
  const rows: FaultRow[] = [];
  for (const f of FAULTS) for (const tracking of [false, true]) {
    const delays: number[] = [];
    const tests: Record<string, number> = {};
    let pBefore = 0;
    let pAfter = 0;
    let theory = 0;
    for (let s = 0; s < opts.seeds; s++) {
      const planned = planClt({ seed: 1000 + s, n, trackLimit: tracking ? 4 : 0, trackRange: 2, variation: { keffRel: 0.02 } });
      const cell = s % n;
      const plan = injectFault(planned.plan, planned.cells, f.fault, { cell, afterOps });
      const r = simulateClt(plan, { ops: afterOps + horizon });
      const p0 = faultyPOne(planned.plan, cell);
      const p1 = faultyPOne(plan, cell);
      pBefore += p0 / opts.seeds;
      pAfter += p1 / opts.seeds;
      const stream = plan.health!.streams[cell]!;
      const pf = p1 < 1e-4 ? 0 : p1 > 1 - 1e-4 ? 1 : p1;
      theory += expectedDetectionDelay(pf, stream, p0).first / opts.seeds;
      if (r.alarm && r.alarm.op >= afterOps) {
        delays.push(r.alarm.op - afterOps + 1);
        tests[r.alarm.test] = (tests[r.alarm.test] ?? 0) + 1;
      }
    }
    rows.push({
      fault: f.name, tracking, pBefore, pAfter, detected: delays.length, seeds: opts.seeds,
      meanDelay: delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : NaN,
      maxDelay: delays.length ? Math.max(...delays) : NaN, theory,
      firstTest: Object.entries(tests).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || '-',
    });
  }
  return rows;
}

/** With the health tests off: what the conditioned output does after the fault (one seed). */
export function outputAfterFault(fault: FaultSpec, n = 16, afterOps = 3000, ops = 200_000): { readsPerSample: number; samples: number; batteryPassed: boolean | null } {
  const planned = planClt({ seed: 7, n, trackLimit: 4, trackRange: 2, health: { enabled: false } });
  const plan = injectFault(planned.plan, planned.cells, fault, { cell: 0, afterOps });
  const r = simulateClt(plan, { ops });
  const before = simulateClt(planned.plan, { ops: afterOps }).ones.length;
  const after = r.ones.subarray(before);
  return {
    readsPerSample: after.length ? (ops - afterOps) / after.length : Infinity,
    samples: after.length,
    batteryPassed: after.length >= 2000 ? verifyGenerator(after, planned.predicted, planned.target).battery.passed : null,
  };
}

/** The study as a markdown table. */
export function faultTable(rows: readonly FaultRow[]): string {
  const f = (x: number, d = 1): string => (Number.isFinite(x) ? (x > 1e6 ? x.toExponential(1) : x.toFixed(d)) : x === Infinity ? '∞' : '-');
  const lines = [
    '| fault | loop | P(1) before → after | detected | mean delay (reads) | max | theory | test |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.fault} | ${r.tracking ? 'on' : 'off'} | ${r.pBefore.toFixed(3)} → ${r.pAfter.toFixed(3)} | ${r.detected}/${r.seeds} | ${f(r.meanDelay)} | ${f(r.maxDelay, 0)} | ${f(r.theory)} | ${r.firstTest} |`),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '50' }, out: { type: 'string', default: 'build/faults' } } });
  const rows = faultStudy({ seeds: Number(values.seeds) });
  const out = [faultTable(rows), '', '| fault (health tests off) | reads per sample after | samples | battery vs binomial |', '|---|---|---|---|'];
  for (const f of FAULTS) {
    const o = outputAfterFault(f.fault);
    out.push(`| ${f.name} | ${o.samples > 10 ? o.readsPerSample.toFixed(2) : 'stalled'} | ${o.samples} | ${o.batteryPassed === null ? '-' : o.batteryPassed ? 'pass' : 'FAIL'} |`);
  }
  fs.mkdirSync(values.out!, { recursive: true });
  writeFileAtomic(path.join(values.out!, 'faults.md'), out.join('\n') + '\n');
  console.log(out.join('\n'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
