/**
 * Enumerations: a shape whose values have names (after Amaranth's `enum` shapes and Chisel's `ChiselEnum`). A signal
 * of an enum shape is an ordinary unsigned value everywhere; the names reach the Verilog (one `localparam` per member
 * used, printed in case labels, comparisons, assignments and resets), the simulators (`stateName`) and the waveforms
 * (its decoder feeds the GTKWave translate filters and the VCD writer's string view).
 */
import { HdlError } from './errors.ts';
import { type NamedShape, checkWidth } from './shape.ts';
import { CallSite } from './source-loc.ts';
import { Const, type Value, caseMatch } from './value.ts';

/** An enumeration shape with members `N`. Create with {@link defineEnum}. */
export class Enum<N extends string = string> implements NamedShape {
  readonly width: number;
  readonly signed = false;
  readonly names: ReadonlyMap<bigint, string>;
  private readonly values: ReadonlyMap<string, bigint>;

  constructor(readonly typeName: string, members: readonly N[] | Readonly<Record<N, number | bigint>>, width?: number) {
    const site = new CallSite();
    const entries: [N, bigint][] = Array.isArray(members)
      ? (members as readonly N[]).map((n, i) => [n, BigInt(i)])
      : (Object.entries(members) as [N, number | bigint][]).map(([n, v]) => [n, BigInt(v)]);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(typeName)) throw new HdlError(`enum name '${typeName}' is not an identifier`, [site.loc]);
    if (entries.length === 0) throw new HdlError(`enum '${typeName}' needs at least one member`, [site.loc]);
    const values = new Map<string, bigint>();
    const names = new Map<bigint, string>();
    for (const [n, v] of entries) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) throw new HdlError(`enum '${typeName}': member '${n}' is not an identifier`, [site.loc]);
      if (v < 0n) throw new HdlError(`enum '${typeName}': member '${n}' = ${v} is negative`, [site.loc]);
      if (values.has(n)) throw new HdlError(`enum '${typeName}': member '${n}' is listed twice`, [site.loc]);
      if (names.has(v)) throw new HdlError(`enum '${typeName}': members '${names.get(v)}' and '${n}' both have the value ${v}`, [site.loc]);
      values.set(n, v);
      names.set(v, n);
    }
    const max = entries.reduce((m, [, v]) => (v > m ? v : m), 0n);
    const need = max.toString(2).length;
    this.width = checkWidth(width ?? need);
    if (this.width < need) throw new HdlError(`enum '${typeName}': width ${this.width} cannot hold the value ${max}`, [site.loc]);
    this.values = values;
    this.names = names;
  }

  /** The members, in declaration order. */
  get members(): N[] {
    return [...this.values.keys()] as N[];
  }

  /**
   * The encoding of a member.
   * @example defineEnum('op', ['ADD', 'SUB']).encoding('SUB') // 1n
   */
  encoding(member: N): bigint {
    const v = this.values.get(member);
    if (v === undefined) throw new HdlError(`enum '${this.typeName}' has no member '${member}' (members: ${this.members.join(', ')})`, [new CallSite().loc]);
    return v;
  }

  /**
   * A constant member, of this enum's shape (assignable to a signal of the enum).
   * @example m.sync(state, State.C('IDLE'))
   */
  C(member: N): Const {
    return new Const(this.encoding(member), this);
  }

  /**
   * 1 when `v` holds `member`.
   * @example m.If(State.is(state, 'DATA'), () => ...)
   */
  is(v: Value, member: N): Value {
    return caseMatch(v, this.encoding(member));
  }

  /** The member name of a value (undefined for values no member has). */
  nameOf(v: bigint): N | undefined {
    return this.names.get(v) as N | undefined;
  }

  /** A decoder for `SignalOptions.decoder` (waveforms, `stateName`). */
  readonly decoder = (v: bigint): string | undefined => this.nameOf(v);
}

/**
 * Declares an enumeration: members numbered 0, 1, ... in order, or given values; the width is the smallest that holds
 * the largest value unless given.
 * @example
 * const Op = defineEnum('alu_op', ['ADD', 'SUB', 'AND'] as const);
 * const op = m.input('op', Op);               // a 2-bit port whose values have names
 * m.Switch(op, (s) => { s.Case(Op.encoding('SUB'), () => m.comb(y, a.sub(b).trunc(8).asUnsigned())); });
 */
export function defineEnum<const N extends string>(name: string, members: readonly N[] | Readonly<Record<N, number | bigint>>, opts: { width?: number } = {}): Enum<N> {
  return new Enum<N>(name, members, opts.width);
}
