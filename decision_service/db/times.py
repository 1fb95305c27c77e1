"""Times as the tables keep them: in UTC. SQLite keeps no zone, so a time read
back from it is made aware again before it is compared or shown."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def aware(moment: dt.datetime) -> dt.datetime:
    """A stored time with its zone (every time stored is UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def utc_text(moment: dt.datetime | None) -> str | None:
    """A stored time as answers show it: ISO 8601 to the second, with its offset."""
    return None if moment is None else aware(moment).isoformat(timespec="seconds")
