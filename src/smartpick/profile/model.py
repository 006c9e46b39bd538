"""Profile format v1 (design.md): strict pydantic models, loading from YAML or JSON.

Loading lives in :mod:`.loader`. Every problem becomes a
:class:`~smartpick.errors.ProfileError` carrying the field's
path (``exams[2].score``), what is wrong and a hint; the content of the profile is
never quoted in an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..budget import Budget, BudgetUnit, budget_problem
from .states import STATE_HINT, state_code

_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
APPLICATION_MONTH = 9  # applications go out in September of the year before the Match
MATCH_MONTH = 3  # Match Day is in March of the Match year


def _parse_year_month(value: Any) -> dt.date:
    if isinstance(value, str):
        found = _YEAR_MONTH.match(value.strip())
        if found and 1 <= int(found.group(2)) <= 12 and int(found.group(1)) >= 1900:
            return dt.date(int(found.group(1)), int(found.group(2)), 1)
    raise PydanticCustomError(
        "year_month",
        "not a date in the form YYYY-MM",
        {"hint": "write dates as year-month, e.g. 2019-06 (quote it in JSON)"},
    )


YearMonth = Annotated[
    dt.date,
    BeforeValidator(_parse_year_month),
    PlainSerializer(lambda d: f"{d.year:04d}-{d.month:02d}", return_type=str),
]
"""A ``YYYY-MM`` date, held as the first day of that month."""


def _no_bool(value: Any) -> Any:
    """YAML reads ``yes``/``true`` as a boolean; pydantic would take it as 1 for a number."""
    if isinstance(value, bool):
        raise PydanticCustomError(
            "int_type",
            "expected a whole number, not true/false",
            {"hint": "write a number, e.g. 2028 for a season or 232 for a score"},
        )
    return value


Whole = Annotated[int, BeforeValidator(_no_bool)]
"""An int that refuses booleans."""


def default_season(today: dt.date | None = None) -> int:
    """The next Match whose applications have not yet gone out.

    Applications for Match year M go out in September of M-1. Until the end of
    September of year Y the next Match is Y+1; from October on it is Y+2.
    """
    today = today or dt.date.today()
    return today.year + 1 if today.month <= APPLICATION_MONTH else today.year + 2


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class MedicalSchool(_Strict):
    country: str = Field(min_length=1, max_length=100)
    start: YearMonth | None = None
    graduation: YearMonth


class English(_Strict):
    test: Literal["oet", "ielts", "toefl", "other"]
    result: Literal["pass", "fail"]
    date: YearMonth | None = None


ExamId = Literal["step1", "step2ck", "step3", "comlex1", "comlex2ce", "comlex3"]
EXAM_NAMES: dict[str, str] = {
    "step1": "Step 1",
    "step2ck": "Step 2 CK",
    "step3": "Step 3",
    "comlex1": "COMLEX Level 1",
    "comlex2ce": "COMLEX Level 2-CE",
    "comlex3": "COMLEX Level 3",
}
"""How each exam id is written for applicants and committees."""


class Exam(_Strict):
    exam: ExamId
    result: Literal["pass", "fail"] | None = None
    score: Whole | None = None
    date: YearMonth

    @model_validator(mode="after")
    def _result_or_score(self) -> Exam:
        if self.result is None and self.score is None:
            raise PydanticCustomError(
                "exam_result",
                "an exam attempt needs a result or a score",
                {"hint": "add result: pass | fail (a failed attempt must say result: fail)"},
            )
        return self

    @property
    def passed(self) -> bool:
        """A score without a result counts as a pass; a failure must say ``result: fail``."""
        return self.result != "fail"


ExperienceKind = Literal[
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
]


class ResearchOutput(_Strict):
    publications: Whole = Field(default=0, ge=0, le=1000)
    abstracts: Whole = Field(default=0, ge=0, le=1000)
    presentations: Whole = Field(default=0, ge=0, le=1000)


class Experience(_Strict):
    kind: ExperienceKind
    setting: Literal["hands-on", "observership"] | None = None
    specialty: str | None = None
    country: str | None = Field(default=None, min_length=1, max_length=100)
    start: YearMonth
    end: YearMonth | None = None  # None: ongoing
    title: str | None = Field(default=None, max_length=300)
    output: ResearchOutput | None = None
    completed: bool | None = None
    left_because: (
        Literal["switched", "dismissed", "visa", "health", "family", "program-closed", "other"]
        | None
    ) = None

    @property
    def in_us(self) -> bool:
        return (self.country or "").strip().upper() in {"US", "USA", "UNITED STATES"}


class Letter(_Strict):
    writer_specialty: str | None = None
    country: str | None = Field(default=None, min_length=1, max_length=100)
    relationship: Literal["supervised", "research", "observed", "taught", "other"] | None = None
    strength: Literal["strong", "average", "weak", "unknown"] = "unknown"
    text_file: str | None = Field(default=None, max_length=500)
    _text: str | None = PrivateAttr(default=None)

    @property
    def text(self) -> str | None:
        """The letter's text, when ``load_profile`` read its ``text_file``."""
        return self._text

    @property
    def from_us(self) -> bool:
        return (self.country or "").strip().upper() in {"US", "USA", "UNITED STATES"}


IncidentKind = Literal[
    "professionalism",
    "course-failure",
    "clerkship-failure",
    "repeated-year",
    "probation",
    "dismissal",
    "integrity",
]


