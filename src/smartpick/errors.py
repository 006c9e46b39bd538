"""The one error tree of smartpick.

Every error carries the exit status the CLI uses, the HTTP status the web app
uses, the path of the offending field (if any) and a hint (if a fix is known)::

    SmartpickError                  exit 1, HTTP 500: internal failure
    ├── InputError                  exit 2, HTTP 400: the user's input is wrong
    │   ├── ProfileError            a profile failed validation
    │   ├── SeasonFileError         a season file (applications and invites) is invalid
    │   ├── TextInputError          a text to review cannot be read
    │   ├── ImportFileError         a catalog import file is invalid
    │   ├── UnknownSpecialtyError   a specialty id that the catalog lacks
    │   └── InputTooLargeError      over the size limit (1 MB)
    ├── NotFoundError               exit 2, HTTP 404: no such program, profile, ...
    ├── DataFileError               exit 1, HTTP 500: a shipped data file is invalid
    ├── StorageError                exit 1, HTTP 503: the disk or database refused (full,
    │                               read-only, locked by another process): not a bug
    └── NoStableMatchingError       exit 1, HTTP 500: the match with couples cycled

Messages never quote the content of a profile beyond the offending field's
path and the kind of problem: profiles hold health and immigration history.
"""

from __future__ import annotations

MAX_INPUT_BYTES = 1_000_000


class SmartpickError(Exception):
    """Base of all smartpick errors."""

    exit_status = 1
    http_status = 500

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint

    def to_dict(self) -> dict[str, str | None]:
        return {"path": self.path, "message": self.message, "hint": self.hint}

    def one_line(self) -> str:
        """``path: message`` on one line: control characters from the input are escaped."""
        where = f"{self.path}: " if self.path else ""
        return printable(f"{where}{self.message}")


class InputError(SmartpickError):
    """The user's input is invalid; the fix is theirs."""

    exit_status = 2
    http_status = 400


class ProfileError(InputError):
    """A profile failed validation."""


class SeasonFileError(InputError):
    """A season file (the applications, invites and their dates) failed validation."""


class TextInputError(InputError):
    """A text file to review is empty, binary, too large or not UTF-8."""


class ImportFileError(InputError):
    """A catalog import file has a bad row; nothing was written."""


class UnknownSpecialtyError(InputError):
    """A specialty id the catalog does not know."""


class InputTooLargeError(InputError):
    """An input over the size limit."""


class NotFoundError(SmartpickError):
    """No such program, profile, plan or review."""

    exit_status = 2
    http_status = 404


class DataFileError(SmartpickError):
    """A data file shipped in the package is invalid (a bug, not the user's fault)."""


class StorageError(SmartpickError):
    """The machine refused to store or read smartpick's data (not a bug, not the input)."""

    http_status = 503


_STORAGE_PROBLEMS = (
    ("locked", "the database is locked by another smartpick process"),
    ("readonly", "the database or its folder is read-only"),
    ("read-only", "the database or its folder is read-only"),
    ("full", "the disk is full"),
    ("disk i/o", "the disk reported an input/output error"),
    ("unable to open", "the database file cannot be opened"),
)


def storage_error(exc: BaseException) -> StorageError | None:
    """The environment's problem behind ``exc`` (an OSError or a database operational error),
    said in plain words without the exception's own text; None if it is not one."""
    kind = type(exc).__name__
    if not isinstance(exc, OSError) and kind not in {"OperationalError", "DatabaseError"}:
        return None
    text = (getattr(exc, "strerror", None) or str(getattr(exc, "orig", "") or exc)).lower()
    what = next((said for key, said in _STORAGE_PROBLEMS if key in text), None)
    if what is None and isinstance(exc, PermissionError):
        what = "permission denied"
    what = what or f"the system refused ({kind})"
    return StorageError(
        f"cannot use smartpick's data folder or database: {what}",
        hint="wait for the other process, free disk space, or check the permissions of "
        "$SMARTPICK_HOME; your data was not changed",
    )


class NoStableMatchingError(SmartpickError):
    """The matching procedure with couples cycled: it found no stable matching."""


def printable(text: str) -> str:
    """Escape control characters (newlines, escape sequences) so a message stays one line
    and cannot drive the terminal: ``'a\\nb'`` is shown as ``a\\nb``."""
    return "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode() for c in text
    )


def check_size(n_bytes: int, *, path: str, limit: int = MAX_INPUT_BYTES) -> None:
    """Refuse an input over ``limit`` bytes."""
    if n_bytes > limit:
        raise InputTooLargeError(
            f"file is {n_bytes / 1_000_000:.1f} MB, over the {limit / 1_000_000:.0f} MB limit",
            path=path,
            hint="split or shorten the file; smartpick reads at most 1 MB",
        )
