/**
 * The module builder: ports, signals, statements (comb / sync in clock domains), If/Elif/Else, Switch/Case,
 * FSMs, memories, submodule and black-box instances. A finished `Module` is what `elaborate` turns into the netlist.
 *
 * @example
 * const m = new Module('counter');
 * const en = m.input('en', 1);
 * const count = m.output('count', 8);
 * m.If(en, () => m.sync(count, count.add(1).trunc(8)));
 */
import { Enum } from './enum.ts';
import { readMemoryFile } from './memory-file.ts';
import { type ParamValue, canonicalParam, paramSuffix } from './params.ts';
import { AlreadyElaboratedError, HdlError } from './errors.ts';
import type { Rename } from './names.ts';
import { CallSite } from './source-loc.ts';
import { type Shape, bitsFor, checkFits, formatShape, unsigned } from './shape.ts';
import type { AssignStmt, IfStmt, Stmt, SwitchStmt } from './statement.ts';
import { type Property, type PropertyOptions, addProperty } from './property.ts';
import { assignPart } from './lvalue.ts';
import { C, Const, Signal, type SignalOptions, Value, type ValueLike, coerceForAssign, toBigInt, valueOf, caseMatch } from './value.ts';

/** A shape, or a width for an unsigned shape. */
export type ShapeLike = Shape | number;
export const toShape = (s: ShapeLike): Shape => (typeof s === 'number' ? unsigned(s) : s);

/** Direction of a module port. */
export type Direction = 'input' | 'output';

/** A port of a module; clock and reset ports of a domain say which domain. */
export interface Port {
  readonly signal: Signal;
  readonly direction: Direction;
  readonly clockOf?: string;
  readonly resetOf?: string;
  /** A clock-enable or synchronous-reset input of a domain (see {@link ClockDomain.enable}). */
  readonly controlOf?: { readonly domain: string; readonly kind: DomainControl };
}

/** A control input a domain may get: a clock enable, or an extra synchronous reset. */
export type DomainControl = 'enable' | 'reset';

/** How a clock domain resets: synchronously, asynchronously, or not at all. */
export type ResetKind = 'sync' | 'async' | 'none';
/** The level of a reset input that resets: `high` (the default) or `low` (`rst_n`). */
export type ResetActive = 'high' | 'low';

/** Options of {@link Module.domain}. */
export interface DomainOptions {
  /** `sync` (default), `async` or `none`. */
  reset?: ResetKind;
  /** Level that resets (default `high`). */
  resetActive?: ResetActive;
  /** Name of the clock input (default `clk` for `sync`, `<name>_clk` otherwise). */
  clock?: string;
  /** Name of the reset input (default `rst` / `<name>_rst`, with `_n` added when active low). */
  resetName?: string;
  /** Give the domain a clock-enable input of this name (`true`: `ce` / `<name>_ce`), see {@link ClockDomain.enable}. */
  clockEnable?: string | true;
  /** Give the domain a synchronous-reset input of this name (`true`: `srst` / `<name>_srst`), see {@link ClockDomain.syncReset}. */
  syncReset?: string | true;
}

/** A clock domain of a module: its clock and reset ports, and a way to assign registers in it. */
export class ClockDomain {
  constructor(
    private readonly module: Module,
    readonly name: string,
    readonly clk: Signal,
    readonly rst: Signal | null,
    readonly resetKind: ResetKind,
    readonly resetActive: ResetActive = 'high',
  ) {}
  /**
   * The clock-enable input (active high), or `null`: while it is 0 no register, memory write or registered memory
   * read of the domain changes (Amaranth's `EnableInserter`). The domain's own reset still acts.
   */
  enable: Signal | null = null;
  /**
   * The extra synchronous reset (active high), or `null`: at an edge where it is 1 every resettable register of the
   * domain takes its reset value, whatever the clock enable (Amaranth's `ResetInserter`). Memories keep their words.
   */
  syncReset: Signal | null = null;
  /** Registers `target` (a signal, or a slice, struct field or Vec element of one) in this domain: it takes `value` at the next rising clock edge. */
  sync(target: Signal | Value, value: ValueLike): void {
    this.module.assign(target, value, this.name);
  }
}

/**
 * A domain derived from another by a clock enable (see {@link Module.derivedDomain}): the same clock and reset, its
 * registers, memory writes and registered reads act only in the cycles where `enable` is 1. A slower rate without a
 * second clock, so nothing crosses between the two.
 */
export class DerivedDomain {
  constructor(
    private readonly module: Module,
    readonly name: string,
    /** The clocked domain it runs in (the root, when derived from a derived domain). */
    readonly root: string,
    /** The enable, already combined with the enables of the domains it derives from. */
    readonly enable: Value,
  ) {}
  /** Registers `target` in this domain: it takes `value` at the next rising clock edge where `enable` is 1. */
  sync(target: Signal | Value, value: ValueLike): void {
    this.module.assign(target, value, this.name);
  }
}

/** What a registered read port returns while a write port of its domain writes its address (see {@link Memory.read}). */
export type Transparency = 'read-first' | 'write-first' | 'no-change';

/**
 * A read port of a memory: `data` shows `mem[addr]`, registered in `domain` or combinational (`null`). A registered
 * port updates only when `en` (1 bit, `null` = always) holds, with the given `transparency`.
 */
