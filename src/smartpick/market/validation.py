"""Check the chance model from the outside: its predicted P(match) against simulated outcomes.

Pure curve functions (deciles, Brier score) apart from the model call; plotting lives in
``plot_calibration`` and imports matplotlib only when asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..outputs import save_figure
from .simulate import ImgRecords


@dataclass(frozen=True)
class DecileRow:
    """One tenth of the simulated applicants, sorted by predicted P(match)."""

    decile: int
    applicants: int
    predicted_mean: float
    simulated_share: float


@dataclass(frozen=True)
class CalibrationCheck:
    """Predicted against simulated, pooled over the specialties simulated."""

    scenario: str  # "model parameters" | "perturbed truth"
    applicants: int
    brier: float
    predicted_mean: float
    simulated_share: float
    deciles: tuple[DecileRow, ...]


def brier_score(predicted: np.ndarray, outcome: np.ndarray) -> float:
    """Mean squared difference between predicted probability and the 0/1 outcome."""
    return float(np.mean((predicted - outcome.astype(float)) ** 2)) if predicted.size else 0.0


def decile_table(
    predicted: np.ndarray, outcome: np.ndarray, bins: int = 10
) -> tuple[DecileRow, ...]:
    """Equal-count groups by predicted probability: mean predicted vs share observed."""
    order = np.argsort(predicted, kind="stable")
    rows = []
    for number, group in enumerate(np.array_split(order, bins), start=1):
        if group.size:
            rows.append(
                DecileRow(
                    number,
                    int(group.size),
                    round(float(predicted[group].mean()), 4),
                    round(float(outcome[group].mean()), 4),
                )
            )
    return tuple(rows)


def calibration_check(
    scenario: str, predicted: np.ndarray, outcome: np.ndarray
) -> CalibrationCheck:
    return CalibrationCheck(
        scenario=scenario,
        applicants=int(predicted.size),
        brier=round(brier_score(predicted, outcome), 4),
        predicted_mean=round(float(predicted.mean()), 4) if predicted.size else 0.0,
        simulated_share=round(float(outcome.mean()), 4) if outcome.size else 0.0,
        deciles=decile_table(predicted, outcome),
    )


def predicted_p_match(model: Any, facts: Sequence[Any], records: ImgRecords) -> np.ndarray:
    """The chance model's P(match) for each simulated non-US IMG: a typical cohort file
    (the calibration's assumed typical years, US months and letters) with its Step 2 CK,
    over the tracks it applied to."""
    from ..chances import Applicant

    a = model.assumptions_
    typical = {
        "years_since_graduation": a.get("typical_years_since_graduation"),
        "hands_on_months": a.get("typical_hands_on_months"),
        "strong_us_letters": int(a.get("typical_strong_us_letters")),
    }
    predicted = np.empty(records.step2ck.size)
    for i, (score, applied) in enumerate(zip(records.step2ck, records.applied, strict=True)):
        applicant = Applicant(step2ck=float(score), **typical)
        predicted[i] = model.p_match(applicant, [facts[j] for j in applied])
    return predicted


def plot_calibration(checks: Sequence[CalibrationCheck], path: Path) -> None:
    """Calibration curves (deciles) of each scenario, with the diagonal, to a PNG or PDF."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(5, 5))
    axes.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfect calibration")
    for check in checks:
        x = [row.predicted_mean for row in check.deciles]
        y = [row.simulated_share for row in check.deciles]
        axes.plot(x, y, marker="o", label=f"{check.scenario} (Brier {check.brier:.3f})")
    axes.set_xlabel("predicted P(match), decile mean")
    axes.set_ylabel("simulated share matched")
    axes.set_title("Chance model vs simulated Match, non-US IMGs", fontsize="medium")
    axes.legend(loc="upper left", fontsize="small")
    figure.tight_layout()
    try:
        save_figure(figure, path, field="plot")
    finally:
        plt.close(figure)
