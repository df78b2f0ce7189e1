/**
 * RAM building blocks on top of `m.memory`: byte (lane) write enables, registered reads with a read enable and a
 * chosen transparency (read-first, write-first, no-change), and memory contents from a `$readmemh`-style file. Lanes
 * are separate memories of one lane each (`<name>_lane<i>`), which is how RAM macros with byte enables are built and
 * what synthesis infers; every backend sees ordinary memories.
 */
import fs from 'node:fs';
import { HdlError } from '../core/errors.ts';
import type { Memory, Module } from '../core/module.ts';
import { CallSite } from '../core/source-loc.ts';
import { type Signal, type Value, type ValueLike, cat, mux, valueOf } from '../core/value.ts';

/** What a registered read returns while the same port writes: the old word, the new one, or its previous output. */
export type Transparency = 'read-first' | 'write-first' | 'no-change';

/** Options of a {@link LaneMemory}. */
export interface LaneMemoryOptions {
  readonly laneWidth: number;
  readonly lanes: number;
  readonly depth: number;
  /** Power-on words (whole words, lane 0 in the low bits); the rest read 0. */
  readonly init?: readonly bigint[];
}

/**
 * A memory of `lanes` lanes of `laneWidth` bits with per-lane write enables.
 * @example
 * const ram = new LaneMemory(m, 'ram', { laneWidth: 8, lanes: 4, depth: 256 });
 * ram.write(addr, wdata, be);                            // be: 4 bits, one per byte
 * const q = ram.readSync(addr, { en: re, transparency: 'write-first' });
 */
export class LaneMemory {
  readonly memories: readonly Memory[];
  private lastWrite: { addr: Value; data: Value; laneEn: Value; domain: string } | null = null;

  constructor(private readonly m: Module, readonly name: string, readonly opts: LaneMemoryOptions) {
    const { laneWidth: w, lanes } = opts;
    const laneInit = (i: number): bigint[] => (opts.init ?? []).map((v) => BigInt.asUintN(w, v >> BigInt(i * w)));
    this.memories = Array.from({ length: lanes }, (_, i) => m.memory(`${name}_lane${i}`, { shape: w, depth: opts.depth, init: laneInit(i) }));
  }

  /** Word width: lanes x lane width. */
  get width(): number {
    return this.opts.laneWidth * this.opts.lanes;
  }

  private lane(v: Value, i: number): Value {
    return v.bits((i + 1) * this.opts.laneWidth - 1, i * this.opts.laneWidth);
  }

  /** Writes the lanes of `data` whose bit of `laneEn` is 1 (lane 0 = the low bits), in `domain` (default `sync`). */
  write(addr: Value, data: ValueLike, laneEn: ValueLike, opts: { domain?: string } = {}): void {
    const d = valueOf(data).asUnsigned();
    const be = valueOf(laneEn);
    if (d.width !== this.width || be.width !== this.opts.lanes) {
      throw new HdlError(`lane memory '${this.name}': write data must be ${this.width} bits and lane enables ${this.opts.lanes}, got ${d.width} and ${be.width}`, [new CallSite().loc]);
    }
    const domain = opts.domain ?? 'sync';
    this.memories.forEach((mem, i) => mem.write(addr, this.lane(d, i), be.bit(i), { domain }));
    this.lastWrite = { addr, data: d, laneEn: be, domain };
  }

  /** The word at `addr` now (a combinational read). */
  readComb(addr: Value): Value {
    return cat(...this.memories.map((mem) => mem.read(addr, { domain: null })).reverse());
  }

  /**
   * A registered read: when `en` (default 1) the output takes the word at `addr` at the clock edge; otherwise it
   * holds. While the last write port (same domain) writes, `transparency` says what it takes: the old word
   * (`read-first`, the default), the word being written, lane by lane (`write-first`), or nothing (`no-change`).
   */
  readSync(addr: Value, opts: { en?: ValueLike; transparency?: Transparency; domain?: string; name?: string } = {}): Signal {
    const domain = opts.domain ?? 'sync';
    const q = this.m.signal(opts.name ?? `${this.name}_q`, this.width);
    const en = valueOf(opts.en ?? 1);
    const t = opts.transparency ?? 'read-first';
    const w = this.lastWrite;
    if (t !== 'read-first' && (!w || w.domain !== domain)) {
      throw new HdlError(`lane memory '${this.name}': ${t} reads need a write port of domain '${domain}' declared before the read`, [new CallSite().loc]);
    }
    let word: Value = this.readComb(addr);
    let take: Value = en;
    if (t === 'write-first') {
      const hit = w!.addr.eq(addr);
      word = cat(...Array.from({ length: this.opts.lanes }, (_, i) => mux(hit.and(w!.laneEn.bit(i)), this.lane(w!.data, i), this.lane(word, i))).reverse());
    } else if (t === 'no-change') take = en.and(w!.laneEn.any().not());
    this.m.If(take, () => this.m.domain(domain).sync(q, word));
    return q;
  }
}

/**
 * Reads memory contents from a `$readmemh`-style text file: hexadecimal words separated by white space, `//` and
 * `/* *\/` comments, and `@addr` (hexadecimal) to move to an address. Unlisted words are 0.
 * @example const init = loadMemoryFile('tables/sine.hex', 256, 16); m.memory('sine', { shape: 16, depth: 256, init });
 */
export function loadMemoryFile(file: string, depth: number, width: number): bigint[] {
  const loc = new CallSite().loc;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new HdlError(`memory file '${file}' cannot be read: ${(e as Error).message}`, [loc]);
  }
  const words: bigint[] = new Array<bigint>(depth).fill(0n);
  let at = 0;
  const tokens = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, ' ').split(/\s+/).filter(Boolean);
  for (const tok of tokens) {
    if (tok.startsWith('@')) { at = parseInt(tok.slice(1), 16); continue; }
    if (!/^[0-9a-fA-F_]+$/.test(tok)) throw new HdlError(`memory file '${file}': '${tok}' is not a hexadecimal word`, [loc]);
    if (at >= depth) throw new HdlError(`memory file '${file}': word ${at} is past the depth ${depth}`, [loc]);
    const v = BigInt(`0x${tok.replace(/_/g, '')}`);
    if (v >> BigInt(width)) throw new HdlError(`memory file '${file}': '${tok}' does not fit ${width} bits`, [loc]);
    words[at++] = v;
  }
  return words;
}
