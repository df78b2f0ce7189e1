"""The diffusion experiment (`make diffusion`): DDPMs trained and sampled with noise from the simulated MeRAM
generators against software noise, several training seeds per noise source, and a statistical verdict.

    /usr/bin/python3 experiments/diffusion/run.py --scale full --out build/diffusion

Steps: (1) plan every use of every noise bank (banks.BankPlan: the offset rule), (2) write the banks with
experiments/noise/cli.ts (cycle-accurate simulation of the emitted designs; cached when the side file matches),
(3) per data set and seed, train one model per training noise source and sample it under each condition,
(4) metrics, verdict, table, pictures and results.json (keys documented in docs/diffusion.md).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

# One BLAS/OpenMP thread unless asked otherwise (the machine is shared; --threads sets torch's intra-op threads).
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import data as datasets  # noqa: E402
import metrics  # noqa: E402
import png  # noqa: E402
import stats  # noqa: E402
from banks import Bank, BankPlan  # noqa: E402
from ddpm import Schedule, make_model, noise_per_sampling, noise_per_training, sample, train  # noqa: E402
from progress import Progress  # noqa: E402

RESULTS_FORMAT, RESULTS_VERSION = "meram-hdl/diffusion-results", 1

#: (label, training-noise source, sampling-noise source). "hardware" is the calibrated tree sampler in both places.
BASE_CONDITIONS = [
    ("software", "software", "software"),
    ("hardware", "tree", "tree"),
    ("train-only", "tree", "software"),
    ("sample-only", "software", "tree"),
    ("broken", "broken", "broken"),
    ("broken-sample", "software", "broken"),
    ("stuck", "stuck", "stuck"),
    ("stuck-sample", "software", "stuck"),
]
#: Conditions whose noise is deliberately broken (variance 0.8; a stuck bit), used in training and sampling or in
#: sampling only (a generator that fails after training).
BROKEN_CONDITIONS = ("broken", "broken-sample", "stuck", "stuck-sample")
EXTRA_CONDITIONS = [
    ("tree-uncal", "tree-uncal", "tree-uncal"),
    ("tree-drift", "tree-drift", "tree-drift"),
    ("clt", "clt", "clt"),
    ("word", "word", "word"),
]
#: Bank seeds: one bank (one seed) per source; runs use disjoint segments of it.
BANK_SEEDS = {"software": 101, "broken": 102, "stuck": 103, "tree": 201, "tree-uncal": 202, "tree-drift": 203, "clt": 204, "word": 205}

BASE = [c[0] for c in BASE_CONDITIONS]
SCALES = {
    # The reduced CI version: one toy, 8 seeds, two trainings per seed (software, tree) and the broken sources in sampling.
    "ci": {"toys": ["eight-gaussians"], "toy_seeds": 8, "toy_conditions": ["software", "hardware", "broken-sample", "stuck-sample"],
           "toy_extra": [], "toy_extra_on": [],
           "toy_steps": 1500, "toy_batch": 128, "toy_T": 100, "toy_gen": 2000, "toy_hidden": 128, "toy_lr": 2e-3,
           "digit_seeds": 0, "digit_conditions": [], "digit_steps": 0, "digit_batch": 32, "digit_T": 100, "digit_gen": 0,
           "digit_hidden": 256, "digit_lr": 1e-3, "clt_cells": 16},
    # make diffusion: both toys (5 seeds) with the base conditions, the other architectures on eight Gaussians,
    # digits (3 seeds) with the base conditions but the variance-0.8 ones.
    "full": {"toys": list(datasets.TOYS), "toy_seeds": 5, "toy_conditions": BASE,
             "toy_extra": [c[0] for c in EXTRA_CONDITIONS], "toy_extra_on": ["eight-gaussians"],
             "toy_steps": 1000, "toy_batch": 128, "toy_T": 100, "toy_gen": 2000, "toy_hidden": 128, "toy_lr": 2e-3,
             "digit_seeds": 3, "digit_conditions": [c for c in BASE if not c.startswith("broken")], "digit_steps": 1000, "digit_batch": 32,
             "digit_T": 100, "digit_gen": 256, "digit_hidden": 256, "digit_lr": 1e-3, "clt_cells": 16},
    # A check of the main comparison with better-trained models (4000 steps; 'full' uses 1000 and is undertrained).
    "long": {"toys": ["eight-gaussians"], "toy_seeds": 5, "toy_conditions": ["software", "hardware", "train-only", "sample-only", "stuck-sample"],
             "toy_extra": [], "toy_extra_on": [],
             "toy_steps": 4000, "toy_batch": 128, "toy_T": 100, "toy_gen": 2000, "toy_hidden": 128, "toy_lr": 2e-3,
             "digit_seeds": 0, "digit_conditions": [], "digit_steps": 0, "digit_batch": 32, "digit_T": 100, "digit_gen": 0,
             "digit_hidden": 256, "digit_lr": 1e-3, "clt_cells": 16},
}


def labels_for(cfg: dict, dataset: str, kind: str) -> list[str]:
    extra = cfg["toy_extra"] if kind == "toy" and dataset in cfg["toy_extra_on"] else []
    return cfg[f"{kind}_conditions"] + extra


#: Equivalence margin: this many seed-to-seed standard deviations of the software condition's metric.
MARGIN_SDS = 1.0
ALPHA_EQUIV, ALPHA_BROKEN = 0.05, 0.01


def conditions(labels: list[str]) -> list[tuple[str, str, str]]:
    table = {c[0]: c for c in BASE_CONDITIONS + EXTRA_CONDITIONS}
    return [table[name] for name in labels]


def experiment_plan(cfg: dict) -> tuple[list[dict], BankPlan]:
    """Every (data set, seed) job with its training and sampling uses of the banks, in the documented order."""
    plan, jobs = BankPlan(), []
    for dataset, kind in groups_of(cfg):
        conds = conditions(labels_for(cfg, dataset, kind))
        shape = (2,) if kind == "toy" else (64,)
        for seed in range(cfg[f"{kind}_seeds"]):
            trains = sorted({c[1] for c in conds}, key=list(BANK_SEEDS).index)
            for src in trains:
                plan.add(src, f"{dataset}/seed{seed}/train", noise_per_training(cfg[f"{kind}_steps"], cfg[f"{kind}_batch"], shape))
            for label, _, smp in conds:
                plan.add(smp, f"{dataset}/seed{seed}/sample/{label}", noise_per_sampling(cfg[f"{kind}_gen"], shape, cfg[f"{kind}_T"]))
            jobs.append({"dataset": dataset, "kind": kind, "seed": seed, "shape": shape, "trains": trains, "conditions": conds})
    return jobs, plan


def ensure_bank(arch: str, samples: int, out_dir: str, clt_cells: int) -> Bank:
    path = os.path.join(out_dir, f"{arch}.npy")
    side = path[:-4] + ".json"
    seed = BANK_SEEDS[arch]
    if os.path.exists(path) and os.path.exists(side):
        with open(side, encoding="utf8") as f:
            meta = json.load(f)
        cells_ok = arch != "clt" or meta.get("device", {}).get("cells") == clt_cells
        if meta.get("samples") == samples and meta.get("seed") == seed and meta.get("arch") == arch and cells_ok:
            return Bank(path)
    cmd = ["npx", "tsx", "experiments/noise/cli.ts", "--arch", arch, "--samples", str(samples), "--seed", str(seed), "--out", path]
    if arch == "clt":
        cmd += ["--clt-cells", str(clt_cells)]
    r = subprocess.run(cmd, cwd=ROOT)
    if r.returncode != 0:
        raise RuntimeError(f"writing the {arch} bank failed ({' '.join(cmd)})")
    return Bank(path)


def evaluate(kind: str, xs: torch.Tensor, ref: torch.Tensor, feats) -> dict[str, float]:
    if kind == "toy":
        return {"energyDistance": metrics.energy_distance(xs, ref), "mmd": metrics.mmd_rbf(xs, ref),
                "mean0": float(xs[:, 0].mean()), "variance": float(xs.var(0).mean())}
    return feats.evaluate(xs)


PRIMARY = {"toy": "energyDistance", "digit": "fidAnalogue"}


def verdict_for(runs: list[dict], dataset: str, kind: str, labels: list[str], metric: str | None = None) -> dict:
    """Equivalence (paired TOST) of hardware and software, and for every condition a paired one-sided test of
    "worse than software" (with the exact sign-flip test, and Welch's unpaired test, beside it)."""
    metric = metric or PRIMARY[kind]
    by = {c: [r["metrics"][metric] for r in sorted(runs, key=lambda r: r["seed"]) if r["dataset"] == dataset and r["condition"] == c] for c in labels}
    sw = by["software"]
    out: dict = {"metric": metric, "summary": {c: stats.summary(v) for c, v in by.items()}, "conditions": {}}
    sd = stats.summary(sw)["sd"]
    margin = MARGIN_SDS * sd
    if "hardware" in by:
        t = stats.tost_paired(by["hardware"], sw, margin)
        out["equivalence"] = {**t, "rule": f"margin = {MARGIN_SDS} x seed-to-seed sd of software ({sd:.4g})", "alpha": ALPHA_EQUIV, "equivalent": t["p"] < ALPHA_EQUIV}
    for c, v in by.items():
        if c == "software":
            continue
        paired = stats.paired_greater(v, sw)
        tost = stats.tost_paired(v, sw, margin)
        out["conditions"][c] = {"ratioToSoftware": float(np.mean(v) / np.mean(sw)), "pairedWorseP": paired,
                                "signFlipWorseP": stats.signflip_greater(v, sw), "welchWorseP": stats.welch_greater(v, sw),
                                "permutationWorseP": stats.permutation_greater(v, sw), "tostP": tost["p"],
                                "worse": paired < ALPHA_BROKEN, "equivalent": tost["p"] < ALPHA_EQUIV}
    out["broken"] = {c: {k: out["conditions"][c][k] for k in ("pairedWorseP", "signFlipWorseP", "welchWorseP", "permutationWorseP")}
                     | {"alpha": ALPHA_BROKEN, "detected": out["conditions"][c]["worse"]} for c in BROKEN_CONDITIONS if c in by}
    return out


SECONDARY = {"toy": "mmd", "digit": "labelEntropyNats"}


def verdicts_for(runs: list[dict], cfg: dict, groups) -> tuple[dict, dict]:
    """The verdict on each data set's primary metric, and the same analysis on the secondary metric (MMD for the toys)."""
    primary = {d: verdict_for(runs, d, k, labels_for(cfg, d, k)) for d, k in groups}
    secondary = {d: verdict_for(runs, d, k, labels_for(cfg, d, k), SECONDARY[k]) for d, k in groups if k == "toy"}
    return primary, secondary


def groups_of(cfg: dict) -> list[tuple[str, str]]:
    return [(d, "toy") for d in cfg["toys"]] + ([("digits", "digit")] if cfg["digit_seeds"] else [])


def rescore(out: str) -> None:
    """Recomputes the verdict, table and table.md of an existing results.json from its runs (same keys)."""
    path = os.path.join(out, "results.json")
    with open(path, encoding="utf8") as f:
        results = json.load(f)
    cfg, groups = results["config"], groups_of(results["config"])
    results["marginSds"], results["alphaEquivalence"], results["alphaBroken"] = MARGIN_SDS, ALPHA_EQUIV, ALPHA_BROKEN
    results["verdict"], results["verdictSecondary"] = verdicts_for(results["runs"], cfg, groups)
    results["table"] = table_rows(results["verdict"], cfg, groups)
    write_outputs(out, results, results["digitClassifierTestAccuracy"])


def write_outputs(out: str, results: dict, accuracy: float | None) -> None:
    tmp = os.path.join(out, "results.json.tmp")
    with open(tmp, "w", encoding="utf8") as f:
        json.dump(results, f, indent=1)
    os.replace(tmp, os.path.join(out, "results.json"))
    text = render_table(results["table"], results["verdict"], accuracy, results.get("verdictSecondary", {}))
    with open(os.path.join(out, "table.md"), "w", encoding="utf8") as f:
        f.write(text)
    print(text)


def main() -> None:
    ap = argparse.ArgumentParser(description="DDPMs with MeRAM hardware noise against software noise.")
    ap.add_argument("--scale", default="full", choices=sorted(SCALES))
    ap.add_argument("--out", default="build/diffusion")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--banks-only", action="store_true", help="write (or check) the noise banks and stop")
    ap.add_argument("--rescore", action="store_true", help="recompute verdict and table of an existing results.json")
    a = ap.parse_args()
    cfg = SCALES[a.scale]
    torch.set_num_threads(a.threads)
    out = os.path.abspath(a.out)
    if a.rescore:
        rescore(out)
        return
    os.makedirs(out, exist_ok=True)
    t_start = time.time()
    jobs, plan = experiment_plan(cfg)

    print(f"== 1. Noise banks ({len(plan.uses)} sources, {sum(plan.total(b) for b in plan.uses):.3g} values)", file=sys.stderr)
    t0 = time.time()
    banks = {arch: ensure_bank(arch, plan.total(arch), os.path.join(out, "noise"), cfg["clt_cells"]) for arch in sorted(plan.uses, key=list(BANK_SEEDS).index)}
    bank_seconds = time.time() - t0
    if a.banks_only:
        print(f"banks ready in {bank_seconds:.0f} s", file=sys.stderr)
        return

    print("== 2. Training and sampling", file=sys.stderr)
    t1 = time.time()
    digit_feats = None
    if cfg["digit_seeds"]:
        trx, try_, hox, hoy = datasets.digits()
        digit_feats = metrics.DigitFeatures(trx, try_, hox, hoy)
    runs, curves, samples_seed0 = [], {}, {}
    total_steps = sum(len(j["trains"]) * cfg[f"{j['kind']}_steps"] for j in jobs)
    prog = Progress("train", total_steps, "steps")
    done_steps = 0
    for job in jobs:
        kind, dataset, seed, shape = job["kind"], job["dataset"], job["seed"], job["shape"]
        train_x, ref = datasets.load(dataset, seed)
        ref = ref[:4000] if kind == "toy" else ref
        sched = Schedule(cfg[f"{kind}_T"], a.device)
        models = {}
        for src in job["trains"]:
            torch.manual_seed(seed)
            model = make_model("mlp", shape, cfg[f"{kind}_hidden"]).to(a.device)
            cursor = banks[src].cursor(plan, src, f"{dataset}/seed{seed}/train")
            ts = time.time()
            base = done_steps

            class Sub:
                def update(self, k: int) -> None:
                    prog.update(base + k)
            curve = train(model, train_x, sched, cursor, cfg[f"{kind}_steps"], cfg[f"{kind}_batch"], cfg[f"{kind}_lr"], seed, a.device, Sub())  # type: ignore[arg-type]
            done_steps += cfg[f"{kind}_steps"]
            models[src] = (model, time.time() - ts, curve)
            curves.setdefault(dataset, {}).setdefault(src, []).append(curve)
        for label, tsrc, ssrc in job["conditions"]:
            model, train_s, curve = models[tsrc]
            cursor = banks[ssrc].cursor(plan, ssrc, f"{dataset}/seed{seed}/sample/{label}")
            ts = time.time()
            xs = sample(model, cfg[f"{kind}_gen"], shape, sched, cursor, a.device)
            sample_s = time.time() - ts
            if not torch.isfinite(xs).all():
                xs = torch.nan_to_num(xs, nan=0.0, posinf=10.0, neginf=-10.0)
            runs.append({"dataset": dataset, "seed": seed, "condition": label, "trainSource": tsrc, "sampleSource": ssrc,
                         "metrics": evaluate(kind, xs, ref, digit_feats), "finalLoss": curve[-1], "trainSeconds": train_s,
                         "sampleSeconds": sample_s, "noiseUsed": {"train": plan.offset(tsrc, f"{dataset}/seed{seed}/train")[1], "sample": cursor.used}})
            if seed == 0:
                samples_seed0[(dataset, label)] = xs
        with open(os.path.join(out, "runs.partial.json"), "w", encoding="utf8") as f:
            json.dump(runs, f)  # progress record of the finished jobs (results.json is written at the end)
    train_seconds = time.time() - t1

    print("== 3. Verdict", file=sys.stderr)
    groups = groups_of(cfg)
    verdicts, secondary = verdicts_for(runs, cfg, groups)
    energy = energy_table(cfg, banks, groups)
    pictures = draw(out, cfg, groups, samples_seed0, curves)
    table = table_rows(verdicts, cfg, groups)
    results = {
        "format": RESULTS_FORMAT, "version": RESULTS_VERSION, "scale": a.scale, "config": cfg,
        "marginSds": MARGIN_SDS, "alphaEquivalence": ALPHA_EQUIV, "alphaBroken": ALPHA_BROKEN,
        "conditions": {c[0]: {"trainSource": c[1], "sampleSource": c[2]} for c in BASE_CONDITIONS + EXTRA_CONDITIONS},
        "banks": {k: {key: b.meta[key] for key in ("file", "arch", "design", "seed", "samples", "device", "scaling", "moments", "verdict", "energyPerSample", "samplesPerSecond")} for k, b in banks.items()},
        "bankPlan": plan.table(),
        "digitClassifierTestAccuracy": digit_feats.test_accuracy if digit_feats else None,
        "runs": runs, "curves": curves, "verdict": verdicts, "verdictSecondary": secondary, "table": table, "energy": energy, "pictures": pictures,
        "runtime": {"bankSeconds": bank_seconds, "trainSampleSeconds": train_seconds, "totalSeconds": time.time() - t_start,
                    "threads": a.threads, "device": a.device},
    }
    write_outputs(out, results, digit_feats.test_accuracy if digit_feats else None)
    print(f"total {time.time() - t_start:.0f} s (banks {bank_seconds:.0f} s, training and sampling {train_seconds:.0f} s); results in {out}/results.json")


def energy_table(cfg: dict, banks: dict[str, Bank], groups) -> dict:
    """Noise values per training epoch and per generated sample, and their energy (labelled estimates)."""
    out = {}
    for dataset, kind in groups:
        shape = (2,) if kind == "toy" else (64,)
        n_train = len(datasets.load(dataset, 0)[0])
        per_epoch = n_train * int(np.prod(shape))
        per_sample = cfg[f"{kind}_T"] * int(np.prod(shape))
        rows = {}
        for arch, b in banks.items():
            e = b.meta["energyPerSample"]
            dev = e["deviceJ"]
            ctl = e["controlLogicJ"]
            rows[arch] = {
                "deviceJPerEpoch": dev * per_epoch if dev is not None else None,
                "deviceJPerGeneratedSample": dev * per_sample if dev is not None else None,
                "deviceAndControlJPerGeneratedSample": (dev + ctl) * per_sample if dev is not None and ctl is not None else None,
                "cmosEstimateJPerEpoch": e["cmosEstimateJ"] * per_epoch,
                "cmosEstimateJPerGeneratedSample": e["cmosEstimateJ"] * per_sample,
                "sources": e["sources"],
            }
        out[dataset] = {"noisePerEpoch": per_epoch, "noisePerGeneratedSample": per_sample, "trainingSetSize": n_train, "perSource": rows}
    return out


def draw(out: str, cfg: dict, groups, samples_seed0: dict, curves: dict) -> dict:
    pics = {}
    for dataset, kind in groups:
        labels = labels_for(cfg, dataset, kind)
        if kind == "toy":
            real = datasets.load(dataset, 0)[1][:1000].numpy()
            path = os.path.join(out, f"samples-{dataset}.png")
            png.scatter(path, [real] + [samples_seed0[(dataset, c)].numpy() for c in labels])
            pics[f"samples-{dataset}"] = {"file": os.path.basename(path), "panels": ["real"] + labels, "seed": 0}
        else:
            for c in labels:
                path = os.path.join(out, f"samples-digits-{c}.png")
                png.save_grid(path, datasets.to_images(samples_seed0[(dataset, c)][:64], "digits"))
                pics[f"samples-digits-{c}"] = {"file": os.path.basename(path), "condition": c, "seed": 0}
        mean_curves = {src: list(np.mean(np.array(cs), 0)) for src, cs in curves[dataset].items()}
        path = os.path.join(out, f"curves-{dataset}.png")
        legend = png.line_chart(path, mean_curves)
        pics[f"curves-{dataset}"] = {"file": os.path.basename(path), "legend": legend, "colours": png.PALETTE[:len(legend)], "y": "training loss (log), mean over seeds"}
    return pics


def table_rows(verdicts: dict, cfg: dict, groups) -> list[dict]:
    rows = []
    for dataset, kind in groups:
        v = verdicts[dataset]
        for c in labels_for(cfg, dataset, kind):
            s = v["summary"][c]
            cv = v["conditions"].get(c, {})
            rows.append({"dataset": dataset, "condition": c, "metric": v["metric"], "mean": s["mean"], "sd": s["sd"], "seeds": s["n"],
                         "ratioToSoftware": cv.get("ratioToSoftware", 1.0), "pairedWorseP": cv.get("pairedWorseP"), "signFlipWorseP": cv.get("signFlipWorseP"),
                         "welchWorseP": cv.get("welchWorseP"), "tostP": cv.get("tostP"),
                         "worse": cv.get("worse", False), "equivalent": cv.get("equivalent")})
    return rows


def render_table(rows: list[dict], verdicts: dict, accuracy: float | None, secondary: dict | None = None) -> str:
    fmt = lambda p: "" if p is None else f"{p:.2g}"  # noqa: E731
    lines = ["| data set | condition | metric | mean | sd | seeds | ratio to software | p worse (paired t) | p worse (sign flip) | p (TOST) |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['dataset']} | {r['condition']} | {r['metric']} | {r['mean']:.4g} | {r['sd']:.2g} | {r['seeds']} | {r['ratioToSoftware']:.3f} | {fmt(r['pairedWorseP'])} | {fmt(r['signFlipWorseP'])} | {fmt(r['tostP'])} |")
    lines.append("")
    for name, vs in (("", verdicts), (" (secondary metric)", secondary or {})):
        for d, v in vs.items():
            e = v.get("equivalence")
            if e:
                lines.append(f"{d}, {v['metric']}{name}: hardware vs software {'EQUIVALENT' if e['equivalent'] else 'equivalence NOT shown'} (paired TOST p = {e['p']:.3g}, margin {e['margin']:.3g} = {e['rule']}; mean difference {e['meanDifference']:.3g})")
            for c, x in v.get("broken", {}).items():
                lines.append(f"{d}, {v['metric']}{name}: {c} {'DETECTED' if x['detected'] else 'NOT detected'} as worse (paired t p = {x['pairedWorseP']:.3g}, sign flip p = {x['signFlipWorseP']:.3g}, Welch p = {x['welchWorseP']:.3g})")
    if accuracy is not None:
        lines.append(f"digits feature classifier: held-out accuracy {accuracy:.3f} (the FID analogue uses its 32-D features; it is NOT Inception FID)")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, ValueError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
