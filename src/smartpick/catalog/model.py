"""What the catalog returns: programs, attributes with provenance, specialty figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ..datafiles import load_yaml, validate
from ..errors import DataFileError

AttributeValue = float | int | str | bool | dict[str, Any] | None
TRACK_LETTERS = ("C", "P", "A", "R", "M")
TRACK_GRAIN = "track"


@dataclass(frozen=True)
class Attribute:
    """One fact about a program; ``known=False`` means the catalog does not have it."""

    value: AttributeValue
    known: bool
    source: str
    as_of: str
    grain: str = ""  # what one value covers when not the track, e.g. "institution x specialty"


UNKNOWN = Attribute(None, False, "", "")


@dataclass(frozen=True)
class Program:
    """One NRMP Main Match track."""

    code: str
    institution: str
    city: str | None
    state: str | None  # None: the source gives no state
    specialty: str
    track: str
    track_name: str
    needs_pgy1: bool  # advanced (A) tracks start at PGY-2
    reserved: bool  # R tracks: physicians with prior residency training only
    location_method: str
    attributes: Mapping[str, Attribute] = field(default_factory=dict, compare=False)

    @property
    def institution_code(self) -> str:
        """The NRMP institution code: the first 4 characters of the program code."""
        return self.code[:4]

    @property
    def program_key(self) -> str:
        """Institution code + NRMP specialty code (characters 1-7): the program it belongs to."""
        return self.code[:7]

    def known(self, name: str) -> AttributeValue:
        """The attribute's value if known, else None."""
        attr = self.attributes.get(name, UNKNOWN)
        return attr.value if attr.known else None

    def known_for_track(self, name: str) -> AttributeValue:
        """The value only if it was published for this track alone (e.g. positions of the
        track, not of the whole program), else None."""
        attr = self.attributes.get(name, UNKNOWN)
        return attr.value if attr.known and attr.grain in ("", TRACK_GRAIN) else None


@dataclass(frozen=True)
class SearchResult:
    programs: tuple[Program, ...]
    total: int
    left_out_unknown_state: int  # tracks without a state dropped by the state filter
    unknown_visa_kept: int  # tracks whose visa policy is unknown, kept by the visa filter
    sources: tuple[str, ...]
    no_h1b_evidence_kept: int = 0  # --visa h1b: tracks kept without any H-1B evidence
    h1b_first: bool = False  # --visa h1b: ordered by H-1B evidence (strong, weak, none)


@dataclass(frozen=True)
class Figure:
    value: float | int | None
    unit: str
    source: str
    label: str = ""


@dataclass(frozen=True)
class RateDistribution:
    group: str
    n_programs: int
    mean: float | None
    p25: float | None
    median: float | None
    p75: float | None
    source: str


@dataclass(frozen=True)
class SpecialtyFigures:
    specialty: str
    name: str
    tracks_by_type: Mapping[str, int]
    figures: Mapping[str, Figure]
    interview_rates: tuple[RateDistribution, ...]
    visa_figures: tuple[Figure, ...]
    interview_rate_join: Mapping[str, int]


class AttributeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["rate", "share", "int", "enum", "bool"]
    label: str
    values: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None


class RecordSpec(BaseModel):
    """A shipped, read-only attribute whose value is a record (not importable)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str


@dataclass(frozen=True)
class SourceValue:
    """One attribute value a per-program source gives for one key (track, program,
    institution), with its provenance."""

    name: str
    value: Any
    source: str
    as_of: str
    grain: str | None = None


JoinKind = Literal["track", "program", "institution", "name"]
KEY_LENGTH = {"track": 9, "program": 7, "institution": 4}  # characters of the program code


class SourceSpec(BaseModel):
    """One per-program source of ``catalog.yaml``: a CSV under ``data/sources/``, how its
    rows join to tracks, what attributes it gives and its citation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    file: str
    join: JoinKind
    key: tuple[str, ...] = ()  # columns whose values, joined, are the key (columns reader)
    reader: Literal["columns", "florida-history", "results-history", "h1b-evidence"] = "columns"
    columns: dict[str, str] = {}  # CSV column -> attribute (columns reader, name join)
    gives: tuple[str, ...] = ()  # the attributes a coded reader gives
    where: dict[str, str] = {}  # keep only rows whose columns hold these values
    as_of: str = ""
    grain: str | None = None  # default: the grain of the join
    citation: str

    def attributes(self) -> tuple[str, ...]:
        return tuple(self.columns.values()) if self.reader == "columns" else self.gives


class CatalogConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    data_version: str
    tracks: dict[str, str]
    attributes: dict[str, AttributeSpec]
    records: dict[str, RecordSpec] = {}
    sources: tuple[SourceSpec, ...] = ()
    citations: dict[str, str]

    def citation_of(self, file: str) -> str:
        """The citation of a dataset: its source entry's, else ``citations``', else its name."""
        cited = {s.file: s.citation for s in self.sources}
        return cited.get(file) or self.citations.get(file, file)


@lru_cache(maxsize=1)
def config() -> CatalogConfig:
    loaded = validate(CatalogConfig, load_yaml("catalog.yaml"), "catalog.yaml")
    for source in loaded.sources:
        _check_source(loaded, source)
    if sum(s.join == "name" for s in loaded.sources) > 1:
        raise DataFileError("data/catalog.yaml: only one source may join by name")
    return loaded


def _check_source(loaded: CatalogConfig, source: SourceSpec) -> None:
    """A source gives known attributes (typed columns, or records of a coded reader), names
    the columns it needs and is cited once."""
    where = f"data/catalog.yaml: source {source.id}"
    if source.join == "name" and source.reader != "columns":
        raise DataFileError(f"{where}: a name join reads columns (reader: columns)")
    known = set(loaded.attributes) if source.reader == "columns" else set(all_names(loaded))
    unknown = set(source.attributes()) - known
    if unknown or not source.attributes():
        raise DataFileError(
            f"{where} gives unknown attributes {sorted(unknown)}"
            if unknown
            else f"{where} gives no attribute",
            hint="declare each attribute under attributes: (kind and label) first",
        )
    if source.reader == "columns" and source.join != "name" and not source.key:
        raise DataFileError(f"{where}: a {source.join} join needs key: (its key columns)")
    if source.file in loaded.citations:
        raise DataFileError(f"{where}: {source.file} is cited twice (citations: and the source)")


def all_names(loaded: CatalogConfig) -> tuple[str, ...]:
    return (*loaded.attributes, *loaded.records)


def attribute_names() -> tuple[str, ...]:
    """Attributes a user may import and export (one value per cell)."""
    return tuple(config().attributes)


def all_attribute_names() -> tuple[str, ...]:
    """Every attribute a program carries: the importable ones and the shipped records."""
    return all_names(config())


def citation(source_file: str) -> str:
    return config().citation_of(source_file)


def track_letter(value: str) -> str | None:
    """``"C"`` or ``"categorical"`` -> ``"C"``; None when neither."""
    tracks = config().tracks
    upper = value.strip().upper()
    if upper in tracks:
        return upper
    by_name = {name: letter for letter, name in tracks.items()}
    return by_name.get(value.strip().lower())


def parse_value(spec: AttributeSpec, raw: str) -> tuple[Any, str | None]:
    """(typed value, None) or (None, what is wrong) for one cell of an import file."""
    text = raw.strip()
    if spec.kind in ("rate", "share"):
        return _parse_fraction(text)
    if spec.kind == "int":
        return _parse_int(text, spec.min, spec.max)
    if spec.kind == "bool":
        lowered = text.lower()
        if lowered in ("yes", "true", "1"):
            return True, None
        if lowered in ("no", "false", "0"):
            return False, None
        return None, f"expected yes or no, got {text!r}"
    if text in spec.values:
        return text, None
    return None, f"expected one of {', '.join(spec.values)}, got {text!r}"


def _parse_fraction(text: str) -> tuple[Any, str | None]:
    try:
        value = float(text)
    except ValueError:
        return None, f"expected a number between 0 and 1, got {text!r}"
    if not 0.0 <= value <= 1.0:
        return None, f"a share must be between 0 and 1, got {text}"
    return value, None


def _parse_int(text: str, low: int | None, high: int | None) -> tuple[Any, str | None]:
    try:
        value = int(text)
    except ValueError:
        return None, f"expected a whole number, got {text!r}"
    if (low is not None and value < low) or (high is not None and value > high):
        return None, f"out of range: {value} is not between {low} and {high}"
    return value, None


def format_value(value: AttributeValue) -> str:
    """The canonical text of a value in import and export files."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value)
    return str(value)
