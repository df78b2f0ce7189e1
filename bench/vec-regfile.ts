/**
 * Benchmark: a register file written with `Vec` dynamic indexing (one 256-bit signal, `regs.at(waddr)` written,
 * `regs.at(raddr)` read) against the same register file written by hand (16 separate registers, one `If` per register
 * and a `select` for the read). Both compute the same thing; the peer is the hand-written one. Prints elaboration time,
 * built-in simulator throughput and Verilog size, each as a ratio to the peer, measured in the same run.
 * Run: `nice npx tsx bench/vec-regfile.ts`
 */
import { Module, Vec, elaborate, emitVerilog, select, type Signal } from '../hdl/index.ts';
import { BuiltinBackend } from '../sim/builtin/engine.ts';

const N = 16;
const W = 16;
const CYCLES = 200_000;

function ports(m: Module): { we: Signal; waddr: Signal; wdata: Signal; raddr: Signal; rdata: Signal } {
  return { we: m.input('we', 1), waddr: m.input('waddr', 4), wdata: m.input('wdata', W), raddr: m.input('raddr', 4), rdata: m.output('rdata', W) };
}

function withVec(): Module {
  const m = new Module('rf_vec');
  const p = ports(m);
  const regs = Vec(N, W).signal(m, 'regs');
  m.If(p.we, () => m.sync(regs.at(p.waddr), p.wdata));
  m.comb(p.rdata, regs.at(p.raddr));
  return m;
}

function byHand(): Module {
  const m = new Module('rf_hand');
  const p = ports(m);
  const regs = Array.from({ length: N }, (_, i) => m.signal(`r${i}`, W));
  regs.forEach((r, i) => m.If(p.we.and(p.waddr.eq(i)), () => m.sync(r, p.wdata)));
  m.comb(p.rdata, select(p.raddr, regs.map((r, i) => [[i], r] as const), 0));
  return m;
}

function measure(make: () => Module): { elab: number; cps: number; lines: number; checksum: bigint } {
  let t0 = process.hrtime.bigint();
  const design = elaborate(make());
  const elab = Number(process.hrtime.bigint() - t0) / 1e6;
  const lines = emitVerilog(design).combined.split('\n').length;
  const sim = new BuiltinBackend(design);
  let seed = 7;
  const rnd = (n: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
  const col = (n: number): Uint32Array => Uint32Array.from({ length: CYCLES }, () => rnd(n));
  const inputs = [{ port: 'we', values: col(2) }, { port: 'waddr', values: col(N) }, { port: 'wdata', values: col(2 ** W) }, { port: 'raddr', values: col(N) }, { port: 'rst', values: new Uint32Array(CYCLES) }];
  sim.runBatch({ clock: 'clk', cycles: 1000, inputs: inputs.map((x) => ({ port: x.port, values: x.values.subarray(0, 1000) })) }); // warm-up
  t0 = process.hrtime.bigint();
  const traces = sim.runBatch({ clock: 'clk', cycles: CYCLES, inputs, record: ['rdata'] });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const checksum = traces.get('rdata')!.toBigInts().reduce((a, b) => (a * 31n + b) & 0xffffffffn, 0n);
  sim.dispose();
  return { elab, cps: CYCLES / secs, lines, checksum };
}

measure(byHand); // warm-up of the whole flow (JIT), so neither side pays it
measure(withVec);
const peer = measure(byHand);
const vec = measure(withVec);
if (peer.checksum !== vec.checksum) throw new Error('the two register files disagree');
console.log(`register file ${N} x ${W} bits, ${CYCLES} cycles on the built-in simulator (peer: hand-written registers)`);
console.log(`  elaborate      vec ${vec.elab.toFixed(1)} ms   hand ${peer.elab.toFixed(1)} ms   ratio ${(vec.elab / peer.elab).toFixed(2)}`);
console.log(`  cycles/s       vec ${vec.cps.toFixed(0)}   hand ${peer.cps.toFixed(0)}   ratio ${(vec.cps / peer.cps).toFixed(2)}`);
console.log(`  Verilog lines  vec ${vec.lines}   hand ${peer.lines}   ratio ${(vec.lines / peer.lines).toFixed(2)}`);
