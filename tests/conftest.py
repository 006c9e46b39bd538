"""Shared fixtures: every test runs with its own empty smartpick home folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def smartpick_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("smartpick-home")
    monkeypatch.setenv("SMARTPICK_HOME", str(home))
    monkeypatch.delenv("SMARTPICK_DATABASE_URL", raising=False)
    # The test client's requests name the host "testserver"; a deployment lists its names
    # the same way (docs/web.md). test_web_security checks the default allow-list.
    monkeypatch.setenv("SMARTPICK_ALLOWED_HOSTS", "127.0.0.1,localhost,::1,testserver")
    return home


@pytest.fixture
def cli():
    """Invoke the real command line in-process: ``cli("audit", path, "--json")``."""
    from typer.testing import CliRunner

    from smartpick.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke
