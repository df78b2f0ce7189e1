/**
 * Passes on the flat netlist, each a pure function from netlist to netlist (the input is never changed):
 * - {@link foldConstants}: operators on constants become constants, multiplexers and branches on constant conditions
 *   keep only the side taken, identities with a constant operand (`x ^ 0`, unsigned `x < 0`, ...) are folded;
 * - {@link mergeCommon}: commutative operators get a canonical operand order, so `a + b` and `b + a` share one cell
 *   (identical cells are already shared by construction);
 * - {@link forwardSlices}: a bit slice of a concatenation (or of a wire driven by one) reads the part it falls in, so
 *   splitting a bus into bits never builds the bus (on the built-in simulator a wide bus is a BigInt);
 * - {@link removeDeadLogic}: drivers and memories that nothing kept reads (ports, the signals named in `keep`, and
 *   everything they depend on) are dropped, with the removed signals listed so a simulator can refuse to show them.
 * All walk the table in net order: no recursion on the depth of the design.
 */
import { type Shape, shapesEqual } from '../../core/shape.ts';
import { type Signal, widensTo } from '../../core/value.ts';
import { type Cell, CellTable, type FlatDesign, type IrDriver, type IrMemory, type IrRule, type Net, coneOf, forEachRuleNet } from '../netlist.ts';
import { OPS } from '../ops.ts';

/** A flat netlist after passes: `removed` lists signals whose logic was dropped as dead. */
export interface OptimizedDesign extends FlatDesign {
  readonly removed: ReadonlySet<number>;
}

/** Rebuilds a netlist's table through `map` (called in net order with the new table and the mapping so far). */
function rebuild(flat: FlatDesign, map: (t: CellTable, n: Net, to: Int32Array) => Net): { table: CellTable; to: Int32Array } {
  const table = new CellTable();
  const to = new Int32Array(flat.cells.length);
  for (let n = 0; n < flat.cells.length; n++) to[n] = map(table, n, to);
  return { table, to };
}

function remapRule(rule: IrRule, to: Int32Array): IrRule {
  switch (rule.kind) {
    case 'hold': return rule;
    case 'assign': return { kind: 'assign', value: to[rule.value]!, site: rule.site };
    case 'if': return { kind: 'if', branches: rule.branches.map((b) => ({ cond: to[b.cond]!, body: remapRule(b.body, to) })), else: remapRule(rule.else, to) };
    case 'switch': return { kind: 'switch', subject: to[rule.subject]!, cases: rule.cases.map((c) => ({ values: c.values, body: remapRule(c.body, to) })), default: remapRule(rule.default, to) };
  }
}

function withTable(flat: FlatDesign, table: CellTable, to: Int32Array, rule: (r: IrRule) => IrRule = (r) => remapRule(r, to)): FlatDesign {
  const drivers: IrDriver[] = flat.drivers.map((d) => ({ ...d, rule: rule(d.rule) }));
  const memories: IrMemory[] = flat.memories.map((m) => ({
    ...m,
    readPorts: m.readPorts.map((p) => ({ ...p, addr: to[p.addr]!, en: p.en === null ? null : to[p.en]! })),
    writePorts: m.writePorts.map((p) => ({ ...p, addr: to[p.addr]!, data: to[p.data]!, en: to[p.en]! })),
  }));
  return { ...flat, cells: table.cells, signals: flat.signals.map((s) => ({ ...s, net: to[s.net]! })), drivers, memories };
}

/** The net for `value` at `shape` (an `ext` cell when the shapes differ; a value of `from` must fit `shape`). */
function resized(t: CellTable, n: Net, from: Shape, shape: Shape): Net {
  return shapesEqual(from, shape) ? n : t.op('ext', shape, [n]);
}

/**
 * Folds constants: every operator whose operands are all constant becomes a constant (by the operator table), a
 * multiplexer with a constant select becomes the chosen side, and if-branches and switches on constants keep only
 * what they select.
 *
 * @example
 * const folded = foldConstants(elaborate(top).flat);
 */
