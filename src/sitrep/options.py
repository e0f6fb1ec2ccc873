"""One options object, built once and passed down to every stage (no module-level state)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

DEFAULT_STAGES: tuple[str, ...] = (
    "clean",
    "language",
    "time",
    "actors",
    "places",
    "quotes",
    "events",
    "claims",
)


@dataclass(frozen=True)
class Options:
    """Settings of one sitrep run.

    ``published`` given here (the command line's ``--published``) wins over any date found in
    the input's metadata. ``today`` bounds year inference: a weekday/date pair is resolved to
    the latest year not after it.
    """

    backend: str = "rules"
    stages: tuple[str, ...] = DEFAULT_STAGES
    published: date | None = None
    today: date = field(default_factory=date.today)
    max_bytes: int = 20_000_000
    # An HTML page whose main text has fewer words is navigation or a stub, not an article.
    min_article_words: int = 12
    data_dirs: tuple[Path, ...] = ()
    year_search_span: int = 30
    # Processes that extract a batch: 0 is every core this process may use, 1 this process.
    workers: int = 0
    # A Dask scheduler address (tcp://host:8786): extract on that cluster instead.
    scheduler: str | None = None

    def with_changes(self, **changes: object) -> Options:
        """A copy with some settings changed (stages never mutate the shared object)."""
        return replace(self, **changes)  # type: ignore[arg-type]
