/**
 * Architecture 1, the paper's MeRAM word, simulated cycle-accurately: its samples follow the pmf predicted from the
 * per-bit settings (Kronecker product of the per-bit transition matrices), and the report states honestly how far that
 * pmf is from N(0,1). The same check is shown to reject a word with a stuck cell.
 */
import { describe, expect, it } from 'vitest';
import { planWord, meramWord } from '../designs/meram/index.ts';
import { HealthAlarmError, runGenerator } from './harness.ts';
import { distance, verifyGenerator } from './checks.ts';
import { compareToNormal } from '../verif/index.ts';
import { SAMPLES } from './budget.ts';

describe('paper-faithful MeRAM word (reset-then-pulse)', () => {
  const planned = planWord({ seed: 11 });

  it(`${SAMPLES.builtin} samples on the built-in simulator follow the predicted pmf`, async () => {
    const run = await runGenerator(meramWord(planned.plan), { samples: SAMPLES.builtin });
    const v = verifyGenerator(run.samples, planned.predicted, planned.target);
    expect(v.battery.checks.map((c) => [c.name, c.passed])).toEqual(v.battery.checks.map((c) => [c.name, true]));
  });

  it('is far from N(0,1), as independent binary-weighted bits must be', () => {
    const v = { toNormal: compareToNormal(planned.predicted), toTarget: distance(planned.predicted, planned.target) };
    expect(v.toNormal.tv).toBeGreaterThan(0.1);
    expect(Math.abs(v.toNormal.momentErrors.excessKurtosis)).toBeGreaterThan(0.3);
  });

  it('the same check rejects a word whose LSB cell never switches', async () => {
    const stuck = { ...planned.plan.cells[0]!, thresholds: { fromP: planned.plan.cells[0]!.thresholds.fromP.map(() => 0), fromAP: planned.plan.cells[0]!.thresholds.fromAP } };
    // Health tests off, to see what the statistics do (with them on, the RCT stops the generator: next test).
    const broken = { ...planned.plan, name: 'meram_word_stuck', cells: [stuck, ...planned.plan.cells.slice(1)], health: null };
    const run = await runGenerator(meramWord(broken), { samples: 100_000 });
    expect(verifyGenerator(run.samples, planned.predicted, planned.target).battery.passed).toBe(false);
    const guarded = { ...broken, name: 'meram_word_stuck_guarded', health: planned.plan.health };
    await expect(runGenerator(meramWord(guarded), { samples: 100_000 })).rejects.toThrow(HealthAlarmError);
  });
});

describe('paper-faithful MeRAM word (persistent Markov chain)', () => {
  const planned = planWord({ seed: 12, mode: 'markov', pulses: 3 });

  it('after burn-in, samples follow the stationary pmf of the Kronecker-product chain', async () => {
    const run = await runGenerator(meramWord(planned.plan), { samples: 200_000 });
    const v = verifyGenerator(run.samples.subarray(100), planned.predicted, planned.target);
    expect(v.battery.passed).toBe(true);
  });
});
