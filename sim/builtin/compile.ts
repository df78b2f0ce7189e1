/**
 * Compiles a flat netlist (FlatDesign) into JavaScript functions over typed-array state, built with `new Function`:
 * - `settle()` computes every combinational signal in topological order (and applies asserted asynchronous resets);
 * - `edge(mask)` is the rising edge of the domains in `mask`, all at once: next values of every register and memory
 *   port from the settled pre-edge values, then the commit, then the settle;
 * - `loop(mask, n)` runs `n` such cycles with the inputs held, keeping registers in locals.
 * Semantics are those of the emitted Verilog (see docs/simulation.md); the operator table is the oracle of every operator.
 */
import { type Shape, shapesEqual } from '../../hdl/core/shape.ts';
import type { Signal } from '../../hdl/core/value.ts';
import { type FlatDesign, type FlatDomain, type IrDriver, type IrMemory, type IrReadPort, type IrRule, type IrWritePort, type Net, forEachRuleNet, signalsReadBy } from '../../hdl/ir/netlist.ts';
import { ExprGen, HELPERS, literal, netDepths, type Rep, repOf } from './codegen.ts';
import { MissingModelError, SimError } from './errors.ts';
import { demandOrder, ScopedGen } from './lazy.ts';
import { assignParts, fromLimbs, LIMB_HELPERS, limbCount, limbLiterals, partNames, toLimbs } from './limbs.ts';
import { MEMORY_HELPERS, anyEnable, enableBitOf, laneMergeParts } from './memory-ports.ts';
import { guardedBlocks, readersFirst, ruleGuard } from './activity.ts';
import { partitionComb } from './partition.ts';

/** Where a signal's value is stored: which typed array and which index. */
export interface Slot {
  readonly signal: Signal;
  readonly path: string;
  readonly rep: Rep;
  readonly index: number;
  /** 'comb' (computed by settle), 'reg' (updated at its domain's edge), 'input' (set from outside) or 'const'. */
  readonly kind: 'comb' | 'reg' | 'input' | 'const';
  /** Domain index for registers. */
  readonly domain: number;
}

/** Storage of one memory's words (a wide memory holds each word's limbs in a row: word `a` at `a * limbs`). */
export type MemoryStore = Int32Array | Float64Array;

/** The compiled design: state arrays and the functions that advance it. */
export interface CompiledDesign {
  readonly flat: FlatDesign;
  readonly slots: ReadonlyMap<Signal, Slot>;
  /** Values of signals up to 32 bits (unsigned 32-bit values stored as their int32 bit pattern). */
  readonly I: Int32Array;
  /** Values of signals of 33..53 bits. */
  readonly F: Float64Array;
  /** Limbs of signals wider than 53 bits (see limbs.ts): a slot's `index` is its first limb. */
  readonly W: Int32Array;
  readonly memories: readonly MemoryStore[];
  /** A memory word's canonical value. */
  readMemory(memory: number, addr: number): bigint;
  /** Writes a canonical value into a memory word. */
  writeMemory(memory: number, addr: number, value: bigint): void;
  /** Index of each domain by name (bit `1 << index` in masks). */
  readonly domainIndex: ReadonlyMap<string, number>;
  /** True when some combinational logic or register reads a clock signal (then clocks must be settled too). */
  readonly readsClock: boolean;
  settle(): void;
  /**
   * Settles without applying asynchronous resets. For an evaluation in which a reset and a clock rise together:
   * as in Verilog, the clocked logic samples the values from before the reset; the edge's own settle applies it.
   */
  settleKeepingRegisters(): void;
  edge(mask: number): void;
  loop(mask: number, cycles: number): void;
  /**
   * `loop` that also writes the settled pre-edge value of each signal of `record` (up to 53 bits) into `out[i][c]`
   * in cycle `c`: a batch's traces without leaving the generated loop.
   */
  loopRecording(mask: number, cycles: number, record: readonly Signal[], out: readonly Float64Array[]): void;
  /** Generated source of a function, for inspection (`settle`, `edge:<mask>`, `loop:<mask>`). */
  source(which: string): string;
}

/** A register's next-value rule and the local it writes. */
interface RuleItem { readonly rule: IrRule; readonly target: string; readonly shape: Shape }
type IfRule = Extract<IrRule, { kind: 'if' }>;

/** A write port of an edge, bound to locals `<v>a` (address), `<v>d` (data), `<v>e` (enable). */
interface WriteLocal {
  readonly plan: MemPlan;
  readonly port: IrWritePort;
  readonly domain: number;
  readonly v: string;
  /** Locals of the address, the data (its parts) and the enable (the condition, or the lane mask's parts). */
  readonly a: string;
  readonly d: readonly string[];
  readonly e: string;
  readonly en: readonly string[];
  readonly enRep: Rep;
}

interface MemPlan {
  readonly mem: IrMemory;
  readonly index: number;
  readonly rep: Rep;
}

/** Code generation choices (every choice computes the same values; they exist for measurement and tests). */
export interface CompileOptions {
  /**
   * In the generated loop, compute each combinational signal where the cycle first reads it, inside the branch that
   * reads it, instead of all at the top of the cycle (sim/builtin/lazy.ts). Default true.
   */
  readonly lazyComb?: boolean;
  /** Generated lines per part of a split settle (default {@link SETTLE_CHUNK_LINES}; Infinity: one function). */
  readonly settleChunkLines?: number;
  /** Registers from which the edge is split into parts (default {@link CHUNKED_EDGE_ABOVE}). */
  readonly chunkEdgesAbove?: number;
  /** Parts of a split edge whose registers all hold unless one condition holds skip when none does (activity.ts). Default true. */
  readonly edgeGuards?: boolean;
  /**
   * After a split edge, settle only the combinational groups that read a value that changed (partition.ts), instead
   * of every combinational signal. Default true.
   */
  readonly activity?: boolean;
}

/**
 * Compiles `flat`. Throws {@link MissingModelError} for black boxes without a model.
 * @example
 * const c = compileDesign(elaborate(top).flat);
 * c.settle();
 */
