"""Numbered migrations, applied from a blank database and recorded in ``_migrations``."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.store import MIGRATIONS, Store, applied_migrations, migrate
from sitrep.store.database import SqliteDatabase
from sitrep.store.migrations import m001_initial
from sitrep.store.store import TABLE_COLUMNS


def connect(path: Path) -> SqliteDatabase:
    return SqliteDatabase(str(path))


def test_migrations_are_numbered_in_order() -> None:
    names = [each.__name__ for each in MIGRATIONS]
    assert names[0] == "m001_initial"
    numbers = [int(name[1:4]) for name in names]
    assert numbers == list(range(1, len(names) + 1))
    assert all(name[0] == "m" and name[4] == "_" for name in names)


def test_blank_database_gets_every_migration(tmp_path: Path) -> None:
    db = connect(tmp_path / "blank.db")
    applied = migrate(db)
    assert applied == [each.__name__ for each in MIGRATIONS]
    assert applied_migrations(db) == applied
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(TABLE_COLUMNS) | {"_migrations"} <= tables


def test_migrated_columns_match_what_the_store_writes(tmp_path: Path) -> None:
    db = connect(tmp_path / "blank.db")
    migrate(db)
    for table, columns in TABLE_COLUMNS.items():
        found = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        assert found == list(columns), table


def test_migrate_twice_applies_nothing(tmp_path: Path) -> None:
    db = connect(tmp_path / "twice.db")
    migrate(db)
    assert migrate(db) == []
    count = db.execute("SELECT count(*) FROM _migrations")[0][0]
    assert count == len(MIGRATIONS)


def test_record_tables_reference_articles(tmp_path: Path) -> None:
    db = connect(tmp_path / "keys.db")
    migrate(db)
    for table in TABLE_COLUMNS:
        if table == "articles":
            continue
        keys = db.execute(f"PRAGMA foreign_key_list({table})")
        assert [(key[2], key[3], key[4]) for key in keys] == [("articles", "article_id", "id")]


def test_database_from_newer_sitrep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    db = connect(path)
    migrate(db)
    db.execute("INSERT INTO _migrations VALUES ('m999_from_the_future', '2030-01-01')")
    db.close()
    with pytest.raises(StoreError, match="m999_from_the_future"):
        Store(path)


def test_failing_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def m999_broken(db: SqliteDatabase) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    import sitrep.store.migrations as migrations

    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, m999_broken))
    db = connect(tmp_path / "broken.db")
    with pytest.raises(RuntimeError):
        migrations.migrate(db)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables
    assert applied_migrations(db) == [each.__name__ for each in MIGRATIONS]


def test_quote_source_migration_upgrades_a_first_version_database(tmp_path: Path) -> None:
    """A database written before quotes kept their source: its quotes read back with none,
    and new quotes store theirs."""
    path = tmp_path / "old.db"
    db = connect(path)
    db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    db.execute("BEGIN")
    m001_initial(db)
    db.execute("INSERT INTO _migrations VALUES ('m001_initial', '2026-01-01')")
    db.execute("COMMIT")
    db.execute(
        "INSERT INTO articles (id, schema_version, text, article_json, ingested_at, "
        "document_date, document_date_source) "
        "VALUES ('a', '1.0', 'Lopez said so.', '{}', '2026-01-01', '2026-01-01', 'given')"
    )
    db.execute(
        "INSERT INTO quotes (article_id, id, kind, speaker_status, date_source, start, "
        "\"end\", text) VALUES ('a', 'q1', 'indirect', 'unknown', 'unknown', 0, 5, "
        "'Lopez')"
    )
    db.close()
    with Store(path) as store:
        (row,) = store.quotes()
        assert row.source is None and row.text == "Lopez"
    db = connect(path)
    assert applied_migrations(db) == [each.__name__ for each in MIGRATIONS]
    columns = [row[1] for row in db.execute("PRAGMA table_info(quotes)")]
    assert columns == list(TABLE_COLUMNS["quotes"]) and columns[-1] == "source"
