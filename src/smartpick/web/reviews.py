"""Text review pages: paste or upload a text, see the findings highlighted in it.

Reviews are stored per user (kind ``review``: the text and the result as JSON).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from .. import service
from ..errors import MAX_INPUT_BYTES, InputError, TextInputError, check_size
from ..results import to_jsonable
from .forms import form_int
from .profiles import load_saved
from .render import page
from .security import check_csrf, current_user
from .storage import User

router = APIRouter()
KINDS = ("additional-info", "personal-statement", "letter", "interview-answer")
TEXT_SUFFIXES = (".txt", ".md", ".text")


@dataclass(frozen=True)
class Segment:
    text: str
    findings: tuple[dict[str, Any], ...] = ()


def highlight(text: str, findings: list[dict[str, Any]]) -> list[Segment]:
    """Split ``text`` into plain and highlighted segments from the findings' spans."""
    spans = sorted(
        (f for f in findings if f.get("span")), key=lambda f: (f["span"][0], -f["span"][1])
    )
    segments: list[Segment] = []
    cursor = 0
    for finding in spans:
        start, end = (max(0, min(len(text), int(x))) for x in finding["span"])
        if start < cursor:  # overlaps the previous highlight: attach to it
            if segments and segments[-1].findings:
                last = segments[-1]
                segments[-1] = Segment(last.text, (*last.findings, finding))
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        if end > start:
            segments.append(Segment(text[start:end], (finding,)))
            cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


async def _text_from(form: Any) -> str:
    """The uploaded or pasted text, with browsers' CRLF line ends made LF."""
    return (await _raw_text(form)).replace("\r\n", "\n")


async def _raw_text(form: Any) -> str:
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        if not upload.filename.lower().endswith(TEXT_SUFFIXES):
            raise TextInputError(
                "only .txt or .md text files can be uploaded",
                path="file",
                hint="save the text as plain UTF-8 text",
            )
        raw = await upload.read(MAX_INPUT_BYTES + 1)
        check_size(len(raw), path="file")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise TextInputError("the file is not UTF-8 text", path="file") from None
    text = str(form.get("text") or "")
    check_size(len(text.encode("utf-8")), path="text")
    return text


def _form_page(
    request: Request,
    user: User,
    error: InputError | None,
    values: dict[str, str],
    status_code: int = 200,
) -> HTMLResponse:
    profiles = request.app.state.store.list_items(user, "profile")
    context = {"kinds": KINDS, "profiles": profiles, "error": error, "values": values}
    return page(request, "review_form.html", context, status_code=status_code)


@router.get("/review", response_class=HTMLResponse)
def review_form(request: Request, user: User = Depends(current_user)) -> Response:
    return _form_page(request, user, None, {})


@router.post("/review", response_class=HTMLResponse)
async def submit_review(request: Request, user: User = Depends(current_user)) -> Response:
    async with request.form(max_files=1, max_fields=10) as form:  # closes the upload
        check_csrf(request, form.get("csrf_token"))
        values = {k: str(v) for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
        try:
            text = await _text_from(form)
        except InputError as exc:
            return _form_page(request, user, exc, values, status_code=exc.http_status)
    try:
        profile_id = values.get("profile_id", "")
        chosen = form_int(profile_id, "profile_id", low=1) if profile_id else None
        profile = load_saved(request, user, chosen)[1] if chosen else None
        result = service.review(text, values.get("kind", ""), profile, values.get("flag") or None)
    except InputError as exc:
        return _form_page(request, user, exc, values, status_code=exc.http_status)
    content = json.dumps({"text": text, "result": to_jsonable(result)})
    saved = request.app.state.store.save(user, "review", values.get("kind", ""), content)
    return RedirectResponse(f"/reviews/{saved.id}", status_code=303)


@router.get("/reviews/{review_id}", response_class=HTMLResponse)
def show_review(request: Request, review_id: int, user: User = Depends(current_user)) -> Response:
    item = request.app.state.store.get(user, "review", review_id)
    stored = json.loads(item.content)
    review = stored["result"]
    context = {
        "review": review,
        "segments": highlight(stored["text"], review["findings"]),
        "question": stored.get("question"),
        "typed_seconds": stored.get("typed_seconds"),
    }
    return page(request, "review.html", context)
