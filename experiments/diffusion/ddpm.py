"""DDPM (Ho, Jain, Abbeel 2020): linear beta schedule, epsilon prediction, ancestral sampling with sigma_t^2 = beta_t.

Every Gaussian draw of the method goes through a noise cursor (banks.Cursor): the forward-process epsilon in training,
and x_T plus the per-step z of ancestral sampling. Timesteps and minibatches come from a seeded torch.Generator
(they are not the process noise).

Run one model directly (paper scale, see docs/diffusion.md):
    /usr/bin/python3 experiments/diffusion/ddpm.py --dataset images:/data/celebahq256 --model unet --T 1000 \
        --epochs 100 --batch 64 --device cuda --noise build/noise/tree.npy --out build/paper
"""
from __future__ import annotations

import argparse
import math
import os
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from progress import Progress  # noqa: E402


class Schedule:
    """Linear beta from 1e-4 to 0.02 at T = 1000; for a smaller T both ends are scaled by 1000 / T (so alpha-bar_T,
    the signal left at the last step, stays near 0 as at T = 1000; Nichol & Dhariwal 2021 scale it the same way)."""

    def __init__(self, T: int, device: str = "cpu"):
        scale = 1000.0 / T
        self.T = T
        self.betas = torch.linspace(1e-4 * scale, 0.02 * scale, T, dtype=torch.float64)
        self.alphas = 1.0 - self.betas
        self.abar = torch.cumprod(self.alphas, 0)
        to = lambda x: x.float().to(device)  # noqa: E731
        self.betas_f, self.alphas_f, self.abar_f = to(self.betas), to(self.alphas), to(self.abar)


def time_embedding(t: torch.Tensor, dim: int) -> torch.Tensor:
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, device=t.device, dtype=torch.float32) / half)
    a = t.float()[:, None] * freqs[None]
    return torch.cat([torch.sin(a), torch.cos(a)], dim=1)


class MLP(nn.Module):
    """epsilon_theta for flat data (2-D toys, 8x8 digits): [x, emb(t)] -> hidden x depth (SiLU) -> x."""

    def __init__(self, dim: int, hidden: int = 128, depth: int = 3, temb: int = 32):
        super().__init__()
        self.temb = temb
        layers: list[nn.Module] = [nn.Linear(dim + temb, hidden), nn.SiLU()]
        for _ in range(depth - 1):
            layers += [nn.Linear(hidden, hidden), nn.SiLU()]
        layers.append(nn.Linear(hidden, dim))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        shape = x.shape
        h = torch.cat([x.reshape(shape[0], -1), time_embedding(t, self.temb)], dim=1)
        return self.net(h).reshape(shape)


class ResBlock(nn.Module):
    def __init__(self, cin: int, cout: int, temb: int):
        super().__init__()
        self.n1, self.c1 = nn.GroupNorm(8, cin), nn.Conv2d(cin, cout, 3, padding=1)
        self.t = nn.Linear(temb, cout)
        self.n2, self.c2 = nn.GroupNorm(8, cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x: torch.Tensor, e: torch.Tensor) -> torch.Tensor:
        h = self.c1(torch.nn.functional.silu(self.n1(x))) + self.t(e)[:, :, None, None]
        h = self.c2(torch.nn.functional.silu(self.n2(h)))
        return h + self.skip(x)


class UNet(nn.Module):
    """A small DDPM U-Net (residual blocks, `len(mults)` resolutions) for images at paper scale; widen with `base`."""

    def __init__(self, channels: int = 3, base: int = 64, mults: tuple[int, ...] = (1, 2, 2, 4), temb: int = 256):
        super().__init__()
        self.temb = temb
        self.emb = nn.Sequential(nn.Linear(temb, temb), nn.SiLU(), nn.Linear(temb, temb))
        self.inp = nn.Conv2d(channels, base, 3, padding=1)
        chans = [base * m for m in mults]
        self.down = nn.ModuleList()
        c = base
        for i, ch in enumerate(chans):
            self.down.append(nn.ModuleList([ResBlock(c, ch, temb), nn.Conv2d(ch, ch, 3, stride=2, padding=1) if i < len(chans) - 1 else nn.Identity()]))
            c = ch
        self.mid = ResBlock(c, c, temb)
        self.up = nn.ModuleList()
        for i, ch in reversed(list(enumerate(chans))):
            self.up.append(nn.ModuleList([ResBlock(c + ch, ch, temb), nn.Upsample(scale_factor=2) if i > 0 else nn.Identity()]))
            c = ch
        self.out = nn.Sequential(nn.GroupNorm(8, c), nn.SiLU(), nn.Conv2d(c, channels, 3, padding=1))

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        e = self.emb(time_embedding(t, self.temb))
        h = self.inp(x)
        skips = []
        for block, down in self.down:
            h = block(h, e)
            skips.append(h)
            h = down(h)
        h = self.mid(h, e)
        for block, up in self.up:
            h = block(torch.cat([h, skips.pop()], dim=1), e)
            h = up(h)
        return self.out(h)


def make_model(kind: str, shape: tuple[int, ...], hidden: int) -> nn.Module:
    if kind == "mlp":
        return MLP(int(math.prod(shape)), hidden=hidden)
    if kind == "unet":
        return UNet(channels=shape[0], base=hidden)
    raise ValueError(f"unknown model '{kind}' (choose mlp or unet)")