export function foldConstants(flat: FlatDesign): FlatDesign {
  const { table, to } = rebuild(flat, (t, n, map) => {
    const c = flat.cells[n]!;
    if (c.kind === 'const') return t.constant(c.value, c.shape);
    if (c.kind === 'signal') return t.signal(c.signal, c.shape);
    const args = c.args.map((a) => map[a]!);
    const cs = args.map((a) => t.cells[a]!);
    if (cs.every((x) => x.kind === 'const')) {
      return t.constant(OPS[c.op].eval(cs.map((x) => (x as { value: bigint }).value), c.shape, cs.map((x) => x.shape), c.param), c.shape);
    }
    if (c.op === 'mux' && cs[0]!.kind === 'const') {
      const arm = cs[0]!.value !== 0n ? 1 : 2;
      const from = cs[arm]!.shape;
      // The arm may be narrower than the result (the mux widens it), never wider.
      if (widensTo(from, c.shape)) return resized(t, args[arm]!, from, c.shape);
    }
    const identity = foldIdentity(t, c.op, c.shape, args);
    if (identity !== null) return identity;
    return t.op(c.op, c.shape, args, c.param, c.site);
  });
  const constOf = (n: Net): bigint | null => { const c = table.cells[n]!; return c.kind === 'const' ? c.value : null; };
  const fold = (rule: IrRule): IrRule => {
    switch (rule.kind) {
      case 'hold': return rule;
      case 'assign': return { kind: 'assign', value: to[rule.value]!, site: rule.site };
      case 'if': {
        const branches: { cond: Net; body: IrRule }[] = [];
        for (const b of rule.branches) {
          const cond = to[b.cond]!;
          const k = constOf(cond);
          if (k === 0n) continue; // never taken
          if (k !== null) return branches.length ? { kind: 'if', branches, else: fold(b.body) } : fold(b.body); // always taken
          branches.push({ cond, body: fold(b.body) });
        }
        const els = fold(rule.else);
        return branches.length ? { kind: 'if', branches, else: els } : els;
      }
      case 'switch': {
        const subject = to[rule.subject]!;
        const k = constOf(subject);
        if (k !== null) {
          const w = table.cells[subject]!.shape.width;
          const hit = rule.cases.find((c) => c.values.some((v) => BigInt.asUintN(w, v) === BigInt.asUintN(w, k)));
          return fold(hit ? hit.body : rule.default);
        }
        return { kind: 'switch', subject, cases: rule.cases.map((c) => ({ values: c.values, body: fold(c.body) })), default: fold(rule.default) };
      }
    }
  };
  return withTable(flat, table, to, fold);
}

/**
 * Algebraic identities with one constant (or two equal) operands: `mux(c, a, a)` is `a`; `x | 0`, `x ^ 0` and
 * `x & ~0` are `x`, `x & 0` is 0 (operands of the result's shape); an unsigned `x < 0` is 0 and `x >= 0` is 1.
 * Null when none applies.
 */
function foldIdentity(t: CellTable, op: string, shape: Shape, args: readonly Net[]): Net | null {
  const cell = (n: Net | undefined): Cell | undefined => (n === undefined ? undefined : t.cells[n]);
  const isConst = (n: Net | undefined, v: bigint): boolean => { const c = cell(n); return !!c && c.kind === 'const' && c.value === v; };
  const same = (n: Net | undefined): boolean => { const c = cell(n); return !!c && shapesEqual(c.shape, shape); };
  const [a, b, c] = args;
  const ones = shape.signed ? -1n : (1n << BigInt(shape.width)) - 1n;
  switch (op) {
    case 'mux': return b === c && same(b) ? b! : null;
    case 'or': case 'xor':
      if (isConst(b, 0n) && same(a)) return a!;
      return isConst(a, 0n) && same(b) ? b! : null;
    case 'and':
      if ((isConst(a, 0n) || isConst(b, 0n))) return t.constant(0n, shape);
      if (isConst(b, ones) && same(a) && same(b)) return a!;
      return isConst(a, ones) && same(a) && same(b) ? b! : null;
    case 'lt': case 'ge': {
      const x = cell(a);
      if (!x || x.shape.signed || !isConst(b, 0n)) return null;
      return t.constant(op === 'lt' ? 0n : 1n, shape);
    }
    default: return null;
  }
}

/**
 * Forwards bit slices through concatenations: `slice(concat(.., p, ..))` that falls inside one part `p` becomes a
 * slice of `p` (or `p` itself), also when the concatenation drives a combinational wire the slice reads, as long as
 * its parts are signals or constants (those can be named anywhere in the table); `slice(slice(x))` becomes one slice.
 * Every signal keeps its value and its driver.
 *
 * @example
 * const forwarded = forwardSlices(elaborate(top).flat);
 */
export function forwardSlices(flat: FlatDesign): FlatDesign {
  // Wires driven by a concatenation of signals and constants: their parts, most significant first.
  const wireParts = new Map<number, readonly Net[]>();
  for (const d of flat.drivers) {
    if (d.domain !== null || d.rule.kind !== 'assign') continue;
    const c = flat.cells[d.rule.value]!;
    if (c.kind !== 'op' || c.op !== 'concat' || !shapesEqual(c.shape, flat.signals[d.target]!.signal.shape)) continue;
    if (c.args.every((a) => flat.cells[a]!.kind !== 'op')) wireParts.set(d.target, c.args);
  }
  const { table, to } = rebuild(flat, (t, n, map) => {
    const c = flat.cells[n]!;
    if (c.kind === 'const') return t.constant(c.value, c.shape);
    if (c.kind === 'signal') return t.signal(c.signal, c.shape);
    const args = c.args.map((a) => map[a]!);
    if (c.op === 'slice') {
      const x = t.cells[args[0]!]!;
      if (x.kind === 'op' && x.op === 'slice') return sliced(t, x.args[0]!, x.param + c.param, c.shape);
      const parts = x.kind === 'op' && x.op === 'concat' ? x.args
        : x.kind === 'signal' ? wireParts.get(x.signal)?.map((a) => copyLeaf(t, flat.cells[a]!)) : undefined;
      if (parts) {
        let lo = 0;
        for (let i = parts.length - 1; i >= 0; i--) {
          const w = t.cells[parts[i]!]!.shape.width;
          if (c.param >= lo && c.param + c.shape.width <= lo + w) return sliced(t, parts[i]!, c.param - lo, c.shape);
          lo += w;
        }
      }
    }
    return t.op(c.op, c.shape, args, c.param, c.site);
  });
  return withTable(flat, table, to);
}

