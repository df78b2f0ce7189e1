/**
 * A minimal WASI (`wasi_snapshot_preview1`) for the Verilated models compiled by clang to wasm32-wasip1: only what
 * wasi-libc's start-up and stdio need (arguments, environment, stdout/stderr, clocks, random bytes, exit). There is
 * no file system: every other call answers ENOSYS/EBADF. Uses no Node.js API, so it runs in browsers too.
 */
import { wasmApi, type WasmImports, type WasmMemory, type WasmModule } from './wasm-api.ts';

const ESUCCESS = 0;
const EBADF = 8;
const EINVAL = 28;
const ENOSYS = 52;
const ESPIPE = 70;

/** Thrown by `proc_exit` (e.g. `exit()` in C): unwinds out of the WebAssembly call. */
export class WasiExit extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`WebAssembly module exited with code ${code}`);
    this.name = 'WasiExit';
    this.code = code;
  }
}

/** Options of {@link WasiShim}. */
export interface WasiShimOptions {
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Receives text written to stdout/stderr, line by line (default: `console.log` / `console.error`). */
  readonly onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Seed of the deterministic byte stream `random_get` returns. */
  readonly seed?: number;
}

type WasiFn = (...args: never[]) => number;

/**
 * WASI imports for one instance. Create it, pass `shim.imports(module)` to `WebAssembly.instantiate`, then call
 * `shim.bind(instance.exports.memory)` before running any code.
 *
 * @example
 * const shim = new WasiShim({ onOutput: (line) => log.push(line) });
 * const module = await WebAssembly.compile(bytes);
 * const instance = await WebAssembly.instantiate(module, shim.imports(module));
 * shim.bind(instance.exports.memory as WasmMemory);
 * (instance.exports._initialize as () => void)();
 */
export class WasiShim {
  private memory: WasmMemory | undefined;
  private readonly args: readonly string[];
  private readonly env: readonly string[];
  private readonly onOutput: (line: string, stream: 'stdout' | 'stderr') => void;
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  private readonly partial = { stdout: '', stderr: '' };
  private tail = '';
  private rand: number;

