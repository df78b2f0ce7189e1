"""Quality metrics.

- frechet_distance: ||mu1 - mu2||^2 + tr(S1 + S2 - 2 (S1^1/2 S2 S1^1/2)^1/2) between Gaussian fits (the FID formula;
  the symmetric form equals tr sqrtm(S1 S2) and only needs symmetric eigendecompositions).
- DigitFeatures: a small classifier trained on the real training digits; the "FID analogue" is the Frechet distance
  in its 32-D penultimate features between generated and held-out real digits. It is NOT Inception FID.
- energy_distance and mmd_rbf (median-heuristic RBF kernel) for the 2-D toys against fresh data.
"""
from __future__ import annotations

import numpy as np
import torch
from torch import nn


def sqrtm_psd(a: np.ndarray) -> np.ndarray:
    """Square root of a symmetric positive semi-definite matrix (negative round-off eigenvalues clipped to 0)."""
    w, v = np.linalg.eigh((a + a.T) / 2)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T


def frechet_distance(mu1: np.ndarray, s1: np.ndarray, mu2: np.ndarray, s2: np.ndarray) -> float:
    r1 = sqrtm_psd(s1)
    cross = sqrtm_psd(r1 @ s2 @ r1)
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2) - 2 * np.trace(cross))


def gaussian_fit(f: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    f = np.asarray(f, dtype=np.float64)
    return f.mean(0), np.cov(f, rowvar=False)


def frechet_of_samples(a: np.ndarray, b: np.ndarray) -> float:
    return frechet_distance(*gaussian_fit(a), *gaussian_fit(b))


def energy_distance(x: torch.Tensor, y: torch.Tensor) -> float:
    """2 E|X - Y| - E|X - X'| - E|Y - Y'| (U-statistics within samples)."""
    x, y = x.double(), y.double()
    n, m = len(x), len(y)
    xy = torch.cdist(x, y).mean()
    xx = torch.cdist(x, x).sum() / (n * (n - 1))
    yy = torch.cdist(y, y).sum() / (m * (m - 1))
    return float(2 * xy - xx - yy)


def mmd_rbf(x: torch.Tensor, y: torch.Tensor) -> float:
    """Unbiased MMD^2 with an RBF kernel whose bandwidth is the median pairwise distance of the pooled sample."""
    x, y = x.double(), y.double()
    z = torch.cat([x, y])
    d = torch.cdist(z, z)
    h = torch.median(d[d > 0])
    k = torch.exp(-(d ** 2) / (2 * h ** 2))
    n = len(x)
    kxx, kyy, kxy = k[:n, :n], k[n:, n:], k[:n, n:]
    m = len(y)
    return float((kxx.sum() - kxx.diag().sum()) / (n * (n - 1)) + (kyy.sum() - kyy.diag().sum()) / (m * (m - 1)) - 2 * kxy.mean())


class DigitClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 32), nn.ReLU())
        self.head = nn.Linear(32, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.body(x))


class DigitFeatures:
    """The feature network of the FID analogue, trained once (seed 0) on the real training digits."""

    def __init__(self, train_x: torch.Tensor, train_y: torch.Tensor, test_x: torch.Tensor, test_y: torch.Tensor, epochs: int = 60):
        torch.manual_seed(0)
        gen = torch.Generator().manual_seed(0)
        self.net = DigitClassifier()
        opt = torch.optim.Adam(self.net.parameters(), lr=1e-3, weight_decay=1e-4)
        for _ in range(epochs):
            perm = torch.randperm(len(train_x), generator=gen)
            for i in range(0, len(perm), 64):
                b = perm[i:i + 64]
                loss = nn.functional.cross_entropy(self.net(train_x[b]), train_y[b])
                opt.zero_grad()
                loss.backward()
                opt.step()
        self.net.eval()
        with torch.no_grad():
            self.test_accuracy = float((self.net(test_x).argmax(1) == test_y).float().mean())
        self.reference = self.features(test_x)

    @torch.no_grad()
    def features(self, x: torch.Tensor) -> np.ndarray:
        return self.net.body(x.reshape(-1, 64).clamp(-1, 1)).numpy()

    @torch.no_grad()
    def evaluate(self, x: torch.Tensor) -> dict[str, float]:
        """FID analogue against the held-out digits, confidence and label entropies of the generated digits."""
        x = x.reshape(-1, 64).clamp(-1, 1)
        p = torch.softmax(self.net(x), 1)
        hist = torch.bincount(p.argmax(1), minlength=10).double() / len(x)
        label_entropy = float(-(hist[hist > 0] * hist[hist > 0].log()).sum())
        per_sample = float((-(p * p.clamp_min(1e-12).log()).sum(1)).mean())
        return {
            "fidAnalogue": frechet_of_samples(self.features(x), self.reference),
            "meanConfidence": float(p.max(1).values.mean()),
            "labelEntropyNats": label_entropy,
            "meanPredictionEntropyNats": per_sample,
        }
