/**
 * Continuous health tests of a binary noise source (NIST SP 800-90B §4.3-4.4), synthesizable: per stream a
 * Repetition Count Test and an Adaptive Proportion Test, and a start-up test over the first `startup` samples. The
 * cutoffs are parameters (computed from a stated min-entropy and false-alarm probability by the caller); the
 * module knows nothing of what makes the bits.
 *
 * Ports: `en` (a new sample on every stream this cycle), `bits` (one bit per stream) -> `rct_alarm`, `apt_alarm`
 * (1 for one cycle after a sample on which some stream's test alarmed), `error` (sticky: set by any alarm from the
 * cycle after that, cleared only by reset), `startup_done` (the first `startup` samples are in), `ok` (startup done,
 * no alarm now and no error).
 */
import { HdlError } from '../core/errors.ts';
import { defineModule, Module } from '../core/module.ts';
import { C, mux, type Value, widthFor } from '../core/value.ts';
import { lfsrNext, lfsrStates } from './lfsr.ts';

/** Cutoffs of one stream (see verif's `healthCutoffs`). */
export interface StreamCutoffs {
  /** Alarm when a run of equal bits reaches this length (>= 2). */
  readonly rct: number;
  /** Alarm when the window's first bit occurs this often in the window; above `window` the test cannot fire. */
  readonly apt: number;
}

/** What makes one health monitor. */
export interface HealthMonitorConfig {
  readonly name: string;
  readonly streams: readonly StreamCutoffs[];
  /** APT window length in samples (shared by the streams). */
  readonly window: number;
  /** Samples of the start-up test (SP 800-90B: at least 1024). */
  readonly startup: number;
}

/**
 * Builds the monitor module (instantiate with `m.submodule(name, healthMonitor(cfg), { en, bits })`).
 * @example
 * const mon = healthMonitor({ name: 'health', streams: [{ rct: 21, apt: 589 }], window: 1024, startup: 1024 });
 */
export function healthMonitor(cfg: HealthMonitorConfig): Module {
  const n = cfg.streams.length;
  if (n < 1) throw new HdlError(`health monitor '${cfg.name}': at least one stream`);
  if (!Number.isInteger(cfg.window) || cfg.window < 2) throw new HdlError(`health monitor '${cfg.name}': window must be an integer >= 2, got ${cfg.window}`);
  if (!Number.isInteger(cfg.startup) || cfg.startup < 1) throw new HdlError(`health monitor '${cfg.name}': startup must be a positive integer, got ${cfg.startup}`);
  for (const s of cfg.streams) {
    if (!Number.isInteger(s.rct) || s.rct < 2 || !Number.isInteger(s.apt) || s.apt < 2) throw new HdlError(`health monitor '${cfg.name}': cutoffs must be integers >= 2, got ${JSON.stringify(s)}`);
  }
  const m = new Module(cfg.name);
  const enIn = m.input('en', 1);
  const bitsIn = m.input('bits', n);
  // The inputs are registered (the enable and the window start once here, shared by the streams: with fanout
  // buffering to 16 loads this is smaller than a copy per stream, see docs/meram.md; each sample bit in its stream);
  // the tests then judge a sample in the cycle after it, which is when `ok` falls.
  const en = m.signal('en_r', 1);
  m.sync(en, enIn);
  const rctAlarm = m.output('rct_alarm', 1);
  const aptAlarm = m.output('apt_alarm', 1);
  const error = m.output('error', 1);
  const startupDone = m.output('startup_done', 1);
  const ok = m.output('ok', 1);

  const pos = m.signal('apt_pos', widthFor(cfg.window - 1));
  const lastOfWindow = pos.eq(cfg.window - 1);
  const windowStart = m.signal('apt_start', 1, { reset: 1 });
  m.If(en, () => m.sync(windowStart, lastOfWindow));
  const rcts: Value[] = [];
  const apts: Value[] = [];
  cfg.streams.forEach((s, i) => {
    const t = m.submodule(`u_stream${i}`, HealthStreamTests({ rct: s.rct, apt: s.apt, window: cfg.window }), { en_r: en, bit: bitsIn.bit(i), window_start: windowStart });
    rcts.push(t.rct_hit!);
    apts.push(t.apt_hit!);
  });
  // `ok` falls with the alarm, the cycle after the alarming sample, so no output built from it can leave; `error`
  // holds it from then on.
  const rctNow = anyOf(rcts);
  const aptNow = anyOf(apts);
  m.If(en, () => m.sync(pos, mux(lastOfWindow, C(0), pos.add(1)).resize(pos.width)));
  m.comb(rctAlarm, rctNow);
  m.comb(aptAlarm, aptNow);
  m.If(rctNow.or(aptNow), () => m.sync(error, 1));
  const seen = m.signal('startup_count', widthFor(cfg.startup));
  m.If(en.and(startupDone.not()), () => {
    m.sync(seen, seen.add(1).resize(seen.width));
    m.If(seen.eq(cfg.startup - 1), () => m.sync(startupDone, 1));
  });
  m.comb(ok, startupDone.and(error.or(rctNow).or(aptNow).not()));
  return m;
}

