"""Data sets: two 2-D toys (eight Gaussians, two moons), the 8x8 digits of python3-sklearn
(sklearn/datasets/data/digits.csv.gz, read by sklearn's own loader: no download), and, for paper scale, images from a
folder or a .npy array (`images:PATH`)."""
from __future__ import annotations

import math
import os

import numpy as np
import torch

TOYS = ("eight-gaussians", "two-moons")
#: Digits split: a fixed permutation (seed 0) gives 1297 training and 500 held-out images, the same for every run.
DIGITS_HELDOUT = 500


def eight_gaussians(n: int, seed: int) -> torch.Tensor:
    """Eight Gaussians (sd 0.1) on a circle of radius 2, scaled by 1/sqrt(2) (about unit variance per axis)."""
    rng = np.random.default_rng(seed)
    k = rng.integers(0, 8, n)
    centres = np.stack([np.cos(k * math.pi / 4), np.sin(k * math.pi / 4)], 1) * 2.0
    x = (centres + 0.1 * rng.standard_normal((n, 2))) / math.sqrt(2)
    return torch.from_numpy(x.astype(np.float32))


def two_moons(n: int, seed: int) -> torch.Tensor:
    """sklearn's two moons (noise 0.05), centred and scaled with fixed constants to about unit variance."""
    from sklearn.datasets import make_moons

    x, _ = make_moons(n, noise=0.05, random_state=seed)
    x = (x - np.array([0.5, 0.25])) / np.array([0.87, 0.5])
    return torch.from_numpy(x.astype(np.float32))


def toy(name: str, n: int, seed: int) -> torch.Tensor:
    if name == "eight-gaussians":
        return eight_gaussians(n, seed)
    if name == "two-moons":
        return two_moons(n, seed)
    raise ValueError(f"unknown toy '{name}' (choose {', '.join(TOYS)})")


def digits() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """(train images, train labels, held-out images, held-out labels); pixels 0..16 mapped to [-1, 1]."""
    from sklearn.datasets import load_digits

    d = load_digits()
    x = (d.data.astype(np.float32) / 16.0) * 2 - 1
    y = d.target.astype(np.int64)
    perm = np.random.default_rng(0).permutation(len(x))
    tr, ho = perm[DIGITS_HELDOUT:], perm[:DIGITS_HELDOUT]
    t = lambda a: torch.from_numpy(np.ascontiguousarray(a))  # noqa: E731
    return t(x[tr]), t(y[tr]), t(x[ho]), t(y[ho])


def images(path: str) -> torch.Tensor:
    """Images as (N, C, H, W) in [-1, 1]: a .npy array (N, H, W, C) or (N, C, H, W) of uint8, or a folder of image
    files (needs python3-pil)."""
    if path.endswith(".npy"):
        a = np.load(path, mmap_mode="r")
    else:
        try:
            from PIL import Image
        except ImportError as e:
            raise ValueError("reading an image folder needs python3-pil (or pass a .npy array)") from e
        files = sorted(f for f in os.listdir(path) if f.lower().endswith((".png", ".jpg", ".jpeg")))
        if not files:
            raise FileNotFoundError(f"no images in {path}")
        a = np.stack([np.asarray(Image.open(os.path.join(path, f)).convert("RGB")) for f in files])
    if a.ndim != 4:
        raise ValueError(f"{path}: expected 4 dimensions, got {a.shape}")
    if a.shape[-1] in (1, 3):
        a = np.transpose(a, (0, 3, 1, 2))
    return torch.from_numpy(np.asarray(a, dtype=np.float32) / 127.5 - 1.0)


def load(name: str, seed: int = 0, n_toy: int = 20000) -> tuple[torch.Tensor, torch.Tensor]:
    """(training data, held-out data) of a data set."""
    if name in TOYS:
        return toy(name, n_toy, 1000 + seed), toy(name, 5000, 999_999)
    if name == "digits":
        tr, _, ho, _ = digits()
        return tr, ho
    if name.startswith("images:"):
        x = images(name[len("images:"):])
        return x, x[:0]
    raise ValueError(f"unknown data set '{name}' (choose {', '.join(TOYS)}, digits or images:PATH)")


def to_images(x: torch.Tensor, name: str) -> np.ndarray:
    """Samples as (N, H, W) or (N, H, W, 3) arrays in [0, 1] for a PNG grid."""
    if name == "digits":
        return ((x.reshape(-1, 8, 8).clamp(-1, 1) + 1) / 2).numpy()
    a = ((x.clamp(-1, 1) + 1) / 2).numpy()
    return np.transpose(a, (0, 2, 3, 1)) if a.shape[1] == 3 else a[:, 0]
