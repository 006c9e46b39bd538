"""Login, logout and registration (multi-user mode only; local mode has no accounts)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..errors import InputError, NotFoundError
from .render import page
from .security import check_csrf
from .storage import AuthenticationError, User

router = APIRouter()
REGISTRATION_ENV = "SMARTPICK_OPEN_REGISTRATION"


def _require_multi_user(request: Request) -> None:
    if not request.app.state.multi_user:
        raise NotFoundError("accounts exist only in multi-user mode", hint="open /")


def _login_session(request: Request, user: User) -> None:
    """A fresh session (no fixation; a new CSRF token on the next page) tied to a server-side
    login that logout ends."""
    request.session.clear()
    token = request.app.state.store.open_session(user)
    request.session.update({"sid": token, "user_id": user.id, "username": user.username})


def _throttle_keys(request: Request, username: str) -> list[str]:
    address = request.client.host if request.client else "unknown"
    return [f"user:{username.strip().lower()[:80]}", f"addr:{address}"]


async def _sign_in(request: Request, mode: str, account: Callable[[str, str], Any]) -> Response:
    """Read the login/register form, call the store, then log in or show the error."""
    form = await request.form(max_files=0, max_fields=5)
    check_csrf(request, form.get("csrf_token"))
    username = str(form.get("username", ""))
    keys, throttle = _throttle_keys(request, username), request.app.state.login_throttle
    try:
        throttle.check(keys)
        user = await run_in_threadpool(account, username, str(form.get("password", "")))
    except InputError as exc:
        if isinstance(exc, AuthenticationError):
            throttle.failed(keys)
        context = {"mode": mode, "error": exc}
        return page(request, "login.html", context, status_code=exc.http_status)
    throttle.succeeded(keys)
    _login_session(request, user)
    return RedirectResponse("/", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    _require_multi_user(request)
    return page(request, "login.html", {"mode": "login", "error": None})


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    _require_multi_user(request)
    return await _sign_in(request, "login", request.app.state.store.authenticate)


def _require_registration(request: Request) -> None:
    _require_multi_user(request)
    if os.environ.get(REGISTRATION_ENV, "1").strip().lower() in {"0", "false", "no", "off"}:
        raise NotFoundError("registration is closed here", hint="ask your adviser for an account")


@router.get("/register", response_class=HTMLResponse)
def register_form(request: Request) -> Response:
    _require_registration(request)
    return page(request, "login.html", {"mode": "register", "error": None})


@router.post("/register", response_class=HTMLResponse)
async def register(request: Request) -> Response:
    _require_registration(request)
    return await _sign_in(request, "register", request.app.state.store.create_user)


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=2)
    check_csrf(request, form.get("csrf_token"))
    token = request.session.get("sid")
    if isinstance(token, str):
        request.app.state.store.close_session(token)  # a copied cookie stops working too
    request.session.clear()
    return RedirectResponse("/login" if request.app.state.multi_user else "/", status_code=303)
