"""Numbered schema migrations, in the shape of simonw/llm's ``migrations.py``.

Each migration is a function ``mNNN_name(db)`` listed in :data:`MIGRATIONS`; the names of the
applied ones are recorded in ``_migrations``. :func:`migrate` applies the missing ones in order,
each in its own transaction, and refuses a database that records a migration this sitrep does
not know (a database written by a newer sitrep).

Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sitrep.errors import StoreError
from sitrep.store.database import Database

Migration = Callable[[Database], None]

MIGRATIONS_TABLE = "_migrations"


def m001_initial(db: Database) -> None:
    """Articles and every record kind, keyed by (article_id, record id)."""
    db.execute(
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT,
            title TEXT,
            site TEXT,
            author TEXT,
            published TEXT,
            document_date TEXT,
            document_date_source TEXT,
            source TEXT,
            input_format TEXT,
            backend TEXT,
            backend_version TEXT,
            schema_version TEXT NOT NULL,
            text TEXT NOT NULL,
            article_json TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE actors (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            country TEXT,
            sector TEXT,
            code TEXT NOT NULL,
            kb_id TEXT,
            mention_count INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            actor_id TEXT,
            label TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE times (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            anchor TEXT NOT NULL,
            year_inferred INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE places (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            country TEXT,
            admin1 TEXT,
            feature TEXT,
            lat REAL,
            lon REAL,
            kb_id TEXT,
            role TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            speaker_actor_id TEXT,
            speaker_status TEXT NOT NULL,
            cue TEXT,
            date TEXT,
            date_source TEXT NOT NULL,
            continues TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE events (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            trigger TEXT NOT NULL,
            verb_class TEXT NOT NULL,
            cameo TEXT NOT NULL,
            cameo_label TEXT NOT NULL,
            plover TEXT,
            source_actor_id TEXT,
            target_actor_id TEXT,
            date TEXT,
            date_source TEXT NOT NULL,
            place_id TEXT,
            confidence REAL NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE claims (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            proposition TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE stances (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            claim_id TEXT NOT NULL,
            actor_id TEXT,
            polarity TEXT NOT NULL,
            cue TEXT,
            confidence REAL NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE removed (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            line INTEGER NOT NULL,
            reason TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, line)
        )
        """
    )
    for statement in (
        "CREATE INDEX actors_kb_id ON actors(kb_id)",
        "CREATE INDEX actors_country ON actors(country)",
        "CREATE INDEX events_cameo ON events(cameo)",
        "CREATE INDEX events_verb_class ON events(verb_class)",
        "CREATE INDEX events_date ON events(date)",
        "CREATE INDEX quotes_date ON quotes(date)",
        "CREATE INDEX stances_claim ON stances(article_id, claim_id)",
    ):
        db.execute(statement)


def m002_quote_source(db: Database) -> None:
    """The speaker of a quote as written (``Quote.source``), kept even when no actor speaks."""
    db.execute("ALTER TABLE quotes ADD COLUMN source TEXT")


def m003_place_point(db: Database) -> None:
    """Where a place's coordinates come from (``Place.point``): its own, its context's, or the
    article's city."""
    db.execute("ALTER TABLE places ADD COLUMN point TEXT")


MIGRATIONS: tuple[Migration, ...] = (m001_initial, m002_quote_source, m003_place_point)


def applied_migrations(db: Database) -> list[str]:
    """Names of the migrations recorded in the database, in the order they were applied."""
    if not db.table_exists(MIGRATIONS_TABLE):
        return []
    # Migrations are numbered and applied in order, so name order is the order applied.
    return [row[0] for row in db.execute(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY name")]


def migrate(db: Database) -> list[str]:
    """Apply every missing migration; the names applied now, in order.

    Each migration runs inside its own transaction, so a failing one leaves the schema as it
    was (SQLite and PostgreSQL both roll back schema changes).
    """
    known = [each.__name__ for each in MIGRATIONS]
    done = applied_migrations(db)
    unknown = [name for name in done if name not in known]
    if unknown:
        raise StoreError(
            f"database schema is newer than this sitrep (unknown migrations: "
            f"{', '.join(unknown)}); upgrade sitrep to read it"
        )
    db.execute(
        f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
        "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    applied_now = []
    for each in MIGRATIONS:
        if each.__name__ in done:
            continue
        db.begin()
        try:
            each(db)
            db.execute(
                f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at) VALUES (?, ?)",
                (each.__name__, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        except BaseException:
            db.rollback()
            raise
        db.commit()
        applied_now.append(each.__name__)
    return applied_now
