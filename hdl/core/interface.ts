/**
 * Typed interfaces (after Amaranth's `lib.wiring` signatures and Chisel's `Bundle` + `Flipped`): a set of ports
 * declared once, with directions, used by both sides. A module declares an interface's ports with `ports()` (the
 * initiator's view) or `flip().ports()` (the other side's); a parent instantiates a module built by
 * {@link defineTypedModule} with {@link instantiate}, which connects whole interfaces in one call and returns the
 * child's ports as typed fields, so a misspelt field is a compile error.
 */
import { HdlError } from './errors.ts';
import { type Module, type ShapeLike, toShape } from './module.ts';
import { shapesEqual, formatShape } from './shape.ts';
import { CallSite } from './source-loc.ts';
import type { Signal } from './value.ts';

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
   * Declares the fields as ports of `m`, named `<prefix>_<field>`: outputs where this side drives, inputs elsewhere.
   * @example const io = Stream.ports(m, 'tx'); m.comb(io.valid, 1); // io.vald is a compile error
   */
  ports(m: Module, prefix: string): Bundle<S> {
    const b: Record<string, Signal> = {};
    for (const f of Object.keys(this.spec)) b[f] = this.drives(f) ? m.output(`${prefix}_${f}`, this.spec[f]!.shape) : m.input(`${prefix}_${f}`, this.spec[f]!.shape);
    return b as Bundle<S>;
  }

  /**
   * Plain signals of `m` for every field, named `<prefix>_<field>` (for wiring two instances together).
   * @example const link = Stream.wires(top, 'link');
   */
  wires(m: Module, prefix: string): Bundle<S> {
    const b: Record<string, Signal> = {};
    for (const f of Object.keys(this.spec)) b[f] = m.signal(`${prefix}_${f}`, this.spec[f]!.shape);
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

/** A module whose ports are interfaces: what {@link defineTypedModule} returns and {@link instantiate} takes. */
export interface TypedModule<I extends Readonly<Record<string, Interface<InterfaceSpec>>>> {
  readonly module: Module;
  readonly interfaces: I;
}

/**
 * Builds a module whose ports are the given interfaces (each as `<key>_<field>` ports); `build` receives them as
 * typed bundles.
 * @example
 * const Sink = defineTypedModule(new Module('sink'), { in: Stream.flip() }, (m, io) => m.comb(io.in.ready, 1));
 */
export function defineTypedModule<I extends Readonly<Record<string, Interface<InterfaceSpec>>>>(
  m: Module, interfaces: I, build: (m: Module, io: { readonly [K in keyof I]: Bundle<SpecOf<I[K]>> }) => void,
): TypedModule<I> {
  const io: Record<string, Bundle<InterfaceSpec>> = {};
  for (const k of Object.keys(interfaces)) io[k] = interfaces[k]!.ports(m, k);
  build(m, io as { readonly [K in keyof I]: Bundle<SpecOf<I[K]>> });
  return { module: m, interfaces };
}

/**
 * Instantiates a typed module in `parent` and connects each of its interfaces to a bundle of the parent (ports or
 * wires of the same interface, either view): the child's inputs read the parent's signals, the parent's signals are
 * driven from the child's outputs. Returns the child's ports as typed bundles of the parent.
 * @example
 * const u = instantiate(top, 'u_sink', Sink, { in: link }); // u.in.ready is the sink's output in `top`
 */
export function instantiate<I extends Readonly<Record<string, Interface<InterfaceSpec>>>>(
  parent: Module, instName: string, child: TypedModule<I>, connect: { readonly [K in keyof I]?: Bundle<SpecOf<I[K]>> },
  opts: { domains?: Record<string, string> } = {},
): { readonly [K in keyof I]: Bundle<SpecOf<I[K]>> } {
  const site = new CallSite();
  const conns: Record<string, Signal> = {};
  const bound = connect as Readonly<Record<string, Bundle<InterfaceSpec> | undefined>>;
  for (const k of Object.keys(child.interfaces)) {
    const iface = child.interfaces[k]!;
    const b = bound[k];
    if (!b) continue;
    for (const f of Object.keys(iface.spec)) {
      const shape = toShape(iface.spec[f]!.shape);
      const sig = b[f];
      if (!sig) throw new HdlError(`instance '${instName}': the bundle for '${k}' has no field '${f}' (interface '${iface.name}')`, [site.loc]);
      if (!shapesEqual(sig.shape, shape)) throw new HdlError(`instance '${instName}': field '${k}.${f}' is ${formatShape(sig.shape)}, the interface says ${formatShape(shape)}`, [site.loc]);
      if (!iface.drives(f)) conns[`${k}_${f}`] = sig;
    }
  }
  const outs = parent.submodule(instName, child.module, conns, opts);
  const result: Record<string, Record<string, Signal>> = {};
  for (const k of Object.keys(child.interfaces)) {
    const iface = child.interfaces[k]!;
    const r: Record<string, Signal> = {};
    for (const f of Object.keys(iface.spec)) {
      if (iface.drives(f)) {
        r[f] = outs[`${k}_${f}`]!;
        const target = bound[k]?.[f];
        if (target) parent.comb(target, r[f]);
      } else r[f] = conns[`${k}_${f}`] ?? (bound[k]?.[f] as Signal);
    }
    result[k] = r;
  }
  return result as { readonly [K in keyof I]: Bundle<SpecOf<I[K]>> };
}