  constructor(opts: WasiShimOptions = {}) {
    this.args = opts.args ?? ['model'];
    this.env = Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`);
    this.onOutput = opts.onOutput ?? ((line, stream) => (stream === 'stdout' ? console.log(line) : console.error(line)));
    this.rand = (opts.seed ?? 0x9e3779b9) >>> 0 || 1;
  }

  /** The last few kilobytes written to stderr (for error messages after a trap). */
  get stderrTail(): string {
    return this.tail + this.partial.stderr;
  }

  /** Connects the instance's memory; required before any import is called. */
  bind(memory: WasmMemory): void {
    this.memory = memory;
  }

  /** Flushes unterminated output lines. */
  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) this.onOutput(this.partial[stream], stream);
      this.partial[stream] = '';
    }
  }

  /** The import object for `module`: the shim's functions, and an ENOSYS stub for any other WASI function it imports. */
  imports(module: WasmModule): WasmImports {
    const fns = this.functions();
    const wasi: Record<string, WasiFn> = {};
    for (const imp of wasmApi.Module.imports(module)) {
      if (imp.module !== 'wasi_snapshot_preview1' || imp.kind !== 'function') continue;
      wasi[imp.name] = fns[imp.name] ?? (() => ENOSYS);
    }
    return { wasi_snapshot_preview1: wasi };
  }

  private view(): DataView {
    if (!this.memory) throw new Error('WasiShim: bind(memory) was not called');
    return new DataView(this.memory.buffer);
  }

  private writeStrings(list: readonly string[], ptrs: number, buf: number): number {
    const dv = this.view();
    const bytes = new Uint8Array(dv.buffer);
    const enc = new TextEncoder();
    list.forEach((s, i) => {
      dv.setUint32(ptrs + 4 * i, buf, true);
      const b = enc.encode(s);
      bytes.set(b, buf);
      bytes[buf + b.length] = 0;
      buf += b.length + 1;
    });
    return ESUCCESS;
  }

  private writeSizes(list: readonly string[], countPtr: number, sizePtr: number): number {
    const dv = this.view();
    dv.setUint32(countPtr, list.length, true);
    dv.setUint32(sizePtr, list.reduce((n, s) => n + new TextEncoder().encode(s).length + 1, 0), true);
    return ESUCCESS;
  }

  private output(stream: 'stdout' | 'stderr', bytes: Uint8Array): void {
    const text = this.partial[stream] + this.decoders[stream].decode(bytes, { stream: true });
    const lines = text.split('\n');
    this.partial[stream] = lines.pop()!;
    for (const line of lines) this.onOutput(line, stream);
    if (stream === 'stderr') this.tail = (this.tail + lines.map((l) => l + '\n').join('')).slice(-4096);
  }

  private functions(): Record<string, WasiFn> {
    const std = (fd: number): boolean => fd >= 0 && fd <= 2;
    return {
      args_sizes_get: (countPtr: number, sizePtr: number) => this.writeSizes(this.args, countPtr, sizePtr),
      args_get: (ptrs: number, buf: number) => this.writeStrings(this.args, ptrs, buf),
      environ_sizes_get: (countPtr: number, sizePtr: number) => this.writeSizes(this.env, countPtr, sizePtr),
      environ_get: (ptrs: number, buf: number) => this.writeStrings(this.env, ptrs, buf),
      fd_write: (fd: number, iovs: number, iovsLen: number, nwritten: number) => {
        if (fd !== 1 && fd !== 2) return EBADF;
        const dv = this.view();
        let total = 0;
        for (let k = 0; k < iovsLen; k++) {
          const ptr = dv.getUint32(iovs + 8 * k, true);
          const len = dv.getUint32(iovs + 8 * k + 4, true);
          this.output(fd === 1 ? 'stdout' : 'stderr', new Uint8Array(dv.buffer, ptr, len));
          total += len;
        }
        dv.setUint32(nwritten, total, true);
        return ESUCCESS;
      },
      fd_read: (fd: number, _iovs: number, _iovsLen: number, nread: number) => {
        if (fd !== 0) return EBADF;
        this.view().setUint32(nread, 0, true); // stdin is empty
        return ESUCCESS;
      },
      fd_close: (fd: number) => (std(fd) ? ESUCCESS : EBADF),
      fd_seek: (fd: number) => (std(fd) ? ESPIPE : EBADF),
      fd_fdstat_get: (fd: number, ptr: number) => {
        if (!std(fd)) return EBADF;
        const dv = this.view();
        dv.setUint8(ptr, 2); // filetype: character device
        dv.setUint16(ptr + 2, 0, true);
        dv.setBigUint64(ptr + 8, 0xffffffffn, true);
        dv.setBigUint64(ptr + 16, 0n, true);
        return ESUCCESS;
      },
      fd_prestat_get: () => EBADF, // no preopened directories
      fd_prestat_dir_name: () => EBADF,
      proc_exit: (code: number) => {
        this.flush();
        throw new WasiExit(code);
      },
      sched_yield: () => ESUCCESS,
      clock_res_get: (_id: number, ptr: number) => {
        this.view().setBigUint64(ptr, 1000n, true);
        return ESUCCESS;
      },
      clock_time_get: (id: number, _precision: bigint, ptr: number) => {
        if (id > 3) return EINVAL;
        const ns = id === 0 ? BigInt(Date.now()) * 1_000_000n : BigInt(Math.round(performance.now() * 1e6));
        this.view().setBigUint64(ptr, ns, true);
        return ESUCCESS;
      },
      random_get: (buf: number, len: number) => {
        const bytes = new Uint8Array(this.view().buffer, buf, len);
        for (let k = 0; k < len; k++) {
          let x = this.rand; // xorshift32: deterministic, the same on every run
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          this.rand = x >>> 0;
          bytes[k] = this.rand & 0xff;
        }
        return ESUCCESS;
      },
    };
  }
}
