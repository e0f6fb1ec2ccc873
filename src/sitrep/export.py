"""Exports of the store's tables as JSON lines or CSV.

``events``, ``quotes`` and ``actors`` export the typed query rows (:mod:`sitrep.store.store`)
with every field as a column. ``articles`` exports the article rows as CSV, and the full
article JSON (the ``sitrep extract`` form, loadable with ``Article.from_json``) as JSON lines.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields
from typing import Any, Literal, TextIO, get_args

from sitrep.errors import ExportError
from sitrep.store import ActorRow, ArticleRow, EventRow, QuoteRow, Store

ExportFormat = Literal["jsonl", "csv"]
ExportTable = Literal["events", "quotes", "actors", "articles"]
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)
EXPORT_TABLES: tuple[str, ...] = get_args(ExportTable)
ROW_TYPES: dict[str, type[Any]] = {
    "events": EventRow,
    "quotes": QuoteRow,
    "actors": ActorRow,
    "articles": ArticleRow,
}


def table_rows(store: Store, table: str) -> Sequence[Any]:
    """Every row of ``table`` as typed query rows."""
    if table == "events":
        return store.events()
    if table == "quotes":
        return store.quotes()
    if table == "actors":
        return store.actors()
    if table == "articles":
        return store.articles()
    raise ExportError(f"unknown table {table!r}; choose one of {', '.join(EXPORT_TABLES)}")


def write_jsonl(rows: Iterable[Any], out: TextIO) -> int:
    """One JSON object per line; the number of lines written."""
    count = 0
    for row in rows:
        out.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Sequence[Any], columns: Sequence[str], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if value is None else value for value in asdict(row).values()])
    return len(rows)


def export(store: Store, format: str, out: TextIO, *, table: str = "events") -> int:
    """Write ``table`` of ``store`` to ``out`` as ``format``; the number of records written."""
    if format not in EXPORT_FORMATS:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if table not in EXPORT_TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of {', '.join(EXPORT_TABLES)}")
    if format == "jsonl" and table == "articles":
        count = 0
        for article in store.iter_articles():
            out.write(article.to_json(indent=None) + "\n")
            count += 1
        return count
    rows = table_rows(store, table)
    if format == "jsonl":
        return write_jsonl(rows, out)
    return write_csv(rows, columns(table), out)


def columns(table: str) -> list[str]:
    """The CSV header of ``table``: the fields of its row type, in order."""
    return [each.name for each in fields(ROW_TYPES[table])]
