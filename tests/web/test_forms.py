"""The profile form covers the profile model and converts both ways."""

from __future__ import annotations

import typing

import pytest

from smartpick.profile import Exam, Profile
from smartpick.web.forms import (
    document_from_form,
    field_name,
    form_values,
    list_sections,
    scalar_sections,
)


def test_the_form_covers_every_top_level_profile_field():
    names = {f.name.split(".")[0] for s in scalar_sections() for f in s.fields}
    names |= {s.name for s in list_sections()}
    assert names == set(Profile.model_fields)


def test_select_options_come_from_the_model():
    exams = next(s for s in list_sections() if s.name == "exams")
    exam = next(f for f in exams.fields if f.name == "exam")
    assert exam.options == ("", *typing.get_args(Exam.model_fields["exam"].annotation))


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"citizenship": "us", "season": "2028"}, {"citizenship": "us", "season": 2028}),
        ({"season": "20x8"}, {"season": "20x8"}),  # left as text: the validator names it
        ({"ecfmg_certified": "false"}, {"ecfmg_certified": False}),
        ({"preferences.states": "TX, OH,"}, {"preferences": {"states": ["TX", "OH"]}}),
        (
            {"exams.0.exam": "step1", "exams.1.exam": "", "exams.2.score": "230"},
            {"exams": [{"exam": "step1"}, {"score": 230}]},
        ),  # blank rows dropped
        (
            {"experiences.0.output.publications": "2"},
            {"experiences": [{"output": {"publications": 2}}]},
        ),
    ],
)
def test_document_from_form(form, expected):
    assert document_from_form(form) == expected


def test_form_values_round_trip_through_the_document():
    doc = {
        "citizenship": "non-us",
        "ecfmg_certified": True,
        "targets": {"primary": "anesthesiology", "backups": ["internal-medicine"]},
        "exams": [{"exam": "step2ck", "score": 232, "date": "2020-01"}],
    }
    assert document_from_form(form_values(doc)) == doc


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("exams[2].score", "exams.2.score"),
        ("season", "season"),
        (None, None),
        ("experiences[0].output.publications", "experiences.0.output.publications"),
    ],
)
def test_error_paths_map_to_field_names(path, name):
    assert field_name(path) == name
