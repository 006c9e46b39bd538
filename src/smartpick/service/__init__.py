"""The one service layer: typed functions whose results the CLI, the web app and the report
render. Each area has its own module; the domain packages each one needs are imported when
a function is first called, so one command does not pay for the start-up of every other.
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
from .manual import manual_html, manual_page, manual_pages
from .market import simulate_seasons, validate_seasons
from .plan import (
    category_bounds,
    check_min_gain,
    check_plot_path,
    plan_curve_figure,
    plan_for_profile,
    signal_rows,
    whatif_for_profile,
)
from .season import (
    season_calibration,
    season_file,
    season_for_profile,
    season_from_codes,
    season_from_rows,
    season_text,
)
from .texts import interview_practice, interview_prep, outline_for, review, review_file

__all__ = [
    "audit_profile",
    "calibrate",
    "category_bounds",
    "chances_for_profile",
    "check_min_gain",
    "check_plot_path",
    "export_programs",
    "import_programs",
    "interview_practice",
    "interview_prep",
    "list_specialties",
    "manual_html",
    "manual_page",
    "manual_pages",
    "outline_for",
    "plan_curve_figure",
    "plan_for_profile",
    "programs_template",
    "review",
    "review_file",
    "search_programs",
    "season_calibration",
    "season_file",
    "season_for_profile",
    "season_from_codes",
    "season_from_rows",
    "season_text",
    "show_program",
    "signal_rows",
    "simulate_seasons",
    "specialty_figures",
    "validate_seasons",
    "whatif_for_profile",
]
