"""Benchmark: the matching engine on a generated full-size Main Match instance.

    python benchmarks/bench_match.py [--runs 5] [--seed 2026] [--with-matching [--limit 900]]

The instance (fixed seed): about 44,000 applicants ranking 12 programs each,
6,000 programs with a total capacity of 0.9 x applicants, popularity skewed
(lognormal weights, seats drawn independently of them), programs ranking
their applicants by a noisy common score. Timed end to end: turning the
generated arrays into rank lists (the engine's inputs) plus ``stable_match``.
Then the same with 5% of applicants in couples (each couple ranks the 30
pairs of its members' programs with the smallest sum of positions). Peak
memory is measured with tracemalloc in a separate run (tracing slows Python
down, so it is not timed).

``--with-matching`` also solves the plain instance with the ``matching``
package (``HospitalResident.create_from_dictionaries(...).solve(optimal=
"resident")``) in a subprocess with a time limit, checks that it gives the
same matching, and prints the ratio of the wall times.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from smartpick.market import NoStableMatchingError, blocking_pairs, over_capacity, stable_match

N_APPLICANTS = 44_000
N_PROGRAMS = 6_000
LIST_LENGTH = 12
FILL = 0.9
COUPLE_SHARE = 0.05
COUPLE_PAIRS = 30


@dataclass(frozen=True)
class Generated:
    """The raw draw: who applies where (in preference order), scores, seats."""

    choices: np.ndarray  # (n_applicants, LIST_LENGTH) program indices, best first
    scores: np.ndarray  # (n_applicants, LIST_LENGTH) how the chosen program scores the applicant
    capacities: list[int]


def generate(seed: int) -> Generated:
    rng = np.random.default_rng(seed)
    popularity = rng.lognormal(0.0, 1.0, N_PROGRAMS)
    weights = popularity / popularity.sum()
    draws = rng.choice(N_PROGRAMS, size=(N_APPLICANTS, 4 * LIST_LENGTH), p=weights)
    choices = np.empty((N_APPLICANTS, LIST_LENGTH), dtype=np.int64)
    for a, row in enumerate(draws.tolist()):
        unique = list(dict.fromkeys(row))[:LIST_LENGTH]
        while len(unique) < LIST_LENGTH:
            extra = int(rng.integers(N_PROGRAMS))
            if extra not in unique:
                unique.append(extra)
        choices[a] = unique
    quality = rng.normal(0.0, 1.0, N_APPLICANTS)
    scores = quality[:, None] + rng.normal(0.0, 0.5, (N_APPLICANTS, LIST_LENGTH))
    # Seats are drawn independently of popularity, so popular programs are oversubscribed.
    seats = rng.multinomial(
        int(FILL * N_APPLICANTS) - N_PROGRAMS, np.full(N_PROGRAMS, 1 / N_PROGRAMS)
    )
    return Generated(choices, scores, (seats + 1).tolist())


def build_lists(gen: Generated) -> tuple[list[list[int]], list[list[int]]]:
    """The engine's inputs: applicants' lists and programs' lists (by score, best first)."""
    programs = gen.choices.ravel()
    applicants = np.repeat(np.arange(N_APPLICANTS), LIST_LENGTH)
    order = np.lexsort((-gen.scores.ravel(), programs))
    ranked = applicants[order].tolist()
    bounds = np.concatenate(([0], np.cumsum(np.bincount(programs, minlength=N_PROGRAMS)))).tolist()
    program_prefs = [ranked[bounds[p] : bounds[p + 1]] for p in range(N_PROGRAMS)]
    return gen.choices.tolist(), program_prefs


