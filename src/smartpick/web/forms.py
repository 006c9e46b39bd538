"""The profile form: field specs, form data -> profile document, profile -> form values.

The form builds the same v1 document a YAML file holds and validates it with
``parse_profile``, so the messages are the CLI's. Error paths (``exams[2].score``)
map to form field names (``exams.2.score``).
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import BaseModel

from ..errors import InputError
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


# The form's layout: (section, label, repeated, [(field path, label, hint)]). Each field's
# input kind and options come from the profile model, so they cannot drift from it.
LAYOUT: tuple[tuple[str, str, bool, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "applicant",
        "Applicant",
        False,
        (
            ("season", "Match season (year)", "e.g. 2028; empty = next Match"),
            ("citizenship", "Citizenship", ""),
            ("visa", "Visa needed", ""),
            ("ecfmg_certified", "ECFMG certified", ""),
            ("interview_skill", "Interview skill", ""),
        ),
    ),
    (
        "school",
        "Medical school",
        False,
        (
            ("medical_school.country", "Country", ""),
            ("medical_school.start", "Start", ""),
            ("medical_school.graduation", "Graduation", ""),
            ("english.test", "English test", ""),
            ("english.result", "English result", ""),
        ),
    ),
    (
        "targets",
        "Targets, preferences and budget",
        False,
        (
            ("targets.primary", "Primary specialty", ""),
            ("targets.backups", "Backup specialties", "ids, comma-separated"),
            ("preferences.states", "Preferred states", "e.g. TX, OH"),
            ("preferences.avoid_states", "States to avoid", ""),
            (
                "preferences.program_types",
                "Program types",
                "university, community-university, community",
            ),
            (
                "preferences.backup_value",
                "A backup match is worth",
                "0 to 1 of a primary match; 0 = primary only (default 0.6)",
            ),
            (
                "preferences.state_weight",
                "Weight of preferred states",
                "0 to 1: how much less a match elsewhere is worth (default 0.5)",
            ),
            ("budget.usd", "Budget (USD)", ""),
            ("budget.programs", "or budget (programs)", ""),
        ),
    ),
    (
        "exams",
        "Exams (every attempt)",
        True,
        (
            ("exam", "Exam", ""),
            ("result", "Result", ""),
            ("score", "Score", ""),
            ("date", "Date", ""),
        ),
    ),
    (
        "experiences",
        "Experiences (CV timeline)",
        True,
        (
            ("kind", "Kind", ""),
            ("setting", "Setting", ""),
            ("specialty", "Specialty", ""),
            ("country", "Country", ""),
            ("start", "Start", ""),
            ("end", "End", ""),
            ("title", "Title", ""),
            ("output.publications", "Publications", ""),
            ("completed", "Completed", ""),
            ("left_because", "Left because", ""),
        ),
    ),
    (
        "letters",
        "Letters of recommendation",
        True,
        (
            ("writer_specialty", "Writer's specialty", ""),
            ("country", "Country", ""),
            ("relationship", "Relationship", ""),
            ("strength", "Strength", ""),
        ),
    ),
    (
        "incidents",
        "Academic and professionalism incidents",
        True,
        (
            ("kind", "Kind", ""),
            ("date", "Date", ""),
            ("summary", "Summary", ""),
            ("remediated", "Remediated", ""),
        ),
    ),
    (
        "previous_cycles",
        "Previous application cycles",
        True,
        (
            ("season", "Season", ""),
            ("specialty", "Specialty", ""),
            ("applications", "Applications", ""),
            ("interviews", "Interviews", ""),
            ("matched", "Matched", ""),
        ),
    ),
    (
        "advocates",
        "Advocates at programs",
        True,
        (("program", "NRMP program code", ""), ("strength", "Strength", "")),
    ),
)


def _unwrap(annotation: Any) -> Any:
    """``X | None`` -> ``X``; ``Annotated[X, ...]`` -> ``X``; ``list[Model]`` -> ``Model``."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return _unwrap(args[0]) if len(args) == 1 else annotation
    if typing.get_origin(annotation) is list and args and isinstance(args[0], type):
        if issubclass(args[0], BaseModel):
            return args[0]
    return annotation


def _annotation(model: type[BaseModel], dotted: str) -> Any:
    annotation: Any = model
    for part in dotted.split("."):
        annotation = _unwrap(annotation.model_fields[part].annotation)
    return annotation


def _kind_of(annotation: Any, path: str) -> tuple[str, tuple[str, ...]]:
    origin = typing.get_origin(annotation)
    if path.endswith(("primary",)):
        return "select", specialty_ids()
    if origin is typing.Literal:
        return "select", ("", *typing.get_args(annotation))
    if origin is list:
        return "list", ()
    if annotation is bool:
        return "select", YES_NO
    if annotation is int:
        return "number", ()
    if annotation is dt.date:
        return "month", ()
    return "text", ()


def _sections(repeated: bool) -> list[Section]:
    from ..profile import Profile

    sections = []
    for name, title, is_list, specs in LAYOUT:
        if is_list != repeated:
            continue
        model = _annotation(Profile, name) if is_list else Profile
        fields = []
        for path, label, hint in specs:
            kind, options = _kind_of(_annotation(model, path), path)
            fields.append(Field(path, label, kind, options, hint))
        sections.append(Section(name, title, tuple(fields), repeated=is_list))
    return sections


def scalar_sections() -> list[Section]:
    return _sections(repeated=False)


def list_sections() -> list[Section]:
    return _sections(repeated=True)


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


def form_int(value: object, field: str, *, low: int = 0, high: int = 2**63 - 1) -> int:
    """A whole number from a form field, or an InputError naming the field (never a 500)."""
    text = str(value or "0").strip()
    if not text.isdigit() or not low <= int(text) <= high:
        raise InputError(
            f"'{text[:20]}' is not a whole number from {low} to {high}",
            path=field,
            hint="reload the page and submit the form again",
        )
    return int(text)
