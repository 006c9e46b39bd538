"""The JSON twins under /api/ give exactly what the CLI's --json prints for the same profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from smartpick.web import create_app

EXAMPLE = Path(__file__).resolve().parent / "data" / "example-profile.yaml"

CASES = [
    ("audit", [], ""),
    ("audit", ["--specialty", "internal-medicine"], "?specialty=internal-medicine"),
    ("chances", ["--programs", "1007040C0,1015040A0"], "?programs=1007040C0,1015040A0"),
    ("plan", ["--budget-usd", "800"], "?budget_usd=800"),
    ("plan", ["--programs", "12"], "?programs=12"),
    ("whatif", ["--budget-usd", "500"], "?budget_usd=500"),
    ("interview", ["--specialty", "internal-medicine"], "?specialty=internal-medicine"),
]


@pytest.fixture
def client(tmp_path):
    app = create_app(database_url=f"sqlite:///{tmp_path / 'api.db'}", multi_user=False)
    with TestClient(app) as client:
        yield client


@pytest.mark.parametrize(("command", "options", "query"), CASES)
@pytest.mark.parametrize("content_type", ["application/yaml", "application/json"])
def test_api_matches_cli_json(cli, client, command, options, query, content_type):
    text = EXAMPLE.read_text()
    if content_type == "application/json":
        import yaml

        text = json.dumps(yaml.safe_load(text))
    expected = cli(command, EXAMPLE, *options, "--json")
    assert expected.exit_code == 0, expected.stdout
    response = client.post(
        f"/api/{command}{query}", content=text.encode(), headers={"content-type": content_type}
    )
    assert response.status_code == 200
    assert response.json() == json.loads(expected.stdout)


def test_api_unknown_specialty_is_a_400_like_the_cli(cli, client):
    expected = cli("audit", EXAMPLE, "--specialty", "anesthesiolgy", "--json")
    response = client.post(
        "/api/audit?specialty=anesthesiolgy",
        content=EXAMPLE.read_bytes(),
        headers={"content-type": "application/yaml"},
    )
    assert expected.exit_code == 2 and response.status_code == 400
    assert response.json() == json.loads(expected.stdout)


TEXT = Path(__file__).resolve().parent / "data" / "explanation.txt"


@pytest.mark.parametrize(
    ("options", "query"),
    [
        (["--kind", "additional-info"], "?kind=additional-info"),
        (
            ["--kind", "additional-info", "--flag", "exam-failure"],
            "?kind=additional-info&flag=exam-failure",
        ),
    ],
)
def test_api_review_matches_cli_json(cli, client, options, query):
    expected = cli("review", TEXT, *options, "--json")
    assert expected.exit_code == 0, expected.stdout
    response = client.post(
        f"/api/review{query}", content=TEXT.read_bytes(), headers={"content-type": "text/plain"}
    )
    assert response.json() == json.loads(expected.stdout)


def test_api_review_with_a_profile_in_a_json_body_matches_cli(cli, client):
    import yaml

    expected = cli("review", TEXT, "--kind", "additional-info", "--profile", EXAMPLE, "--json")
    body = {"text": TEXT.read_text(), "profile": yaml.safe_load(EXAMPLE.read_text())}
    response = client.post("/api/review?kind=additional-info", json=body)
    assert response.json() == json.loads(expected.stdout)


@pytest.mark.parametrize(
    ("body", "content_type", "path"),
    [
        ('{"text": "x", "colour": 1}', "application/json", "colour"),
        ('{"profile": {}}', "application/json", "text"),
        ("hello", "text/plain", "kind"),
    ],
)
def test_api_review_bad_bodies_are_400(client, body, content_type, path):
    query = "" if path == "kind" else "?kind=letter"
    response = client.post(
        f"/api/review{query}", content=body.encode(), headers={"content-type": content_type}
    )
    assert response.status_code == 400
    assert response.json()["error"]["path"] == path
