"""Bad input on ``smartpick audit`` and ``smartpick chances``: exactly one ``Error:`` line
naming the field, one ``Hint:`` line, exit 2, no traceback; with ``--json`` only the
error object on stdout.

Each case was found by feeding the commands the files a careless or hurried applicant
would give them (QA pass on the foundation and the chance model).
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES

BASE = yaml.safe_load((EXAMPLES / "clean.yaml").read_text())
FUTURE_YEAR = 2090  # after any real "today"; the season is moved so only the rule under test fires


def _profile(change) -> str:
    data = copy.deepcopy(BASE)
    data["letters"][0].pop("text_file")
    change(data)
    return yaml.safe_dump(data, sort_keys=False)


def _set(*keys_and_value):
    *keys, last, value = keys_and_value

    def change(data):
        node = data
        for key in keys:
            node = node[key]
        node[last] = value

    return change


def _add_unknown_key_in_output(data):
    data["experiences"][1]["output"]["pubs"] = 3


def _future_exam(data):
    data["season"] = FUTURE_YEAR + 1
    data["exams"][1]["date"] = f"{FUTURE_YEAR}-01"


def _future_incident(data):
    data["season"] = FUTURE_YEAR + 1
    data["incidents"] = [{"kind": "professionalism", "date": f"{FUTURE_YEAR}-01"}]


def _future_cycle(data):
    data["season"] = FUTURE_YEAR + 1
    data["previous_cycles"] = [{"season": FUTURE_YEAR, "specialty": "anesthesiology"}]


def _fifth_attempt(data):
    step1, passed = data["exams"]
    fails = [{"exam": "step2ck", "result": "fail", "date": d} for d in ("2022-09", "2022-12")]
    fails += [{"exam": "step2ck", "result": "fail", "date": d} for d in ("2023-03", "2023-06")]
    data["exams"] = [step1, *fails, passed]  # the pass is the fifth attempt, in 2024


def _certified_without_a_pass(data):
    data["exams"][1] = {"exam": "step2ck", "result": "fail", "date": "2024-06"}


def _experience_after_application(data):
    data["experiences"].append({"kind": "research", "start": "2029-01"})


# (name, file content, expected path, part of the message)
CASES: list[tuple[str, str | bytes | None, str, str]] = [
    ("malformed yaml", "season: 2028\ncitizenship: [us\n  x: :\n", "profile", "not valid YAML"),
    ("malformed json", '{"season": 2028,', "profile", "not valid JSON"),
    ("top level list", "- season: 2028\n- citizenship: us\n", "profile", "it is a list"),
    ("top level scalar", "hello\n", "profile", "a single value"),
    ("empty file", "", "profile", "the file is empty"),
    ("whitespace only", "  \n\n", "profile", "the file is empty"),
    ("binary file", os.urandom(64) + b"\xff\xfe", "profile", "not UTF-8"),
    ("latin-1 file", "season: 2028\ncountry: M\xe9xico\n".encode("latin-1"), "profile", "UTF-8"),
    ("unknown key top", _profile(_set("citizenhsip", "us")), "citizenhsip", "unknown key"),
    (
        "unknown key depth 2",
        _profile(_set("medical_school", "gradution", "2019-06")),
        "medical_school.gradution",
        "unknown key",
    ),
    (
        "unknown key depth 3",
        _profile(_add_unknown_key_in_output),
        "experiences[1].output.pubs",
        "unknown key",
    ),
    ("long unknown key", _profile(_set("x" * 5000, 1)), "xxxxxxxxxx", "unknown key"),
    ("number as key", _profile(_set(1, "x")), "profile", "a key must be a name"),
    ("wrong type score", _profile(_set("exams", 1, "score", "high")), "exams[1].score", "integer"),
    ("boolean score", _profile(_set("exams", 1, "score", True)), "exams[1].score", "true/false"),
    ("boolean season", _profile(_set("season", True)), "season", "true/false"),
    ("wrong type list", _profile(_set("exams", "step1")), "exams", "valid list"),
    ("US citizen with a visa", _profile(_set("visa", "j1")), "visa", "a US citizen needs no visa"),
    (
        "a fifth attempt after four failures",
        _profile(_fifth_attempt),
        "exams[5].date",
        "attempt 5 at Step 2 CK after 4 without a pass",
    ),
    (
        "ECFMG certified with every Step 2 CK failed",
        _profile(_certified_without_a_pass),
        "ecfmg_certified",
        "needs Step 2 CK passed",
    ),
    (
        "a state by name",  # and 'XX' matched no program: the preference silently did nothing
        _profile(_set("preferences", "states", ["NY", "Texas"])),
        "preferences.states[1]",
        "'Texas' is not a US state code",
    ),
    (
        "no such state",
        _profile(_set("preferences", "avoid_states", ["XX"])),
        "preferences.avoid_states[0]",
        "'XX' is not a US state code",
    ),
    (
        "a backup's value over 1",  # the path named the union's branch, the count doubled
        _profile(_set("preferences", "backup_value", {"internal-medicine": 2})),
        "preferences.backup_value.internal-medicine",
        "less than or equal to 1",
    ),
    ("literal value", _profile(_set("citizenship", "maybe")), "citizenship", "'us' or 'non-us'"),
    ("season too early", _profile(_set("season", 1800)), "season", "greater than"),
    ("score 400", _profile(_set("exams", 1, "score", 400)), "exams[1].score", "between 1 and 300"),
    ("score negative", _profile(_set("exams", 1, "score", -5)), "exams[1].score", "between"),
    (
        "reversed experience dates",
        _profile(_set("experiences", 0, "end", "2024-01")),
        "experiences[0].end",
        "end is before start",
    ),
    (
        "graduation before start",
        _profile(_set("medical_school", "start", "2026-08")),
        "medical_school.graduation",
        "before the start",
    ),
    (
        "graduation after the season",
        _profile(_set("medical_school", "graduation", "2035-05")),
        "medical_school.graduation",
        "graduation after 2028-06",
    ),
    ("exam in the future", _profile(_future_exam), "exams[1].date", "in the future"),
    ("incident in the future", _profile(_future_incident), "incidents[0].date", "in the future"),
    (
        "previous cycle not yet matched",
        _profile(_future_cycle),
        "previous_cycles[0].season",
        "has not happened yet",
    ),
    (
        "exam after the season",
        _profile(_set("exams", 1, "date", "2027-11")),
        "exams[1].date",
        "after the season's application date",
    ),
    (
        "experience after the season",
        _profile(_experience_after_application),
        "experiences[3].start",
        "after the season's application date",
    ),
    (
        "unknown specialty",
        _profile(_set("targets", "primary", "anesthesia")),
        "targets.primary",
        "unknown specialty id",
    ),
    (
        "date format",
        _profile(_set("medical_school", "graduation", "June 2019")),
        "medical_school.graduation",
        "YYYY-MM",
    ),
    ("over 1 MB", "season: 2028\n" + "# padding\n" * 200_000, "profile", "over the 1 MB limit"),
    ("directory", None, "profile", "a folder"),
]

COMMANDS = ("audit", "chances")


def _write(tmp_path: Path, content: str | bytes | None) -> Path:
    path = tmp_path / "profile.yaml"
    if content is None:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name, content, path, message", CASES, ids=[c[0] for c in CASES])
def test_bad_profile_gives_one_error_and_one_hint(
    cli, tmp_path, command, name, content, path, message
):
    result = cli(command, _write(tmp_path, content))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"Error: {path}")
    assert message in lines[0]
    assert len(lines[0]) < 200  # one readable line, even for a 5000-character key
    assert lines[1].startswith("Hint: ") and len(lines[1]) > len("Hint: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name, content, path, message", CASES, ids=[c[0] for c in CASES])
def test_bad_profile_json_is_only_the_error_object(
    cli, tmp_path, command, name, content, path, message
):
    result = cli(command, _write(tmp_path, content), "--json")
    assert result.exit_code == 2
    assert result.stderr == ""
    error = json.loads(result.stdout)["error"]
    assert set(json.loads(result.stdout)) == {"error"}
    assert error["path"].startswith(path)
    assert message in error["message"] and error["hint"]


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_file_names_the_profile(cli, tmp_path, command):
    result = cli(command, tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: profile: file not found: nope.yaml",
        "Hint: give the path of a .yaml or .json profile, e.g. examples/clean.yaml",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_json_profile_is_accepted(cli, tmp_path, command):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(json.loads(json.dumps(BASE))))
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "clean-okafor.txt").write_text("A strong letter.")
    result = cli(command, path, "--json")
    assert result.exit_code == 0, result.stdout


def test_unknown_program_code_names_the_programs_option(cli):
    result = cli("chances", EXAMPLES / "clean.yaml", "--programs", "XYZ", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["path"] == "programs"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs a character device")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_device_is_refused_not_read_forever(cli, command):
    # /dev/zero reports size 0 and never ends: it used to hang and fill the memory
    result = cli(command, "/dev/zero")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: profile: cannot read zero (not a regular file: a device or a pipe)",
        "Hint: give the path of a .yaml or .json file",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(cli, tmp_path):
    pipe = tmp_path / "profile.yaml"
    os.mkfifo(pipe)
    result = cli("audit", pipe, "--json")
    assert result.exit_code == 2
    assert "not a regular file" in json.loads(result.stdout)["error"]["message"]


def test_tab_indentation_gets_its_own_hint(cli, tmp_path):
    text = (EXAMPLES / "clean.yaml").read_text().replace("  - {exam", "\t- {exam")
    result = cli("audit", _write(tmp_path, text))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1] == (
        "Hint: indent with spaces: YAML does not allow tabs for indentation"
    )


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_byte_order_mark_is_accepted(cli, tmp_path, suffix):
    # Windows editors save UTF-8 with a BOM; the file is still valid
    data = copy.deepcopy(BASE)
    data["letters"][0].pop("text_file")
    text = json.dumps(data) if suffix == ".json" else yaml.safe_dump(data)
    path = tmp_path / f"profile{suffix}"
    path.write_text(text, encoding="utf-8-sig")
    assert cli("audit", path, "--json").exit_code == 0


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "change",
    [_set("a\nb\x1b[31m", 1), _set("targets", "primary", "anes\nthesia\x1b]0;x\x07")],
    ids=["key with a newline and an escape sequence", "specialty with control characters"],
)
def test_control_characters_in_the_input_stay_on_one_escaped_line(cli, tmp_path, command, change):
    result = cli(command, _write(tmp_path, _profile(change)))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[1].startswith("Hint: ")
    assert "\x1b" not in result.stderr and "\\n" in lines[0]
