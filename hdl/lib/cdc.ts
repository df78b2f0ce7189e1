/**
 * Clock-domain crossings beyond one bit: a pulse synchroniser (toggle + two flops + edge detect) and a multi-bit
 * synchroniser with a request/acknowledge handshake. Both are two-domain modules, `src` (the sender's clock) and
 * `sync` (the receiver's); rename them when instantiating (`{ domains: { src: 'fast', sync: 'slow' } }`). Their
 * first receiving flops are marked `syncStage`, so the crossing check (`checkDomainCrossings`) accepts them; the
 * handshake's data register is marked too, because the protocol holds the sender's data stable while it is sampled.
 */
import { defineModule } from '../core/module.ts';
import type { Module } from '../core/module.ts';
import type { Signal, Value } from '../core/value.ts';

/** `stages` flops of domain `domain` after `i`, the first marked as a synchroniser stage; returns the last one. */
function syncChain(m: Module, name: string, i: Value, stages: number, domain: string): Signal {
  let prev: Value = i;
  let last: Signal | null = null;
  for (let k = 0; k < stages; k++) {
    const s = m.signal(`${name}${k}`, 1, { syncStage: k === 0 });
    m.domain(domain).sync(s, prev);
    prev = last = s;
  }
  return last!;
}

/**
 * Carries single-cycle pulses from domain `src` to domain `sync`: each pulse on `i` toggles a flop, the toggle
 * crosses through two flops, and each change of it is one pulse on `o`. Pulses closer than about three receiving
 * cycles apart merge, so the sender must space them (or use {@link HandshakeSynchronizer}).
 * @example top.submodule('u_ps', PulseSynchronizer({}), { i: done }, { domains: { src: 'fast' } });
 */
export const PulseSynchronizer = defineModule('pulse_synchronizer', (m, p: { readonly stages?: number }) => {
  const i = m.input('i', 1);
  const o = m.output('o', 1);
  const toggle = m.signal('toggle', 1);
  m.domain('src').sync(toggle, toggle.xor(i));
  const synced = syncChain(m, 'stage', toggle, p.stages ?? 2, 'sync');
  const seen = m.signal('seen', 1);
  m.sync(seen, synced);
  m.comb(o, synced.xor(seen));
});

/**
 * Carries a `width`-bit word from domain `src` to domain `sync` with a two-phase (toggle) handshake: `send`
 * while `ready` latches `data`; `valid` pulses in the receiving domain with the word on `q`; `ready` returns once
 * the acknowledgement has crossed back. Every word arrives, none twice, whatever the two clocks.
 * @example const h = top.submodule('u_hs', HandshakeSynchronizer({ width: 16 }), { data, send }, { domains: { src: 'fast' } });
 */
export const HandshakeSynchronizer = defineModule('handshake_synchronizer', (m, p: { width: number }) => {
  const src = m.domain('src');
  const data = m.input('data', p.width);
  const send = m.input('send', 1);
  const ready = m.output('ready', 1);
  const q = m.output('q', p.width);
  const valid = m.output('valid', 1);
  // Sender: `req` toggles with each word; `held` keeps the word until the acknowledgement returns.
  const req = m.signal('req', 1);
  const held = m.signal('held', p.width);
  const ack = m.signal('ack', 1); // the receiver's copy of `req` once it has taken the word
  const ackSeen = syncChain(m, 'ack_stage', ack, 2, 'src');
  const idle = req.eq(ackSeen);
  m.comb(ready, idle);
  m.If(send.and(idle), () => { src.sync(held, data); src.sync(req, req.not()); });
  // Receiver: a change of the synchronised `req` means `held` is stable: sample it, then acknowledge.
  const reqSeen = syncChain(m, 'req_stage', req, 2, 'sync');
  const word = m.signal('word', p.width, { syncStage: true }); // stable by the protocol while sampled
  const fresh = reqSeen.ne(ack);
  m.sync(valid, fresh);
  m.If(fresh, () => { m.sync(word, held); m.sync(ack, reqSeen); });
  m.comb(q, word);
});

/** Gray code of a binary value. */
function gray(v: Value): Value {
  return v.xor(v.shr(1));
}

/**
 * An asynchronous FIFO of `2^log2Depth` words of `width` bits with gray-coded pointers (Cummings' design): written in
 * domain `src` (`wdata` when `wen` and not `full`), read in domain `sync` (`q` shows the oldest word while `empty`
 * is 0; `ren` pops it). Each pointer crosses as gray code through two flops, so at most one bit is in flight; `full`
 * and `empty` are pessimistic (they clear a few cycles late), never wrong. The memory's read is registered in the
 * reading domain and marked as a synchroniser stage: the pointers guarantee a word is written before it is read.
 * @example const f = top.submodule('u_fifo', AsyncFifo({ width: 8, log2Depth: 4 }), { wdata, wen, ren }, { domains: { src: 'fast' } });
 */
export const AsyncFifo = defineModule('async_fifo', (m, p: { width: number; log2Depth: number }) => {
  const k = p.log2Depth;
  const src = m.domain('src');
  const wdata = m.input('wdata', p.width);
  const wen = m.input('wen', 1);
  const ren = m.input('ren', 1);
  const full = m.output('full', 1);
  const empty = m.output('empty', 1);
  const q = m.output('q', p.width);
  const mem = m.memory('mem', { shape: p.width, depth: 2 ** k });
  // Pointers are k + 1 bits: the extra bit tells a full FIFO from an empty one.
  const wbin = m.signal('wbin', k + 1);
  const wgray = m.signal('wgray', k + 1);
  const rbin = m.signal('rbin', k + 1);
  const rgray = m.signal('rgray', k + 1);
  const grayChain = (name: string, v: Value, domain: string): Signal => {
    const s0 = m.signal(`${name}0`, k + 1, { syncStage: true });
    const s1 = m.signal(`${name}1`, k + 1);
    m.domain(domain).sync(s0, v);
    m.domain(domain).sync(s1, s0);
    return s1;
  };
  const rgrayInSrc = grayChain('rgray_sync', rgray, 'src');
  const wgrayInDst = grayChain('wgray_sync', wgray, 'sync');
  // Write side: full when the write pointer is one lap ahead (gray: the top two bits differ, the rest equal).
  const isFull = wgray.eq(rgrayInSrc.xor(3 << (k - 1)));
  const push = wen.and(isFull.not());
  const wnext = wbin.add(push).trunc(k + 1);
  src.sync(wbin, wnext);
  src.sync(wgray, gray(wnext));
  m.comb(full, isFull);
  mem.write(wbin.bits(k - 1, 0), wdata, push, { domain: 'src' });
  // Read side: the registered read follows the next read pointer, so `q` is the word at `rbin`.
  const isEmpty = rgray.eq(wgrayInDst);
  const pop = ren.and(isEmpty.not());
  const rnext = rbin.add(pop).trunc(k + 1);
  m.sync(rbin, rnext);
  m.sync(rgray, gray(rnext));
  m.comb(empty, isEmpty);
  m.comb(q, mem.read(rnext.bits(k - 1, 0), { domain: 'sync', syncStage: true }));
});
