/** The three generators at the constrained timing, as the synthesis and equivalence tests build them. */
import { planTree, meramTree, planClt, meramClt, planWord, meramWord, constrainedPhases } from '../designs/meram/index.ts';
import type { Module } from '../hdl/core/module.ts';

const timing = constrainedPhases();
/** Generator name -> its top module (tree of 4 lanes, 16-cell CLT, word generator), fixed seeds. */
export const GENERATOR_DESIGNS: Readonly<Record<'tree' | 'clt16' | 'word', () => Module>> = {
  tree: () => meramTree(planTree({ seed: 1, timing, lanes: 4 }).plan),
  clt16: () => meramClt(planClt({ seed: 2, timing, n: 16, trackLimit: 8 }).plan),
  word: () => meramWord(planWord({ seed: 3, timing }).plan),
};
