/** Running external tools (verilator, make, the C++ compiler) and probing which of them exist. */
import { spawn, spawnSync } from 'node:child_process';
import { VerilatorNotFoundError } from './errors.ts';

/** Result of a finished process. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to completion without blocking the event loop; rejects only when it cannot be started. */
export function runTool(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** Facts about an installed Verilator. */
export interface VerilatorInfo {
  readonly binary: string;
  /** e.g. `Verilator 5.006 2023-01-22 rev (Debian 5.006-3)` */
  readonly version: string;
  /** Folder of `verilated.h` and `verilated.cpp`. */
  readonly includeDir: string;
}

const infoCache = new Map<string, VerilatorInfo>();

/**
 * Finds Verilator's version and include folder; throws {@link VerilatorNotFoundError} when it is not installed.
 *
 * @example
 * const { version, includeDir } = verilatorInfo();
 */
export function verilatorInfo(binary = 'verilator'): VerilatorInfo {
  const known = infoCache.get(binary);
  if (known) return known;
  const v = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) throw new VerilatorNotFoundError(binary, v.error ? (v.error as NodeJS.ErrnoException).code ?? v.error.message : `exit ${v.status}`);
  const root = spawnSync(binary, ['--getenv', 'VERILATOR_ROOT'], { encoding: 'utf8' });
  const rootDir = root.status === 0 && root.stdout.trim() ? root.stdout.trim() : '/usr/share/verilator';
  const info = { binary, version: v.stdout.trim(), includeDir: `${rootDir}/include` };
  infoCache.set(binary, info);
  return info;
}

/**
 * True when `verilator` (or the given binary) runs.
 *
 * @example
 * const backend = verilatorAvailable() ? 'wasm' : 'builtin';
 */
export function verilatorAvailable(binary = 'verilator'): boolean {
  try {
    verilatorInfo(binary);
    return true;
  } catch {
    return false;
  }
}

function runs(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

/**
 * The C++ compiler native builds use: `clang++` when installed (builds are much faster), else `g++`; undefined when
 * neither exists or `make` is missing.
 *
 * @example
 * const cxx = nativeCompiler(); // 'clang++' | 'g++' | undefined
 */
export function nativeCompiler(): string | undefined {
  if (!runs('make', ['--version'])) return undefined;
  return ['clang++', 'g++'].find((c) => runs(c, ['--version']));
}

/**
 * True when native Verilator builds can run here (Verilator, make and a C++ compiler are installed).
 *
 * @example
 * const backends = nativeCompilerAvailable() ? ['native', 'wasm'] : ['wasm'];
 */
export function nativeCompilerAvailable(): boolean {
  return nativeCompiler() !== undefined && verilatorAvailable();
}

/** First line of `cmd --version` (part of cache keys), or '' when it does not run. */
export function toolVersion(cmd: string): string {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0]!.trim() : '';
}
