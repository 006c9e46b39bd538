"""One error handler for the whole app: an HTML page or JSON, from the smartpick error tree.

Messages come from the error itself (never the profile's content); an unexpected
exception becomes a generic 500 that names only its type.
"""

from __future__ import annotations

import logging
import os

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from ..errors import InputError, SmartpickError, storage_error
from .security import LoginRequiredError

log = logging.getLogger("smartpick.web")


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, exc: SmartpickError) -> Response:
    if isinstance(exc, LoginRequiredError) and not wants_json(request):
        return RedirectResponse("/login", status_code=303)
    if wants_json(request):
        return JSONResponse({"error": exc.to_dict()}, status_code=exc.http_status)
    from .render import page

    return page(request, "error.html", {"error": exc}, status_code=exc.http_status)


async def _smartpick_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SmartpickError)
    return error_response(request, exc)


async def _request_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query"))
    # the input value is never echoed: it may be part of a profile
    return error_response(
        request, InputError(str(first.get("msg", "invalid request")), path=where or None)
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    error = SmartpickError(str(exc.detail) if status < 500 else "internal failure")
    error.http_status = status
    return error_response(request, error)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("internal failure on %s (%s)", request.url.path, type(exc).__name__)
    error = storage_error(exc) or SmartpickError(
        f"internal failure ({type(exc).__name__})",
        hint="this is a bug in smartpick; nothing you entered is shown or logged",
    )
    return error_response(request, error)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SmartpickError, _smartpick_error)
    app.add_exception_handler(RequestValidationError, _request_validation)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


class CatchAll:
    """Turn any unexpected exception into the generic error response, never a traceback.

    Only the exception's type is logged: its message or locals may quote a profile.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if os.environ.get("SMARTPICK_DEBUG"):
                raise
            log.error("internal failure on %s (%s)", scope.get("path"), type(exc).__name__)
            if started:
                return
            request = Request(scope, receive)
            response = await _unexpected(request, exc)
            await response(scope, receive, send)
