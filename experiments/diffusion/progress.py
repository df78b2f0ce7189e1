"""A progress display like common/progress.ts: one redrawn line on a terminal (at most 10 times a second), plain lines
at every tenth of the work elsewhere."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, total: int, unit: str = "", stream=None):
        self.label, self.total, self.unit = label, max(int(total), 1), f" {unit}" if unit else ""
        self.out = stream or sys.stderr
        self.tty = bool(getattr(self.out, "isatty", lambda: False)())
        self.start, self.last, self.tenth, self.done = time.time(), 0.0, -1, False

    def update(self, done: int) -> None:
        if self.done:
            return
        now = time.time()
        end = done >= self.total
        frac = min(1.0, done / self.total)
        el = now - self.start
        rate = done / el if el > 0 else 0.0
        eta = (self.total - done) / rate if rate > 0 else float("nan")
        text = f"{self.label}: {done} / {self.total}{self.unit} ({100 * frac:.0f} %), {rate:.1f}{self.unit}/s, " + (f"{el:.0f} s total" if end else f"ETA {eta:.0f} s")
        if self.tty:
            if not end and now - self.last < 0.1:
                return
            self.last = now
            filled = round(frac * 24)
            self.out.write(f"\r[{'#' * filled}{'.' * (24 - filled)}] {text}\x1b[K" + ("\n" if end else ""))
        else:
            tenth = int(frac * 10)
            if tenth == self.tenth and not end:
                return
            self.tenth = tenth
            if tenth == 0 and not end:
                return
            self.out.write(text + "\n")
        self.out.flush()
        if end:
            self.done = True
