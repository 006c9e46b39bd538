"""Loading a profile: a YAML or JSON file or string, validated (design.md, profile format v1).

load_profile(path) -> Profile            # a file; letters' text_file read beside it
parse_profile(text, base_dir=None)       # a string (web app: base_dir None reads no file)
"""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

from pydantic import ValidationError

from ..errors import MAX_INPUT_BYTES, ProfileError, check_size
from .checks import check_profile
from .documents import parse_document, read_letter_text
from .model import Profile
from .problems import from_validation_error


def parse_profile(
    text: str, *, base_dir: Path | None = None, today: dt.date | None = None
) -> Profile:
    """Validate a profile given as YAML or JSON text.

    ``base_dir`` is the folder letters' ``text_file`` paths are relative to; with
    ``None`` no file is ever read (the web app). ``today`` fixes the default season.
    """
    check_size(len(text.encode("utf-8")), path="profile")
    data = parse_document(text)
    try:
        profile = Profile.model_validate(data, context={"today": today})
    except ValidationError as exc:
        raise from_validation_error(exc, Profile) from None
    check_profile(profile, today)
    if base_dir is not None:
        _read_letters(profile, base_dir)
    return profile


def load_profile(path: Path, *, today: dt.date | None = None) -> Profile:
    """Read and validate a profile file (YAML or JSON, at most 1 MB)."""
    path = Path(path)
    raw = read_document_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileError(
            "the file is not UTF-8 text (binary, or another encoding)",
            path="profile",
            hint="save the file as UTF-8 YAML or JSON",
        ) from None
    try:
        return parse_profile(text, base_dir=path.resolve().parent, today=today)
    except ProfileError as exc:
        if exc.path is None:
            exc.path = "profile"  # a problem of the file as a whole (syntax, top level)
        raise


def read_document_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file of at most 1 MB (never a device, pipe or folder); the
    season file is read the same way."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path.name)
        if not stat.S_ISREG(info.st_mode):
            raise ProfileError(
                f"cannot read {_short_name(path)} (not a regular file: a device or a pipe)",
                path="profile",
                hint="give the path of a .yaml or .json file",
            )
        check_size(info.st_size, path="profile")
        with path.open("rb") as handle:
            raw = handle.read(MAX_INPUT_BYTES + 1)  # the file may have grown since stat
    except FileNotFoundError:
        raise ProfileError(
            f"file not found: {_short_name(path)}",
            path="profile",
            hint="give the path of a .yaml or .json profile, e.g. examples/clean.yaml",
        ) from None
    except OSError as exc:
        raise ProfileError(
            f"cannot read {_short_name(path)} ({_READ_PROBLEMS.get(type(exc), 'unreadable')})",
            path="profile",
            hint="give the path of a readable .yaml or .json file",
        ) from None
    check_size(len(raw), path="profile")
    return raw


_READ_PROBLEMS: dict[type, str] = {
    IsADirectoryError: "a folder, not a file",
    PermissionError: "permission denied",
}


def _short_name(path: Path) -> str:
    """The file's name only (never its folder: it may name the applicant), cut to 60 chars."""
    name = path.name or "."
    return name if len(name) <= 60 else name[:57] + "..."


def _read_letters(profile: Profile, base_dir: Path) -> None:
    for i, letter in enumerate(profile.letters):
        if letter.text_file:
            letter._text = read_letter_text(
                base_dir, letter.text_file, path=f"letters[{i}].text_file"
            )
