"""Shared fixtures. Data under ../shared is read in place; tests that need it skip without it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

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
def seed_text() -> str:
    return shared_path("seed", "article.txt").read_text(encoding="utf-8")
