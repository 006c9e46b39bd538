"""Plots for the pages and the report, as PNG data URIs (the pages' CSP allows ``data:`` images).

matplotlib is imported lazily (Agg backend) so the rest of the app starts fast.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence
from typing import Any


def budget_curve_png(
    curve: Sequence[Mapping[str, Any]], budget: float, unit: str, p_match: float
) -> str:
    """P(match) against budget, the chosen budget marked; a ``data:image/png`` URI."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    xs = [float(point["budget"]) for point in curve]
    ys = [100 * float(point["p_match"]) for point in curve]
    fig = Figure(figsize=(7.2, 3.4), dpi=130)
    ax = fig.add_subplot()
    ax.plot(xs, ys, marker="o", markersize=3, color="#1f5fa8", linewidth=1.8)
    ax.axvline(budget, color="#b86e00", linestyle="--", linewidth=1.2)
    ax.annotate(
        f"your budget: {100 * p_match:.1f}%",
        (budget, 100 * p_match),
        xytext=(8, -14),
        textcoords="offset points",
        color="#b86e00",
        fontsize=9,
    )
    ax.set_xlabel("budget (USD of ERAS fees)" if unit == "usd" else "budget (programs)")
    ax.set_ylabel("P(match), %")
    ax.set_title("P(match) versus budget (NRMP Main Match)", fontsize=10)
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
