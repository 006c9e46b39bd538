"""Interview practice: the likely questions, a timed answer, its review (stored per user)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import service
from ..errors import InputError, TextInputError, check_size
from ..results import to_jsonable
from .forms import form_int
from .profiles import load_saved
from .render import page
from .security import check_csrf, current_user
from .storage import User

router = APIRouter()
MAX_QUESTIONS = 500  # more than any file's question list; a larger q is a forged form
ANSWER_SECONDS = 120


def _page(
    request: Request,
    profile_id: int,
    prep: dict[str, Any],
    number: int,
    error: InputError | None = None,
    answer: str = "",
    status_code: int = 200,
):
    number = min(max(number, 0), len(prep["questions"]) - 1)
    context = {
        "prep": prep,
        "number": number,
        "question": prep["questions"][number],
        "profile_id": profile_id,
        "error": error,
        "answer": answer,
        "seconds": ANSWER_SECONDS,
    }
    return page(request, "interview.html", context, status_code=status_code)


@router.get("/profiles/{profile_id}/interview", response_class=HTMLResponse)
def interview_page(
    request: Request, profile_id: int, q: int = 0, user: User = Depends(current_user)
) -> Response:
    _, profile = load_saved(request, user, profile_id)
    prep = to_jsonable(service.interview_prep(profile))
    return _page(request, profile_id, prep, q)


def _seconds(raw: Any) -> float:
    try:
        return max(0.0, min(float(str(raw)), 3600.0))
    except ValueError:
        return 0.0


@router.post("/profiles/{profile_id}/interview", response_class=HTMLResponse)
async def practise_answer(
    request: Request, profile_id: int, user: User = Depends(current_user)
) -> Response:
    form = await request.form(max_files=0, max_fields=6)
    check_csrf(request, form.get("csrf_token"))
    _, profile = load_saved(request, user, profile_id)
    number = form_int(form.get("q"), "q", high=MAX_QUESTIONS)
    answer = str(form.get("answer") or "")
    answer = answer.replace("\r\n", "\n")
    seconds = _seconds(form.get("seconds"))

    def read_answer(question: Any, asked: int) -> tuple[str, float] | None:
        # the service asks from the first question; earlier ones are skipped (blank)
        return (answer, seconds) if asked == number + 1 else ("", 0.0)

    try:
        check_size(len(answer.encode("utf-8")), path="answer")
        if not answer.strip():
            raise TextInputError("the answer is empty", path="answer", hint="type your answer")
        practice = service.interview_practice(profile, read_answer, number + 1)
    except InputError as exc:
        prep = to_jsonable(service.interview_prep(profile))
        return _page(request, profile_id, prep, number, exc, answer, exc.http_status)
    result = to_jsonable(practice.answers[-1])
    stored = {
        "text": answer,
        "result": result["review"],
        "question": result["question"],
        "typed_seconds": result["typed_seconds"],
    }
    saved = request.app.state.store.save(user, "review", "interview-answer", json.dumps(stored))
    return RedirectResponse(f"/reviews/{saved.id}", status_code=303)
