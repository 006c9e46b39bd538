"""Plan pages: the list to apply to under a budget, its P(match)-versus-budget plot; saved plans."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import service
from ..budget import Budget
from ..results import to_jsonable
from .plots import plan_curve_png
from .profiles import load_saved
from .render import page
from .security import check_csrf, current_user
from .storage import User

router = APIRouter()


def form_budget(budget_usd: float | None) -> Budget | None:
    """The page's ``budget_usd`` as a budget (None: the profile's), checked like every budget."""
    return Budget.from_options(budget_usd, None, "form")


def plan_context(plan: Any) -> dict[str, Any]:
    """What the plan partial needs: the plan (JSON-able) and its plot (a data URI)."""
    return {"plan": to_jsonable(plan), "plot": plan_curve_png(plan)}


def _budget_shown(plan: dict[str, Any]) -> int:
    """The budget in USD the page's field shows: the plan's, or its cost for a count budget."""
    budget = Budget(plan["budget_unit"], plan["budget"])
    return int(budget.pick(usd=plan["budget"], programs=plan["totals"]["cost"]["total_usd"]))


@router.get("/profiles/{profile_id}/plan", response_class=HTMLResponse)
def plan_page(
    request: Request,
    profile_id: int,
    budget_usd: float | None = None,
    spend_all: bool = False,
    user: User = Depends(current_user),
) -> Response:
    budget = form_budget(budget_usd)
    _, profile = load_saved(request, user, profile_id)
    context = plan_context(service.plan_for_profile(profile, budget, spend_all=spend_all))
    context.update(
        profile_id=profile_id,
        saved_id=None,
        budget_usd=_budget_shown(context["plan"]),
        spend_all=spend_all,
    )
    return page(request, "plan.html", context)


@router.post("/profiles/{profile_id}/plan/save")
async def save_plan(
    request: Request,
    profile_id: int,
    budget_usd: float | None = None,
    user: User = Depends(current_user),
) -> Response:
    form = await request.form(max_files=0, max_fields=2)
    check_csrf(request, form.get("csrf_token"))
    budget = form_budget(budget_usd)
    _, profile = load_saved(request, user, profile_id)
    content = json.dumps(
        {"profile_id": profile_id, **plan_context(service.plan_for_profile(profile, budget))}
    )
    saved = request.app.state.store.save(user, "plan", f"profile {profile_id}", content)
    return RedirectResponse(f"/plans/{saved.id}", status_code=303)


@router.get("/plans/{plan_id}", response_class=HTMLResponse)
def saved_plan(request: Request, plan_id: int, user: User = Depends(current_user)) -> Response:
    stored = json.loads(request.app.state.store.get(user, "plan", plan_id).content)
    plan = stored["plan"]
    context = {
        "plan": plan,
        "plot": stored.get("plot"),
        "profile_id": stored["profile_id"],
        "saved_id": plan_id,
        "budget_usd": _budget_shown(plan),
    }
    return page(request, "plan.html", context)


@router.get("/profiles/{profile_id}/whatif", response_class=HTMLResponse)
def whatif_page(
    request: Request,
    profile_id: int,
    budget_usd: float | None = None,
    user: User = Depends(current_user),
) -> Response:
    budget = form_budget(budget_usd)
    _, profile = load_saved(request, user, profile_id)
    whatif = to_jsonable(service.whatif_for_profile(profile, budget))
    return page(request, "whatif.html", {"whatif": whatif, "profile_id": profile_id})
