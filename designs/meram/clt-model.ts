/**
 * A fast software model of the sum-of-bits generator, read for read identical to its HDL with the behavioural cell
 * models (the same xoshiro128** streams, thresholds, drift and fault controls, bias-tracking loop, von Neumann
 * conditioner and health tests; checked against the built-in simulator in designs/meram/test/clt-model.test.ts).
 * Long runs (second-level NIST over many sequences, dieharder, false-alarm rates, fault studies) use it: the HDL
 * simulation runs about 4e5 cycles per second, the model some 10^7 reads per second.
 */
import { Rng } from '../../common/rng.ts';
import { HealthTestState } from '../../verif/index.ts';
import type { CltPlan } from './clt.ts';

/** What a model run produced. */
export interface CltModelRun {
  /** Raw reads, op-major: bit i of op k at k * n + i. */
  readonly raw: Uint8Array;
  /** Popcounts of the samples the generator made visible (`valid`), in order. */
  readonly ones: Int32Array;
  /** The cell bits of those samples (conditioned bits with the conditioner), sample-major. */
  readonly bits: Uint8Array;
  /** Read operations done. */
  readonly ops: number;
  /** First op (0-based) on which a health test alarmed, and which test; null when none did. */
  readonly alarm: { readonly op: number; readonly test: 'rct' | 'apt'; readonly cell: number } | null;
}

/** Limits of a model run: it stops at whichever comes first. */
export interface CltModelLimits {
  readonly samples?: number;
  readonly ops?: number;
  /** Streaming: each visible sample's cell bits go here instead of into the result (and raw reads are not kept). */
  readonly sink?: (bits: readonly number[]) => void;
}

/**
 * Runs the plan's generator model with `ready` always high.
 * @example const r = simulateClt(planClt({ seed: 1, n: 16 }).plan, { samples: 10_000 }); r.ones;
 */
export function simulateClt(plan: CltPlan, limits: CltModelLimits): CltModelRun {
  const n = plan.cells.length;
  const maxSamples = limits.samples ?? Infinity;
  const maxOps = limits.ops ?? (Number.isFinite(maxSamples) ? maxSamples * 64 + 4096 : 1 << 20);
  const vn = plan.conditioner === 'von-neumann';
  const W = plan.codes.widthBits;
  const mtj = plan.cells.map((c) => new Rng(...c.mtjSeed));
  const sa = plan.cells.map((c) => new Rng(...c.saSeed));
  const acc = new Int32Array(n);
  const have = new Uint8Array(n);
  const first = new Uint8Array(n);
  const held = new Uint8Array(n);
  const vbit = new Uint8Array(n);
  const health = plan.health ? plan.health.streams.map((s) => new HealthTestState(s)) : null;
  const startup = plan.health?.startup ?? 0;
  const sink = limits.sink;
  const raw = new Uint8Array(sink ? 2 * n : maxOps * n);
  const ones: number[] = [];
  const bits: number[] = [];
  let pending: number[] | null = null; // the last sample loaded during start-up (shown once it passes)
  let alarm: CltModelRun['alarm'] = null;
  const span = (plan.trackRange + 1) * plan.trackLimit;
  const shift = Math.log2(Math.max(1, plan.trackLimit));
  const wmax = 2 ** W - 1;
  let op = 0;
  let sunk = 0;
  for (; op < maxOps && ones.length + sunk < maxSamples; op++) {
    for (let i = 0; i < n; i++) {
      const cell = plan.cells[i]!;
      let w = plan.widthCodes[i]!;
      if (plan.trackLimit > 0) {
        const off = Math.max(-plan.trackRange, Math.min(plan.trackRange, acc[i]! >> shift));
        const w0 = plan.widthCodes[i]!;
        w = Math.max(Math.max(0, w0 - plan.trackRange), Math.min(Math.min(wmax, w0 + plan.trackRange), plan.slopes[i] === 1 ? w0 - off : w0 + off));
      }
      const table = cell.drift && op >= cell.drift.afterPulses ? cell.drift.thresholds : cell.thresholds;
      const idx = (plan.ampCodes[i]! << W) | w;
      const bl = (mtj[i]!.nextU32() >>> 1) < table.fromP[idx]! ? 1 : 0;
      const e = cell.saFault && op >= cell.saFault.afterReads ? cell.saFault : { errorWhenP: cell.saErrorWhenP, errorWhenAP: cell.saErrorWhenAP };
      const flip = (sa[i]!.nextU32() >>> 1) < (bl ? e.errorWhenAP : e.errorWhenP) ? 1 : 0;
      const q = bl ^ flip;
      raw[(sink ? op & 1 : op) * n + i] = q;
      if (health && !alarm) {
        const a = health[i]!.push(q);
        if (a) alarm = { op, test: a & 1 ? 'rct' : 'apt', cell: i };
      }
    }
    const base = (sink ? op & 1 : op) * n;
    let word: number[] | null = null;
    if (vn) {
      for (let i = 0; i < n; i++) {
        const q = raw[base + i]!;
        if (have[i]) {
          have[i] = 0;
          if (q !== first[i] && !held[i]) { held[i] = 1; vbit[i] = first[i]!; }
          if (plan.trackLimit > 0) acc[i] = clampAcc(acc[i]! + (q ? 1 : -1) + (first[i] ? 1 : -1), span);
        } else { have[i] = 1; first[i] = q; }
      }
      if (held.every((h) => h)) { word = Array.from(vbit); held.fill(0); }
    } else {
      if (plan.trackLimit > 0) for (let i = 0; i < n; i++) acc[i] = clampAcc(acc[i]! + (raw[base + i] ? 1 : -1), span);
      word = Array.from(raw.subarray(base, base + n));
    }
    // From the op of an alarm on, nothing becomes visible (the sticky error gates `valid`): the model stops there.
    if (alarm) { op++; break; }
    if (!word) continue;
    // Start-up: samples are made and overwritten; the last one shows once the test passes, unless a sample made in
    // the start-up's last op (vn: in the cycle it ends) overwrites it.
    if (health && op < startup - 1) { pending = word; continue; }
    if (health && op === startup - 1) pending = null;
    if (pending) { push(pending); pending = null; if (ones.length + sunk >= maxSamples) break; }
    push(word);
  }
  function push(word: number[]): void {
    if (sink) { sink(word); sunk++; return; }
    let k = 0;
    for (const b of word) { k += b; bits.push(b); }
    ones.push(k);
  }
  return { raw: sink ? new Uint8Array(0) : raw.subarray(0, op * n), ones: Int32Array.from(ones.slice(0, Number.isFinite(maxSamples) ? maxSamples : ones.length)), bits: Uint8Array.from(bits.slice(0, Math.min(bits.length, (Number.isFinite(maxSamples) ? maxSamples : Infinity) * n))), ops: op, alarm };
}

function clampAcc(x: number, span: number): number {
  return Math.max(-span, Math.min(span, x));
}
