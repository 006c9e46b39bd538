"""Reading a profile document (YAML or JSON) and letters' text files, safely."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import yaml

from ..errors import ProfileError, check_size

MAX_NODES = 20_000  # a profile at the format's list limits has about 5,000 (docs/profile.md)
MAX_PARSE_SECONDS = 2.0
ROUGH_NODES_LIMIT = 4 * MAX_NODES  # separators (':', ',', '-', '[', '{') in the text


class TooComplexError(Exception):
    """The document has more values than any valid profile, or takes too long to read."""


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors/aliases (they can blow a small file up exponentially), and
    with a bound on its values and reading time (a 1 MB file of tiny entries is refused early
    rather than parsed for seconds)."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._nodes = 0
        self._deadline = time.monotonic() + MAX_PARSE_SECONDS

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed", mark)
        self._nodes += 1
        if self._nodes > MAX_NODES or (
            self._nodes % 1000 == 0 and time.monotonic() > self._deadline
        ):
            raise TooComplexError
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str | int):
                continue  # other keys are refused later, by validation
            if key in seen:
                raise DuplicateKeyError(str(key), key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class DuplicateKeyError(Exception):
    def __init__(self, key: str, line: int | None):
        super().__init__(key)
        self.key, self.line = key, line


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKeyError(key, None)
        out[key] = value
    return out


def _syntax_error(kind: str, line: int | None, column: int | None) -> ProfileError:
    where = f" at line {line}, column {column}" if line is not None else ""
    return ProfileError(
        f"not valid {kind}{where}",
        hint="check indentation, colons and quotes there; see examples/clean.yaml",
    )


def parse_document(text: str) -> dict[str, Any]:
    """The profile's top-level mapping, from JSON (if it starts with '{') or YAML."""
    try:
        data = _load(text)
    except TooComplexError:
        raise ProfileError(
            f"the document has more entries than a profile can hold (over {MAX_NODES:,} values)",
            hint="a profile holds at most 200 experiences, 50 exams and 30 letters; "
            "the format: smartpick docs profile",
        ) from None
    except DuplicateKeyError as exc:
        where = f" at line {exc.line}" if exc.line else ""
        raise ProfileError(
            f"duplicate key '{exc.key[:40]}'{where}",
            hint="give each key once; a later copy would silently replace the first",
        ) from None
    except json.JSONDecodeError as exc:
        raise _syntax_error("JSON", exc.lineno, exc.colno) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        error = _syntax_error("YAML", line, column)
        if _indented_with_tab(text, line):
            error.hint = "indent with spaces: YAML does not allow tabs for indentation"
        raise error from None
    except (RecursionError, ValueError):
        raise _syntax_error("YAML or JSON", None, None) from None
    if not isinstance(data, dict):
        raise ProfileError(
            "must be a mapping of keys (season, citizenship, ...) at the top level" + _found(data),
            hint="start from examples/clean.yaml",
        )
    return data


def _load(text: str) -> Any:
    """JSON when the text starts with '{' and parses as JSON; otherwise YAML (which also reads
    flow-style mappings such as ``{season: 2028, citizenship: us}``)."""
    if sum(text.count(mark) for mark in ":,-[{") > ROUGH_NODES_LIMIT:
        raise TooComplexError  # every value needs one of these marks: refused without parsing
    if not text.lstrip().startswith("{"):
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader
    try:
        return json.loads(text, object_pairs_hook=_json_pairs)
    except json.JSONDecodeError as json_error:
        try:
            return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader
        except yaml.YAMLError:
            raise json_error from None


def _indented_with_tab(text: str, line: int | None) -> bool:
    """Whether the line of a YAML error (1-based), or the one before it, is indented by a tab."""
    lines = text.splitlines()
    for index in (line, (line or 0) - 1):
        if index and 0 < index <= len(lines):
            indent = lines[index - 1][: len(lines[index - 1]) - len(lines[index - 1].lstrip())]
            if "\t" in indent:
                return True
    return False


def _found(data: Any) -> str:
    if data is None:
        return "; the file is empty"
    if isinstance(data, list):
        return "; it is a list"
    return "; it is a single value"


def read_letter_text(base_dir: Path, relative: str, *, path: str) -> str:
    """Read a letter's text file, only inside ``base_dir`` (the profile's own folder)."""
    if "\x00" in relative:
        raise ProfileError(
            "text_file contains a NUL character",
            path=path,
            hint="give a path relative to the profile file, e.g. letters/smith.txt",
        )
    base = base_dir.resolve()
    target = (base / relative).resolve()
    if Path(relative).is_absolute() or not target.is_relative_to(base):
        raise ProfileError(
            "text_file must be inside the profile's folder",
            path=path,
            hint="give a path relative to the profile file, e.g. letters/smith.txt",
        )
    try:
        if target.exists() and not target.is_file():
            raise IsADirectoryError(relative)  # a folder, device or pipe: not a text file
        check_size(target.stat().st_size, path=path)
        return target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(
            "text_file not found", path=path, hint="paths are relative to the profile's folder"
        ) from None
    except UnicodeDecodeError:
        raise ProfileError(
            "text_file is not UTF-8 text", path=path, hint="save it as UTF-8"
        ) from None
    except OSError as exc:
        raise ProfileError(
            f"cannot read text_file ({type(exc).__name__})",
            path=path,
            hint="give a readable text file inside the profile's folder",
        ) from None
