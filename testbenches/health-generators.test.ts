/**
 * Health tests of the paper word and the tree sampler (on by default in every generator plan), on the HDL with the
 * behavioural cell models: injected faults are caught within the theory's bounds (stuck cells by the RCT within its
 * cutoff C of the faulty cell's reads; small DAC drifts, inside the claimed min-entropy, not at all); healthy devices
 * raise no alarm over a long run at the default α = 2^-30; at a measurable α = 2^-4 (APT window 64) the false-alarm counts over the
 * HDL's raw reads match the exact theory, and the HDL monitor's first alarm is the software reference's.
 */
import { describe, expect, it } from 'vitest';
import { healthAlarmsReference, rctAlarmRate, aptAlarmProbability, minEntropyEstimate } from '../verif/index.ts';
import { faultyPOne, type TreePlan, type WordPlan } from '../designs/meram/index.ts';
import { GENERATOR_FAULTS, generatorFaultCase, runReads, studyGenerator, type GeneratorKind } from './generator-faults.ts';

const fault = (name: string): (typeof GENERATOR_FAULTS)[number] => GENERATOR_FAULTS.find((f) => f.name === name)!;
const stuckFaults = ['stuck-at-P MTJ', 'stuck-at-AP MTJ', 'dead sense amplifier', 'lost bias field'];

describe('faults on the paper word (8 cells, reset mode)', () => {
  const g = studyGenerator('word');
  it('health tests are on by default: one stream per bit cell', () => {
    expect(g.planned.plan.health?.streams.length).toBe(8);
  });
  for (const cell of [0, 6]) {
    it(`cell ${cell}: stuck-at-P/AP, dead sense amplifier, lost bias field caught by the RCT within C reads`, async () => {
      for (const name of stuckFaults) {
        const r = await generatorFaultCase(g, fault(name), cell, 1100, 2 * g.planned.plan.health!.streams[cell]!.rct);
        expect(r.test, name).toBe('rct');
        expect(r.delay, name).toBeGreaterThanOrEqual(1);
        expect(r.delay!, name).toBeLessThanOrEqual(r.stream.rct); // C - R, R >= 1 the run before the onset... or 0 at most
      }
    }, 120_000);
  }
  it('DAC drift of ±2 codes: alarmed exactly when the theory says it leaves the claim (expected delay vs horizon)', async () => {
    for (const name of ['DAC drift +2 codes', 'DAC drift -2 codes']) for (const cell of [0, 6]) {
      const r = await generatorFaultCase(g, fault(name), cell, 1100, 4000);
      if (r.theory > 1e3 * r.horizon) expect(r.delay, `${name} cell ${cell}`).toBeNull();
      if (r.theory < r.horizon / 20) expect(r.delay, `${name} cell ${cell}`).not.toBeNull();
    }
  }, 120_000);
});

describe('faults on the tree sampler (2 lanes)', () => {
  const g = studyGenerator('tree');
  it('health tests are on by default: the sign and the magnitude cell of every lane', () => {
    expect(g.planned.plan.health?.streams.length).toBe(4);
  });
  it('sign cell: stuck-at-P/AP, dead sense amplifier, lost bias field caught by the RCT within C = 61 sign reads', async () => {
    for (const name of stuckFaults) {
      const r = await generatorFaultCase(g, fault(name), 2, 1100, 200);
      expect(r.test, name).toBe('rct');
      expect(r.delay!, name).toBeGreaterThanOrEqual(1);
      expect(r.delay!, name).toBeLessThanOrEqual(61);
    }
  }, 120_000);
  it('magnitude cell: stuck at P or AP and a dead amplifier caught by the RCT within its C = 20 786 reads', async () => {
    for (const name of ['stuck-at-P MTJ', 'stuck-at-AP MTJ', 'dead sense amplifier']) {
      const r = await generatorFaultCase(g, fault(name), 1, 1100, 21_000);
      expect(r.stream.rct).toBe(20_786);
      expect(r.test, name).toBe('rct');
      // its reads before the onset walk the nodes: the last run may be long, so the delay is C - R with R >= 1
      expect(r.delay!, name).toBeGreaterThanOrEqual(1);
      expect(r.delay!, name).toBeLessThanOrEqual(r.stream.rct);
    }
  }, 300_000);
  it('DAC drift of ±2 codes on a sign cell stays inside its claim: no alarm', async () => {
    for (const name of ['DAC drift +2 codes', 'DAC drift -2 codes']) {
      const r = await generatorFaultCase(g, fault(name), 0, 1100, 3000);
      expect(r.theory, name).toBeGreaterThan(1e6);
      expect(r.delay, name).toBeNull();
    }
  }, 120_000);
});

