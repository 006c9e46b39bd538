"""``smartpick review``, ``smartpick outline`` and ``smartpick interview``."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import printable
from ..results import count
from .common import JsonOption, console, err_console, field, run

if TYPE_CHECKING:
    from rich.console import Console

    from ..service.texts import (
        AnswerReader,
        AnswerShown,
        InterviewPrep,
        Outline,
        PracticeAnswer,
        PracticeResult,
        Question,
        Review,
    )

KINDS_HELP = "additional-info | personal-statement | letter | interview-answer"
QUOTE_CHARS = 90


def register(app: typer.Typer) -> None:
    app.command("review")(review_command)
    app.command("outline")(outline_command)
    app.command("interview")(interview_command)


def review_command(
    file: Annotated[Path, typer.Argument(help="The text to review (plain UTF-8 text, <= 1 MB).")],
    kind: Annotated[str, typer.Option("--kind", help=KINDS_HELP)],
    profile: Annotated[
        Path | None, typer.Option("--profile", help="Profile to check the text against.")
    ] = None,
    flag: Annotated[
        str | None, typer.Option("--flag", help="The red-flag id the text explains.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Review an explanation, personal statement, letter draft or interview answer."""
    from ..service.texts import review_file

    run(lambda: review_file(file, kind, profile, flag), render_review, json_output)


def outline_command(
    profile: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON).")],
    flag: Annotated[str, typer.Option("--flag", help="The red-flag id to outline.")],
    json_output: JsonOption = False,
) -> None:
    """A fill-in outline for one red flag's explanation, with your profile's facts."""
    from ..service.texts import outline_for

    run(lambda: outline_for(profile, flag), render_outline, json_output)


def interview_command(
    profile: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON).")],
    specialty: Annotated[
        str | None, typer.Option("--specialty", help="Target specialty id (default: primary).")
    ] = None,
    practice: Annotated[
        bool, typer.Option("--practice", help="Timed practice: type answers, get a review.")
    ] = False,
    questions: Annotated[
        int, typer.Option("--questions", help="How many questions to practise.")
    ] = 5,
    json_output: JsonOption = False,
) -> None:
    """Likely interview questions; with --practice, a timed session that reviews each answer."""
    from ..service.texts import interview_practice, interview_prep

    if not practice:
        run(lambda: interview_prep(profile, specialty), render_prep, json_output)
        return
    reader, shown = _stdin_reader(json_output), _show_answer(json_output)
    run(
        lambda: interview_practice(profile, reader, questions, specialty, shown),
        render_practice,
        json_output,
    )


END_MARKER = "END"


def _stdin_reader(json_output: bool) -> AnswerReader:
    """Show a question with its time limit (on stderr with --json), run a countdown, and read
    lines until a line ``END`` (blank lines keep paragraphs) or the end of input."""
    from ..service.texts import answer_seconds

    out = err_console if json_output else console
    limit = answer_seconds()

    def read(question: Question, number: int) -> tuple[str, float] | None:
        out.print(f"\nQuestion {number}: {question.question}", markup=False)
        out.print(
            f"You have {_clock(limit)}. Type your answer (blank lines keep paragraphs); a line "
            f"{END_MARKER} finishes it; the end of input stops the session.",
            markup=False,
        )
        start = time.monotonic()
        with Countdown(out, limit):
            lines, ended = _read_until_end()
        if not ended and not any(line.strip() for line in lines):
            return None
        if not any(line.strip() for line in lines):
            out.print("No answer: this question is skipped.", markup=False, style="dim")
        return "\n".join(lines).strip(), time.monotonic() - start

    return read


def _read_until_end() -> tuple[list[str], bool]:
    lines: list[str] = []
    for line in sys.stdin:
        if line.strip().upper() == END_MARKER:
            return lines, True
        lines.append(line.rstrip("\n"))
    return lines, False


def _clock(seconds: float) -> str:
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class Countdown:
    """While an answer is typed: the time left every ``step`` seconds, and a cue at the limit."""

    def __init__(self, out: Console, seconds: float, step: float = 30.0):
        self.out, self.seconds, self.step = out, seconds, step
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Countdown:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        left = self.seconds
        while left > 0:
            wait = min(self.step, left)
            if self._stop.wait(wait):
                return
            left -= wait
            if left > 0:
                self.out.print(f"  [{_clock(left)} left]", markup=False, style="dim")
        self.out.print(
            f"  [{_clock(self.seconds)} reached: finish your answer now]",
            markup=False,
            style="bold",
        )


