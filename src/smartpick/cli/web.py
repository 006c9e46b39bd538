"""``smartpick serve`` (the web app) and ``smartpick report`` (HTML or PDF)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import JsonOption, console, run


def serve(
    host: Annotated[
        str, typer.Option(help="Address to bind; the default keeps it on this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes (e.g. one per core).")] = 1,
) -> None:
    """Run the web app (local single-user mode unless SMARTPICK_DATABASE_URL is set)."""
    import uvicorn

    console.print(f"smartpick web app on http://{host}:{port}  (Ctrl+C stops it)", markup=False)
    uvicorn.run(
        "smartpick.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=max(1, workers),
        log_level="info",
        server_header=False,
    )


def report(
    profile: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="report.html or report.pdf")],
    season: Annotated[
        Path | None,
        typer.Option("--season", help="A season file: adds the season section (docs/season.md)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Write the report (audit, committee view, plan, what-if, sources) as HTML or PDF."""
    from ..web.reports import write_report

    run(
        lambda: write_report(profile, output, season),
        lambda written: console.print(
            f"Wrote {written.format.upper()} report: {written.path} ({written.bytes:,} bytes)",
            markup=False,
        ),
        json_output,
    )


def users_add(
    username: Annotated[str, typer.Argument(help="The new account's user name.")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            help="At least 8 characters (asked for when not given).",
        ),
    ],
    json_output: JsonOption = False,
) -> None:
    """Create an account for multi-user mode (in SMARTPICK_DATABASE_URL's database)."""
    from ..web.storage import Store

    run(
        lambda: Store().create_user(username, password),
        lambda user: console.print(f"Created user {user.username} (id {user.id})", markup=False),
        json_output,
    )


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(report)
    users = typer.Typer(help="Accounts of the multi-user web app.", no_args_is_help=True)
    users.command("add")(users_add)
    app.add_typer(users, name="users")
