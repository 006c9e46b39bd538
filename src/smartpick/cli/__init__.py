"""The ``smartpick`` command line: thin commands over the service layer.

Each command group lives in its own module and registers itself on ``app``.
"""

from __future__ import annotations

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


def _register_commands() -> None:
    # One line per command module; each defines ``register(app)``.
    from . import audit

    audit.register(app)
    from . import web

    web.register(app)
    from . import programs

    programs.register(app)
    from . import chances

    chances.register(app)
    from . import texts

    texts.register(app)
    from . import plan

    plan.register(app)
    from . import market

    market.register(app)


_register_commands()


def main() -> None:
    app()