export function compileDesign(flat: FlatDesign, options: CompileOptions = {}): CompiledDesign {
  const lazyComb = options.lazyComb ?? true;
  const settleChunkLines = options.settleChunkLines ?? SETTLE_CHUNK_LINES;
  const chunkEdgesAbove = options.chunkEdgesAbove ?? CHUNKED_EDGE_ABOVE;
  const edgeGuards = options.edgeGuards ?? true;
  const activity = options.activity ?? true;
  if (flat.missingModels.length) throw new MissingModelError(flat.missingModels.map((m) => ({ path: m.path, moduleName: m.moduleName, loc: m.site.loc })));
  const domainIndex = new Map(flat.domains.map((d, i) => [d.name, i]));
  if (flat.domains.length > 30) throw new SimError(`the built-in simulator supports up to 30 clock domains, the design has ${flat.domains.length}`);

  // Classify signals (by their index in the flat netlist; `sigs[i]` is the signal object).
  const cells = flat.cells;
  const sigs = flat.signals.map((x) => x.signal);
  const idx = (s: Signal): number => flat.indexOf.get(s)!;
  const combDriver = new Map<number, IrDriver>();
  const regDriver = new Map<number, IrDriver>();
  for (const d of flat.drivers) (d.domain === null ? combDriver : regDriver).set(d.target, d);
  const combRead = new Map<number, { plan: MemPlan; addr: Net }>();
  const syncRead = new Map<number, { plan: MemPlan; addr: Net; domain: number; port: IrReadPort }>();
  const plans: MemPlan[] = flat.memories.map((mem, index) => ({ mem, index, rep: repOf(mem.shape) }));
  for (const plan of plans) {
    for (const p of plan.mem.readPorts) {
      if (p.domain === null) combRead.set(p.data, { plan, addr: p.addr });
      else syncRead.set(p.data, { plan, addr: p.addr, domain: domainIndex.get(p.domain)!, port: p });
    }
  }
  // Pure copies (port connections through the hierarchy: `a = b` of equal shape) share their source's slot and are
  // never computed: every read of a copy reads its root.
  const aliasOf = new Map<number, number>();
  for (const [t, d] of combDriver) {
    const c = d.rule.kind === 'assign' ? cells[d.rule.value]! : null;
    if (c && c.kind === 'signal' && shapesEqual(c.shape, sigs[t]!.shape)) aliasOf.set(t, c.signal);
  }
  const root = (x: number): number => { let r = x; for (let a = aliasOf.get(r); a !== undefined; a = aliasOf.get(r)) r = a; return r; };
  for (const t of aliasOf.keys()) combDriver.delete(t);
  const inputs = new Set<number>(flat.inputs.map(idx));
  for (const d of flat.domains) { inputs.add(idx(d.clk)); if (d.rst) inputs.add(idx(d.rst)); }

  const counts = { i: 0, d: 0, w: 0 };
  const slotOf: Slot[] = new Array<Slot>(sigs.length);
  const localName: string[] = sigs.map((_, k) => `s${k}`);
  sigs.forEach((s, k) => {
    if (aliasOf.has(k)) return;
    const rep = repOf(s.shape);
    const kind = combDriver.has(k) || combRead.has(k) ? 'comb' : regDriver.has(k) || syncRead.has(k) ? 'reg' : inputs.has(k) ? 'input' : 'const';
    const dname = regDriver.get(k)?.domain;
    const domain = dname != null ? domainIndex.get(dname)! : syncRead.get(k)?.domain ?? -1;
    slotOf[k] = { signal: s, path: flat.signals[k]!.path, rep, index: counts[rep], kind, domain };
    counts[rep] += rep === 'w' ? limbCount(s.shape) : 1;
  });
  for (const t of aliasOf.keys()) {
    const r = slotOf[root(t)]!;
    slotOf[t] = { ...r, signal: sigs[t]!, path: flat.signals[t]!.path, kind: 'comb' };
    localName[t] = localName[root(t)]!;
  }
  const slots = new Map<Signal, Slot>(sigs.map((s, k) => [s, slotOf[k]!]));

  // Topological order of combinational signals.
  const readsOf = (nets: Iterable<Net>): Set<number> => new Set([...signalsReadBy(cells, nets)].map(root));
  const ruleNets = (rule: IrRule): Net[] => { const ns: Net[] = []; forEachRuleNet(rule, (n) => ns.push(n)); return ns; };
  const combDeps = new Map<number, Set<number>>();
  for (const [s, d] of combDriver) combDeps.set(s, readsOf(ruleNets(d.rule)));
  for (const [s, r] of combRead) combDeps.set(s, readsOf([r.addr]));
  const order: number[] = [];
  const mark = new Map<number, 1 | 2>();
  const visit = (start: number): void => {
    const stack: [number, Iterator<number>][] = [[start, combDeps.get(start)!.values()]];
    mark.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const nx = top[1].next();
      if (nx.done) { mark.set(top[0], 2); order.push(top[0]); stack.pop(); continue; }
      const n = nx.value;
      if (!combDeps.has(n) || mark.get(n) === 2) continue;
      if (mark.get(n) === 1) throw new SimError(`combinational loop through '${flat.signals[n]!.path}'`);
      mark.set(n, 1);
      stack.push([n, combDeps.get(n)!.values()]);
    }
  };
  for (const s of combDeps.keys()) if (!mark.has(s)) visit(s);
  const orderPos = new Map(order.map((s, i) => [s, i]));

  const clocks = new Set(flat.domains.map((d) => idx(d.clk)));
  let readsClock = false;
  for (const deps of combDeps.values()) for (const s of deps) if (clocks.has(s)) readsClock = true;
  for (const d of regDriver.values()) for (const s of readsOf(ruleNets(d.rule))) if (clocks.has(s)) readsClock = true;

  // State.
  const I = new Int32Array(Math.max(1, counts.i));
  const F = new Float64Array(Math.max(1, counts.d));
  const W = new Int32Array(Math.max(1, counts.w));
  sigs.forEach((s, k) => { if (!aliasOf.has(k)) writeSlot(I, F, W, slotOf[k]!, s.reset); });
  for (const s of syncRead.keys()) writeSlot(I, F, W, slotOf[s]!, 0n);
  const memories: MemoryStore[] = plans.map(({ mem, rep }) => {
    const store: MemoryStore = rep === 'd' ? new Float64Array(mem.depth) : new Int32Array(mem.depth * limbCount(mem.shape));
    mem.init.forEach((v, i) => writeWord(store, mem.shape, i, v));
    return store;
  });

  // ---- code generation ----
  const load = (slot: Slot): string[] => {
    if (slot.rep === 'i') return [!slot.signal.signed && slot.signal.width === 32 ? `I[${slot.index}] >>> 0` : `I[${slot.index}]`];
    return slot.rep === 'd' ? [`F[${slot.index}]`] : partNames('', slot.signal.shape).map((_, k) => `W[${slot.index + k}]`);
  };
  /** The state array a slot lives in (`N` + it: its shadow for split edges). */
  const arrayOf = (slot: Slot): 'I' | 'F' | 'W' => (slot.rep === 'i' ? 'I' : slot.rep === 'd' ? 'F' : 'W');
  const store = (slot: Slot, v: string, to: string = arrayOf(slot)): string =>
    assignParts('', load(slot).map((_, k) => `${to}[${slot.index + k}]`), partNames(v, slot.signal.shape));
  /** Declares or assigns (`kw` '') the locals of a value of `shape` named `name`. */
  const decl = (kw: string, name: string, shape: Shape, parts: readonly string[]): string => assignParts(kw, partNames(name, shape), parts);
  const resetParts = (s: number): string[] => (repOf(sigs[s]!.shape) === 'w' ? limbLiterals(sigs[s]!.reset, sigs[s]!.shape) : [literal(sigs[s]!.reset, repOf(sigs[s]!.shape))]);
  const regsOf = (mask: number): number[] => [...regDriver.keys(), ...syncRead.keys()].filter((s) => (mask >> slotOf[s]!.domain) & 1);
  const netOf = (s: number): Net => flat.signals[s]!.net;
  const depths = netDepths(cells);

  /**
   * One function's generator: tracks which signals it reads so only those are loaded. With `lazy`, a combinational
   * signal not in `defined` is computed where it is first read (with the part of its cone not yet computed there).
   */
  const makeGen = (lazy = false): { g: ExprGen; used: Set<number>; defined: Set<number> } => {
    const used = new Set<number>();
    const defined = new Set<number>();
    const scoped: ScopedGen | null = lazy ? new ScopedGen(cells, (s) => name(s), depths) : null;
    const name = (s: number): string => {
      const r = root(s);
      if (scoped && combDeps.has(r) && !defined.has(r)) {
        if (!scoped.has(r)) for (const x of demandOrder(r, combDeps, orderPos, (y) => defined.has(y) || scoped.has(y))) { genCombOne(scoped, x); scoped.define(x); }
        return localName[r]!;
      }
      if (!defined.has(r)) used.add(r);
      return localName[r]!;
    };
    return { g: scoped ?? new ExprGen(cells, name, depths), used, defined };
  };

  // Drivers are coerced to their target's shape by the builder; partsAs wraps (defensively) if one is not.
  const coerce = (g: ExprGen, v: Net, to: Shape): string[] => g.partsAs(v, to);

  const genRule = (g: ExprGen, rule: IrRule, target: string, shape: Shape): void => {
    switch (rule.kind) {
      case 'hold': return;
      case 'assign': g.emit(decl('', target, shape, coerce(g, rule.value, shape))); return;
      case 'if': {
        if (rule.branches.length === 1) {
          g.emit(`if (${g.cond(rule.branches[0]!.cond)}) {`);
          g.open(); genRule(g, rule.branches[0]!.body, target, shape); g.close();
          if (rule.else.kind !== 'hold') { g.emit('} else {'); g.open(); genRule(g, rule.else, target, shape); g.close(); }
          g.emit('}');
          return;
        }
        // An else-if chain as a flat labelled block (chains of any length, no nesting): each condition is computed
        // only when the earlier ones failed.
        const label = g.fresh('L');
        g.emit(`${label}: {`);
        g.open();
        for (const br of rule.branches) {
          g.emit(`if (${g.cond(br.cond)}) {`);
          g.open(); genRule(g, br.body, target, shape); g.close();
          g.emit(`  break ${label};`);
          g.emit('}');
        }
        genRule(g, rule.else, target, shape);
        g.close();
        g.emit('}');
        return;
      }
      case 'switch': {
        const wide = repOf(g.sh(rule.subject)) === 'w'; // a wide subject switches on a BigInt (a rare, slow path)
        const subj = wide ? g.w.bigint(rule.subject) : g.expr(rule.subject);
        const rep = wide ? 'big' : repOf(g.sh(rule.subject));
        g.emit(`switch (${subj}) {`);
        for (const c of rule.cases) {
          if (c.values.length === 0) continue;
          g.emit(`${c.values.map((v) => `case ${literal(v, rep)}:`).join(' ')} {`);
          g.open(); genRule(g, c.body, target, shape); g.close();
          g.emit('} break;');
        }
        g.emit('default: {');
        g.open(); genRule(g, rule.default, target, shape); g.close();
        g.emit('}');
        g.emit('}');
        return;
      }
    }
  };

  /**
   * The next-value rules of several registers. They are independent (each writes its own next value from pre-edge
   * values), so rules under the same `if` conditions share one if-chain: one test per group, not one per register.
   */
  /** Conditions equal through port copies share one test (the enables of many instances of one model). */
  const sameNet = (n: Net): number => canonicalNet()(n);
  const genRules = (g: ExprGen, items: readonly RuleItem[]): void => {
    const groups = new Map<string, RuleItem[]>();
    for (const it of items) {
      if (it.rule.kind === 'hold') continue;
      const key = it.rule.kind === 'if' ? `if:${it.rule.branches.map((b) => sameNet(b.cond)).join(',')}` : `one:${groups.size}`;
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(it);
    }
    for (const group of groups.values()) {
      const head = group[0]!.rule;
      if (group.length === 1 || head.kind !== 'if') { for (const it of group) genRule(g, it.rule, it.target, it.shape); continue; }
      const pick = (f: (r: IfRule) => IrRule): RuleItem[] => group.map((it) => ({ ...it, rule: f(it.rule as IfRule) }));
      const elses = pick((r) => r.else).filter((it) => it.rule.kind !== 'hold');
      if (head.branches.length === 1) {
        g.emit(`if (${g.cond(head.branches[0]!.cond)}) {`);
        g.open(); genRules(g, pick((r) => r.branches[0]!.body)); g.close();
        if (elses.length) { g.emit('} else {'); g.open(); genRules(g, elses); g.close(); }
        g.emit('}');
        continue;
      }
      const label = g.fresh('L');
      g.emit(`${label}: {`);
      g.open();
      head.branches.forEach((br, i) => {
        g.emit(`if (${g.cond(br.cond)}) {`);
        g.open(); genRules(g, pick((r) => r.branches[i]!.body)); g.close();
        g.emit(`  break ${label};`);
        g.emit('}');
      });
      genRules(g, elses);
      g.close();
      g.emit('}');
    }
  };

  const memRead = (g: ExprGen, plan: MemPlan, addr: Net): string[] => {
    const { mem, index, rep } = plan;
    let a = g.clamped(addr, mem.depth);
    const aw = g.sh(addr).width;
    const always = aw < 31 && 2 ** aw <= mem.depth;
    if (rep === 'w') {
      const n = limbCount(mem.shape);
      if (!/^\w+$/.test(a)) { const t = g.fresh('a'); g.emit(`const ${t} = ${a};`); a = t; }
      return Array.from({ length: n }, (_, k) => (always ? `m${index}[${a} * ${n} + ${k}]` : `(${a} < ${mem.depth} ? m${index}[${a} * ${n} + ${k}] : 0)`));
    }
    const word = rep === 'i' && !mem.shape.signed && mem.shape.width === 32 ? `(m${index}[${a}] >>> 0)` : `m${index}[${a}]`;
    return [always ? word : `(${a} < ${mem.depth} ? ${word} : 0)`];
  };

  /** A JS condition: the domain's reset input is at its active level. */
  const inReset = (g: ExprGen, d: FlatDomain): string => `${d.resetActive === 'low' ? '!' : ''}${g.expr(netOf(idx(d.rst!)))}`;

  /** Async resets: while asserted, the domain's registers hold their reset values. */
  const genAsyncReset = (g: ExprGen, storeToo: boolean, onHit = ''): void => {
    for (const d of flat.domains) {
      if (d.resetKind !== 'async' || !d.rst) continue;
      const regs = [...regDriver.keys()].filter((s) => slotOf[s]!.domain === domainIndex.get(d.name) && !sigs[s]!.resetLess);
      if (!regs.length) continue;
      g.emit(`if (${inReset(g, d)}) {`);
      if (onHit) g.emit(`  ${onHit}`);
      for (const s of regs) {
        g.parts(netOf(s)); // registers the read, so the prologue loads it
        g.emit(`  ${decl('', localName[s]!, sigs[s]!.shape, resetParts(s))}`);
        if (storeToo) g.emit(`  ${store(slotOf[s]!, localName[s]!)}`);
      }
      g.emit('}');
    }
  };

  /** Declares and computes the local of combinational signal `s`. */
  const genCombOne = (g: ExprGen, s: number): void => {
    const name = localName[s]!;
    const sig = sigs[s]!;
    const cd = combDriver.get(s);
    if (cd) {
      if (cd.rule.kind === 'assign') g.emit(decl('const', name, sig.shape, coerce(g, cd.rule.value, sig.shape)));
      else {
        g.emit(decl('let', name, sig.shape, resetParts(s)));
        genRule(g, cd.rule, name, sig.shape);
      }
    } else {
      const r = combRead.get(s)!;
      g.emit(decl('const', name, sig.shape, memRead(g, r.plan, r.addr)));
    }
  };

  const genComb = (g: ExprGen, defined: Set<number>, storeToo: boolean, list: readonly number[] = order): void => {
    for (const s of list) {
      genCombOne(g, s);
      defined.add(s);
      if (storeToo) g.emit(store(slotOf[s]!, localName[s]!));
    }
  };

  /** `target` (its parts) updated lane by lane from write port `w` (the statements, in lane order). */
  const laneUpdates = (w: WriteLocal, target: readonly string[]): string[] => {
    const shape = w.plan.mem.shape;
    const g = w.port.granularity;
    return Array.from({ length: shape.width / g }, (_, i) => `if (${enableBitOf(w.en, w.enRep, i)}) { ${laneMergeParts(w.plan.rep, shape, i * g, g, target, w.d)} }`);
  };
  /** The parts of word `a` of a memory: the word, or its limbs. */
  const wordParts = (plan: MemPlan, a: string): string[] => {
    if (plan.rep !== 'w') return [`m${plan.index}[${a}]`];
    const n = limbCount(plan.mem.shape);
    return Array.from({ length: n }, (_, k) => `m${plan.index}[${a} * ${n} + ${k}]`);
  };
  /** A registered read port's next value: its enable, then no-change or write-first against `ports` (same domain). */
  const genSyncRead = (g: ExprGen, target: string, r: { plan: MemPlan; addr: Net; port: IrReadPort }, ports: readonly WriteLocal[]): void => {
    const conds: string[] = [];
    if (r.port.en !== null) conds.push(g.cond(r.port.en));
    if (r.port.transparency === 'no-change' && ports.length) conds.push(`!(${ports.map((w) => (w.port.granularity === r.plan.mem.shape.width ? w.e : anyEnable(w.en))).join(' || ')})`);
    const t = partNames(target, r.plan.mem.shape);
    const lines = [assignParts('', t, memRead(g, r.plan, r.addr))];
    if (r.port.transparency === 'write-first') {
      const ra = g.clamped(r.addr, r.plan.mem.depth);
      for (const w of ports) {
        const hit = `${w.a} === ${ra} && ${w.a} < ${r.plan.mem.depth}`;
        lines.push(w.port.granularity === r.plan.mem.shape.width ? `if (${w.e} && ${hit}) { ${assignParts('', t, w.d)} }` : `if (${hit}) { ${laneUpdates(w, t).join(' ')} }`);
      }
    }
    if (!conds.length) { for (const l of lines) g.emit(l); return; }
    g.emit(`if (${conds.join(' && ')}) {`);
    for (const l of lines) g.emit(`  ${l}`);
    g.emit('}');
  };

  /** Next values of the registers and memory ports of `mask`, then the commit. */
  const genEdge = (g: ExprGen, mask: number, only?: ReadonlySet<number>, writesToo = true, commitLocals = true): void => {
    const keep = (x: number): boolean => !only || only.has(x);
    const regs = regsOf(mask).filter(keep);
    const next = (s: number): string => `n${localName[s]!.slice(1)}`;
    for (const s of regs) g.emit(decl('let', next(s), sigs[s]!.shape, partNames(localName[s]!, sigs[s]!.shape)));
    // The write ports of the edge, as locals (reads of a write-first or no-change port look at them).
    const wports: WriteLocal[] = [];
    for (const plan of plans) {
      for (const p of plan.mem.writePorts) {
        const domain = domainIndex.get(p.domain)!;
        if (!((mask >> domain) & 1)) continue;
        const v = g.fresh('w');
        const whole = p.granularity === plan.mem.shape.width;
        const enShape = g.sh(p.en);
        const w: WriteLocal = {
          plan, port: p, domain, v, a: `${v}a`, e: `${v}e`, enRep: repOf(enShape),
          d: partNames(`${v}d`, plan.mem.shape), en: whole ? [`${v}e`] : partNames(`${v}e`, enShape),
        };
        g.emit(`const ${w.a} = ${g.clamped(p.addr, plan.mem.depth)};`);
        g.emit(decl('const', `${v}d`, plan.mem.shape, coerce(g, p.data, plan.mem.shape)));
        g.emit(whole ? `const ${w.e} = ${g.cond(p.en)};` : decl('const', w.e, enShape, g.parts(p.en)));
        wports.push(w);
      }
    }
    for (const d of flat.domains) {
      const di = domainIndex.get(d.name)!;
      if (!((mask >> di) & 1)) continue;
      const mine = [...regDriver.keys()].filter((s) => slotOf[s]!.domain === di && keep(s));
      const resettable = d.rst ? mine.filter((s) => !sigs[s]!.resetLess) : [];
      const resetSet = new Set(resettable);
      const free = mine.filter((s) => !resetSet.has(s));
      const items = (list: number[]): RuleItem[] => list.map((s) => ({ rule: regDriver.get(s)!.rule, target: next(s), shape: sigs[s]!.shape }));
      genRules(g, items(free));
      if (resettable.length) {
        g.emit(`if (${inReset(g, d)}) {`);
        for (const s of resettable) g.emit(`  ${decl('', next(s), sigs[s]!.shape, resetParts(s))}`);
        g.emit('} else {');
        g.open();
        genRules(g, items(resettable));
        g.close();
        g.emit('}');
      }
      for (const [s, r] of syncRead) if (r.domain === di && keep(s)) genSyncRead(g, next(s), r, wports.filter((w) => w.plan === r.plan && w.domain === di));
    }
    // Memory writes after every read (read-first), ports in order (the later wins).
    const writes: string[] = [];
    for (const w of wports) {
      const { mem } = w.plan;
      const word = wordParts(w.plan, w.a);
      if (w.port.granularity === mem.shape.width) {
        writes.push(`if (${w.e} && ${w.a} < ${mem.depth}) { ${assignParts('', word, w.d)} }`);
        continue;
      }
      const old = partNames(`${w.v}o`, mem.shape);
      writes.push(`if (${w.a} < ${mem.depth}) { ${assignParts('let', old, word)} ${laneUpdates(w, old).join(' ')} ${assignParts('', word, old)} }`);
    }
    if (writesToo) for (const w of writes) g.emit(w);
    if (commitLocals) for (const s of regs) g.emit(decl('', localName[s]!, sigs[s]!.shape, partNames(next(s), sigs[s]!.shape)));
  };

  const prologue = (used: Set<number>, mutable: boolean): string[] => {
    const lines: string[] = [];
    for (let s = 0; s < sigs.length; s++) if (used.has(s)) lines.push(`  ${decl(mutable ? 'let' : 'const', localName[s]!, sigs[s]!.shape, load(slotOf[s]!))}`);
    return lines;
  };

  // Shadow state for chunked edges: next values are computed from pre-edge state by several functions, then committed.
  const shadow = { NI: new Int32Array(I.length), NF: new Float64Array(F.length), NW: new Int32Array(W.length) };
  const helpers = { ...HELPERS, ...LIMB_HELPERS, ...MEMORY_HELPERS, ...shadow, SN: [] as number[], D: new Uint8Array(1) };
  const sources = new Map<string, string>();
  const build = (key: string, params: string, body: string[]): (...args: unknown[]) => void => {
    // Only the memories the body names (`m<k>[`) are loaded.
    const mems = new Set<number>();
    for (const line of body) for (const hit of line.matchAll(/\bm(\d+)\[/g)) mems.add(Number(hit[1]));
    const memLoads = [...mems].sort((x, y) => x - y).map((k) => `  const m${k} = M[${k}];`);
    const src = `"use strict";\nreturn function ${key.replace(/:/g, '_')}(${params}) {\n${[...memLoads, ...body].join('\n')}\n};`;
    sources.set(key, src);
    try {
      return new Function('I', 'F', 'W', 'M', 'H', src)(I, F, W, memories, helpers) as (...args: unknown[]) => void;
    } catch (e) {
      throw new SimError(`internal: generated code for '${key}' does not compile: ${(e as Error).message}`);
    }
  };

  /**
   * Like the edge, a large settle is split (V8 does not optimise very large functions): parts of the topological
   * order of at most about SETTLE_CHUNK_LINES generated lines each, every part storing what it computes so the
   * later parts load it.
   */
  const buildSettle = (withResets = true): (() => void) => {
    const key = withResets ? 'settle' : 'settleKeepingRegisters';
    const chunks: string[][] = [];
    let cur = makeGen();
    if (withResets) genAsyncReset(cur.g, true);
    const finish = (): void => { chunks.push([...prologue(cur.used, true), ...cur.g.lines]); cur = makeGen(); };
    for (const s of order) {
      genComb(cur.g, cur.defined, true, [s]);
      if (cur.g.lines.length >= settleChunkLines) finish();
    }
    if (cur.g.lines.length || !chunks.length) finish();
    if (chunks.length === 1) return build(key, '', chunks[0]!);
    const parts = chunks.map((body, i) => build(`${key}:part${i}`, '', body));
    sources.set(key, chunks.map((_, i) => sources.get(`${key}:part${i}`)).join('\n'));
    return () => { for (let i = 0; i < parts.length; i++) parts[i]!(); };
  };

  /**
   * Activity (large designs, after a split edge): the combinational logic in groups (partition.ts), each evaluated
   * only when its flag `D[k]` is set. A group stores its signals; where a signal another group reads changes, it sets
   * that group's flag. The commit sets the flags of the groups reading a register it changed, a memory write those of
   * the memory's readers, and a settle from outside (new inputs, written state) sets every flag. (Flags on the edge's
   * blocks too were measured slower on the MeRAM arrays than evaluating their guards: not done.)
   */
  type ActivityPartition = { groups: readonly (readonly number[])[]; combReaders: (s: number) => readonly number[]; memReaders: (m: number) => readonly number[] };
  let partitioned: ActivityPartition | null = null;
  const activityPartition = (): ActivityPartition => (partitioned ??= partitionActivity());
  const partitionActivity = (): ActivityPartition => {
    const instanceOf = (s: number): string => { const p = flat.signals[s]!.path; const i = p.lastIndexOf('.'); return i < 0 ? '' : p.slice(0, i); };
    const { groups, groupOf } = partitionComb(order, combDeps, instanceOf);
    const readers = new Map<number, Set<number>>();
    for (const [s, deps] of combDeps) {
      for (const x of deps) {
        if (groupOf.get(x) === groupOf.get(s)) continue;
        let r = readers.get(x);
        if (!r) readers.set(x, (r = new Set()));
        r.add(groupOf.get(s)!);
      }
    }
    const byMemory = plans.map(() => new Set<number>());
    for (const [s, r] of combRead) byMemory[r.plan.index]!.add(groupOf.get(s)!);
    return { groups, combReaders: (x) => [...(readers.get(root(x)) ?? [])], memReaders: (m) => [...byMemory[m]!] };
  };

  /** The activity settle: `readersOf(s)` are the flags a change of `s` sets. */
  const buildActivitySettle = (groups: readonly (readonly number[])[], readersOf: (s: number) => readonly number[]): (() => void) => {
    const mark = (list: readonly number[]): string => list.map((k) => `D[${k}] = 1;`).join(' ');
    const blocks = groups.map((members, k) => {
      const { g, used, defined } = makeGen();
      g.indent = '    ';
      genComb(g, defined, false, members);
      for (const s of members) {
        const slot = slotOf[s]!;
        const list = readersOf(s);
        if (!list.length) { g.emit(store(slot, localName[s]!)); continue; }
        const to = arrayOf(slot);
        const changed = partNames(localName[s]!, sigs[s]!.shape).map((v, j) => (slot.rep === 'd' ? `${to}[${slot.index}] !== ${v}` : `${to}[${slot.index + j}] !== (${v} | 0)`));
        g.emit(`if (${changed.join(' || ')}) { ${store(slot, localName[s]!)} ${mark(list)} }`);
      }
      const loads = [...used].map((s) => `    ${decl('const', localName[s]!, sigs[s]!.shape, load(slotOf[s]!))}`);
      return [`  if (D[${k}] !== 0) {`, `    D[${k}] = 0;`, ...loads, ...g.lines, '  }'];
    });
    const parts: (() => void)[] = [];
    let body: string[] = [];
    const finish = (): void => { parts.push(build(`settle:activity:part${parts.length}`, '', ['  const D = H.D;', ...body])); body = []; };
    for (const b of blocks) { body.push(...b); if (body.length >= settleChunkLines) finish(); }
    if (body.length || !parts.length) finish();
    // While an asynchronous reset is asserted its registers are forced each settle: then everything is recomputed.
    const ar = makeGen();
    genAsyncReset(ar.g, true, 'hit = 1;');
    const asyncReset = ar.g.lines.length ? build('settle:activity:resets', '', [...prologue(ar.used, true), '  let hit = 0;', ...ar.g.lines, '  return hit;']) as () => number : null;
    return (): void => {
      if (asyncReset && asyncReset()) helpers.D.fill(1);
      for (let i = 0; i < parts.length; i++) parts[i]!();
    };
  };

  /**
   * Equal numbers for nets that compute the same value from the same signals, read through port copies (`root`): the
   * enables of many instances of one model then form one guard. One forward pass (operands come before their cells).
   */
  let canon: Int32Array | null = null;
  const canonicalNet = (): ((n: Net) => number) => {
    if (!canon) {
      const ids = new Map<string, number>();
      const c = new Int32Array(cells.length);
      cells.forEach((cell, n) => {
        const key = cell.kind === 'signal' ? `s${root(cell.signal)}` : cell.kind === 'const' ? `c${cell.shape.width}${cell.shape.signed ? 's' : 'u'}${cell.value}`
          : cell.args.some((a) => a >= n) ? `u${n}` // (an operand after its cell: kept apart, never merged)
            : `${cell.op}${cell.shape.width}${cell.shape.signed ? 's' : 'u'}:${cell.param}(${cell.args.map((a) => c[a]).join(',')})`;
        let id = ids.get(key);
        if (id === undefined) ids.set(key, (id = ids.size));
        c[n] = id;
      });
      canon = c;
    }
    const table = canon;
    return (n) => table[n]!;
  };

  /**
   * V8 does not optimise very large functions, so a design with many registers gets its edge as several functions of
   * at most EDGE_CHUNK registers each, then the memory writes, the commit and the settle. A register only its own
   * block reads during the edge is committed in place at the end of that block; the others (read by other blocks,
   * guards or memory writes, which must see pre-edge values) go through shadow state and the commit functions.
   */
  const buildChunkedEdge = (mask: number): (() => void) => {
    const regs = regsOf(mask);
    const resetNet = (s: number): Net | null => {
      const d = flat.domains[slotOf[s]!.domain]!;
      return d.rst && !sigs[s]!.resetLess ? netOf(idx(d.rst)) : null;
    };
    const guardOf = (s: number): readonly Net[] | null => (edgeGuards ? ruleGuard(regDriver.get(s)?.rule, resetNet(s)) : null);
    // Each part returns a mask of the groups that computed next values (a group whose guard is off holds).
    const plan = guardedBlocks(regs, guardOf, EDGE_CHUNK, canonicalNet());
    const shadowOf = (slot: Slot): string => `N${arrayOf(slot)}`;
    // Every block's guard and next values first, each in its own generator (its loads go inside its block).
    const built = plan.map((group) => {
      const guard = makeGen();
      guard.g.indent = '    ';
      const cond = group.guard ? group.guard.map((n) => guard.g.cond(n)).join(' || ') || 'false' : null;
      const inner = makeGen();
      inner.g.indent = '      ';
      // Next values stay in their own locals: the later groups of the part still read the pre-edge values.
      genEdge(inner.g, mask, new Set(group.regs), false, false);
      const reads = new Set([...guard.used, ...inner.used, ...group.regs]);
      return { group, guard, cond, inner, reads, regs: group.regs };
    });
    const w = makeGen();
    genEdge(w.g, mask, new Set(), true);
    // Readers before writers (activity.ts), then packed into parts of at most EDGE_CHUNK registers and 31 blocks.
    const { order: blockOrder, late } = readersFirst(built);
    const shared = new Set<number>([...w.used, ...late]);
    const blocks: (typeof built[number] & { p: number; bit: number })[] = [];
    let fill = 0;
    let nParts = 0;
    let bitAt = 0;
    for (const i of blockOrder) {
      const b = built[i]!;
      if (nParts === 0 || bitAt === 31 || (fill > 0 && fill + b.regs.length > EDGE_CHUNK)) { nParts++; bitAt = 0; fill = 0; }
      blocks.push({ ...b, p: nParts - 1, bit: bitAt++ });
      fill += b.regs.length;
    }
    const partsPlan = Array.from({ length: nParts }, (_, p) => blocks.filter((b) => b.p === p));
    const act = activity ? activityPartition() : null;
    const readersOf = (s: number): readonly number[] => (act ? act.combReaders(s) : []);
    const marksOf = (s: number): string => readersOf(s).map((k) => `D[${k}] = 1;`).join(' ');
    /** Stores of `value` parts into `to` slot parts; with activity, a change marks the readers of `s`. */
    const commitStore = (s: number, to: string, value: (j: number) => string, indent: string): string[] => {
      const slot = slotOf[s]!;
      const marks = marksOf(s);
      return load(slot).map((_, j) => {
        const at = `${slot.index + j}`;
        const v = value(j);
        if (!marks) return `${indent}${to}[${at}] = ${v};`;
        return slot.rep === 'd' ? `${indent}if (${to}[${at}] !== ${v}) { ${to}[${at}] = ${v}; ${marks} }` : `${indent}if (${to}[${at}] !== (${v} | 0)) { ${to}[${at}] = ${v}; ${marks} }`;
      });
    };
    const parts = partsPlan.map((mine, p) => {
      const lines = ['  const D = H.D;', '  let ran = 0;'];
      mine.forEach(({ bit, group, guard, cond, inner }) => {
        for (const s of group.regs) {
          const slot = slotOf[s]!;
          if (shared.has(s)) inner.g.emit(store(slot, `n${localName[s]!.slice(1)}`, `H.${shadowOf(slot)}`));
          else inner.g.lines.push(...commitStore(s, arrayOf(slot), (j) => partNames(`n${localName[s]!.slice(1)}`, sigs[s]!.shape)[j]!, inner.g.indent));
        }
        const loadLines = (used: Iterable<number>, indent: string): string[] => [...used].map((s) => `${indent}${decl('let', localName[s]!, sigs[s]!.shape, load(slotOf[s]!))}`);
        lines.push('  {');
        lines.push(...loadLines(guard.used, '    '), ...guard.g.lines);
        lines.push(`    if (${cond ?? 'true'}) {`, ...loadLines([...new Set([...inner.used, ...group.regs])].filter((s) => !guard.used.has(s)), '      '), ...inner.g.lines, `      ran |= ${2 ** bit};`, '    }', '  }');
      });
      lines.push('  return ran;');
      return build(`edge:${mask}:part${p}`, '', lines) as () => number;
    });
    const writes = build(`edge:${mask}:writes`, '', [...prologue(w.used, true), ...w.g.lines]);
    // The commit of the shared registers: the next values of the groups that ran.
    const commitLines: string[][] = [];
    let cur: string[] = [];
    partsPlan.forEach((mine, p) => {
      const list = mine.map(({ bit, regs: rs }) => ({ bit, regs: rs.filter((s) => shared.has(s)) })).filter((x) => x.regs.length);
      if (!list.length) return;
      cur.push(`  { const r = ran[${p}];`);
      for (const { bit, regs: rs } of list) {
        cur.push(`    if (r & ${2 ** bit}) {`);
        for (const s of rs) { const slot = slotOf[s]!; cur.push(...commitStore(s, arrayOf(slot), (j) => `${shadowOf(slot)}[${slot.index + j}]`, '      ')); }
        cur.push('    }');
      }
      cur.push('  }');
      if (cur.length >= settleChunkLines) { commitLines.push(cur); cur = []; }
    });
    if (cur.length || !commitLines.length) commitLines.push(cur);
    const head = ['  const NI = H.NI, NF = H.NF, NW = H.NW, D = H.D;'];
    const commits = commitLines.map((body, i) => build(`edge:${mask}:commit${i}`, 'ran', [...head, ...body]) as (ran: Int32Array) => void);
    const ran = new Int32Array(parts.length);
    let after = settle;
    let written = new Int32Array(0);
    if (act) {
      const mems = plans.filter((pl) => pl.mem.writePorts.some((wp) => (mask >> domainIndex.get(wp.domain)!) & 1)).map((pl) => pl.index);
      written = Int32Array.from(new Set(mems.flatMap((m) => act.memReaders(m))));
      // One settle serves the edges of every mask (several domains).
      if (!activeSettle) {
        helpers.D = new Uint8Array(act.groups.length).fill(1);
        activeSettle = buildActivitySettle(act.groups, readersOf);
      }
      after = activeSettle;
    }
    return () => {
      for (let p = 0; p < parts.length; p++) ran[p] = parts[p]!();
      writes();
      for (let i = 0; i < commits.length; i++) commits[i]!(ran);
      const D = helpers.D;
      for (let i = 0; i < written.length; i++) D[written[i]!] = 1;
      after();
    };
  };

  const buildEdge = (mask: number): (() => void) => {
    if (regsOf(mask).length > chunkEdgesAbove) return buildChunkedEdge(mask);
    const { g, used, defined } = makeGen();
    genEdge(g, mask);
    for (const s of regsOf(mask)) g.emit(store(slotOf[s]!, localName[s]!));
    // The settle after the edge, in its own block so names may repeat.
    const post = makeGen();
    post.g.indent = '    ';
    for (const s of regsOf(mask)) post.defined.add(s);
    genAsyncReset(post.g, true);
    genComb(post.g, post.defined, true);
    const postLoads = [...post.used].filter((s) => !used.has(s) && !regsOf(mask).includes(s));
    void defined;
    return build(`edge:${mask}`, '', [
      ...prologue(new Set([...used, ...regsOf(mask)]), true), ...g.lines,
      '  {', ...postLoads.map((s) => `    ${decl('let', localName[s]!, sigs[s]!.shape, load(slotOf[s]!))}`), ...post.g.lines, '  }',
    ]);
  };

  /** The loop of `mask`; with `record`, the body also stores those signals' settled values into `R<i>[c]`. */
  const buildLoop = (mask: number, record: readonly number[] = []): ((n: number, ...out: Float64Array[]) => void) => {
    const body = makeGen(lazyComb);
    body.g.indent = '    ';
    for (const s of regsOf(mask)) body.defined.add(s);
    genAsyncReset(body.g, false);
    if (!lazyComb) genComb(body.g, body.defined, false);
    record.forEach((s, i) => body.g.emit(`R${i}[c] = ${body.g.expr(netOf(s))};`));
    genEdge(body.g, mask);
    const post = makeGen();
    post.g.indent = '    ';
    for (const s of regsOf(mask)) post.defined.add(s);
    genAsyncReset(post.g, true);
    genComb(post.g, post.defined, true);
    const regs = regsOf(mask);
    const outer = new Set([...body.used, ...regs]);
    const postLoads = [...post.used].filter((s) => !outer.has(s));
    const key = record.length ? `loop:${mask}:rec_${record.join('_')}` : `loop:${mask}`;
    return build(key, ['n', ...record.map((_, i) => `R${i}`)].join(', '), [
      ...prologue(outer, true),
      '  for (let c = 0; c < n; c++) {', ...body.g.lines, '  }',
      ...regs.map((s) => `  ${store(slotOf[s]!, localName[s]!)}`),
      '  {', ...postLoads.map((s) => `    ${decl('let', localName[s]!, sigs[s]!.shape, load(slotOf[s]!))}`), ...post.g.lines, '  }',
    ]);
  };

  const fullSettle = buildSettle();
  // With activity (a split edge was built), a settle from outside sets every flag and runs the activity settle.
  let activeSettle: (() => void) | null = null;
  const settle = (): void => {
    if (activeSettle) { helpers.D.fill(1); activeSettle(); } else fullSettle();
  };
  // A design with a split edge loops over its edge functions: one loop function of that size would never be optimised.
  const edgeOf = (mask: number): (() => void) => {
    let f = edges.get(mask);
    if (!f) edges.set(mask, (f = buildEdge(mask)));
    return f;
  };
  const repeatEdge = (mask: number): ((n: number) => void) => {
    const edge = edgeOf(mask);
    return (n) => { for (let c = 0; c < n; c++) edge(); };
  };
  /** The same, recording the settled pre-edge value of each signal of `record` (up to 53 bits) in each cycle. */
  const repeatEdgeRecording = (mask: number, record: readonly number[]): ((n: number, ...out: Float64Array[]) => void) => {
    const edge = edgeOf(mask);
    const at = Int32Array.from(record, (s) => slotOf[s]!.index);
    const fromF = Uint8Array.from(record, (s) => (slotOf[s]!.rep === 'd' ? 1 : 0));
    const unsigned32 = Uint8Array.from(record, (s) => (!sigs[s]!.signed && sigs[s]!.width === 32 ? 1 : 0));
    return (n, ...out) => {
      for (let c = 0; c < n; c++) {
        for (let i = 0; i < at.length; i++) out[i]![c] = fromF[i] ? F[at[i]!]! : unsigned32[i] ? I[at[i]!]! >>> 0 : I[at[i]!]!;
        edge();
      }
    };
  };
  let settleKeeping: (() => void) | null = null;
  const edges = new Map<number, () => void>();
  const loops = new Map<number, (n: number) => void>();
  const recordingLoops = new Map<string, (n: number, ...out: Float64Array[]) => void>();
  return {
    flat, slots, I, F, W, memories, domainIndex, readsClock,
    readMemory: (m, addr) => readWord(memories[m]!, plans[m]!.mem.shape, addr),
    writeMemory: (m, addr, v) => writeWord(memories[m]!, plans[m]!.mem.shape, addr, v),
    settle,
    settleKeepingRegisters(): void {
      helpers.D.fill(1);
      (settleKeeping ??= buildSettle(false))();
    },
    edge(mask: number): void {
      edgeOf(mask)();
    },
    loop(mask: number, n: number): void {
      let f = loops.get(mask);
      if (!f) loops.set(mask, (f = regsOf(mask).length > chunkEdgesAbove ? repeatEdge(mask) : buildLoop(mask)));
      f(n);
    },
    loopRecording(mask: number, n: number, record: readonly Signal[], out: readonly Float64Array[]): void {
      const rec = record.map(idx);
      for (const s of rec) if (slotOf[s]!.rep === 'w') throw new SimError(`internal: loopRecording of '${flat.signals[s]!.path}' (wider than 53 bits)`);
      const key = `${mask}:${rec.join(',')}`;
      let f = recordingLoops.get(key);
      if (!f) recordingLoops.set(key, (f = regsOf(mask).length > chunkEdgesAbove ? repeatEdgeRecording(mask, rec) : buildLoop(mask, rec)));
      f(n, ...out);
    },
    source: (which) => {
      // `edge:<mask>` and `loop:<mask>` (and their parts, `edge:<mask>:part<k>`) are built on first request.
      const mask = Number.parseInt(which.split(':')[1] ?? '', 10);
      if (which.startsWith('edge:') && Number.isInteger(mask)) edgeOf(mask);
      if (which.startsWith('loop:') && Number.isInteger(mask) && !loops.has(mask)) loops.set(mask, buildLoop(mask));
      return sources.get(which) ?? '';
    },
  };
}