/** False alarms over healthy HDL raw reads at α = 2^-4 (measurable), per stream: measured against exact theory. */
async function falseAlarms(kind: GeneratorKind, ops: number): Promise<void> {
  // A 64-sample APT window makes its false alarms measurable too (SP 800-90B's 1024 would give about none here).
  const g = studyGenerator(kind, { health: { alpha: 2 ** -4, window: 64 } });
  const plan = g.planned.plan;
  const healthy = await runReads(g.top({ ...plan, health: null } as WordPlan & TreePlan), ops);
  let first = Infinity;
  plan.health!.streams.forEach((s, cell) => {
    const bits = g.stream(healthy, cell);
    const a = healthAlarmsReference(bits, s);
    const earliest = Math.min(a.rct[0] ?? Infinity, a.apt[0] ?? Infinity);
    if (Number.isFinite(earliest)) first = Math.min(first, g.opsFor(cell, earliest));
    const magnitude = kind === 'tree' && cell % 2 === 1;
    if (magnitude) {
      // Reads change law node to node: only the configured bound holds (α per window, α / (C - 1) runs per read).
      expect(a.rct.length, `cell ${cell}`).toBeLessThanOrEqual((bits.length * 2 ** -4) / (s.rct - 1) + 4);
      return;
    }
    const p = kind === 'word' ? faultyPOne(plan as WordPlan, cell) : faultyPOne(plan as TreePlan, cell, undefined, (plan as TreePlan).sign[cell >> 1]!);
    // SP 800-90B estimates (MCV, collision, Markov) of the cell's raw reads stay above its claim.
    const h = minEntropyEstimate(bits);
    console.log(`${kind} cell ${cell}: claim ${s.minEntropy.toFixed(3)}, MCV ${h.mcv.minEntropy.toFixed(3)}, collision ${h.collision.minEntropy.toFixed(3)}, Markov ${h.markov.minEntropy.toFixed(3)}`);
    expect(h.minEntropy, `cell ${cell}`).toBeGreaterThan(s.minEntropy);
    const eRct = bits.length * rctAlarmRate(p, s.rct);
    const windows = Math.floor(bits.length / plan.health!.window);
    const eApt = windows * aptAlarmProbability(p, s.apt, plan.health!.window);
    console.log(`${kind} cell ${cell} (p ${p.toFixed(3)}, C ${s.rct}/${s.apt}): RCT ${a.rct.length} (theory ${eRct.toFixed(1)}), APT ${a.apt.length}/${windows} windows (theory ${eApt.toFixed(2)}; α bound ${(windows * 2 ** -4).toFixed(1)})`);
    expect(Math.abs(a.rct.length - eRct), `cell ${cell} RCT`).toBeLessThan(4 * Math.sqrt(eRct) + 2);
    expect(Math.abs(a.apt.length - eApt), `cell ${cell} APT`).toBeLessThan(4 * Math.sqrt(eApt) + 2);
    expect(aptAlarmProbability(p, s.apt, plan.health!.window)).toBeLessThanOrEqual(2 ** -4);
  });
  // The HDL monitor, configured the same, stops at the first alarm the reference finds.
  const monitored = await runReads(g.top(plan), Math.min(ops, first + 10));
  expect(monitored.alarm?.op).toBe(first);
}

describe('false alarms', () => {
  it('word: healthy device, default α = 2^-30, no alarm in 10^5 reads per cell', async () => {
    const g = studyGenerator('word');
    expect((await runReads(g.top(g.planned.plan), 100_000)).alarm).toBeNull();
  }, 120_000);
  it('tree: healthy device, default α = 2^-30, no alarm in 10^5 reads', async () => {
    const g = studyGenerator('tree');
    expect((await runReads(g.top(g.planned.plan), 100_000)).alarm).toBeNull();
  }, 120_000);
  it('word at α = 2^-4: false-alarm counts over 10^5 HDL reads per cell match the exact theory; the HDL alarms first where the reference does', () => falseAlarms('word', 100_000), 120_000);
  it('tree at α = 2^-4: the same on the sign cells, the configured bound on the magnitude cells', () => falseAlarms('tree', 100_000), 120_000);
});
