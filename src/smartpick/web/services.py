"""Which service functions the web app calls, by area (the service layer owns them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import NotFoundError

FEATURES = {
    "audit": "audit_profile",
    "chances": "chances_for_profile",
    "plan": "plan_for_profile",
    "whatif": "whatif_for_profile",
    "review": "review",
    "interview": "interview_prep",
    "practice": "interview_practice",
}


def service_function(area: str) -> Callable[..., Any]:
    from .. import service

    func = getattr(service, FEATURES[area], None)
    if func is None:
        raise NotFoundError(f"the {area} service is not available in this version")
    return func
