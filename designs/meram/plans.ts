/**
 * Generator plans: calibrated designs of the three architectures, each with the exact pmf its output must follow
 * (step 1 of the two-step verification) and its designed target (for the calibration error). The pmfs are on the
 * lattice of the output's integer codes; `step` gives their real value.
 */
import {
  type LatticePmf, latticePmf, independentBitsPmf, poissonBinomialPmf, treeFromPmf, treeWordMasses, discretisedNormal,
  binomialPmf, totalVariation,
} from '../../verif/index.ts';
import { evaluate } from '../../hdl/core/evaluate.ts';
import { C, widthFor } from '../../hdl/core/value.ts';
import {
  type FlowOptions, type FlowCell, DEFAULT_GRID, FAST_TIMING, CalibrationError, choosePulses, makeCells, pOneAfterPulse, widthSlope,
} from './calibration.ts';
import type { PhaseCycles } from './controller.ts';
import { type CltPlan, cltOutputExpr } from './clt.ts';
import type { TreePlan } from './tree.ts';
import type { WordPlan } from './word.ts';
import { THRESHOLD_BITS } from './pins.ts';
import { type BitSearchOptions, searchBitProbabilities } from './word-search.ts';
import { type HealthOptions, planHealth } from './health.ts';

/** A plan together with its predicted and target output distributions. */
export interface Planned<P> {
  readonly plan: P;
  readonly cells: readonly FlowCell[];
  /** Exact pmf of the output code, from the achieved (quantised) settings, variation and read errors. */
  readonly predicted: LatticePmf;
  /** What the architecture was designed to produce (for the calibration error). */
  readonly target: LatticePmf;
  /** Real value of one output code. */
  readonly step: number;
}

/** Options shared by the plans. */
export interface PlanOptions extends FlowOptions {
  readonly name?: string;
  readonly timing?: PhaseCycles;
  /** On-chip health tests on the raw bits (on by default; `{ enabled: false }` removes them). */
  readonly health?: HealthOptions;
}

// ---------------------------------------------------------------------------------------------------------------
// Architecture 1: the paper's word.

/**
 * The paper-faithful word: `bits` cells read as two's complement with `frac` fraction bits. In reset mode each bit's
 * probability is chosen (greedily, coordinate by coordinate over the achievable settings) to minimise the total
 * variation to the discretised N(0,1) on the word's lattice (multi-start coordinate descent, `searchBitProbabilities`):
 * the best independent bits can do. In markov mode every
 * bit toggles with probability near 1/2 per pulse (its stationary law is uniform, as the paper's toggling cells).
 * @example
 * const w = planWord({ seed: 1, mode: 'markov', pulses: 3 });
 * const top = meramWord(w.plan); // w.predicted: the exact pmf of `sample`
 */
