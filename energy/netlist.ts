/**
 * A reader of the flat gate-level Verilog that Yosys `write_verilog -noattr` prints after `synth -flatten`: wire
 * declarations, cell instances with named connections, and `assign` aliases, resolved to single-bit nets. Enough
 * for the energy model: each net's driver, its sink pins, and every name the net is known by (VCD names).
 *
 * @example
 * const n = parseGateNetlist(fs.readFileSync('build/synth/top/netlist.v', 'utf8'));
 * console.log(n.instances.length, n.nets.size);
 */
import { NetlistParseError } from './errors.ts';

/** A cell instance: type, name, and per pin the bit names it connects (LSB first), constants as '0' / '1'. */
export interface GateInstance {
  readonly type: string;
  readonly name: string;
  readonly pins: ReadonlyMap<string, readonly string[]>;
}

/** A parsed flat netlist. */
export interface GateNetlist {
  readonly top: string;
  /** Port name to direction and width. */
  readonly ports: ReadonlyMap<string, { readonly direction: 'input' | 'output' | 'inout'; readonly width: number }>;
  readonly instances: readonly GateInstance[];
  /** Canonical bit name of every bit name (aliases through `assign` resolved). */
  readonly canonical: ReadonlyMap<string, string>;
  /** Canonical net to every bit name it is known by. */
  readonly nets: ReadonlyMap<string, readonly string[]>;
}

