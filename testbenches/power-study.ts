/**
 * Power study of the check battery (verif/stats `noiseCheckBattery`, Bonferroni α/5 per check at family α = 0.01)
 * and of the NIST frequency test: against stated alternatives, from fixed seeds, the measured power at the sample
 * size the rules of thumb of docs/statistics.md quote, and the smallest size at which the measured power reaches 0.99.
 * Alternatives: an 8-bit Gaussian-noise generator (codes round(x · 32) clipped to -128..127, the predicted pmf the
 * discretised N(0,1)) with its mean shifted by ε σ, its variance off by a relative δ, or AR(1) noise of lag-1
 * correlation ρ (N(0,1) marginals); the 16-cell sum of bits with every cell's P(1) = 1/2 + ε (the battery against
 * binomial(16, 1/2)); raw bits with P(1) = 1/2 + ε (NIST frequency at 0.01); and the null itself (the false-alarm rate).
 * Run: npx tsx testbenches/power-study.ts [--reps 200] [--seed 13] [--out build/power]   (make power)
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import fs from 'node:fs';
import type { Rng } from '../common/rng.ts';
import { writeFileAtomic } from '../common/atomic-write.ts';
import {
  binomialPmf, discretisedNormal, frequencyTest, noiseCheckBattery, sizeForPower, measurePower, type AlternativeDraw, type LatticePmf,
  type PowerEstimate, type RejectRule, type SizeSearchResult,
} from '../verif/index.ts';

/** The Gaussian generator's lattice: 8-bit codes, LSB 1/32 (values -4 .. 3.97). */
export const GAUSS_STEP = 1 / 32;
export const GAUSS_NULL = discretisedNormal({ minCode: -128, maxCode: 127, step: GAUSS_STEP });
/** The 16-cell sum of bits: popcount against binomial(16, 1/2). */
export const SUM_CELLS = 16;
export const SUM_NULL = binomialPmf(SUM_CELLS, 0.5);

/** Quantised N(mean, sd²) noise, or AR(1) noise of lag-1 correlation rho (one normal per sample: prefixes agree). */
export function gaussianCodes(o: { mean?: number; sd?: number; rho?: number }): AlternativeDraw<Int32Array> {
  const mean = o.mean ?? 0;
  const sd = o.sd ?? 1;
  const rho = o.rho ?? 0;
  const s = Math.sqrt(1 - rho * rho);
  return (rng: Rng, n: number) => {
    const out = new Int32Array(n);
    let x = rng.nextNormal();
    for (let i = 0; i < n; i++) {
      if (i > 0) x = rho * x + s * rng.nextNormal();
      out[i] = Math.max(-128, Math.min(127, Math.round((mean + sd * x) / GAUSS_STEP)));
    }
    return out;
  };
}

/** Popcounts of `cells` independent bits with P(1) = p (one uniform per sample, by the binomial's inverse CDF). */
export function popcounts(p: number, cells = SUM_CELLS): AlternativeDraw<Int32Array> {
  const law = binomialPmf(cells, p).probs;
  const cdf = new Float64Array(law.length);
  law.reduce((acc, q, k) => (cdf[k] = acc + q), 0);
  return (rng: Rng, n: number) => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const u = rng.nextDouble();
      let k = 0;
      while (k < cells && u >= cdf[k]!) k++;
      out[i] = k;
    }
    return out;
  };
}

/** Raw bits with P(1) = p. */
export function rawBits(p: number): AlternativeDraw<Uint8Array> {
  const cut = p * 2 ** 32;
  return (rng: Rng, n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = rng.nextU32() < cut ? 1 : 0;
    return out;
  };
}

/** The battery at family α = 0.01 against `predicted` rejects. */
export function batteryRejects(predicted: LatticePmf): RejectRule<Int32Array> {
  return (codes) => !noiseCheckBattery(codes, predicted).passed;
}

/** NIST frequency (monobit) at 0.01 rejects. */
export const frequencyRejects: RejectRule<Uint8Array> = (bits) => frequencyTest(bits).pValue < 0.01;

/** One alternative of the study. */
export interface PowerAlternative<S = Int32Array | Uint8Array> {
  readonly name: string;
  readonly test: string;
  /** The size the rule of thumb of docs/statistics.md quotes, and the rule. */
  readonly quoted: number;
  readonly rule: string;
  readonly draw: AlternativeDraw<S>;
  readonly rejects: RejectRule<S>;
  /** Samples are bits (NIST) rather than codes. */
  readonly unit: 'samples' | 'bits';
}

const battery = 'battery (α = 0.01, α/5 per check)';
const gaussRejects = batteryRejects(GAUSS_NULL);
const sumRejects = batteryRejects(SUM_NULL);

