"""Fixtures for the web, storage and browser tests: a real PostgreSQL server and Chromium.

Both come from Debian packages installed by ``scripts/setup-test-env.sh``. Outside CI a
missing binary skips the tests that need it (with the reason); in CI (``CI=true``) it fails.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _missing(what: str) -> None:
    reason = f"{what} not installed; run `bash scripts/setup-test-env.sh`"
    if _in_ci():
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    candidates = [str(Path(found).resolve().parent)] if found else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for directory in candidates:
        if (Path(directory) / "initdb").exists() and (Path(directory) / "pg_ctl").exists():
            return Path(directory)
    return None


def _as_postgres_user() -> dict[str, str]:
    """PostgreSQL refuses to run as root: run its tools as the `postgres` user then."""
    return {"user": "postgres"} if os.geteuid() == 0 else {}


def _run_pg(args: list[str], data_dir: Path) -> None:
    subprocess.run(
        args, check=True, capture_output=True, cwd=data_dir.parent, **_as_postgres_user()
    )


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """Start a throwaway PostgreSQL server on a loopback port; yield its SQLAlchemy URL."""
    bin_dir = _postgres_bin_dir()
    if bin_dir is None:
        _missing("PostgreSQL server (initdb/pg_ctl)")
    assert bin_dir is not None
    root = Path(tempfile.mkdtemp(prefix="smartpick-pg-"))
    data_dir = root / "data"
    data_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres")
        shutil.chown(data_dir, user="postgres")
    port = free_port()
    try:
        _run_pg(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data_dir),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
            ],
            data_dir,
        )
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -F"
        _run_pg(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data_dir),
                "-o",
                options,
                "-l",
                str(root / "server.log"),
                "-w",
                "start",
            ],
            data_dir,
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "immediate", "stop"],
            capture_output=True,
            cwd=root,
            **_as_postgres_user(),
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each storage test runs against SQLite and against the real PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    url = request.getfixturevalue("postgres_url")
    yield url
    _drop_store_tables(url)


def _drop_store_tables(url: str) -> None:
    from sqlalchemy import create_engine

    from smartpick.web.storage import Base

    engine = create_engine(url)
    Base.metadata.drop_all(engine)
    engine.dispose()


def chromium_path() -> str | None:
    configured = os.environ.get("SMARTPICK_CHROMIUM")
    for candidate in [configured, "/usr/bin/chromium", shutil.which("chromium")]:
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    executable = chromium_path()
    if executable is None:
        _missing("Chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    profile_dir = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile_dir),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            accept_downloads=True,
            viewport={"width": 1200, "height": 900},
        )
        yield context
        context.close()


class LiveServer:
    """A uvicorn server for one app on a loopback port, in a background thread."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server():
    """``with live_server(app) as server: server.url``: the app on a loopback port."""
    return LiveServer
