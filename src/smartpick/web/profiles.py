"""Profiles in the web app: from the form or an upload, saved per user, loaded back.

An uploaded profile is parsed with ``base_dir=None``: its letters' ``text_file``
paths are never read on the server.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..errors import MAX_INPUT_BYTES, ProfileError, check_size
from ..profile import Profile, parse_profile
from .forms import document_yaml
from .storage import SavedItem, User

ALLOWED_SUFFIXES = (".yaml", ".yml", ".json")


def parse_untrusted(text: str) -> Profile:
    """Validate profile text from a browser or API client (no file is ever read)."""
    return parse_profile(text, base_dir=None)


async def parse_in_thread(text: str) -> Profile:
    """``parse_untrusted`` in a worker thread: a large upload never stalls other requests."""
    return await run_in_threadpool(parse_untrusted, text)


def all_problems(doc: dict[str, Any]) -> list[ProfileError]:
    """Every schema problem of a form's document, each with the CLI's message and hint.

    ``parse_profile`` reports the first problem (and counts the rest); the form shows
    each at its own field. Checks beyond the schema come from ``parse_profile`` itself.
    """
    from pydantic import ValidationError

    from ..profile import problem_of  # the CLI's wording of one problem

    try:
        Profile.model_validate(doc, context={"today": None})
    except ValidationError as exc:
        errors = exc.errors(include_input=False, include_url=False)
        return [problem_of(Profile, err) for err in errors]
    return []


def profile_text_from_form(doc: dict[str, Any]) -> str:
    text = document_yaml(doc)
    parse_untrusted(text)
    return text


async def profile_from_upload(upload: Any, pasted: Any) -> str:
    """The validated text of an uploaded file (or pasted YAML/JSON)."""
    if isinstance(upload, UploadFile) and upload.filename:
        text = await _read_upload(upload)
    elif isinstance(pasted, str) and pasted.strip():
        check_size(len(pasted.encode("utf-8")), path="profile")
        text = pasted
    else:
        raise ProfileError("no profile given", hint="choose a .yaml or .json file, or paste one")
    await parse_in_thread(text)
    return text


async def _read_upload(upload: UploadFile) -> str:
    name = (upload.filename or "").lower()
    if not name.endswith(ALLOWED_SUFFIXES):
        raise ProfileError(
            "only .yaml, .yml or .json profiles can be uploaded",
            path="file",
            hint="save the profile as YAML or JSON text",
        )
    raw = await upload.read(MAX_INPUT_BYTES + 1)
    check_size(len(raw) if len(raw) <= MAX_INPUT_BYTES else upload.size or len(raw), path="file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileError(
            "the file is not UTF-8 text", path="file", hint="save the profile as UTF-8 YAML or JSON"
        ) from None


def profile_name(text: str, file_name: str | None = None) -> str:
    """The name a saved profile is listed by: its file's name without the extension, else
    what it is about ("anesthesiology, India 2019 graduate")."""
    if file_name and PurePath(file_name).stem:
        return PurePath(file_name).stem
    profile = parse_untrusted(text)
    school = profile.medical_school
    return f"{profile.targets.primary}, {school.country} {school.graduation.year} graduate"


def save_profile(
    request: Request, user: User, text: str, file_name: str | None = None
) -> SavedItem:
    name = profile_name(text, file_name)
    return request.app.state.store.save(user, "profile", name, text)


def load_saved(request: Request, user: User, profile_id: int) -> tuple[SavedItem, Profile]:
    """A saved profile of this user (404 for anyone else's) and its validated form."""
    item = request.app.state.store.get(user, "profile", profile_id)
    return item, parse_untrusted(item.content)
