"""The JSON twins under /api/ give exactly what the CLI's --json prints for the same profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from smartpick.web import create_app
from smartpick.web.services import available_features

EXAMPLE = Path(__file__).resolve().parent / "data" / "example-profile.yaml"

CASES = [
    ("audit", [], ""),
    ("audit", ["--specialty", "internal-medicine"], "?specialty=internal-medicine"),
    ("chances", ["--programs", "1007040C0,1015040A0"], "?programs=1007040C0,1015040A0"),
]


@pytest.fixture
def client(tmp_path):
    app = create_app(database_url=f"sqlite:///{tmp_path / 'api.db'}", multi_user=False)
    with TestClient(app) as client:
        yield client


@pytest.mark.parametrize(("command", "options", "query"), CASES)
@pytest.mark.parametrize("content_type", ["application/yaml", "application/json"])
def test_api_matches_cli_json(cli, client, command, options, query, content_type):
    if not available_features()[command]:
        pytest.skip(f"the {command} service has not landed")
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
