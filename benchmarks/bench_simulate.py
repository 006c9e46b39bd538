"""Benchmark: one season of the full market (every specialty with data), end to end.

    python benchmarks/bench_simulate.py [--seed 2026] [--workers 1]

Times ``simulate_seasons`` (catalog read, markets built, one season each, matched with the
Roth-Peranson engine) and prints the wall time, CPU time and the number of applicants.
"""

from __future__ import annotations

import argparse
import time

from smartpick.service.market import simulate_seasons


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    start, cpu = time.perf_counter(), time.process_time()
    result = simulate_seasons(seed=args.seed, workers=args.workers)
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    applicants = sum(r.img_applicants + r.competition_applicants for r in result.specialties)
    positions = sum(r.positions for r in result.specialties)
    print(
        f"full market: {len(result.specialties)} specialties, {applicants:,} applicants, "
        f"{positions:,} positions; one season in {wall:.1f} s wall ({used:.1f} s CPU in the "
        f"main process, {args.workers} worker(s))"
    )


if __name__ == "__main__":
    main()