def train(model: nn.Module, data: torch.Tensor, sched: Schedule, noise, steps: int, batch: int, lr: float, seed: int,
          device: str = "cpu", progress: Progress | None = None, curve_every: int = 50, ema: float = 0.995) -> list[float]:
    """Trains epsilon_theta for `steps` minibatches with Adam (learning rate decayed linearly to 10 %); the
    forward-process epsilon comes from `noise`. At the end the weights are replaced by their exponential moving average
    (decay `ema`, as Ho et al.; 0 disables). Returns the loss curve (mean loss per `curve_every` steps)."""
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    decay = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: 1.0 - 0.9 * k / max(steps, 1))
    shadow = [p.detach().clone() for p in model.parameters()] if ema > 0 else []
    model.train()
    curve, acc = [], 0.0
    for step in range(steps):
        idx = torch.randint(0, data.shape[0], (batch,), generator=gen)
        t = torch.randint(0, sched.T, (batch,), generator=gen)
        x0 = data[idx].to(device)
        eps = noise.take((batch,) + tuple(data.shape[1:])).to(device)
        ab = sched.abar_f[t.to(device)].reshape((batch,) + (1,) * (data.dim() - 1))
        xt = ab.sqrt() * x0 + (1 - ab).sqrt() * eps
        loss = ((model(xt, t.to(device)) - eps) ** 2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        decay.step()
        if shadow:
            with torch.no_grad():
                torch._foreach_mul_(shadow, ema)
                torch._foreach_add_(shadow, [p.detach() for p in model.parameters()], alpha=1 - ema)
        acc += float(loss)
        if (step + 1) % curve_every == 0:
            curve.append(acc / curve_every)
            acc = 0.0
        if progress:
            progress.update(step + 1)
    if shadow:
        with torch.no_grad():
            for sp, p in zip(shadow, model.parameters()):
                p.copy_(sp)
    return curve


@torch.no_grad()
def sample(model: nn.Module, n: int, shape: tuple[int, ...], sched: Schedule, noise, device: str = "cpu", chunk: int = 4096) -> torch.Tensor:
    """Ancestral sampling: x_T from `noise`, then x_{t-1} = (x_t - beta_t / sqrt(1 - abar_t) eps) / sqrt(alpha_t)
    + sigma_t z with z from `noise` for t > 1 (T * n * prod(shape) values in all)."""
    model.eval()
    outs = []
    for s in range(0, n, chunk):
        m = min(chunk, n - s)
        x = noise.take((m,) + shape).to(device)
        for t in range(sched.T - 1, -1, -1):
            tt = torch.full((m,), t, dtype=torch.long, device=device)
            eps = model(x, tt)
            b, a, ab = sched.betas_f[t], sched.alphas_f[t], sched.abar_f[t]
            x = (x - b / (1 - ab).sqrt() * eps) / a.sqrt()
            if t > 0:
                x = x + b.sqrt() * noise.take((m,) + shape).to(device)
        outs.append(x.cpu())
    return torch.cat(outs)


def noise_per_training(steps: int, batch: int, shape: tuple[int, ...]) -> int:
    return steps * batch * int(math.prod(shape))


def noise_per_sampling(n: int, shape: tuple[int, ...], T: int) -> int:
    return T * n * int(math.prod(shape))


def main() -> None:
    from banks import Bank, BankPlan, SoftwareCursor
    import data as datasets
    from png import save_grid

    ap = argparse.ArgumentParser(description="Train and sample one DDPM with noise from a bank (or torch.randn).")
    ap.add_argument("--dataset", default="digits", help="eight-gaussians | two-moons | digits | images:PATH")
    ap.add_argument("--model", default="mlp", choices=["mlp", "unet"])
    ap.add_argument("--hidden", type=int, default=256, help="MLP width or U-Net base channels")
    ap.add_argument("--T", type=int, default=1000)
    ap.add_argument("--epochs", type=float, default=10)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--samples", type=int, default=64)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--noise", default="", help="a .npy bank (consumed from offset 0: training, then sampling); empty: torch.randn")
    ap.add_argument("--out", default="build/ddpm")
    a = ap.parse_args()
    try:
        train_x, _ = datasets.load(a.dataset, seed=a.seed)
        shape = tuple(train_x.shape[1:])
        steps = int(math.ceil(a.epochs * train_x.shape[0] / a.batch))
        sched = Schedule(a.T, a.device)
        if a.noise:
            plan = BankPlan()
            plan.add("bank", "train", noise_per_training(steps, a.batch, shape))
            plan.add("bank", "sample", noise_per_sampling(a.samples, shape, a.T))
            bank = Bank(a.noise)
            tr, sm = bank.cursor(plan, "bank", "train"), bank.cursor(plan, "bank", "sample")
        else:
            tr, sm = SoftwareCursor(a.seed), SoftwareCursor(a.seed + 1)
        torch.manual_seed(a.seed)
        model = make_model(a.model, shape, a.hidden).to(a.device)
        t0 = time.time()
        curve = train(model, train_x, sched, tr, steps, a.batch, a.lr, a.seed, a.device, Progress("train", steps, "steps"))
        xs = sample(model, a.samples, shape, sched, sm, a.device)
        os.makedirs(a.out, exist_ok=True)
        torch.save(model.state_dict(), os.path.join(a.out, "model.pt"))
        if len(shape) >= 2 or a.dataset == "digits":
            save_grid(os.path.join(a.out, "samples.png"), datasets.to_images(xs, a.dataset))
        print(f"trained {steps} steps in {time.time() - t0:.0f} s, final loss {curve[-1] if curve else float('nan'):.4f}; samples in {a.out}")
    except (ValueError, FileNotFoundError, RuntimeError) as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
