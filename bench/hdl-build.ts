/**
 * Benchmark: building, elaborating (with all design-rule checks) and emitting generated designs of 10^3, 10^4 and
 * 10^5 operator nodes, and operator chains of the same depths (each operator reads the previous one), which also
 * compile on the built-in simulator; the 10^5-deep chain is linted by Verilator. Prints the times and the growth
 * exponents (log-log slope; 1.0 = linear).
 * Run: `npx tsx bench/hdl-build.ts` (add `--no-lint` to skip Verilator's lint of the deep chain, which takes minutes)
 */
import { Module, elaborate, emitVerilog, mux, type Value, type Signal } from '../hdl/index.ts';
import { BuiltinBackend } from '../sim/builtin/engine.ts';
import { verilatorLint } from '../sim/tools/verilator-lint.ts';

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

/** A chain `depth` operators deep: each reads the one before (alternating add-and-truncate and xor). */
function chain(depth: number): Module {
  const m = new Module(`chain${depth}`);
  const a = m.input('a', 16);
  const y = m.output('y', 16);
  let v: Value = a;
  for (let i = 0; i < depth; i++) v = i % 2 ? v.xor(i & 0xffff) : v.add(1).trunc(16);
  m.sync(y, v);
  return m;
}

const chainRows: { depth: number; build: number; elaborate: number; emit: number; compile: number; total: number }[] = [];
let deepest: ReturnType<typeof emitVerilog> | null = null;
for (const n of sizes) {
  let m!: Module;
  let d!: ReturnType<typeof elaborate>;
  const build = time(() => { m = chain(n); });
  const elab = time(() => { d = elaborate(m); });
  const emit = time(() => { deepest = emitVerilog(d); });
  const compile = time(() => { const b = new BuiltinBackend(d); b.set('a', 1); b.step('clk'); });
  chainRows.push({ depth: n, build, elaborate: elab, emit, compile, total: build + elab + emit + compile });
}
console.log('\nOperator chains: build + elaborate + emit + built-in compile and one cycle');
console.log('depth      build s   elaborate s   emit s   compile s   total s');
for (const r of chainRows) console.log(`${String(r.depth).padEnd(10)} ${r.build.toFixed(3).padStart(7)}   ${r.elaborate.toFixed(3).padStart(11)}   ${r.emit.toFixed(3).padStart(6)}   ${r.compile.toFixed(3).padStart(9)}   ${r.total.toFixed(3).padStart(7)}`);
const c0 = chainRows[0]!;
const c1 = chainRows[chainRows.length - 1]!;
console.log(`growth exponent (depth 10^3 -> 10^5): ${(Math.log(c1.total / c0.total) / Math.log(c1.depth / c0.depth)).toFixed(3)}  (goal <= 1.15)`);
if (!process.argv.includes('--no-lint') && deepest) {
  const v = deepest as ReturnType<typeof emitVerilog>;
  let msg = '';
  const lint = time(() => { msg = verilatorLint(Object.fromEntries(v.files), v.top); });
  console.log(`verilator --lint-only -Wall on the 10^5-deep chain: ${msg === '' ? 'clean' : `FAILED: ${msg.slice(0, 300)}`} (${lint.toFixed(1)} s)`);
  if (msg !== '') process.exitCode = 1;
}
