"""Login throttling: after too many failed logins for one user name or from one address, the
next attempts are refused (HTTP 429) without checking the password, for a while.

The failures are kept in the web database, so every server process of a deployment counts
the same attempts (a login refused by one process is refused by all). Refusing before the
check also spares the 64 MiB Argon2 costs per attempt.
"""

from __future__ import annotations

import math
import time

from ..errors import InputError
from .storage import Store

MAX_FAILURES = 10  # failed logins allowed per user name and per address in the window
WINDOW_SECONDS = 15 * 60


class TooManyAttemptsError(InputError):
    """Too many failed logins for this user name or from this address."""

    http_status = 429


class LoginThrottle:
    """Failures per key (``user:NAME``, ``addr:IP``) within a sliding window, counted in the
    store shared by every server process."""

    def __init__(
        self, store: Store, limit: int = MAX_FAILURES, window: float = WINDOW_SECONDS
    ) -> None:
        self.store, self.limit, self.window = store, limit, window

    def check(self, keys: list[str], now: float | None = None) -> None:
        """Raise TooManyAttemptsError when any key has used up its failures."""
        now = time.time() if now is None else now
        counted = self.store.login_failures(keys, since=now - self.window)
        waits = [oldest + self.window - now for n, oldest in counted if n >= self.limit]
        wait = max(waits, default=0.0)
        if wait > 0:
            minutes = max(1, math.ceil(wait / 60))
            raise TooManyAttemptsError(
                "too many failed logins",
                path="password",
                hint=f"try again in {minutes} minute{'s' if minutes > 1 else ''}",
            )

    def failed(self, keys: list[str], now: float | None = None) -> None:
        now = time.time() if now is None else now
        self.store.add_login_failure(keys, at=now, forget_before=now - self.window)

    def succeeded(self, keys: list[str]) -> None:
        self.store.clear_login_failures(keys)
