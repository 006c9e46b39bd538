"""`smartpick serve` binds to loopback unless told otherwise."""

from __future__ import annotations

import inspect

from smartpick.cli.web import serve


def test_serve_binds_to_loopback_by_default():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_serve_is_documented_with_its_default(cli):
    result = cli("serve", "--help")
    assert result.exit_code == 0
    assert "127.0.0.1" in result.stdout
