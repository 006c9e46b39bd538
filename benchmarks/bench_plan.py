"""Plan benchmark: wall time, and smartpick's plan against three baseline strategies.

Usage: python benchmarks/bench_plan.py [--runs 5] [--draws 10] [--seed 2026]

1. Timing: planning for a profile with three target specialties (anesthesiology,
   internal medicine, transitional year) over all their tracks, plus the PGY-1 tracks
   the advanced tracks need, with a 5,000 USD budget: candidates + chance arrays +
   optimiser (median of --runs), and the whole ``plan_for_profile`` (range, curve);
   then ``plan_for_profile`` on every example profile at its own budget.
2. Baselines, for every example profile, each at its own cost (ERAS fees of the season):
   (a) the N most competitive tracks of the primary specialty (lowest published
       non-US IMG interview rate first; N = what the profile's budget buys there);
   (b) N tracks drawn at random among the primary specialty's tracks (mean of 5 draws);
   (c) the rule of thumb: 120 tracks of the primary specialty + 60 of the first backup
       (random, mean of 5 draws).
   Baselines place their signals naively: to the first institutions of their list, gold
   first. smartpick plans at the baseline's cost. Every list is scored with the model
   the planner used and averaged over --draws models whose assumptions are drawn from
   their ranges (ChanceModel.perturbed), the same draws for every strategy.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from environment import recompiling_note

from smartpick.budget import Budget
from smartpick.catalog import open_catalog
from smartpick.chances import ChanceModel
from smartpick.planning.build import Candidates, institution_of
from smartpick.planning.engine import Setup, plan_rows, score, setup, signals_of, walk
from smartpick.planning.fees import application_cost
from smartpick.planning.instance import MAIN
from smartpick.profile import load_profile
from smartpick.service.plan import plan_for_profile

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TIMING_PROFILE = EXAMPLES / "anesthesiology-nonus-img.yaml"


def timing(runs: int) -> None:
    catalog = open_catalog()
    profile = load_profile(TIMING_PROFILE)
    core, full = [], []
    for _ in range(runs):
        start = time.perf_counter()
        s = setup(profile, catalog, Budget.of("usd", 5000))
        state = walk(s, with_curve=False, spend_all=True).state
        core.append(time.perf_counter() - start)
        start = time.perf_counter()
        plan = plan_for_profile(profile, Budget.of("usd", 5000))
        full.append(time.perf_counter() - start)
    specs = Counter(p.specialty for p in s.cands.programs)
    tracks = Counter(p.track for p in s.cands.programs)
    print(f"Timing, {TIMING_PROFILE.name}, 5,000 USD, {s.cands.n} candidate tracks")
    print(f"  specialties: {dict(specs)}; tracks: {dict(tracks)}")
    print(
        f"  planning (candidates + chances + optimiser): median {statistics.median(core):.3f} s "
        f"(min {min(core):.3f}, max {max(core):.3f}, {runs} runs)"
    )
    print(
        f"  plan_for_profile (also 24-node rescoring, {len(plan.curve)}-point curve to "
        f"{plan.curve[-1].budget:,.0f} USD, range): median {statistics.median(full):.3f} s"
    )
    print(
        f"  plan: {plan.totals.n_programs} applications, {plan.totals.cost.total_usd:,} USD, "
        f"P(match) {plan.totals.p_match:.1%} ({len(plan_rows(state))} rows)"
    )


def per_example(runs: int) -> None:
    """``plan_for_profile`` on every example at its own budget, one at a time: the list alone
    (``advice=False``) and with the verdict and the preferences' costs (each plans again)."""
    profiles = [load_profile(path) for path in sorted(EXAMPLES.glob("*.yaml"))]
    plan_for_profile(profiles[0])  # catalog and data files loaded before the clock
    for advice, target in ((False, "target 0.150 s"), (True, "")):
        times = []
        for _ in range(runs):
            for profile in profiles:
                start = time.perf_counter()
                plan_for_profile(profile, advice=advice)
                times.append(time.perf_counter() - start)
        print(
            f"  plan_for_profile on the {len(profiles)} examples, advice={advice} ({runs} rounds):"
            f" median {statistics.median(times):.3f} s (min {min(times):.3f}, max "
            f"{max(times):.3f}) {target}"
        )


def end_to_end(runs: int) -> None:
    """The CLI as a user runs it (a new process each time, imports and catalog included)."""
    for command, target in (("plan", 1.0), ("whatif", 1.5)):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "smartpick", command, str(TIMING_PROFILE), "--json"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            times.append(time.perf_counter() - start)
        print(
            f"  smartpick {command} {TIMING_PROFILE.name} --json: median "
            f"{statistics.median(times):.2f} s over {runs} runs (target {target} s)"
            + recompiling_note()
        )


def primary_rows(s: Setup, specialty: str) -> list[int]:
    return [
        i
        for i, p in enumerate(s.cands.programs)
        if p.specialty == specialty
        and s.cands.roles[i] == MAIN
        or (p.specialty == specialty and p.track == "A")
    ]


def affordable(season: int, specialty: str, budget: float, pool: int) -> int:
    n = 0
    while n < pool and application_cost(season, {specialty: n + 1}).total_usd <= budget:
        n += 1
    return n


