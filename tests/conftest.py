"""Shared fixtures. Data under ../shared is read in place; tests that need it skip without it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Article, Metadata

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "article.txt"
EXAMPLES = REPO / "examples"
# Fixed "today" so that year inference and relative dates are reproducible.
TODAY = date(2026, 11, 26)


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the checkout)")
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A real SQLite store of two hand-built articles (``test_store.make_article``)."""
    from sitrep.store import Store
    from test_store import make_article

    path = tmp_path / "sitrep.db"
    with Store(path) as store:
        store.add(make_article())
        store.add(make_article("Later update.", document_date="2024-11-02", event_date=None))
    return path


@pytest.fixture
def seed_text() -> str:
    return shared_path("seed", "article.txt").read_text(encoding="utf-8")


Run = Callable[..., Article]


def pipeline_runner(stages: tuple[str, ...]) -> Run:
    """Read text (and an optional publication date) through ``stages``, built once."""
    pipeline = Pipeline(Options(today=TODAY, stages=stages))

    def run(text: str, published: date | None = None) -> Article:
        return pipeline(Article(text=text, meta=Metadata(published=published)))

    return run
