/**
 * Synthesizable control logic of a MeRAM array (180 nm-style): the pulse controller FSM and the readout sequencer.
 * One operation: set the DAC and width codes and let them settle, optionally reset-write the cells to P, fire
 * `pulses` gate pulses (each followed by a settle time), then read every cell through the sense amplifiers
 * (precharge, sense enable, strobe) and signal `done` for one cycle, as the sensed bits become valid.
 * Phase lengths come from the timing constraints.
 */
import { HdlError } from '../../hdl/core/errors.ts';
import { defineInterface, defineTypedGenerator, input, instantiate, out } from '../../hdl/core/interface.ts';
import type { Module } from '../../hdl/core/module.ts';
import { fsmEncodingAsserts } from '../../hdl/core/property.ts';
import { type Signal, widthFor } from '../../hdl/core/value.ts';
import { CellControlBus, readStrobes } from './pins.ts';


/** The readout sequencer's pins, as the sequencer sees them: it receives `start` and drives the strobes and `done`. */
export const ReadoutBus = defineInterface('meram_readout', { start: input(1), ...readStrobes, done: out(1) });

/**
 * One operation of the pulse controller, as the controller sees it: it receives `start`, drives `busy` and `done`
 * (the sensed bits are valid) and `pulse_index` (the number of the pulse within the operation).
 */
export function OperationBus(pulses: number) {
  return defineInterface('meram_operation', { start: input(1), busy: out(1), pulse_index: out(widthFor(pulses - 1)), done: out(1) });
}

/** Lengths of the phases of one operation, in clock cycles (each at least 1). */
export interface PhaseCycles {
  readonly dacSettle: number;
  readonly resetPulse: number;
  readonly postPulseSettle: number;
  readonly precharge: number;
  readonly senseEnable: number;
}

function checkCycles(c: PhaseCycles): void {
  const phases: (keyof PhaseCycles)[] = ['dacSettle', 'resetPulse', 'postPulseSettle', 'precharge', 'senseEnable'];
  for (const k of phases) { const v = c[k]; if (!Number.isInteger(v) || v < 1 || v > 255) throw new HdlError(`phase '${k}' must last 1..255 cycles, got ${v}`); }
}

/** In a phase counted by `timer`: run `next` when the count reaches zero, else count down. */
function countdown(m: Module, timer: Signal, next: () => void): void {
  m.If(timer.eq(0), next).Else(() => m.sync(timer, timer.sub(1).trunc(timer.width).asUnsigned()));
}

/**
 * Readout sequencer: on `start`, `precharge` for `precharge` cycles, then `sense_en` for `senseEnable` cycles, the
 * last of which also raises `strobe` (the latch decision); `done` follows one cycle later, when `q` is valid.
 */
export const ReadoutSequencer = defineTypedGenerator('readout_sequencer', () => ({ rd: ReadoutBus }), (m, { rd: io }, p: { precharge: number; senseEnable: number; formal?: boolean }) => {
  checkCycles({ dacSettle: 1, resetPulse: 1, postPulseSettle: 1, ...p });
  const { start, precharge, sense_en: senseEn, strobe, done } = io;
  const timer = m.signal('timer', 8);
  const fsm = m.fsm('rd', ['IDLE', 'PRECHARGE', 'SENSE', 'LATCHED'] as const);
  fsm.state('IDLE', () => m.If(start, () => { m.sync(timer, p.precharge - 1); fsm.next('PRECHARGE'); }));
  fsm.state('PRECHARGE', () => {
    m.comb(precharge, 1);
    countdown(m, timer, () => { m.sync(timer, p.senseEnable - 1); fsm.next('SENSE'); });
  });
  fsm.state('SENSE', () => {
    m.comb(senseEn, 1);
    countdown(m, timer, () => { m.comb(strobe, 1); fsm.next('LATCHED'); });
  });
  fsm.state('LATCHED', () => { m.comb(done, 1); fsm.next('IDLE'); });
  // With `formal`: the phase timers stay within their phase's length (what makes the proofs inductive).
  if (p.formal) {
    m.assert(fsm.is('PRECHARGE').not().or(timer.lt(p.precharge)), 'precharge timer within its phase', { name: 'inv_precharge_timer' });
    m.assert(fsm.is('SENSE').not().or(timer.lt(p.senseEnable)), 'sense timer within its phase', { name: 'inv_sense_timer' });
  }
}, { prefixes: { rd: '' } });

