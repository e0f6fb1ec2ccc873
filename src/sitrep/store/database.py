"""The two databases a store can live in, behind the few operations the store needs.

- :class:`SqliteDatabase`: one file, no set-up (the default);
- :class:`PostgresDatabase`: a shared server, for several writers and readers at once
  (``--db postgresql://user@host/dbname``; needs ``pip install 'sitrep[postgres]'``).

The store's SQL is written once, in the dialect both understand, with ``?`` placeholders; the
PostgreSQL side turns them into ``%s`` and maps SQLite's ``REAL`` onto ``DOUBLE PRECISION`` in
the schema statements, so coordinates keep every digit.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from sitrep.errors import StoreError

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Database(Protocol):
    """What the store and its migrations ask of a database connection."""

    name: str
    # The driver's base error class: anything the database refuses.
    errors: tuple[type[BaseException], ...]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]: ...

    def begin(self) -> None: ...

    def begin_write(self) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def table_exists(self, table: str) -> bool: ...

    def close(self) -> None: ...


def is_postgres(location: str | Path) -> bool:
    return str(location).startswith(POSTGRES_SCHEMES)


def open_database(location: str | Path, *, create: bool = True) -> Database:
    """The database at ``location``: a PostgreSQL URL, else an SQLite file (or ``:memory:``)."""
    if is_postgres(location):
        return PostgresDatabase(str(location))
    path = Path(location)
    if str(location) != ":memory:" and not create and not path.exists():
        raise StoreError(f"{location}: no database here; run `sitrep ingest ... --db {location}`")
    return SqliteDatabase(str(location))


class SqliteDatabase:
    """One SQLite file in autocommit mode: transactions are begun and ended explicitly."""

    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)

    def __init__(self, location: str) -> None:
        self.name = location
        try:
            self.connection = sqlite3.connect(
                location, isolation_level=None, check_same_thread=False
            )
            self.connection.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as error:
            raise StoreError(f"{location}: cannot open database: {error}") from error

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, tuple(params)).fetchall()

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.connection.executemany(sql, rows)

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        yield from self.connection.execute(sql, tuple(params))

    def begin(self) -> None:
        self.connection.execute("BEGIN")

    def begin_write(self) -> None:
        # IMMEDIATE takes the write lock now, so two writers never both pass the
        # already-stored check.
        self.connection.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.connection.execute("COMMIT")

    def rollback(self) -> None:
        self.connection.execute("ROLLBACK")

    def table_exists(self, table: str) -> bool:
        found = self.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        )
        return bool(found)

    def close(self) -> None:
        self.connection.close()


PLACEHOLDER = re.compile(r"\?")
REAL_COLUMN = re.compile(r"\bREAL\b")
SCHEMA_STATEMENT = re.compile(r"\s*(CREATE|ALTER)\s+TABLE\b", re.IGNORECASE)


class PostgresDatabase:
    """A PostgreSQL database through psycopg 3, in autocommit mode like the SQLite side."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as error:
            raise StoreError(
                "a PostgreSQL store needs psycopg: pip install 'sitrep[postgres]'"
            ) from error
        self.name = redacted(url)
        self.errors: tuple[type[BaseException], ...] = (psycopg.Error,)
        try:
            self.connection = psycopg.connect(url, autocommit=True)
        except psycopg.Error as error:
            raise StoreError(f"{self.name}: cannot open database: {error}") from error

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(self._sql(sql), tuple(params))
            return cursor.fetchall() if cursor.description else []

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(self._sql(sql), [tuple(row) for row in rows])

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(self._sql(sql), tuple(params))
            yield from cursor

    def begin(self) -> None:
        self.execute("BEGIN")

    def begin_write(self) -> None:
        self.begin()
        # One writer at a time, as on SQLite: the already-stored check and the insert of
        # an article cannot interleave with another client's.
        self.execute("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def table_exists(self, table: str) -> bool:
        return self.execute("SELECT to_regclass(?)", (table,))[0][0] is not None

    def close(self) -> None:
        self.connection.close()

    @staticmethod
    def _sql(sql: str) -> str:
        # The store's SQL has no literal '%' and no '?' inside strings.
        sql = PLACEHOLDER.sub("%s", sql)
        if SCHEMA_STATEMENT.match(sql):
            # SQLite's REAL is 8 bytes; PostgreSQL's is 4 (about 7 digits).
            sql = REAL_COLUMN.sub("DOUBLE PRECISION", sql)
        return sql


def redacted(url: str) -> str:
    """``url`` without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
