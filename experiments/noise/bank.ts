/**
 * Noise banks: a source's stream written as a 1-D float32 `.npy` file with a JSON side file (`<bank>.json`: design,
 * seed, device, sample count, scaling, sample moments and the statistics battery's verdict on the bank), or streamed
 * as raw little-endian float32 to stdout or a FIFO. Files appear atomically (temporary file, then rename).
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import type { ProgressFn } from '../../common/progress.ts';
import { compareToNormal, noiseCheckBattery, type NormalComparison } from '../../verif/index.ts';
import { npyHeader } from './npy.ts';
import { NoiseBankError, type NoiseArch, type NoiseSourceInfo } from './source.ts';
import { openNoiseSource } from './sources.ts';
import type { SampleEnergy } from './energy.ts';

/** Format tag and version of the side file. */
export const BANK_FORMAT = 'meram-hdl/noise-bank';
export const BANK_VERSION = 1;

/** Options of {@link writeNoiseBank}. */
export interface NoiseBankOptions {
  readonly arch: NoiseArch;
  readonly samples: number;
  readonly seed: number;
  /** Output: a `.npy` path, or (format 'raw') a path or FIFO, or '-' for stdout. */
  readonly out: string;
  /** 'npy' (default) or 'raw' (little-endian float32, no header, no side file). */
  readonly format?: 'npy' | 'raw';
  /** Codes given to the statistics battery: the first `check` samples (default min(samples, 10^6); 0 skips it). */
  readonly check?: number;
  readonly lanes?: number;
  readonly cltCells?: number;
  readonly progress?: ProgressFn;
}

/** One check of the battery as recorded in the side file. */
export interface BankCheck {
  readonly name: string;
  readonly pValue: number;
  readonly passed: boolean;
}

/** The side file `<bank>.json`: every key is stable (version 1). */
export interface NoiseBankMeta {
  readonly format: typeof BANK_FORMAT;
  readonly version: typeof BANK_VERSION;
  /** The `.npy` file this describes (base name). */
  readonly file: string;
  readonly arch: NoiseArch;
  readonly design: string;
  readonly seed: number;
  readonly device: NoiseSourceInfo['device'];
  readonly broken: boolean;
  readonly samples: number;
  readonly dtype: 'float32';
  readonly scaling: NoiseSourceInfo['scaling'];
  /** Mean and variance of all values in the bank. */
  readonly moments: { readonly mean: number; readonly variance: number };
  /** Battery on the first `checkedSamples` codes against the design's predicted pmf (null when skipped). */
  readonly verdict: null | {
    readonly checkedSamples: number;
    readonly passed: boolean;
    readonly alpha: number;
    readonly checks: readonly BankCheck[];
    /** The predicted pmf against the discretised N(0, 1) (deterministic; software: 0). */
    readonly toNormal: Pick<NormalComparison, 'tv' | 'kl' | 'maxCdfGap' | 'maxAbsZ'>;
  };
  /** Energy of producing one sample (labelled estimates with their sources; experiments/noise/energy.ts). */
  readonly energyPerSample: SampleEnergy;
  /** Wall time of generation and its rate (values/s, simulation included). */
  readonly seconds: number;
  readonly samplesPerSecond: number;
}

/** Where the side file of a bank lives. */
export function sideFilePath(npyPath: string): string {
  return npyPath.replace(/\.npy$/, '') + '.json';
}

/** Sink for the stream: a temporary file renamed at the end, or an open stream (stdout, FIFO). */
interface Sink {
  write(bytes: Uint8Array): Promise<void>;
  finish(): Promise<void>;
  abort(): void;
}

function fileSink(file: string): Sink {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  return {
    write: async (b) => { fs.writeSync(fd, b); },
    finish: async () => { fs.closeSync(fd); fs.renameSync(tmp, file); },
    abort: () => { try { fs.closeSync(fd); } catch { /* already closed */ } fs.rmSync(tmp, { force: true }); },
  };
}

function streamSink(out: NodeJS.WritableStream): Sink {
  return {
    write: (b) => new Promise((resolve, reject) => {
      const ok = out.write(b, (e) => { if (e) reject(e); });
      if (ok) resolve(); else out.once('drain', resolve);
    }),
    finish: async () => { if (out !== process.stdout) await new Promise<void>((r) => out.end(r)); },
    abort: () => {},
  };
}

