"""A tiny PNG writer (zlib, no matplotlib) and the experiment's pictures: sample grids, 2-D scatter plots and line
charts of the training curves, drawn into raster arrays."""
from __future__ import annotations

import struct
import zlib

import numpy as np


def write_png(path: str, img: np.ndarray) -> None:
    """Writes an (H, W) grey or (H, W, 3) RGB array with values in [0, 1] as an 8-bit PNG."""
    a = np.clip(np.asarray(img, dtype=np.float64), 0, 1)
    a = np.round(a * 255).astype(np.uint8)
    if a.ndim == 2:
        a = np.repeat(a[:, :, None], 3, axis=2)
    h, w, _ = a.shape
    raw = b"".join(b"\x00" + a[y].tobytes() for y in range(h))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    tmp = f"{path}.tmp"
    with open(tmp, "wb") as f:
        f.write(png)
    import os
    os.replace(tmp, path)


def save_grid(path: str, imgs: np.ndarray, cols: int = 8, scale: int = 4, pad: int = 1) -> None:
    """A grid of (N, H, W[, 3]) images, each magnified `scale` times."""
    n = min(len(imgs), cols * cols)
    rows = (n + cols - 1) // cols
    h, w = imgs.shape[1] * scale, imgs.shape[2] * scale
    rgb = imgs.ndim == 4
    canvas = np.ones((rows * (h + pad) + pad, cols * (w + pad) + pad) + ((3,) if rgb else ()))
    for i in range(n):
        r, c = divmod(i, cols)
        im = np.kron(imgs[i], np.ones((scale, scale) + ((1,) if rgb else ())))
        canvas[pad + r * (h + pad): pad + r * (h + pad) + h, pad + c * (w + pad): pad + c * (w + pad) + w] = im
    write_png(path, canvas)


PALETTE = [(0.12, 0.47, 0.71), (1.0, 0.5, 0.05), (0.17, 0.63, 0.17), (0.84, 0.15, 0.16), (0.58, 0.4, 0.74),
           (0.55, 0.34, 0.29), (0.89, 0.47, 0.76), (0.5, 0.5, 0.5), (0.74, 0.74, 0.13), (0.09, 0.75, 0.81)]


def scatter(path: str, panels: list[np.ndarray], size: int = 200, lim: float = 2.5) -> None:
    """Side-by-side 2-D scatter panels (points in [-lim, lim]^2)."""
    canvas = np.ones((size, len(panels) * (size + 4), 3))
    for k, pts in enumerate(panels):
        x0 = k * (size + 4)
        canvas[:, x0 + size: x0 + size + 4] = 0.8
        p = np.asarray(pts)
        ix = np.clip(((p[:, 0] + lim) / (2 * lim) * (size - 1)).astype(int), 0, size - 1)
        iy = np.clip(((lim - p[:, 1]) / (2 * lim) * (size - 1)).astype(int), 0, size - 1)
        canvas[iy, x0 + ix] = PALETTE[0]
    write_png(path, canvas)


def line_chart(path: str, series: dict[str, list[float]], width: int = 480, height: int = 240) -> list[str]:
    """Curves (log scale on y) in one chart, one colour each; returns the legend (colour index order)."""
    canvas = np.ones((height, width, 3))
    canvas[height - 1, :] = 0
    canvas[:, 0] = 0
    vals = [v for s in series.values() for v in s if v > 0]
    if not vals:
        write_png(path, canvas)
        return list(series)
    lo, hi = np.log(min(vals)), np.log(max(vals))
    hi = hi if hi > lo else lo + 1
    for k, (name, s) in enumerate(series.items()):
        if len(s) < 2:
            continue
        xs = np.linspace(1, width - 2, len(s))
        ys = (height - 2) - (np.log(np.clip(s, 1e-12, None)) - lo) / (hi - lo) * (height - 3)
        for i in range(len(s) - 1):
            for f in np.linspace(0, 1, 12):
                x = int(xs[i] + f * (xs[i + 1] - xs[i]))
                y = int(ys[i] + f * (ys[i + 1] - ys[i]))
                canvas[max(0, y - 1): y + 1, max(0, x): x + 1] = PALETTE[k % len(PALETTE)]
    write_png(path, canvas)
    return list(series)