/** OR of the values as a balanced tree (1 bit; 0 for none). */
function anyOf(vs: readonly Value[]): Value {
  if (vs.length === 0) return C(0, 1);
  let level = [...vs];
  while (level.length > 1) {
    const next: Value[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(level[i]!.or(level[i + 1]!));
    if (level.length % 2) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

/**
 * One stream's RCT and APT (a module per stream): the sample bit is registered here, `en_r` (the registered enable)
 * and `window_start` (1 with the first sample of a window, registered like the sample) come from the monitor;
 * `rct_hit` / `apt_hit` in the cycle after the sample on which the test alarmed.
 *
 * Both counters are LFSR-coded (`lfsrStates`): a count k is the state k steps after the reset state 1, so counting
 * costs a few XORs instead of an incrementer, and the comparisons are with the states of the cutoffs. The widths keep
 * the tests exact: the run counter visits C + 1 distinct states (it saturates at C); the proportion counter's period
 * 2^w - 1 is at least C - 1 (no earlier count looks like C - 1) and at least W - C + 1 (no count after the alarm
 * wraps back onto it within the window), so w is often a bit narrower than a binary counter of the window.
 */
export const HealthStreamTests = defineModule('health_stream', (m, p: { rct: number; apt: number; window: number }) => {
  const en = m.input('en_r', 1);
  const bitIn = m.input('bit', 1);
  const windowStart = m.input('window_start', 1);
  const rctHit = m.output('rct_hit', 1);
  const aptHit = m.output('apt_hit', 1);
  const bit = m.signal('bit_r', 1);
  m.sync(bit, bitIn);
  // RCT: the length of the current run, saturating at the cutoff (LFSR-coded: state k = run length k).
  const rw = Math.max(2, widthFor(p.rct + 1));
  const rs = lfsrStates(rw, 1, p.rct);
  const last = m.signal('rct_last', 1);
  const run = m.signal('rct_run', rw, { reset: rs[0]! });
  const same = bit.eq(last);
  m.comb(rctHit, en.and(same).and(run.eq(rs[p.rct - 1]!)));
  m.If(en, () => {
    m.sync(last, bit);
    m.sync(run, mux(same, mux(run.eq(rs[p.rct]!), C(rs[p.rct]!, rw), lfsrNext(run)), C(rs[1]!, rw)));
  });
  // APT: occurrences of the window's first bit (a cutoff above the window cannot fire).
  if (p.apt > p.window) { m.comb(aptHit, 0); return; }
  const aw = Math.max(2, widthFor(Math.max(p.apt - 1, p.window - p.apt + 1)));
  const as = lfsrStates(aw, 1, Math.max(1, p.apt - 1));
  const first = m.signal('apt_first', 1);
  const count = m.signal('apt_count', aw, { reset: as[1]! });
  const hit = bit.eq(first).and(windowStart.not());
  m.comb(aptHit, en.and(hit).and(count.eq(as[p.apt - 1]!)));
  m.If(en, () => m.If(windowStart, () => { m.sync(first, bit); m.sync(count, as[1]!); })
    .Elif(hit, () => m.sync(count, lfsrNext(count))));
});