export interface ReadPort {
  readonly addr: Value; readonly data: Signal; readonly domain: string | null; readonly site: CallSite;
  readonly en: Value | null; readonly transparency: Transparency;
}
/**
 * A write port: at the rising edge of `domain`, lane `i` of `mem[addr]` (bits `[(i+1)*granularity-1 : i*granularity]`)
 * takes lane `i` of `data` when bit `i` of `en` is 1. `granularity` is the word width for a 1-bit enable.
 */
export interface WritePort {
  readonly addr: Value; readonly data: Value; readonly en: Value; readonly domain: string; readonly site: CallSite;
  readonly granularity: number;
}

/** Options of {@link Memory.read}. */
export interface ReadOptions {
  /** Clock domain of a registered read (default `'sync'`), or `null` for a combinational read. */
  domain?: string | null;
  name?: string;
  /**
   * The read crosses domains safely by construction (an asynchronous FIFO's read of words the pointers say are
   * written): the crossing check accepts it.
   */
  syncStage?: boolean;
  /** Read enable (1 bit) of a registered read: while 0 the data holds. Default: always enabled. */
  en?: ValueLike;
  /**
   * Against the write ports of the same domain: `read-first` (default) returns the word from before the edge,
   * `write-first` the word being written (lane by lane, the later port winning), `no-change` holds the data while
   * any of those ports writes.
   */
  transparency?: Transparency;
}

/**
 * A memory (RAM or, without write ports, ROM). Synchronous reads are read-first unless asked otherwise. Reads past
 * the depth return 0; writes past it are ignored.
 *
 * @example
 * const ram = m.memory('ram', { shape: 32, depth: 256 });
 * ram.write(waddr, wdata, be, { granularity: 8 });         // be: 4 bits, one per byte
 * const q = ram.read(raddr, { en: re, transparency: 'write-first' });
 */
export class Memory {
  readonly readPorts: ReadPort[] = [];
  readonly writePorts: WritePort[] = [];
  readonly addrWidth: number;
  constructor(
    private readonly module: Module,
    readonly name: string,
    readonly shape: Shape,
    readonly depth: number,
    readonly init: readonly bigint[],
    readonly site: CallSite,
  ) {
    this.addrWidth = bitsFor(depth);
  }
  /** Adds a read port and returns its data signal (see {@link ReadOptions}). */
  read(addr: Value, opts: ReadOptions = {}): Signal {
    this.module.checkOpen(`read port of memory '${this.name}'`);
    const site = new CallSite();
    this.checkAddr(addr, site);
    const resolved = opts.domain === null ? { domain: null, enable: null } : this.module.resolveDomain(opts.domain ?? 'sync');
    const domain = resolved.domain;
    const transparency = opts.transparency ?? 'read-first';
    if (domain === null && (opts.en !== undefined || transparency !== 'read-first')) {
      throw new HdlError(`memory '${this.name}': a combinational read has no read enable or transparency (give it a domain)`, [site.loc]);
    }
    const given = opts.en === undefined ? null : valueOf(opts.en);
    if (given && given.width !== 1) throw new HdlError(`read enable of memory '${this.name}' must be 1 bit, got ${formatShape(given.shape)}`, [site.loc]);
    const en = resolved.enable ? (given ? given.and(resolved.enable) : resolved.enable) : given;
    if (domain !== null) this.module.domain(domain);
    const data = this.module.signal(opts.name ?? `${this.name}_rdata${this.readPorts.length === 0 ? '' : this.readPorts.length}`, this.shape, opts.syncStage ? { syncStage: true } : {});
    this.readPorts.push({ addr, data, domain, site, en, transparency });
    return data;
  }
  /**
   * Adds a write port. With `granularity` (a divisor of the word width) `en` has one bit per lane of that many bits
   * (byte enables with 8); without it `en` is 1 bit for the whole word.
   */
  write(addr: Value, data: ValueLike, en: ValueLike, opts: { domain?: string; granularity?: number } = {}): void {
    this.module.checkOpen(`write port of memory '${this.name}'`);
    const site = new CallSite();
    this.checkAddr(addr, site);
    const { domain, enable } = this.module.resolveDomain(opts.domain ?? 'sync');
    this.module.domain(domain);
    const g = opts.granularity ?? this.shape.width;
    if (!Number.isInteger(g) || g < 1 || this.shape.width % g !== 0) {
      throw new HdlError(`memory '${this.name}': granularity ${g} does not divide the word width ${this.shape.width}`, [site.loc]);
    }
    const lanes = this.shape.width / g;
    // A number is a constant of one bit per lane (`0b0011`: the low two lanes).
    const numeric = typeof en === 'number' || typeof en === 'bigint';
    if (numeric) checkFits(toBigInt(en), unsigned(lanes), `write enable of memory '${this.name}' (${lanes} lane(s))`, () => site.loc);
    const given = numeric ? C(en, lanes) : valueOf(en);
    if (given.width !== lanes) throw new HdlError(`write enable of memory '${this.name}' must be ${lanes} bit(s) (one per ${g}-bit lane), got ${formatShape(given.shape)}`, [site.loc]);
    const e = enable ? given.and(enable.replicate(lanes)) : given;
    this.writePorts.push({ addr, data: coerceForAssign(data, this.shape, `write data of memory '${this.name}'`), en: e, domain, site, granularity: g });
  }
  private checkAddr(addr: Value, site: CallSite): void {
    if (addr.signed) throw new HdlError(`address of memory '${this.name}' must be unsigned, got ${formatShape(addr.shape)}`, [site.loc]);
  }
}

