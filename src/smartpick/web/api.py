"""JSON twins of the pages: the same result the CLI's ``--json`` prints.

``POST /api/audit`` (and the others as their services land) takes the profile as the
request body, YAML or JSON by content type; a bad one answers 400 with
``{"error": {"path", "message", "hint"}}``. Only JSON and YAML bodies are accepted,
which a cross-site HTML form cannot send (no CSRF on these stateless endpoints).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from .. import service
from ..budget import Budget
from ..errors import InputError, ProfileError, TextInputError
from ..profile import Profile, parse_document
from ..results import to_jsonable
from .profiles import parse_in_thread
from .security import current_user
from .storage import User

router = APIRouter(prefix="/api")
JSON_TYPES = frozenset({"application/json"})
YAML_TYPES = frozenset({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
TEXT_TYPES = frozenset({"text/plain"})


class UnsupportedMediaError(InputError):
    http_status = 415


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def body_text(request: Request, allowed: frozenset[str] = JSON_TYPES | YAML_TYPES) -> str:
    """The request body as text, if its content type is JSON or YAML (1 MB at most)."""
    media = media_type(request)
    if media not in allowed:
        raise UnsupportedMediaError(
            f"unsupported content type '{media[:60]}'",
            hint="send the profile as application/json or application/yaml",
        )
    raw = await request.body()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileError("the body is not UTF-8 text") from None


def result(value: Any) -> JSONResponse:
    return JSONResponse(to_jsonable(value))


@router.post("/audit")
async def audit(
    request: Request, specialty: str | None = None, user: User = Depends(current_user)
) -> JSONResponse:
    """``smartpick audit PROFILE [--specialty S] --json``."""
    profile = await parse_in_thread(await body_text(request))
    return result(service.audit_profile(profile, specialty))


def _codes(text: str | None) -> list[str] | None:
    if not text:
        return None
    return [code.strip().upper() for code in text.split(",") if code.strip()]


@router.post("/chances")
async def chances(
    request: Request,
    specialty: str | None = None,
    programs: str | None = None,
    user: User = Depends(current_user),
) -> JSONResponse:
    """``smartpick chances PROFILE [--specialty S] [--programs CODE,...] --json``."""
    profile = await parse_in_thread(await body_text(request))
    return result(service.chances_for_profile(profile, specialty, _codes(programs)))


async def review_body(request: Request) -> tuple[str, Any]:
    """The text to review (text/plain) or ``{text, profile?}`` as JSON or YAML."""
    body = await body_text(request, JSON_TYPES | YAML_TYPES | TEXT_TYPES)
    if media_type(request) in TEXT_TYPES:
        return body, None
    try:
        doc = parse_document(body)
    except ProfileError as exc:
        raise TextInputError(exc.message, hint="send {text: ..., profile: {...}}") from None
    unknown = sorted(set(doc) - {"text", "profile"})
    if unknown or not isinstance(doc.get("text"), str):
        raise TextInputError(
            f"unknown key '{unknown[0]}'" if unknown else "the body needs a 'text' string",
            path=unknown[0] if unknown else "text",
            hint="send {text: ..., profile: {...}}",
        )
    profile = doc.get("profile")
    if profile is not None:
        profile = await parse_in_thread(json.dumps(profile, default=str))
    return doc["text"], profile


@router.post("/review")
async def review(
    request: Request, kind: str, flag: str | None = None, user: User = Depends(current_user)
) -> JSONResponse:
    """``smartpick review FILE --kind K [--profile P] [--flag ID] --json``."""
    text, profile = await review_body(request)
    return result(service.review(text, kind, profile, flag))


@router.post("/plan")
async def plan(
    request: Request,
    budget_usd: float | None = None,
    programs: int | None = None,
    spend_all: bool = False,
    min_gain: float | None = None,
    user: User = Depends(current_user),
) -> JSONResponse:
    """``smartpick plan PROFILE [--budget-usd N | --programs N] [--spend-all]
    [--min-gain X] --json``."""
    gain = service.check_min_gain(min_gain)

    def planner(profile: Profile, budget: Budget | None) -> Any:
        return service.plan_for_profile(profile, budget, spend_all=spend_all, min_gain=gain)

    return await _planned(planner, request, budget_usd, programs)


@router.post("/whatif")
async def whatif(
    request: Request,
    budget_usd: float | None = None,
    programs: int | None = None,
    user: User = Depends(current_user),
) -> JSONResponse:
    """``smartpick whatif PROFILE [--budget-usd N | --programs N] --json``."""
    return await _planned(service.whatif_for_profile, request, budget_usd, programs)


@router.post("/interview")
async def interview(
    request: Request, specialty: str | None = None, user: User = Depends(current_user)
) -> JSONResponse:
    """``smartpick interview PROFILE [--specialty S] --json`` (the questions)."""
    profile = await parse_in_thread(await body_text(request))
    return result(service.interview_prep(profile, specialty))


async def _planned(
    planner: Callable[[Profile, Budget | None], Any],
    request: Request,
    budget_usd: float | None,
    programs: int | None,
) -> JSONResponse:
    """Run a planning service (CPU-bound) off the event loop on the request's profile."""
    from starlette.concurrency import run_in_threadpool

    budget = Budget.from_options(budget_usd, programs)
    profile = await parse_in_thread(await body_text(request))
    return result(await run_in_threadpool(planner, profile, budget))
