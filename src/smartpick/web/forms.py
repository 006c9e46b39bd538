"""The profile form: field specs, form data -> profile document, profile -> form values.

The form builds the same v1 document a YAML file holds and validates it with
``parse_profile``, so the messages are the CLI's. Error paths (``exams[2].score``)
map to form field names (``exams.2.score``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..specialties import all_specialties

MAX_ROWS = 30
BLANK_ROWS = 1
YES_NO = ("", "true", "false")


@dataclass(frozen=True)
class Field:
    name: str  # dotted path inside the profile or the row
    label: str
    kind: str = "text"  # text | number | month | select | list
    options: tuple[str, ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class Section:
    name: str
    label: str
    fields: tuple[Field, ...]
    repeated: bool = False
    rows: list[int] = field(default_factory=list)


def specialty_ids() -> tuple[str, ...]:
    return ("", *sorted(all_specialties()))


def scalar_sections() -> list[Section]:
    return [
        Section(
            "applicant",
            "Applicant",
            (
                Field(
                    "season", "Match season (year)", "number", hint="e.g. 2028; empty = next Match"
                ),
                Field("citizenship", "Citizenship", "select", ("", "us", "non-us")),
                Field("visa", "Visa needed", "select", ("", "none", "j1", "h1b", "either")),
                Field("ecfmg_certified", "ECFMG certified", "select", YES_NO),
                Field(
                    "interview_skill",
                    "Interview skill",
                    "select",
                    ("", "unknown", "weak", "average", "strong"),
                ),
            ),
        ),
        Section(
            "school",
            "Medical school",
            (
                Field("medical_school.country", "Country"),
                Field("medical_school.start", "Start", "month"),
                Field("medical_school.graduation", "Graduation", "month"),
                Field(
                    "english.test", "English test", "select", ("", "oet", "ielts", "toefl", "other")
                ),
                Field("english.result", "English result", "select", ("", "pass", "fail")),
            ),
        ),
        Section(
            "targets",
            "Targets, preferences and budget",
            (
                Field("targets.primary", "Primary specialty", "select", specialty_ids()),
                Field("targets.backups", "Backup specialties", "list", hint="ids, comma-separated"),
                Field("preferences.states", "Preferred states", "list", hint="e.g. TX, OH"),
                Field("preferences.avoid_states", "States to avoid", "list"),
                Field(
                    "preferences.program_types",
                    "Program types",
                    "list",
                    hint="university, community-university, community",
                ),
                Field("budget.usd", "Budget (USD)", "number"),
                Field("budget.programs", "or budget (programs)", "number"),
            ),
        ),
    ]


EXPERIENCE_KINDS = (
    "",
    "clinical",
    "observership",
    "research",
    "residency",
    "teaching",
    "exam-prep",
    "caregiving",
    "health",
    "military",
    "other",
)
INCIDENT_KINDS = (
    "",
    "professionalism",
    "course-failure",
    "clerkship-failure",
    "repeated-year",
    "probation",
    "dismissal",
    "integrity",
)


def list_sections() -> list[Section]:
    return [
        Section(
            "exams",
            "Exams (every attempt)",
            (
                Field(
                    "exam",
                    "Exam",
                    "select",
                    ("", "step1", "step2ck", "step3", "comlex1", "comlex2ce", "comlex3"),
                ),
                Field("result", "Result", "select", ("", "pass", "fail")),
                Field("score", "Score", "number"),
                Field("date", "Date", "month"),
            ),
            repeated=True,
        ),
        Section(
            "experiences",
            "Experiences (CV timeline)",
            (
                Field("kind", "Kind", "select", EXPERIENCE_KINDS),
                Field("setting", "Setting", "select", ("", "hands-on", "observership")),
                Field("specialty", "Specialty"),
                Field("country", "Country"),
                Field("start", "Start", "month"),
                Field("end", "End", "month"),
                Field("title", "Title"),
                Field("output.publications", "Publications", "number"),
                Field("completed", "Completed", "select", YES_NO),
                Field(
                    "left_because",
                    "Left because",
                    "select",
                    (
                        "",
                        "switched",
                        "dismissed",
                        "visa",
                        "health",
                        "family",
                        "program-closed",
                        "other",
                    ),
                ),
            ),
            repeated=True,
        ),
        Section(
            "letters",
            "Letters of recommendation",
            (
                Field("writer_specialty", "Writer's specialty"),
                Field("country", "Country"),
                Field(
                    "relationship",
                    "Relationship",
                    "select",
                    ("", "supervised", "research", "observed", "taught", "other"),
                ),
                Field(
                    "strength", "Strength", "select", ("", "strong", "average", "weak", "unknown")
                ),
            ),
            repeated=True,
        ),
        Section(
            "incidents",
            "Academic and professionalism incidents",
            (
                Field("kind", "Kind", "select", INCIDENT_KINDS),
                Field("date", "Date", "month"),
                Field("summary", "Summary"),
                Field("remediated", "Remediated", "select", YES_NO),
            ),
            repeated=True,
        ),
        Section(
            "previous_cycles",
            "Previous application cycles",
            (
                Field("season", "Season", "number"),
                Field("specialty", "Specialty"),
                Field("applications", "Applications", "number"),
                Field("interviews", "Interviews", "number"),
                Field("matched", "Matched", "select", YES_NO),
            ),
            repeated=True,
        ),
        Section(
            "advocates",
            "Advocates at programs",
            (
                Field("program", "NRMP program code"),
                Field("strength", "Strength", "select", ("", "strong", "lukewarm")),
            ),
            repeated=True,
        ),
    ]


def _convert(spec: Field, raw: str) -> Any:
    raw = raw.strip()
    if spec.kind == "number" and re.fullmatch(r"-?\d+", raw):
        return int(raw)
    if spec.kind == "list":
        return [part.strip() for part in raw.split(",") if part.strip()]
    if spec.options == YES_NO:
        return raw == "true"
    return raw  # left as text: the validator then gives the CLI's message


def _set(doc: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        doc = doc.setdefault(part, {})
    doc[last] = value


def document_from_form(form: Mapping[str, Any]) -> dict[str, Any]:
    """The profile document the form describes (empty fields and rows left out)."""
    doc: dict[str, Any] = {}
    for section in scalar_sections():
        for spec in section.fields:
            raw = str(form.get(spec.name, "") or "")
            if raw.strip():
                _set(doc, spec.name, _convert(spec, raw))
    for section in list_sections():
        rows = [_row(section, form, i) for i in range(MAX_ROWS)]
        rows = [row for row in rows if row]
        if rows:
            doc[section.name] = rows
    return doc


def _row(section: Section, form: Mapping[str, Any], index: int) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for spec in section.fields:
        raw = str(form.get(f"{section.name}.{index}.{spec.name}", "") or "")
        if raw.strip():
            _set(row, spec.name, _convert(spec, raw))
    return row


def document_yaml(doc: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(doc), sort_keys=False, allow_unicode=True)


def form_values(doc: Mapping[str, Any] | None) -> dict[str, str]:
    """Flatten a profile document into form field values (for prefilling the form)."""
    values: dict[str, str] = {}
    if doc:
        _flatten(doc, "", values)
    return values


def _flatten(value: Any, prefix: str, out: dict[str, str]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        for i, item in enumerate(value[:MAX_ROWS]):
            _flatten(item, f"{prefix}.{i}", out)
    elif isinstance(value, list):
        out[prefix] = ", ".join(str(v) for v in value)
    elif isinstance(value, bool):
        out[prefix] = "true" if value else "false"
    elif value is not None:
        out[prefix] = str(value)


def row_counts(values: Mapping[str, str]) -> dict[str, list[int]]:
    """Row indices to show per repeated section: the filled ones plus one blank."""
    counts: dict[str, list[int]] = {}
    for section in list_sections():
        used = [
            int(k.split(".")[1])
            for k in values
            if k.startswith(f"{section.name}.") and k.split(".")[1].isdigit()
        ]
        count = min(MAX_ROWS, (max(used) + 1 if used else 0) + BLANK_ROWS)
        counts[section.name] = list(range(count))
    return counts


def field_name(error_path: str | None) -> str | None:
    """``exams[2].score`` -> ``exams.2.score`` (the form field that shows the message)."""
    if not error_path:
        return None
    return re.sub(r"\[(\d+)\]", r".\1", error_path)
