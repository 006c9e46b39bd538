"""An option value the command line cannot parse (``--programs abc``, ``--seed x``) follows
the same contract as every other input error: one ``Error:`` line naming the option and
one ``Hint:`` line on stderr, or only the error object on stdout with ``--json``; exit 2.

Without this, the parser printed its own three-line usage block, and nothing on stdout
with ``--json``. Unknown options, missing arguments and ``--help`` keep the parser's
own usage text (exit 2 / 0).
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from ..errors import InputError
from .common import emit_error


class ContractGroup(TyperGroup):
    """The ``smartpick`` group: a value that does not parse is a smartpick input error."""

    def invoke(self, ctx: Any) -> Any:
        args = [*getattr(ctx, "_protected_args", []), *ctx.args]  # before they are consumed
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            error = value_error(exc)
            emit_error(error, "--json" in args)
            raise typer.Exit(error.exit_status) from None


def value_error(exc: typer.BadParameter) -> InputError:
    """The parser's error as an InputError whose path is the option's name."""
    param = exc.param
    name = getattr(param, "name", None) or "command line"
    flag = (getattr(param, "opts", None) or [name])[0]
    command = exc.ctx.command_path if exc.ctx is not None else "smartpick"
    message = exc.message or exc.format_message()  # a missing argument has no message
    return InputError(
        f"invalid value for {flag}: {message}" if exc.message else message,
        path=name,
        hint=f"see: {command} --help",
    )
