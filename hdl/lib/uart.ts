/**
 * An 8N1 UART (one start bit, eight data bits least significant first, one stop bit) with a clock divider: a
 * transmitter with a valid/ready handshake and a receiver that samples each bit in its middle. Both FSMs use
 * enumerated states, so the Verilog and the waveforms name them (`UART_TX_DATA`).
 */
import { defineEnum } from '../core/enum.ts';
import { type Module, defineModule } from '../core/module.ts';
import { HdlError } from '../core/errors.ts';
import { type Signal, type Value, widthFor } from '../core/value.ts';
import { CallSite } from '../core/source-loc.ts';

/** States of both UART FSMs. */
export const UartState = defineEnum('uart', ['IDLE', 'START', 'DATA', 'STOP'] as const);

/** What both directions share: the state, the bit timer counting down to 0 (`tick`), the bit count and the shifter. */
function uartCore(m: Module, divisor: number): { state: Signal; timer: Signal; tick: Value; count: Signal; shift: Signal } {
  if (!Number.isInteger(divisor) || divisor < 2) throw new HdlError(`UART divisor must be an integer of at least 2 clock cycles per bit, got ${divisor}`, [new CallSite().loc]);
  const state = m.signal('state', UartState, { reset: UartState.encoding('IDLE') });
  const cw = widthFor(divisor - 1);
  const timer = m.signal('timer', cw);
  const count = m.signal('count', 3);
  const shift = m.signal('shift', 8);
  m.If(timer.ne(0), () => m.sync(timer, timer.sub(1).trunc(cw).asUnsigned()));
  return { state, timer, tick: timer.eq(0), count, shift };
}

/**
 * UART transmitter: `tx` idles high; a byte on `data` is taken when `valid` and `ready` are both 1, then sent at
 * one bit per `divisor` clock cycles.
 * @example const tx = UartTx({ divisor: 868 }); top.submodule('u_tx', tx, { data, valid }); // 100 MHz / 115200
 */
export const UartTx = defineModule('uart_tx', (m, p: { divisor: number }) => {
  const data = m.input('data', 8);
  const valid = m.input('valid', 1);
  const tx = m.output('tx', 1, { reset: 1 });
  const ready = m.output('ready', 1);
  const { state, timer, tick, count, shift } = uartCore(m, p.divisor);
  m.comb(ready, UartState.is(state, 'IDLE'));
  m.Switch(state, (s) => {
    s.Case(UartState.encoding('IDLE'), () => m.If(valid, () => {
      m.sync(shift, data);
      m.sync(tx, 0);
      m.sync(timer, p.divisor - 1);
      m.sync(state, UartState.C('START'));
    }));
    s.Case(UartState.encoding('START'), () => m.If(tick, () => {
      m.sync(tx, shift.bit(0));
      m.sync(timer, p.divisor - 1);
      m.sync(count, 0);
      m.sync(state, UartState.C('DATA'));
    }));
    s.Case(UartState.encoding('DATA'), () => m.If(tick, () => {
      m.sync(timer, p.divisor - 1);
      m.If(count.eq(7), () => {
        m.sync(tx, 1);
        m.sync(state, UartState.C('STOP'));
      }).Else(() => {
        m.sync(tx, shift.bit(1));
        m.sync(shift, shift.shr(1));
        m.sync(count, count.add(1).trunc(3));
      });
    }));
    s.Case(UartState.encoding('STOP'), () => m.If(tick, () => m.sync(state, UartState.C('IDLE'))));
  });
});

/**
 * UART receiver: waits for a falling edge on `rx`, checks the start bit in its middle, samples eight bits one
 * `divisor` apart, and pulses `valid` for one cycle with the byte on `data` when the stop bit is high (`error`
 * pulses instead when it is low). `rx` must already be synchronised to the receiver's clock.
 * @example const rx = UartRx({ divisor: 868 }); const { data, valid } = top.submodule('u_rx', rx, { rx: pin });
 */
export const UartRx = defineModule('uart_rx', (m, p: { divisor: number }) => {
  const rx = m.input('rx', 1);
  const data = m.output('data', 8);
  const valid = m.output('valid', 1);
  const error = m.output('error', 1);
  const { state, timer, tick, count, shift } = uartCore(m, p.divisor);
  m.sync(valid, 0);
  m.sync(error, 0);
  m.Switch(state, (s) => {
    s.Case(UartState.encoding('IDLE'), () => m.If(rx.not(), () => {
      m.sync(timer, p.divisor >> 1); // to the middle of the start bit
      m.sync(state, UartState.C('START'));
    }));
    s.Case(UartState.encoding('START'), () => m.If(tick, () => {
      m.If(rx, () => m.sync(state, UartState.C('IDLE'))).Else(() => { // a glitch, not a start bit
        m.sync(timer, p.divisor - 1);
        m.sync(count, 0);
        m.sync(state, UartState.C('DATA'));
      });
    }));
    s.Case(UartState.encoding('DATA'), () => m.If(tick, () => {
      m.sync(shift, shift.shr(1).or(rx.zext(8).shl(7)));
      m.sync(timer, p.divisor - 1);
      m.sync(count, count.add(1).trunc(3));
      m.If(count.eq(7), () => m.sync(state, UartState.C('STOP')));
    }));
    s.Case(UartState.encoding('STOP'), () => m.If(tick, () => {
      m.If(rx, () => { m.sync(data, shift); m.sync(valid, 1); }).Else(() => m.sync(error, 1));
      m.sync(state, UartState.C('IDLE'));
    }));
  });
});
