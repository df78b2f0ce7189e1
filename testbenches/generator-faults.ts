/**
 * Health tests of the paper word and the tree sampler on the HDL (built-in simulator, behavioural cell models): each
 * fault of designs/meram/faults.ts injected into one cell, the op of the first alarm and which test raised it, the
 * delay in reads of the faulty cell against the tests' theory; and the raw reads of healthy runs for false-alarm
 * rates. (The sum of bits has its own fast model and study: fault-study.ts.)
 * Run: npx tsx testbenches/generator-faults.ts [--seeds 4] [--out build/faults]   (part of make faults)
 */
import { FAULTS } from './fault-study.ts';
import { parseArgs } from 'node:util';
import path from 'node:path';
import fs from 'node:fs';
import { elaborate } from '../hdl/index.ts';
import type { Module } from '../hdl/core/module.ts';
import { createBackend } from '../sim/index.ts';
import { writeFileAtomic } from '../common/atomic-write.ts';
import {
  planTree, meramTree, planWord, meramWord, injectFault, faultyPOne, type FaultSpec, type Planned, type TreePlan, type WordPlan,
  type HealthStream, type PlanOptions,
} from '../designs/meram/index.ts';
import { expectedDetectionDelay } from '../verif/index.ts';

/** What an HDL run of a generator saw: its raw reads (op-major, `cells` bits per op) and its first alarm. */
export interface GeneratorRun {
  readonly ops: number;
  readonly cells: number;
  readonly raw: Uint8Array;
  /** Op (0-based) of the read on which a health test first alarmed, and which test; null when none did. */
  readonly alarm: { readonly op: number; readonly test: 'rct' | 'apt' } | null;
}

/**
 * Runs a word or tree top (ready held high) on the built-in simulator until `ops` reads are done or a health test
 * alarms. An alarm port is high in the cycle after the read it judged, so that read is the last one counted.
 */
export async function runReads(top: Module, ops: number): Promise<GeneratorRun> {
  const b = await createBackend(elaborate(top), { backend: 'builtin' });
  const cells = b.ports.find((p) => p.name === 'raw_bits')!.width;
  const hasHealth = b.ports.some((p) => p.name === 'rct_alarm');
  b.set('ready', 1n); b.set('rst', 1n); b.step('clk', 2); b.set('rst', 0n);
  const raw = new Uint8Array(ops * cells);
  let done = 0;
  let alarm: GeneratorRun['alarm'] = null;
  const record = ['raw_valid', 'raw_bits', ...(hasHealth ? ['rct_alarm', 'apt_alarm'] : [])];
  while (done < ops && !alarm) {
    const t = b.runBatch({ clock: 'clk', cycles: 20_000, record });
    const valid = t.get('raw_valid')!;
    const bits = t.get('raw_bits')!;
    for (let c = 0; c < valid.length && !alarm; c++) {
      if (hasHealth && (t.get('rct_alarm')!.at(c) === 1n || t.get('apt_alarm')!.at(c) === 1n)) {
        alarm = { op: done - 1, test: t.get('rct_alarm')!.at(c) === 1n ? 'rct' : 'apt' };
        break;
      }
      if (valid.at(c) === 1n && done < ops) {
        const w = Number(bits.at(c));
        for (let i = 0; i < cells; i++) raw[done * cells + i] = (w >> i) & 1;
        done++;
      }
    }
  }
  b.dispose();
  return { ops: done, cells, raw: raw.subarray(0, done * cells), alarm };
}

/** The generators of the study: the reset-mode word (8 bits) and a 2-lane tree (levels reads per round). */
export type GeneratorKind = 'word' | 'tree';

/** A planned generator, its top and how its cells are read. */
export interface StudyGenerator {
  readonly kind: GeneratorKind;
  readonly planned: Planned<WordPlan> | Planned<TreePlan>;
  /** Reads of cell `cell` done after `ops` array reads (the tree's sign cells are read once per round). */
  readonly readsOf: (cell: number, ops: number) => number;
  /** Array reads (ops) by which cell `cell` has made `reads` reads. */
  readonly opsFor: (cell: number, reads: number) => number;
  /** The cell's raw reads from a run (op-major raw). */
  readonly stream: (run: GeneratorRun, cell: number) => Uint8Array;
  readonly top: (plan: WordPlan | TreePlan) => Module;
}

/** The word (seed 3) or the 2-lane tree (seed 1), with health options. */
export function studyGenerator(kind: GeneratorKind, opts: PlanOptions = {}): StudyGenerator {
  if (kind === 'word') {
    const planned = planWord({ seed: 3, ...opts });
    return {
      kind, planned, readsOf: (_c, ops) => ops, opsFor: (_c, reads) => reads,
      stream: (run, cell) => Uint8Array.from({ length: run.ops }, (_, k) => run.raw[k * run.cells + cell]!),
      top: (plan) => meramWord(plan as WordPlan),
    };
  }
  const planned = planTree({ seed: 1, lanes: 2, ...opts });
  const levels = planned.plan.bits - 1;
  const sign = (c: number): boolean => c % 2 === 0;
  return {
    kind, planned,
    readsOf: (c, ops) => (sign(c) ? Math.ceil(ops / levels) : ops),
    opsFor: (c, reads) => (sign(c) ? reads * levels : reads),
    stream: (run, cell) => sign(cell)
      ? Uint8Array.from({ length: Math.ceil(run.ops / levels) }, (_, r) => run.raw[r * levels * run.cells + cell]!)
      : Uint8Array.from({ length: run.ops }, (_, k) => run.raw[k * run.cells + cell]!),
    top: (plan) => meramTree(plan as TreePlan),
  };
}

