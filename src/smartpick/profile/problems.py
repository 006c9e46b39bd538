"""Turn pydantic validation errors into a :class:`ProfileError` with a path and a hint."""

from __future__ import annotations

import difflib
import inspect
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import ProfileError

_TYPE_HINTS = {
    "missing": "add this field; the format: smartpick docs profile",
    "int_parsing": "write a whole number, e.g. 232",
    "int_type": "write a whole number, e.g. 232",
    "int_from_float": "write a whole number, e.g. 232",
    "bool_parsing": "write true or false",
    "bool_type": "write true or false",
    "string_type": "write text (quote it if YAML reads it as a number or date)",
    "list_type": "write a list, e.g. [a, b] or one '- item' per line",
    "model_type": "write it as key: value pairs, e.g. budget: {usd: 3000}",
    "model_attributes_type": "write it as key: value pairs, e.g. budget: {usd: 3000}",
    "dict_type": "write it as key: value pairs, e.g. budget: {usd: 3000}",
    "string_pattern_mismatch": "US states are two capital letters, e.g. TX",
    "literal_error": "write one of the values listed above, exactly as spelt there",
    "greater_than_equal": "use a value within the allowed range",
    "less_than_equal": "use a value within the allowed range",
    "too_long": "shorten the list",
    "string_too_long": "shorten the text",
    "string_too_short": "leave the key out rather than giving it an empty value",
}
GENERAL_HINT = "the format of each field: smartpick docs profile"
# a union's branch tag: a constrained type ('constrained-float'), or one with parameters
# ('dict[str,constrained-float]', 'function-after[...]'); a plain 'date' may be a field
_BRANCH = re.compile(r"^constrained-[a-z]+$")
MAX_KEY_CHARS = 40


def format_path(loc: tuple[int | str, ...]) -> str:
    """``('exams', 2, 'score')`` -> ``exams[2].score``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = _short(str(part))
            out += f".{key}" if out else key
    return out


def _short(key: str) -> str:
    """A key cut to ``MAX_KEY_CHARS`` so an error stays one readable line."""
    return key if len(key) <= MAX_KEY_CHARS else key[: MAX_KEY_CHARS - 3] + "..."


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation (``list[Exam] | None`` -> ``Exam``)."""
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = nested_model(arg)
        if found is not None:
            return found
    return None


def _model_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None:
            return None
        if isinstance(part, str) and part in model.model_fields:
            model = nested_model(model.model_fields[part].annotation)
    return model


def _unknown_key_error(root: type[BaseModel], loc: tuple[int | str, ...]) -> ProfileError:
    key = str(loc[-1])
    model = _model_at(root, loc[:-1])
    valid = sorted(model.model_fields) if model else []
    close = difflib.get_close_matches(key, valid, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'?" if close else f"valid keys here: {', '.join(valid)}"
    return ProfileError(f"unknown key '{_short(key)}'", path=format_path(loc), hint=hint)


def problem_of(root: type[BaseModel], err: Any) -> ProfileError:
    loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
    if err["type"] == "extra_forbidden":
        return _unknown_key_error(root, loc)
    if err["type"] == "invalid_key":
        return ProfileError(
            "a key must be a name, not a number or a list",
            path=format_path(loc[:-1]) or None,
            hint="keys are field names such as season or exams (smartpick docs profile)",
        )
    ctx = err.get("ctx") or {}
    hint = ctx.get("hint") or _TYPE_HINTS.get(err["type"], GENERAL_HINT)
    message = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] in {"model_type", "model_attributes_type", "dict_type"}:
        message = "expected a mapping of keys to values"
    return ProfileError(message, path=format_path(loc) or None, hint=hint)


def from_validation_error(exc: ValidationError, root: type[BaseModel]) -> ProfileError:
    """The first problem as a ProfileError; the count of the others in the message (a field
    that fails each branch of a union, e.g. a number or a mapping, is one problem)."""
    errors = exc.errors(include_input=False, include_url=False)
    for err in errors:
        err["loc"] = tuple(p for p in err["loc"] if not _union_branch(p))
    head = errors[0]["loc"]
    same = [e for e in errors if e["loc"][: len(head)] == head]  # the field and inside it
    # of a union's branches, the one that went deepest is the one the file was written for
    first = problem_of(root, max(same, key=lambda e: len(e["loc"])))
    locs = {e["loc"] for e in errors if e["loc"][: len(head)] != head}
    others = len([loc for loc in locs if not any(loc[:k] in locs for k in range(1, len(loc)))])
    if others:
        first.message += f" (and {others} more problem(s) in the file)"
        first.args = (first.message,)
    return first


def _union_branch(part: int | str) -> bool:
    """A union branch's tag in a location ('constrained-float', 'dict[str,...]'): no key."""
    return isinstance(part, str) and (
        bool(_BRANCH.match(part)) or ("[" in part and part.endswith("]"))
    )