/** Registers per generated edge function, and the register count from which edges are chunked (measured on the
 * MeRAM arrays: a fused edge is faster for small designs, chunks for large ones; on the sum of 64 bits parts of 32,
 * 64, 128, 256 and 512 registers gave 3.8e5, 4.5e5, 3.7e5..5.0e5, 3.6e5..4.0e5 and 0.9e5 cycles/s, the last too
 * large for TurboFan). See buildChunkedEdge. */
const EDGE_CHUNK = 64;
const CHUNKED_EDGE_ABOVE = 256;
/** Generated lines per part of a split settle (TurboFan time grows faster than linearly with a function's size: small parts are optimised sooner). */
const SETTLE_CHUNK_LINES = 400;

/** Stores a canonical value into a slot. */
export function writeSlot(I: Int32Array, F: Float64Array, W: Int32Array, slot: Slot, v: bigint): void {
  if (slot.rep === 'i') I[slot.index] = Number(BigInt.asIntN(32, v));
  else if (slot.rep === 'd') F[slot.index] = Number(v);
  else W.set(toLimbs(v, limbCount(slot.signal.shape)), slot.index);
}

/** Reads a slot's canonical value as a bigint. */
export function readSlot(I: Int32Array, F: Float64Array, W: Int32Array, slot: Slot): bigint {
  if (slot.rep === 'i') {
    const x = I[slot.index]!;
    return BigInt(!slot.signal.signed && slot.signal.width === 32 ? x >>> 0 : x);
  }
  return slot.rep === 'd' ? BigInt(F[slot.index]!) : fromLimbs(W, slot.index, limbCount(slot.signal.shape), slot.signal.signed);
}

/** A memory word's canonical value. */
function readWord(store: MemoryStore, shape: Shape, addr: number): bigint {
  if (shape.width > 53) return fromLimbs(store, addr * limbCount(shape), limbCount(shape), shape.signed);
  const v = store[addr]!;
  return BigInt(!shape.signed && shape.width === 32 ? v >>> 0 : v);
}

/** Stores a canonical value into a memory word. */
function writeWord(store: MemoryStore, shape: Shape, addr: number, v: bigint): void {
  if (shape.width > 53) store.set(toLimbs(v, limbCount(shape)), addr * limbCount(shape));
  else store[addr] = shape.width <= 32 ? Number(BigInt.asIntN(32, v)) : Number(v);
}
