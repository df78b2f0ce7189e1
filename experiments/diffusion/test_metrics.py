"""Unit tests of the metrics and statistics (run by experiments/diffusion/test/metrics.test.ts, or directly:
/usr/bin/python3 -m unittest discover -s experiments/diffusion -p 'test_*.py')."""
from __future__ import annotations

import os
import sys
import unittest

import numpy as np
import scipy.linalg
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metrics  # noqa: E402
import stats  # noqa: E402
from banks import BankPlan, Cursor, NoiseExhausted  # noqa: E402


def reference_fid(mu1, s1, mu2, s2) -> float:
    """The usual FID computation (pytorch-fid): ||mu1 - mu2||^2 + tr(S1 + S2 - 2 sqrtm(S1 S2)) with scipy's sqrtm."""
    covmean, _ = scipy.linalg.sqrtm(s1 @ s2, disp=False)
    covmean = covmean.real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


class FrechetTest(unittest.TestCase):
    def test_matches_scipy_sqrtm_reference(self):
        rng = np.random.default_rng(1)
        for d in (2, 8, 32):
            for _ in range(5):
                a = rng.standard_normal((d, d))
                b = rng.standard_normal((d, d)) * 0.5
                s1, s2 = a @ a.T + 0.1 * np.eye(d), b @ b.T + 0.1 * np.eye(d)
                mu1, mu2 = rng.standard_normal(d), rng.standard_normal(d)
                self.assertAlmostEqual(metrics.frechet_distance(mu1, s1, mu2, s2), reference_fid(mu1, s1, mu2, s2), delta=1e-7 * (1 + reference_fid(mu1, s1, mu2, s2)))

    def test_closed_forms(self):
        eye = np.eye(3)
        self.assertAlmostEqual(metrics.frechet_distance(np.zeros(3), eye, np.zeros(3), eye), 0.0, places=10)
        # N(0, I) vs N(m, 4 I): |m|^2 + 3 (1 + 4 - 2 * 2)
        self.assertAlmostEqual(metrics.frechet_distance(np.zeros(3), eye, np.ones(3), 4 * eye), 3 + 3, places=10)

    def test_detects_a_wrong_covariance(self):
        rng = np.random.default_rng(2)
        x = rng.standard_normal((4000, 4))
        self.assertLess(metrics.frechet_of_samples(x, rng.standard_normal((4000, 4))), 0.02)
        self.assertGreater(metrics.frechet_of_samples(x, rng.standard_normal((4000, 4)) * np.sqrt(0.8)), 0.04)


class DistancesTest(unittest.TestCase):
    def test_energy_distance_and_mmd_separate_distributions(self):
        g = torch.Generator().manual_seed(3)
        x, y = torch.randn(1000, 2, generator=g), torch.randn(1000, 2, generator=g)
        z = torch.randn(1000, 2, generator=g) * 0.8 + 0.3
        self.assertLess(abs(metrics.energy_distance(x, y)), 0.01)
        self.assertGreater(metrics.energy_distance(x, z), 0.05)
        self.assertLess(abs(metrics.mmd_rbf(x, y)), 0.005)
        self.assertGreater(metrics.mmd_rbf(x, z), 0.02)


class StatsTest(unittest.TestCase):
    def test_tost_and_worse(self):
        a = [1.0, 1.1, 0.9, 1.05, 0.95]
        self.assertLess(stats.tost_paired(a, [1.02, 1.08, 0.93, 1.0, 0.97], 0.2)["p"], 0.05)
        self.assertGreater(stats.tost_paired(a, [1.5, 1.6, 1.4, 1.55, 1.45], 0.2)["p"], 0.5)
        self.assertLess(stats.welch_greater([2.0, 2.1, 1.9, 2.05, 1.95], a), 1e-4)
        self.assertAlmostEqual(stats.permutation_greater([2.0, 2.1, 1.9, 2.05, 1.95], a), 1 / 252)
        self.assertGreater(stats.welch_greater(a, a), 0.4)


class BankPlanTest(unittest.TestCase):
    def test_segments_are_disjoint_and_bounded(self):
        plan = BankPlan()
        plan.add("tree", "a/train", 10)
        plan.add("tree", "a/sample", 5)
        plan.add("tree", "b/train", 10)
        self.assertEqual(plan.offset("tree", "a/sample"), (10, 5))
        self.assertEqual(plan.total("tree"), 25)
        with self.assertRaises(ValueError):
            plan.add("tree", "a/train", 1)
        data = np.arange(25, dtype=np.float32)
        c = Cursor(data, *plan.offset("tree", "a/sample"), "tree:a/sample")
        self.assertEqual(c.take((2, 2)).flatten().tolist(), [10, 11, 12, 13])
        with self.assertRaises(NoiseExhausted):
            c.take((2,))


if __name__ == "__main__":
    unittest.main()
