/**
 * The netlist IR: every consumer of a design (design-rule checks, the Verilog printer, the simulators, synthesis)
 * reads this form. A netlist is a table of cells with integer ids; each cell drives one net, named by its id.
 * Operator cells only read nets of smaller ids, so every walk over expressions is a forward loop over the table:
 * nothing recurses on the depth of an expression.
 *
 * Named signals are leaves (`signal` cells); what drives them is recorded beside the table: a decision tree
 * (`IrRule`) per driven signal, memory ports, instance pins. Identical operator cells are shared (hash-consed).
 */
import type { Instance, Memory, Module, Port, ResetActive, ResetKind, Transparency } from '../core/module.ts';
import type { NameAllocator, Rename } from '../core/names.ts';
import type { PropertyKind } from '../core/property.ts';
import type { Shape } from '../core/shape.ts';
import type { CallSite } from '../core/source-loc.ts';
import type { OpName, Signal } from '../core/value.ts';

/** A net: the id of the cell that drives it. */
export type Net = number;

/** A constant. */
export interface ConstCell { readonly kind: 'const'; readonly shape: Shape; readonly value: bigint }
/** The value of a named signal (an input, a register, a combinationally driven wire, a memory read's data). */
export interface SignalCell { readonly kind: 'signal'; readonly shape: Shape; readonly signal: number }
/** A primitive operator on nets of smaller ids. `param`: shift amount of `shl`/`shr`, low bit of `slice`, else 0. */
export interface OpCell {
  readonly kind: 'op';
  readonly shape: Shape;
  readonly op: OpName;
  readonly args: readonly Net[];
  readonly param: number;
  readonly site: CallSite | undefined;
}
export type Cell = ConstCell | SignalCell | OpCell;

/**
 * What a driven signal becomes: a value, the first branch whose condition holds (a flat if / else-if chain), a choice
 * by value, or "unchanged" (a register keeps its value; a combinational signal takes its reset value).
 */
export type IrRule =
  | { readonly kind: 'assign'; readonly value: Net; readonly site: CallSite }
  | { readonly kind: 'if'; readonly branches: readonly { readonly cond: Net; readonly body: IrRule }[]; readonly else: IrRule }
  | { readonly kind: 'switch'; readonly subject: Net; readonly cases: readonly { readonly values: readonly bigint[]; readonly body: IrRule }[]; readonly default: IrRule }
  | { readonly kind: 'hold' };

/** The user's statements over nets, in order (later assignments win): the form Verilog processes are printed from. */
export type IrStmt =
  | {
    readonly kind: 'assign'; readonly target: number; readonly value: Net; readonly domain: string | null; readonly site: CallSite;
    /** A partial assignment (`value` goes to bits `lo..lo+width-1`), printed as a part-select; the drivers' rules hold its whole-signal form. */
    readonly part?: { readonly lo: number; readonly width: number };
  }
  | { readonly kind: 'if'; readonly branches: readonly { readonly cond: Net; readonly body: readonly IrStmt[] }[]; readonly else: readonly IrStmt[] | null; readonly site: CallSite }
  | { readonly kind: 'switch'; readonly subject: Net; readonly cases: readonly { readonly values: readonly bigint[]; readonly body: readonly IrStmt[] }[]; readonly default: readonly IrStmt[] | null; readonly site: CallSite };

/** A named signal of a netlist. */
export interface IrSignal {
  /** The HDL object: the user's own in a module netlist and at the top of a flat one, a clone below the top. */
  readonly signal: Signal;
  /** Name in its module, or hierarchical path (`u_core.count`) in a flat netlist. */
  readonly path: string;
  /** The `signal` cell that reads it. */
  readonly net: Net;
}

/** One driven signal: combinational (`domain === null`) or a register of a domain. */
export interface IrDriver {
  readonly target: number;
  readonly domain: string | null;
  readonly rule: IrRule;
}

/**
 * A read port: `data` (a signal index) shows the word at `addr`; registered in `domain` (updating only while `en`, a
 * 1-bit net, holds; `null` = always) or combinational (`domain === null`). `transparency` is against the write ports
 * of the same domain (see `Memory.read`).
 */
