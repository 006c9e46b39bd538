"""Text review in the web app: highlighting, the form, storage per user."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from smartpick.web import create_app
from smartpick.web.reviews import highlight

TEXT = (Path(__file__).resolve().parent / "data" / "explanation.txt").read_text()


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], [("abcdef", 0)]),
        ([(1, 3)], [("a", 0), ("bc", 1), ("def", 0)]),
        ([(0, 2), (4, 6)], [("ab", 1), ("cd", 0), ("ef", 1)]),
        ([(1, 4), (2, 3)], [("a", 0), ("bcd", 2), ("ef", 0)]),  # nested: one mark, two findings
        ([(4, 99)], [("abcd", 0), ("ef", 1)]),  # clipped to the text
    ],
)
def test_highlight_segments(spans, expected):
    findings = [{"span": list(span), "message": "m"} for span in spans]
    segments = highlight("abcdef", findings)
    assert [(s.text, len(s.findings)) for s in segments] == expected
    assert "".join(s.text for s in segments) == "abcdef"


def csrf(client: TestClient, path: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def post_review(client: TestClient, **fields: str):
    data = {"csrf_token": csrf(client, "/review"), "kind": "additional-info", **fields}
    return client.post("/review", data=data, follow_redirects=False)


@pytest.fixture
def client(tmp_path):
    app = create_app(database_url=f"sqlite:///{tmp_path / 'r.db'}", multi_user=False)
    with TestClient(app) as client:
        yield client


def test_review_highlights_findings_and_escapes_the_text(client: TestClient):
    text = TEXT + "\n<b>bold</b>"
    response = post_review(client, text=text, flag="exam-failure")
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    marks = re.findall(r'<mark class="finding"[^>]*>(.*?)</mark>', page, re.S)
    assert marks and all(html.unescape(mark) in text for mark in marks)
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page


@pytest.mark.parametrize(
    ("fields", "expected"),
    [({"text": "   "}, "the text is empty"), ({"text": "ok", "kind": "poem"}, "unknown kind")],
)
def test_bad_review_input_is_a_400_on_the_form(client, fields, expected):
    response = post_review(client, **fields)
    assert response.status_code == 400
    assert expected in response.text


def test_reviews_are_per_user(database_url: str):
    app = create_app(database_url=database_url, multi_user=True)
    with TestClient(app) as alice, TestClient(app) as bob:
        for client, name in ((alice, "alice"), (bob, "bob")):
            client.post(
                "/register",
                data={
                    "username": name,
                    "password": "long password",
                    "csrf_token": csrf(client, "/register"),
                },
            )
        location = post_review(alice, text=TEXT).headers["location"]
        assert alice.get(location).status_code == 200
        assert bob.get(location).status_code == 404


def test_empty_interview_answer_is_a_400_on_the_practice_page(client: TestClient):
    example = (Path(__file__).resolve().parent / "data" / "example-profile.yaml").read_bytes()
    token = csrf(client, "/")
    location = client.post(
        "/profile/upload",
        data={"csrf_token": token},
        files={"file": ("p.yaml", example)},
        follow_redirects=False,
    )
    practice = location.headers["location"].replace("/audit", "/interview")
    response = client.post(practice, data={"csrf_token": token, "q": "0", "answer": "  "})
    assert response.status_code == 400
    assert "the answer is empty" in response.text
