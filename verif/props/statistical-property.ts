/**
 * Statistical properties for property-based tests: a claim about a generator, checked by one or more tests on a
 * sample of stated size, at a stated significance with Bonferroni control over the tests of one evaluation and over
 * the evaluations fast-check makes.
 */
import fc from 'fast-check';
import { InvalidParameterError } from '../errors.ts';

/** Specification of a statistical property. */
export interface StatisticalPropertySpec<T> {
  /** What is claimed, e.g. "tree generator output follows its predicted pmf". */
  readonly name: string;
  /** Family-wise false-alarm probability of the whole property. */
  readonly alpha: number;
  /** Samples drawn per evaluation; choose it so the tests have power against `failureModes`. */
  readonly sampleSize: number;
  /** The failure modes this size was chosen to detect (documentation; printed in failure messages). */
  readonly failureModes?: readonly string[];
  /** Evaluations that share `alpha` (set to fast-check's numRuns). Default 1. */
  readonly runs?: number;
  /** Draws `sampleSize` samples for `input` and returns the p-values of its tests. */
  readonly test: (input: T, sampleSize: number) => number | readonly number[];
}

/** Outcome of one evaluation. */
export interface StatisticalVerdict {
  readonly pValues: readonly number[];
  /** alpha / (runs · number of p-values). */
  readonly alphaPerTest: number;
  readonly passed: boolean;
}

/** A statistical property ready to evaluate or to hand to fast-check. */
export interface StatisticalProperty<T> {
  readonly spec: StatisticalPropertySpec<T>;
  /** Evaluates the property on one input. */
  evaluate(input: T): StatisticalVerdict;
  /** A fast-check property over `arb` that fails (with the p-values in the message) when the claim is rejected. */
  property(arb: fc.Arbitrary<T>): fc.IPropertyWithHooks<[T]>;
}

/**
 * States a statistical property with its significance and sample size.
 *
 * @example
 * const prop = statisticalProperty({
 *   name: 'simulated generators follow their predicted pmf',
 *   alpha: 0.01, sampleSize: 20_000, runs: 20, failureModes: ['stuck bit', 'wrong node probability'],
 *   test: (g: GeneratorConfig, n) => chiSquareGof(simulateGenerator(g, xoshiro128ss(1), n), predictedPmf(g)).pValue,
 * });
 * fc.assert(prop.property(generatorConfigArb()), { numRuns: 20, seed: 42 });
 */
export function statisticalProperty<T>(spec: StatisticalPropertySpec<T>): StatisticalProperty<T> {
  if (!(spec.alpha > 0 && spec.alpha < 1)) throw new InvalidParameterError(`${spec.name}: alpha must be in (0, 1), got ${spec.alpha}`);
  if (!Number.isInteger(spec.sampleSize) || spec.sampleSize < 1) {
    throw new InvalidParameterError(`${spec.name}: sampleSize must be a positive integer, got ${spec.sampleSize}`);
  }
  const runs = spec.runs ?? 1;
  if (!Number.isInteger(runs) || runs < 1) throw new InvalidParameterError(`${spec.name}: runs must be a positive integer, got ${runs}`);
  const evaluate = (input: T): StatisticalVerdict => {
    const raw = spec.test(input, spec.sampleSize);
    const pValues = typeof raw === 'number' ? [raw] : raw;
    if (pValues.length === 0) throw new InvalidParameterError(`${spec.name}: the test returned no p-value`);
    const alphaPerTest = spec.alpha / (runs * pValues.length);
    return { pValues, alphaPerTest, passed: pValues.every((p) => p >= alphaPerTest) };
  };
  return {
    spec,
    evaluate,
    property: (arb) =>
      fc.property(arb, (input) => {
        const v = evaluate(input);
        if (!v.passed) {
          const modes = spec.failureModes?.length ? ` (powered against: ${spec.failureModes.join(', ')})` : '';
          throw new Error(
            `${spec.name}${modes}: p-values [${v.pValues.map((p) => p.toExponential(3)).join(', ')}] below ` +
              `${v.alphaPerTest.toExponential(3)} at n = ${spec.sampleSize}`,
          );
        }
      }),
  };
}
