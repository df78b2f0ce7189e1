/**
 * Random well-formed designs for differential testing (VlogHammer/Verismith style): operator DAGs over inputs and
 * registers of mixed widths (1..128) and signedness, registers in two clock domains (sync reset and async reset) with
 * If/Switch next-state rules, combinational If logic, a memory with sync/comb reads and one or two write ports.
 * A design is plain data (`DesignSpec`), so fast-check can shrink it; `buildDesign` turns it into a Module and
 * `combineDesigns` puts many of them, as submodules with separate ports, under one top module.
 */
import fc from 'fast-check';
import { Module } from '../../hdl/core/module.ts';
import { type Shape, unsigned } from '../../hdl/core/shape.ts';
import { cat, mux, select, type Signal, type Value } from '../../hdl/core/value.ts';

/** One operator of a random expression: `op` applied to operands `a` (and `b`), parameters folded from `k`. */
export interface OpSpec { readonly op: string; readonly k: number; readonly a: number; readonly b: number }

/** A register: its shape, domain (0 = `sync`, 1 = `aux`), reset value seed, and how its next value is chosen. */
export interface RegSpec {
  readonly shape: Shape;
  readonly domain: 0 | 1;
  readonly reset: number;
  readonly resetLess: boolean;
  readonly rule: 'assign' | 'if' | 'switch';
  readonly src: number;
  readonly alt: number;
  readonly sel: number;
}

/** A memory with one read port (sync or comb) and one or two write ports. */
export interface MemSpec {
  readonly shape: Shape;
  readonly depth: number;
  readonly init: readonly number[];
  readonly syncRead: boolean;
  readonly raddr: number;
  readonly writes: readonly { readonly addr: number; readonly data: number; readonly en: number; readonly domain: 0 | 1 }[];
  /**
   * Lanes of the write ports (used when it divides the width; 1 = whole-word enables), the pool index of a registered
   * read's enable (`null`: none) and its transparency. When absent they are derived from the other fields, so the
   * generator's random stream (and every seed's designs) stayed as they were before these features.
   */
  readonly lanes?: number;
  readonly readEn?: number | null;
  readonly transparency?: 'read-first' | 'write-first' | 'no-change';
}

/** The lane count, read enable and transparency of a memory spec (given, or derived from its other fields). */
function memoryFeatures(ms: MemSpec): { lanes: number; readEn: number | null; transparency: 'read-first' | 'write-first' | 'no-change' } {
  const h = ms.raddr * 7 + ms.depth * 13 + (ms.writes[0]?.data ?? 0) * 3;
  return {
    lanes: ms.lanes ?? [1, 1, 2, 3, 4][h % 5]!,
    readEn: ms.readEn !== undefined ? ms.readEn : h % 3 === 0 ? null : ms.writes[0]?.en ?? null,
    transparency: ms.transparency ?? (['read-first', 'write-first', 'no-change'] as const)[Math.floor(h / 5) % 3]!,
  };
}

/** A random design as data. Indices pick from the value pool (inputs, registers, memory data, earlier nodes). */
export interface DesignSpec {
  readonly inputs: readonly Shape[];
  readonly regs: readonly RegSpec[];
  readonly mem: MemSpec | null;
  readonly nodes: readonly OpSpec[];
  readonly combIf: { readonly cond: number; readonly a: number; readonly b: number } | null;
  readonly outputs: readonly number[];
}

export const UNARY_OPS = ['neg', 'not', 'all', 'any', 'xorReduce', 'shl', 'shr', 'ext', 'trunc', 'bits', 'asSigned', 'asUnsigned', 'zext', 'sext', 'replicate'] as const;
export const BINARY_OPS = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'mux', 'cat', 'shlv', 'shrv', 'select', 'addtrunc', 'multrunc'] as const;
const ALL_OPS = [...UNARY_OPS, ...BINARY_OPS];

/** Keeps widths at most 128 bits. */
function cap(v: Value, k: number): Value {
  return v.width > 128 ? v.trunc(1 + (k % 128)) : v;
}

/**
 * Applies a random operator. Every parameter is folded into its legal range, so any (op, k, a, b) gives a valid value.
 * @example applyRandomOp('add', 3, x, y) // x.add(y)
 */