/** A constant or signal cell of another table, in `t`. */
function copyLeaf(t: CellTable, c: Cell): Net {
  if (c.kind === 'const') return t.constant(c.value, c.shape);
  if (c.kind === 'signal') return t.signal(c.signal, c.shape);
  throw new RangeError('internal: not a leaf cell');
}

/** Bits `lo ..` of `x` as an unsigned value of `shape` (`x` itself when that is all of it, unsigned). */
function sliced(t: CellTable, x: Net, lo: number, shape: Shape): Net {
  const xc = t.cells[x]!;
  const xs = xc.shape;
  if (xc.kind === 'const') return t.constant(BigInt.asUintN(shape.width, xc.value >> BigInt(lo)), shape);
  if (lo === 0 && !xs.signed && xs.width === shape.width) return x;
  return t.op('slice', shape, [x], lo);
}

/**
 * Merges common subexpressions that differ only in the order of a commutative operator's operands.
 *
 * @example
 * const merged = mergeCommon(elaborate(top).flat);
 */
export function mergeCommon(flat: FlatDesign): FlatDesign {
  const { table, to } = rebuild(flat, (t, n, map) => {
    const c = flat.cells[n]!;
    if (c.kind === 'const') return t.constant(c.value, c.shape);
    if (c.kind === 'signal') return t.signal(c.signal, c.shape);
    let args = c.args.map((a) => map[a]!);
    if (OPS[c.op].commutative && shapesEqual(t.cells[args[0]!]!.shape, t.cells[args[1]!]!.shape)) args = args.slice().sort((a, b) => a - b);
    return t.op(c.op, c.shape, args, c.param, c.site);
  });
  return withTable(flat, table, to);
}

/**
 * Removes the logic no kept signal depends on. Kept: top-level ports, clocks and resets, and the signals in `keep`
 * (what a testbench or waveform reads). The result lists the signals whose drivers were dropped in `removed`.
 *
 * @example
 * const lean = removeDeadLogic(elaborate(top).flat, [sample]);
 */
export function removeDeadLogic(flat: FlatDesign, keep: Iterable<Signal>): OptimizedDesign {
  const live = new Uint8Array(flat.signals.length);
  const work: number[] = [];
  const want = (i: number | undefined): void => { if (i !== undefined && !live[i]) { live[i] = 1; work.push(i); } };
  for (const s of [...flat.inputs, ...flat.outputs, ...keep]) want(flat.indexOf.get(s));
  for (const p of flat.properties) { want(p.check); for (const r of p.reads) want(r); } // formal checks stay live
  for (const d of flat.domains) { want(flat.indexOf.get(d.clk)); if (d.rst) want(flat.indexOf.get(d.rst)); }
  const driverOf = new Map<number, IrDriver>(flat.drivers.map((d) => [d.target, d]));
  const readOf = new Map<number, number>(); // read data signal -> memory
  flat.memories.forEach((m, k) => { for (const p of m.readPorts) readOf.set(p.data, k); });
  const liveMem = new Uint8Array(flat.memories.length);
  const readNets = (nets: Net[]): void => { coneOf(flat.cells, nets, want); };
  while (work.length) {
    const batch = work.splice(0);
    const nets: Net[] = [];
    for (const i of batch) {
      const d = driverOf.get(i);
      if (d) forEachRuleNet(d.rule, (n) => nets.push(n));
      const k = readOf.get(i);
      if (k !== undefined) {
        const m = flat.memories[k]!;
        for (const p of m.readPorts) if (p.data === i) { nets.push(p.addr); if (p.en !== null) nets.push(p.en); }
        if (!liveMem[k]) { liveMem[k] = 1; for (const p of m.writePorts) nets.push(p.addr, p.data, p.en); }
      }
    }
    readNets(nets);
  }
  const removed = new Set<number>();
  const drivers = flat.drivers.filter((d) => (live[d.target] ? true : (removed.add(d.target), false)));
  const memories = flat.memories.map((m, k) => (liveMem[k] ? m : { ...m, readPorts: [], writePorts: [] })).filter((m) => m.readPorts.length > 0);
  for (const m of flat.memories) for (const p of m.readPorts) if (!live[p.data]) removed.add(p.data);
  return { ...flat, drivers, memories, removed };
}

/**
 * The passes the built-in simulator runs: constants folded and common subexpressions merged (every signal keeps its
 * value), then dead logic removed when a `keep` list is given.
 *
 * @example
 * const simFlat = optimize(elaborate(top).flat, { keep: [out] });
 */
export function optimize(flat: FlatDesign, opts: { keep?: Iterable<Signal> } = {}): OptimizedDesign {
  const merged = mergeCommon(forwardSlices(foldConstants(flat)));
  return opts.keep ? removeDeadLogic(merged, opts.keep) : { ...merged, removed: new Set() };
}
