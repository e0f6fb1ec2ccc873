"""The SQLite store of articles and their records; see :mod:`sitrep.store.store`."""

from sitrep.store.migrations import MIGRATIONS, applied_migrations, migrate
from sitrep.store.store import (
    ActorRow,
    AddResult,
    ArticleRow,
    ClaimFilter,
    ClaimRow,
    EventFilter,
    EventRow,
    PlaceRow,
    QuoteFilter,
    QuoteRow,
    StanceRow,
    Store,
    StoreCounts,
)

__all__ = [
    "MIGRATIONS",
    "ActorRow",
    "AddResult",
    "ArticleRow",
    "ClaimFilter",
    "ClaimRow",
    "EventFilter",
    "EventRow",
    "PlaceRow",
    "QuoteFilter",
    "QuoteRow",
    "StanceRow",
    "Store",
    "StoreCounts",
    "applied_migrations",
    "migrate",
]
