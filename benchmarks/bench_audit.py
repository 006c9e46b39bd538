"""Wall time of ``smartpick audit EXAMPLE --json`` end to end, as a subprocess.

Target: median under 0.5 s. Run: ``python benchmarks/bench_audit.py [runs]``.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ["stacked-red-flags.yaml", "clean.yaml", "anesthesiology-nonus-img.yaml"]
TARGET_S = 0.5


def command(example: str) -> list[str]:
    exe = shutil.which("smartpick")
    args = ["audit", str(ROOT / "examples" / example), "--json"]
    return [exe, *args] if exe else [sys.executable, "-m", "smartpick", *args]


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_once(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child process)."""
    cpu, start = _child_cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, _child_cpu() - cpu


def main(runs: int = 15) -> int:
    worst = 0.0
    for example in EXAMPLES:
        cmd = command(example)
        time_once(cmd)  # warm the file cache
        pairs = [time_once(cmd) for _ in range(runs)]
        times = [wall for wall, _ in pairs]
        median = statistics.median(times)
        cpu = statistics.median(c for _, c in pairs)
        worst = max(worst, median)
        print(
            f"{example:32s} wall median {median:.3f} s  min {min(times):.3f} s  "
            f"max {max(times):.3f} s  CPU median {cpu:.3f} s  ({runs} runs)"
        )
    verdict = "OK" if worst < TARGET_S else "OVER TARGET"
    print(f"worst wall median {worst:.3f} s; target < {TARGET_S} s: {verdict}")
    print(f"machine load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=15, help="runs per example")
    sys.exit(main(parser.parse_args().runs))
