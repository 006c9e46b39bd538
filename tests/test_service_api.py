"""The service layer's public names resolve, and importing one area does not load the others."""

import subprocess
import sys

import smartpick.service as service


def test_every_exported_name_resolves_to_a_callable():
    for name in service.__all__:
        assert callable(getattr(service, name)), name


def test_importing_the_audit_service_loads_no_other_area():
    code = (
        "import sys, smartpick.service.audit; "
        "print(sorted(m for m in sys.modules if m.startswith('smartpick.service.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['smartpick.service.audit']"


def test_the_lazy_map_and_all_agree():
    assert sorted(service._EXPORTS) == sorted(service.__all__)
