/**
 * Typed interfaces (after Amaranth's `lib.wiring` signatures and Chisel's `Bundle` + `Flipped`): a set of ports
 * declared once, with directions, used by both sides. A module declares an interface's ports with `ports()` (the
 * initiator's view) or `flip().ports()` (the other side's); a parent instantiates a module built by
 * {@link defineTypedModule} with {@link instantiate}, which connects whole interfaces in one call and returns the
 * child's ports as typed fields, so a misspelt field is a compile error.
 */
import { HdlError } from './errors.ts';
import { type Module, type ShapeLike, defineModule, toShape } from './module.ts';
import type { ParamValue } from './params.ts';
import { shapesEqual, formatShape } from './shape.ts';
import { CallSite } from './source-loc.ts';
import { Signal, type Value } from './value.ts';

/** Direction of a field as the initiator (the un-flipped side) sees it: `out` it drives, `in` it receives. */
export type FieldDirection = 'out' | 'in';

/** One field of an interface. */
export interface FieldSpec {
  readonly dir: FieldDirection;
  readonly shape: ShapeLike;
}

/** The fields of an interface by name. */
export type InterfaceSpec = Readonly<Record<string, FieldSpec>>;

/** The signals of one side of an interface, one per field. */
export type Bundle<S extends InterfaceSpec> = { readonly [K in keyof S]: Signal };

/**
 * The connection of one interface of a child (see {@link instantiate}): for each field the child receives, the value
 * it reads (required); for each field the child drives, optionally a signal of the parent to drive.
 */
export type Connection<S extends InterfaceSpec> = { readonly [K in keyof S]?: Value };

/** The port name of `field` under `prefix`: `<prefix>_<field>`, or the bare field name when the prefix is empty. */
export function portName(prefix: string, field: string): string {
  return prefix === '' ? field : `${prefix}_${field}`;
}

/** A field the initiator drives. @example out(8) */
export const out = (shape: ShapeLike): FieldSpec => ({ dir: 'out', shape });
/** A field the initiator receives. @example input(1) */
export const input = (shape: ShapeLike): FieldSpec => ({ dir: 'in', shape });

/** An interface: named fields with directions; `flip()` is the view from the other side. */
export class Interface<S extends InterfaceSpec> {
  constructor(readonly name: string, readonly spec: S, readonly flipped = false) {}

  /**
   * The other side's view: every direction reversed.
   * @example const target = Stream.flip().ports(m, 'in'); // `valid`/`data` become inputs, `ready` an output
   */
  flip(): Interface<S> {
    return new Interface(this.name, this.spec, !this.flipped);
  }

  /** True when this side drives `field`. */
  drives(field: keyof S): boolean {
    return (this.spec[field]!.dir === 'out') !== this.flipped;
  }

  /**
   * Declares the fields as ports of `m`, named `<prefix>_<field>` (the bare field names with prefix `''`): outputs
   * where this side drives, inputs elsewhere.
   * @example const io = Stream.ports(m, 'tx'); m.comb(io.valid, 1); // io.vald is a compile error
   */
  ports(m: Module, prefix: string): Bundle<S> {
    const b: Record<string, Signal> = {};
    for (const f of Object.keys(this.spec)) {
      const name = portName(prefix, f);
      b[f] = this.drives(f) ? m.output(name, this.spec[f]!.shape) : m.input(name, this.spec[f]!.shape);
    }
    return b as Bundle<S>;
  }

  /**
   * Plain signals of `m` for every field, named `<prefix>_<field>` (for wiring two instances together).
   * @example const link = Stream.wires(top, 'link');
   */
  wires(m: Module, prefix: string): Bundle<S> {
    const b: Record<string, Signal> = {};
    for (const f of Object.keys(this.spec)) b[f] = m.signal(portName(prefix, f), this.spec[f]!.shape);
    return b as Bundle<S>;
  }
}

/**
 * Declares an interface.
 * @example
 * const Stream = defineInterface('stream', { valid: out(1), data: out(8), ready: input(1) });
 */
export function defineInterface<const S extends InterfaceSpec>(name: string, spec: S): Interface<S> {
  return new Interface(name, spec);
}

type SpecOf<I> = I extends Interface<infer S> ? S : never;

/** Named interfaces of a typed module. */
export type Interfaces = Readonly<Record<string, Interface<InterfaceSpec>>>;

/** The typed bundles of a set of interfaces, by key. */
export type Bundles<I extends Interfaces> = { readonly [K in keyof I]: Bundle<SpecOf<I[K]>> };

/** What {@link instantiate} returns: every field of every interface as a value of the parent. */
export type InstanceBundles<I extends Interfaces> = { readonly [K in keyof I]: { readonly [F in keyof SpecOf<I[K]>]: Value } };

/** Options of a typed module: the port-name prefix of each interface (default its key; `''` gives bare field names). */
export interface TypedModuleOptions<I extends Interfaces> {
  readonly prefixes?: { readonly [K in keyof I]?: string };
}

