"""Load benchmark of the web API on loopback: concurrent clients, a distinct profile per request.

    python benchmarks/bench_web_load.py                    # audit: 20 clients, 30 s
    python benchmarks/bench_web_load.py --api plan         # plan: 4 clients, 30 s
    python benchmarks/bench_web_load.py --clients 5 --seconds 5

The server runs in its own processes (uvicorn, --workers 2 by default = the cores,
127.0.0.1, a fresh SMARTPICK_HOME); clients are asyncio tasks with httpx. Every request body is a
different variation of a shipped example (scores, dates, months of experience,
targets), generated before the clock starts, so no cache can answer. The run is
bounded in time and in request count and stops by itself. Prints throughput,
p50/p95/p99 latency, errors, and whether the target holds (audit: issue 8, p95 under
300 ms at 20 clients; plan: issue 16, p95 under 500 ms at 4 clients).
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DEFAULTS = {"audit": (20, 30.0, 0.300), "plan": (4, 30.0, 0.500)}  # clients, seconds, p95 target
MAX_REQUESTS = 200_000


def base_profiles() -> list[dict]:
    profiles = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text())
        for letter in doc.get("letters", []):
            letter.pop("text_file", None)  # the server never reads files anyway
        profiles.append(doc)
    return profiles


def vary(doc: dict, rng: random.Random, serial: int) -> dict:
    """A distinct, valid variation: exam scores, graduation, experience months, budget."""
    doc = copy.deepcopy(doc)
    for exam in doc.get("exams", []):
        if "score" in exam:
            exam["score"] = max(180, min(280, int(exam["score"]) + rng.randint(-15, 15)))
    school = doc["medical_school"]
    year, month = (int(x) for x in str(school["graduation"]).split("-"))
    school["graduation"] = f"{year + rng.randint(-2, 1)}-{rng.randint(1, 12):02d}"
    if "start" in school:
        school["start"] = f"{int(school['graduation'][:4]) - 6}-08"
    doc["budget"] = {"usd": 1000 + serial % 9000}
    doc["interview_skill"] = rng.choice(["unknown", "weak", "average", "strong"])
    return doc


def generate(count: int, seed: int = 8) -> list[bytes]:
    rng = random.Random(seed)
    bases = base_profiles()
    bodies, seen = [], set()
    serial = 0
    while len(bodies) < count:
        body = json.dumps(vary(bases[serial % len(bases)], rng, serial)).encode()
        serial += 1
        if body not in seen:
            seen.add(body)
            bodies.append(body)
    return bodies


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, home: str, workers: int) -> subprocess.Popen:
    env = {**os.environ, "SMARTPICK_HOME": home, "SMARTPICK_MULTI_USER": "0"}
    env.pop("SMARTPICK_DATABASE_URL", None)
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "smartpick.web.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    return subprocess.Popen(command, env=env)


async def wait_ready(url: str) -> None:
    import httpx

    async with httpx.AsyncClient() as client:
        for _ in range(300):
            try:
                if (await client.get(url + "/static/app.js")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("server did not start")


async def client_loop(client, url: str, bodies: list[bytes], state: dict, deadline: float):
    while time.monotonic() < deadline and state["next"] < len(bodies):
        body = bodies[state["next"]]
        state["next"] += 1
        started = time.perf_counter()
        try:
            response = await client.post(
                url, content=body, headers={"content-type": "application/json"}
            )
            ok = response.status_code == 200
        except Exception:  # noqa: BLE001 - counted as an error
            ok = False
        state["latencies"].append(time.perf_counter() - started)
        state["errors"] += 0 if ok else 1


async def drive(url: str, clients: int, seconds: float, bodies: list[bytes]) -> dict:
    import httpx

    state: dict = {"next": 0, "latencies": [], "errors": 0}
    # a fresh connection per request: each is accepted by whichever worker is free
    # (a kept-alive connection stays with one worker however busy it is)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=0)
    async with httpx.AsyncClient(limits=limits, timeout=30.0) as client:
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(
            *(client_loop(client, url, bodies, state, deadline) for _ in range(clients))
        )
        state["elapsed"] = time.monotonic() - started
    return state


def quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


def report(api: str, clients: int, state: dict, target: float) -> bool:
    lat = sorted(state["latencies"])
    n = len(lat)
    p50, p95, p99 = (quantile(lat, q) for q in (0.50, 0.95, 0.99))
    print(
        f"api={api} clients={clients} duration={state['elapsed']:.1f}s requests={n} "
        f"errors={state['errors']} distinct_profiles={n}"
    )
    print(
        f"throughput={n / state['elapsed']:.1f} req/s  p50={p50 * 1000:.0f} ms  "
        f"p95={p95 * 1000:.0f} ms  p99={p99 * 1000:.0f} ms  max={lat[-1] * 1000:.0f} ms"
    )
    ok = state["errors"] == 0 and p95 < target
    print(f"target: p95 < {target * 1000:.0f} ms with no errors -> {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", choices=sorted(DEFAULTS), default="audit")
    parser.add_argument("--clients", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--workers", type=int, default=2, help="server processes (2 = cores)")
    args = parser.parse_args()
    clients, seconds, target = DEFAULTS[args.api]
    clients = min(args.clients or clients, 64)
    seconds = min(args.seconds or seconds, 120.0)
    # enough distinct profiles for about 1,000 requests a second, plus 300 for the warm-up
    bodies = generate(min(MAX_REQUESTS, int(seconds * 1000) + 1300))
    port = free_port()
    with tempfile.TemporaryDirectory() as home:
        server = start_server(port, home, args.workers)
        try:
            url = f"http://127.0.0.1:{port}"
            asyncio.run(wait_ready(url))
            warm = max(2 * args.workers, 4)  # every worker loads its data before the clock
            asyncio.run(drive(f"{url}/api/{args.api}", warm, 4.0, bodies[-300:]))
            state = asyncio.run(drive(f"{url}/api/{args.api}", clients, seconds, bodies[:-300]))
            state["workers"] = args.workers
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0 if report(args.api, clients, state, target) else 1


if __name__ == "__main__":
    sys.exit(main())
