/**
 * The three MeRAM generators as serialisable jobs: a kind and a seed name a calibrated plan, its top module, the ports
 * a run records and how its samples become the codes the pmf is on. Shared by the benchmarks and the worker runner
 * (a worker rebuilds the design from the job, since modules do not cross threads).
 */
import type { Module } from '../hdl/index.ts';
import { planTree, meramTree, planClt, meramClt, planWord, meramWord, constrainedPhases, type Planned } from '../designs/meram/index.ts';
import { treeCodes } from './harness.ts';

/** Which architecture. */
export type GeneratorKind = 'tree' | 'clt' | 'word';

/** A generator named by value: architecture and master seed (random streams of every instance). */
export interface GeneratorSpec {
  readonly kind: GeneratorKind;
  readonly seed: number;
}

/** A planned generator, ready to elaborate and run. */
export interface GeneratorCase {
  readonly name: string;
  readonly planned: Planned<unknown>;
  top(): Module;
  /** Ports recorded besides `valid` and `sample`. */
  readonly record: readonly string[];
  /** Codes of the pmf from the samples and the recorded ports. */
  codes(samples: Int32Array, extra: ReadonlyMap<string, Float64Array>): Int32Array;
}

/**
 * The default configuration of each architecture (tree: 8 bits, 4 lanes; sum of 64 bits; paper word, 8 bits), with
 * the controller timing from the constraints.
 * @example
 * const c = generatorCase({ kind: 'tree', seed: 1 });
 * const run = await runGenerator(c.top(), { samples: 1000, record: c.record });
 */
export function generatorCase(spec: GeneratorSpec): GeneratorCase {
  const timing = constrainedPhases();
  const { seed } = spec;
  switch (spec.kind) {
    case 'tree': {
      const p = planTree({ seed, timing, lanes: 4 });
      return { name: 'tree sampler, 8 bits, 4 lanes', planned: p, top: () => meramTree(p.plan), record: [], codes: (s) => treeCodes(s) };
    }
    case 'clt': {
      const p = planClt({ seed, timing, n: 64 });
      return { name: 'sum of 64 bits', planned: p, top: () => meramClt(p.plan), record: ['ones'], codes: (_, x) => Int32Array.from(x.get('ones')!) };
    }
    case 'word': {
      const p = planWord({ seed, timing });
      return { name: 'paper word, 8 bits', planned: p, top: () => meramWord(p.plan), record: [], codes: (s) => s };
    }
  }
}
