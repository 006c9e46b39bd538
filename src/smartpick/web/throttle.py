"""Login throttling: after too many failed logins for one user name or from one address, the
next attempts are refused (HTTP 429) without checking the password, for a while.

Counters live in the server process (each process of a multi-process deployment counts on its
own; docs/web.md). Refusing before the check also spares the 64 MiB Argon2 costs per attempt.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque

from ..errors import InputError

MAX_FAILURES = 10  # failed logins allowed per user name and per address in the window
WINDOW_SECONDS = 15 * 60
MAX_KEYS = 10_000  # counters kept; the oldest are forgotten first


class TooManyAttemptsError(InputError):
    """Too many failed logins for this user name or from this address."""

    http_status = 429


class LoginThrottle:
    """Failures per key (``user:NAME``, ``addr:IP``) within a sliding window."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = WINDOW_SECONDS) -> None:
        self.limit, self.window = limit, window
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, keys: list[str], now: float | None = None) -> None:
        """Raise TooManyAttemptsError when any key has used up its failures."""
        now = time.monotonic() if now is None else now
        with self._lock:
            waits = [self._wait(key, now) for key in keys]
        wait = max(waits, default=0.0)
        if wait > 0:
            minutes = max(1, math.ceil(wait / 60))
            raise TooManyAttemptsError(
                "too many failed logins",
                path="password",
                hint=f"try again in {minutes} minute{'s' if minutes > 1 else ''}",
            )

    def failed(self, keys: list[str], now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in keys:
                self._failures.setdefault(key, deque()).append(now)
                self._failures.move_to_end(key)
            while len(self._failures) > MAX_KEYS:
                self._failures.popitem(last=False)

    def succeeded(self, keys: list[str]) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def _wait(self, key: str, now: float) -> float:
        """Seconds until ``key`` may try again (0: it may now)."""
        times = self._failures.get(key)
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times or len(times) < self.limit:
            return 0.0
        return times[0] + self.window - now