/** What an instance's ports are connected to. Inputs take values; outputs drive signals of the parent. */
export type Connections = Record<string, ValueLike | Signal>;

/** An instance of an HDL module, or of an external (black-box) Verilog module. */
export interface Instance {
  readonly name: string;
  /** The HDL module (for a black box: its simulation model, if any). */
  readonly module: Module | null;
  /** Set for a black box: the Verilog module name and parameters to emit. */
  readonly external: { readonly moduleName: string; readonly params: Readonly<Record<string, number | bigint | string>> } | null;
  readonly inputs: ReadonlyMap<string, Value>;
  readonly outputs: ReadonlyMap<string, Signal>;
  /** Child domain name -> parent domain name (HDL instances), or clock/reset pin -> parent domain (black boxes). */
  readonly domains: ReadonlyMap<string, string>;
  readonly clockPins: ReadonlyMap<string, string>;
  readonly resetPins: ReadonlyMap<string, string>;
  readonly site: CallSite;
  /** Child domain -> the clock enable / synchronous reset this instance gives it (`enables` / `resets`). */
  readonly controls: ReadonlyMap<string, { readonly enable?: Value; readonly reset?: Value }>;
}

/** Options of {@link Module.submodule}. */
export interface SubmoduleOptions {
  /** Child domain -> parent domain it runs in (Amaranth's `DomainRenamer`); unnamed domains map to themselves. */
  domains?: Record<string, string>;
  /**
   * Child domain -> a 1-bit clock enable (Amaranth's `EnableInserter`): the child's registers of that domain update
   * only while it is 1 (and while the parent domain's own clock enable, if any, is 1).
   */
  enables?: Record<string, ValueLike>;
  /** Child domain -> a 1-bit synchronous reset (Amaranth's `ResetInserter`) for every resettable register of it. */
  resets?: Record<string, ValueLike>;
}

/** Options of a black-box instance. */
export interface BlackBoxOptions {
  params?: Record<string, number | bigint | string>;
  inputs?: Record<string, ValueLike>;
  /** Output pins with their shapes (a signal named `<instance>_<pin>` is created) or a parent signal to drive. */
  outputs?: Record<string, ShapeLike | Signal>;
  /** Clock pins -> domain names. */
  clocks?: Record<string, string>;
  /** Reset pins -> domain names. */
  resets?: Record<string, string>;
  /** An HDL module with the same pins, used by the simulators in place of the black box. */
  model?: Module;
}

interface IfChain {
  Elif(cond: ValueLike, body: () => void): IfChain;
  Else(body: () => void): void;
}

/** Builds the cases of a `Switch`. */
export interface SwitchBuilder {
  /** A case matching any of `values` (each range-checked against the subject). */
  Case(values: number | bigint | readonly (number | bigint)[], body: () => void): void;
  Default(body: () => void): void;
}

/** A hardware module under construction. */
export class Module {
  readonly name: string;
  readonly site: CallSite;
  readonly ports: Port[] = [];
  readonly signals: Signal[] = [];
  readonly stmts: Stmt[] = [];
  readonly domains = new Map<string, ClockDomain>();
  /** Domains derived by a clock enable ({@link Module.derivedDomain}), by name. */
  readonly derivedDomains = new Map<string, DerivedDomain>();
  readonly memories: Memory[] = [];
  readonly instances: Instance[] = [];
  readonly fsms: Fsm[] = [];
  /** Formal properties (`assert` / `assume` / `cover`), in call order (see property.ts). */
  readonly properties: Property[] = [];
  /** Parameters this module was generated with (by `defineModule`), for documentation in emitted code. */
  params: Readonly<Record<string, unknown>> | undefined;
  /** Simulation-only modules (behavioural models) are left out of the synthesizable Verilog set. */
  simulationOnly = false;
  /** Signal names the builder changed because the name was taken (`x` became `x_1`). */
  readonly renamed: Rename[] = [];
  private readonly stack: Stmt[][] = [this.stmts];
  private readonly names = new Set<string>();
  private elaboratedAt: CallSite | null = null;

  constructor(name: string) {
    this.site = new CallSite();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new HdlError(`module name '${name}' is not an identifier`, [this.site.loc]);
    this.name = name;
  }

  /** True once the module was elaborated: from then on it cannot change. */
  get frozen(): boolean {
    return this.elaboratedAt !== null;
  }
  /** @internal called by `elaborate` on every module of the design. */
  freeze(at: CallSite): void {
    this.elaboratedAt ??= at;
  }
  /** @internal throws {@link AlreadyElaboratedError} when the module is frozen. */
  checkOpen(what: string): void {
    if (this.elaboratedAt) throw new AlreadyElaboratedError(this.name, what, new CallSite().loc, this.elaboratedAt.loc);
  }

