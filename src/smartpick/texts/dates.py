"""Dates and exam names as applicants write them ("July 2020", "2020-07", "Step 2 CK").

A date here is a month (year, month); a bare year is kept as (year, None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
DATE = (
    rf"(?:(?:early|mid|late)[- ])?(?:(?P<m{{n}}>{_MONTH_NAME})\.?,? +(?P<y{{n}}>(?:19|20)\d\d)"
    rf"|(?P<iy{{n}}>(?:19|20)\d\d)-(?P<im{{n}}>0[1-9]|1[0-2])"
    rf"|(?P<sm{{n}}>0?[1-9]|1[0-2])/(?P<sy{{n}}>(?:19|20)\d\d)"
    rf"|(?P<b{{n}}>(?:19|20)\d\d))"
)
_RANGE = re.compile(
    r"(?:\b(?:from|between)\b[^.;]{0,40}?)?\b"
    + DATE.format(n=1)
    + r"\s*(?:to|and|until|till|through|-|–)\s*"
    + DATE.format(n=2)
    + r"\b",
    re.IGNORECASE,
)
# two months of one year: "from March to August 2021", "between Jan and June 2020" ("and"
# only after "between": "in March and August 2021" names two months, not a period)
_SAME_YEAR = re.compile(
    rf"\b(?:(?P<between>between)\s+|from\s+)?(?P<m1>{_MONTH_NAME})\.?\s*"
    rf"(?P<joint>to|and|until|till|through|-|–)\s*(?P<m2>{_MONTH_NAME})\.?,?\s+"
    r"(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_EXAMS = [
    ("step2ck", r"step\s*2(?:\s*ck)?|step\s*two"),
    ("step1", r"step\s*1|step\s*one"),
    ("step3", r"step\s*3|step\s*three"),
    ("comlex1", r"comlex(?:-usa)?\s*level\s*1"),
    ("comlex2ce", r"comlex(?:-usa)?\s*level\s*2"),
    ("comlex3", r"comlex(?:-usa)?\s*level\s*3"),
]
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


@dataclass(frozen=True)
class Month:
    year: int
    month: int | None  # None: only the year was written

    def label(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)

    def index(self, default_month: int) -> int:
        return self.year * 12 + (self.month or default_month) - 1


@dataclass(frozen=True)
class DateRange:
    start: Month
    end: Month
    text: str
    offset: int  # character offset of the match within the sentence

    def label(self) -> str:
        return f"{self.start.label()} to {self.end.label()}"


def _month(found: re.Match[str], n: int) -> Month:
    groups = found.groupdict()
    if groups[f"m{n}"]:
        return Month(int(groups[f"y{n}"]), _MONTHS[groups[f"m{n}"].lower()])
    if groups[f"iy{n}"]:
        return Month(int(groups[f"iy{n}"]), int(groups[f"im{n}"]))
    if groups[f"sy{n}"]:
        return Month(int(groups[f"sy{n}"]), int(groups[f"sm{n}"]))
    return Month(int(groups[f"b{n}"]), None)


def date_ranges(text: str) -> list[DateRange]:
    """Every "from X to Y" / "between X and Y" / "X-Y" period in ``text``."""
    ranges = []
    for found in _RANGE.finditer(text):
        start, end = _month(found, 1), _month(found, 2)
        if start.index(1) <= end.index(12):
            ranges.append(DateRange(start, end, found.group(), found.start()))
    for found in _SAME_YEAR.finditer(text):
        if found.group("joint").lower() == "and" and not found.group("between"):
            continue
        year = int(found.group("y"))
        start = Month(year, _MONTHS[found.group("m1").lower()])
        end = Month(year, _MONTHS[found.group("m2").lower()])
        if start.index(1) <= end.index(12):
            ranges.append(DateRange(start, end, found.group(), found.start()))
    return sorted(ranges, key=lambda r: r.offset)


_SINGLE = re.compile(r"\b" + DATE.format(n=1) + r"\b", re.IGNORECASE)


def months_named(text: str) -> list[Month]:
    """Every single date in ``text`` ("May 2014", "2014-05", "5/2014", "2014")."""
    return [_month(found, 1) for found in _SINGLE.finditer(text)]


def exams_named(text: str) -> list[str]:
    """Exam ids named in ``text``, in order of appearance."""
    found = []
    for exam, pattern in _EXAMS:
        for match in re.finditer(rf"\b(?:{pattern})\b", text, re.IGNORECASE):
            found.append((match.start(), exam))
    return [exam for _, exam in sorted(found)]


def passing_attempts(text: str) -> list[tuple[int, int]]:
    """Each attempt a sentence says an exam was passed on ("passed on my second attempt"),
    with where that phrase ends (the exam it is about is the last one named before that end:
    "later passed Step 3 on the first attempt" is about Step 3)."""
    return [
        (_ORDINALS[found.group(1).lower()], found.end())
        for found in re.finditer(
            r"\bpass\w*\b[^.;]{0,40}?\b(first|second|third|fourth|fifth)\s+(?:attempt|time|try)",
            text,
            re.IGNORECASE,
        )
        if not _NEGATED.search(text[: found.start()])  # "did not pass on my first attempt"
    ]


_NEGATED = re.compile(r"(?:\b(?:not|never|nor)|n't)\s+$", re.IGNORECASE)


def scores_named(text: str) -> list[int]:
    """Three-digit USMLE-style scores in ``text`` ("scored 248", "a score of 221", "with a 236")."""
    pattern = r"\b(?:scor\w*|with an?|of)\s+(?:of\s+)?(?:a\s+)?([12]\d\d)\b"
    return [int(s) for s in re.findall(pattern, text, re.IGNORECASE) if 100 <= int(s) <= 300]