export function planWord(opts: PlanOptions & { bits?: number; frac?: number; mode?: 'reset' | 'markov'; pulses?: number; search?: BitSearchOptions } = {}): Planned<WordPlan> {
  const bits = opts.bits ?? 8;
  const frac = opts.frac ?? 5;
  const mode = opts.mode ?? 'reset';
  const pulses = mode === 'reset' ? 1 : opts.pulses ?? 1;
  const grid = opts.grid ?? DEFAULT_GRID;
  const cells = makeCells(bits, opts, 0x301d);
  const step = 2 ** -frac;
  const format = { signed: true, step };
  const target = discretisedNormal({ minCode: -(2 ** (bits - 1)), maxCode: 2 ** (bits - 1) - 1, step });
  let ampCodes: number[];
  let widthCodes: number[];
  let predicted: LatticePmf;
  if (mode === 'reset') {
    // Multi-start coordinate descent over achievable probabilities of each bit (on the nominal device, as a designer
    // would): from p = 1/2 alone it never leaves the uniform word (word-search.ts).
    const options = achievable(cells[0]!, opts);
    const probs = [...searchBitProbabilities(options, bits, (ps) => totalVariation(independentBitsPmf(ps, format), target), opts.search).probs];
    const chosen = cells.map((c, i) => choosePulses(c, [probs[i]!], opts)[0]!);
    if (chosen.some((c) => c.invert)) {
      // The word has no per-bit inverter: use the direct setting closest to the probability instead.
      for (let i = 0; i < bits; i++) if (chosen[i]!.invert) chosen[i] = closestDirect(cells[i]!, probs[i]!, opts);
    }
    ampCodes = chosen.map((c) => c.amp);
    widthCodes = chosen.map((c) => c.width);
    predicted = independentBitsPmf(chosen.map((c) => c.pOne), format);
  } else {
    const chosen = cells.map((c) => closestDirect(c, 0.5, opts));
    ampCodes = chosen.map((c) => c.amp);
    widthCodes = chosen.map((c) => c.width);
    // Stationary state law of each cell under `pulses` pulses per sample, then the read errors.
    const ones = cells.map((c, i) => {
      const idx = (ampCodes[i]! << grid.widthBits) | widthCodes[i]!;
      const p01 = c.model.thresholds.fromP[idx]! / 2 ** THRESHOLD_BITS;
      const p10 = c.model.thresholds.fromAP[idx]! / 2 ** THRESHOLD_BITS;
      const pi1 = p01 / (p01 + p10); // stationary: independent of the pulses per sample (they set the correlation)
      return pi1 * (1 - c.readErrorAP) + (1 - pi1) * c.readErrorP;
    });
    predicted = independentBitsPmf(ones, format);
  }
  const plan: WordPlan = {
    name: opts.name ?? `meram_word${bits}_${mode}`, mode, pulses, frac, codes: grid, ampCodes, widthCodes,
    cells: cells.map((c) => c.model), timing: opts.timing ?? FAST_TIMING,
    // Markov mode: a cell's reads are a chain; the claim uses its stationary P(1) (a lower bound needs the chain's
    // most likely path: the margin covers the per-pulse correlation of 1/2-toggling cells).
    health: planHealth(Array.from(predictedBitOnes(predicted, bits)), opts.health),
  };
  return { plan, cells, predicted, target, step };
}

/** P(bit b = 1) of each bit of a word pmf (codes on the two's complement lattice of `bits` bits). */
function predictedBitOnes(pmf: LatticePmf, bits: number): Float64Array {
  const ones = new Float64Array(bits);
  pmf.probs.forEach((p, i) => {
    const code = (pmf.offset + i) & ((1 << bits) - 1);
    for (let b = 0; b < bits; b++) if ((code >> b) & 1) ones[b] += p;
  });
  return ones;
}

// ---------------------------------------------------------------------------------------------------------------
// Architecture 2: sum of bits.

/**
 * The sum-of-bits generator with `n` cells calibrated to p = 1/2 on a rising slope (for the bias-tracking loop), each
 * cell's reads through a von Neumann conditioner by default (`conditioner: 'none'` outputs the raw reads), with health
 * tests on the raw reads (health.ts).
 * @example
 * const c = planClt({ seed: 1, n: 64, trackLimit: 8 });
 * const top = meramClt(c.plan); // c.predicted: the pmf of the popcount `ones`
 */