  // ---- declarations ----
  /** Declares an input port. */
  input(name: string, shape: ShapeLike, opts: SignalOptions = {}): Signal {
    return this.port(name, shape, 'input', opts);
  }
  /** Declares an output port. */
  output(name: string, shape: ShapeLike, opts: SignalOptions = {}): Signal {
    return this.port(name, shape, 'output', opts);
  }
  /** Declares an internal signal (a wire when driven combinationally, a register when driven in a domain). */
  signal(name: string, shape: ShapeLike, opts: SignalOptions = {}): Signal {
    this.checkOpen(`new signal '${name}'`);
    const s = new Signal(this.freshName(name), toShape(shape), opts);
    s.owner = this;
    this.signals.push(s);
    return s;
  }
  private port(name: string, shape: ShapeLike, direction: Direction, opts: SignalOptions, extra: Partial<Port> = {}): Signal {
    if (this.names.has(name)) throw new HdlError(`module '${this.name}' already has a signal or port named '${name}'`, [new CallSite().loc]);
    const s = this.signal(name, shape, opts);
    this.ports.push({ signal: s, direction, ...extra });
    return s;
  }
  private freshName(name: string): string {
    let n = name;
    for (let i = 1; this.names.has(n); i++) n = `${name}_${i}`;
    this.names.add(n);
    if (n !== name) this.renamed.push({ from: name, to: n, reason: 'collision' });
    return n;
  }

