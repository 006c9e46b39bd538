"""A shipped data file that fails validation names the file and the first bad field on one line
(the error is a bug of the package, but whoever edits a data file must see where to look)."""

from __future__ import annotations

import copy

import pytest

from smartpick.chances.params import ASSUMPTIONS_FILE, load_assumptions
from smartpick.datafiles import load_yaml, validate
from smartpick.errors import DataFileError
from smartpick.planning.settings import PlanSettings


def test_a_bad_field_is_named_with_its_file_on_one_line():
    broken = copy.deepcopy(load_yaml("plan.yaml"))
    broken["stop"] = "never"
    with pytest.raises(DataFileError) as caught:
        validate(PlanSettings, broken, "plan.yaml")
    message = caught.value.message
    assert message.startswith("data/plan.yaml is invalid at stop: ")
    assert "\n" not in message


def test_several_bad_fields_are_counted_not_listed():
    broken = copy.deepcopy(load_yaml("plan.yaml"))
    broken["stop"] = "never"
    broken["planning_nodes"] = "many"
    del broken["source"]
    message = pytest.raises(
        DataFileError, validate, PlanSettings, broken, "plan.yaml"
    ).value.message
    assert message.endswith("(and 2 more)")
    assert "\n" not in message


def test_the_assumption_file_check_reports_the_bad_assumption():
    broken = copy.deepcopy(load_yaml(ASSUMPTIONS_FILE))
    name = next(iter(broken["assumptions"]))
    broken["assumptions"][name]["low"] = "low"
    with pytest.raises(DataFileError) as caught:
        load_assumptions(broken)
    assert f"data/{ASSUMPTIONS_FILE} is invalid at assumptions.{name}" in caught.value.message
    assert "\n" not in caught.value.message


def test_the_shipped_file_is_valid():
    assert validate(PlanSettings, load_yaml("plan.yaml"), "plan.yaml").planning_nodes > 0
