"""Stage registry and pipeline: names resolve, order is checked, versions are recorded."""

from __future__ import annotations

import pytest

from conftest import TODAY
from sitrep.errors import PipelineError
from sitrep.options import DEFAULT_STAGES, Options
from sitrep.pipeline import Pipeline, analyze
from sitrep.records import Article
from sitrep.registrations import STAGE_LOCATIONS, stage
from sitrep.registry import Context, Stage


@pytest.mark.parametrize("name", sorted(STAGE_LOCATIONS))
def test_every_registered_name_resolves_to_a_versioned_stage(name: str) -> None:
    found = stage(name)
    assert found.name == name
    assert found.version.startswith(f"{name}.v")


def test_default_order_needs_nothing_missing() -> None:
    checks = analyze([stage(name) for name in DEFAULT_STAGES])
    assert [c.missing for c in checks if c.missing] == []


def test_a_stage_before_what_it_needs_is_refused() -> None:
    with pytest.raises(PipelineError, match="needs"):
        Pipeline(Options(stages=("language", "clean"), today=TODAY))


def test_unknown_stage_is_refused_with_the_known_names() -> None:
    with pytest.raises(PipelineError, match="known stages"):
        Pipeline(Options(stages=("clean", "sentiment"), today=TODAY))


def test_stage_versions_are_recorded_on_the_article() -> None:
    article = Pipeline(Options(stages=("clean", "language"), today=TODAY))(
        Article(text="Kyiv, Ukraine\nOfficials met on Monday.")
    )
    assert article.stages == {"clean": "clean.v1", "language": "language.v1"}
    assert article.backend is not None and article.backend.name == "sitrep-rules"


def test_a_stage_that_returns_something_else_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(article: Article, ctx: Context) -> Article:
        return None  # type: ignore[return-value]

    pipeline = Pipeline(Options(stages=("clean",), today=TODAY))
    pipeline.stages = [Stage("clean", "clean.v0", ("text",), ("text",), broken)]
    with pytest.raises(PipelineError, match="not an Article"):
        pipeline(Article(text="Some text."))