class Incident(_Strict):
    kind: IncidentKind
    date: YearMonth | None = None
    summary: str | None = Field(default=None, max_length=500)
    remediated: bool | None = None


class PreviousCycle(_Strict):
    season: Whole = Field(ge=1990, le=2100)
    specialty: str
    applications: Whole | None = Field(default=None, ge=0, le=2000)
    interviews: Whole | None = Field(default=None, ge=0, le=2000)
    matched: bool = False


class Advocate(_Strict):
    program: str = Field(min_length=1, max_length=200)  # an NRMP program code, e.g. 1234040C0
    strength: Literal["strong", "lukewarm"] = "strong"


class Targets(_Strict):
    primary: str
    backups: list[str] = Field(default_factory=list, max_length=20)


def _state_code(value: Any) -> Any:
    """A US state as its two-letter USPS code, any case ('tx' is TX); anything else, said."""
    if not isinstance(value, str):
        return value  # the str type says what is wrong
    code = state_code(value)
    if code is None:
        raise PydanticCustomError(
            "state_code",
            "'{given}' is not a US state code",
            {"given": value[:40], "hint": STATE_HINT},
        )
    return code


StateCode = Annotated[str, BeforeValidator(_state_code)]


Share = Annotated[float, Field(ge=0.0, le=1.0)]


class Preferences(_Strict):
    """What the applicant wants; the plan's objective (planning.objective, docs/plan.md).

    ``backup_value``: what a match in a backup specialty is worth next to one in the primary
    (0 = primary only, 1 = as much), one number or per backup specialty; ``state_weight``:
    how much a match outside ``states`` is discounted (0 = no preference, 1 = worthless);
    ``type_weight``: the same for ``program_types`` where the catalog knows a program's type.
    ``None``: the documented default (data/plan.yaml).
    """

    states: list[StateCode] = Field(default_factory=list)
    avoid_states: list[StateCode] = Field(default_factory=list)
    program_types: list[Literal["university", "community-university", "community"]] = Field(
        default_factory=list
    )
    backup_value: Share | dict[str, Share] | None = None
    state_weight: Share | None = None
    type_weight: Share | None = None


def _budget_amount(value: int | None, info: ValidationInfo) -> int | None:
    """The one set of budget limits (smartpick.budget), said at ``budget.usd``/``.programs``."""
    unit: BudgetUnit = "usd" if info.field_name == "usd" else "programs"
    problem = None if value is None else budget_problem(unit, float(value))
    if problem is not None:
        raise PydanticCustomError(
            "budget_range", problem, {"hint": f"e.g. budget: {{{unit}: {_EXAMPLE[unit]}}}"}
        )
    return value


_EXAMPLE = {"usd": 3000, "programs": 120}
BudgetAmount = Annotated[Whole | None, AfterValidator(_budget_amount)]


class BudgetSection(_Strict):
    """The profile's ``budget:``: exactly one of ``usd`` and ``programs``."""

    usd: BudgetAmount = None
    programs: BudgetAmount = None

    @model_validator(mode="after")
    def _one_kind(self) -> BudgetSection:
        if (self.usd is None) == (self.programs is None):
            raise PydanticCustomError(
                "budget_kind",
                "give the budget either in usd or in programs (exactly one)",
                {"hint": "e.g. budget: {usd: 3000} or budget: {programs: 120}"},
            )
        return self

    def value(self) -> Budget:
        if self.usd is not None:
            return Budget.of("usd", self.usd, "profile")
        return Budget.of("programs", float(self.programs or 0), "profile")


class Profile(_Strict):
    """An applicant's file, as in design.md (profile format v1)."""

    season: Whole = Field(ge=2000, le=2100)
    citizenship: Literal["us", "non-us"]
    visa: Literal["none", "j1", "h1b", "either"] | None = None
    medical_school: MedicalSchool
    english: English | None = None
    exams: list[Exam] = Field(default_factory=list, max_length=50)
    ecfmg_certified: bool | None = None
    experiences: list[Experience] = Field(default_factory=list, max_length=200)
    letters: list[Letter] = Field(default_factory=list, max_length=30)
    incidents: list[Incident] = Field(default_factory=list, max_length=50)
    previous_cycles: list[PreviousCycle] = Field(default_factory=list, max_length=20)
    advocates: list[Advocate] = Field(default_factory=list, max_length=50)
    interview_skill: Literal["unknown", "weak", "average", "strong"] = "unknown"
    targets: Targets
    preferences: Preferences = Field(default_factory=Preferences)
    budget: BudgetSection | None = None
    # Facts derived from this file (profile/facts.py), computed once and shared by the audit,
    # the chances, the plan and the what-if; a copy starts empty. Never edit a loaded profile
    # in place: patch a copy (planning/whatif.py) so no stale fact survives.
    _derived: dict[str, Any] = PrivateAttr(default_factory=dict)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Profile:
        copied = super().model_copy(update=update, deep=deep)
        copied._derived = {}
        return copied

    @model_validator(mode="before")
    @classmethod
    def _fill_season(cls, data: Any, info: Any) -> Any:
        if isinstance(data, dict) and data.get("season") is None:
            today = (info.context or {}).get("today")
            data = {**data, "season": default_season(today)}
        return data

    @property
    def application_date(self) -> dt.date:
        """The season's application date: September of the year before the Match."""
        return dt.date(self.season - 1, APPLICATION_MONTH, 1)

    @property
    def match_date(self) -> dt.date:
        """The Match month (March of the season's year), as its first day."""
        return dt.date(self.season, MATCH_MONTH, 1)
