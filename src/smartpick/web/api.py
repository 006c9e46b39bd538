"""JSON twins of the pages: the same result the CLI's ``--json`` prints.

``POST /api/audit`` (and the others as their services land) takes the profile as the
request body, YAML or JSON by content type; a bad one answers 400 with
``{"error": {"path", "message", "hint"}}``. Only JSON and YAML bodies are accepted,
which a cross-site HTML form cannot send (no CSRF on these stateless endpoints).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from ..errors import InputError, ProfileError
from ..results import to_jsonable
from ..storage import User
from .profiles import parse_untrusted
from .security import current_user
from .services import service_function

router = APIRouter(prefix="/api")
JSON_TYPES = {"application/json"}
YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}


class UnsupportedMediaError(InputError):
    http_status = 415


async def body_text(request: Request) -> str:
    """The request body as text, if its content type is JSON or YAML (1 MB at most)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in JSON_TYPES | YAML_TYPES:
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
    profile = parse_untrusted(await body_text(request))
    return result(service_function("audit")(profile, specialty))


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
    profile = parse_untrusted(await body_text(request))
    return result(service_function("chances")(profile, specialty, _codes(programs)))
