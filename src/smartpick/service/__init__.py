"""The one service layer: typed results that the CLI, the web app and the reports render.

Each area has its own module; its public functions are re-exported here.
"""

from __future__ import annotations

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
from .plan import plan_for_profile, whatif_for_profile
from .texts import interview_practice, interview_prep, outline_for, review, review_file

__all__: list[str] = ["audit_profile"]
__all__ += [
    "export_programs",
    "import_programs",
    "list_specialties",
    "programs_template",
    "search_programs",
    "show_program",
    "specialty_figures",
]
__all__ += ["calibrate", "chances_for_profile"]
__all__ += ["interview_practice", "interview_prep", "outline_for", "review", "review_file"]
__all__ += ["plan_for_profile", "whatif_for_profile"]
