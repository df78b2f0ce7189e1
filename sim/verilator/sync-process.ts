/**
 * Synchronous request/response with a child process over its stdin/stdout pipes. Node cannot block on a pipe, so a
 * small worker thread owns the process and does the asynchronous I/O while the caller waits on a shared-memory flag
 * (Atomics.wait). Each request states how many response bytes to expect. If the process dies, the waiting call
 * throws with the process's exit status and the tail of its stderr.
 */
import { Worker } from 'node:worker_threads';
import { SimulationError } from './errors.ts';

// Plain CommonJS run with `eval: true`, so it needs no TypeScript loader inside the worker.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const child = spawn(workerData.file, workerData.args, { stdio: ['pipe', 'pipe', 'pipe'] });
let chunks = [], have = 0, pending = null, dead = null, stderr = '';
child.stdin.on('error', () => {});
child.stderr.on('data', (d) => { stderr = (stderr + d.toString()).slice(-16384); process.stderr.write(d); });
child.stdout.on('data', (d) => { chunks.push(d); have += d.length; pump(); });
child.on('error', (e) => { dead = 'could not start: ' + e.message; fail(); });
child.on('close', (code, signal) => { dead = signal ? 'killed by ' + signal : 'exited with code ' + code; fail(); });
function finish(state) { const ctl = new Int32Array(pending.ctl); pending = null; Atomics.store(ctl, 0, state); Atomics.notify(ctl, 0); }
function pump() {
  if (!pending || have < pending.expect) return;
  const buf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  new Uint8Array(pending.resp, 0, pending.expect).set(buf.subarray(0, pending.expect));
  const rest = buf.subarray(pending.expect);
  chunks = rest.length ? [rest] : []; have = rest.length;
  finish(1);
}
function fail() {
  if (!pending || dead === null) return;
  const msg = Buffer.from(dead + (stderr ? '\\n' + stderr.trim() : ''));
  const err = new Uint8Array(pending.err);
  const n = Math.min(msg.length, err.length - 4);
  new DataView(pending.err).setUint32(0, n, true);
  err.set(msg.subarray(0, n), 4);
  finish(2);
}
parentPort.on('message', (m) => {
  if (m.quit) { child.stdin.end(m.req ? Buffer.from(m.req) : undefined); setTimeout(() => { child.kill(); process.exit(0); }, 2000).unref(); child.on('close', () => process.exit(0)); return; }
  pending = m;
  if (dead !== null) return fail();
  child.stdin.write(Buffer.from(m.req.buffer, m.req.byteOffset, m.req.byteLength));
  pump();
});
`;

/** A child process driven synchronously: `request` writes bytes and blocks until the expected reply arrives. */
export class SyncProcess {
  private readonly worker: Worker;
  private readonly ctl = new Int32Array(new SharedArrayBuffer(4));
  private readonly err = new SharedArrayBuffer(16384);
  private resp = new SharedArrayBuffer(1 << 16);
  private closed = false;

  /**
   * @example
   * const p = new SyncProcess('/bin/cat', []);
   * p.request(new Uint8Array([1, 2, 3]), 3); // Uint8Array [1, 2, 3]
   * p.close();
   */
  constructor(file: string, args: readonly string[]) {
    this.worker = new Worker(workerSource, { eval: true, workerData: { file, args } });
    this.worker.unref();
  }

  /** Sends `req` and returns the next `expect` bytes of the process's output (a view valid until the next call). */
  request(req: Uint8Array, expect: number): Uint8Array {
    if (this.closed) throw new SimulationError('the model was disposed');
    if (this.resp.byteLength < expect) this.resp = new SharedArrayBuffer(Math.max(expect, this.resp.byteLength * 2));
    Atomics.store(this.ctl, 0, 0);
    this.worker.postMessage({ req, expect, resp: this.resp, ctl: this.ctl.buffer, err: this.err });
    Atomics.wait(this.ctl, 0, 0);
    if (Atomics.load(this.ctl, 0) === 2) {
      const n = new DataView(this.err).getUint32(0, true);
      this.closed = true;
      void this.worker.terminate();
      throw new SimulationError(`the native model process failed: ${Buffer.from(new Uint8Array(this.err, 4, n)).toString()}`);
    }
    return new Uint8Array(this.resp, 0, expect);
  }

  /** Sends a last message (if any), closes the process's stdin and lets it exit. */
  close(last?: Uint8Array): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage({ quit: true, req: last });
  }
}
