"""What the machine does that changes end-to-end timings, said beside them."""

from __future__ import annotations

import os


def recompiling_note() -> str:
    """Said beside end-to-end times when Python may not keep bytecode (every new process
    then compiles smartpick's modules again, which an installed copy does not)."""
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return "; PYTHONDONTWRITEBYTECODE is set: each run recompiles the modules"
    return ""
