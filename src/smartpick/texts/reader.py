"""Safe reading of a text to review: size first, then bytes, then UTF-8 text.

Every problem is a :class:`~smartpick.errors.TextInputError` (exit 2) with a hint;
the content of the file is never quoted.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

from ..errors import MAX_INPUT_BYTES, TextInputError

_BOMS = {b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16", b"\x00\x00\xfe\xff": "UTF-32"}
_CONTROL_SHARE = 0.05  # more control characters than this: not a text (assumed)
_PLAIN_TEXT_HINT = "save the text as plain UTF-8 text (.txt) and give that file"
# The longest text reviewed at once: a tool limit, not an ERAS rule. About ten pages, ten
# times the one-page personal statement (data/text_rules.yaml); the review takes about a
# millisecond a word, so a longer text would hold a web worker for many seconds.
MAX_REVIEW_WORDS = 5_000
MAX_REVIEW_CHARACTERS = 50_000  # the same ten pages at about ten characters a word
_WORD = re.compile(r"[^\W\d_]+")  # a run of letters, in any script


def read_text_file(path: Path, *, limit: int = MAX_INPUT_BYTES) -> str:
    """The UTF-8 text of ``path``; refuses missing, empty, large, binary or non-UTF-8 files."""
    path = Path(path)
    size = _size(path)
    if size > limit:
        raise TextInputError(
            f"file is {size / 1_000_000:.1f} MB, over the {limit / 1_000_000:.0f} MB limit",
            path=path.name,
            hint="split or shorten the file; smartpick reads at most 1 MB",
        )
    with path.open("rb") as handle:
        raw = handle.read(limit + 1)
    return decode_text(raw, name=path.name)


def _size(path: Path) -> int:
    try:
        if path.is_dir():
            raise TextInputError("a folder, not a file", path=path.name, hint=_PLAIN_TEXT_HINT)
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise TextInputError(
                "not a regular file (a pipe or a device)",
                path=path.name,
                hint=_PLAIN_TEXT_HINT,
            )
        return info.st_size
    except FileNotFoundError:
        raise TextInputError(
            "file not found", path=path.name, hint="check the path of the text file"
        ) from None
    except PermissionError:
        raise TextInputError(
            "cannot read it (permission denied)", path=path.name, hint=_PLAIN_TEXT_HINT
        ) from None


def decode_text(raw: bytes, *, name: str = "text") -> str:
    """Bytes to text, or a TextInputError saying why not (web uploads use this too)."""
    if not raw.strip():
        raise TextInputError("the file is empty", path=name, hint="give a file with the text")
    for bom, encoding in _BOMS.items():
        if raw.startswith(bom):
            raise TextInputError(
                f"the file is {encoding}-encoded, not UTF-8", path=name, hint=_PLAIN_TEXT_HINT
            )
    if b"\x00" in raw:
        raise TextInputError(
            "the file looks binary (it contains NUL bytes), not plain text",
            path=name,
            hint=_PLAIN_TEXT_HINT + " (a Word or PDF file must be exported as text first)",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextInputError(
            f"the file is not UTF-8 text (invalid byte at offset {exc.start})",
            path=name,
            hint=_PLAIN_TEXT_HINT + " (e.g. from Latin-1 or Windows-1252)",
        ) from None
    _refuse_control_characters(text, name)
    return text


def check_review_text(text: str, name: str = "text") -> None:
    """A text the review can read: some words, at most ``MAX_REVIEW_WORDS`` of them and
    ``MAX_REVIEW_CHARACTERS`` characters."""
    if not text.strip():
        raise TextInputError("the text is empty", path=name, hint="give the text to review")
    if len(text) > MAX_REVIEW_CHARACTERS:
        raise TextInputError(
            f"the text has {len(text):,} characters; the review reads at most "
            f"{MAX_REVIEW_CHARACTERS:,} (a personal statement is about 5,000)",
            path=name,
            hint="review one text at a time: one explanation, one statement or one letter",
        )
    words = sum(1 for _ in _WORD.finditer(text))
    if words == 0:
        raise TextInputError(
            "the text has no words (only digits, punctuation or symbols)",
            path=name,
            hint="give the text to review",
        )
    if words > MAX_REVIEW_WORDS:
        raise TextInputError(
            f"the text has {words:,} words; the review reads at most {MAX_REVIEW_WORDS:,} "
            "(a personal statement is about 800)",
            path=name,
            hint="review one text at a time: one explanation, one statement or one letter",
        )


def _refuse_control_characters(text: str, name: str) -> None:
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > _CONTROL_SHARE * len(text):
        raise TextInputError(
            "the file looks binary (many control characters), not plain text",
            path=name,
            hint=_PLAIN_TEXT_HINT,
        )
