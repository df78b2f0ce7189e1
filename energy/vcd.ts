/**
 * Toggle counts from a VCD file (the SAIF idea: per-net transition counts over a realistic run). Counts 0<->1
 * transitions per bit; changes to or from x/z are not toggles. Vector variables are split into bits `name[i]`.
 *
 * @example
 * const t = vcdToggles(fs.readFileSync('dump.vcd', 'utf8'));
 * console.log(t.toggles.get('clk'), t.endTime);
 */
import { NetlistParseError } from './errors.ts';

/** Toggles per bit name (scope prefix of the top instance removed), and the last time stamp. */
export interface VcdToggles {
  readonly toggles: ReadonlyMap<string, number>;
  readonly startTime: number;
  readonly endTime: number;
}

/**
 * Reads a VCD; `scope` is the instance whose variables are kept (default: the deepest first scope holding variables).
 * Names are as declared, without an escaping backslash.
 */
export function vcdToggles(text: string, scope?: string): VcdToggles {
  const lines = text.split('\n');
  const idBits = new Map<string, string[]>(); // VCD id to bit names, LSB first
  const stack: string[] = [];
  let keepScope: string | undefined = scope;
  let i = 0;
  for (; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l.startsWith('$enddefinitions')) { i++; break; }
    const f = l.split(/\s+/);
    if (f[0] === '$scope') stack.push(f[2]!);
    else if (f[0] === '$upscope') stack.pop();
    else if (f[0] === '$var') {
      const here = stack.join('.');
      keepScope ??= here;
      if (here !== keepScope) continue;
      const width = Number(f[2]);
      const id = f[3]!;
      const name = f[4]!.replace(/^\\/, '');
      const range = f[5] && f[5] !== '$end' ? /^\[(-?\d+)(?::(-?\d+))?\]$/.exec(f[5]) : null;
      let bits: string[];
      if (range) {
        const msb = Number(range[1]);
        const lsb = range[2] !== undefined ? Number(range[2]) : msb;
        bits = [];
        const step = msb >= lsb ? 1 : -1;
        for (let b = lsb; b !== msb + step; b += step) bits.push(`${name}[${b}]`);
        if (range[2] === undefined) bits = [`${name}[${msb}]`];
      } else bits = width === 1 ? [name] : Array.from({ length: width }, (_, b) => `${name}[${b}]`);
      if (!idBits.has(id)) idBits.set(id, bits);
    }
  }
  const state = new Map<string, string>(); // id to current bit string (MSB first, full width)
  const toggles = new Map<string, number>();
  for (const bits of idBits.values()) for (const b of bits) toggles.set(b, 0);
  let time = 0;
  let start = -1;
  const apply = (id: string, value: string): void => {
    const bits = idBits.get(id);
    if (!bits) return;
    const w = bits.length;
    const v = value.length >= w ? value.slice(-w) : (value[0] === 'x' || value[0] === 'z' ? value[0]!.repeat(w - value.length) : '0'.repeat(w - value.length)) + value;
    const old = state.get(id);
    if (old !== undefined) {
      for (let b = 0; b < w; b++) {
        const o = old[w - 1 - b]!;
        const n = v[w - 1 - b]!;
        if (o !== n && (o === '0' || o === '1') && (n === '0' || n === '1')) toggles.set(bits[b]!, toggles.get(bits[b]!)! + 1);
      }
    }
    state.set(id, v);
  };
  for (; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (!l || l.startsWith('$')) continue;
    const c = l[0]!;
    if (c === '#') { time = Number(l.slice(1)); if (start < 0) start = time; continue; }
    if (c === 'b' || c === 'B' || c === 'r' || c === 'R') {
      const sp = l.indexOf(' ');
      if (sp < 0) throw new NetlistParseError(`VCD: bad vector change '${l}'`);
      if (c === 'b' || c === 'B') apply(l.slice(sp + 1).trim(), l.slice(1, sp).toLowerCase());
      continue;
    }
    if ('01xXzZ'.includes(c)) apply(l.slice(1).trim(), c.toLowerCase());
  }
  return { toggles, startTime: Math.max(0, start), endTime: time };
}
