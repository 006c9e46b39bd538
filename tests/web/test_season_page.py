"""The season page through HTTP (in-process): add a program, mark an invite, import a plan,
refuse a bad row without storing it."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from smartpick.web import create_app

PROFILE_YAML = (
    "season: 2027\ncitizenship: non-us\nvisa: j1\n"
    "medical_school: {country: India, graduation: 2023-03}\n"
    "exams:\n  - {exam: step2ck, score: 245, date: 2023-06}\n"
    "targets: {primary: internal-medicine}\n"
)
CODES = ("1007140C0", "1033140C0", "1094140C0")


def csrf(client: TestClient, path: str = "/") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found, "page has no CSRF token"
    return found.group(1)


def p_match_now(html: str) -> float:
    found = re.search(r'id="p-match-now">([\d.]+)%<', html)
    assert found, "no P(match) now on the page"
    return float(found.group(1))


@pytest.fixture
def client(tmp_path):
    app = create_app(database_url=f"sqlite:///{tmp_path / 'web.db'}", multi_user=False)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def profile_id(client) -> int:
    response = client.post(
        "/profile/upload",
        data={"csrf_token": csrf(client)},
        files={"file": ("p.yaml", PROFILE_YAML.encode())},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return int(re.search(r"/profiles/(\d+)/", response.headers["location"]).group(1))


def post_rows(client, pid: int, rows: list[dict], new: dict | None = None, as_of="2026-12-01"):
    data = {"csrf_token": csrf(client, f"/profiles/{pid}/season"), "as_of": as_of}
    data["rows"] = str(len(rows))
    for i, row in enumerate(rows):
        data.update({f"{k}_{i}": v for k, v in row.items()})
    data.update({f"new_{k}": v for k, v in (new or {}).items()})
    return client.post(f"/profiles/{pid}/season", data=data, follow_redirects=True)


def test_add_programs_then_an_invite_raises_p_match(client, profile_id):
    empty = client.get(f"/profiles/{profile_id}/season")
    assert empty.status_code == 200 and "p-match-now" not in empty.text
    rows: list[dict] = []
    for code in CODES:
        page = post_rows(client, profile_id, rows, {"program": code, "status": "applied"})
        assert page.status_code == 200
        rows.append({"program": code, "status": "applied"})
    before = p_match_now(page.text)
    rows[0] = {"program": CODES[0], "status": "invited", "date": "2026-11-02"}
    after_page = post_rows(client, profile_id, rows)
    assert p_match_now(after_page.text) > before
    assert 'id="rank-table"' in after_page.text


def test_a_bad_row_is_a_400_with_the_field_and_nothing_is_stored(client, profile_id):
    post_rows(client, profile_id, [], {"program": CODES[0], "status": "applied"})
    bad = post_rows(
        client,
        profile_id,
        [{"program": CODES[0], "status": "applied"}],
        {"program": "9999999Z9", "status": "applied"},
    )
    assert bad.status_code == 400
    assert "no program with code" in bad.text and "applications[1].program" in bad.text
    late = post_rows(
        client, profile_id, [{"program": CODES[0], "status": "invited", "date": "2027-01-05"}]
    )
    assert late.status_code == 400 and "after as_of" in late.text
    kept = client.get(f"/profiles/{profile_id}/season").text
    assert kept.count('name="program_') == 1 and "9999999Z9" not in kept


def test_import_from_a_saved_plan(client, profile_id):
    saved = client.post(
        f"/profiles/{profile_id}/plan/save?budget_usd=300",
        data={"csrf_token": csrf(client, f"/profiles/{profile_id}/season")},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    plan_id = saved.headers["location"].rsplit("/", 1)[1]
    plan_codes = re.findall(r"<strong>(\d{4}\w{5})</strong>", client.get(f"/plans/{plan_id}").text)
    assert plan_codes
    page = client.post(
        f"/profiles/{profile_id}/season/import",
        data={"csrf_token": csrf(client, f"/profiles/{profile_id}/season"), "plan_id": plan_id},
        follow_redirects=True,
    )
    assert page.status_code == 200
    shown = re.findall(r'name="program_\d+" value="(\w+)"', page.text)
    assert set(plan_codes) <= set(shown)


def test_one_invitation_is_said_in_the_singular(client, profile_id):
    page = post_rows(client, profile_id, [], {"program": CODES[0], "status": "applied"})
    rows = [{"program": CODES[0], "status": "invited", "date": "2026-11-02"}]
    text = " ".join(re.sub(r"<[^>]+>", " ", post_rows(client, profile_id, rows).text).split())
    assert page.status_code == 200
    assert "(1 invitation, 0 rejections, 0 silent of 1 application)" in text
    assert "1 program live" in text