export function applyRandomOp(op: string, k: number, a: Value, b: Value): Value {
  const w = a.width;
  switch (op) {
    case 'neg': return cap(a.neg(), k);
    case 'not': return a.not();
    case 'all': return a.all();
    case 'any': return a.any();
    case 'xorReduce': return a.xorReduce();
    case 'shl': return a.shl(k % (w + 3));
    case 'shr': return a.shr(k % (w + 3));
    case 'ext': return cap(a.ext(w + (k % 9)), k);
    case 'zext': return cap(a.zext(w + (k % 5)), k);
    case 'sext': return cap(a.sext(w + (k % 5)), k);
    case 'trunc': return a.trunc(1 + (k % w));
    case 'bits': { const lo = k % w; const hi = lo + ((k >> 3) % (w - lo)); return a.bits(hi, lo); }
    case 'asSigned': return a.asSigned();
    case 'asUnsigned': return a.asUnsigned();
    case 'replicate': return cap(a.replicate(1 + (k % 3)), k);
    case 'add': return cap(a.add(b), k);
    case 'sub': return cap(a.sub(b), k);
    case 'mul': return cap(a.mul(b), k);
    case 'and': return cap(a.and(b), k);
    case 'or': return cap(a.or(b), k);
    case 'xor': return cap(a.xor(b), k);
    case 'eq': return a.eq(b);
    case 'ne': return a.ne(b);
    case 'lt': return a.lt(b);
    case 'le': return a.le(b);
    case 'gt': return a.gt(b);
    case 'ge': return a.ge(b);
    case 'mux': return cap(mux(b.bit(k % b.width), a, b), k);
    case 'cat': return cap(cat(a, b), k);
    case 'shlv': return a.shl(b.asUnsigned().trunc(Math.min(b.width, 1 + (k % 8))));
    case 'shrv': return a.shr(b.asUnsigned().trunc(Math.min(b.width, 1 + (k % 8))));
    case 'select': { const subj = b.bits(Math.min(1, b.width - 1), 0); return cap(select(subj, [[[0], a], [subj.width > 1 ? [1, 2] : [1], a.not()]], b), k); }
    case 'addtrunc': { const s = a.add(b); return s.trunc(1 + (k % Math.min(s.width, 128))); }
    case 'multrunc': { const p = a.mul(b); return p.trunc(1 + (k % Math.min(p.width, 128))); }
    default: throw new RangeError(`unknown random operator '${op}'`);
  }
}

/** `v` brought to exactly `shape`: same signedness first, then resized (truncation and extension are explicit). */
export function fitTo(v: Value, shape: Shape): Value {
  const s = shape.signed ? v.asSigned() : v.asUnsigned();
  return s.resize(shape.width);
}

/** A value as an unsigned address of at most `bits` bits. */
function addrOf(v: Value, bits: number): Value {
  const u = v.asUnsigned();
  return u.width > bits ? u.trunc(bits) : u;
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  width: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(16, 31, 32, 33, 53, 54, 64, 65, 128), fc.integer({ min: 1, max: 128 })),
  signed: fc.boolean(),
});
const idx = fc.nat(63);

/** fast-check arbitrary of random designs. */
export const designSpecArb: fc.Arbitrary<DesignSpec> = fc.record({
  inputs: fc.array(shapeArb, { minLength: 1, maxLength: 3 }),
  regs: fc.array(fc.record({
    shape: shapeArb, domain: fc.constantFrom<0 | 1>(0, 0, 1), reset: fc.integer(), resetLess: fc.constantFrom(false, false, false, true),
    rule: fc.constantFrom<'assign' | 'if' | 'switch'>('assign', 'if', 'switch'), src: idx, alt: idx, sel: idx,
  }), { minLength: 1, maxLength: 3 }),
  mem: fc.option(fc.record({
    shape: shapeArb, depth: fc.integer({ min: 1, max: 12 }), init: fc.array(fc.integer(), { maxLength: 12 }), syncRead: fc.boolean(), raddr: idx,
    writes: fc.array(fc.record({ addr: idx, data: idx, en: idx, domain: fc.constantFrom<0 | 1>(0, 1) }), { minLength: 1, maxLength: 2 }),
  }), { freq: 3 }),
  nodes: fc.array(fc.record({ op: fc.constantFrom(...ALL_OPS), k: fc.nat(255), a: idx, b: idx }), { minLength: 1, maxLength: 10 }),
  combIf: fc.option(fc.record({ cond: idx, a: idx, b: idx }), { freq: 2 }),
  outputs: fc.array(idx, { minLength: 1, maxLength: 3 }),
});

/** A constant seed folded into a shape's range. */
function constIn(seed: number, shape: Shape): bigint {
  const v = BigInt(seed) * 0x9e3779b97f4a7c15n;
  return shape.signed ? BigInt.asIntN(shape.width, v) : BigInt.asUintN(shape.width, v);
}

/**
 * Builds the Module of a spec. Registers are in domain `sync` (sync reset) or `aux` (async reset).
 * @example const m = buildDesign(fc.sample(designSpecArb, 1)[0]!, 'rnd0');
 */
