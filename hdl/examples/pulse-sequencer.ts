/**
 * A pulse sequencer: an FSM that reads pulse widths from a ROM, fires a pulse of that many cycles, waits, and logs
 * each result into a RAM. Exercises FSMs, Switch, ROM, RAM, signed arithmetic and a valid/ready handshake.
 */
import { Module } from '../core/module.ts';
import { signed } from '../core/shape.ts';
import { mux } from '../core/value.ts';

/** Builds the `pulse_sequencer` top module. */
export function pulseSequencer(): Module {
  const m = new Module('pulse_sequencer');
  const start = m.input('start', 1);
  const ready = m.input('ready', 1);
  const sense = m.input('sense', 1);
  const pulse = m.output('pulse', 1);
  const valid = m.output('valid', 1);
  const result = m.output('result', 8);
  const offset = m.output('offset', signed(10));

  const widths = m.memory('widths', { shape: 6, depth: 8, init: [3, 5, 8, 13, 21, 34, 55, 63] });
  const log = m.memory('log', { shape: 8, depth: 16 });
  const index = m.signal('index', 3);
  const timer = m.signal('timer', 6);
  const width = widths.read(index);
  const wptr = m.signal('wptr', 4);
  const ones = m.signal('ones', 8);

  const fsm = m.fsm('seq', ['IDLE', 'LOAD', 'PULSE', 'SETTLE', 'READ', 'OUTPUT'] as const);
  fsm.state('IDLE', () => m.If(start, () => fsm.next('LOAD')));
  fsm.state('LOAD', () => { m.sync(timer, width); fsm.next('PULSE'); });
  fsm.state('PULSE', () => {
    m.comb(pulse, 1);
    m.sync(timer, timer.sub(1).trunc(6).asUnsigned());
    m.If(timer.eq(1), () => fsm.next('SETTLE'));
  });
  fsm.state('SETTLE', () => fsm.next('READ'));
  fsm.state('READ', () => {
    m.sync(ones, mux(sense, ones.add(1), ones).trunc(8));
    fsm.next('OUTPUT');
  });
  fsm.state('OUTPUT', () => {
    m.comb(valid, 1);
    m.If(ready, () => {
      m.sync(index, index.add(1).trunc(3));
      m.sync(wptr, wptr.add(1).trunc(4));
      fsm.next('IDLE');
    });
  });
  log.write(wptr, ones, fsm.is('OUTPUT').and(ready));
  const last = log.read(wptr.sub(1).trunc(4).asUnsigned(), { domain: null });
  m.comb(result, last);
  m.comb(offset, ones.sub(width.mul(2)).resize(10));
  return m;
}
