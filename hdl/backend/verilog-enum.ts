/**
 * Enumeration names in the emitted Verilog: a value of an enum-shaped signal (an FSM state, a `defineEnum` shape)
 * prints as a `localparam` named after the enum and the member (`SEQ_IDLE`) wherever its meaning is plain: case
 * labels on the signal, constants assigned to it (and its reset), and comparisons of it with a constant. Only the
 * members printed are declared, so no `localparam` is unused (Verilator's UNUSEDPARAM).
 */
import { type Shape, namedShape, shapesEqual } from '../core/shape.ts';
import type { Net, NetlistModule } from '../ir/netlist.ts';

/** The `localparam`s of one module, claimed from its name allocator as they are first printed. */
export class EnumLiterals {
  private readonly claimed = new Map<string, { name: string; shape: Shape; value: bigint }>();

  constructor(private readonly nm: NetlistModule) {}

  /** The enum shape of signal `index` of the module, if it has one. */
  private namedOf(index: number): ReturnType<typeof namedShape> {
    return namedShape(this.nm.signals[index]!.signal.shape);
  }

  /** The localparam for `value` of the enum of signal `index`, or null when the signal has no enum or no such member. */
  forSignal(index: number, value: bigint): string | null {
    const named = this.namedOf(index);
    const member = named?.names.get(value);
    if (!named || member === undefined) return null;
    const key = `${named.typeName}\u0000${member}`;
    let hit = this.claimed.get(key);
    if (!hit) {
      hit = { name: this.nm.allocator.claim(`${named.typeName.toUpperCase()}_${member}`), shape: { width: named.width, signed: false }, value };
      this.claimed.set(key, hit);
    }
    return hit.name;
  }

  /** The localparam for `value` when net `subject` is an enum-shaped signal of shape `shape`, else null. */
  forNet(subject: Net, value: bigint, shape: Shape): string | null {
    const c = this.nm.cells[subject]!;
    if (c.kind !== 'signal' || !shapesEqual(c.shape, shape)) return null;
    return this.forSignal(c.signal, value);
  }

  /** Right-hand side of an assignment of net `value` to signal `target`: a member's name when it is a member constant. */
  assigned(target: number, value: Net, text: (n: Net) => string): string {
    const c = this.nm.cells[value]!;
    return (c.kind === 'const' ? this.forSignal(target, c.value) : null) ?? text(value);
  }

  /** The reset value of signal `target`: a member's name, or the literal. */
  reset(target: number, literal: (value: bigint, shape: Shape) => string): string {
    const s = this.nm.signals[target]!.signal;
    return this.forSignal(target, s.reset) ?? literal(s.reset, s.shape);
  }

  /** Declarations of the localparams printed, by enum (in order of first use) and value. */
  decls(literal: (value: bigint, shape: Shape) => string): string[] {
    const order = new Map<string, number>();
    for (const k of this.claimed.keys()) { const t = k.split('\u0000')[0]!; if (!order.has(t)) order.set(t, order.size); }
    const rank = (k: string): number => order.get(k.split('\u0000')[0]!)!;
    const sorted = [...this.claimed.entries()].sort(([ka, a], [kb, b]) => rank(ka) - rank(kb) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return sorted.map(([, p]) => p).map((p) => `  localparam ${p.shape.width > 1 ? `[${p.shape.width - 1}:0] ` : ''}${p.name} = ${literal(p.value, p.shape)};`);
  }
}
