/**
 * A small Liberty reader: enough of the format to get, per cell, the area, leakage, pin capacitances, internal
 * energies and timing tables that the synthesis report's energy and timing models need. It reads any Liberty file
 * (groups, simple and complex attributes, comments, line continuations); units are converted to ns, pF, pJ and nW.
 *
 * @example
 * import fs from 'node:fs';
 * const lib = parseLiberty(fs.readFileSync('constraints/meram180.lib', 'utf8'));
 * console.log(lib.name, lib.cells.get('INV')?.areaUm2);
 */
import { MeramError } from '../common/errors.ts';

/** A Liberty file that could not be read; the message names the line. */
export class LibertyParseError extends MeramError {}

/** A generic Liberty group: `type (args) { attributes; groups }`. */
export interface LibertyGroup {
  readonly type: string;
  readonly args: readonly string[];
  /** Simple attributes (`name : value ;`) and complex ones (`name (a, b) ;`, values joined by ','). */
  readonly attrs: ReadonlyMap<string, string>;
  readonly groups: readonly LibertyGroup[];
}

/** A timing arc or constraint of a pin. */
export interface LibertyTiming {
  readonly relatedPin: string;
  /** `timing_type` (default `combinational`). */
  readonly type: string;
  /** Table kind (`cell_rise`, `rise_constraint`, ...) to its values (ns), row by row. */
  readonly tables: ReadonlyMap<string, readonly number[]>;
}

/** A pin of a cell. */
export interface LibertyPin {
  readonly name: string;
  readonly direction: 'input' | 'output' | 'inout' | 'internal';
  /** Input capacitance (pF; 0 for outputs). */
  readonly capacitancePf: number;
  readonly isClock: boolean;
  readonly fn: string | undefined;
  /** Internal energy per rising/falling transition (pJ), mean over `internal_power` groups, first table entry. */
  readonly riseEnergyPj: number;
  readonly fallEnergyPj: number;
  readonly timings: readonly LibertyTiming[];
}

/** A cell of the library. */
export interface LibertyCell {
  readonly name: string;
  readonly areaUm2: number;
  readonly leakageNw: number;
  readonly sequential: boolean;
  readonly pins: ReadonlyMap<string, LibertyPin>;
}

/** A parsed library. */
export interface LibertyLibrary {
  readonly name: string;
  readonly nomVoltage: number;
  readonly cells: ReadonlyMap<string, LibertyCell>;
  readonly root: LibertyGroup;
}

type Tok = { t: string; line: number; str: boolean };

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\\') { i++; continue; }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new LibertyParseError(`unterminated comment at line ${line}`);
      for (let k = i; k < end; k++) if (text[k] === '\n') line++;
      i = end + 2;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') { while (i < n && text[i] !== '\n') i++; continue; }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < n && text[j] !== '"') {
        if (text[j] === '\\' && text[j + 1] === '\n') { j += 2; line++; continue; }
        if (text[j] === '\n') line++;
        s += text[j];
        j++;
      }
      if (j >= n) throw new LibertyParseError(`unterminated string at line ${line}`);
      toks.push({ t: s, line, str: true });
      i = j + 1;
      continue;
    }
    if ('(){}:;,'.includes(c)) { toks.push({ t: c, line, str: false }); i++; continue; }
    let j = i;
    while (j < n && !' \t\r\n(){}:;,"'.includes(text[j]!)) j++;
    toks.push({ t: text.slice(i, j), line, str: false });
    i = j;
  }
  return toks;
}

/** Parses Liberty text into its group tree. */
export function parseLibertyGroups(text: string): LibertyGroup {
  const toks = tokenize(text);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const expect = (t: string): void => {
    const k = toks[p];
    if (!k || k.str || k.t !== t) throw new LibertyParseError(`expected '${t}' at line ${k?.line ?? 'end'}, found '${k?.t ?? 'end of file'}'`);
    p++;
  };
  function body(type: string, args: string[]): LibertyGroup {
    const attrs = new Map<string, string>();
    const groups: LibertyGroup[] = [];
    for (;;) {
      const k = peek();
      if (!k) throw new LibertyParseError(`group '${type}' not closed at end of file`);
      if (!k.str && k.t === '}') { p++; break; }
      const name = k.t;
      p++;
      const next = peek();
      if (next && !next.str && next.t === ':') {
        p++;
        const parts: string[] = [];
        while (peek() && !(peek()!.t === ';' && !peek()!.str) && !(peek()!.t === '}' && !peek()!.str)) parts.push(toks[p++]!.t);
        if (peek()?.t === ';') p++;
        attrs.set(name, parts.join(' '));
      } else if (next && !next.str && next.t === '(') {
        p++;
        const a: string[] = [];
        while (peek() && !(peek()!.t === ')' && !peek()!.str)) {
          const v = toks[p++]!;
          if (!(v.t === ',' && !v.str)) a.push(v.t);
        }
        expect(')');
        if (peek() && !peek()!.str && peek()!.t === '{') {
          p++;
          groups.push(body(name, a));
        } else {
          if (peek()?.t === ';') p++;
          attrs.set(name, a.join(','));
        }
      } else {
        throw new LibertyParseError(`unexpected '${next?.t ?? 'end of file'}' after '${name}' at line ${next?.line ?? k.line}`);
      }
    }
    return { type, args, attrs, groups };
  }
  const first = toks[p];
  if (!first || first.t !== 'library') throw new LibertyParseError('a Liberty file starts with library (name) { ... }');
  p++;
  expect('(');
  const name = toks[p++]?.t ?? '';
  expect(')');
  expect('{');
  const root = body('library', [name]);
  if (p !== toks.length) throw new LibertyParseError(`text after the library group at line ${toks[p]!.line}`);
  return root;
}

