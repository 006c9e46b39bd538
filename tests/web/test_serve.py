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


def test_users_add_creates_an_account_that_can_log_in(cli, database_url, monkeypatch):
    from smartpick.web.storage import Store

    monkeypatch.setenv("SMARTPICK_DATABASE_URL", database_url)
    result = cli("users", "add", "dana", "--password", "long password", "--json")
    assert result.exit_code == 0, result.stdout
    assert Store(database_url).authenticate("dana", "long password").username == "dana"
    again = cli("users", "add", "dana", "--password", "long password", "--json")
    assert again.exit_code == 2
    assert "taken" in again.stdout