/**
 * The faults injected: the sum of bits' study list without the temperature step and the K_eff drift, which change
 * no setting of these two generators' plans.
 */
export const GENERATOR_FAULTS: readonly { readonly name: string; readonly fault: FaultSpec }[] =
  FAULTS.filter((f) => f.fault.kind !== 'temperature' && f.fault.kind !== 'keff-drift');

/** One faulty run. */
export interface GeneratorFaultCase {
  readonly generator: GeneratorKind;
  readonly fault: string;
  readonly cell: number;
  /** The cell's stream (its claim and cutoffs). */
  readonly stream: HealthStream;
  /** P(1) of the cell's reads before and after (the tree's magnitude cell: the range over its nodes). */
  readonly pBefore: readonly [number, number];
  readonly pAfter: readonly [number, number];
  /** Reads of the faulty cell from the onset to the alarm (null: no alarm within the horizon). */
  readonly delay: number | null;
  readonly test: 'rct' | 'apt' | null;
  /** Expected delay from the tests' theory (for the tree's magnitude cell, from its least random node). */
  readonly theory: number;
  /** Reads of the faulty cell watched after the onset. */
  readonly horizon: number;
}

/** P(1) range of a cell's reads over its settings (one for the word and a sign cell, each node for a magnitude cell). */
function pRange(g: StudyGenerator, plan: WordPlan | TreePlan, cell: number): [number, number] {
  if (g.kind === 'word') { const p = faultyPOne(plan as WordPlan, cell); return [p, p]; }
  const t = plan as TreePlan;
  const lane = cell >> 1;
  const settings = cell % 2 === 0 ? [t.sign[lane]!] : t.nodes[lane]!;
  const ps = settings.map((s) => faultyPOne(t, cell, undefined, s));
  return [Math.min(...ps), Math.max(...ps)];
}

/**
 * Injects `fault` into `cell` from its read `onset` on, runs until the alarm or `horizon` more reads of that cell,
 * and compares the delay with the theory (stuck cells: the RCT's C - R; a biased one: the competing-clocks rate).
 */
export async function generatorFaultCase(g: StudyGenerator, fault: { name: string; fault: FaultSpec }, cell: number, onset: number, horizon: number): Promise<GeneratorFaultCase> {
  const { plan, cells } = g.planned;
  const bad = injectFault(plan, cells, fault.fault, { cell, afterOps: onset });
  const run = await runReads(g.top(bad), g.opsFor(cell, onset + horizon));
  const stream = plan.health!.streams[cell]!;
  const before = pRange(g, plan, cell);
  const after = pRange(g, bad, cell);
  const stuck = (p: readonly [number, number]): number | null => (p[1] < 1e-4 ? 0 : p[0] > 1 - 1e-4 ? 1 : null);
  // The least random setting bounds the alarm rate (the tree's magnitude cell walks its nodes).
  const worst = Math.abs(after[0] - 0.5) > Math.abs(after[1] - 0.5) ? after[0] : after[1];
  const theory = expectedDetectionDelay(stuck(after) ?? worst, stream, (before[0] + before[1]) / 2).first;
  const alarmReads = run.alarm ? g.readsOf(cell, run.alarm.op + 1) : null;
  return {
    generator: g.kind, fault: fault.name, cell, stream, pBefore: before, pAfter: after,
    delay: alarmReads !== null && alarmReads > onset ? alarmReads - onset : null,
    test: run.alarm?.test ?? null, theory, horizon,
  };
}

/** The cases of the study as a markdown table. */
export function generatorFaultTable(rows: readonly GeneratorFaultCase[]): string {
  const f = (x: number): string => (x === Infinity ? '∞' : x > 1e6 ? x.toExponential(1) : x.toFixed(1));
  const p = (r: readonly [number, number]): string => (r[0] === r[1] ? r[0].toFixed(3) : `${r[0].toFixed(3)}..${r[1].toFixed(3)}`);
  return [
    '| generator | cell | claim H (RCT C, APT C) | fault | P(1) before → after | delay (reads) | test | theory |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.generator} | ${r.cell} | ${r.stream.minEntropy.toFixed(4)} (${r.stream.rct}, ${r.stream.apt > 1024 ? 'blind' : r.stream.apt}) | ${r.fault} | ${p(r.pBefore)} → ${p(r.pAfter)} | ${r.delay ?? `none in ${r.horizon}`} | ${r.test ?? '-'} | ${f(r.theory)} |`),
  ].join('\n');
}

/** The study's cases: every fault on every word cell, and on a sign and a magnitude cell of each tree lane. */
export async function generatorFaultStudy(opts: { readonly horizon?: number } = {}): Promise<GeneratorFaultCase[]> {
  const rows: GeneratorFaultCase[] = [];
  for (const kind of ['word', 'tree'] as const) {
    const g = studyGenerator(kind);
    const cellsOf = kind === 'word' ? [0, 3, 7] : [0, 1, 2, 3];
    for (const f of GENERATOR_FAULTS) for (const cell of cellsOf) {
      const c = g.planned.plan.health!.streams[cell]!;
      // After the start-up test; the horizon covers a stuck cell's RCT cutoff with room.
      rows.push(await generatorFaultCase(g, f, cell, 1100, opts.horizon ?? Math.max(4000, 2 * c.rct)));
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'build/faults' } } });
  const rows = await generatorFaultStudy();
  const text = generatorFaultTable(rows) + '\n';
  fs.mkdirSync(values.out!, { recursive: true });
  writeFileAtomic(path.join(values.out!, 'generator-faults.md'), text);
  console.log(text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
