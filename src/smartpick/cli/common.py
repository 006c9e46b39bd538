"""What every command shares: the ``--json`` option, rendering, and error handling.

A command parses its options, calls one service function through :func:`run`,
and renders the typed result with a function of its own.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from ..errors import SmartpickError, storage_error
from ..results import percent, to_jsonable

T = TypeVar("T")

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the result as JSON on stdout and nothing else.")
]

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False)


def print_json(value: object) -> None:
    sys.stdout.write(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False) + "\n")


def emit_error(exc: SmartpickError, json_output: bool) -> None:
    """The contract of design.md: JSON error object on stdout, or Error:/Hint: on stderr."""
    if json_output:
        print_json({"error": exc.to_dict()})
        return
    err_console.print(f"Error: {exc.one_line()}", markup=False, soft_wrap=True)
    if exc.hint:
        err_console.print(f"Hint: {exc.hint}", markup=False, soft_wrap=True)


def internal_error(exc: BaseException) -> SmartpickError:
    """Wrap an unexpected exception without showing its message (it may quote a profile);
    a disk or database refusal is said as such (``StorageError``), not as a bug."""
    storage = storage_error(exc)
    if storage is not None:
        return storage
    return SmartpickError(
        f"internal failure ({type(exc).__name__})",
        hint="this is a bug in smartpick; set SMARTPICK_DEBUG=1 to see the traceback",
    )


def run(produce: Callable[[], T], render: Callable[[T], None], json_output: bool) -> T:
    """Call ``produce``; print its result as JSON or with ``render``; map errors to exits."""
    try:
        result = produce()
        if json_output:
            print_json(result)
        else:
            render(result)  # inside: a rendering bug must not show a traceback either
    except SmartpickError as exc:
        emit_error(exc, json_output)
        raise typer.Exit(exc.exit_status) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:
        if os.environ.get("SMARTPICK_DEBUG"):
            raise
        wrapped = internal_error(exc)
        emit_error(wrapped, json_output)
        raise typer.Exit(wrapped.exit_status) from None
    return result


def cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, the last one an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def field(specialty: str) -> str:
    """A specialty as a sentence names it ("internal medicine", "general surgery");
    ``specialties`` is imported on use, so that it stays out of the CLI's start-up."""
    from ..specialties import spoken_name

    return spoken_name(specialty)


def pct(x: float) -> str:
    """The one probability format of every output (``results.percent``)."""
    return percent(x)
