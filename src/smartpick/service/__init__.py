"""The one service layer: typed results that the CLI, the web app and the reports render.

Each area has its own module; its public functions are re-exported here.
"""

from __future__ import annotations

__all__: list[str] = []
