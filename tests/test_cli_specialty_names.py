"""Every command's headline names the specialty as people say it, not by its id."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES

REAPPLICANT = EXAMPLES / "us-img-im-reapplicant.yaml"  # primary internal-medicine


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("plan", REAPPLICANT), "), in internal medicine "),
        (("chances", REAPPLICANT), "Chances in internal medicine, "),
        (("interview", REAPPLICANT), "Likely interview questions (internal medicine)"),
        (
            (
                "season",
                EXAMPLES / "season" / "profile.yaml",
                EXAMPLES / "season" / "two-invites.yaml",
            ),
            "(internal medicine, 40 applications)",
        ),
    ],
)
def test_headlines_name_the_specialty_in_words(cli, args, expected):
    done = cli(*args)
    assert done.exit_code == 0, done.stdout
    head = " ".join(" ".join(done.stdout.split("\n", 3)[:3]).split())
    assert expected in head
    assert "internal-medicine" not in head
