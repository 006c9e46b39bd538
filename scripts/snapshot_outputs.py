"""Write every example's JSON output of the main commands to a folder, to diff two trees.

    python scripts/snapshot_outputs.py OUTDIR

Runs audit, chances, plan, whatif, outline (every flag the audit finds), interview and
review (every bundled letter, as a letter and against its profile) on each example, in
process, and writes one file per call. `diff -r A B` between two checkouts' folders shows
any change in results (a refactor that changes no result leaves it empty).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from typer.testing import CliRunner

from smartpick.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
LETTERS = sorted((ROOT / "examples" / "letters").glob("*.txt"))


def run(runner: CliRunner, args: list[str]) -> str:
    result = runner.invoke(app, [*args, "--json"])
    return f"exit {result.exit_code}\n{result.stdout}"


def flags_of(runner: CliRunner, profile: Path) -> list[str]:
    result = runner.invoke(app, ["audit", str(profile), "--json"])
    if result.exit_code != 0:
        return []
    return sorted({f["id"] for f in json.loads(result.stdout).get("red_flags", [])})


def calls(runner: CliRunner) -> dict[str, list[str]]:
    todo: dict[str, list[str]] = {}
    for profile in EXAMPLES:
        name = profile.stem
        for command in ("audit", "chances", "plan", "whatif", "interview"):
            todo[f"{name}.{command}"] = [command, str(profile)]
        for flag in flags_of(runner, profile):
            todo[f"{name}.outline.{flag}"] = ["outline", str(profile), "--flag", flag]
    for letter in LETTERS:
        todo[f"letter.{letter.stem}"] = ["review", str(letter), "--kind", "letter"]
        for profile in EXAMPLES[:3]:
            todo[f"letter.{letter.stem}.{profile.stem}"] = [
                "review", str(letter), "--kind", "additional-info", "--profile", str(profile)]
    return todo


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    for name, args in calls(runner).items():
        (out / f"{name}.json").write_text(run(runner, args), encoding="utf-8")
        print(name, file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
