/**
 * Benchmark: building, elaborating (with all design-rule checks) and emitting generated designs of 10^3, 10^4 and
 * 10^5 operator nodes. Prints the times and the growth exponent (log-log slope; 1.0 = linear).
 * Run: `npx tsx bench/hdl-build.ts`
 */
import { Module, elaborate, emitVerilog, mux, type Value, type Signal } from '../hdl/index.ts';

/** A deterministic random datapath: `nodes` operators over 16 inputs and registers, with registers every 50 nodes. */
function generate(nodes: number): Module {
  const m = new Module(`gen${nodes}`);
  let seed = 12345;
  const rnd = (n: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
  const pool: Value[] = [];
  for (let i = 0; i < 16; i++) pool.push(m.input(`in${i}`, 16));
  const regs: Signal[] = [];
  for (let i = 0; i < nodes; i++) {
    const a = pool[pool.length - 1 - rnd(Math.min(pool.length, 64))]!;
    const b = pool[pool.length - 1 - rnd(Math.min(pool.length, 64))]!;
    let v: Value;
    switch (rnd(6)) {
      case 0: v = a.add(b).trunc(16); break;
      case 1: v = a.xor(b); break;
      case 2: v = mux(a.bit(rnd(16)), a, b); break;
      case 3: v = a.sub(b).trunc(16).asUnsigned(); break;
      case 4: v = a.shr(rnd(15) + 1); break;
      default: v = a.and(b.not()); break;
    }
    if (i % 50 === 49) {
      const r = m.signal(`r${regs.length}`, 16);
      m.sync(r, v);
      regs.push(r);
      v = r;
    }
    pool.push(v);
  }
  const y = m.output('y', 16);
  m.comb(y, pool[pool.length - 1]!);
  return m;
}

function time(f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const sizes = [1_000, 10_000, 100_000];
time(() => emitVerilog(elaborate(generate(2_000)))); // warm-up
const rows: { nodes: number; build: number; elaborate: number; emit: number; total: number }[] = [];
for (const n of sizes) {
  let m!: Module;
  let d!: ReturnType<typeof elaborate>;
  const build = time(() => { m = generate(n); });
  const elab = time(() => { d = elaborate(m); });
  const emit = time(() => { emitVerilog(d); });
  rows.push({ nodes: n, build, elaborate: elab, emit, total: build + elab + emit });
}
console.log('HDL build + elaborate + emit (generated datapaths)');
console.log('nodes      build s   elaborate s   emit s   total s');
for (const r of rows) console.log(`${String(r.nodes).padEnd(10)} ${r.build.toFixed(3).padStart(7)}   ${r.elaborate.toFixed(3).padStart(11)}   ${r.emit.toFixed(3).padStart(6)}   ${r.total.toFixed(3).padStart(7)}`);
const first = rows[0]!;
const last = rows[rows.length - 1]!;
const exponent = Math.log(last.total / first.total) / Math.log(last.nodes / first.nodes);
console.log(`growth exponent (10^3 -> 10^5): ${exponent.toFixed(3)}  (goal <= 1.15; 1.0 is linear)`);