def _show_answer(json_output: bool) -> AnswerShown:
    """The review of each answer as soon as it is given (stderr with --json)."""
    out = err_console if json_output else console

    def show(answer: PracticeAnswer) -> None:
        review = answer.review
        out.print(
            f"Review: score {review.score}/100; typed in {answer.typed_seconds:.0f} s, about "
            f"{review.speaking_seconds or 0:.0f} s spoken",
            markup=False,
        )
        for number, fix in enumerate(review.top_fixes, start=1):
            out.print(f"  Fix {number}: {printable(fix)}", markup=False)

    return show


def _short(text: str | None) -> str:
    if not text:
        return ""
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def render_review(result: Review) -> None:
    from rich.table import Table
    from rich.text import Text

    flag = f", flag {result.flag}" if result.flag else ""
    console.print(f"Review ({result.kind}{flag}): score {result.score}/100", markup=False)
    size = f"{count(result.word_count, 'word')}, {count(result.sentence_count, 'sentence')}"
    if result.speaking_seconds is not None:
        size += f", about {result.speaking_seconds:.0f} s spoken"
    if result.flag_share is not None:
        where = ", ".join(str(p) for p in result.flag_paragraphs)
        size += (
            f"; {'red flag' if len(result.flag_paragraphs) == 1 else 'red flags'} in "
            f"paragraph{'' if len(result.flag_paragraphs) == 1 else 's'} {where} "
            f"of {result.paragraph_count}, "
            f"{result.flag_share:.0%} of the words"
        )
    console.print(size, markup=False)
    if result.findings:
        table = Table(show_lines=True)
        for column in ("finding", "where", "what", "fix"):
            table.add_column(column, overflow="fold")
        for f in result.findings:
            # the quote, message and fix may hold the applicant's words: never markup; the
            # line break between the sentence number and its quote is ours, kept as a break
            where = (
                f"sentence {f.sentence + 1}\n{printable(_short(f.quote))}"
                if f.sentence is not None
                else ""
            )
            cells = (printable(f.type), where, printable(f.message), printable(f.fix))
            table.add_row(*(Text(cell) for cell in cells))
        console.print(table)
    else:
        console.print("No findings.")
    _render_structure(result)
    for number, fix in enumerate(result.top_fixes, start=1):
        console.print(f"Fix {number}: {fix}", markup=False)
    console.print(result.note, markup=False, style="dim")


def _render_structure(result: Review) -> None:
    if result.structure:
        console.print(f"Structure ({result.structure_name}):", markup=False)
        for part in result.structure:
            mark = "present" if part.present else "MISSING"
            console.print(f"  [{mark}] {part.label}", markup=False)
    if result.addressed_flags or result.unaddressed_flags:
        console.print(f"Addresses: {', '.join(result.addressed_flags) or 'none'}", markup=False)
        console.print(
            f"Left unaddressed here: {', '.join(result.unaddressed_flags) or 'none'}", markup=False
        )


def _indented(text: str, indent: int = 3) -> None:
    """A line indented by ``indent``; wrapped lines keep the indent (text as typed)."""
    from rich.padding import Padding
    from rich.text import Text

    console.print(Padding(Text(printable(text)), (0, 0, 0, indent), expand=False))


def render_outline(result: Outline) -> None:
    state = "found in your profile" if result.fired else "not found in your profile"
    console.print(f"Outline for {result.flag} ({state})", markup=False)
    if result.where:
        console.print(f"Where to address it: {', '.join(result.where)}", markup=False)
    console.print(f"Length: {result.length}", markup=False)
    for number, part in enumerate(result.parts, start=1):
        console.print(f"\n{number}. {part.label}", markup=False)
        for fact in part.facts:
            _indented(f"fact: {fact}")
        _indented(part.prompt)
    console.print(f"\n{result.note}", markup=False, style="dim")


def render_prep(result: InterviewPrep) -> None:
    console.print(f"Likely interview questions ({field(result.specialty)})", markup=False)
    for number, q in enumerate(result.questions, start=1):
        console.print(f"\n{number}. {q.question}  [{q.topic}]", markup=False)
        _indented(f"Really asking: {q.really_asking}")
        _indented("Answer: " + " -> ".join(q.answer_structure))
    console.print(f"\n{result.timing}", markup=False, style="dim")


def render_practice(result: PracticeResult) -> None:
    """The session's summary (each answer's review was shown as it was given)."""
    for answer in result.answers:  # skipped questions have no answer: no number
        console.print(f"- {answer.review.score}/100  {answer.question.question}", markup=False)
    if result.mean_score is not None:
        answers = count(len(result.answers), "answer")
        console.print(f"\nMean score: {result.mean_score:.0f}/100 over {answers}", markup=False)
    else:
        console.print("No answers given.")
