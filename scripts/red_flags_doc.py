"""Rewrite the generated parts of docs/red-flags.md from src/smartpick/data/red_flags.yaml.

    python scripts/red_flags_doc.py

tests/test_docs.py fails while the committed doc differs from what this writes.
"""

from __future__ import annotations

from pathlib import Path

from smartpick.audit.rulebook import regenerate

DOC = Path(__file__).resolve().parent.parent / "docs" / "red-flags.md"

if __name__ == "__main__":
    DOC.write_text(regenerate(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {DOC}")