export function planClt(opts: PlanOptions & { n?: number; frac?: number; trackLimit?: number; trackRange?: number; conditioner?: 'none' | 'von-neumann' } = {}): Planned<CltPlan> {
  const n = opts.n ?? 64;
  const frac = opts.frac ?? 4;
  const grid = opts.grid ?? DEFAULT_GRID;
  const conditioner = opts.conditioner ?? 'von-neumann';
  const cells = makeCells(n, opts, 0xc17);
  const chosen = cells.map((c) => risingHalf(c, opts));
  const plan: CltPlan = {
    name: opts.name ?? `meram_clt${n}`, codes: grid, frac, trackLimit: opts.trackLimit ?? 0, trackRange: opts.trackRange ?? 2,
    ampCodes: chosen.map((c) => c.amp), widthCodes: chosen.map((c) => c.width),
    slopes: chosen.map((c, i) => widthSlope(cells[i]!, grid, c.amp, c.width)),
    cells: cells.map((c) => c.model), timing: opts.timing ?? FAST_TIMING,
    conditioner, health: planHealth(chosen.map((c) => c.pOne), opts.health),
  };
  // The output is a function of the popcount k: verify on k's lattice, z = (k - n/2) / sqrt(n/4).
  const step = 1 / Math.sqrt(n / 4);
  const onLattice = (pmf: LatticePmf): LatticePmf => latticePmf({ offset: pmf.offset, probs: pmf.probs, step, origin: -(n / 2) * step });
  // Von Neumann bits are exactly fair whatever the cells' p: the popcount is exactly binomial(n, 1/2).
  const predicted = onLattice(conditioner === 'von-neumann' ? binomialPmf(n, 0.5) : poissonBinomialPmf(chosen.map((c) => c.pOne)));
  const target = onLattice(binomialPmf(n, 0.5));
  return { plan, cells, predicted, target, step };
}

/** The `sample` code the hardware outputs for popcount `k` (evaluated by the reference evaluator). */
export function cltSampleCode(k: number, n: number, frac: number): number {
  return Number(evaluate(cltOutputExpr(C(k, widthFor(n)), n, frac)));
}

// ---------------------------------------------------------------------------------------------------------------
// Architecture 3: tree sampler.

/**
 * The tree sampler of a `bits`-bit discretised N(0,1) over [-range, range), with `lanes` trees side by side (each
 * calibrated for its own cells). Its output stream takes the lanes in turn, so its law is the lanes' mixture.
 * @example
 * const t = planTree({ seed: 1, lanes: 4, variation: { keffRel: 0.05 } });
 * const top = meramTree(t.plan); // t.predicted: pmf of k = (sample - 1) / 2; t.target: the quantised N(0,1)
 */
export function planTree(opts: PlanOptions & { bits?: number; range?: number; lanes?: number } = {}): Planned<TreePlan> {
  const bits = opts.bits ?? 8;
  const range = opts.range ?? 4;
  const lanes = opts.lanes ?? 1;
  const grid = opts.grid ?? DEFAULT_GRID;
  const M = 2 ** (bits - 1);
  const step = range / M;
  const cells = makeCells(2 * lanes, opts, 0x7ee);
  const target = discretisedNormal({ minCode: -M, maxCode: M - 1, step, origin: step / 2 });
  // |z| cells: P(m) = P(k = m) + P(k = -m - 1).
  const mag = new Float64Array(M);
  for (let m = 0; m < M; m++) mag[m] = target.probs[M + m]! + target.probs[M - 1 - m]!;
  const nodeTargets = Array.from(treeFromPmf(latticePmf({ offset: 0, probs: mag })));
  const nodes: ReturnType<typeof choosePulses>[] = [];
  const signs: ReturnType<typeof closestDirect>[] = [];
  for (let l = 0; l < lanes; l++) {
    nodes.push(choosePulses(cells[2 * l + 1]!, nodeTargets, opts));
    signs.push(closestDirect(cells[2 * l]!, 0.5, opts));
  }
  const predicted = treeLaw(nodes.map((ns) => ns.map((x) => x.pOne)), signs.map((x) => x.pOne), step);
  const plan: TreePlan = {
    name: opts.name ?? `meram_tree${bits}${lanes > 1 ? `x${lanes}` : ''}`, bits, codes: grid,
    nodes: nodes.map((ns) => ns.map((x) => ({ amp: x.amp, width: x.width, invert: x.invert }))),
    sign: signs.map((x) => ({ amp: x.amp, width: x.width })),
    cells: cells.map((c) => c.model), timing: opts.timing ?? FAST_TIMING,
    // A magnitude cell's reads change law from node to node: its claim comes from its least random node.
    health: planHealth(nodes.flatMap((ns, l) => [signs[l]!.pOne, Math.max(...ns.map((x) => { const p = x.invert ? 1 - x.pOne : x.pOne; return Math.max(p, 1 - p); }))]), opts.health),
  };
  return { plan, cells, predicted, target, step };
}

