"""Publication dates as found in metadata: ISO strings and feed time tuples."""

from __future__ import annotations

import time
from datetime import date, datetime


def iso_date(value: str) -> date | None:
    """The date of an ISO 8601 date or datetime string ("2024-10-13", "2024-10-13T08:00Z")."""
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def struct_time_date(value: time.struct_time | None) -> date | None:
    """The date of a parsed feed time (feedparser gives UTC ``time.struct_time``)."""
    if value is None:
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    except ValueError:
        return None
