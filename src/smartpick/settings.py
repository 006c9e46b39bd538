"""Where smartpick keeps its data: ``$SMARTPICK_HOME`` or the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "SMARTPICK_HOME"
DATABASE_URL_ENV = "SMARTPICK_DATABASE_URL"


def home_dir() -> Path:
    """The per-user data folder, created on first use."""
    configured = os.environ.get(HOME_ENV)
    if configured:
        path = Path(configured).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("smartpick", appauthor=False))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """``$SMARTPICK_DATABASE_URL`` (e.g. PostgreSQL) or the embedded SQLite file, readable
    by its owner only (it holds saved profiles: health, disciplinary, immigration history)."""
    configured = os.environ.get(DATABASE_URL_ENV)
    if configured:
        return configured
    return f"sqlite:///{private_file(home_dir() / 'smartpick.db')}"


def private_file(path: Path) -> Path:
    """``path``, created empty if missing, with mode 0600 (owner read/write only)."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path
