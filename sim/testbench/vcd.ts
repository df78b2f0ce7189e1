/**
 * Value Change Dump (IEEE 1364-2005 section 18) of a testbench run on any backend: the module hierarchy as
 * `$scope module` blocks, the user's signal names, `$timescale 1ps`, and only the values that changed at each time.
 * GTKWave opens it. On the built-in backend every signal can be dumped; on the Verilator backends the top ports.
 *
 * The dump streams to a temporary file beside its destination as it is recorded (no whole dump in memory); `save`
 * publishes a complete snapshot by copy and rename, so a reader never sees a half-written file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Signal } from '../../hdl/core/value.ts';
import { layoutLeaves } from '../../hdl/core/layout.ts';
import type { ClockedEngine } from './clocked-engine.ts';
import type { SignalRef } from '../builtin/engine.ts';

interface VcdVar {
  readonly read: () => number | bigint;
  readonly width: number;
  readonly id: string;
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

/** Temporary dump files still open, removed if the process exits before they are closed. */
const openTemps = new Set<string>();
let exitHook = false;

/** Bytes buffered before a write to the temporary file. */
const FLUSH_AT = 1 << 20;

/**
 * Records value changes of a simulation into a VCD file.
 *
 * @example
 * const vcd = new VcdWriter(builtinEngine(backend), 'build/wave.vcd');
 * vcd.sample(0);
 * // ... advance the simulation ...
 * vcd.sample(10_000);
 * vcd.save();   // build/wave.vcd now holds everything so far
 * vcd.close();  // final: no more samples
 */
export class VcdWriter {
  private readonly vars: VcdVar[] = [];
  private readonly tmp: string;
  private fd: number;
  private buffer: string[] = [];
  private buffered = 0;
  private lastTime = -1;

  /**
   * @param opts.signals the signals to dump (default: every signal the engine shows).
   * @param opts.stateNames also dump each signal with a value decoder (enums, FSM states) as a `string` variable
   *   `<name>_name` holding the member's name, which GTKWave shows as text (`SETUP`, not `3`); values without a name
   *   dump as their decimal value.
   * @param opts.fields also dump each leaf field of a struct- or Vec-shaped signal as a variable of its own.
   */
  constructor(engine: ClockedEngine, readonly file: string, opts: { signals?: readonly SignalRef[]; stateNames?: boolean; fields?: boolean } = {}) {
    const chosen: Signal[] = opts.signals ? opts.signals.map((r) => engine.signal(r)) : [...engine.visible];
    interface Scope { vars: { v: VcdVar; name: string; type: string }[]; children: Map<string, Scope> }
    const root: Scope = { vars: [], children: new Map() };
    for (const s of chosen) {
      const parts = engine.path(s).split('.');
      let scope = root;
      for (const p of parts.slice(0, -1)) {
        let next = scope.children.get(p);
        if (!next) scope.children.set(p, (next = { vars: [], children: new Map() }));
        scope = next;
      }
      const v: VcdVar = { read: engine.reader(s), width: s.width, id: vcdId(this.vars.length), last: undefined };
      this.vars.push(v);
      scope.vars.push({ v, name: parts[parts.length - 1]!, type: engine.isRegister(s) ? 'reg' : 'wire' });
      // A struct or Vec signal also shows each leaf field, as `<name>_<path>` (`e_pos_x`, `regs_2_valid`).
      if (opts.fields) {
        for (const leaf of layoutLeaves(s.shape)) {
          const mask = (1n << BigInt(leaf.width)) - 1n;
          const read = (): bigint => (BigInt(v.read()) >> BigInt(leaf.lo)) & mask;
          const fv: VcdVar = { read, width: leaf.width, id: vcdId(this.vars.length), last: undefined };
          this.vars.push(fv);
          scope.vars.push({ v: fv, name: `${parts[parts.length - 1]!}_${leaf.path.replaceAll('.', '_')}`, type: 'wire' });
        }
      }
      if (opts.stateNames && s.decoder) {
        const named: VcdVar = { read: v.read, width: s.width, id: vcdId(this.vars.length), last: undefined, names: s.decoder };
        this.vars.push(named);
        scope.vars.push({ v: named, name: `${parts[parts.length - 1]!}_name`, type: 'string' });
      }
    }
    const lines = [`$version meram-hdl (${engine.kind} backend) $end`, '$timescale 1ps $end'];
    const emit = (name: string, scope: Scope, ind: string): void => {
      lines.push(`${ind}$scope module ${name} $end`);
      for (const { v, name: n, type } of scope.vars) {
        lines.push(type === 'string' ? `${ind}  $var string 1 ${v.id} ${n} $end` : `${ind}  $var ${type} ${v.width} ${v.id} ${n}${v.width > 1 ? ` [${v.width - 1}:0]` : ''} $end`);
      }
      for (const [n, c] of scope.children) emit(n, c, `${ind}  `);
      lines.push(`${ind}$upscope $end`);
    };
    emit(engine.flat.top.name, root, '');
    lines.push('$enddefinitions $end');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    this.fd = fs.openSync(this.tmp, 'w');
    openTemps.add(this.tmp);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => { for (const t of openTemps) fs.rmSync(t, { force: true }); });
    }
    this.write(lines.join('\n') + '\n');
  }

  /** Records the values at `timePs` (only those that changed since the last sample). Times must not decrease. */
  sample(timePs: number): void {
    const out: string[] = [];
    for (const v of this.vars) {
      const cur = v.read();
      if (cur === v.last) continue;
      v.last = cur;
      const bits = BigInt.asUintN(v.width, typeof cur === 'bigint' ? cur : BigInt(cur));
      if (v.names) { out.push(`s${v.names(bits) ?? String(bits)} ${v.id}`); continue; }
      out.push(v.width === 1 ? `${bits}${v.id}` : `b${bits.toString(2)} ${v.id}`);
    }
    if (out.length === 0 && this.lastTime >= 0) return;
    if (timePs !== this.lastTime) this.write(`#${timePs}\n`);
    if (this.lastTime < 0) this.write(`$dumpvars\n${out.join('\n')}\n$end\n`);
    else this.write(`${out.join('\n')}\n`);
    this.lastTime = timePs;
  }

  /** The dump so far, as text (reads the streamed file back). */
  text(): string {
    this.flush();
    return fs.readFileSync(this.tmp, 'utf8');
  }

  /** Publishes everything recorded so far at `file` (copy and rename: atomic), and keeps recording. */
  save(): void {
    this.flush();
    const part = `${this.tmp}.part`;
    fs.copyFileSync(this.tmp, part);
    fs.renameSync(part, this.file);
  }

  /** Publishes the final dump (rename of the streamed file) and stops recording. */
  close(): void {
    if (this.fd < 0) return;
    this.flush();
    fs.closeSync(this.fd);
    this.fd = -1;
    fs.renameSync(this.tmp, this.file);
    openTemps.delete(this.tmp);
  }

  private write(s: string): void {
    this.buffer.push(s);
    this.buffered += s.length;
    if (this.buffered >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.fd < 0 || this.buffer.length === 0) return;
    fs.writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }
}