/** Parameters of the pulse controller: phase lengths, reset-writes on or off, pulses per operation. */
export type PulseControllerParams = PhaseCycles & { resetWrite: boolean; pulses: number; formal?: boolean };

/**
 * Pulse controller: sequences one operation per `start` (see the file comment). `pulse_index` counts the pulses of
 * the operation (for per-pulse codes). With `resetWrite` off the cells keep their state between operations (the
 * persistent Markov-chain mode).
 */
export const PulseController = defineTypedGenerator('pulse_controller', (p: PulseControllerParams) => ({ op: OperationBus(p.pulses), cells: CellControlBus }), (m, io, p) => {
  checkCycles(p);
  if (!Number.isInteger(p.pulses) || p.pulses < 1 || p.pulses > 255) throw new HdlError(`pulses per operation must be 1..255, got ${p.pulses}`);
  const { start, busy, pulse_index: pulseIndex, done } = io.op;
  const { reset_en: resetEn, pulse_en: pulseEn } = io.cells;
  const timer = m.signal('timer', 8);
  const readStart = m.signal('read_start', 1);
  const { rd } = instantiate(m, 'u_readout', ReadoutSequencer({ precharge: p.precharge, senseEnable: p.senseEnable, formal: p.formal }), { rd: { start: readStart } });
  m.comb(io.cells.precharge, rd.precharge);
  m.comb(io.cells.sense_en, rd.sense_en);
  m.comb(io.cells.strobe, rd.strobe);

  const fsm = m.fsm('ctl', ['IDLE', 'SETUP', 'RESET', 'PULSE', 'SETTLE', 'READ'] as const);
  m.comb(busy, fsm.is('IDLE').not());
  fsm.state('IDLE', () => m.If(start, () => { m.sync(timer, p.dacSettle - 1); fsm.next('SETUP'); }));
  fsm.state('SETUP', () => countdown(m, timer, () => {
    if (p.resetWrite) m.sync(timer, p.resetPulse - 1);
    fsm.next(p.resetWrite ? 'RESET' : 'PULSE');
  }));
  fsm.state('RESET', () => { m.comb(resetEn, 1); countdown(m, timer, () => fsm.next('PULSE')); });
  fsm.state('PULSE', () => { m.comb(pulseEn, 1); m.sync(timer, p.postPulseSettle - 1); fsm.next('SETTLE'); });
  fsm.state('SETTLE', () => countdown(m, timer, () => {
    m.If(pulseIndex.eq(p.pulses - 1), () => { m.sync(pulseIndex, 0); m.comb(readStart, 1); fsm.next('READ'); })
      .Else(() => { m.sync(pulseIndex, pulseIndex.add(1).trunc(pulseIndex.width)); fsm.next('PULSE'); });
  }));
  // `done` in the cycle the sensed bits are latched: no extra state between the read and the next operation.
  fsm.state('READ', () => m.If(rd.done, () => { m.comb(done, 1); fsm.next('IDLE'); }));
  // With `formal` (designs/meram/properties.ts proves them): the state invariants of the sequence.
  if (p.formal) {
    fsmEncodingAsserts(m);
    const phase = (s: 'SETUP' | 'RESET' | 'SETTLE', len: number): void => {
      m.assert(fsm.is(s).not().or(timer.lt(len)), `${s.toLowerCase()} timer within its phase`, { name: `inv_${s.toLowerCase()}_timer` });
    };
    phase('SETUP', p.dacSettle);
    if (p.resetWrite) phase('RESET', p.resetPulse);
    else m.assert(fsm.is('RESET').not(), 'no reset phase without reset-writes', { name: 'inv_no_reset' });
    phase('SETTLE', p.postPulseSettle);
    m.assert(pulseIndex.lt(p.pulses), 'pulse index below the pulse count', { name: 'inv_pulse_index' });
    m.assert(fsm.is('READ').or(rd.precharge!.or(rd.sense_en!).or(rd.done).not()), 'the readout runs only in READ', { name: 'inv_readout_idle' });
    m.assert(fsm.is('READ').not().or(pulseIndex.eq(0)), 'pulse index cleared for the read', { name: 'inv_read_index' });
  }
}, { prefixes: { op: '', cells: '' } });
