"""Gauss-Hermite quadrature over the shared file factor z ~ N(0, 1)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

DEFAULT_NODES = 24


@lru_cache(maxsize=8)
def quadrature(k: int = DEFAULT_NODES) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights (summing to 1) for E[f(z)], z ~ N(0, 1)."""
    nodes, weights = np.polynomial.hermite_e.hermegauss(k)
    return nodes, weights / weights.sum()