export interface IrReadPort {
  readonly addr: Net; readonly data: number; readonly domain: string | null; readonly site: CallSite;
  readonly en: Net | null; readonly transparency: Transparency;
}
/** A write port: bit `i` of `en` writes lane `i` (`granularity` bits) of `data` at `addr`. */
export interface IrWritePort {
  readonly addr: Net; readonly data: Net; readonly en: Net; readonly domain: string; readonly site: CallSite;
  readonly granularity: number;
}

/** A memory with its ports over nets. Words not in `init` power up as 0 on every backend and in the Verilog. */
export interface IrMemory {
  readonly path: string;
  readonly shape: Shape;
  readonly depth: number;
  readonly init: readonly bigint[];
  readonly readPorts: readonly IrReadPort[];
  readonly writePorts: readonly IrWritePort[];
  readonly site: CallSite;
  readonly source: Memory;
}

/**
 * A formal property (`assert` / `assume` / `cover`) over a 1-bit check signal: 1 = holds (or: cover hit). Its nets are
 * live for every pass (the dead-logic pass keeps them); flattening gives it a hierarchical `path`.
 */
export interface IrProperty {
  readonly kind: PropertyKind;
  /** Name in its module, or hierarchical path (`u_core.assert_l12`) in a flat netlist. */
  readonly path: string;
  readonly message: string | undefined;
  /** Index into `signals` of the check signal. */
  readonly check: number;
  /** Sampling domain (a top domain in a flat netlist), or `null` for combinational. */
  readonly domain: string | null;
  /** Indices of the signals the condition reads. */
  readonly reads: readonly number[];
  readonly site: CallSite;
}

/** The part every netlist has: cells, signals, drivers, memories. */
export interface NetlistCore {
  readonly cells: readonly Cell[];
  readonly signals: readonly IrSignal[];
  readonly drivers: readonly IrDriver[];
  readonly memories: readonly IrMemory[];
  /** Formal properties, in declaration order (parents before children in a flat netlist). */
  readonly properties: readonly IrProperty[];
}

/** A clock domain of a flat netlist (always one of the top module's), by signal object and index. */
export interface FlatDomain {
  readonly name: string;
  readonly clk: Signal;
  readonly rst: Signal | null;
  readonly resetKind: ResetKind;
  /** Level of `rst` that resets. */
  readonly resetActive: ResetActive;
}

/** The flattened design: one netlist for the whole hierarchy, which simulators and whole-design checks read. */
export interface FlatDesign extends NetlistCore {
  readonly top: Module;
  /** Hierarchical name of every signal (`u_core.count`; top-level signals by their own name). */
  readonly paths: ReadonlyMap<Signal, string>;
  /** Index into `signals` of every signal object. */
  readonly indexOf: ReadonlyMap<Signal, number>;
  /** Top-level data inputs and outputs (not clocks or resets). */
  readonly inputs: readonly Signal[];
  readonly outputs: readonly Signal[];
  readonly domains: readonly FlatDomain[];
  /** Black boxes without a simulation model (a simulator must refuse the design). */
  readonly missingModels: readonly { readonly path: string; readonly moduleName: string; readonly site: CallSite }[];
  /** Looks a signal up by hierarchical path. */
  find(path: string): Signal | undefined;
}

/**
 * Builds a cell table with hash-consing: asking twice for the same constant, signal or operator on the same nets
 * returns the same net.
 *
 * @example
 * const t = new CellTable();
 * const a = t.signal(0, { width: 8, signed: false });
 * const one = t.constant(1n, { width: 8, signed: false });
 * t.op('add', { width: 9, signed: false }, [a, one]) === t.op('add', { width: 9, signed: false }, [a, one]); // true
 */
export class CellTable {
  readonly cells: Cell[] = [];
  private readonly index = new Map<string, Net>();

  constant(value: bigint, shape: Shape): Net {
    return this.intern(`c${shape.signed ? 's' : 'u'}${shape.width}:${value}`, () => ({ kind: 'const', shape, value }));
  }
  signal(signal: number, shape: Shape): Net {
    return this.intern(`s${signal}`, () => ({ kind: 'signal', shape, signal }));
  }
  op(op: OpName, shape: Shape, args: readonly Net[], param = 0, site?: CallSite): Net {
    for (const a of args) if (!(a >= 0 && a < this.cells.length)) throw new RangeError(`internal: operand net ${a} is not in the table`);
    return this.intern(`${op}${shape.signed ? 's' : 'u'}${shape.width}:${param}:${args.join(',')}`, () => ({ kind: 'op', shape, op, args, param, site }));
  }
  private intern(key: string, make: () => Cell): Net {
    const hit = this.index.get(key);
    if (hit !== undefined) return hit;
    const id = this.cells.length;
    this.cells.push(make());
    this.index.set(key, id);
    return id;
  }
}

