/**
 * One progress display for long work. On a terminal it redraws one line (bar, count, rate, ETA) at most ten times a
 * second; elsewhere (CI logs, pipes) it prints a plain line at every tenth of the work, so logs get no `\r` spam.
 */

/** Options of {@link progressBar}. */
export interface ProgressOptions {
  /** What is counted, e.g. 'samples'. */
  readonly unit?: string;
  /** Where to draw (default: process.stderr). */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Force terminal (true) or log (false) mode; default: the stream's own `isTTY`. */
  readonly tty?: boolean;
  /** A clock in milliseconds (tests pass a fake one). */
  readonly now?: () => number;
}

/** A progress callback: `update(done, total)`; call with done === total once at the end. */
export type ProgressFn = (done: number, total: number) => void;

/**
 * A progress callback that draws a bar with rate and ETA on a terminal and milestone lines elsewhere.
 *
 * @example
 * const update = progressBar('simulate', { unit: 'samples' });
 * for (let i = 1; i <= 1000; i++) update(i, 1000);
 */
export function progressBar(label: string, opts: ProgressOptions = {}): ProgressFn {
  const out = opts.stream ?? process.stderr;
  const tty = opts.tty ?? Boolean(out.isTTY);
  const now = opts.now ?? (() => performance.now());
  const unit = opts.unit ? ` ${opts.unit}` : '';
  const start = now();
  let lastDraw = -Infinity;
  let lastTenth = -1;
  let finished = false;
  return (done, total) => {
    if (finished) return;
    const t = now();
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const end = done >= total;
    const elapsed = (t - start) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : NaN;
    const text = `${label}: ${done} / ${total}${unit} (${(100 * frac).toFixed(0)} %), ${formatRate(rate)}${unit}/s, ${end ? `${formatSeconds(elapsed)} total` : `ETA ${formatSeconds(eta)}`}`;
    if (tty) {
      if (!end && t - lastDraw < 100) return;
      lastDraw = t;
      const width = 24;
      const filled = Math.round(frac * width);
      out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K${end ? '\n' : ''}`);
    } else {
      const tenth = Math.floor(frac * 10);
      if (tenth === lastTenth && !end) return;
      lastTenth = tenth;
      if (tenth === 0 && !end) return;
      out.write(`${text}\n`);
    }
    if (end) finished = true;
  };
}

function formatRate(r: number): string {
  return r >= 1e4 ? r.toExponential(2) : r.toFixed(r >= 100 ? 0 : 1);
}

/** `42 s`, `3 min 5 s`, `1 h 02 min`; `?` when unknown. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
