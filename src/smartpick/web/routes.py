"""The pages. Each route parses its input, calls one service function, renders a template."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import service
from ..citations import glossary
from ..errors import InputError
from ..profile import Profile
from ..results import to_jsonable
from . import forms
from .profiles import (
    all_problems,
    load_saved,
    profile_from_upload,
    profile_text_from_form,
    save_profile,
)
from .render import page
from .season import saved_season
from .security import check_csrf, current_user
from .storage import User

router = APIRouter()


def form_page(
    request: Request,
    values: dict[str, str],
    errors: Sequence[InputError] = (),
    status_code: int = 200,
) -> HTMLResponse:
    context: dict[str, Any] = {
        "values": values,
        "scalar_sections": forms.scalar_sections(),
        "list_sections": forms.list_sections(),
        "rows": forms.row_counts(values),
        "errors": list(errors),
        "field_errors": {forms.field_name(e.path): e for e in reversed(errors) if e.path},
    }
    return page(request, "profile.html", context, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def new_profile(request: Request, user: User = Depends(current_user)) -> Response:
    return form_page(request, {})


@router.post("/profile", response_class=HTMLResponse)
async def submit_profile(request: Request, user: User = Depends(current_user)) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf_token"))
    doc = forms.document_from_form(form)
    try:
        text = profile_text_from_form(doc)
    except InputError as exc:
        values = {k: str(v) for k, v in form.items() if k != "csrf_token"}
        return form_page(request, values, all_problems(doc) or [exc], status_code=400)
    saved = save_profile(request, user, text)
    return RedirectResponse(f"/profiles/{saved.id}/audit", status_code=303)


@router.post("/profile/upload", response_class=HTMLResponse)
async def upload_profile(request: Request, user: User = Depends(current_user)) -> Response:
    async with request.form(max_files=1, max_fields=10) as form:  # closes the upload
        check_csrf(request, form.get("csrf_token"))
        try:
            text = await profile_from_upload(form.get("file"), form.get("text"))
        except InputError as exc:
            return form_page(request, {}, [exc], status_code=400)
        upload = form.get("file")
        file_name = getattr(upload, "filename", None) or None
    saved = save_profile(request, user, text, file_name)
    return RedirectResponse(f"/profiles/{saved.id}/audit", status_code=303)


@router.get("/glossary", response_class=HTMLResponse)
def glossary_page(request: Request, user: User = Depends(current_user)) -> Response:
    return page(request, "glossary.html", {"glossary": glossary()})


@router.get("/docs", response_class=HTMLResponse)
def manual_index(request: Request, user: User = Depends(current_user)) -> Response:
    return page(request, "manual.html", {"pages": service.manual_pages(), "page": None})


@router.get("/docs/{topic}", response_class=HTMLResponse)
def manual_page(request: Request, topic: str, user: User = Depends(current_user)) -> Response:
    found = service.manual_page(topic)
    return page(request, "manual.html", {"page": found, "html": service.manual_html(found)})


@router.get("/profiles", response_class=HTMLResponse)
def list_profiles(request: Request, user: User = Depends(current_user)) -> Response:
    items = request.app.state.store.list_items(user, "profile")
    return page(request, "profiles.html", {"items": items})


@router.get("/profiles/{profile_id}", response_class=HTMLResponse)
def edit_profile(request: Request, profile_id: int, user: User = Depends(current_user)) -> Response:
    _, profile = load_saved(request, user, profile_id)
    return form_page(request, forms.form_values(_document(profile)))


@router.get("/profiles/{profile_id}/profile.yaml")
def download_profile(
    request: Request, profile_id: int, user: User = Depends(current_user)
) -> Response:
    item, _ = load_saved(request, user, profile_id)
    headers = {"content-disposition": f'attachment; filename="profile-{profile_id}.yaml"'}
    return Response(item.content, media_type="application/yaml", headers=headers)


def _document(profile: Profile) -> dict[str, Any]:
    return profile.model_dump(mode="json", exclude_none=True)


@router.get("/profiles/{profile_id}/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    profile_id: int,
    specialty: str | None = None,
    user: User = Depends(current_user),
) -> Response:
    _, profile = load_saved(request, user, profile_id)
    audit = to_jsonable(service.audit_profile(profile, specialty or None))
    targets = [profile.targets.primary, *profile.targets.backups]
    context = {"audit": audit, "profile_id": profile_id, "specialties": targets}
    return page(request, "audit.html", context)


@router.get("/profiles/{profile_id}/report.html", response_class=HTMLResponse)
def report_html(request: Request, profile_id: int, user: User = Depends(current_user)) -> Response:
    from .reports import render_report_html, report_csp

    _, profile = load_saved(request, user, profile_id)
    html = render_report_html(profile, season=saved_season(request, user, profile_id))
    return HTMLResponse(html, headers={"content-security-policy": report_csp(html)})


@router.get("/profiles/{profile_id}/report.pdf")
def report_pdf(request: Request, profile_id: int, user: User = Depends(current_user)) -> Response:
    from .reports import render_report_pdf

    _, profile = load_saved(request, user, profile_id)
    headers = {"content-disposition": f'attachment; filename="smartpick-report-{profile_id}.pdf"'}
    season = saved_season(request, user, profile_id)
    return Response(
        render_report_pdf(profile, season), media_type="application/pdf", headers=headers
    )


@router.get("/profiles/{profile_id}/chances", response_class=HTMLResponse)
def chances_page(
    request: Request,
    profile_id: int,
    specialty: str | None = None,
    user: User = Depends(current_user),
) -> Response:
    _, profile = load_saved(request, user, profile_id)
    chances = to_jsonable(service.chances_for_profile(profile, specialty or None))
    targets = ["", profile.targets.primary, *profile.targets.backups]
    context = {"chances": chances, "profile_id": profile_id, "specialties": targets}
    return page(request, "chances.html", context)