type Tok = string;

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '/' && text[i + 1] === '*') { const e = text.indexOf('*/', i + 2); i = e < 0 ? text.length : e + 2; continue; }
    if (c === '/' && text[i + 1] === '/') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '\\') { let j = i + 1; while (j < text.length && !/\s/.test(text[j]!)) j++; out.push(text.slice(i + 1, j)); i = j; continue; }
    if ('()[]{},;:=.#'.includes(c)) { out.push(c); i++; continue; }
    let j = i;
    while (j < text.length && /[A-Za-z0-9_$'\-]/.test(text[j]!)) j++;
    if (j === i) throw new NetlistParseError(`unexpected character '${c}' in netlist`);
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

/** Bits of a Verilog constant like 4'b0101, 1'h0, 32'sd4, LSB first. */
function constantBits(tok: string): string[] {
  const m = /^(\d+)'s?([bhdo])([0-9a-fA-FxXzZ_]+)$/.exec(tok);
  if (!m) throw new NetlistParseError(`cannot read constant '${tok}'`);
  const width = Number(m[1]);
  const digits = m[3]!.replace(/_/g, '');
  let bin: string;
  if (/[xXzZ]/.test(digits)) bin = 'x'.repeat(width);
  else {
    const base = { b: 2, h: 16, d: 10, o: 8 }[m[2] as 'b' | 'h' | 'd' | 'o'];
    bin = BigInt(base === 10 ? digits : `0${m[2]}${digits}`).toString(2).padStart(width, '0').slice(-width);
  }
  return [...bin].reverse();
}

/**
 * Parses the netlist's top module (the first module; the flat netlist has one besides black boxes).
 * @example parseGateNetlist('module t(a, y); input a; output y; INV u (.I(a), .ZN(y)); endmodule').instances[0]!.type // 'INV'
 */
export function parseGateNetlist(text: string): GateNetlist {
  const t = tokenize(text);
  let p = t.indexOf('module');
  if (p < 0) throw new NetlistParseError('no module in netlist');
  const top = t[p + 1]!;
  const end = t.indexOf('endmodule', p);
  const widths = new Map<string, { msb: number; lsb: number } | null>();
  const ports = new Map<string, { direction: 'input' | 'output' | 'inout'; width: number }>();
  const instances: { type: string; name: string; pins: Map<string, string[]> }[] = [];
  const aliases: [string, string][] = [];
  const bitsOfName = (name: string): string[] => {
    const w = widths.get(name);
    if (w === undefined) throw new NetlistParseError(`undeclared wire '${name}'`);
    if (w === null) return [name];
    const out: string[] = [];
    for (let i = Math.min(w.msb, w.lsb); i <= Math.max(w.msb, w.lsb); i++) out.push(`${name}[${i}]`);
    return out;
  };
  // An expression at t[q]: returns its bits LSB first and the position after it.
  const expr = (q: number): [string[], number] => {
    if (t[q] === '{') {
      const parts: string[][] = [];
      q++;
      while (t[q] !== '}') {
        const [b, n] = expr(q);
        parts.push(b);
        q = t[n] === ',' ? n + 1 : n;
      }
      return [parts.reverse().flat(), q + 1];
    }
    const tok = t[q]!;
    if (/^\d+'/.test(tok)) return [constantBits(tok), q + 1];
    if (t[q + 1] === '[') {
      const hi = Number(t[q + 2]);
      if (t[q + 3] === ':') {
        const lo = Number(t[q + 4]);
        const out: string[] = [];
        for (let i = lo; i <= hi; i++) out.push(`${tok}[${i}]`);
        return [out, q + 6];
      }
      return [[`${tok}[${hi}]`], q + 4];
    }
    return [bitsOfName(tok), q + 1];
  };
  p = t.indexOf(';', p) + 1;
  while (p < end) {
    const k = t[p]!;
    if (k === 'wire' || k === 'input' || k === 'output' || k === 'inout' || k === 'reg') {
      let q = p + 1;
      let range: { msb: number; lsb: number } | null = null;
      if (t[q] === '[') { range = { msb: Number(t[q + 1]), lsb: Number(t[q + 3]) }; q += 5; }
      const name = t[q]!;
      widths.set(name, range);
      if (k !== 'wire' && k !== 'reg') ports.set(name, { direction: k, width: range ? Math.abs(range.msb - range.lsb) + 1 : 1 });
      p = t.indexOf(';', q) + 1;
    } else if (k === 'assign') {
      const [lhs, q] = expr(p + 1);
      if (t[q] !== '=') throw new NetlistParseError(`assign without '=' near '${lhs[0]}'`);
      const [rhs, r] = expr(q + 1);
      for (let i = 0; i < lhs.length; i++) if (rhs[i] !== undefined) aliases.push([lhs[i]!, rhs[i]!]);
      p = r + 1;
    } else {
      // instance: TYPE [#( ... )] NAME ( .PIN(expr), ... );
      const type = k;
      let q = p + 1;
      if (t[q] === '#') { let depth = 0; do { if (t[q] === '(') depth++; if (t[q] === ')') depth--; q++; } while (depth > 0 || t[q - 1] !== ')'); }
      const name = t[q]!;
      q += 2; // name (
      const pins = new Map<string, string[]>();
      while (t[q] === '.') {
        const pin = t[q + 1]!;
        if (t[q + 3] === ')') { pins.set(pin, []); q += 4; } else {
          const [b, n] = expr(q + 3);
          pins.set(pin, b);
          q = n + 1;
        }
        if (t[q] === ',') q++;
      }
      if (t[q] !== ')' || t[q + 1] !== ';') throw new NetlistParseError(`cannot read instance '${name}' of '${type}'`);
      instances.push({ type, name, pins });
      p = q + 2;
    }
  }
  // union-find over bit names
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const isConst = (x: string): boolean => x === '0' || x === '1' || x === 'x';
  for (const [a, b] of aliases) {
    if (isConst(a)) continue;
    const ra = find(a);
    const rb = isConst(b) ? b : find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const canonical = new Map<string, string>();
  const nets = new Map<string, string[]>();
  const add = (bit: string): void => {
    if (isConst(bit) || canonical.has(bit)) return;
    const c = find(bit);
    canonical.set(bit, c);
    if (!nets.has(c)) nets.set(c, []);
    nets.get(c)!.push(bit);
  };
  for (const name of widths.keys()) for (const b of bitsOfName(name)) add(b);
  for (const [a, b] of aliases) { add(a); add(b); }
  const canon = (b: string): string => (isConst(b) ? b : canonical.get(b) ?? b);
  return {
    top, ports, canonical, nets,
    instances: instances.map((i) => ({ type: i.type, name: i.name, pins: new Map([...i.pins].map(([k, v]) => [k, v.map(canon)])) })),
  };
}
