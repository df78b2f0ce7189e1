/**
 * Simulation-only behavioural models of the MTJ cell and the sense amplifier, written in the HDL itself so that every
 * backend (built-in, Verilator native and WebAssembly) produces the identical bit sequence for a seed: each instance
 * owns a seeded xoshiro128** stream and compares it with fixed-point thresholds exported by the calibrated device model.
 */
import { HdlError } from '../../hdl/core/errors.ts';
import { Module } from '../../hdl/core/module.ts';
import { C, cat, mux, type Value } from '../../hdl/core/value.ts';
import { xoshiro128ss } from '../../hdl/lib/xoshiro.ts';
import { type PulseCodeWidths, THRESHOLD_BITS } from './pins.ts';

/** Switching thresholds of one MTJ: index `amp * 2^widthBits + width`, values T = round(p 2^31). */
export interface MtjThresholds {
  readonly fromP: readonly number[];
  readonly fromAP: readonly number[];
}

/** Everything that makes one simulated MTJ instance. */
export interface MtjModelConfig extends PulseCodeWidths {
  readonly name: string;
  /** xoshiro128** state words of this instance's stream. */
  readonly seed: readonly [number, number, number, number];
  readonly thresholds: MtjThresholds;
  /** Device drift: after `afterPulses` pulses, switch to a second table (e.g. a temperature change). */
  readonly drift?: { readonly afterPulses: number; readonly thresholds: MtjThresholds };
}

/**
 * The MTJ cell model: on `reset_en` the free layer goes to P; on `pulse_en` it toggles with the probability of the
 * pulse (from its current state), decided by `(u >>> 1) < T` with u the next word of its stream.
 */
export function mtjCellModel(cfg: MtjModelConfig): Module {
  const n = 1 << (cfg.ampBits + cfg.widthBits);
  for (const t of [cfg.thresholds, ...(cfg.drift ? [cfg.drift.thresholds] : [])]) {
    if (t.fromP.length !== n || t.fromAP.length !== n) throw new HdlError(`MTJ model '${cfg.name}': ${n} thresholds per direction expected`);
  }
  const m = new Module(cfg.name);
  m.simulationOnly = true;
  const pulseEn = m.input('pulse_en', 1);
  const resetEn = m.input('reset_en', 1);
  const amp = m.input('amp_code', cfg.ampBits);
  const width = m.input('width_code', cfg.widthBits);
  const bl = m.output('bl', 1);
  const state = m.signal('state_ap', 1);
  const banks = cfg.drift ? 2 : 1;
  const tables = [cfg.thresholds, ...(cfg.drift ? [cfg.drift.thresholds] : [])];
  const init: number[] = [];
  for (const t of tables) init.push(...t.fromP, ...t.fromAP);
  const rom = m.memory('thresholds', { shape: THRESHOLD_BITS + 1, depth: banks * 2 * n, init });
  let bank: Value = C(0, 1);
  if (cfg.drift) {
    const pulses = m.signal('pulses', 32);
    const drifted = m.signal('drifted', 1);
    m.If(pulseEn, () => m.sync(pulses, pulses.add(1).trunc(32)));
    m.If(pulses.ge(cfg.drift.afterPulses), () => m.sync(drifted, 1));
    bank = drifted;
  }
  const threshold = rom.read(cat(bank, state, amp, width).trunc(rom.addrWidth), { domain: null, name: 'threshold' });
  const u = xoshiro128ss(m, 'rng', cfg.seed, pulseEn.and(resetEn.not()));
  const flips = u.bits(31, 32 - THRESHOLD_BITS).lt(threshold);
  m.If(resetEn, () => m.sync(state, 0)).Elif(pulseEn, () => m.If(flips, () => m.sync(state, state.not())));
  m.comb(bl, state);
  return m;
}

/** Everything that makes one simulated sense amplifier. */
export interface SenseAmpModelConfig {
  readonly name: string;
  readonly seed: readonly [number, number, number, number];
  /** Thresholds of a wrong decision when the cell is P (reads 1) and when it is AP (reads 0), T = round(e 2^31). */
  readonly errorWhenP: number;
  readonly errorWhenAP: number;
  /**
   * Simulation-only fault injection: from read number `afterReads` (0-based) on, use these error thresholds instead
   * (e.g. errorWhenP 0 and errorWhenAP 2^31: a dead amplifier that always reads 0).
   */
  readonly fault?: { readonly afterReads: number; readonly errorWhenP: number; readonly errorWhenAP: number };
}

/**
 * The latch sense amplifier model: `strobe` (with `sense_en`, after a `precharge`) latches `q = bl` flipped with the
 * error probability of this instance (frozen offset and per-read noise, from the readout model). A strobe without a
 * preceding precharge or without `sense_en` is a protocol violation: counted in `violations` (sim-only observability).
 */
export function senseAmpModel(cfg: SenseAmpModelConfig): Module {
  const m = new Module(cfg.name);
  m.simulationOnly = true;
  const bl = m.input('bl', 1);
  const precharge = m.input('precharge', 1);
  const senseEn = m.input('sense_en', 1);
  const strobe = m.input('strobe', 1);
  const q = m.output('q', 1);
  const qr = m.signal('q_latch', 1);
  const ready = m.signal('precharged', 1);
  const violations = m.signal('violations', 16);
  const ok = strobe.and(senseEn).and(ready);
  const u = xoshiro128ss(m, 'rng', cfg.seed, ok);
  m.If(precharge, () => m.sync(ready, 1)).Elif(strobe, () => m.sync(ready, 0));
  let err = decisionError(u, bl, cfg);
  if (cfg.fault) {
    const reads = m.signal('reads', 32);
    const faulty = m.signal('faulty', 1);
    m.If(ok, () => m.sync(reads, reads.add(1).trunc(32)));
    m.If(reads.ge(cfg.fault.afterReads), () => m.sync(faulty, 1));
    err = mux(faulty, decisionError(u, bl, cfg.fault), err);
  }
  m.If(ok, () => m.sync(qr, bl.xor(err)));
  m.If(strobe.and(ok.not()), () => m.sync(violations, violations.add(1).trunc(16)));
  m.comb(q, qr);
  return m;
}

/** 1 when this read decides wrongly: the top 31 bits of u fall below the error threshold of the cell's state. */
function decisionError(u: Value, bl: Value, cfg: { readonly errorWhenP: number; readonly errorWhenAP: number }): Value {
  const threshold = mux(bl, C(cfg.errorWhenAP, THRESHOLD_BITS + 1), C(cfg.errorWhenP, THRESHOLD_BITS + 1));
  return u.bits(31, 32 - THRESHOLD_BITS).lt(threshold);
}
