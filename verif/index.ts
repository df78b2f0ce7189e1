/**
 * Public API of meram-hdl's statistical verification library: exact lattice distributions of noise-generator
 * architectures, distances to the normal, tests on samples, NIST SP 800-22, and property-based testing helpers.
 * See docs/statistics.md for how to choose tests and sample sizes.
 */
export * from './errors.ts';

export * from './stats/lattice.ts';
export { discretisedNormal, normalMass, type DiscretisedNormalOptions, type Rounding } from './stats/discretised-normal.ts';
export * from './stats/bit-words.ts';
export * from './stats/bit-sums.ts';
export * from './stats/sampling-tree.ts';
export * from './stats/distances.ts';
export type { IntegerSamples, NumericSamples, TestResult } from './stats/samples.ts';
export * from './stats/chi-square.ts';
export * from './stats/kolmogorov-smirnov.ts';
export * from './stats/anderson-darling.ts';
export * from './stats/moments.ts';
export * from './stats/tails.ts';
export * from './stats/serial-dependence.ts';
export * from './stats/battery.ts';
export * from './stats/power.ts';
export {
  igam,
  igamc,
  erfc,
  lgamma,
  normalCdf,
  normalSf,
  logNormalCdf,
  normalQuantile,
  chiSquareSf,
  chiSquareQuantile,
  binomialCdf,
  kolmogorovSurvival,
} from './stats/special.ts';

export { NIST_ALPHA, bitsFromString, type Bits, type NistResult } from './nist/common.ts';
export * from './nist/frequency.ts';
export * from './nist/runs.ts';
export * from './nist/rank.ts';
export * from './nist/dft.ts';
export * from './nist/fft.ts';
export * from './nist/templates.ts';
export * from './nist/universal.ts';
export * from './nist/linear-complexity.ts';
export * from './nist/serial.ts';
export * from './nist/random-walks.ts';
export * from './nist/battery.ts';

export * from './props/prng.ts';
export * from './props/samplers.ts';
export * from './props/arbitraries.ts';
export * from './props/statistical-property.ts';
export * from './stats/min-entropy.ts';
export * from './stats/health-tests.ts';
export * from './nist/second-level.ts';
