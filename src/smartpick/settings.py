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
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """``$SMARTPICK_DATABASE_URL`` (e.g. PostgreSQL) or the embedded SQLite file."""
    return os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{home_dir() / 'smartpick.db'}"
