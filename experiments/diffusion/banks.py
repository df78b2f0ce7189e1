"""Noise banks on the Python side: memory-mapped float32 .npy files written by experiments/noise (writeNoiseBank),
consumed sequentially.

Offset rule (documented in docs/diffusion.md): the experiment's plan lists every use of a bank in a fixed order
(dataset, training seed, phase); use i gets the contiguous segment [sum of lengths of uses 0..i-1, + its length). Segments
never overlap, a run can never read past its segment (NoiseExhausted), and the bank is generated with exactly the
plan's total, so no value is ever used twice.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

import numpy as np
import torch


class NoiseExhausted(RuntimeError):
    """A run asked for more noise than its segment holds."""


class Cursor:
    """Sequential reader of one segment of a bank; `take(shape)` returns the next values as a float32 tensor."""

    def __init__(self, data: np.ndarray, start: int, length: int, label: str):
        self.data, self.start, self.end, self.pos, self.label = data, start, start + length, start, label

    def take(self, shape: tuple[int, ...]) -> torch.Tensor:
        n = int(np.prod(shape))
        if self.pos + n > self.end:
            raise NoiseExhausted(f"{self.label}: segment [{self.start}, {self.end}) exhausted at {self.pos} (+{n})")
        out = torch.from_numpy(np.array(self.data[self.pos:self.pos + n], dtype=np.float32)).reshape(shape)
        self.pos += n
        return out

    @property
    def used(self) -> int:
        return self.pos - self.start


class SoftwareCursor:
    """torch's own N(0,1) (for the paper-scale path when no bank is given); not used by the experiment's verdict."""

    def __init__(self, seed: int, label: str = "torch.randn"):
        self.gen, self.label, self.used = torch.Generator().manual_seed(seed), label, 0

    def take(self, shape: tuple[int, ...]) -> torch.Tensor:
        self.used += int(np.prod(shape))
        return torch.randn(shape, generator=self.gen)


@dataclass
class BankPlan:
    """Uses of each bank in plan order; offsets follow from the order (the documented rule)."""

    uses: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def add(self, bank: str, key: str, length: int) -> None:
        uses = self.uses.setdefault(bank, [])
        if any(k == key for k, _ in uses):
            raise ValueError(f"bank {bank}: use {key} planned twice")
        uses.append((key, int(length)))

    def total(self, bank: str) -> int:
        return sum(n for _, n in self.uses.get(bank, []))

    def offset(self, bank: str, key: str) -> tuple[int, int]:
        off = 0
        for k, n in self.uses[bank]:
            if k == key:
                return off, n
            off += n
        raise KeyError(f"bank {bank}: no use {key}")

    def table(self) -> dict[str, list[dict[str, int | str]]]:
        out: dict[str, list[dict[str, int | str]]] = {}
        for bank in self.uses:
            out[bank] = [{"use": k, "offset": self.offset(bank, k)[0], "length": n} for k, n in self.uses[bank]]
        return out


class Bank:
    """A memory-mapped bank with its side file."""

    def __init__(self, path: str):
        self.path = path
        self.data = np.load(path, mmap_mode="r")
        if self.data.dtype != np.float32 or self.data.ndim != 1:
            raise ValueError(f"{path}: expected a 1-D float32 array, got {self.data.dtype} {self.data.shape}")
        side = path[:-4] + ".json" if path.endswith(".npy") else path + ".json"
        with open(side, encoding="utf8") as f:
            self.meta = json.load(f)
        if self.meta.get("format") != "meram-hdl/noise-bank" or self.meta.get("samples") != len(self.data):
            raise ValueError(f"{side}: not the side file of {os.path.basename(path)}")

    def cursor(self, plan: BankPlan, bank: str, key: str) -> Cursor:
        start, length = plan.offset(bank, key)
        if start + length > len(self.data):
            raise NoiseExhausted(f"{self.path}: use {key} needs [{start}, {start + length}), bank has {len(self.data)}")
        return Cursor(self.data, start, length, f"{bank}:{key}")
