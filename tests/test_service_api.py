"""The service layer's public names resolve, and importing the service loads no domain area
beyond the profile and the audit (each function imports its own area when first called)."""

import subprocess
import sys

import smartpick.service as service


def test_every_exported_name_resolves_to_a_callable():
    for name in service.__all__:
        assert callable(getattr(service, name)), name


AREAS = ("catalog", "chances", "planning", "market", "texts", "season")


def test_importing_the_service_loads_no_other_area():
    code = (
        "import sys, smartpick.service; "
        f"print(sorted({{m.split('.')[1] for m in sys.modules if m.startswith('smartpick.')}}"
        f" & set({AREAS!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
