/**
 * Continuous health tests of a binary noise source (NIST SP 800-90B §4.3-4.4), synthesizable: per stream a
 * Repetition Count Test and an Adaptive Proportion Test, and a start-up test over the first `startup` samples. The
 * cutoffs are parameters (computed from a stated min-entropy and false-alarm probability by the caller); the
 * module knows nothing of what makes the bits.
 *
 * Ports: `en` (a new sample on every stream this cycle), `bits` (one bit per stream) -> `rct_alarm`, `apt_alarm`
 * (1 for one cycle after a sample on which some stream's test alarmed), `error` (sticky: set by any alarm, cleared
 * only by reset), `startup_done` (the first `startup` samples are in), `ok` (= startup_done and not error).
 */
import { HdlError } from '../core/errors.ts';
import { Module } from '../core/module.ts';
import { C, mux, type Value, widthFor } from '../core/value.ts';

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
  const en = m.input('en', 1);
  const bits = m.input('bits', n);
  const rctAlarm = m.output('rct_alarm', 1);
  const aptAlarm = m.output('apt_alarm', 1);
  const error = m.output('error', 1);
  const startupDone = m.output('startup_done', 1);
  const ok = m.output('ok', 1);

  const pos = m.signal('apt_pos', widthFor(cfg.window - 1));
  const windowStart = pos.eq(0);
  const rcts: Value[] = [];
  const apts: Value[] = [];
  cfg.streams.forEach((s, i) => {
    const bit = bits.bit(i);
    // RCT: the length of the current run, saturating at the cutoff.
    const last = m.signal(`rct_last${i}`, 1);
    const run = m.signal(`rct_run${i}`, widthFor(s.rct));
    const same = bit.eq(last);
    rcts.push(same.and(run.eq(s.rct - 1)));
    m.If(en, () => {
      m.sync(last, bit);
      m.sync(run, mux(same, mux(run.eq(s.rct), C(s.rct), run.add(1)), C(1)).resize(run.width));
    });
    // APT: occurrences of the window's first bit.
    if (s.apt <= cfg.window) {
      const first = m.signal(`apt_first${i}`, 1);
      const count = m.signal(`apt_count${i}`, widthFor(cfg.window));
      const hit = bit.eq(first).and(windowStart.not());
      apts.push(hit.and(count.eq(s.apt - 1)));
      m.If(en, () => m.If(windowStart, () => { m.sync(first, bit); m.sync(count, 1); })
        .Elif(hit, () => m.sync(count, count.add(1).resize(count.width))));
    }
  });
  const any = (vs: Value[]): Value => vs.reduce((a, b) => a.or(b), C(0, 1) as Value);
  const rctNow = en.and(any(rcts));
  const aptNow = en.and(any(apts));
  m.If(en, () => m.sync(pos, mux(pos.eq(cfg.window - 1), C(0), pos.add(1)).resize(pos.width)));
  m.sync(rctAlarm, rctNow);
  m.sync(aptAlarm, aptNow);
  m.If(rctNow.or(aptNow), () => m.sync(error, 1));
  const seen = m.signal('startup_count', widthFor(cfg.startup));
  m.If(en.and(startupDone.not()), () => {
    m.sync(seen, seen.add(1).resize(seen.width));
    m.If(seen.eq(cfg.startup - 1), () => m.sync(startupDone, 1));
  });
  m.comb(ok, startupDone.and(error.not()));
  return m;
}
