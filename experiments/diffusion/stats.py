"""The verdict's statistics: paired TOST for equivalence, Welch's one-sided t-test and an exact permutation test for
"worse", and summaries."""
from __future__ import annotations

import itertools
import math

import numpy as np
from scipy import stats as st


def summary(x) -> dict[str, float]:
    a = np.asarray(x, dtype=np.float64)
    return {"mean": float(a.mean()), "sd": float(a.std(ddof=1)) if len(a) > 1 else 0.0, "min": float(a.min()), "max": float(a.max()), "n": int(len(a))}


def tost_paired(a, b, margin: float) -> dict[str, float]:
    """Two one-sided tests on the paired differences d = a - b for |mean d| < margin; p is the larger one-sided p."""
    d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    n = len(d)
    m, sd = float(d.mean()), float(d.std(ddof=1))
    se = sd / math.sqrt(n) if sd > 0 else 1e-300
    p_low = float(st.t.sf((m + margin) / se, n - 1))
    p_high = float(st.t.cdf((m - margin) / se, n - 1))
    return {"meanDifference": m, "sdDifference": sd, "margin": float(margin), "pLower": p_low, "pUpper": p_high, "p": max(p_low, p_high), "df": n - 1}


def paired_greater(a, b) -> float:
    """One-sided paired t-test p-value for mean(a - b) > 0 (seed s of a and b share initialisation and data, and for
    sampling-only conditions the very same trained model)."""
    d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    sd = d.std(ddof=1)
    if sd == 0:
        return 0.0 if d.mean() > 0 else 1.0
    return float(st.t.sf(d.mean() / (sd / math.sqrt(len(d))), len(d) - 1))


def signflip_greater(a, b) -> float:
    """Exact one-sided sign-flip permutation p-value of the mean paired difference (smallest: 2^-n)."""
    d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    obs = d.mean()
    count = 0
    for signs in itertools.product((1.0, -1.0), repeat=len(d)):
        count += (np.asarray(signs) * d).mean() >= obs - 1e-12
    return count / 2 ** len(d)


def welch_greater(a, b) -> float:
    """One-sided Welch t-test p-value for mean(a) > mean(b)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    t = (a.mean() - b.mean()) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    return float(st.t.sf(t, df))


def permutation_greater(a, b) -> float:
    """Exact one-sided permutation p-value of mean(a) - mean(b) over all relabellings (smallest: 1 / C(n, k))."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    z = np.concatenate([a, b])
    obs = a.mean() - b.mean()
    count = total = 0
    for idx in itertools.combinations(range(len(z)), len(a)):
        mask = np.zeros(len(z), bool)
        mask[list(idx)] = True
        total += 1
        count += (z[mask].mean() - z[~mask].mean()) >= obs - 1e-12
    return count / total
