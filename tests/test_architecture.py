"""The architecture holds: layers, no cycles between packages, thin front ends, front doors.

Every import in ``src/smartpick`` is read with ``ast`` (module level, inside functions and
under ``TYPE_CHECKING`` alike) and resolved to the top-level unit it names: a package
(``smartpick.planning``) or a root module (``smartpick.budget``). docs/architecture.md
draws the same picture; ``python tests/test_architecture.py`` prints the unit graph.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "smartpick"

# the layers and front doors read as compact lists (one name per line would hide them)
# fmt: off
BASE = {
    "errors", "settings", "datafiles", "specialties", "results", "budget", "citations", "cache",
}
DOMAIN = {"profile", "audit", "catalog", "chances", "planning", "market", "texts", "season"}
LAYER = {**dict.fromkeys(BASE, 0), **dict.fromkeys(DOMAIN, 1), "service": 2, "web": 3, "cli": 4}
LAYER_NAMES = ("base", "domain", "service", "web", "cli")
MAX_ROOT_MODULES = 8

FRONT_DOORS = {
    "smartpick.profile": [
        "EXAM_NAMES", "Exam", "Experience", "Profile", "STATE_HINT", "US_STATES", "check_profile",
        "default_season", "facts", "from_validation_error", "load_profile", "parse_document",
        "parse_profile", "problem_of", "read_document_bytes", "state_code",
    ],
    "smartpick.audit": [
        "Audit", "CommitteeView", "RedFlag", "Stack", "audit", "committee_rules",
        "committee_view", "flag_ids", "flags_for", "label_from_chances", "load_rules",
        "overall_severity",
    ],
    "smartpick.planning": [
        "ADVANCED", "Budget", "BudgetPoint", "CostModel", "CurvePoint", "Instance", "MAIN",
        "PGY1", "Plan", "PlanTotals", "PlannedProgram", "SignalUse", "Solution",
        "WhatIfResult", "apply_patch", "check_plot_path", "cost_model", "count_grid",
        "count_model", "curve", "effective_success", "evaluate", "make_instance", "make_plan",
        "plan_curve_figure", "plan_settings", "resolve_budget", "solve", "usd_grid", "value",
    ],
    "smartpick.chances": [
        "Applicant", "Assumption", "Assumptions", "ChanceModel", "FittedParams",
        "NodeProbabilities", "ProgramFacts", "applicant_from_profile", "as_program_facts",
        "count_range", "interview_count_distribution", "listing_key", "load_assumptions",
        "load_fitted",
        "p_match_at_least_one", "p_match_draws", "p_match_range", "quadrature",
    ],
    "smartpick.catalog": [
        "Attribute", "Catalog", "Figure", "Program", "ProgramUnit", "RateDistribution",
        "SearchResult",
        "SpecialtyFigures", "open_catalog",
    ],
    "smartpick.market": [
        "BlockingPair", "MatchResult", "NoStableMatchingError", "ReversionResult",
        "blocking_pairs", "match", "match_with_reversion", "over_capacity", "stable_match",
        "unacceptable_pairs",
    ],
    "smartpick.texts": ["Finding", "Review", "StructurePart", "review_text"],
    "smartpick.season": [
        "Application", "LateAdvice", "Observed", "ProgramStatus", "RankAdvice", "SeasonFile",
        "SeasonReport", "SeasonUpdate", "SoapReadiness", "dump_season", "load_season",
        "parse_season", "season_companion", "update",
    ],
    "smartpick.service": [
        "audit_profile", "calibrate", "category_bounds", "chances_for_profile",
        "check_min_gain", "check_plot_path", "export_programs", "import_programs",
        "interview_practice",
        "interview_prep", "list_specialties", "manual_html", "manual_page", "manual_pages",
        "outline_for", "plan_curve_figure",
        "plan_for_profile", "programs_template", "review", "review_file", "search_programs",
        "season_calibration", "season_file", "season_for_profile", "season_from_codes",
        "season_from_rows", "season_text", "show_program", "signal_rows", "simulate_seasons",
        "specialty_figures", "validate_seasons", "whatif_for_profile",
    ],
    "smartpick.web": ["create_app"],
    "smartpick.cli": ["app", "main"],
}
# fmt: on


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    """Every module an import statement in ``path`` names, absolute, with its line."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base, node.lineno
            yield from ((f"{base}.{alias.name}", node.lineno) for alias in node.names)


def _unit(module: str) -> str | None:
    """The top-level unit of a smartpick module (``planning`` for smartpick.planning.plan)."""
    parts = module.split(".")
    if parts[0] != "smartpick" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYER or (SRC / parts[1]).is_dir() else None


def unit_edges() -> dict[tuple[str, str], list[str]]:
    """(importing unit, imported unit) -> where (file:line), for every cross-unit import."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        here = _unit(_module_name(path))
        if here is None:
            continue
        for target, line in _imports(path):
            there = _unit(target)
            if there is not None and there != here:
                where = f"{path.relative_to(SRC)}:{line}"
                edges.setdefault((here, there), []).append(where)
    return edges


def _cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components of more than one unit (Tarjan)."""
    graph: dict[str, list[str]] = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
        graph.setdefault(b, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_at_most_eight_root_modules() -> None:
    roots = sorted(p.stem for p in SRC.glob("*.py") if p.stem not in {"__init__", "__main__"})
    assert len(roots) <= MAX_ROOT_MODULES, roots
    assert set(roots) == BASE, "a root module outside the base layer: move it into its package"


def test_every_unit_has_a_layer() -> None:
    units = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    units |= {p.stem for p in SRC.glob("*.py") if p.stem not in {"__init__", "__main__"}}
    assert units <= set(LAYER), sorted(units - set(LAYER))


def test_no_import_goes_up_a_layer() -> None:
    upward = [
        f"{a} ({LAYER_NAMES[LAYER[a]]}) imports {b} ({LAYER_NAMES[LAYER[b]]}) at {where[0]}"
        for (a, b), where in unit_edges().items()
        if LAYER[b] > LAYER[a]
    ]
    assert not upward, "\n".join(upward)


def test_no_cycle_between_units() -> None:
    assert not _cycles(set(unit_edges())), _cycles(set(unit_edges()))


def test_front_ends_import_no_domain_package_but_profile() -> None:
    reached = [
        f"{a} imports {b} at {', '.join(where)}"
        for (a, b), where in unit_edges().items()
        if a in {"cli", "web"} and b in DOMAIN - {"profile"}
    ]
    assert not reached, "\n".join(reached)


@pytest.mark.parametrize("package", sorted(FRONT_DOORS))
def test_front_door_exports_its_public_surface(package: str) -> None:
    module = importlib.import_module(package)
    exported = list(module.__all__)
    assert exported == sorted(exported), f"{package}.__all__ is not sorted"
    assert exported == sorted(FRONT_DOORS[package])
    missing = [name for name in exported if not hasattr(module, name)]
    assert not missing, missing


def test_the_checks_catch_a_cycle_and_an_upward_import() -> None:
    """The graph functions themselves can fail: a planted cycle and layer breach are found."""
    assert _cycles({("audit", "profile"), ("profile", "audit"), ("cli", "web")}) == [
        ["audit", "profile"]
    ]
    sample = SRC / "planning" / "engine.py"
    assert ("smartpick.planning.build", 21) in set(_imports(sample)) or any(
        target == "smartpick.planning.build" for target, _ in _imports(sample)
    )


if __name__ == "__main__":
    for (a, b), where in sorted(unit_edges().items()):
        print(f"{a:11} -> {b:11} {len(where):3} imports")
