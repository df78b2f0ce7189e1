/**
 * NumPy `.npy` format version 1.0 for one-dimensional little-endian float32 arrays: the magic string, version 1.0,
 * a little-endian uint16 header length and a Python dict literal padded with spaces to a multiple of 64 bytes and
 * ended by a newline (NEP 1), then the raw data. Readable by `numpy.load` (also with `mmap_mode='r'`).
 */
import fs from 'node:fs';
import { NoiseBankError } from './source.ts';

const MAGIC = Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
const PREAMBLE = MAGIC.length + 2 + 2;

/**
 * The complete header (preamble and padded dict) of a 1-D `<f4` array of `length` values.
 *
 * @example
 * npyHeader(10).length % 64; // 0
 */
export function npyHeader(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new NoiseBankError(`npy length must be a non-negative integer, got ${length}`);
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${length},), }`;
  const total = Math.ceil((PREAMBLE + dict.length + 1) / 64) * 64;
  const text = dict.padEnd(total - PREAMBLE - 1, ' ') + '\n';
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, text.length, true);
  out.set(Buffer.from(text, 'latin1'), PREAMBLE);
  return out;
}

/** What an `.npy` header says. */
export interface NpyInfo {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Byte offset of the first value. */
  readonly dataOffset: number;
}

/**
 * Parses an `.npy` header (versions 1.0, 2.0 and 3.0).
 *
 * @example
 * parseNpyHeader(npyHeader(3)).shape; // [3]
 */
export function parseNpyHeader(bytes: Uint8Array): NpyInfo {
  if (bytes.length < PREAMBLE || MAGIC.some((b, i) => bytes[i] !== b)) throw new NoiseBankError('not an .npy file (bad magic string)');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wide = major >= 2;
  const len = wide ? view.getUint32(8, true) : view.getUint16(8, true);
  const start = wide ? 12 : 10;
  if (bytes.length < start + len) throw new NoiseBankError('truncated .npy header');
  const text = Buffer.from(bytes.subarray(start, start + len)).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(text)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(text)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shape === undefined) throw new NoiseBankError(`malformed .npy header: ${text.trim()}`);
  const dims = shape.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  return { descr, fortranOrder: fortran === 'True', shape: dims, dataOffset: start + len };
}

/**
 * Reads `count` float32 values from index `start` of a 1-D `<f4` `.npy` file, without loading the rest.
 *
 * @example
 * const head = readNpyFloat32('build/noise/tree.npy', 0, 1000);
 */
export function readNpyFloat32(file: string, start = 0, count?: number): Float32Array {
  const fd = fs.openSync(file, 'r');
  try {
    const head = new Uint8Array(4096);
    const got = fs.readSync(fd, head, 0, head.length, 0);
    const info = parseNpyHeader(head.subarray(0, got));
    if (info.descr !== '<f4' || info.shape.length !== 1) throw new NoiseBankError(`${file}: expected a 1-D '<f4' array, got '${info.descr}' of shape (${info.shape.join(', ')})`);
    const length = info.shape[0]!;
    const n = count ?? length - start;
    if (start < 0 || n < 0 || start + n > length) throw new NoiseBankError(`${file}: values ${start}..${start + n} requested, the bank has ${length}`);
    const out = new Float32Array(n);
    const bytes = new Uint8Array(out.buffer);
    let done = 0;
    while (done < bytes.length) {
      const r = fs.readSync(fd, bytes, done, bytes.length - done, info.dataOffset + start * 4 + done);
      if (r === 0) throw new NoiseBankError(`${file}: file shorter than its header says`);
      done += r;
    }
    return out;
  } finally {
    fs.closeSync(fd);
  }
}