/** The alternatives of the study (the null last: its "power" is the false-alarm rate). */
export const ALTERNATIVES: readonly PowerAlternative[] = [
  { name: 'mean +0.05 σ', test: battery, quoted: 8000, rule: '20/ε²', draw: gaussianCodes({ mean: 0.05 }), rejects: gaussRejects, unit: 'samples' },
  { name: 'mean +0.02 σ', test: battery, quoted: 50_000, rule: '20/ε²', draw: gaussianCodes({ mean: 0.02 }), rejects: gaussRejects, unit: 'samples' },
  { name: 'variance +5 %', test: battery, quoted: 16_000, rule: '20(2 + κ)/δ²', draw: gaussianCodes({ sd: Math.sqrt(1.05) }), rejects: gaussRejects, unit: 'samples' },
  { name: 'variance +2 %', test: battery, quoted: 100_000, rule: '20(2 + κ)/δ²', draw: gaussianCodes({ sd: Math.sqrt(1.02) }), rejects: gaussRejects, unit: 'samples' },
  { name: 'lag-1 ρ = 0.1', test: battery, quoted: 2500, rule: '25/ρ²', draw: gaussianCodes({ rho: 0.1 }), rejects: gaussRejects, unit: 'samples' },
  { name: 'lag-1 ρ = 0.05', test: battery, quoted: 10_000, rule: '25/ρ²', draw: gaussianCodes({ rho: 0.05 }), rejects: gaussRejects, unit: 'samples' },
  { name: 'bit bias +1 % (16-cell sum)', test: battery, quoted: 3125, rule: '20/ε², ε = 16 · 0.01/2 σ', draw: popcounts(0.51), rejects: sumRejects, unit: 'samples' },
  { name: 'bit bias +1 % (raw bits)', test: 'NIST frequency at 0.01', quoted: 70_000, rule: '7/ε²', draw: rawBits(0.51), rejects: frequencyRejects, unit: 'bits' },
  { name: 'bit bias +0.1 % (raw bits)', test: 'NIST frequency at 0.01', quoted: 7_000_000, rule: '7/ε²', draw: rawBits(0.501), rejects: frequencyRejects, unit: 'bits' },
] as PowerAlternative[];

/** The null generator (8-bit Gaussian codes with the right law) under the battery. */
export const NULL_ALTERNATIVE: PowerAlternative<Int32Array> = {
  name: 'none (the null)', test: battery, quoted: 100_000, rule: '-', draw: gaussianCodes({}), rejects: gaussRejects, unit: 'samples',
};

/** One row of the study. */
export interface PowerRow {
  readonly alternative: PowerAlternative;
  readonly atQuoted: PowerEstimate;
  readonly search: SizeSearchResult | null;
}

/** Runs the study (the null row measures the false-alarm rate at its quoted size, without a size search). */
export function powerStudy(opts: { reps: number; seed: number; target?: number; alternatives?: readonly PowerAlternative[] }): PowerRow[] {
  const rows: PowerRow[] = [];
  for (const a of opts.alternatives ?? ALTERNATIVES) {
    const atQuoted = measurePower(a.draw, a.rejects, a.quoted, opts);
    const search = sizeForPower(a.draw, a.rejects, { ...opts, start: a.quoted, minN: 100, target: opts.target ?? 0.99 });
    rows.push({ alternative: a, atQuoted, search });
  }
  rows.push({ alternative: NULL_ALTERNATIVE as PowerAlternative, atQuoted: measurePower(NULL_ALTERNATIVE.draw, NULL_ALTERNATIVE.rejects, NULL_ALTERNATIVE.quoted, opts), search: null });
  return rows;
}

/** The study as a markdown table. */
export function powerTable(rows: readonly PowerRow[]): string {
  const sz = (n: number): string => (n >= 1e5 ? n.toExponential(2).replace('e+', 'e') : String(n));
  const pw = (e: PowerEstimate): string => `${e.power.toFixed(3)} [${e.lower.toFixed(2)}, ${e.upper.toFixed(2)}]`;
  return [
    '| alternative | test | quoted size (rule) | power at quoted size [95 %] | size at power 0.99 | power there |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const a = r.alternative;
      const s = r.search;
      const size = s === null ? '-' : s.n === null ? 'not reached' : `${sz(s.n)} ${a.unit} (${(s.n / a.quoted).toFixed(2)}x)`;
      return `| ${a.name} | ${a.test} | ${sz(a.quoted)} ${a.unit} (${a.rule}) | ${pw(r.atQuoted)} | ${size} | ${s?.at ? pw(s.at) : '-'} |`;
    }),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reps: { type: 'string', default: '200' }, seed: { type: 'string', default: '13' }, out: { type: 'string', default: 'build/power' } } });
  const reps = Number(values.reps);
  const seed = Number(values.seed);
  const t0 = Date.now();
  const rows = powerStudy({ reps, seed });
  const text = [`Power study: ${reps} replicates per size, seed ${seed} (${((Date.now() - t0) / 1000).toFixed(0)} s).`, '', powerTable(rows), ''].join('\n');
  fs.mkdirSync(values.out!, { recursive: true });
  writeFileAtomic(path.join(values.out!, 'power.md'), text);
  writeFileAtomic(path.join(values.out!, 'power.json'), JSON.stringify(rows.map((r) => ({ name: r.alternative.name, test: r.alternative.test, quoted: r.alternative.quoted, atQuoted: r.atQuoted, sizeAt099: r.search?.n ?? null, points: r.search?.points ?? [] })), null, 1) + '\n');
  console.log(text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
