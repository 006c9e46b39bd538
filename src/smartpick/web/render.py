"""Rendering helpers shared by the pages and the report: Jinja filters and ``page()``."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from .. import service
from ..results import count as format_count
from ..results import percent as format_percent
from ..results import points as format_points
from ..results import to_jsonable
from ..specialties import spoken_name


def percent(value: Any) -> str:
    """The CLI's probability format (``results.percent``), for every page and the report."""
    return "unknown" if value is None else format_percent(float(value))


def points(value: Any) -> str:
    return "unknown" if value is None else format_points(float(value))


def usd(value: Any) -> str:
    if value is None:
        return "unknown"
    return f"${float(value):,.0f}"


def label(value: Any) -> str:
    """``low-step2ck`` -> ``low step2ck``; enums and None read as words."""
    value = to_jsonable(value)
    if value is None:
        return "unknown"
    return str(value).replace("-", " ").replace("_", " ")


def specialty(value: Any) -> str:
    """A specialty id as a sentence says it (``surgery-preliminary`` -> ``preliminary surgery``)."""
    value = to_jsonable(value)
    return "unknown" if value is None else spoken_name(str(value))


def count(value: Any, noun: str) -> str:
    """``{{ n | count("invitation") }}``: ``1 invitation``, ``3 invitations``."""
    return format_count(int(value), noun)


def months(value: Any) -> str:
    """``{{ 1.0 | months }}``: ``1 month``; ``0.5 months``, ``12 months`` (no trailing .0)."""
    n = float(value)
    return f"{n:g} month" if n == 1 else f"{n:g} months"


def severity_class(value: Any) -> str:
    try:
        score = float(value)
    except (TypeError, ValueError):
        return "sev-unknown"
    return "sev-high" if score >= 60 else "sev-mid" if score >= 30 else "sev-low"


def pretty_json(value: Any) -> str:
    return json.dumps(to_jsonable(value), indent=2, ensure_ascii=False)


def configure(env: Environment) -> Environment:
    env.autoescape = True
    env.filters.update(
        percent=percent,
        points=points,
        usd=usd,
        label=label,
        specialty=specialty,
        count=count,
        months=months,
        severity_class=severity_class,
        pretty_json=pretty_json,
        jsonable=to_jsonable,
        signal_rows=service.signal_rows,
    )
    return env


def page(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render one page with what every page needs (CSRF token, user, mode)."""
    from .security import csrf_token

    state = request.app.state
    base = {
        "csrf_token": csrf_token(request),
        "multi_user": state.multi_user,
        "username": request.session.get("username"),
        "report_mode": False,
    }
    return state.templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )
