/**
 * RAM building blocks on top of `m.memory`: a word memory of lanes with per-lane (byte) write enables and registered
 * reads with a read enable and a transparency. Since the IR has lane write enables, read enables and transparency
 * natively, a `LaneMemory` is one memory (`<name>`) with a write port of granularity `laneWidth`: the Verilog is the
 * pattern synthesis infers as one RAM with byte enables.
 */
import { HdlError } from '../core/errors.ts';
import { readMemoryFile } from '../core/memory-file.ts';
import type { Memory, Module, Transparency } from '../core/module.ts';
import { CallSite } from '../core/source-loc.ts';
import { unsigned } from '../core/shape.ts';
import { type Signal, type Value, type ValueLike, valueOf } from '../core/value.ts';

export type { Transparency };

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
  /** The one memory of the lanes. */
  readonly memory: Memory;

  constructor(m: Module, readonly name: string, readonly opts: LaneMemoryOptions) {
    this.memory = m.memory(name, { shape: opts.laneWidth * opts.lanes, depth: opts.depth, init: opts.init ?? [] });
  }

  /** Word width: lanes x lane width. */
  get width(): number {
    return this.opts.laneWidth * this.opts.lanes;
  }

  /** Writes the lanes of `data` whose bit of `laneEn` is 1 (lane 0 = the low bits), in `domain` (default `sync`). */
  write(addr: Value, data: ValueLike, laneEn: ValueLike, opts: { domain?: string } = {}): void {
    const d = valueOf(data).asUnsigned();
    const be = valueOf(laneEn);
    if (d.width !== this.width || be.width !== this.opts.lanes) {
      throw new HdlError(`lane memory '${this.name}': write data must be ${this.width} bits and lane enables ${this.opts.lanes}, got ${d.width} and ${be.width}`, [new CallSite().loc]);
    }
    this.memory.write(addr, d, be, { domain: opts.domain ?? 'sync', granularity: this.opts.laneWidth });
  }

  /** The word at `addr` now (a combinational read). */
  readComb(addr: Value): Value {
    return this.memory.read(addr, { domain: null });
  }

  /**
   * A registered read: when `en` (default 1) the output takes the word at `addr` at the clock edge; otherwise it
   * holds. While a write port of the same domain writes, `transparency` says what it takes: the old word
   * (`read-first`, the default), the word being written, lane by lane (`write-first`), or nothing (`no-change`).
   */
  readSync(addr: Value, opts: { en?: ValueLike; transparency?: Transparency; domain?: string; name?: string } = {}): Signal {
    const t = opts.transparency ?? 'read-first';
    const domain = opts.domain ?? 'sync';
    if (t !== 'read-first' && !this.memory.writePorts.some((w) => w.domain === domain)) {
      throw new HdlError(`lane memory '${this.name}': ${t} reads need a write port of domain '${domain}' declared before the read`, [new CallSite().loc]);
    }
    return this.memory.read(addr, { domain, transparency: t, name: opts.name ?? `${this.name}_q`, ...(opts.en !== undefined ? { en: opts.en } : {}) });
  }
}

/**
 * Reads memory contents from a `$readmemh`-style text file (see `readMemoryFile`, which `m.memory({ initFile })`
 * uses directly): hexadecimal words, comments, `@addr`. Unlisted words are 0.
 * @example const init = loadMemoryFile('tables/sine.hex', 256, 16); m.memory('sine', { shape: 16, depth: 256, init });
 */
export function loadMemoryFile(file: string, depth: number, width: number): bigint[] {
  return readMemoryFile(file, depth, unsigned(width), new CallSite().loc);
}
