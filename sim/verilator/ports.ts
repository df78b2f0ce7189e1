/**
 * Port values as 32-bit little-endian word arrays, the format shared by the C++ harness, the native protocol and
 * WebAssembly memory: conversion from and to bigint, batch stimulus packing and recorded traces.
 */
import { PortUsageError } from './errors.ts';
import type { BatchInput, PortSpec } from './types.ts';

/** Number of 32-bit words that hold `width` bits. */
export function wordsFor(width: number): number {
  return Math.ceil(width / 32);
}

/**
 * Index, word counts and value conversion of a model's ports.
 *
 * @example
 * const t = new PortTable([{ name: 'x', direction: 'input', width: 33, signed: true }]);
 * const w = new Uint32Array(2);
 * t.encode(t.index('x'), -1n, w, 0); // w = [0xffffffff, 1]
 * t.decode(t.index('x'), w, 0);      // -1n
 */
export class PortTable {
  readonly ports: readonly PortSpec[];
  readonly words: readonly number[];
  /** Word offset of each port in a snapshot of all ports. */
  readonly offsets: readonly number[];
  readonly totalWords: number;
  private readonly byName = new Map<string, number>();

  constructor(ports: readonly PortSpec[]) {
    this.ports = ports;
    this.words = ports.map((p) => wordsFor(p.width));
    const offsets: number[] = [];
    let total = 0;
    for (const w of this.words) {
      offsets.push(total);
      total += w;
    }
    this.offsets = offsets;
    this.totalWords = total;
    ports.forEach((p, i) => this.byName.set(p.name, i));
  }

  /** Index of a port; throws {@link PortUsageError} for an unknown name or a wrong direction. */
  index(name: string, direction?: 'input' | 'output'): number {
    const i = this.byName.get(name);
    if (i === undefined) throw new PortUsageError(`unknown port '${name}' (ports: ${this.ports.map((p) => p.name).join(', ')})`);
    if (direction && this.ports[i]!.direction !== direction) throw new PortUsageError(`port '${name}' is an ${this.ports[i]!.direction}, not an ${direction}`);
    return i;
  }

  /** Index of a 1-bit input usable as a clock. */
  clockIndex(name: string): number {
    const i = this.index(name, 'input');
    if (this.ports[i]!.width !== 1) throw new PortUsageError(`clock '${name}' must be 1 bit wide, not ${this.ports[i]!.width}`);
    return i;
  }

  /** Writes `value` (checked to fit the port) as words into `out` at `offset`. */
  encode(i: number, value: bigint | number, out: Uint32Array, offset: number): void {
    const p = this.ports[i]!;
    let v = typeof value === 'bigint' ? value : toBigInt(value, p.name);
    const w = BigInt(p.width);
    if (v >= 1n << w || v < -(1n << (w - 1n))) throw new PortUsageError(`value ${v} does not fit ${p.signed ? 'signed' : 'unsigned'} port '${p.name}' of ${p.width} bit(s)`);
    v = BigInt.asUintN(p.width, v);
    for (let k = 0; k < this.words[i]!; k++) {
      out[offset + k] = Number(v & 0xffffffffn);
      v >>= 32n;
    }
  }

  /** Reads the value of port `i` from words at `offset`: masked to the width, sign-extended for signed ports. */
  decode(i: number, words: Uint32Array, offset: number): bigint {
    const p = this.ports[i]!;
    const n = this.words[i]!;
    let v = 0n;
    for (let k = n - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[offset + k]!);
    return p.signed ? BigInt.asIntN(p.width, v) : BigInt.asUintN(p.width, v);
  }
}

function toBigInt(value: number, port: string): bigint {
  if (!Number.isSafeInteger(value)) throw new PortUsageError(`value ${value} for port '${port}' is not a safe integer; pass a bigint`);
  return BigInt(value);
}

/**
 * The values one port showed in each cycle of a batch (pre-edge values, see `CycleModel`).
 *
 * @example
 * const trace = model.runBatch({ clock: 'clk', cycles: 4, record: ['count'] }).get('count')!;
 * trace.at(3); trace.toBigInts(); trace.toNumbers();
 */
