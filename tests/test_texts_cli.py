"""`smartpick review | outline | interview`: the CLI contract, and bad text files (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "data" / "texts"
EXAMPLE = Path(__file__).parent.parent / "examples" / "anesthesiology-nonus-img.yaml"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD_FILES = [
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b"  \n\n \t", "the file is empty"),
    ("binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "looks binary"),
    ("big.txt", b"word " * 1_000_000, "5.0 MB, over the 1 MB limit"),
    ("latin1.txt", "Résumé: I failed Step 1 in 2017.".encode("latin-1"), "not UTF-8"),
    ("utf16.txt", "I failed Step 1.".encode("utf-16"), "UTF-16-encoded"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES)
def test_bad_text_file_is_a_clean_input_error(cli, tmp_path, name, data, message):
    path = _write(tmp_path / name, data)
    result = cli("review", path, "--kind", "additional-info")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {name}: ")
    assert message in result.stderr
    assert "Hint: " in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES)
def test_bad_text_file_with_json_gives_the_error_object(cli, tmp_path, name, data, message):
    path = _write(tmp_path / name, data)
    result = cli("review", path, "--kind", "letter", "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert message in error["message"]
    assert error["path"] == name
    assert error["hint"]


UNREADABLE_TEXTS = [
    ("dots.txt", b"... !!! 2020 -- 245 ???", "the text has no words"),
    ("pages.txt", b"I studied every day. " * 1_700, "the text has 6,800 words"),
    ("one-token.txt", b"a" * 60_000, "the text has 60,000 characters"),
]


@pytest.mark.parametrize(("name", "data", "message"), UNREADABLE_TEXTS)
def test_a_text_with_no_words_or_pages_of_them_is_a_clean_input_error(
    cli, tmp_path, name, data, message
):
    """Punctuation alone was scored 90 out of 100 as an explanation; ten thousand words, or
    one 60,000-character token, held the review for many seconds (a web worker too)."""
    result = cli("review", _write(tmp_path / name, data), "--kind", "additional-info")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr and "Hint: " in result.stderr
    assert "Traceback" not in result.stderr


def test_the_longest_text_reviewed_is_still_reviewed(cli, tmp_path):
    from smartpick.texts.reader import MAX_REVIEW_WORDS

    text = b"I studied. " * (MAX_REVIEW_WORDS // 2)  # exactly the limit: two words a sentence
    path = _write(tmp_path / "long.txt", text)
    assert cli("review", path, "--kind", "letter").exit_code == 0


def test_missing_file_unknown_kind_and_unknown_flag_exit_2(cli, tmp_path):
    assert cli("review", tmp_path / "nope.txt", "--kind", "letter").exit_code == 2
    text = CORPUS / "gap-s1.txt"
    result = cli("review", text, "--kind", "essay")
    assert result.exit_code == 2 and "unknown kind of text: essay" in result.stderr
    result = cli("review", text, "--kind", "additional-info", "--flag", "exam-fail")
    assert result.exit_code == 2 and "did you mean exam-failure?" in result.stderr


def test_review_json_has_findings_with_sentence_span_and_fix(cli):
    result = cli("review", CORPUS / "exam-fail-w1.txt", "--kind", "additional-info", "--json")
    assert result.exit_code == 0
    review = json.loads(result.stdout)
    blame = [f for f in review["findings"] if f["type"] == "blame"]
    assert [f["sentence"] for f in blame] == [1, 2]
    assert all(f["fix"] and len(f["span"]) == 2 for f in blame)
    assert 0 <= review["score"] <= 100 and len(review["top_fixes"]) == 3


def test_review_renders_a_table(cli):
    result = cli("review", CORPUS / "letter-w1.txt", "--kind", "letter")
    assert result.exit_code == 0
    assert "warning-phrase" in result.stdout and "score" in result.stdout


def test_outline_is_fill_in_with_profile_facts(cli):
    result = cli("outline", EXAMPLE, "--flag", "nonclinical-gap", "--json")
    assert result.exit_code == 0
    outline = json.loads(result.stdout)
    assert outline["fired"] is True
    timeframe = outline["parts"][0]
    assert timeframe["id"] == "timeframe"
    # the example profile's caregiving + exam-prep period, 2022-04 to 2023-12
    assert any("2022-04 to 2023-12" in fact for fact in timeframe["facts"])
    assert all(part["prompt"].startswith("[write: ") for part in outline["parts"])


def test_interview_lists_flag_questions_with_what_is_really_asked(cli):
    result = cli("interview", EXAMPLE, "--json")
    assert result.exit_code == 0
    prep = json.loads(result.stdout)
    topics = [q["topic"] for q in prep["questions"]]
    assert "reapplicant" in topics and "prior-residency" in topics and "why-specialty" in topics
    reapp = [q for q in prep["questions"] if q["topic"] == "reapplicant"]
    # the question from the file's own facts, which asks what the seed question asks
    # ("What is different about your application this year?"): the seed is not asked again
    assert reapp[0]["question"].startswith("You applied to anesthesiology for 2026 with 80 ")
    assert reapp[0]["question"].endswith("what is different in this application?")
    assert reapp[0]["source"] == "profile"
    assert reapp[0]["really_asking"] and len(reapp[0]["answer_structure"]) >= 3
    assert "What is different about your application this year?" not in [
        q["question"] for q in prep["questions"]
    ]


def test_interview_practice_reads_answers_from_stdin(tmp_path):
    from typer.testing import CliRunner

    from smartpick.cli import app

    answers = (
        "Honestly that was not my fault, the program was toxic.\n\n"
        "A second paragraph after a blank line belongs to the same answer.\nEND\n"
        "I guess I kind of liked it, maybe.\nend\n"
    )
    result = CliRunner().invoke(
        app,
        ["interview", str(EXAMPLE), "--practice", "--questions", "2", "--json"],
        input=answers,
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    session = json.loads(result.stdout)
    assert len(session["answers"]) == 2
    first = session["answers"][0]["review"]
    assert first["kind"] == "interview-answer"
    assert first["paragraph_count"] == 2  # a blank line does not end the answer; END does
    assert session["answers"][0]["typed_seconds"] >= 0
    assert "Question 1:" in result.stderr  # prompts stay off stdout with --json
    # the first answer's review is shown before the second question is asked
    review = result.stderr.index(f"Review: score {first['score']}/100")
    assert result.stderr.index("Question 1:") < review < result.stderr.index("Question 2:")
    assert " ".join(result.stderr.split()).count("a line END finishes it") == 2


def test_the_countdown_shows_the_time_left_and_cues_the_limit():
    import io
    import time

    from rich.console import Console

    from smartpick.cli.texts import Countdown

    buffer = io.StringIO()
    with Countdown(Console(file=buffer, width=100), seconds=0.3, step=0.1):
        time.sleep(0.6)
    shown = buffer.getvalue()
    assert "0:00 left" in shown or "left]" in shown
    assert "0:00 reached: finish your answer now" in shown
    quiet = io.StringIO()
    with Countdown(Console(file=quiet), seconds=5, step=1):
        pass  # an answer given at once: no countdown line, no cue
    assert quiet.getvalue() == ""


def test_practice_stops_at_end_of_input(tmp_path):
    from typer.testing import CliRunner

    from smartpick.cli import app

    result = CliRunner().invoke(
        app, ["interview", str(EXAMPLE), "--practice"], input="", catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "No answers given." in result.stdout


def test_review_table_breaks_the_line_after_the_sentence_number_not_a_literal_backslash_n(cli):
    # Regression: escaping control characters turned our own line break into the text "\n".
    result = cli("review", CORPUS / "exam-fail-w1.txt", "--kind", "additional-info")
    assert result.exit_code == 0
    assert "sentence 2" in result.stdout
    assert "\\n" not in result.stdout


def test_a_skipped_question_is_said_and_the_summary_counts_answers():
    """An answer ended at once (END) was skipped in silence, and the summary numbered the
    answers, not the questions ('1.' for question 2), 'over 1' with no noun."""
    from typer.testing import CliRunner

    from smartpick.cli import app

    answers = "END\nI failed Step 1 in 2014 because I studied alone; I now study in a group.\nEND\n"
    result = CliRunner().invoke(
        app,
        ["interview", str(EXAMPLE), "--practice", "--questions", "2"],
        input=answers,
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    skipped = out.index("No answer: this question is skipped.")
    assert out.index("Question 1:") < skipped < out.index("Question 2:")
    assert "over 1 answer" in out and "\n1. " not in result.stdout.split("Question 2:")[1]
