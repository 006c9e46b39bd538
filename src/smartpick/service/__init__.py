"""The one service layer: typed results that the CLI, the web app and the reports render.

Each area has its own module; its public functions are re-exported here, imported on first
use so that one command does not pay for the start-up of every other area.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "audit_profile": "audit",
    "export_programs": "catalog",
    "import_programs": "catalog",
    "list_specialties": "catalog",
    "programs_template": "catalog",
    "search_programs": "catalog",
    "show_program": "catalog",
    "specialty_figures": "catalog",
    "calibrate": "chances",
    "chances_for_profile": "chances",
    "interview_practice": "texts",
    "interview_prep": "texts",
    "outline_for": "texts",
    "review": "texts",
    "review_file": "texts",
    "plan_for_profile": "plan",
    "whatif_for_profile": "plan",
    "simulate_seasons": "market",
}

__all__ = [
    "audit_profile",
    "calibrate",
    "chances_for_profile",
    "export_programs",
    "import_programs",
    "interview_practice",
    "interview_prep",
    "list_specialties",
    "outline_for",
    "plan_for_profile",
    "programs_template",
    "review",
    "review_file",
    "search_programs",
    "show_program",
    "specialty_figures",
    "whatif_for_profile",
    "simulate_seasons",
]

if TYPE_CHECKING:
    from .audit import audit_profile
    from .catalog import (
        export_programs,
        import_programs,
        list_specialties,
        programs_template,
        search_programs,
        show_program,
        specialty_figures,
    )
    from .chances import calibrate, chances_for_profile
    from .market import simulate_seasons
    from .plan import plan_for_profile, whatif_for_profile
    from .texts import interview_practice, interview_prep, outline_for, review, review_file


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'smartpick.service' has no attribute '{name}'")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