/**
 * The tree sampler's output law from each lane's node probabilities (P(read = 1) per node, inversion included) and
 * sign-cell probability: the lanes' mixture, k = (sample - 1) / 2 on the lattice of `step` (planTree's `predicted`).
 * @example treeLaw([nodePOnes], [0.5], 4 / 128);
 */
export function treeLaw(laneNodes: readonly (readonly number[])[], signs: readonly number[], step: number): LatticePmf {
  const M = laneNodes[0]!.length + 1; // a tree of M - 1 nodes over M magnitudes
  const lanes = laneNodes.length;
  const probs = new Float64Array(2 * M);
  laneNodes.forEach((ns, l) => {
    const masses = treeWordMasses(ns);
    for (let m = 0; m < M; m++) {
      probs[M + m] += ((1 - signs[l]!) * masses[m]!) / lanes;
      probs[M - 1 - m] += (signs[l]! * masses[m]!) / lanes;
    }
  });
  return latticePmf({ offset: -M, probs, step, origin: step / 2 });
}

// ---------------------------------------------------------------------------------------------------------------

/** Distinct probabilities one direct pulse reaches on a cell, thinned to a 0.01 grid. */
function achievable(cell: FlowCell, opts: FlowOptions): number[] {
  const grid = opts.grid ?? DEFAULT_GRID;
  const seen = new Set<number>();
  for (let a = 0; a < 2 ** grid.ampBits; a++) for (let w = 0; w < 2 ** grid.widthBits; w++) seen.add(Math.round(pOneAfterPulse(cell, grid, a, w) * 100) / 100);
  return [...seen].sort((x, y) => x - y);
}

function closestDirect(cell: FlowCell, target: number, opts: FlowOptions): ReturnType<typeof choosePulses>[number] {
  const grid = opts.grid ?? DEFAULT_GRID;
  const basis = opts.calibration === 'nominal' ? makeCells(1, { ...opts, variation: {} }, 0)[0]! : cell;
  let best = { amp: 0, width: 0, err: Infinity };
  for (let a = 0; a < 2 ** grid.ampBits; a++) for (let w = 0; w < 2 ** grid.widthBits; w++) {
    const err = Math.abs(pOneAfterPulse(basis, grid, a, w) - target);
    if (err < best.err) best = { amp: a, width: w, err };
  }
  if (best.err > (opts.tolerance ?? 0.02)) throw new CalibrationError(`target probability ${target} cannot be reached by a direct pulse (closest error ${best.err.toFixed(4)})`);
  return { amp: best.amp, width: best.width, invert: false, target, pOne: pOneAfterPulse(cell, grid, best.amp, best.width) };
}

/** p = 1/2 at a setting where a longer pulse clearly raises the probability (so width steps can steer it). */
function risingHalf(cell: FlowCell, opts: FlowOptions): ReturnType<typeof choosePulses>[number] {
  const grid = opts.grid ?? DEFAULT_GRID;
  const basis = opts.calibration === 'nominal' ? makeCells(1, { ...opts, variation: {} }, 0)[0]! : cell;
  const wmax = 2 ** grid.widthBits - 1;
  let best = { amp: -1, width: 0, err: Infinity };
  for (let a = 0; a < 2 ** grid.ampBits; a++) for (let w = 1; w < wmax; w++) {
    // 1/2 must lie inside a steep rise, so that one width step either way crosses it.
    const below = pOneAfterPulse(basis, grid, a, w - 1);
    const above = pOneAfterPulse(basis, grid, a, w + 1);
    if (!(below < 0.45 && above > 0.55)) continue;
    const err = Math.abs(pOneAfterPulse(basis, grid, a, w) - 0.5);
    if (err < best.err) best = { amp: a, width: w, err };
  }
  if (best.amp < 0) return closestDirect(cell, 0.5, opts);
  return { amp: best.amp, width: best.width, invert: false, target: 0.5, pOne: pOneAfterPulse(cell, grid, best.amp, best.width) };
}
