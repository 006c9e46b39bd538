"""The season page: the applications and their status, kept up to date in place; P(match)
before the season and now, late applications, rank-list advice, SOAP readiness."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import service
from ..errors import InputError
from ..results import to_jsonable
from .profiles import load_saved
from .render import page
from .security import check_csrf, current_user
from .storage import SavedItem, User

router = APIRouter()
STATUSES = ("applied", "invited", "interviewed", "rejected", "withdrawn", "waitlisted")
MAX_ROWS = 400  # the season file's limit of applications
MAX_FIELDS = 2000  # 400 applications x 4 fields, and the page's own


def _name(profile_id: int) -> str:
    return f"profile {profile_id}"


def stored_season(request: Request, user: User, profile_id: int) -> SavedItem | None:
    """The season file kept for this profile (the latest), if any."""
    items = request.app.state.store.list_items(user, "season")
    return next((i for i in items if i.name == _name(profile_id)), None)


def saved_season(request: Request, user: User, profile_id: int) -> Any:
    """The validated season file kept for this profile, or None (for the report)."""
    item = stored_season(request, user, profile_id)
    if item is None:
        return None
    as_of, rows = season_rows(item.content)
    return service.season_from_rows(as_of, rows) if rows else None


def season_rows(text: str | None) -> tuple[str, list[dict[str, Any]]]:
    """as_of and the rows of a stored season file (JSON), for the page's editor."""
    if not text:
        return dt.date.today().isoformat(), []
    data = json.loads(text)
    return data["as_of"], list(data.get("applications", []))


def _keep(request: Request, user: User, profile_id: int, season: Any) -> None:
    """Replace the stored season file of this profile by ``season`` (validated)."""
    store = request.app.state.store
    for item in store.list_items(user, "season"):
        if item.name == _name(profile_id):
            store.delete(user, "season", item.id)
    content = json.dumps(season.model_dump(mode="json", exclude_none=True))
    store.save(user, "season", _name(profile_id), content)


def _context(
    request: Request, user: User, profile_id: int, as_of: str, rows: list[dict[str, Any]]
) -> dict[str, Any]:
    plans = request.app.state.store.list_items(user, "plan")
    return {
        "profile_id": profile_id,
        "as_of": as_of,
        "rows": rows,
        "statuses": STATUSES,
        "plans": [{"id": p.id, "name": p.name, "created": p.created_at} for p in plans],
        "report": None,
        "errors": [],
    }


@router.get("/profiles/{profile_id}/season", response_class=HTMLResponse)
def season_page(request: Request, profile_id: int, user: User = Depends(current_user)) -> Response:
    _, profile = load_saved(request, user, profile_id)
    item = stored_season(request, user, profile_id)
    as_of, rows = season_rows(item.content if item else None)
    context = _context(request, user, profile_id, as_of, rows)
    if rows:
        season = service.season_from_rows(as_of, rows)
        context["report"] = to_jsonable(service.season_for_profile(profile, season))
    return page(request, "season.html", context)


def form_rows(form: Any) -> list[dict[str, str]]:
    """The editor's rows (program_i, status_i, date_i, applied_i) and the new row, if filled."""
    count = str(form.get("rows") or "0")
    rows = []
    for i in range(min(int(count), MAX_ROWS) if count.isdigit() else 0):
        rows.append(
            {k: str(form.get(f"{k}_{i}") or "") for k in ("program", "status", "date", "applied")}
        )
    new = {k: str(form.get(f"new_{k}") or "") for k in ("program", "status", "date", "applied")}
    if new["program"].strip():
        rows.append(new)
    return [r for r in rows if r["program"].strip() and r["status"] != "remove"]


@router.post("/profiles/{profile_id}/season", response_class=HTMLResponse)
async def save_season(
    request: Request, profile_id: int, user: User = Depends(current_user)
) -> Response:
    form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    check_csrf(request, form.get("csrf_token"))
    load_saved(request, user, profile_id)
    as_of, rows = str(form.get("as_of") or ""), form_rows(form)
    try:
        season = service.season_from_rows(as_of, rows)
    except InputError as exc:
        context = _context(request, user, profile_id, as_of, rows)
        context["errors"] = [exc]
        return page(request, "season.html", context, status_code=400)
    _keep(request, user, profile_id, season)
    return RedirectResponse(f"/profiles/{profile_id}/season", status_code=303)


@router.post("/profiles/{profile_id}/season/import", response_class=HTMLResponse)
async def import_plan(
    request: Request, profile_id: int, user: User = Depends(current_user)
) -> Response:
    """Add the programs of a saved plan (as ``applied``) to this profile's season."""
    form = await request.form(max_files=0, max_fields=4)
    check_csrf(request, form.get("csrf_token"))
    load_saved(request, user, profile_id)
    plan_id = str(form.get("plan_id") or "")
    if not plan_id.isdigit():
        raise InputError("choose a saved plan to import", path="plan_id")
    plan = json.loads(request.app.state.store.get(user, "plan", int(plan_id)).content)
    item = stored_season(request, user, profile_id)
    as_of, rows = season_rows(item.content if item else None)
    have = {r["program"] for r in rows}
    codes = [p["code"] for p in plan["plan"]["programs"] if p["code"] not in have]
    rows += [{"program": c, "status": "applied"} for c in codes]
    _keep(request, user, profile_id, service.season_from_rows(as_of, rows))
    return RedirectResponse(f"/profiles/{profile_id}/season", status_code=303)
