"""The program-array cache: a changed program (new object, as after a catalog import)
is never answered from the cache, and shared arrays cannot be written into."""

from __future__ import annotations

import math
from dataclasses import replace
from types import MappingProxyType

import pytest

from smartpick.catalog.model import UNKNOWN, Attribute, Program
from smartpick.chances.inputs import program_arrays


def _program(code: str, rate: float | None, visa: str | None) -> Program:
    attrs = {
        "rate_non_us_img": Attribute(rate, True, "test", "2025") if rate is not None else UNKNOWN,
        "visa_policy": Attribute(visa, True, "test", "2025") if visa is not None else UNKNOWN,
        "rate_signal": Attribute(0.5, True, "test", "2025"),
        "rate_no_signal": Attribute(0.2, True, "test", "2025"),
    }
    return Program(
        code=code,
        institution="Test Hospital",
        city=None,
        state="NY",
        specialty="anesthesiology",
        track="C",
        track_name="Anesthesiology",
        needs_pgy1=False,
        reserved=False,
        location_method="test",
        attributes=MappingProxyType(attrs),
    )


def test_a_replaced_program_gets_its_own_facts() -> None:
    before = _program("1234040C0", 0.10, "none")
    first = program_arrays([before], "non_us_img", {})
    assert first.rate_published[0] == pytest.approx(0.10)
    assert first.visa_policy[0] == 0  # "none"
    # an import makes a new Program with the same code and new attributes
    after = replace(
        before,
        attributes=MappingProxyType(
            {**before.attributes, "rate_non_us_img": Attribute(0.40, True, "import", "2026")}
        ),
    )
    assert after == before  # equal by identity fields: a cache keyed on equality would be wrong
    second = program_arrays([after], "non_us_img", {})
    assert second.rate_published[0] == pytest.approx(0.40)
    assert program_arrays([before], "non_us_img", {}).rate_published[0] == pytest.approx(0.10)


@pytest.mark.parametrize(
    ("signals", "kind", "logor"),
    [
        ({}, "", math.nan),
        # log(0.5/0.5) - log(0.2/0.8) = log 4
        ({"1234040C0": "signal"}, "signal", math.log(4.0)),
        ({"1234040C0": "gold"}, "gold", math.nan),  # no gold-signal rate for this program
    ],
)
def test_signals_apply_per_call(signals: dict, kind: str, logor: float) -> None:
    program = _program("1234040C0", 0.10, None)
    program_arrays([program], "non_us_img", {"1234040C0": "signal"})  # a cached entry exists
    arr = program_arrays([program], "non_us_img", signals)
    assert arr.signal_kind[0] == kind
    assert arr.any_signal == bool(kind)
    if math.isnan(logor):
        assert math.isnan(arr.program_signal_logor[0])
    else:
        assert arr.program_signal_logor[0] == pytest.approx(logor)


def test_shared_arrays_are_read_only() -> None:
    arr = program_arrays([_program("1234040C0", 0.10, None)], "non_us_img", {})
    with pytest.raises(ValueError):
        arr.rate[0] = 0.9
    assert arr.visa_policy[0] == -1  # unknown