export function buildDesign(spec: DesignSpec, name: string): Module {
  const m = new Module(name);
  const pool: Value[] = spec.inputs.map((s, i) => m.input(`in${i}`, s));
  const domains = [m.domain('sync', { reset: 'sync' }), null as ReturnType<Module['domain']> | null];
  const domain = (d: 0 | 1): ReturnType<Module['domain']> => (d === 0 ? domains[0]! : (domains[1] ??= m.domain('aux', { reset: 'async' })));
  const regs: Signal[] = spec.regs.map((r, i) => m.signal(`r${i}`, r.shape, { reset: constIn(r.reset, r.shape), resetLess: r.resetLess }));
  pool.push(...regs);
  let mem: { spec: MemSpec; data: Signal; memory: ReturnType<Module['memory']> } | null = null;
  if (spec.mem) {
    const ms = spec.mem;
    const memory = m.memory('mem', { shape: ms.shape, depth: ms.depth, init: ms.init.slice(0, ms.depth).map((x) => constIn(x, ms.shape)) });
    const raddr = addrOf(pool[ms.raddr % pool.length]!, 4);
    const f = memoryFeatures(ms);
    const registered = ms.syncRead ? { en: f.readEn === null ? 1 : pool[f.readEn % pool.length]!.bit(0), transparency: f.transparency } : {};
    const data = memory.read(raddr, { domain: ms.syncRead ? (domain(0), 'sync') : null, name: 'mem_rd', ...registered });
    pool.push(data);
    mem = { spec: ms, data, memory };
  }
  const pick = (i: number): Value => pool[i % pool.length]!;
  for (const n of spec.nodes) pool.push(applyRandomOp(n.op, n.k, pick(n.a), pick(n.b)));
  if (spec.combIf) {
    const a = pick(spec.combIf.a);
    const w = m.signal('cif', a.shape, {});
    m.If(pick(spec.combIf.cond).bool(), () => m.comb(w, a)).Elif(pick(spec.combIf.b).bit(0), () => m.comb(w, fitTo(pick(spec.combIf!.b), a.shape)));
    pool.push(w);
  }
  if (mem) {
    for (const w of mem.spec.writes) {
      domain(w.domain);
      const width = mem.spec.shape.width;
      const want = memoryFeatures(mem.spec).lanes;
      const lanes = width % want === 0 ? want : 1;
      const en = lanes === 1 ? pick(w.en).bit(0) : fitTo(pick(w.en), unsigned(lanes));
      mem.memory.write(addrOf(pick(w.addr), 4), fitTo(pick(w.data), mem.spec.shape), en, { domain: w.domain === 0 ? 'sync' : 'aux', granularity: width / lanes });
    }
  }
  spec.regs.forEach((r, i) => {
    const d = domain(r.domain);
    const reg = regs[i]!;
    const src = fitTo(pick(r.src), r.shape);
    if (r.rule === 'assign') d.sync(reg, src);
    else if (r.rule === 'if') m.If(pick(r.sel).bit(0), () => d.sync(reg, src)).Else(() => d.sync(reg, fitTo(pick(r.alt), r.shape)));
    else {
      const subj = addrOf(pick(r.sel), 2);
      m.Switch(subj, (s) => {
        s.Case(0, () => d.sync(reg, src));
        if (subj.width > 1) s.Case([2, 3], () => d.sync(reg, fitTo(pick(r.alt), r.shape)));
        s.Default(() => d.sync(reg, fitTo(pick(r.alt).not(), r.shape)));
      });
    }
  });
  spec.outputs.forEach((o, i) => {
    const v = pick(o);
    const out = m.output(`out${i}`, v.shape);
    m.comb(out, v);
  });
  return m;
}

/**
 * One top module instantiating every design with its own ports `d<i>_<port>`; domains `sync` and `aux` are shared.
 * @example const top = combineDesigns(specs); // ports d0_in0, d0_out0, d1_in0, ...
 */
export function combineDesigns(specs: readonly DesignSpec[], name = 'lockstep_top'): Module {
  const top = new Module(name);
  top.domain('sync', { reset: 'sync' });
  top.domain('aux', { reset: 'async' });
  return combineModules(specs.map((spec, i) => ({ prefix: `d${i}`, module: buildDesign(spec, `rnd${i}`) })), top);
}

/**
 * Instantiates modules side by side in `top` (created when omitted), each input and output on a top port
 * `<prefix>_<port>`; child domains connect to top domains of the same name.
 * @example const top = combineModules([{ prefix: 'c', module: Counter({ width: 8 }) }]);
 */
export function combineModules(children: readonly { prefix: string; module: Module }[], top = new Module('lockstep_top')): Module {
  for (const { prefix, module: child } of children) {
    const conns: Record<string, Value> = {};
    for (const p of child.ports) {
      if (p.clockOf || p.resetOf || p.direction !== 'input') continue;
      conns[p.signal.name] = top.input(`${prefix}_${p.signal.name}`, p.signal.shape);
    }
    const outs = top.submodule(`u_${prefix}`, child, conns);
    for (const [port, sig] of Object.entries(outs)) {
      const o = top.output(`${prefix}_${port}`, sig.shape);
      top.comb(o, sig);
    }
  }
  return top;
}
