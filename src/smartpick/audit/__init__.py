"""The red-flag audit, read the way a selection committee reads a file.

- :mod:`.rules`: the rule file (``data/red_flags.yaml``) and the severity arithmetic
- :mod:`.detectors`: one detector per red-flag id (when it fires, its evidence)
- :mod:`.flags`: the findings for one specialty, stacked and ordered (``flags_for``)
- :mod:`.committee`: filters, invite meeting and rank meeting (``committee_view``)
- :mod:`.thresholds`: Step 2 CK bands per specialty (Charting Outcomes)
- :mod:`.run`: the whole audit (``audit``)
"""

from __future__ import annotations

from .committee import CommitteeView, committee_rules, committee_view, label_from_chances
from .flags import flags_for
from .model import RedFlag, Stack
from .rules import flag_ids, load_rules, overall_severity
from .run import Audit, audit

__all__ = [
    "Audit",
    "CommitteeView",
    "RedFlag",
    "Stack",
    "audit",
    "committee_rules",
    "committee_view",
    "flag_ids",
    "flags_for",
    "label_from_chances",
    "load_rules",
    "overall_severity",
]