def make_couples(
    applicant_prefs: list[list[int]], seed: int
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    rng = np.random.default_rng(seed + 1)
    members = rng.choice(
        N_APPLICANTS, size=int(COUPLE_SHARE * N_APPLICANTS), replace=False
    ).tolist()
    grid = sorted((x + y, x, y) for x in range(LIST_LENGTH) for y in range(LIST_LENGTH))[
        :COUPLE_PAIRS
    ]
    couples = []
    for i, k in zip(members[0::2], members[1::2], strict=True):
        first, second = applicant_prefs[i], applicant_prefs[k]
        couples.append((i, k, [(first[x], second[y]) for _, x, y in grid]))
    return couples


def run_once(gen: Generated, couples_seed: int | None) -> tuple[float, float, list[int], tuple]:
    start, cpu = time.perf_counter(), time.process_time()
    applicant_prefs, program_prefs = build_lists(gen)
    couples = make_couples(applicant_prefs, couples_seed) if couples_seed is not None else None
    result = stable_match(applicant_prefs, program_prefs, gen.capacities, couples=couples)
    elapsed = time.perf_counter() - start
    return elapsed, time.process_time() - cpu, result, (applicant_prefs, program_prefs, couples)


def peak_memory_mb(gen: Generated, couples_seed: int | None) -> float:
    tracemalloc.start()
    run_once(gen, couples_seed)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def report(
    label: str, gen: Generated, runs: int, couples_seed: int | None
) -> tuple[float, list[int], tuple]:
    times, cpu_times, result, inputs = [], [], [], ()
    try:
        for _ in range(runs):
            seconds, cpu_seconds, result, inputs = run_once(gen, couples_seed)
            times.append(seconds)
            cpu_times.append(cpu_seconds)
    except NoStableMatchingError as error:
        print(f"{label}: {error.message}")
        return float("nan"), [], ()
    applicant_prefs, program_prefs, couples = inputs
    matched = sum(1 for p in result if p >= 0)
    median = statistics.median(times)
    print(
        f"{label}: median {median:.3f} s over {runs} runs "
        f"(min {min(times):.3f}, max {max(times):.3f}; "
        f"median CPU {statistics.median(cpu_times):.3f} s); "
        f"matched {matched:,} of {len(result):,}; peak traced memory "
        f"{peak_memory_mb(gen, couples_seed):.0f} MB"
    )
    check = time.perf_counter()
    blocks = blocking_pairs(applicant_prefs, program_prefs, gen.capacities, result, couples=couples)
    over = over_capacity(gen.capacities, result)
    print(
        f"  checked: {len(blocks)} blocking pairs, {len(over)} programs over capacity "
        f"({time.perf_counter() - check:.1f} s to check)"
    )
    return median, result, inputs


def matching_worker(path: str) -> None:
    """Subprocess: solve the pickled instance with the ``matching`` package."""
    import threading
    import warnings

    sys.setrecursionlimit(1_000_000)
    threading.stack_size(512 * 1024 * 1024)
    with open(path, "rb") as handle:
        applicant_prefs, program_prefs, capacities = pickle.load(handle)

    def solve() -> None:
        from matching.games import HospitalResident

        warnings.simplefilter("ignore")
        start = time.perf_counter()
        game = HospitalResident.create_from_dictionaries(
            dict(enumerate(applicant_prefs)),
            dict(enumerate(program_prefs)),
            dict(enumerate(capacities)),
        )
        solution = game.solve(optimal="resident")
        seconds = time.perf_counter() - start
        matched = [-1] * len(applicant_prefs)
        for hospital, residents in solution.items():
            for resident in residents:
                matched[resident.name] = hospital.name
        with open(path + ".out", "wb") as handle:
            pickle.dump((seconds, matched), handle)

    thread = threading.Thread(target=solve)
    thread.start()
    thread.join()


def compare_with_matching(gen: Generated, ours: list[int], our_median: float, limit: float) -> None:
    applicant_prefs, program_prefs = build_lists(gen)
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "instance.pkl")
        with open(path, "wb") as handle:
            pickle.dump((applicant_prefs, program_prefs, gen.capacities), handle)
        try:
            subprocess.run(
                [sys.executable, __file__, "--matching-worker", path], timeout=limit, check=True
            )
        except subprocess.TimeoutExpired:
            print(
                f"matching package: did not finish within {limit:.0f} s "
                f"(ratio > {limit / our_median:.0f}x)"
            )
            return
        with open(path + ".out", "rb") as handle:
            seconds, theirs = pickle.load(handle)
    print(
        f"matching package: {seconds:.1f} s; same matching as smartpick: {theirs == ours}; "
        f"ratio {seconds / our_median:.0f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--with-matching", action="store_true")
    parser.add_argument(
        "--limit", type=float, default=900.0, help="time limit for the matching package (s)"
    )
    parser.add_argument("--matching-worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.matching_worker:
        matching_worker(args.matching_worker)
        return
    gen = generate(args.seed)
    print(
        f"instance: {N_APPLICANTS:,} applicants x {LIST_LENGTH} programs, {N_PROGRAMS:,} programs, "
        f"{sum(gen.capacities):,} seats, seed {args.seed}"
    )
    median, ours, _ = report("plain", gen, args.runs, None)
    report(f"couples ({COUPLE_SHARE:.0%} of applicants)", gen, args.runs, args.seed)
    if args.with_matching:
        compare_with_matching(gen, ours, median, args.limit)


if __name__ == "__main__":
    main()
