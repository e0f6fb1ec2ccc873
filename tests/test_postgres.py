"""The store on a real PostgreSQL server answers as it does on SQLite.

A throwaway server is started for the session (``conftest.postgres_server``); the tests skip
where PostgreSQL is not installed (`.ci/run` installs it).
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from sitrep.cli import app
from sitrep.errors import StoreError
from sitrep.store import MIGRATIONS, Store, applied_migrations
from sitrep.store.database import redacted
from test_store import make_article

ARTICLES = (
    make_article(),
    make_article("Later update.", document_date="2024-11-02", event_date=None),
)


def filled(location: str | Path) -> Store:
    store = Store(location)
    for article in ARTICLES:
        store.add(article)
    return store


def without_times(rows: list[Any]) -> list[Any]:
    """Rows with their ingestion time blanked: the one field that differs between stores."""
    return [
        replace(row, ingested_at="") if hasattr(row, "ingested_at") else asdict(row) for row in rows
    ]


QUERIES = {
    "events": lambda s: s.events(),
    "events by actor, any case": lambda s: s.events(actor="kremlin"),
    "events by type": lambda s: s.events(event_type="ACCUSE"),
    "events since": lambda s: s.events(since=date(2024, 11, 1)),
    "events by text": lambda s: s.events(text="KREMLIN DENIED"),
    "quotes by speaker": lambda s: s.quotes(speaker="ZELENSKY"),
    "quotes limited": lambda s: s.quotes(limit=1),
    "claims": lambda s: s.claims(),
    "claims by actor": lambda s: s.claims(actor="Kremlin"),
    "actors": lambda s: s.actors(),
    "actors by name": lambda s: s.actors(name="zel"),
    "places": lambda s: s.places(country="ukr"),
    "articles": lambda s: s.articles(),
}


@pytest.mark.parametrize("query", QUERIES)
def test_queries_answer_as_on_sqlite(tmp_path: Path, postgres_url: str, query: str) -> None:
    with filled(tmp_path / "sitrep.db") as sqlite, filled(postgres_url) as postgres:
        expected = without_times(QUERIES[query](sqlite))
        assert expected, f"{query} found nothing on SQLite: the comparison would prove nothing"
        assert without_times(QUERIES[query](postgres)) == expected


def test_articles_round_trip_and_counts(tmp_path: Path, postgres_url: str) -> None:
    with filled(tmp_path / "sitrep.db") as sqlite, filled(postgres_url) as postgres:
        assert postgres.counts() == sqlite.counts()
        first = ARTICLES[0]
        assert postgres.article(first.id[:10]) == first
        assert list(postgres.iter_articles()) == list(sqlite.iter_articles())
        assert first.id in postgres


def test_coordinates_keep_every_digit(postgres_url: str) -> None:
    with filled(postgres_url) as postgres:
        assert {(row.lat, row.lon) for row in postgres.places()} == {(49.9935, 36.2304)}


def test_same_article_is_stored_once(postgres_url: str) -> None:
    with filled(postgres_url) as postgres:
        assert postgres.add(ARTICLES[0]).duplicate
        assert postgres.counts().articles == 2


def test_interrupted_write_leaves_no_half_article(postgres_url: str) -> None:
    with Store(postgres_url) as postgres:
        postgres.db.execute(
            "CREATE FUNCTION refuse() RETURNS trigger AS "
            "$$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$ LANGUAGE plpgsql"
        )
        postgres.db.execute(
            "CREATE TRIGGER fail_events BEFORE INSERT ON events "
            "FOR EACH ROW EXECUTE FUNCTION refuse()"
        )
        with pytest.raises(StoreError, match="disk on fire"):
            postgres.add(ARTICLES[0])
        assert postgres.counts().articles == 0 and postgres.counts().actors == 0
        postgres.db.execute("DROP TRIGGER fail_events ON events")
        assert not postgres.add(ARTICLES[0]).duplicate
        assert postgres.counts().events == 2


def test_migrations_are_recorded_and_a_newer_schema_refused(postgres_url: str) -> None:
    with Store(postgres_url) as postgres:
        assert applied_migrations(postgres.db) == [each.__name__ for each in MIGRATIONS]
        postgres.db.execute("INSERT INTO _migrations VALUES ('m999_from_the_future', 'later')")
    with pytest.raises(StoreError, match="m999_from_the_future"):
        Store(postgres_url)


def test_unreachable_server_is_a_clear_error() -> None:
    pytest.importorskip("psycopg")
    url = "postgresql://sitrep:secret@127.0.0.1:9/nowhere?connect_timeout=2"
    with pytest.raises(StoreError, match="cannot open database") as raised:
        Store(url)
    assert "secret" not in str(raised.value)


def test_password_is_never_shown() -> None:
    assert (
        redacted("postgresql://ann:pa55@db.example/news") == "postgresql://ann:***@db.example/news"
    )
    assert redacted("postgresql://ann@db.example/news") == "postgresql://ann@db.example/news"


def test_ingest_and_query_from_the_command_line(postgres_url: str) -> None:
    runner = CliRunner()
    ingested = runner.invoke(
        app, ["ingest", str(EXAMPLES / "wire-seoul.txt"), "--db", postgres_url, "--workers", "1"]
    )
    assert ingested.exit_code == 0, ingested.output
    events = runner.invoke(app, ["events", "--db", postgres_url, "--actor", "north korea"])
    assert events.exit_code == 0, events.output
    assert "accuse" in events.stdout
