"""Storage and isolation, against SQLite and a real PostgreSQL server (fixture `database_url`)."""

from __future__ import annotations

import pytest

from smartpick.errors import InputError, NotFoundError
from smartpick.web.storage import AuthenticationError, Store


@pytest.fixture
def store(database_url: str):
    store = Store(database_url)
    yield store
    store.close()


def test_passwords_are_hashed_and_checked(store: Store):
    user = store.create_user("alice", "correct horse")
    assert store.authenticate("alice", "correct horse") == user
    with pytest.raises(AuthenticationError):
        store.authenticate("alice", "wrong password")
    with pytest.raises(AuthenticationError):
        store.authenticate("nobody", "correct horse")
    from sqlalchemy import text

    with store.engine.connect() as conn:
        stored = conn.execute(text("select password_hash from web_users")).scalar_one()
    assert "correct horse" not in stored and stored.startswith("$argon2")


@pytest.mark.parametrize(
    ("username", "password", "path"),
    [
        ("al", "long enough", "username"),
        ("bad name!", "long enough", "username"),
        ("local", "long enough", "username"),
        ("carol", "short", "password"),
    ],
)
def test_bad_accounts_are_refused(store: Store, username: str, password: str, path: str):
    with pytest.raises(InputError) as info:
        store.create_user(username, password)
    assert info.value.path == path


def test_duplicate_user_name_is_refused(store: Store):
    store.create_user("alice", "correct horse")
    with pytest.raises(InputError, match="taken"):
        store.create_user("alice", "another password")


@pytest.mark.parametrize("kind", ["profile", "plan", "review"])
def test_one_user_gets_404_for_another_users_items(store: Store, kind):
    alice = store.create_user("alice", "correct horse")
    bob = store.create_user("bob", "battery staple")
    item = store.save(alice, kind, "mine", "season: 2028\n")
    assert store.get(alice, kind, item.id).content == "season: 2028\n"
    with pytest.raises(NotFoundError) as info:
        store.get(bob, kind, item.id)
    assert info.value.http_status == 404
    assert store.list_items(bob, kind) == []
    with pytest.raises(NotFoundError):
        store.delete(bob, kind, item.id)
    assert [i.id for i in store.list_items(alice, kind)] == [item.id]


def test_an_item_of_one_kind_is_not_found_as_another(store: Store):
    alice = store.create_user("alice", "correct horse")
    item = store.save(alice, "profile", "p", "x")
    with pytest.raises(NotFoundError):
        store.get(alice, "plan", item.id)


def test_local_user_is_stable_and_cannot_log_in(store: Store):
    assert store.local_user() == store.local_user()
    with pytest.raises(AuthenticationError):
        store.authenticate("local", "!")


def test_delete_removes_only_that_item(store: Store):
    alice = store.create_user("alice", "correct horse")
    first = store.save(alice, "profile", "a", "1")
    second = store.save(alice, "profile", "b", "2")
    store.delete(alice, "profile", first.id)
    assert [i.id for i in store.list_items(alice, "profile")] == [second.id]


def test_server_processes_starting_together_share_one_local_user(tmp_path):
    # Regression: two `smartpick serve --workers 2` processes raced to create the tables and
    # the local user on a fresh home, and the first requests failed with a 500. Eight stores
    # (each its own engine, as each server process has) start at the same instant.
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    url = f"sqlite:///{tmp_path / 'race.db'}"
    barrier = Barrier(8)

    def local_user_id(_: int) -> int:
        barrier.wait()
        store = Store(url)
        try:
            return store.local_user().id
        finally:
            store.close()

    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(local_user_id, range(8)))
    assert len(set(ids)) == 1
