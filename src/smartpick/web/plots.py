"""The plan's P(match)-versus-budget plot as a PNG data URI (the pages' CSP allows ``data:``).

Drawn by the service's :func:`~smartpick.service.plan_curve_figure`; pyplot is not
thread-safe, so drawings are serialised with a lock.
"""

from __future__ import annotations

import base64
import tempfile
import threading
from pathlib import Path
from typing import Any

_LOCK = threading.Lock()


def plan_curve_png(plan: Any) -> str:
    """A ``data:image/png;base64,...`` URI of the plan's budget curve."""
    from ..service import plan_curve_figure

    with _LOCK, tempfile.TemporaryDirectory() as folder:
        path = plan_curve_figure(plan, Path(folder) / "curve.png")
        data = path.read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")