def naive_signals(cands: Candidates, rows: list[int]) -> dict[str, str]:
    """Signals to the first institutions of the list, gold before silver, per pool."""
    left = {pool: list(q.tiers) for pool, q in cands.quotas.items()}
    given: dict[tuple[str, str], str] = {}
    out: dict[str, str] = {}
    for r in rows:
        p, pool = cands.programs[r], cands.pools[r]
        key = (pool, institution_of(p))
        if key not in given:
            tiers = left.get(pool, [])
            while tiers and tiers[0][1] == 0:
                tiers.pop(0)
            if not tiers:
                continue
            tier, count = tiers[0]
            tiers[0] = (tier, count - 1)
            given[key] = tier
        out[p.code] = given[key]
    return out


def cost_of(s: Setup, rows: list[int]) -> int:
    counts = Counter(s.cands.programs[r].specialty for r in rows)
    return application_cost(s.profile.season, dict(counts)).total_usd


def competitive(s: Setup, n: int) -> list[list[int]]:
    rows = primary_rows(s, s.profile.targets.primary)

    def rate(r: int) -> float:
        v = s.cands.programs[r].known("rate_non_us_img")
        return 2.0 if v is None else float(v)

    return [sorted(rows, key=rate)[:n]]


def random_lists(s: Setup, n: int, rng: np.random.Generator, k: int = 5) -> list[list[int]]:
    rows = [i for i, p in enumerate(s.cands.programs) if p.specialty == s.profile.targets.primary]
    return [list(rng.choice(rows, size=min(n, len(rows)), replace=False)) for _ in range(k)]


def rule_of_thumb(s: Setup, rng: np.random.Generator, k: int = 5) -> list[list[int]]:
    first = s.profile.targets.backups[0] if s.profile.targets.backups else None
    prim = [i for i, p in enumerate(s.cands.programs) if p.specialty == s.profile.targets.primary]
    back = [i for i, p in enumerate(s.cands.programs) if first and p.specialty == first]
    out = []
    for _ in range(k):
        a = list(rng.choice(prim, size=min(120, len(prim)), replace=False)) if prim else []
        b = list(rng.choice(back, size=min(60, len(back)), replace=False)) if back else []
        out.append([int(x) for x in a + b])
    return out


def scored(
    s: Setup, models: list[ChanceModel], rows: list[int], signals: dict
) -> tuple[float, float]:
    own = score(s.model, s.cands, rows, signals)
    perturbed = float(np.mean([score(m, s.cands, rows, signals) for m in models]))
    return own, perturbed


def compare(s: Setup, lists: list[list[int]], models: list[ChanceModel]) -> dict:
    base = [scored(s, models, rows, naive_signals(s.cands, rows)) for rows in lists]
    cost = int(np.mean([cost_of(s, rows) for rows in lists]))
    plan_setup = replace(s, unit="usd", budget=float(cost))
    state = walk(plan_setup, with_curve=False, spend_all=True).state
    rows, signals = plan_rows(state), signals_of(plan_setup, state)
    own, pert = scored(s, models, rows, signals)
    return {
        "cost": cost,
        "base_own": float(np.mean([b[0] for b in base])),
        "base_pert": float(np.mean([b[1] for b in base])),
        "plan_cost": cost_of(s, rows),
        "plan_own": own,
        "plan_pert": pert,
    }


def baselines(draws: int, seed: int) -> bool:
    catalog = open_catalog()
    rng = np.random.default_rng(seed)
    base_model = ChanceModel()
    models = []
    for _ in range(draws):
        m = base_model.perturbed(rng)
        m.n_nodes = 12
        models.append(m)
    print(f"\nBaselines (P(match): own model / mean of {draws} perturbed models; cost USD)")
    header = (
        f"{'profile':32} {'strategy':26} {'cost':>6} {'baseline':>17} {'smartpick':>17} "
        f"{'plan cost':>9}"
    )
    print(header)
    print("-" * len(header))
    ok = True
    for path in sorted(EXAMPLES.glob("*.yaml")):
        profile = load_profile(path)
        s = setup(profile, catalog, model=base_model)
        budget = profile.budget.usd if profile.budget and profile.budget.usd else 3000
        pool = len(primary_rows(s, profile.targets.primary))
        n = affordable(profile.season, profile.targets.primary, budget, pool)
        strategies = {
            f"(a) {n} most competitive": competitive(s, n),
            f"(b) {n} random": random_lists(s, n, rng),
            "(c) 120 primary + 60 backup": rule_of_thumb(s, rng),
        }
        for name, lists in strategies.items():
            r = compare(s, lists, models)
            wins = (
                r["plan_own"] >= r["base_own"] - 1e-12 and r["plan_pert"] >= r["base_pert"] - 1e-12
            )
            ok &= wins
            print(
                f"{path.stem:32} {name:26} {r['cost']:>6} "
                f"{r['base_own']:>7.1%} / {r['base_pert']:>6.1%} "
                f"{r['plan_own']:>7.1%} / {r['plan_pert']:>6.1%} {r['plan_cost']:>9}"
                + ("" if wins else "  <- baseline ahead")
            )
    print(f"\nsmartpick at least as high as every baseline, both ways: {'yes' if ok else 'NO'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--draws", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--timing-only", action="store_true", help="skip the baselines")
    args = parser.parse_args()
    if not args.skip_timing:
        timing(args.runs)
        per_example(max(1, args.runs // 2))
        end_to_end(args.runs)
    if args.timing_only:
        return
    ok = baselines(args.draws, args.seed)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
