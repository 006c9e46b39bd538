"""Rich output of ``plan``, ``whatif``, ``programs``, ``review``, ``outline`` and
``interview``: text shown as typed, real terminal widths, and an empty plan that says why.

Found in the QA pass: a reviewed sentence holding ``[/bold]`` crashed ``review`` (internal
failure), catalog names went through rich markup in ``plan`` and ``programs``; the plan
table broke codes and names over five lines at 80 columns; a plan for an H-1B applicant
without Step 3 printed an empty table and "0 applications" without saying why; a what-if
patch that failed validation gave no field path and no hint.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections import Counter

import pytest
import yaml

from cli_output import json_output as _json
from cli_output import output_at_width as _run
from conftest import EXAMPLES
from smartpick.errors import ProfileError
from smartpick.planning.actions import PatchOp, apply_patch
from smartpick.planning.fees import application_cost
from smartpick.profile import load_profile

STACKED = EXAMPLES / "stacked-red-flags.yaml"
ANESTHESIOLOGY = EXAMPLES / "anesthesiology-nonus-img.yaml"
MARKUP = "[/bold] St [red]Mary"


def _capture(render, result, columns: int = 100) -> str:
    from smartpick.cli.common import console

    saved = console.width
    console.width = columns
    try:
        with console.capture() as captured:
            render(result)
    finally:
        console.width = saved
    return captured.get()


# -- markup: shown as typed, never a crash ------------------------------------------


def test_a_reviewed_sentence_with_markup_is_shown_as_typed(cli, tmp_path):
    text = tmp_path / "answer.txt"
    text.write_text("The exam was unfair and the school [/bold] failed me. It was not my fault.\n")
    result = cli("review", text, "--kind", "additional-info")
    assert result.exit_code == 0, result.stderr
    assert "[/bold]" in result.stdout


@pytest.mark.parametrize(
    "args",
    [["outline", "--flag", "old-graduate"], ["interview"], ["plan"], ["whatif"]],
    ids=lambda a: a[0],
)
def test_a_profile_with_markup_in_its_text_renders(cli, tmp_path, args):
    data = yaml.safe_load(STACKED.read_text())
    data["medical_school"]["country"] = MARKUP
    for letter in data["letters"]:
        letter.pop("text_file", None)
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(data))
    result = cli(args[0], path, *args[1:])
    assert result.exit_code == 0, result.stderr


def test_catalog_names_with_markup_are_shown_as_typed_in_plan_and_programs():
    from smartpick.budget import Budget
    from smartpick.cli.plan import render_plan
    from smartpick.cli.programs import _render_search
    from smartpick.service import plan_for_profile, search_programs

    plan = plan_for_profile(ANESTHESIOLOGY, Budget.of("programs", 3))
    first = dataclasses.replace(plan.programs[0], institution=MARKUP)
    out = _capture(render_plan, dataclasses.replace(plan, programs=(first, *plan.programs[1:])))
    assert "[/bold] St [red]M" in out  # cut to the column, never parsed
    found = search_programs("anesthesiology", None, "C", None, None)
    program = dataclasses.replace(found.programs[0], institution=MARKUP)
    out = _capture(_render_search, dataclasses.replace(found, programs=[program]), 160)
    assert MARKUP in out


# -- the plan for a profile with nothing in reach ------------------------------------


def test_an_empty_plan_says_why_and_what_removes_the_barrier():
    out = _run(100, "plan", str(STACKED))
    flat = " ".join(out.split())
    assert "No program is in reach: the profile needs an H-1B visa and has no passed Step 3" in flat
    assert "Passing Step 3, or switching the visa need to J-1" in flat and "whatif" in flat
    assert "┏" not in out  # no empty table
    assert _json("plan", str(STACKED))["barrier"].startswith("No program is in reach")


def test_a_budget_below_one_application_says_so():
    barrier = _json("plan", str(ANESTHESIOLOGY), "--budget-usd", "5")["barrier"]
    assert barrier.startswith("The budget of 5 USD does not cover one application (11 USD")


def test_a_plan_with_programs_has_no_barrier():
    assert _json("plan", str(ANESTHESIOLOGY), "--programs", "5")["barrier"] is None


# -- what-if patches are validated like a loaded profile ------------------------------


def test_a_patch_that_breaks_a_field_names_it_with_a_hint():
    with pytest.raises(ProfileError) as info:
        apply_patch(load_profile(STACKED), (PatchOp("set", "visa", "green-card"),))
    assert info.value.path == "visa" and info.value.hint
    assert info.value.message.startswith("after the what-if patch:")


def test_a_patch_that_breaks_a_cross_field_rule_is_refused_with_its_path():
    bad = {"kind": "clinical", "start": "2024-05", "end": "2024-01"}  # ends before it starts
    profile = load_profile(STACKED)
    with pytest.raises(ProfileError) as info:
        apply_patch(profile, (PatchOp("add", "experiences", bad),))
    assert info.value.path == f"experiences[{len(profile.experiences)}].end"
    assert "end is before start" in info.value.message and info.value.hint


def test_a_patch_giving_a_citizen_a_visa_is_refused():
    profile = load_profile(EXAMPLES / "clean.yaml")
    assert profile.citizenship == "us"
    with pytest.raises(ProfileError) as info:
        apply_patch(profile, (PatchOp("set", "visa", "j1"),))
    assert info.value.path == "visa"


# -- terminal widths --------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 100, 160])
def test_plan_tables_fit_and_keep_codes_whole(columns):
    out = _run(columns, "plan", str(ANESTHESIOLOGY))
    rows = [m.group(1) for m in re.finditer(r"^ (\S{9})  ", out, re.M) if m.group(1) != "program"]
    assert rows and all(len(line) <= columns for line in out.splitlines())
    planned = _json("plan", str(ANESTHESIOLOGY))["programs"]
    assert set(rows) <= {p["code"] for p in planned}  # every code whole: a real program
    assert all(re.fullmatch(r"\d{7}[A-Z]\d", code) for code in rows)  # one line each


def test_plan_headline_counts_and_plurals():
    data = _json("plan", str(ANESTHESIOLOGY))
    lines = _run(160, "plan", str(ANESTHESIOLOGY)).splitlines()
    first, second = lines[0], next(line for line in lines if line.startswith("P(match) "))
    n, cost = data["totals"]["n_programs"], data["totals"]["cost"]["total_usd"]
    assert (
        first == f"Plan for the 2028 Main Match, budget 3,500 USD: {n} applications, {cost:,} USD"
    )
    assert second.startswith("P(match) ") and "expected interviews" in second
    one = _run(160, "plan", str(ANESTHESIOLOGY), "--programs", "1").splitlines()[0]
    assert one.endswith(": 1 application, 11 USD") and "budget 1 program:" in one


@pytest.mark.parametrize("columns", [80, 100, 160])
def test_whatif_table_fits(columns):
    out = _run(columns, "whatif", str(STACKED))
    assert all(len(line) <= columns for line in out.splitlines() if line[:1] in "┏┃┡│└")
    titles = [o["action"]["title"] for o in _json("whatif", str(STACKED))["outcomes"]]
    flat = " ".join(out.replace("│", " ").split())
    assert all(title.split()[0] in flat for title in titles)


def test_plan_csv_is_valid_and_complete(cli):
    result = cli("plan", ANESTHESIOLOGY, "--csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    data = _json("plan", str(ANESTHESIOLOGY))
    assert [r["code"] for r in rows] == [p["code"] for p in data["programs"]]
    assert [r["institution"] for r in rows] == [p["institution"] for p in data["programs"]]
    assert sum(float(r["fee_usd"]) for r in rows) == data["totals"]["cost"]["application_fees_usd"]


# -- every example ------------------------------------------------------------------------

EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_plan_on_every_example(name):
    data = _json("plan", str(EXAMPLES / name))
    counts = Counter(p["specialty"] for p in data["programs"])
    assert data["totals"]["cost"]["total_usd"] == application_cost(2028, dict(counts)).total_usd
    assert data["totals"]["n_programs"] == len(data["programs"])
    for p in data["programs"]:  # reach < 10% <= target < 35% <= likely (data/plan.yaml)
        expected = "reach" if p["p_interview"] < 0.10 else "target"
        assert p["category"] == ("likely" if p["p_interview"] >= 0.35 else expected)
    unit = "per next 100 USD" if data["budget_unit"] == "usd" else "per next program"
    assert data["curve"] and data["marginal_unit"] == unit
    assert (data["barrier"] is None) == (data["totals"]["p_match"] > 0)
    out = " ".join(_run(160, "plan", str(EXAMPLES / name)).split())
    assert f"pts of P(match) {unit}" in out  # the next step, results.points
    assert "Covers the NRMP Main Match only; SOAP" in out
    assert "Source: AAMC, Fees for ERAS Residency Applications" in out


# -- the catalog at terminal widths -------------------------------------------------------


def _cells(out: str, column: int) -> list[str]:
    return [line.split("│")[column].strip() for line in out.splitlines() if line.startswith("│")]


@pytest.mark.parametrize("columns", [80, 100, 160])
def test_specialty_ids_stay_whole_or_break_after_a_hyphen(columns):
    out = _run(columns, "programs", "specialties")
    table = [line for line in out.splitlines() if line[:1] in "┏┃┡│└"]
    assert all(len(line) <= columns for line in table)
    ids = [s["id"] for s in _json("programs", "specialties")["specialties"]]
    shown, current = [], ""
    for cell in _cells(out, 1):  # a continuation line of a long id carries no figures
        current += cell
        if not current.endswith("-"):
            shown.append(current)
            current = ""
    assert [s for s in shown if s] == ids


@pytest.mark.parametrize("columns", [80, 100, 160])
@pytest.mark.parametrize("args", [["--specialty", "pediatrics"], ["--text", "mayo"]])
def test_search_rows_keep_codes_whole_and_fit(columns, args):
    out = _run(columns, "programs", "search", *args)
    table = [line for line in out.splitlines() if line[:1] in "┏┃┡│└"]
    assert all(len(line) <= columns for line in table)
    codes = [c for c in _cells(out, 1) if c]
    found = _json("programs", "search", *args)["programs"]
    assert codes == [p["code"] for p in found][: len(codes)]


def test_hyphen_wrap_breaks_only_after_hyphens():
    from smartpick.cli.programs import hyphen_wrap

    assert hyphen_wrap("family-medicine-osteopathic", 16) == "family-medicine-\nosteopathic"
    assert hyphen_wrap("anesthesiology", 9) == "anesthesiology"  # one word: never cut
    assert hyphen_wrap("a-b", 10) == "a-b"


@pytest.mark.parametrize("columns", [80, 100, 160])
def test_simulate_table_fits_with_whole_ids(columns):
    out = _run(columns, "simulate", "--specialties", "neurology,internal-medicine-pediatrics")
    lines = out.splitlines()
    assert "seed 2026, 1 run, " in lines[0]  # not '1 run(s)'
    table = lines[: next(i for i, line in enumerate(lines) if line.startswith("IMGs ranking"))]
    assert len(table) >= 6 and all(len(line) <= columns for line in table)
    assert any(line.split()[:1] == ["neurology"] for line in lines)
    assert any(line.split()[:1] == ["internal-medicine-"] for line in lines)  # after a hyphen


def test_review_counts_agree_with_their_nouns(cli, tmp_path):
    text = tmp_path / "one.txt"
    text.write_text("I failed Step 1 in 2017.\n")
    out = cli("review", text, "--kind", "additional-info").stdout
    assert "6 words, 1 sentence" in out  # I, failed, Step, 1, in, 2017
    assert "1 sentence;" in " ".join(out.split()) and "sentence(s)" not in out


def test_outline_facts_read_as_words_and_wrap_under_their_indent():
    # the incident is a fact of the professionalism outline (an exam-failure outline lists
    # only the failed exams since issue 17)
    out = _run(80, "outline", str(STACKED), "--flag", "professionalism")
    assert "(remediated)" in out and "remediated: True" not in out
    part = out.split("\n1. ")[1].split("\n\n")[0].splitlines()[1:]
    assert part and all(line.startswith("   ") and len(line) <= 80 for line in part)


def test_an_action_whose_patch_does_not_validate_is_listed_not_fatal(cli, tmp_path):
    data = yaml.safe_load(STACKED.read_text())
    letter = {"writer_specialty": "anesthesiology", "country": "India", "strength": "average"}
    data["letters"] = [dict(letter) for _ in range(30)]  # the format's limit: one more fails
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(data))
    result = cli("whatif", path, "--json")
    assert result.exit_code == 0, result.stdout
    skipped = dict(json.loads(result.stdout)["not_applicable"])
    assert skipped["us-experience"].startswith("the patched profile does not validate: letters")


def test_plan_legend_says_how_advanced_and_preliminary_tracks_count():
    out = " ".join(_run(160, "plan", str(EXAMPLES / "ir-h1b-reapplicant.yaml")).split())
    assert (
        "category from P(interview): reach under 10%, target from 10% to 35%, likely from 35%."
        in out
    )
    assert "A (advanced) tracks count only with a PGY-1 position from the plan." in out
    assert "never a match alone" in out
    # one signal per institution, shown on each of its listings (Utah's advanced and
    # categorical diagnostic radiology, an institution's DR and IR, which share their signals):
    # the rows with a signal outnumber the signals the summary says were sent
    rows = re.search(r"\((\d+) rows show the (\d+) signals sent\)", out)
    assert rows and int(rows.group(1)) > int(rows.group(2))
    sent = re.search(
        r"signals diagnostic radiology/interventional radiology: (\d+) gold, (\d+)", out
    )
    assert sent and int(rows.group(2)) >= int(sent.group(1)) + int(sent.group(2))
