"""The application object: one FastAPI app behind ``smartpick serve``, the tests and the benchmark.

Modes (documented in docs/web.md):

* **local** (default): one implicit user, no login, SQLite under ``$SMARTPICK_HOME``.
* **multi-user**: login required; on when ``SMARTPICK_DATABASE_URL`` is set (e.g. PostgreSQL),
  or forced either way with ``SMARTPICK_MULTI_USER=1|0``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from ..settings import DATABASE_URL_ENV, home_dir
from .errors import CatchAll, install_error_handlers
from .security import BodySizeLimit, SecurityHeaders, TrustedHosts
from .storage import SESSION_SECONDS, Store
from .throttle import LoginThrottle

HERE = Path(__file__).resolve().parent
MULTI_USER_ENV = "SMARTPICK_MULTI_USER"
SECRET_KEY_ENV = "SMARTPICK_SECRET_KEY"
HTTPS_ENV = "SMARTPICK_HTTPS"  # 1: the session cookie is sent over HTTPS only


def multi_user_default() -> bool:
    configured = os.environ.get(MULTI_USER_ENV)
    if configured is not None:
        return configured.strip().lower() in {"1", "true", "yes", "on"}
    return bool(os.environ.get(DATABASE_URL_ENV))


def secret_key() -> str:
    """``$SMARTPICK_SECRET_KEY`` or a random key kept (mode 0600) in the smartpick home."""
    configured = os.environ.get(SECRET_KEY_ENV)
    if configured:
        return configured
    path = home_dir() / "web-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def templates() -> Jinja2Templates:
    """The Jinja2 environment shared by the pages and the HTML/PDF report (autoescaped)."""
    from .render import configure

    env = Jinja2Templates(directory=str(HERE / "templates"))
    configure(env.env)
    return env


def create_app(
    *,
    database_url: str | None = None,
    multi_user: bool | None = None,
    session_secret: str | None = None,
    allowed_hosts: tuple[str, ...] | None = None,
) -> FastAPI:
    """Build the app; ``database_url`` defaults to ``settings.database_url()``, the Host
    allow-list to ``$SMARTPICK_ALLOWED_HOSTS`` or the loopback names."""
    from . import accounts, api, interview, plans, reviews, routes, season

    store = Store(database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()  # return the database connections on shutdown

    app = FastAPI(
        title="smartpick", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.store = store
    app.state.multi_user = multi_user_default() if multi_user is None else multi_user
    app.state.templates = templates()
    app.state.login_throttle = LoginThrottle(store)
    app.add_middleware(CatchAll)
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret or secret_key(),
        same_site="strict",
        session_cookie="smartpick_session",
        max_age=SESSION_SECONDS,
        https_only=os.environ.get(HTTPS_ENV, "").strip() == "1",
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodySizeLimit)
    app.add_middleware(TrustedHosts, hosts=allowed_hosts)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(routes.router)
    app.include_router(api.router)
    app.include_router(accounts.router)
    app.include_router(reviews.router)
    app.include_router(interview.router)
    app.include_router(plans.router)
    app.include_router(season.router)
    return app
