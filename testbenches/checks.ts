/**
 * The statistics every generator testbench applies, the right way for discrete hardware noise (statistics.md):
 * step 1, the samples follow the exact pmf the design predicts (chi-square, with moments, tails to 4 sigma,
 * autocorrelation and runs as one Bonferroni family); step 2, a deterministic comparison of that pmf with N(0,1).
 */
import {
  compareToNormal, klDivergence, maxCdfGap, noiseCheckBattery, totalVariation, type LatticePmf, type NoiseBatteryResult,
  type NormalComparison,
} from '../verif/index.ts';

/** Both steps' results. */
export interface GeneratorVerdict {
  readonly battery: NoiseBatteryResult;
  /** Predicted pmf against the discretised N(0,1). */
  readonly toNormal: NormalComparison;
  /** Predicted pmf against the architecture's designed target (the calibration error). */
  readonly toTarget: { readonly tv: number; readonly kl: number; readonly maxCdfGap: number };
}

/** Runs both steps on integer codes of the predicted pmf's lattice. */
export function verifyGenerator(codes: Int32Array, predicted: LatticePmf, target: LatticePmf, alpha = 0.01): GeneratorVerdict {
  const battery = noiseCheckBattery(codes, predicted, { alpha });
  const toNormal = compareToNormal(predicted);
  return { battery, toNormal, toTarget: distance(predicted, target) };
}

/** Total variation, KL(p || q) and the largest CDF gap between two pmfs on one lattice. */
export function distance(p: LatticePmf, q: LatticePmf): { tv: number; kl: number; maxCdfGap: number } {
  return { tv: totalVariation(p, q), kl: klDivergence(p, q), maxCdfGap: maxCdfGap(p, q) };
}

/** One line per check, for reports. */
export function describeVerdict(v: GeneratorVerdict): string {
  const lines = v.battery.checks.map((c) => `  ${c.name.padEnd(16)} p = ${c.pValue.toExponential(3)}  ${c.passed ? 'pass' : 'FAIL'} (at ${v.battery.alphaPerCheck})`);
  const n = v.toNormal;
  lines.push(`  predicted vs N(0,1): KL ${n.kl.toExponential(3)} nats, TV ${n.tv.toFixed(4)}, max CDF gap ${n.maxCdfGap.toFixed(4)}, max |z| ${n.maxAbsZ.toFixed(2)}`);
  lines.push(`  predicted vs design target: TV ${v.toTarget.tv.toExponential(3)}, max CDF gap ${v.toTarget.maxCdfGap.toExponential(3)}`);
  return lines.join('\n');
}