/** A module whose ports are interfaces: what {@link defineTypedModule} returns and {@link instantiate} takes. */
export interface TypedModule<I extends Interfaces> {
  readonly module: Module;
  readonly interfaces: I;
  /** Port-name prefix of each interface. */
  readonly prefixes: { readonly [K in keyof I]: string };
}

/**
 * Builds a module whose ports are the given interfaces (each as `<key>_<field>` ports, or under the prefix chosen in
 * `opts.prefixes`); `build` receives them as typed bundles.
 * @example
 * const Sink = defineTypedModule(new Module('sink'), { in: Stream.flip() }, (m, io) => m.comb(io.in.ready, 1));
 */
export function defineTypedModule<I extends Interfaces>(
  m: Module, interfaces: I, build: (m: Module, io: Bundles<I>) => void, opts: TypedModuleOptions<I> = {},
): TypedModule<I> {
  const io: Record<string, Bundle<InterfaceSpec>> = {};
  const prefixes: Record<string, string> = {};
  for (const k of Object.keys(interfaces)) {
    prefixes[k] = opts.prefixes?.[k] ?? k;
    io[k] = interfaces[k]!.ports(m, prefixes[k]);
  }
  build(m, io as Bundles<I>);
  return { module: m, interfaces, prefixes: prefixes as { readonly [K in keyof I]: string } };
}

/**
 * A parameterised typed module (after {@link defineModule}): each distinct parameter set is built once, its interfaces
 * may depend on the parameters (widths), and `build` receives the typed bundles and the parameters.
 * @example
 * const Sink = defineTypedGenerator('sink', (p: { width: number }) => ({ in: Bus(p.width).flip() }), (m, io) => m.comb(io.in.ready, 1));
 * const u = instantiate(top, 'u_sink', Sink({ width: 8 }), { in: link });
 */
export function defineTypedGenerator<P extends { readonly [K in keyof P]: ParamValue }, I extends Interfaces>(
  base: string, interfaces: (params: P) => I, build: (m: Module, io: Bundles<I>, params: P) => void, opts: TypedModuleOptions<I> = {},
): (params: P) => TypedModule<I> {
  const typed = new WeakMap<Module, TypedModule<I>>();
  const generate = defineModule(base, (m, p: P) => {
    typed.set(m, defineTypedModule(m, interfaces(p), (mm, io) => build(mm, io, p), opts));
  });
  return (params: P) => typed.get(generate(params))!;
}

/**
 * Instantiates a typed module in `parent` and connects each of its interfaces: to a bundle of the parent (ports or
 * wires of the same interface, either view), or to a partial {@link Connection} giving a value for every field the
 * child receives and, optionally, a signal for fields it drives. The child's inputs read the parent's values, the
 * parent's signals are driven from the child's outputs. Returns the child's outputs as typed bundles of the parent
 * (and, for the fields the child receives, the values connected to them).
 * @example
 * const u = instantiate(top, 'u_sink', Sink, { in: link }); // u.in.ready is the sink's output in `top`
 */
export function instantiate<I extends Interfaces>(
  parent: Module, instName: string, child: TypedModule<I>, connect: { readonly [K in keyof I]?: Connection<SpecOf<I[K]>> },
  opts: { domains?: Record<string, string> } = {},
): InstanceBundles<I> {
  const site = new CallSite();
  const conns: Record<string, Value> = {};
  const bound = connect as Readonly<Record<string, Connection<InterfaceSpec> | undefined>>;
  for (const k of Object.keys(child.interfaces)) {
    const iface = child.interfaces[k]!;
    const b = bound[k];
    if (!b) continue;
    for (const f of Object.keys(iface.spec)) {
      const shape = toShape(iface.spec[f]!.shape);
      const v = b[f];
      if (!v) {
        if (iface.drives(f)) continue;
        throw new HdlError(`instance '${instName}': the bundle for '${k}' has no field '${f}' (interface '${iface.name}')`, [site.loc]);
      }
      if (!shapesEqual(v.shape, shape)) throw new HdlError(`instance '${instName}': field '${k}.${f}' is ${formatShape(v.shape)}, the interface says ${formatShape(shape)}`, [site.loc]);
      if (iface.drives(f) && !(v instanceof Signal)) throw new HdlError(`instance '${instName}': field '${k}.${f}' is driven by the child, so it must connect to a signal`, [site.loc]);
      if (!iface.drives(f)) conns[portName(child.prefixes[k]!, f)] = v;
    }
  }
  const outs = parent.submodule(instName, child.module, conns, opts);
  const result: Record<string, Record<string, Value>> = {};
  for (const k of Object.keys(child.interfaces)) {
    const iface = child.interfaces[k]!;
    const r: Record<string, Value> = {};
    for (const f of Object.keys(iface.spec)) {
      const port = portName(child.prefixes[k]!, f);
      if (iface.drives(f)) {
        r[f] = outs[port]!;
        const target = bound[k]?.[f];
        if (target) parent.comb(target as Signal, r[f]);
      } else r[f] = conns[port]!;
    }
    result[k] = r;
  }
  return result as InstanceBundles<I>;
}
