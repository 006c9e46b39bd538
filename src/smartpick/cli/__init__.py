"""The ``smartpick`` command line: thin commands over the service layer.

Each command group lives in its own module and registers itself on ``app``.
"""

from __future__ import annotations

import gc

import typer

from .usage import ContractGroup

app = typer.Typer(
    cls=ContractGroup,  # an unparsable option value: one Error/Hint line, exit 2 (usage.py)
    name="smartpick",
    help="Red-flag audit, chances and application plans for IMGs applying to US residency "
    "(NRMP Main Match). Runs offline; nothing leaves this machine.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


__all__ = ["app", "main"]


def _register_commands() -> None:
    """Each command module defines ``register(app)``; the order is the help's order."""
    from . import audit, chances, glossary, manual, market, plan, programs, season, texts, web

    modules = (audit, web, programs, chances, texts, plan, market, season, glossary, manual)
    for module in modules:
        module.register(app)


_register_commands()


def main() -> None:
    # The modules just imported live as long as the command: the garbage collector need
    # never scan them again (about 0.03 s of collections saved per run of `plan`).
    gc.freeze()
    app()