/** Calls `f` on every net a rule reads (conditions, subjects, assigned values). Recurses on statement nesting only. */
export function forEachRuleNet(rule: IrRule, f: (n: Net) => void): void {
  switch (rule.kind) {
    case 'assign': f(rule.value); break;
    case 'if': for (const b of rule.branches) { f(b.cond); forEachRuleNet(b.body, f); } forEachRuleNet(rule.else, f); break;
    case 'switch': f(rule.subject); for (const c of rule.cases) forEachRuleNet(c.body, f); forEachRuleNet(rule.default, f); break;
    case 'hold': break;
  }
}

/** The first assignment's call site in a rule (for messages and `// file:line` comments). */
export function firstRuleSite(rule: IrRule): CallSite | undefined {
  switch (rule.kind) {
    case 'assign': return rule.site;
    case 'if': for (const b of rule.branches) { const s = firstRuleSite(b.body); if (s) return s; } return firstRuleSite(rule.else);
    case 'switch': for (const c of rule.cases) { const s = firstRuleSite(c.body); if (s) return s; } return firstRuleSite(rule.default);
    case 'hold': return undefined;
  }
}

/**
 * The signals (indices) that the nets `roots` read, stopping at signals. One backward sweep over the table.
 *
 * @example
 * const read = signalsReadBy(netlist.cells, [driverNet]);
 */
export function signalsReadBy(cells: readonly Cell[], roots: Iterable<Net>): Set<number> {
  const out = new Set<number>();
  coneOf(cells, roots, (s) => out.add(s));
  return out;
}

/**
 * The nets reachable backwards from `roots` (their whole expression cones), as a mask over the table; `onSignal` is
 * called for every signal cell of the cone, in descending net order.
 */
export function coneOf(cells: readonly Cell[], roots: Iterable<Net>, onSignal?: (signal: number) => void): Uint8Array {
  const mark = new Uint8Array(cells.length);
  let hi = -1;
  for (const r of roots) { mark[r] = 1; if (r > hi) hi = r; }
  for (let n = hi; n >= 0; n--) {
    if (!mark[n]) continue;
    const c = cells[n]!;
    if (c.kind === 'op') for (const a of c.args) mark[a] = 1;
    else if (c.kind === 'signal' && onSignal) onSignal(c.signal);
  }
  return mark;
}

/** An instance in a module netlist: the builder's record, with its input pins as nets and output pins as signals. */
export interface IrInstance {
  readonly source: Instance;
  readonly name: string;
  readonly inputs: ReadonlyMap<string, Net>;
  readonly outputs: ReadonlyMap<string, number>;
}

/** One module of the design as a netlist, checked, with its Verilog names. The Verilog printer reads this form. */
export interface NetlistModule extends NetlistCore {
  readonly module: Module;
  /** Unique Verilog module name (distinct modules with the same name get `_1`, `_2`, ... in discovery order). */
  readonly name: string;
  readonly ports: readonly Port[];
  /** Index into `signals` of every signal of the module. */
  readonly indexOf: ReadonlyMap<Signal, number>;
  /** The module's statements over nets (every domain), from which Verilog processes are grouped. */
  readonly statements: readonly IrStmt[];
  readonly instances: readonly IrInstance[];
  /** Signals that nothing drives (not inputs): they read as their reset value everywhere (and get a warning). */
  readonly undriven: readonly number[];
  /** Verilog identifier of every signal, memory and instance of the module. */
  readonly names: ReadonlyMap<Signal | Memory | Instance, string>;
  /** Names that had to change (builder collisions, keywords, illegal characters). */
  readonly renames: readonly Rename[];
  /** Hands out further identifiers in this module's scope (used by the emitter for temporaries). */
  readonly allocator: NameAllocator;
  /** True for black-box simulation models and modules marked simulation-only. */
  readonly simulationOnly: boolean;
}
