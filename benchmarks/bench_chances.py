"""Benchmark: ``chances`` for one profile against every categorical track of three specialties.

Target: median wall time under 100 ms (after the catalog is loaded once; issue 15: the
range's draws are evaluated in one batch). Prints the median, the spread, the median CPU
time (what one call costs when other processes share the cores), and the peak memory
(tracemalloc peak of one call and the process's max RSS).

    python benchmarks/bench_chances.py
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

SPECIALTIES = ("internal-medicine", "anesthesiology", "family-medicine")
RUNS = 15
PROFILE = """
season: 2027
citizenship: non-us
visa: h1b
medical_school: {country: India, graduation: 2019-06}
exams:
  - {exam: step1, result: fail, date: 2019-05}
  - {exam: step1, result: pass, date: 2019-11}
  - {exam: step2ck, score: 238, date: 2020-09}
  - {exam: step3, score: 221, date: 2023-02}
experiences:
  - {kind: clinical, setting: hands-on, specialty: anesthesiology, country: US,
     start: 2023-01, end: 2023-03}
  - {kind: observership, specialty: internal-medicine, country: US, start: 2023-04, end: 2023-05}
letters:
  - {writer_specialty: anesthesiology, country: US, relationship: supervised, strength: strong}
advocates:
  - {program: "1007140C0", strength: strong}
targets: {primary: anesthesiology, backups: [internal-medicine, family-medicine]}
"""


def main() -> None:
    from smartpick.catalog import open_catalog
    from smartpick.profile import load_profile
    from smartpick.service.chances import chances_for_profile

    with tempfile.TemporaryDirectory() as home:
        path = Path(home) / "profile.yaml"
        path.write_text(PROFILE, encoding="utf-8")
        profile = load_profile(path)
        programs = open_catalog().programs_for(list(SPECIALTIES), ["C"])
        chances_for_profile(profile, programs=programs)  # warm-up: imports, caches
        times, cpu = [], []
        for _ in range(RUNS):
            start, start_cpu = time.perf_counter(), time.process_time()
            result = chances_for_profile(profile, programs=programs)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        tracemalloc.start()
        chances_for_profile(profile, programs=programs)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    median_ms = 1000 * statistics.median(times)
    print(f"programs: {len(programs)} categorical tracks of {', '.join(SPECIALTIES)}")
    print(
        f"runs: {RUNS}; median {median_ms:.0f} ms; min {1000 * min(times):.0f} ms; "
        f"max {1000 * max(times):.0f} ms; CPU median {1000 * statistics.median(cpu):.0f} ms "
        f"(target < 100 ms: {'met' if median_ms < 100 else 'NOT met'})"
    )
    print(
        f"peak traced memory of one call: {peak / 2**20:.1f} MiB; "
        f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    print(
        f"P(match) {result.p_match:.3f} "
        f"(80% range {result.p_match_low:.3f}-{result.p_match_high:.3f}), "
        f"expected interviews {result.expected_interviews:.1f}"
    )


if __name__ == "__main__":
    main()