  /**
   * Declares (or returns) a clock domain. Its clock and reset become input ports: `clk`/`rst` for `sync`,
   * `<name>_clk`/`<name>_rst` otherwise, or the names given; an active-low reset defaults to `rst_n`.
   * @example const d = m.domain('sys', { clock: 'sys_clk', reset: 'async', resetActive: 'low', resetName: 'sys_rst_n' });
   */
  domain(name: string, opts: DomainOptions = {}): ClockDomain {
    const derived = this.derivedDomains.get(name);
    if (derived) throw new HdlError(`domain '${name}' of module '${this.name}' is derived from '${derived.root}' by a clock enable: use the DerivedDomain that derivedDomain() returned`, [new CallSite().loc]);
    const existing = this.domains.get(name);
    if (existing) {
      if (opts.reset !== undefined && opts.reset !== existing.resetKind) {
        throw new HdlError(`domain '${name}' of module '${this.name}' was declared with reset '${existing.resetKind}', now '${opts.reset}'`, [new CallSite().loc]);
      }
      if (opts.resetActive !== undefined && opts.resetActive !== existing.resetActive) {
        throw new HdlError(`domain '${name}' of module '${this.name}' was declared with an active-${existing.resetActive} reset, now active-${opts.resetActive}`, [new CallSite().loc]);
      }
      return existing;
    }
    this.checkOpen(`new domain '${name}'`);
    const site = new CallSite();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new HdlError(`domain name '${name}' is not an identifier`, [site.loc]);
    const kind = opts.reset ?? 'sync';
    const active = opts.resetActive ?? 'high';
    const prefix = name === 'sync' ? '' : `${name}_`;
    const clockName = opts.clock ?? `${prefix}clk`;
    const resetName = opts.resetName ?? `${prefix}rst${active === 'low' ? '_n' : ''}`;
    for (const n of kind === 'none' ? [clockName] : [clockName, resetName]) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) throw new HdlError(`domain '${name}': port name '${n}' is not an identifier`, [site.loc]);
    }
    if (kind !== 'none' && clockName === resetName) throw new HdlError(`domain '${name}': clock and reset are both named '${clockName}'`, [site.loc]);
    const clk = this.port(clockName, 1, 'input', {}, { clockOf: name });
    const rst = kind === 'none' ? null : this.port(resetName, 1, 'input', {}, { resetOf: name });
    const d = new ClockDomain(this, name, clk, rst, kind, active);
    this.domains.set(name, d);
    if (opts.clockEnable !== undefined) this.controlPort(name, 'enable', opts.clockEnable === true ? undefined : opts.clockEnable);
    if (opts.syncReset !== undefined) this.controlPort(name, 'reset', opts.syncReset === true ? undefined : opts.syncReset);
    return d;
  }

  /**
   * Derives domain `name` from domain `from` (default `sync`; it may itself be derived) by a clock enable: the same
   * clock and reset, no ports of its own; registers, memory writes and registered reads in it act only where
   * `enable` (1 bit) is 1. A submodule may run in it (`domains: { sync: 'slow' }`), which gives the child's domain
   * the enable. Nothing crosses between the two domains (one clock), so the crossing check stays quiet.
   * @example
   * const slow = m.derivedDomain('slow', { enable: tick }); // tick: 1 every N cycles
   * slow.sync(q, q.add(1).trunc(8));                        // q counts the ticks
   */
  derivedDomain(name: string, opts: { enable: ValueLike; from?: string }): DerivedDomain {
    const site = new CallSite();
    this.checkOpen(`new derived domain '${name}'`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new HdlError(`domain name '${name}' is not an identifier`, [site.loc]);
    if (this.domains.has(name) || this.derivedDomains.has(name)) throw new HdlError(`module '${this.name}' already has a domain '${name}'`, [site.loc]);
    const enable = valueOf(opts.enable);
    if (enable.width !== 1) throw new HdlError(`the enable of derived domain '${name}' must be 1 bit, got ${formatShape(enable.shape)}`, [site.loc]);
    const base = this.resolveDomain(opts.from ?? 'sync');
    this.domain(base.domain);
    const d = new DerivedDomain(this, name, base.domain, base.enable ? base.enable.and(enable) : enable);
    this.derivedDomains.set(name, d);
    return d;
  }

  /** @internal The clocked domain a domain name runs in, and the enable of a derived domain (else null). */
  resolveDomain(name: string): { domain: string; enable: Value | null } {
    const d = this.derivedDomains.get(name);
    return d ? { domain: d.root, enable: d.enable } : { domain: name, enable: null };
  }

  /**
   * @internal The clock-enable or synchronous-reset input of a domain, made on first use (`ce` / `<domain>_ce`,
   * `srst` / `<domain>_srst`, or `name`; a default name that is taken gets `_1`, ...).
   */
  controlPort(domain: string, kind: DomainControl, name?: string): Signal {
    const d = this.domain(domain);
    const have = kind === 'enable' ? d.enable : d.syncReset;
    if (have) {
      if (name !== undefined && name !== have.name) throw new HdlError(`domain '${domain}' of module '${this.name}' already has the ${kind === 'enable' ? 'clock enable' : 'synchronous reset'} '${have.name}'`, [new CallSite().loc]);
      return have;
    }
    this.checkOpen(`${kind === 'enable' ? 'clock enable' : 'synchronous reset'} of domain '${domain}'`);
    let n = name ?? `${domain === 'sync' ? '' : `${domain}_`}${kind === 'enable' ? 'ce' : 'srst'}`;
    if (name === undefined) for (let i = 1; this.names.has(n); i++) n = `${domain === 'sync' ? '' : `${domain}_`}${kind === 'enable' ? 'ce' : 'srst'}_${i}`;
    const s = this.port(n, 1, 'input', {}, { controlOf: { domain, kind } });
    if (kind === 'enable') d.enable = s; else d.syncReset = s;
    return s;
  }

  // ---- statements ----
  /**
   * Drives `target` combinationally. Where no statement assigns it, it takes its reset value (no latches). The
   * target may be part of a signal (`sig.bits(7, 4)`, a struct field, a Vec element): its other bits keep what
   * earlier statements gave them, else their reset value.
   * @example m.comb(flags.bit(0), busy)
   */
  comb(target: Signal | Value, value: ValueLike): void {
    this.assign(target, value, null);
  }
  /**
   * Registers `target` in the default `sync` domain. The target may be part of a signal (`sig.bits(7, 4)`, a struct
   * field, a Vec element chosen by a value): its other bits keep their value.
   * @example m.sync(status.bits(7, 4), code)
   */
  sync(target: Signal | Value, value: ValueLike): void {
    this.assign(target, value, 'sync');
  }
  /** @internal */
  assign(target: Signal | Value, value: ValueLike, domain: string | null): void {
    this.checkOpen(`assignment to '${target instanceof Signal ? target.name : '?'}'`);
    const derived = domain === null ? undefined : this.derivedDomains.get(domain);
    if (derived) {
      this.If(derived.enable, () => this.assign(target, value, derived.root));
      return;
    }
    const site = new CallSite();
    if (!(target instanceof Signal)) {
      if (!(target instanceof Value)) throw new HdlError('the target of an assignment must be a signal, or a slice, struct field or Vec element of one', [site.loc]);
      assignPart(this, target, value, domain, site);
      return;
    }
    this.checkTarget(target, domain, site);
    const v = coerceForAssign(value, target.shape, `assignment to '${target.name}'`);
    this.current().push({ kind: 'assign', target, value: v, domain, site } satisfies AssignStmt);
  }
  /** @internal checks that this module may drive `target` in `domain` (declaring the domain). */
  checkTarget(target: Signal, domain: string | null, site: CallSite): void {
    if (target.owner !== this) {
      throw new HdlError(`signal '${target.name}' belongs to another module; '${this.name}' can only drive its own signals (connect through a port)`, [site.loc, target.loc]);
    }
    const port = this.ports.find((p) => p.signal === target);
    if (port?.direction === 'input') {
      throw new HdlError(`'${target.name}' is an input of module '${this.name}' and cannot be driven from inside it`, [site.loc, target.loc]);
    }
    if (domain !== null) this.domain(domain);
  }

  /**
   * Conditional statements. `cond` wider than one bit means "not zero".
   * @example m.If(a.eq(0), () => m.comb(y, 1)).Elif(b, () => m.comb(y, 2)).Else(() => m.comb(y, 3));
   */
  If(cond: ValueLike, body: () => void): IfChain {
    this.checkOpen('If statement');
    const stmt: IfStmt = { kind: 'if', branches: [], elseBody: null, site: new CallSite() };
    this.current().push(stmt);
    this.addBranch(stmt, cond, body);
    const list = this.current();
    const chain: IfChain = {
      Elif: (c, b) => {
        this.checkChainOpen(stmt, list, 'Elif');
        this.addBranch(stmt, c, b);
        return chain;
      },
      Else: (b) => {
        this.checkChainOpen(stmt, list, 'Else');
        stmt.elseBody = this.collect(b);
      },
    };
    return chain;
  }
  private addBranch(stmt: IfStmt, cond: ValueLike, body: () => void): void {
    const site = new CallSite();
    const c = valueOf(cond);
    stmt.branches.push({ cond: c.bool(), body: this.collect(body), site });
  }
  private checkChainOpen(stmt: IfStmt, list: Stmt[], what: string): void {
    this.checkOpen(`${what} branch`);
    if (stmt.elseBody !== null || list[list.length - 1] !== stmt) {
      throw new HdlError(`${what} must directly follow its If or Elif`, [new CallSite().loc]);
    }
  }

  /**
   * Selects statements by the value of `subject`.
   * @example m.Switch(op, (s) => { s.Case(0, () => m.comb(y, a)); s.Case([1, 2], () => m.comb(y, b)); s.Default(() => m.comb(y, 0)); });
   */
  Switch(subject: Value, build: (s: SwitchBuilder) => void): void {
    this.checkOpen('Switch statement');
    const stmt: SwitchStmt = { kind: 'switch', subject, cases: [], defaultBody: null, site: new CallSite() };
    this.current().push(stmt);
    build(this.switchBuilder(stmt));
  }
  /** @internal */
  switchBuilder(stmt: SwitchStmt): SwitchBuilder {
    return {
      Case: (values, body) => {
        this.checkOpen('Case of a Switch');
        const site = new CallSite();
        const vs = (Array.isArray(values) ? values : [values]) as (number | bigint)[];
        const big = vs.map((v) => {
          const b = toBigInt(v);
          checkFits(b, stmt.subject.shape, `case value for a ${formatShape(stmt.subject.shape)} subject`, () => site.loc);
          return b;
        });
        stmt.cases.push({ values: big, body: this.collect(body), site });
      },
      Default: (body) => {
        this.checkOpen('Default of a Switch');
        if (stmt.defaultBody !== null) throw new HdlError('a Switch has one Default', [new CallSite().loc]);
        stmt.defaultBody = this.collect(body);
      },
    };
  }

  /** @internal runs `body` collecting its statements into a fresh list. */
  collect(body: () => void): Stmt[] {
    const list: Stmt[] = [];
    this.stack.push(list);
    try {
      body();
    } finally {
      this.stack.pop();
    }
    return list;
  }
  /** @internal */
  pushStmt(stmt: Stmt): void {
    this.checkOpen('statement');
    this.current().push(stmt);
  }
  private current(): Stmt[] {
    return this.stack[this.stack.length - 1]!;
  }

  // ---- formal properties (property.ts) ----
  /**
   * Asserts `cond` (1 bit) where this statement is reached: sampled before each rising edge of its domain (not
   * during reset), or combinationally. Checked by every simulator and proven by `prove` (formal/).
   * @example m.If(busy, () => m.assert(pulseEn.and(readEn).not(), 'no pulse during a read'));
   */
  assert(cond: ValueLike, message?: string, opts: PropertyOptions = {}): Property {
    return addProperty(this, 'assert', cond, message, opts);
  }
  /** Assumes `cond` (constrains the prover's inputs; checked like an assertion in simulation). @example m.assume(start.and(busy).not()); */
  assume(cond: ValueLike, message?: string, opts: PropertyOptions = {}): Property {
    return addProperty(this, 'assume', cond, message, opts);
  }
  /** Marks `cond` as a state to reach: simulators count hits, the prover finds a trace. @example m.cover(done); */
  cover(cond: ValueLike, message?: string, opts: PropertyOptions = {}): Property {
    return addProperty(this, 'cover', cond, message, opts);
  }

  // ---- FSM, memories, instances ----
  /**
   * A finite-state machine with named states, binary-encoded in a register `<name>_state`.
   * @example
   * const fsm = m.fsm('ctrl', ['IDLE', 'RUN']);
   * fsm.state('IDLE', () => m.If(go, () => fsm.next('RUN')));
   * fsm.state('RUN', () => fsm.next('IDLE'));
   */
  fsm<S extends string>(name: string, states: readonly S[], opts: { initial?: S; domain?: string } = {}): Fsm<S> {
    const f = new Fsm<S>(this, name, states, opts.initial ?? states[0]!, opts.domain ?? 'sync');
    this.fsms.push(f as unknown as Fsm);
    return f;
  }

  /**
   * A memory of `depth` words; `init` (or `initFile`, a `$readmemh`-style hex file, see `readMemoryFile`) fills it at
   * power-on (a ROM when no write port is added).
   * @example const sine = m.memory('sine', { shape: 16, depth: 256, initFile: 'tables/sine.hex' });
   */
  memory(name: string, opts: { shape: ShapeLike; depth: number; init?: readonly (number | bigint)[]; initFile?: string }): Memory {
    this.checkOpen(`new memory '${name}'`);
    const site = new CallSite();
    const shape = toShape(opts.shape);
    if (!Number.isInteger(opts.depth) || opts.depth < 1) throw new HdlError(`memory '${name}': depth must be a positive integer`, [site.loc]);
    if (opts.init && opts.initFile !== undefined) throw new HdlError(`memory '${name}': give init or initFile, not both`, [site.loc]);
    const given = opts.initFile !== undefined ? readMemoryFile(opts.initFile, opts.depth, shape, site.loc) : opts.init ?? [];
    const init = given.map((v, i) => {
      const b = toBigInt(v);
      checkFits(b, shape, `memory '${name}' init[${i}]`, () => site.loc);
      return b;
    });
    if (init.length > opts.depth) throw new HdlError(`memory '${name}': ${init.length} init values for depth ${opts.depth}`, [site.loc]);
    const mem = new Memory(this, this.freshName(name), shape, opts.depth, init, site);
    this.memories.push(mem);
    return mem;
  }

  /**
   * Instantiates an HDL module. `connections` maps each input port to a value and may map output ports to signals
   * of this module; unmapped outputs get a new signal `<instance>_<port>`. Returns the output signals by port name.
   * Domains connect by name unless renamed with `domains: { child: 'parent' }`.
   */
  submodule(instName: string, child: Module, connections: Connections = {}, given: SubmoduleOptions = {}): Record<string, Signal> {
    const site = new CallSite();
    const opts = this.throughDerivedDomains(child, given);
    const controls = new Map<string, { enable?: Value; reset?: Value }>();
    for (const [kind, given] of [['enable', opts.enables], ['reset', opts.resets]] as const) {
      for (const [dn, v] of Object.entries(given ?? {})) {
        if (!child.domains.has(dn)) throw new HdlError(`instance '${instName}': module '${child.name}' has no domain '${dn}' to give a ${kind === 'enable' ? 'clock enable' : 'synchronous reset'}`, [site.loc]);
        const val = valueOf(v);
        if (val.width !== 1) throw new HdlError(`instance '${instName}': the ${kind === 'enable' ? 'clock enable' : 'synchronous reset'} of domain '${dn}' must be 1 bit, got ${formatShape(val.shape)}`, [site.loc]);
        child.controlPort(dn, kind);
        controls.set(dn, { ...controls.get(dn), [kind]: val });
      }
    }
    const domains = new Map<string, string>();
    for (const d of child.domains.values()) {
      const parentName = opts.domains?.[d.name] ?? d.name;
      const pd = this.domain(parentName, this.domains.has(parentName) ? {} : { reset: d.resetKind, resetActive: d.resetActive });
      if (pd.resetKind !== d.resetKind) {
        throw new HdlError(`instance '${instName}': child domain '${d.name}' has reset '${d.resetKind}' but parent domain '${parentName}' has '${pd.resetKind}'`, [site.loc]);
      }
      if (d.rst && pd.resetActive !== d.resetActive) {
        throw new HdlError(`instance '${instName}': child domain '${d.name}' resets active-${d.resetActive} but parent domain '${parentName}' active-${pd.resetActive}`, [site.loc]);
      }
      domains.set(d.name, parentName);
    }
    const dataPorts = child.ports.filter((p) => !p.clockOf && !p.resetOf && !p.controlOf);
    return this.addInstance(instName, child, null, dataPorts.map((p) => ({ name: p.signal.name, direction: p.direction, shape: p.signal.shape })), connections, domains, new Map(), new Map(), site, controls);
  }

  /** Submodule options with every child domain mapped to a derived domain run in its root, under its enable. */
  private throughDerivedDomains(child: Module, opts: SubmoduleOptions): SubmoduleOptions {
    const domains: Record<string, string> = { ...opts.domains };
    const enables: Record<string, ValueLike> = { ...opts.enables };
    let any = false;
    for (const d of child.domains.keys()) {
      const derived = this.derivedDomains.get(opts.domains?.[d] ?? d);
      if (!derived) continue;
      any = true;
      domains[d] = derived.root;
      const own = enables[d];
      enables[d] = own === undefined ? derived.enable : valueOf(own).and(derived.enable);
    }
    return any ? { ...opts, domains, enables } : opts;
  }

  /** Instantiates an external Verilog module (a macro); its `model`, if given, stands in for it in simulation. */
  blackbox(moduleName: string, instName: string, opts: BlackBoxOptions): Record<string, Signal> {
    const site = new CallSite();
    const pins: { name: string; direction: Direction; shape: Shape }[] = [];
    const connections: Connections = {};
    for (const [pin, v] of Object.entries(opts.inputs ?? {})) {
      pins.push({ name: pin, direction: 'input', shape: valueOf(v).shape });
      connections[pin] = v;
    }
    for (const [pin, s] of Object.entries(opts.outputs ?? {})) {
      pins.push({ name: pin, direction: 'output', shape: s instanceof Signal ? s.shape : toShape(s as ShapeLike) });
      if (s instanceof Signal) connections[pin] = s;
    }
    const clockPins = new Map(Object.entries(opts.clocks ?? {}));
    const resetPins = new Map(Object.entries(opts.resets ?? {}));
    for (const d of [...clockPins.values(), ...resetPins.values()]) this.domain(d);
    return this.addInstance(instName, opts.model ?? null, { moduleName, params: opts.params ?? {} }, pins, connections, new Map(), clockPins, resetPins, site);
  }

  private addInstance(
    instName: string, module: Module | null, external: Instance['external'],
    pins: { name: string; direction: Direction; shape: Shape }[], connections: Connections,
    domains: Map<string, string>, clockPins: Map<string, string>, resetPins: Map<string, string>, site: CallSite,
    controls: ReadonlyMap<string, { enable?: Value; reset?: Value }> = new Map(),
  ): Record<string, Signal> {
    this.checkOpen(`new instance '${instName}'`);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(instName)) throw new HdlError(`instance name '${instName}' is not an identifier`, [site.loc]);
    if (this.instances.some((i) => i.name === instName)) throw new HdlError(`module '${this.name}' already has an instance '${instName}'`, [site.loc]);
    const label = `${external ? 'black box' : 'instance'} '${instName}'`;
    const inputs = new Map<string, Value>();
    const outputs = new Map<string, Signal>();
    const known = new Set(pins.map((p) => p.name));
    for (const k of Object.keys(connections)) if (!known.has(k)) throw new HdlError(`${label} has no port '${k}'`, [site.loc]);
    for (const p of pins) {
      const c = connections[p.name];
      if (p.direction === 'input') {
        if (c === undefined) throw new HdlError(`${label}: input '${p.name}' is not connected`, [site.loc]);
        inputs.set(p.name, coerceForAssign(c, p.shape, `${label} input '${p.name}'`));
      } else {
        let s: Signal;
        if (c === undefined) s = this.signal(`${instName}_${p.name}`, p.shape);
        else if (c instanceof Signal && c.owner === this) s = c;
        else throw new HdlError(`${label}: output '${p.name}' must connect to a signal of module '${this.name}'`, [site.loc]);
        if (s.shape.width !== p.shape.width || s.shape.signed !== p.shape.signed) {
          throw new HdlError(`${label}: output '${p.name}' is ${formatShape(p.shape)} but the connected signal '${s.name}' is ${formatShape(s.shape)}`, [site.loc]);
        }
        outputs.set(p.name, s);
      }
    }
    this.instances.push({ name: instName, module, external, inputs, outputs, domains, clockPins, resetPins, site, controls });
    return Object.fromEntries(outputs);
  }
}

