"""Profile format v1: loading, defaults, and every validation error with its path and hint."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from smartpick.errors import InputTooLargeError, ProfileError
from smartpick.profile import Profile, default_season, load_profile, parse_profile

BASE = {
    "season": 2028,
    "citizenship": "non-us",
    "visa": "j1",
    "medical_school": {"country": "India", "start": "2013-08", "graduation": "2019-06"},
    "exams": [
        {"exam": "step1", "result": "fail", "date": "2017-05"},
        {"exam": "step1", "result": "pass", "date": "2017-11"},
        {"exam": "step2ck", "score": 232, "date": "2018-09"},
    ],
    "experiences": [
        {
            "kind": "clinical",
            "setting": "hands-on",
            "specialty": "anesthesiology",
            "country": "US",
            "start": "2023-01",
            "end": "2023-03",
        },
    ],
    "letters": [{"writer_specialty": "anesthesiology", "country": "US", "strength": "strong"}],
    "previous_cycles": [
        {"season": 2024, "specialty": "anesthesiology", "applications": 80, "interviews": 2}
    ],
    "targets": {"primary": "anesthesiology", "backups": ["internal-medicine"]},
}


def _with(path: str, value: object) -> dict:
    """BASE with one change; path like 'exams.2.score' ('-' deletes the key)."""
    data = json.loads(json.dumps(BASE))
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    key = int(last) if last.isdigit() else last
    if value == "-":
        del node[key]
    else:
        node[key] = value
    return data


def _error(data: dict) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        parse_profile(yaml.safe_dump(data))
    return info.value


def test_base_profile_is_valid():
    profile = parse_profile(yaml.safe_dump(BASE))
    assert profile.season == 2028
    assert profile.exams[2].score == 232
    assert profile.exams[0].date == dt.date(2017, 5, 1)
    assert profile.application_date == dt.date(2027, 9, 1)


@pytest.mark.parametrize(
    "change, value, path, message_part, hint_part",
    [
        ("examz", [], "examz", "unknown key 'examz'", "did you mean 'exams'?"),
        ("exams.0.scor", 200, "exams[0].scor", "unknown key 'scor'", "did you mean 'score'?"),
        (
            "medical_school.graduaton",
            "2019-06",
            "medical_school.graduaton",
            "unknown key",
            "did you mean 'graduation'?",
        ),
        ("exams.2.score", "high", "exams[2].score", "valid integer", "whole number"),
        ("exams.2.score", 301, "exams[2].score", "between 1 and 300", "up to 300"),
        ("exams.2.score", 0, "exams[2].score", "between 1 and 300", "up to 300"),
        ("exams.2.date", "2018/09", "exams[2].date", "YYYY-MM", "2019-06"),
        ("exams.2.date", "2018-13", "exams[2].date", "YYYY-MM", "2019-06"),
        ("exams.2.date", "2013-01", "exams[2].date", "before medical school started", "start"),
        (
            "exams.2.date",
            "2027-10",
            "exams[2].date",
            "after the season's application date",
            "season",
        ),
        ("exams.2.exam", "step2cs", "exams[2].exam", "Input should be", None),
        ("citizenship", "maybe", "citizenship", "'us' or 'non-us'", None),
        ("citizenship", "-", "citizenship", "Field required", "add this field"),
        ("medical_school.graduation", "-", "medical_school.graduation", "Field required", None),
        (
            "targets.primary",
            "anesthesiolgy",
            "targets.primary",
            "unknown specialty id",
            "did you mean 'anesthesiology'?",
        ),
        (
            "targets.backups",
            ["internal-medecine"],
            "targets.backups[0]",
            "unknown specialty",
            "internal-medicine",
        ),
        (
            "experiences.0.specialty",
            "anesthesia",
            "experiences[0].specialty",
            "unknown specialty",
            "anesthesiology",
        ),
        (
            "letters.0.writer_specialty",
            "radiology",
            "letters[0].writer_specialty",
            "unknown specialty",
            None,
        ),
        (
            "previous_cycles.0.specialty",
            "im",
            "previous_cycles[0].specialty",
            "unknown specialty",
            None,
        ),
        ("experiences.0.end", "2022-12", "experiences[0].end", "end is before start", None),
        ("medical_school.start", "2020-01", "medical_school.graduation", "before the start", None),
        ("ecfmg_certified", "perhaps", "ecfmg_certified", "valid boolean", "true or false"),
        ("previous_cycles.0.season", 2028, "previous_cycles[0].season", "before this season", None),
        (
            "previous_cycles.0.interviews",
            90,
            "previous_cycles[0].interviews",
            "more interviews than applications",
            None,
        ),
        (
            "exams.0",
            {"exam": "step1", "date": "2017-05"},
            "exams[0]",
            "result or a score",
            "result: fail",
        ),
        ("budget", {"usd": 1, "programs": 2}, "budget", "exactly one", None),
        ("budget", 5, "budget", "expected a mapping", "key: value"),
        (
            "experiences.0.output",
            {"pubs": 1},
            "experiences[0].output.pubs",
            "unknown key",
            "did you mean 'publications'?",
        ),
    ],
)
def test_validation_error_has_path_message_and_hint(change, value, path, message_part, hint_part):
    err = _error(_with(change, value))
    assert err.path == path
    assert message_part in err.message
    if hint_part:
        assert hint_part in (err.hint or "")
    assert err.exit_status == 2


@pytest.mark.parametrize(
    "date, score, ok",
    [
        ("2021-12", 230, True),
        ("2022-01", 230, True),
        ("2022-02", 230, False),
        ("2023-05", None, True),
    ],
)
def test_numeric_step1_only_before_pass_fail(date, score, ok):
    exam = {"exam": "step1", "date": date, "result": "pass"}
    if score is not None:
        exam["score"] = score
    data = _with("exams", [exam])
    if ok:
        parse_profile(yaml.safe_dump(data))
    else:
        assert "pass/fail" in _error(data).message


@pytest.mark.parametrize(
    "today, season",
    [
        (dt.date(2026, 1, 15), 2027),
        (dt.date(2026, 9, 30), 2027),
        (dt.date(2026, 10, 1), 2028),
        (dt.date(2026, 11, 22), 2028),
        (dt.date(2026, 12, 31), 2028),
    ],
)
def test_default_season_is_the_next_match(today, season):
    assert default_season(today) == season
    data = _with("season", "-")
    data["exams"] = []
    data["previous_cycles"] = []
    assert parse_profile(yaml.safe_dump(data), today=today).season == season


@pytest.mark.parametrize(
    "text, message_part",
    [
        ("season: [1", "not valid YAML at line"),
        ('{"season": 2028,', "not valid JSON"),
        ("- a\n- b\n", "must be a mapping"),
        ("a: &x 1\nb: *x\n", "not valid YAML"),
        ("", "must be a mapping"),
        ("season: 2028\nseason: 2029\n", "duplicate key 'season' at line 2"),
        ('{"season": 2028, "season": 2029}', "duplicate key 'season'"),
    ],
)
def test_malformed_documents(text, message_part):
    with pytest.raises(ProfileError) as info:
        parse_profile(text)
    assert message_part in info.value.message


def test_json_profile_is_accepted(tmp_path: Path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(BASE))
    assert load_profile(path).exams[2].score == 232


def test_file_over_1_mb_is_refused(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump(BASE) + "#" * 1_000_001)
    with pytest.raises(InputTooLargeError):
        load_profile(path)


def test_missing_file_is_a_clean_error(tmp_path: Path):
    with pytest.raises(ProfileError, match="not found"):
        load_profile(tmp_path / "nope.yaml")


def _profile_with_letter(tmp_path: Path, text_file: str) -> Path:
    folder = tmp_path / "applicant"
    (folder / "letters").mkdir(parents=True)
    (folder / "letters" / "smith.txt").write_text("Dr Smith writes.")
    (tmp_path / "secret.txt").write_text("outside")
    data = _with("letters.0.text_file", text_file)
    path = folder / "profile.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_letter_text_is_read_beside_the_profile(tmp_path: Path):
    profile = load_profile(_profile_with_letter(tmp_path, "letters/smith.txt"))
    assert profile.letters[0].text == "Dr Smith writes."


@pytest.mark.parametrize(
    "text_file", ["../secret.txt", "letters/../../secret.txt", "/etc/hostname"]
)
def test_letter_path_leaving_the_folder_is_refused(tmp_path: Path, text_file: str):
    with pytest.raises(ProfileError) as info:
        load_profile(_profile_with_letter(tmp_path, text_file))
    assert info.value.path == "letters[0].text_file"
    assert "inside the profile's folder" in info.value.message


def test_parse_without_base_dir_reads_no_file(tmp_path: Path):
    data = _with("letters.0.text_file", "letters/smith.txt")
    profile = parse_profile(yaml.safe_dump(data))
    assert profile.letters[0].text is None


def test_dates_serialise_as_year_month():
    dumped = parse_profile(yaml.safe_dump(BASE)).model_dump(mode="json")
    assert dumped["exams"][0]["date"] == "2017-05"
    assert Profile.model_validate(dumped).exams[0].date == dt.date(2017, 5, 1)


def test_letter_path_to_a_folder_is_a_clean_error(tmp_path: Path):
    with pytest.raises(ProfileError) as info:
        load_profile(_profile_with_letter(tmp_path, "letters"))
    assert info.value.path == "letters[0].text_file"


def test_states_are_read_in_any_case_and_kept_as_their_codes():
    data = {**BASE, "preferences": {"states": ["tx", " Ny "], "avoid_states": ["pr"]}}
    profile = parse_profile(yaml.safe_dump(data))
    assert profile.preferences.states == ["TX", "NY"]
    assert profile.preferences.avoid_states == ["PR"]
