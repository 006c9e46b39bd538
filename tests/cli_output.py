"""Run the real command line in-process and read what a user would see (shared by tests)."""

from __future__ import annotations

import json
from functools import cache


@cache
def output_at_width(columns: int, *args: str) -> str:
    """The rich output at a terminal width of ``columns`` (in-process, like the ``cli`` fixture)."""
    from typer.testing import CliRunner

    from smartpick.cli import app
    from smartpick.cli.common import console

    saved = console.width
    console.width = columns
    try:
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    finally:
        console.width = saved
    assert result.exit_code == 0, result.stderr
    return result.stdout


@cache
def json_output(*args: str) -> dict:
    """The ``--json`` result of a command that must succeed."""
    from typer.testing import CliRunner

    from smartpick.cli import app

    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stdout
    return json.loads(result.stdout)