export class PortTrace {
  readonly port: PortSpec;
  readonly length: number;
  /** Raw storage: `wordsPerValue` little-endian 32-bit words per cycle, masked to the width. */
  readonly words: Uint32Array;
  readonly wordsPerValue: number;
  private readonly table: PortTable;
  private readonly index: number;

  constructor(table: PortTable, index: number, words: Uint32Array, length: number) {
    this.table = table;
    this.index = index;
    this.port = table.ports[index]!;
    this.wordsPerValue = table.words[index]!;
    this.words = words;
    this.length = length;
  }

  /** The value in cycle `cycle` (signed ports give negative bigints). */
  at(cycle: number): bigint {
    if (cycle < 0 || cycle >= this.length) throw new PortUsageError(`cycle ${cycle} is outside the trace of ${this.length} cycle(s)`);
    return this.table.decode(this.index, this.words, cycle * this.wordsPerValue);
  }

  /** All values as bigints. */
  toBigInts(): bigint[] {
    const out: bigint[] = new Array(this.length);
    for (let c = 0; c < this.length; c++) out[c] = this.table.decode(this.index, this.words, c * this.wordsPerValue);
    return out;
  }

  /** All values as numbers (ports up to 32 bits only; signed ports sign-extended). */
  toNumbers(): number[] {
    const { width, signed, name } = this.port;
    if (width > 32) throw new PortUsageError(`port '${name}' has ${width} bits; use toBigInts()`);
    const shift = 32 - width;
    return Array.from(this.words, (w) => (signed ? (w << shift) >> shift : w));
  }
}

/** Stimulus of a batch packed cycle-major: per cycle, each listed input's words in order. */
export interface PackedInputs {
  readonly indices: Uint32Array;
  readonly data: Uint32Array;
  readonly wordsPerCycle: number;
}

/** Packs cycles `[start, start + count)` of the batch inputs; checks names, directions and lengths. */
export function packInputs(table: PortTable, inputs: readonly BatchInput[], cycles: number, start = 0, count = cycles): PackedInputs {
  const indices = Uint32Array.from(inputs, (inp) => table.index(inp.port, 'input'));
  let wordsPerCycle = 0;
  inputs.forEach((inp, k) => {
    if (inp.values.length < cycles) throw new PortUsageError(`input '${inp.port}' has ${inp.values.length} value(s) for ${cycles} cycle(s)`);
    wordsPerCycle += table.words[indices[k]!]!;
  });
  const data = new Uint32Array(wordsPerCycle * count);
  let off = 0;
  for (let c = start; c < start + count; c++) {
    inputs.forEach((inp, k) => {
      const i = indices[k]!;
      const v = inp.values[c]!;
      if ((inp.values instanceof Uint32Array || inp.values instanceof Int32Array) && table.words[i] === 1) data[off] = v as number;
      else if (inp.values instanceof BigInt64Array || inp.values instanceof BigUint64Array) table.encode(i, BigInt.asIntN(Math.max(table.ports[i]!.width, 1), v as bigint), data, off);
      else table.encode(i, v, data, off);
      off += table.words[i]!;
    });
  }
  return { indices, data, wordsPerCycle };
}

/** Word count per cycle of the recorded ports. */
export function recordWords(table: PortTable, indices: Uint32Array): number {
  let n = 0;
  for (const i of indices) n += table.words[i]!;
  return n;
}

/** Splits cycle-major recorded words into one {@link PortTrace} per port. */
export function unpackTraces(table: PortTable, indices: Uint32Array, data: Uint32Array, cycles: number): Map<string, PortTrace> {
  const per = recordWords(table, indices);
  const traces = new Map<string, PortTrace>();
  let col = 0;
  for (const i of indices) {
    const n = table.words[i]!;
    const words = new Uint32Array(cycles * n);
    for (let c = 0; c < cycles; c++) for (let k = 0; k < n; k++) words[c * n + k] = data[c * per + col + k]!;
    traces.set(table.ports[i]!.name, new PortTrace(table, i, words, cycles));
    col += n;
  }
  return traces;
}
