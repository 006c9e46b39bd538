"""CLI: ``smartpick chances`` and ``smartpick calibrate`` (exit codes, JSON, messages)."""

from __future__ import annotations

import json

PROFILE = """
season: 2027
citizenship: non-us
visa: j1
medical_school: {country: India, graduation: 2022-06}
exams:
  - {exam: step1, result: pass, date: 2022-11}
  - {exam: step2ck, score: 245, date: 2023-09}
targets: {primary: internal-medicine}
"""
CODES = "1007140C0,1009140C0"


def _profile(tmp_path, text=PROFILE):
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_chances_json_gives_the_three_stages_and_the_range(cli, tmp_path):
    result = cli("chances", _profile(tmp_path), "--programs", CODES, "--json")
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    assert [p["code"] for p in data["programs"]] == CODES.split(",")
    for p in data["programs"]:
        for key in ("p_pass_filters", "p_interview", "p_match_if_ranked_first"):
            assert 0 <= p[key] <= 1
        assert p["reason"]
    assert data["p_match_low"] <= data["p_match"] <= data["p_match_high"]
    assert "SOAP" in data["covers"]
    assert all(a["label"] == "assumed" for a in data["assumptions"])
    assert any("Charting Outcomes" in s for s in data["sources"])
    assert abs(sum(data["interview_distribution"]) - 1) < 1e-4


def test_chances_without_programs_uses_every_track_of_the_specialty(cli, tmp_path):
    result = cli("chances", _profile(tmp_path), "--specialty", "anesthesiology", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    tracks = {p["track"] for p in data["programs"]}
    assert tracks <= {"C", "M", "A"} and "A" in tracks
    assert all(p["specialty"] == "anesthesiology" for p in data["programs"])


def test_chances_table_names_the_main_match(cli, tmp_path):
    result = cli("chances", _profile(tmp_path), "--programs", CODES)
    assert result.exit_code == 0
    assert "P(match)" in result.stdout and "SOAP" in result.stdout


def test_unknown_program_code_is_an_input_error(cli, tmp_path):
    result = cli("chances", _profile(tmp_path), "--programs", "0000000X0", "--json")
    assert result.exit_code == 2
    assert "0000000X0" in json.loads(result.stdout)["error"]["message"]


def test_unknown_specialty_names_the_nearest_id(cli, tmp_path):
    result = cli("chances", _profile(tmp_path), "--specialty", "anesthesia")
    assert result.exit_code == 2
    assert "Error: " in result.stderr and "anesthesiology" in result.stderr


def test_a_preliminary_year_alone_is_never_a_match(cli, tmp_path):
    result = cli("chances", _profile(tmp_path), "--specialty", "transitional-year", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["programs"] and {p["track"] for p in data["programs"]} == {"P"}
    assert data["p_match"] == 0.0 and data["p_preliminary_only"] > 0
    assert any("preliminary" in n for n in data["notes"])


def test_unknown_visa_is_read_as_j1_and_said(cli, tmp_path):
    text = PROFILE.replace("visa: j1\n", "")
    result = cli("chances", _profile(tmp_path, text), "--programs", CODES, "--json")
    assert result.exit_code == 0
    assert any("J-1 was assumed" in n for n in json.loads(result.stdout)["notes"])


def test_a_program_listed_twice_counts_once(cli, tmp_path):
    # applying twice to one program is one application, not two independent chances
    once = json.loads(
        cli("chances", _profile(tmp_path), "--programs", "1007140C0", "--json").stdout
    )
    twice = cli("chances", _profile(tmp_path), "--programs", "1007140C0,1007140c0", "--json")
    data = json.loads(twice.stdout)
    assert [p["code"] for p in data["programs"]] == ["1007140C0"]
    assert data["p_match"] == once["p_match"]
    assert data["expected_interviews"] == once["expected_interviews"]
