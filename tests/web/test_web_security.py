"""Requests from foreign sites: the Host allow-list answers 400 to a DNS-rebinding page."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from smartpick.web import create_app
from smartpick.web.security import host_name

CLEAN = Path(__file__).resolve().parents[2] / "examples" / "clean.yaml"


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.delenv("SMARTPICK_ALLOWED_HOSTS")  # the default allow-list: loopback only
    return create_app(database_url=f"sqlite:///{tmp_path / 'web.db'}", multi_user=False)


@pytest.mark.parametrize("host", ["127.0.0.1:8133", "localhost:8000", "[::1]:8000", "localhost"])
def test_loopback_names_are_served(app, host):
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/", headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example:8133", "evil.example", "127.0.0.1.evil.example", "", "[::2]:80"]
)
def test_a_foreign_host_gets_400_even_for_a_saved_profile(app, host):
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/profiles/1/profile.yaml", headers={"host": host}).status_code == 400
        assert client.get("/static/style.css", headers={"host": host}).status_code == 400


def test_the_allow_list_is_configurable(tmp_path, monkeypatch):
    monkeypatch.setenv("SMARTPICK_ALLOWED_HOSTS", "smartpick.example.org")
    app = create_app(database_url=f"sqlite:///{tmp_path / 'web.db'}", multi_user=False)
    with TestClient(app, base_url="http://smartpick.example.org") as client:
        assert client.get("/").status_code == 200
        assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 400


@pytest.mark.parametrize(
    ("header", "name"),
    [("[::1]:8000", "::1"), ("LocalHost:80", "localhost"), ("::1", "::1"), ("a.b", "a.b")],
)
def test_host_name_drops_the_port(header, name):
    assert host_name(header) == name


@pytest.mark.parametrize(
    ("method", "url", "form"),
    [
        ("get", "/profiles/9223372036854775808/audit", None),
        ("get", "/profiles/99999999999999999999/plan", None),
        ("get", "/plans/9223372036854775808", None),
        ("post", "/profiles/1/interview", {"q": "abc", "answer": "I learned."}),
        ("post", "/profiles/1/interview", {"q": "100000", "answer": "I learned."}),
        ("post", "/review", {"profile_id": "abc", "kind": "letter", "text": "She is kind."}),
    ],
)
def test_values_that_do_not_parse_are_input_errors_not_500(app, method, url, form):
    import re

    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text).group(1)
        upload = client.post(
            "/profile/upload",
            files={"file": ("p.yaml", CLEAN.read_bytes(), "application/yaml")},
            data={"csrf_token": token},
            follow_redirects=False,
        )
        assert upload.headers["location"] == "/profiles/1/audit"
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, data={**form, "csrf_token": token})
        assert response.status_code in {400, 404}, response.status_code


def _token(client: TestClient, path: str) -> str:
    import re

    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found, path
    return found.group(1)


def _account(client: TestClient, name: str, password: str, path: str = "/login"):
    form = {"username": name, "password": password, "csrf_token": _token(client, path)}
    return client.post(path, data=form, follow_redirects=False)


@pytest.fixture
def accounts_app(tmp_path, monkeypatch):
    monkeypatch.delenv("SMARTPICK_ALLOWED_HOSTS")
    return create_app(database_url=f"sqlite:///{tmp_path / 'web.db'}", multi_user=True)


def test_the_eleventh_wrong_login_in_a_row_gets_429_and_no_password_check(accounts_app):
    with TestClient(accounts_app, base_url="http://127.0.0.1") as client:
        assert _account(client, "dana", "correct horse", "/register").status_code == 303
        client.post("/logout", data={"csrf_token": _token(client, "/")})
        codes = [_account(client, "dana", f"wrong {i}").status_code for i in range(11)]
        assert codes == [401] * 10 + [429]
        blocked = _account(client, "dana", "correct horse")  # even the right one, for now
        assert blocked.status_code == 429
        assert "too many failed logins" in blocked.text
        assert "Try again in 15 minutes." in blocked.text


def test_failed_logins_are_counted_across_server_processes(tmp_path, monkeypatch):
    """Two apps on one database stand for two server processes: failures seen by one count
    in the other (they used to be counted per process)."""
    monkeypatch.delenv("SMARTPICK_ALLOWED_HOSTS")
    url = f"sqlite:///{tmp_path / 'web.db'}"
    first, second = (create_app(database_url=url, multi_user=True) for _ in range(2))
    with (
        TestClient(first, base_url="http://127.0.0.1") as one,
        TestClient(second, base_url="http://127.0.0.1") as two,
    ):
        assert _account(one, "fran", "correct horse", "/register").status_code == 303
        one.post("/logout", data={"csrf_token": _token(one, "/")})
        clients = [one, two] * 5
        codes = [_account(c, "fran", f"wrong {i}").status_code for i, c in enumerate(clients)]
        assert codes == [401] * 10
        assert _account(one, "fran", "correct horse").status_code == 429
        assert _account(two, "fran", "correct horse").status_code == 429


def test_the_throttle_forgets_failures_after_its_window(database_url):
    from smartpick.web.storage import Store
    from smartpick.web.throttle import LoginThrottle, TooManyAttemptsError

    store = Store(database_url)
    try:
        throttle = LoginThrottle(store, limit=3, window=60.0)
        keys = ["user:gale", "addr:10.0.0.7"]
        for t in (0.0, 10.0, 20.0):
            throttle.check(keys, now=t)
            throttle.failed(keys, now=t)
        with pytest.raises(TooManyAttemptsError, match="too many failed logins"):
            throttle.check(keys, now=30.0)
        throttle.check(["user:other", "addr:10.0.0.8"], now=30.0)  # other keys are free
        throttle.check(keys, now=60.5)  # the first failure has left the window
        throttle.failed(keys, now=61.0)
        with pytest.raises(TooManyAttemptsError):
            throttle.check(keys, now=62.0)
        throttle.succeeded(keys)
        throttle.check(keys, now=62.0)
    finally:
        store.close()


def test_logout_ends_the_session_for_a_copied_cookie_too(accounts_app):
    with TestClient(accounts_app, base_url="http://127.0.0.1") as client:
        assert _account(client, "erin", "correct horse", "/register").status_code == 303
        copied = dict(client.cookies)
        assert client.get("/", follow_redirects=False).status_code == 200
        client.post("/logout", data={"csrf_token": _token(client, "/")})
    with TestClient(accounts_app, base_url="http://127.0.0.1", cookies=copied) as thief:
        assert thief.get("/", follow_redirects=False).headers["location"] == "/login"


def test_the_csrf_token_changes_at_login(accounts_app):
    with TestClient(accounts_app, base_url="http://127.0.0.1") as client:
        before = _token(client, "/register")
        form = {"username": "finn", "password": "correct horse", "csrf_token": before}
        assert client.post("/register", data=form, follow_redirects=False).status_code == 303
        assert _token(client, "/") != before
