/**
 * The continuous health tests of NIST SP 800-90B §4.4 for a binary noise source, as mathematics: cutoffs from a stated
 * min-entropy per sample H and a false-alarm probability α, a bit-exact software model of the hardware tests (for
 * checking the HDL and for measuring false-alarm rates on long streams), and the exact false-alarm rates and the
 * expected detection delays the measurements are compared with.
 */
import { InvalidParameterError } from '../errors.ts';
import type { Bits } from '../nist/common.ts';
import { binomialCdf } from './special.ts';

/** Cutoffs of one bit stream's tests. */
export interface HealthCutoffs {
  /** Repetition Count Test: alarm when a run of equal bits reaches this length. */
  readonly rct: number;
  /** Adaptive Proportion Test: alarm when the window's first bit occurs this many times in the window. */
  readonly apt: number;
  /** APT window (1024 for binary sources in SP 800-90B). */
  readonly window: number;
}

function checkH(h: number, alpha: number): void {
  if (!(h > 0 && h <= 1)) throw new InvalidParameterError(`min-entropy per bit must be in (0, 1], got ${h}`);
  if (!(alpha > 0 && alpha < 1)) throw new InvalidParameterError(`false-alarm probability must be in (0, 1), got ${alpha}`);
}

/**
 * RCT cutoff C = 1 + ceil(-log2(α) / H) (SP 800-90B §4.4.1): a run of C equal samples has probability at most α.
 * @example rctCutoff(1, 2 ** -20); // 21
 */
export function rctCutoff(h: number, alpha: number): number {
  checkH(h, alpha);
  return 1 + Math.ceil(-Math.log2(alpha) / h - 1e-12);
}

/**
 * APT cutoff C = 1 + CRITBINOM(W, 2^-H, 1 - α) (SP 800-90B §4.4.2): the smallest C with P(Bin(W, 2^-H) >= C) <= α,
 * capped at W + 1 (a cutoff the window cannot reach: the test is then blind, which a low H makes unavoidable).
 * @example aptCutoff(1, 2 ** -20, 1024); // 589 (the mean 512 plus about 4.8 sigma)
 */
export function aptCutoff(h: number, alpha: number, window = 1024): number {
  checkH(h, alpha);
  if (!Number.isInteger(window) || window < 2) throw new InvalidParameterError(`APT window must be an integer >= 2, got ${window}`);
  const p = 2 ** -h;
  // smallest k with CDF(k) >= 1 - α, by bisection (the CDF is monotone)
  let lo = 0;
  let hi = window;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (binomialCdf(mid, window, p) >= 1 - alpha) hi = mid;
    else lo = mid + 1;
  }
  return Math.min(window + 1, 1 + lo);
}

/**
 * Both cutoffs for a stated min-entropy per bit and false-alarm probability.
 * @example healthCutoffs(0.5, 2 ** -30); // { rct: 61, apt: ..., window: 1024 }
 */
export function healthCutoffs(h: number, alpha: number, window = 1024): HealthCutoffs {
  return { rct: rctCutoff(h, alpha), apt: aptCutoff(h, alpha, window), window };
}

/** Sample indices (0-based, within the stream) at which each test raised its alarm. */
export interface HealthAlarms {
  readonly rct: number[];
  readonly apt: number[];
}

/**
 * The hardware tests in software, bit-exactly (designs' `HealthMonitor`): the RCT counts the current run (saturating
 * at C) and alarms in the sample where it reaches C; the APT takes windows of W samples from the first, counts the
 * window's first bit and alarms in the sample where the count reaches C. Neither stops after an alarm (the hardware's
 * sticky error is separate), so long streams measure false-alarm rates.
 * @example healthAlarmsReference(bits, healthCutoffs(1, 2 ** -8)).rct.length / bits.length; // ≈ 2^-9 for fair bits
 */
export function healthAlarmsReference(bits: Bits, c: HealthCutoffs): HealthAlarms {
  const rct: number[] = [];
  const apt: number[] = [];
  const t = new HealthTestState(c);
  for (let i = 0; i < bits.length; i++) {
    const a = t.push(bits[i]!);
    if (a & 1) rct.push(i);
    if (a & 2) apt.push(i);
  }
  return { rct, apt };
}

/**
 * The state of one stream's two tests, sample by sample (the model behind {@link healthAlarmsReference}).
 * @example const t = new HealthTestState(healthCutoffs(1, 2 ** -20)); const alarms = t.push(1); // bit 0: RCT, bit 1: APT
 */
export class HealthTestState {
  private last = 0;
  private run = 0;
  private first = 0;
  private count = 0;
  private pos = 0;
  constructor(private readonly c: HealthCutoffs) {}

  /** Takes one bit; returns 1 if the RCT alarmed on it, 2 if the APT did, 3 if both, else 0. */
  push(x: number): number {
    const c = this.c;
    let alarms = 0;
    if (x === this.last) {
      if (this.run === c.rct - 1) alarms |= 1;
      this.run = Math.min(this.run + 1, c.rct);
    } else this.run = 1;
    this.last = x;
    if (this.pos === 0) { this.first = x; this.count = 1; }
    else if (x === this.first) {
      if (this.count === c.apt - 1) alarms |= 2;
      this.count++;
    }
    this.pos = this.pos === c.window - 1 ? 0 : this.pos + 1;
    return alarms;
  }
}

/**
 * Exact long-run RCT alarm rate per sample for independent bits with P(1) = p: an alarm needs C equal bits after a
 * different one, p^C (1 - p) + (1 - p)^C p.
 * @example rctAlarmRate(0.5, 9); // 2^-9
 */
export function rctAlarmRate(p: number, c: number): number {
  return p ** c * (1 - p) + (1 - p) ** c * p;
}

/**
 * Exact APT alarm probability per window for independent bits with P(1) = p: the first bit is A with its own
 * probability, then at least C - 1 of the other W - 1 bits equal A.
 * @example aptAlarmProbability(0.5, healthCutoffs(1, 2 ** -8, 512).apt, 512); // <= 2^-8
 */
export function aptAlarmProbability(p: number, c: number, window: number): number {
  if (c > window) return 0;
  const tail = (q: number): number => 1 - binomialCdf(c - 2, window - 1, q);
  return p * tail(p) + (1 - p) * tail(1 - p);
}

/**
 * Expected number of faulty samples until the first alarm when a stream's law changes at a random time to
 * independent bits with P(1) = p (p = 0 or 1: stuck). Stuck: the RCT needs C - R more samples, R the run of the stuck
 * value just before the fault (E[R] = q/(1 - q) for its prior probability q, 1/2 here); the APT needs the rest of the
 * current window (W/2 on average) and C - 1 samples of the next. Biased: the two tests as competing geometric clocks,
 * 1 / (r_RCT + π_APT / W) (an approximation: windows are not memoryless).
 * @example expectedDetectionDelay(0, healthCutoffs(0.5, 2 ** -30)); // ≈ 60 (the RCT)
 */
export function expectedDetectionDelay(p: number, c: HealthCutoffs, priorP = 0.5): { rct: number; apt: number; first: number } {
  if (p === 0 || p === 1) {
    const q = p === 1 ? priorP : 1 - priorP;
    const rct = c.rct - q / (1 - q);
    const apt = c.apt > c.window ? Infinity : c.window / 2 + c.apt - 1;
    return { rct, apt, first: Math.min(rct, apt) };
  }
  const r = rctAlarmRate(p, c.rct);
  const pi = aptAlarmProbability(p, c.apt, c.window);
  return { rct: 1 / r, apt: pi > 0 ? c.window / pi : Infinity, first: 1 / (r + pi / c.window) };
}