/** A finite-state machine built by {@link Module.fsm}. */
export class Fsm<S extends string = string> {
  /** The state register; its decoder names the states in waveforms. */
  readonly stateSignal: Signal;
  private readonly switchStmt: SwitchStmt;
  private readonly builder: SwitchBuilder;
  private readonly defined = new Set<S>();
  private active: S | null = null;

  constructor(private readonly m: Module, readonly name: string, readonly states: readonly S[], readonly initial: S, readonly domain: string) {
    const site = new CallSite();
    if (states.length === 0 || new Set(states).size !== states.length) throw new HdlError(`FSM '${name}' needs distinct state names`, [site.loc]);
    if (!states.includes(initial)) throw new HdlError(`FSM '${name}': initial state '${initial}' is not one of its states`, [site.loc]);
    // The state register's shape is an enumeration, so the Verilog names the states (`localparam`s).
    this.stateSignal = m.signal(`${name}_state`, new Enum(name.replace(/[^A-Za-z0-9_]/g, '_'), states, bitsFor(states.length)), { reset: states.indexOf(initial) });
    this.switchStmt = { kind: 'switch', subject: this.stateSignal, cases: [], defaultBody: null, site };
    m.pushStmt(this.switchStmt);
    this.builder = m.switchBuilder(this.switchStmt);
  }
  /** Encoding of a state. */
  encoding(state: S): number {
    const i = this.states.indexOf(state);
    if (i < 0) throw new HdlError(`FSM '${this.name}' has no state '${state}'`, [new CallSite().loc]);
    return i;
  }
  /** Describes what happens while the FSM is in `state`. */
  state(state: S, body: () => void): void {
    const code = this.encoding(state);
    if (this.defined.has(state)) throw new HdlError(`FSM '${this.name}': state '${state}' is described twice`, [new CallSite().loc]);
    this.defined.add(state);
    this.builder.Case(code, () => {
      this.active = state;
      try { body(); } finally { this.active = null; }
    });
  }
  /** Moves to `state` at the next clock edge (call inside a state's body). */
  next(state: S): void {
    if (this.active === null) throw new HdlError(`FSM '${this.name}': next('${state}') must be called inside a state body`, [new CallSite().loc]);
    this.m.assign(this.stateSignal, new Const(BigInt(this.encoding(state)), this.stateSignal.shape), this.domain);
  }
  /** 1 while the FSM is in `state`. */
  is(state: S): Value {
    return caseMatch(this.stateSignal, this.encoding(state));
  }
}

