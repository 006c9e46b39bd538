"""Shared fixtures: every test runs with its own empty smartpick home folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def built_catalog(tmp_path_factory: pytest.TempPathFactory):
    """``built_catalog()``: the path of a catalog database built once per worker, on first
    need (the build itself is tested by the catalog tests, which build their own)."""
    made: list[Path] = []

    def get() -> Path:
        if not made:
            import os

            from smartpick.catalog import open_catalog

            folder = tmp_path_factory.mktemp("catalog-built")
            target = folder / "smartpick.db"
            home = os.environ.get("SMARTPICK_HOME")
            os.environ["SMARTPICK_HOME"] = str(folder)  # its programs on disk go beside it
            try:
                open_catalog(f"sqlite:///{target}").all_programs()
            finally:
                if home is None:
                    os.environ.pop("SMARTPICK_HOME", None)
                else:
                    os.environ["SMARTPICK_HOME"] = home
            made.append(target)
        return made[0]

    return get


@pytest.fixture(autouse=True)
def smartpick_home(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    built_catalog,
):
    home = tmp_path_factory.mktemp("smartpick-home")
    monkeypatch.setenv("SMARTPICK_HOME", str(home))
    monkeypatch.delenv("SMARTPICK_DATABASE_URL", raising=False)
    # The test client's requests name the host "testserver"; a deployment lists its names
    # the same way (docs/web.md). test_web_security checks the default allow-list.
    monkeypatch.setenv("SMARTPICK_ALLOWED_HOSTS", "127.0.0.1,localhost,::1,testserver")
    if request.node.get_closest_marker("catalog_build") is None:
        _catalog_from_the_built_one(home, monkeypatch, built_catalog)
    return home


def _catalog_from_the_built_one(home: Path, monkeypatch: pytest.MonkeyPatch, built) -> None:
    """A test's first catalog in its own home starts as a copy of the one built for the
    session, instead of building the same 6,263 programs again (about 1.5 s each time), with
    its programs on disk (catalog/stored.py; the same revision, so they serve the copy too).
    Only an untouched default database is replaced; tests marked ``catalog_build`` build."""
    import os
    import shutil

    from smartpick.catalog import query

    target = home / "smartpick.db"
    build = query.Catalog.__init__

    def init(self, url: str | None = None) -> None:
        default = os.environ.get("SMARTPICK_HOME") == str(home) and not os.environ.get(
            "SMARTPICK_DATABASE_URL"
        )
        untouched = not target.exists() or target.stat().st_size == 0
        if default and untouched and url in (None, f"sqlite:///{target}"):
            source = built()
            shutil.copyfile(source, target)
            target.chmod(0o600)
            (home / "cache").mkdir(exist_ok=True)
            for stored in (source.parent / "cache").glob("catalog-*.pickle"):
                shutil.copyfile(stored, home / "cache" / stored.name)
        build(self, url)

    monkeypatch.setattr(query.Catalog, "__init__", init)


@pytest.fixture
def cli():
    """Invoke the real command line in-process: ``cli("audit", path, "--json")``."""
    from typer.testing import CliRunner

    from smartpick.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke
