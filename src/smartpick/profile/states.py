"""US states as the profile, the catalog search and the plan name them: USPS codes.

The 50 states, the District of Columbia and the territories where a US residency program
can be (Puerto Rico, Guam, the US Virgin Islands, American Samoa, the Northern Mariana
Islands).
"""

from __future__ import annotations

US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP".split()
)
STATE_HINT = "write the state's two letters, e.g. TX, NY or CA"


def state_code(text: str) -> str | None:
    """``text`` as a USPS code ('tx' and ' TX ' are TX), or None if it is none."""
    code = text.strip().upper()
    return code if code in US_STATES else None
