"""How long the fetcher keeps trying: a total patience per request, not a count.

Wikimedia asks clients to back off while the replicas lag (`maxlag`) or when told to
(HTTP 429/503 with `Retry-After`); a lag episode can last minutes, so a nightly job
should wait as long as its operator allows (`--patience 30m`) and then give up with a
clear line. A server that has never answered at all (no network, DNS failure,
connection refused) is told quickly instead: `unreachable` bounds that case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$", re.IGNORECASE)
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}


@dataclass(frozen=True)
class RetryPolicy:
    """Seconds a request may spend failing before it is given up; tests shrink them.

    `patience`: total time from the first attempt, waits included, honouring every
    Retry-After that fits in it. `unreachable`: the same bound while the server has not
    answered once. `backoff` doubles from attempt to attempt; a wait never exceeds
    `max_delay`, whatever Retry-After asks.
    """

    patience: float = 300.0
    unreachable: float = 8.0
    backoff: float = 2.0
    max_delay: float = 120.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        wait = retry_after if retry_after is not None else self.backoff * 2 ** (attempt - 1)
        return max(0.0, min(wait, self.max_delay))

    def budget(self, reached: bool) -> float:
        """The patience of a request, knowing whether the server ever answered."""
        return self.patience if reached else min(self.unreachable, self.patience)


def parse_duration(value: str) -> float:
    """`90`, `90s`, `10m`, `1.5h`, `500ms` -> seconds; a bare number is seconds."""
    match = _DURATION_RE.match(value)
    if match is None:
        raise ValueError(f"not a duration: {value!r} (e.g. 90s, 10m, 1h)")
    return float(match.group(1)) * _UNIT[(match.group(2) or "s").lower()]


def format_duration(seconds: float) -> str:
    """12.3 -> `12.3s`, 600 -> `10m`, 5400 -> `1h30m`: short, for one-line messages."""
    if seconds < 60:
        return f"{seconds:.1f}s" if seconds < 10 else f"{seconds:.0f}s"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    parts = [
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
        f"{secs}s" if secs else "",
    ]
    return "".join(parts)