/**
 * Writes `samples` values of a seeded source to a bank (and its side file) or a raw stream; returns the side file.
 *
 * @example
 * const meta = await writeNoiseBank({ arch: 'tree', samples: 100_000, seed: 1, out: 'build/noise/tree-1.npy' });
 * meta.verdict?.passed; // true for a calibrated generator
 */
export async function writeNoiseBank(opts: NoiseBankOptions): Promise<NoiseBankMeta> {
  if (!Number.isSafeInteger(opts.samples) || opts.samples < 1) throw new NoiseBankError(`--samples must be a positive integer, got ${opts.samples}`);
  const format = opts.format ?? 'npy';
  if (format !== 'npy' && format !== 'raw') throw new NoiseBankError(`unknown format '${String(format)}' (choose npy or raw)`);
  if (format === 'npy' && !opts.out.endsWith('.npy')) throw new NoiseBankError(`--out must name a .npy file, got '${opts.out}'`);
  if (os.endianness() !== 'LE') throw new NoiseBankError('banks are little-endian float32: this machine is big-endian');
  const check = Math.min(opts.check ?? 1_000_000, opts.samples);
  const t0 = performance.now();
  const src = await openNoiseSource({ arch: opts.arch, seed: opts.seed, ...(opts.lanes ? { lanes: opts.lanes } : {}), ...(opts.cltCells ? { cltCells: opts.cltCells } : {}) });
  const sink = format === 'npy' ? fileSink(opts.out)
    : opts.out === '-' ? streamSink(process.stdout) : streamSink(fs.createWriteStream(opts.out));
  const codes = new Int32Array(check);
  let sum = 0;
  let sumSq = 0;
  try {
    if (format === 'npy') await sink.write(npyHeader(opts.samples));
    let done = 0;
    while (done < opts.samples) {
      const chunk = src.next();
      const take = Math.min(chunk.values.length, opts.samples - done);
      const values = chunk.values.subarray(0, take);
      if (done < check) codes.set(chunk.codes.subarray(0, Math.min(take, check - done)), done);
      for (let i = 0; i < take; i++) { const v = values[i]!; sum += v; sumSq += v * v; }
      await sink.write(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
      done += take;
      opts.progress?.(done, opts.samples);
    }
    await sink.finish();
  } catch (e) {
    sink.abort();
    throw e;
  } finally {
    src.dispose();
  }
  const mean = sum / opts.samples;
  let verdict: NoiseBankMeta['verdict'] = null;
  if (check > 0) {
    const alpha = 0.01;
    const b = noiseCheckBattery(codes, src.predicted, { alpha });
    const n = compareToNormal(src.predicted);
    verdict = {
      checkedSamples: check, passed: b.passed, alpha,
      checks: b.checks.map((c) => ({ name: c.name, pValue: c.pValue, passed: c.passed })),
      toNormal: { tv: n.tv, kl: n.kl, maxCdfGap: n.maxCdfGap, maxAbsZ: n.maxAbsZ },
    };
  }
  const seconds = (performance.now() - t0) / 1000;
  const meta: NoiseBankMeta = {
    format: BANK_FORMAT, version: BANK_VERSION, file: path.basename(opts.out), arch: opts.arch, design: src.info.design,
    seed: opts.seed, device: src.info.device, broken: src.info.broken, samples: opts.samples, dtype: 'float32',
    scaling: src.info.scaling, energyPerSample: src.energy, moments: { mean, variance: sumSq / opts.samples - mean * mean }, verdict,
    seconds, samplesPerSecond: opts.samples / seconds,
  };
  if (format === 'npy') writeFileAtomic(sideFilePath(opts.out), JSON.stringify(meta, null, 2) + '\n');
  return meta;
}

/**
 * Reads and checks a bank's side file.
 *
 * @example
 * readBankMeta('build/noise/tree-1.npy').verdict?.passed;
 */
export function readBankMeta(npyPath: string): NoiseBankMeta {
  const file = sideFilePath(npyPath);
  let meta: NoiseBankMeta;
  try {
    meta = JSON.parse(fs.readFileSync(file, 'utf8')) as NoiseBankMeta;
  } catch (e) {
    throw new NoiseBankError(`cannot read side file ${file}: ${(e as Error).message}`);
  }
  if (meta.format !== BANK_FORMAT || meta.version !== BANK_VERSION) throw new NoiseBankError(`${file}: not a ${BANK_FORMAT} v${BANK_VERSION} side file`);
  return meta;
}
