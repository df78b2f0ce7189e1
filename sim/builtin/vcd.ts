/**
 * Value Change Dump (IEEE 1364-2005 section 18) of the built-in simulator: the module hierarchy as `$scope module`
 * blocks, the user's signal names, `$timescale 1ps`, and only the values that changed at each time. GTKWave opens it.
 */
import { writeFileAtomic } from '../../common/atomic-write.ts';
import type { Slot } from './compile.ts';
import type { BuiltinBackend, SignalRef } from './engine.ts';

interface VcdVar {
  readonly slot: Slot;
  readonly id: string;
  readonly name: string;
  last: number | bigint | undefined;
  /** Set for the string view of an enum or FSM state signal: the names of its values. */
  readonly names?: (value: bigint) => string | undefined;
}

/** VCD identifier `n`: printable ASCII from `!` to `~`, shortest first. */
function vcdId(n: number): string {
  let s = '';
  do {
    s += String.fromCharCode(33 + (n % 94));
    n = Math.floor(n / 94);
  } while (n > 0);
  return s;
}

/**
 * Collects value changes of a simulation and writes them as a VCD file.
 *
 * @example
 * const vcd = new VcdWriter(backend);
 * vcd.sample(0);
 * // ... advance the simulation ...
 * vcd.sample(10_000);
 * vcd.save('build/wave.vcd');
 */
export class VcdWriter {
  private readonly vars: VcdVar[] = [];
  private readonly header: string;
  private readonly chunks: string[] = [];
  private lastTime = -1;

  /**
   * @param opts.signals the signals to dump (default: all).
   * @param opts.stateNames also dump each signal with a value decoder (enums, FSM states) as a `string` variable
   *   `<name>_name` holding the member's name, which GTKWave shows as text (`SETUP`, not `3`); values without a name
   *   dump as their decimal value.
   */
  constructor(private readonly backend: BuiltinBackend, opts: { signals?: readonly SignalRef[]; stateNames?: boolean } = {}) {
    const flat = backend.flat;
    const chosen = opts.signals ? opts.signals.map((r) => backend.signal(r)) : flat.signals.map((s) => s.signal);
    // Build the scope tree from hierarchical paths.
    interface Scope { vars: VcdVar[]; children: Map<string, Scope> }
    const root: Scope = { vars: [], children: new Map() };
    chosen.forEach((s) => {
      const slot = backend.slot(s);
      const parts = slot.path.split('.');
      let scope = root;
      for (const p of parts.slice(0, -1)) {
        let next = scope.children.get(p);
        if (!next) scope.children.set(p, (next = { vars: [], children: new Map() }));
        scope = next;
      }
      const v: VcdVar = { slot, id: vcdId(this.vars.length), name: parts[parts.length - 1]!, last: undefined };
      this.vars.push(v);
      scope.vars.push(v);
      if (opts.stateNames && s.decoder) {
        const named: VcdVar = { slot, id: vcdId(this.vars.length), name: `${v.name}_name`, last: undefined, names: s.decoder };
        this.vars.push(named);
        scope.vars.push(named);
      }
    });
    const lines = ['$version meram-hdl built-in simulator $end', '$timescale 1ps $end'];
    const emit = (name: string, scope: Scope, ind: string): void => {
      lines.push(`${ind}$scope module ${name} $end`);
      for (const v of scope.vars) {
        const w = v.slot.signal.width;
        const type = v.slot.kind === 'reg' ? 'reg' : 'wire';
        if (v.names) { lines.push(`${ind}  $var string 1 ${v.id} ${v.name} $end`); continue; }
        lines.push(`${ind}  $var ${type} ${w} ${v.id} ${v.name}${w > 1 ? ` [${w - 1}:0]` : ''} $end`);
      }
      for (const [n, c] of scope.children) emit(n, c, `${ind}  `);
      lines.push(`${ind}$upscope $end`);
    };
    emit(flat.top.name, root, '');
    lines.push('$enddefinitions $end');
    this.header = lines.join('\n') + '\n';
  }

  /** Records the values at `timePs` (only those that changed since the last sample). Times must not decrease. */
  sample(timePs: number): void {
    const { I, F, B } = this.backend.compiled;
    const out: string[] = [];
    for (const v of this.vars) {
      const { rep, index } = v.slot;
      const cur = rep === 'i' ? I[index]! : rep === 'd' ? F[index]! : B[index]!;
      if (cur === v.last) continue;
      v.last = cur;
      const w = v.slot.signal.width;
      const bits = BigInt.asUintN(w, typeof cur === 'bigint' ? cur : BigInt(cur));
      if (v.names) { out.push(`s${v.names(bits) ?? String(bits)} ${v.id}`); continue; }
      out.push(w === 1 ? `${bits}${v.id}` : `b${bits.toString(2)} ${v.id}`);
    }
    if (out.length === 0 && this.lastTime >= 0) return;
    if (timePs !== this.lastTime) this.chunks.push(`#${timePs}\n`);
    if (this.lastTime < 0) this.chunks.push('$dumpvars\n', out.join('\n'), '\n$end\n');
    else this.chunks.push(out.join('\n'), '\n');
    this.lastTime = timePs;
  }

  /** The whole file so far. */
  text(): string {
    return this.header + this.chunks.join('');
  }

  /** Writes the file atomically (a reader never sees a half-written dump). */
  save(file: string): void {
    writeFileAtomic(file, this.text());
  }
}
