/**
 * Benchmark of the statistical verification library: the full noise check battery (chi-square against the
 * predicted pmf, moments, tails, autocorrelation, runs) on 8-bit words, and the NIST SP 800-22 battery on bits,
 * each at 10^6 and 10^7 samples. Prints times, throughput, and the 10^7 / 10^6 time ratio (10 = linear; sorting for
 * the runs-test median is the only n log n step). Peer for the NIST FFT: the same DFT through a power-of-two size.
 *
 * Run: npx tsx bench/stats.ts
 */
import {
  discretisedNormal,
  nistBattery,
  noiseCheckBattery,
  realDftModuli,
  sampleBits,
  sampleTree,
  toSigned,
  treeFromPmf,
  treePmf,
  xoshiro128ss,
} from '../verif/index.ts';

const target = discretisedNormal({ minCode: -128, maxCode: 127, step: 1 / 32 });
const nodes = treeFromPmf(target, { signed: true });
const predicted = treePmf(nodes, { signed: true, step: 1 / 32 });

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const results: Record<string, Record<number, number>> = { battery: {}, nist: {} };

for (const n of [1_000_000, 10_000_000]) {
  const codes = toSigned(sampleTree(xoshiro128ss(1), nodes, n), 8);
  const b = time(() => noiseCheckBattery(codes, predicted));
  results.battery![n] = b.ms;
  console.log(`noise battery, n = ${n.toExponential(0)}: ${fmt(b.ms)} (${(n / b.ms / 1000).toFixed(1)} M samples/s), passed=${b.value.passed}`);
  for (const c of b.value.checks) console.log(`  ${c.name.padEnd(16)} ${fmt(c.ms)}  p = ${c.pValue.toExponential(3)}`);

  const bits = sampleBits(xoshiro128ss(2), n);
  const r = time(() => nistBattery(bits));
  results.nist![n] = r.ms;
  console.log(`NIST battery, n = ${n.toExponential(0)} bits: ${fmt(r.ms)} (${(n / r.ms / 1000).toFixed(1)} M bits/s), ${r.value.failures}/${r.value.pValueCount} p-values < 0.01`);
  for (const e of r.value.entries) {
    const p = e.pValues.length ? Math.min(...e.pValues).toExponential(3) : '-';
    console.log(`  ${e.test.padEnd(26)} ${fmt(e.ms)}  min p = ${p}${e.skipped ? `  (skipped: ${e.skipped})` : ''}`);
  }
}

for (const k of ['battery', 'nist'] as const) {
  const ratio = results[k]![10_000_000]! / results[k]![1_000_000]!;
  console.log(`linearity ${k}: t(10^7)/t(10^6) = ${ratio.toFixed(2)} (10 = linear)`);
}

// Peer: the DFT at 10^6 points (Bluestein over a 2^21-point FFT) against a power-of-two length 2^20 (direct fft.js).
const x = new Float64Array(1_000_000).map((_, i) => (i % 3 ? 1 : -1));
const y = new Float64Array(1 << 20).map((_, i) => (i % 3 ? 1 : -1));
const tb = time(() => realDftModuli(x, x.length / 2)).ms;
const tp = time(() => realDftModuli(y, y.length / 2)).ms;
console.log(`DFT 10^6 (Bluestein) ${fmt(tb)} vs 2^20 (fft.js direct) ${fmt(tp)}: ratio ${(tb / tp).toFixed(2)}`);