/**
 * Makes a parameterised module generator. Each distinct parameter set is built once and named
 * `<base>_<key><value>...` (keys sorted), so emitted module names are stable. Parameters may be arrays and records
 * (FIR coefficients): equal by value means one module, named by a hash of the value (`fir_coeffs1967bc98`).
 * @example
 * const Counter = defineModule('counter', (m, p: { width: number }) => { const q = m.output('q', p.width); m.sync(q, q.add(1).trunc(p.width)); });
 * const c8 = Counter({ width: 8 }); // module 'counter_width8'
 */
export function defineModule<P extends { readonly [K in keyof P]: ParamValue }>(
  base: string, build: (m: Module, params: P) => void,
): (params: P) => Module {
  const cache = new Map<string, Module>();
  return (params: P) => {
    const rec = params as Record<string, ParamValue>;
    const keys = Object.keys(params).filter((k) => rec[k] !== undefined).sort();
    // Scalars key by their text as before (names stay unique); arrays and records by their canonical text.
    const key = keys.map((k) => {
      const text = canonicalParam(rec[k], `parameter '${k}' of '${base}'`); // also rejects functions, classes, ...
      return `${k}=${typeof rec[k] === 'object' ? text : String(rec[k])}`;
    }).join(',');
    const hit = cache.get(key);
    if (hit) return hit;
    const m = new Module(base + keys.map((k) => paramSuffix(k, rec[k])).join(''));
    m.params = { ...params };
    build(m, params);
    cache.set(key, m);
    return m;
  };
}