const UNIT: Record<string, number> = { f: 1e-15, p: 1e-12, n: 1e-9, u: 1e-6, m: 1e-3, '': 1 };

/** Factor from `"1nW"`-style unit strings to the wanted SI prefix (e.g. unit 1uW to nW is 1000). */
function unitFactor(spec: string | undefined, base: string, fallback: number, target: number): number {
  if (!spec) return fallback;
  const m = /^\s*([\d.]+)\s*([fpnum]?)\s*([A-Za-z]+)\s*$/.exec(spec.replace(/"/g, ''));
  if (!m || m[3]!.toLowerCase() !== base.toLowerCase()) return fallback;
  return (Number(m[1]) * UNIT[m[2]!]!) / target;
}

const numbers = (s: string): number[] => s.split(/[\s,]+/).filter(Boolean).map(Number);

/** Parses a Liberty file into cells with units converted (ns, pF, pJ, nW). */
export function parseLiberty(text: string): LibertyLibrary {
  const root = parseLibertyGroups(text);
  const timeToNs = unitFactor(root.attrs.get('time_unit'), 's', 1, 1e-9);
  const leakToNw = unitFactor(root.attrs.get('leakage_power_unit'), 'W', 1, 1e-9);
  const capSpec = root.attrs.get('capacitive_load_unit')?.split(',');
  const capToPf = capSpec ? (Number(capSpec[0]) * (UNIT[capSpec[1]!.trim()[0]!.toLowerCase()] ?? 1e-12)) / 1e-12 : 1;
  const voltage = Number(root.attrs.get('nom_voltage') ?? 'NaN');
  // Internal energy is in capacitive_load_unit x V^2: pF x V^2 = pJ.
  const energyToPj = capToPf;
  const cells = new Map<string, LibertyCell>();
  for (const g of root.groups) {
    if (g.type !== 'cell') continue;
    const pins = new Map<string, LibertyPin>();
    for (const pg of g.groups) {
      if (pg.type !== 'pin') continue;
      const power = pg.groups.filter((x) => x.type === 'internal_power');
      const firstOf = (kind: string): number => {
        const vals = power.map((x) => x.groups.find((t) => t.type === kind)?.attrs.get('values')).filter((v): v is string => v !== undefined);
        return vals.length ? (vals.map((v) => numbers(v)[0]!).reduce((a, b) => a + b, 0) / vals.length) * energyToPj : 0;
      };
      const timings: LibertyTiming[] = pg.groups.filter((x) => x.type === 'timing').map((x) => ({
        relatedPin: (x.attrs.get('related_pin') ?? '').replace(/"/g, ''),
        type: x.attrs.get('timing_type') ?? 'combinational',
        tables: new Map(x.groups.filter((t) => t.attrs.has('values')).map((t) => [t.type, numbers(t.attrs.get('values')!).map((v) => v * timeToNs)])),
      }));
      for (const name of pg.args) {
        pins.set(name, {
          name,
          direction: (pg.attrs.get('direction') ?? 'input') as LibertyPin['direction'],
          capacitancePf: Number(pg.attrs.get('capacitance') ?? 0) * capToPf,
          isClock: pg.attrs.get('clock') === 'true',
          fn: pg.attrs.get('function')?.replace(/"/g, ''),
          riseEnergyPj: firstOf('rise_power'),
          fallEnergyPj: firstOf('fall_power'),
          timings,
        });
      }
    }
    for (const name of g.args) {
      cells.set(name, {
        name,
        areaUm2: Number(g.attrs.get('area') ?? 0),
        leakageNw: Number(g.attrs.get('cell_leakage_power') ?? 0) * leakToNw,
        sequential: g.groups.some((x) => x.type === 'ff' || x.type === 'latch'),
        pins,
      });
    }
  }
  return { name: root.args[0] ?? '', nomVoltage: voltage, cells, root };
}
