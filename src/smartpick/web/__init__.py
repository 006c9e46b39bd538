"""The smartpick web app: server-rendered pages and their JSON twins under ``/api/``."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
