"""``smartpick serve`` (the web app) and ``smartpick report`` (HTML or PDF)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from .common import JsonOption, console, run
from .plan import BudgetUsd, Programs


def serve(
    host: Annotated[
        str,
        typer.Option(help="IP address to bind; the default keeps it on this machine."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option(help="Server processes (e.g. one per core).", min=1, max=64)
    ] = 1,
) -> None:
    """Run the web app (local single-user mode unless SMARTPICK_DATABASE_URL is set)."""
    run(lambda: _serve(host, port, workers), lambda _: None, False)


def _serve(host: str, port: int, workers: int) -> None:
    import uvicorn

    address = bind_address(host)
    _allow_bound_host(address)
    console.print(f"smartpick web app on http://{host}:{port}  (Ctrl+C stops it)", markup=False)
    uvicorn.run(
        "smartpick.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        server_header=False,
    )


def bind_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """``host`` as an IP address (``localhost`` is 127.0.0.1); never a name to look up."""
    if host.strip().lower() == "localhost":
        return ipaddress.ip_address("127.0.0.1")
    try:
        return ipaddress.ip_address(host.strip().strip("[]"))
    except ValueError:
        raise InputError(
            f"--host must be an IP address, got '{host[:60]}'",
            path="host",
            hint="use 127.0.0.1 (this machine only) or the address of one of its interfaces",
        ) from None


def _allow_bound_host(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    """A server bound to one outside address answers requests naming that address (plus the
    loopback names) unless SMARTPICK_ALLOWED_HOSTS says otherwise (docs/web.md)."""
    from ..web.security import ALLOWED_HOSTS_ENV, LOOPBACK_HOSTS

    if os.environ.get(ALLOWED_HOSTS_ENV) or address.is_loopback or address.is_unspecified:
        return
    os.environ[ALLOWED_HOSTS_ENV] = ",".join([*LOOPBACK_HOSTS, str(address)])


def report(
    profile: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="report.html or report.pdf")],
    season: Annotated[
        Path | None,
        typer.Option(
            "--season", help="A season file: adds the season section (smartpick docs season)."
        ),
    ] = None,
    budget_usd: BudgetUsd = None,
    programs: Programs = None,
    json_output: JsonOption = False,
) -> None:
    """Write the report (audit, committee view, plan, what-if, sources) as HTML or PDF."""
    from ..budget import Budget
    from ..web.reports import write_report

    run(
        lambda: write_report(profile, output, season, Budget.from_options(budget_usd, programs)),
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
