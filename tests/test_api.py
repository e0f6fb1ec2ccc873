"""The Python API: extraction with one pipeline, ingestion that survives bad inputs, queries,
exports, readable renderings and the bench."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import pickle
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY
from sitrep import readers
from sitrep.api import IngestProgress, Sitrep
from sitrep.errors import (
    BackendError,
    EmptyInputError,
    ExportError,
    ExtractionError,
    InputError,
    PipelineError,
    StoreError,
)
from sitrep.options import DEFAULT_STAGES, Options
from sitrep.parallel import worker_count
from sitrep.readers.base import RawInput
from sitrep.records import Article, Metadata, content_hash
from sitrep.registry import Stage
from sitrep.summary import render_article, render_store
from test_store import make_article

# The stages that need nothing beyond the core: enough to test the API's own behaviour.
CORE = Options(stages=("clean", "language"), today=TODAY)

needs_readers = pytest.mark.skipif(
    not hasattr(readers, "read_inputs"), reason="sitrep.readers.read_inputs not written yet"
)
needs_full_pipeline = pytest.mark.skipif(
    any(importlib.util.find_spec(f"sitrep.stages.{name}") is None for name in DEFAULT_STAGES),
    reason="not every default stage is written yet",
)

TEXT = (
    "KYIV (Reuters) - Ukrainian President Volodymyr Zelensky accused Russia on Monday of "
    "shelling Kharkiv.\n\u201cWe will not give up,\u201d Zelensky said."
)


def raw(text: str, source: str = "a.txt", **meta: object) -> RawInput:
    return RawInput(source=source, text=text, meta=Metadata(source=source, **meta))  # type: ignore[arg-type]


def failing_on(marker: str, error: Exception) -> Stage:
    """A stage that raises ``error`` on articles containing ``marker``."""

    def run(article: Article, ctx: object) -> Article:
        if marker in article.text:
            raise error
        return article

    return Stage("explode", "explode.v1", ("text",), (), run)  # type: ignore[arg-type]


# -- extraction


def test_extract_text_runs_the_pipeline() -> None:
    sitrep = Sitrep(CORE)
    article = sitrep.extract_text(TEXT, title="Zelensky accuses Russia")
    assert article.id == content_hash(article.text)
    assert article.meta.title == "Zelensky accuses Russia"
    assert article.meta.source == "-"
    assert article.backend is not None
    assert list(article.stages) == ["clean", "language"]
    assert article.sentences


def test_extract_text_takes_the_given_date() -> None:
    from datetime import date

    sitrep = Sitrep(CORE.with_changes(published=date(2024, 10, 14)))
    article = sitrep.extract_text(TEXT)
    assert article.meta.published == date(2024, 10, 14)
    assert article.meta.published_source == "given"


def test_pipeline_built_once() -> None:
    sitrep = Sitrep(CORE)
    first = sitrep.pipeline
    sitrep.extract(raw(TEXT))
    sitrep.extract(raw(TEXT + " More."))
    assert sitrep.pipeline is first


def test_extract_keeps_the_source() -> None:
    article = Sitrep(CORE).extract(RawInput("feed.xml#3", TEXT, Metadata()))
    assert article.meta.source == "feed.xml#3"


def test_stage_failure_is_a_failure_of_that_input_only() -> None:
    sitrep = Sitrep(CORE)
    sitrep.pipeline.stages.append(failing_on("BOOM", ValueError("stage broke")))
    items = [
        raw(TEXT, "one.txt"),
        raw(TEXT + " BOOM", "two.txt"),
        EmptyInputError("three.txt", "empty"),
        raw(TEXT + " Four.", "four.txt"),
    ]
    results = list(sitrep.extract_inputs(items))
    assert [type(item).__name__ for item in results] == [
        "Article",
        "ExtractionError",
        "EmptyInputError",
        "Article",
    ]
    failure = results[1]
    assert isinstance(failure, ExtractionError)
    assert failure.source == "two.txt"
    assert failure.reason == "ValueError: stage broke"


def batch() -> list[RawInput | InputError]:
    """Ten inputs: one a stage fails on, one that could not be read, eight good."""
    items: list[RawInput | InputError] = [raw(f"{TEXT} Day {n}.", f"{n}.txt") for n in range(8)]
    items.insert(3, raw(TEXT + " BOOM", "boom.txt"))
    items.insert(6, EmptyInputError("empty.txt", "empty"))
    return items


def summary_of(results: list[Article | InputError]) -> list[str]:
    return [
        item.to_json() if isinstance(item, Article) else f"{type(item).__name__} {item}"
        for item in results
    ]


def test_worker_pool_gives_the_same_results_in_order() -> None:
    alone, pooled = Sitrep(CORE.with_changes(workers=1)), Sitrep(CORE.with_changes(workers=2))
    for sitrep in (alone, pooled):
        sitrep.pipeline.stages.append(failing_on("BOOM", ValueError("stage broke")))
    expected = summary_of(list(alone.extract_inputs(batch())))
    assert summary_of(list(pooled.extract_inputs(batch()))) == expected
    assert expected[3] == "ExtractionError boom.txt: ValueError: stage broke"
    assert expected[6] == "EmptyInputError empty.txt: empty"


def test_input_errors_survive_the_trip_from_a_worker() -> None:
    error = pickle.loads(pickle.dumps(ExtractionError("two.txt", "ValueError: broke")))
    assert (type(error), error.source, error.reason) == (
        ExtractionError,
        "two.txt",
        "ValueError: broke",
    )


def test_backend_failure_in_a_worker_stops_the_run() -> None:
    sitrep = Sitrep(CORE.with_changes(workers=2))
    # The first input runs before the pool starts; a later one fails in a worker.
    sitrep.pipeline.stages.append(failing_on("Day 5", BackendError("no such model")))
    with pytest.raises(BackendError, match="no such model"):
        list(sitrep.extract_inputs(batch()))


def test_worker_count_zero_is_every_core() -> None:
    assert worker_count(0) >= 1
    assert worker_count(3) == 3


def test_backend_failure_stops_the_run() -> None:
    sitrep = Sitrep(CORE)
    sitrep.pipeline.stages.append(failing_on("Kharkiv", BackendError("no such model")))
    with pytest.raises(BackendError):
        list(sitrep.extract_inputs([raw(TEXT)]))


def test_unknown_stage_is_a_pipeline_error() -> None:
    sitrep = Sitrep(CORE.with_changes(stages=("clean", "nonsense")))
    with pytest.raises(PipelineError, match="nonsense"):
        list(sitrep.extract_inputs([raw(TEXT)]))


def test_seed_article_extracts_and_stores(seed_text: str, tmp_path: Path) -> None:
    with Sitrep(CORE, tmp_path / "seed.db") as sitrep:
        article = sitrep.extract_text(seed_text)
        assert sitrep.add(article).article_id == article.id
        assert sitrep.article(article.id[:10]).to_json() == article.to_json()


# -- ingestion


def test_ingest_reports_ingested_duplicate_and_failed(tmp_path: Path) -> None:
    seen: list[IngestProgress] = []
    with Sitrep(CORE, tmp_path / "sitrep.db") as sitrep:
        sitrep.pipeline.stages.append(failing_on("BOOM", RuntimeError("bad")))
        items = [
            raw(TEXT, "one.txt"),
            raw(TEXT, "copy-of-one.txt"),
            raw(TEXT + " BOOM", "boom.txt"),
            EmptyInputError("empty.txt", "the input is empty"),
            raw(TEXT + " Later.", "two.txt"),
        ]
        report = sitrep.ingest_articles(sitrep.extract_inputs(items), progress=seen.append)
        assert [entry.source for entry in report.ingested] == ["one.txt", "two.txt"]
        assert [entry.source for entry in report.duplicates] == ["copy-of-one.txt"]
        assert [(error.source, error.reason) for error in report.failed] == [
            ("boom.txt", "RuntimeError: bad"),
            ("empty.txt", "the input is empty"),
        ]
        assert not report.ok
        assert report.total == 5
        assert sitrep.counts().articles == 2
    assert [(event.status, event.done) for event in seen] == [
        ("ingested", 1),
        ("duplicate", 2),
        ("failed", 3),
        ("failed", 4),
        ("ingested", 5),
    ]
    assert seen[2].reason == "RuntimeError: bad"


@needs_readers
def test_ingest_paths(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT, encoding="utf-8")
    (folder / "c.txt").write_text(TEXT + "\nA second paragraph.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    with Sitrep(CORE, tmp_path / "sitrep.db") as sitrep:
        report = sitrep.ingest([folder])
    assert (len(report.ingested), len(report.duplicates), len(report.failed)) == (2, 1, 1)
    assert isinstance(report.failed[0], InputError)
    assert report.failed[0].source.endswith("empty.txt")


# -- queries, exports, renderings


@pytest.fixture
def stored(tmp_path: Path) -> Sitrep:
    sitrep = Sitrep(db=tmp_path / "sitrep.db")
    sitrep.add(make_article())
    sitrep.add(make_article("Later update.", document_date="2024-11-02"))
    yield sitrep  # type: ignore[misc]
    sitrep.close()


def test_queries_pass_through(stored: Sitrep) -> None:
    assert {row.event_id for row in stored.events(actor="Kremlin")} == {"E2"}
    assert len(stored.quotes(speaker="zelensky")) == 2
    assert stored.claims()[0].stances
    assert stored.actors(limit=1)[0].name == "Volodymyr Zelensky"
    assert len(stored.articles()) == 2
    assert stored.counts().events == 4


def test_query_without_database() -> None:
    with pytest.raises(StoreError, match="no database"):
        Sitrep().events()


def test_query_on_missing_database_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Sitrep(db=tmp_path / "absent.db", create=False).events()


@pytest.mark.parametrize("table", ["events", "quotes", "actors", "places", "articles"])
def test_export_csv(stored: Sitrep, table: str) -> None:
    out = io.StringIO()
    count = stored.export("csv", out, table=table)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == count > 0


@pytest.mark.parametrize("table", ["events", "quotes", "actors", "places"])
def test_export_jsonl(stored: Sitrep, table: str) -> None:
    out = io.StringIO()
    count = stored.export("jsonl", out, table=table)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == count > 0


def test_export_articles_jsonl_is_article_json(stored: Sitrep) -> None:
    out = io.StringIO()
    assert stored.export("jsonl", out, table="articles") == 2
    articles = [Article.from_json(line) for line in out.getvalue().splitlines()]
    assert articles[0] == make_article()


def test_export_geojson_events_with_points(stored: Sitrep) -> None:
    out = io.StringIO()
    # E1 happens in Kharkiv (a point) in both articles; E2 has no place and is left out.
    assert stored.export("geojson", out, table="events") == 2
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.2304, 49.9935]}
    assert feature["properties"]["event_id"] == "E1"
    assert feature["properties"]["place"] == "Kharkiv"
    assert feature["properties"]["place_country"] == "UKR"


def test_export_geojson_places(stored: Sitrep) -> None:
    out = io.StringIO()
    count = stored.export("geojson", out, table="places")
    features = json.loads(out.getvalue())["features"]
    assert count == len(features) == 2
    assert {each["properties"]["name"] for each in features} == {"Kharkiv"}
    assert all(each["properties"]["point"] == "gazetteer" for each in features)


def test_export_geojson_refuses_tables_without_points(stored: Sitrep) -> None:
    with pytest.raises(ExportError, match="GeoJSON needs points"):
        stored.export("geojson", io.StringIO(), table="quotes")


@pytest.mark.parametrize("table", ["events", "quotes", "actors", "places", "articles"])
def test_export_parquet_keeps_rows_and_types(stored: Sitrep, table: str) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    out = io.BytesIO()
    count = stored.export("parquet", out, table=table)
    out.seek(0)
    read = parquet.read_table(out)
    assert read.num_rows == count > 0
    rows = read.to_pylist()
    expected = [asdict(row) for row in export_rows(stored, table)]
    assert rows == expected


def export_rows(stored: Sitrep, table: str) -> list[Any]:
    return list(getattr(stored, table)())


def test_export_parquet_column_types(stored: Sitrep) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    out = io.BytesIO()
    stored.export("parquet", out, table="places")
    out.seek(0)
    schema = parquet.read_table(out).schema
    assert str(schema.field("lat").type) == "double"
    assert str(schema.field("start").type) == "int64"
    assert str(schema.field("country").type) == "string"


@pytest.mark.parametrize(("fmt", "table"), [("xml", "events"), ("csv", "mentions")])
def test_export_refuses_unknown(stored: Sitrep, fmt: str, table: str) -> None:
    with pytest.raises(ExportError):
        stored.export(fmt, io.StringIO(), table=table)


def test_render_article_shows_every_kind_of_record() -> None:
    text = render_article(make_article())
    for expected in (
        "Zelensky accuses Russia over Kharkiv strike",
        "paragraph",
        "Volodymyr Zelensky [UKR GOV]",
        "Kremlin [RUS GOV]",
        "\u201cWe will not give up,\u201d",
        "CAMEO 112 Accuse; PLOVER ACCUSE",
        "in Kharkiv",
        "'on Monday' -> 2024-10-14",
        "Russian forces attacked civilians",
        "deny    Kremlin [RUS GOV]",
        "line 2 (share)",
    ):
        assert expected in text, expected


def test_render_store_overview(stored: Sitrep) -> None:
    text = render_store(stored.store, top=1)
    assert text.startswith("sitrep store: 2 articles, 3 actors, 2 quotes, 4 events, 2 claims")
    assert "Volodymyr Zelensky [UKR GOV]  person  kb zelensky  4 mentions in 2 articles" in text
    assert "not shown" in text
    assert stored.summary() != text


# -- bench


@needs_readers
def test_bench_measures_without_timing_assertions(tmp_path: Path) -> None:
    from sitrep.bench import render, run_bench

    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT + "\nAnother paragraph here.", encoding="utf-8")
    result = run_bench(folder, CORE, repeats=2)
    assert (result.inputs, result.articles, result.repeats) == (2, 4, 2)
    assert result.characters == 2 * (len(TEXT) * 2 + len("\nAnother paragraph here."))
    assert [stage.name for stage in result.stages] == ["clean", "language"]
    assert json.loads(result.to_json())["stages"][0]["name"] == "clean"
    assert "articles/s" in render(result)
    assert result.workers >= 1
    assert result.one_process_articles_per_s > 0 and result.all_cores_articles_per_s > 0


@needs_readers
@needs_full_pipeline
def test_bench_main_writes_results(tmp_path: Path) -> None:
    from sitrep.bench import main

    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    assert main([str(folder), "--repeats", "1", "--output", str(tmp_path / "out")]) == 0
    assert json.loads((tmp_path / "out" / "bench.json").read_text())["articles"] == 1
