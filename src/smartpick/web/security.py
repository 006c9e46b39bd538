"""Request safety: body size limit, security headers, CSRF tokens, the current user."""

from __future__ import annotations

import hmac
import os
import secrets
from typing import Any

from fastapi import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import MAX_INPUT_BYTES, InputError, SmartpickError, check_size
from .storage import User

ALLOWED_HOSTS_ENV = "SMARTPICK_ALLOWED_HOSTS"
MULTIPART_OVERHEAD_BYTES = 64_000
DRAIN_LIMIT_BYTES = 64_000_000  # past this the connection is simply closed
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class LoginRequiredError(SmartpickError):
    """Multi-user mode and nobody logged in (pages redirect to /login, the API says 401)."""

    exit_status = 2
    http_status = 401


class CsrfError(InputError):
    """A form came without this session's CSRF token."""

    http_status = 403


class BodySizeLimit:
    """Refuse request bodies over 1 MB (plus multipart framing) while they stream in.

    The rest of an oversized body is read and dropped (up to a bound) so the browser
    gets the error page rather than a reset connection; nothing of it is kept.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_INPUT_BYTES + MULTIPART_OVERHEAD_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                more = message.get("more_body", False)
                while more and received < DRAIN_LIMIT_BYTES:
                    message = await receive()
                    received += len(message.get("body", b""))
                    more = message.get("more_body", False)
                check_size(received, path="upload")
            return message

        await self.app(scope, limited_receive, send)


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def allowed_hosts() -> tuple[str, ...]:
    """``$SMARTPICK_ALLOWED_HOSTS`` (comma-separated names or addresses), else the loopback
    names: a page on another site that rebinds its DNS name to 127.0.0.1 is refused."""
    configured = os.environ.get(ALLOWED_HOSTS_ENV, "")
    names = tuple(h.strip().lower() for h in configured.split(",") if h.strip())
    return names or LOOPBACK_HOSTS


def host_name(header: str) -> str:
    """The host of a Host header without its port (``[::1]:8000`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class TrustedHosts:
    """Answer 400 to a request whose Host header names no allowed host (DNS rebinding)."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...] | None = None):
        self.app = app
        self.hosts = frozenset(hosts or allowed_hosts())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in {"http", "websocket"} and not self._allowed(scope):
            response = PlainTextResponse("Invalid host header", status_code=400)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        headers = dict(scope.get("headers") or [])
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        return "*" in self.hosts or host in self.hosts


class SecurityHeaders:
    """A strict Content-Security-Policy and friends on every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name == b"content-security-policy" for name, _ in headers):
                    headers.append((b"content-security-policy", CSP.encode()))  # a page's own
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_token(request: Request) -> str:
    """This session's CSRF token (created on first use), for hidden form fields."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def check_csrf(request: Request, submitted: Any) -> None:
    expected = request.session.get("csrf")
    if (
        not expected
        or not isinstance(submitted, str)
        or not hmac.compare_digest(expected, submitted)
    ):
        raise CsrfError(
            "this form has expired or did not come from this site",
            path="csrf_token",
            hint="reload the page and submit the form again",
        )


def current_user(request: Request) -> User:
    """The logged-in user (multi-user mode) or the implicit local user."""
    store = request.app.state.store
    if not request.app.state.multi_user:
        user = getattr(request.app.state, "local_user", None)
        if user is None:
            user = request.app.state.local_user = store.local_user()
        return user
    token = request.session.get("sid")
    user = store.session_user(token) if isinstance(token, str) else None
    if user is None:  # never logged in, logged out (here or elsewhere), or expired
        raise LoginRequiredError("please log in", hint="open /login")
    return user
