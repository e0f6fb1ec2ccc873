"""Exports of the store's tables as JSON lines, CSV, GeoJSON or Parquet.

``events``, ``quotes``, ``actors`` and ``places`` export the typed query rows
(:mod:`sitrep.store.store`) with every field as a column. ``articles`` exports the article rows
as CSV or Parquet, and the full article JSON (the ``sitrep extract`` form, loadable with
``Article.from_json``) as JSON lines.

GeoJSON (RFC 7946) is for the tables with points: every place mention, and every event whose
place has a point, becomes a Feature with a Point geometry ([lon, lat]) and the row's fields
as properties. Rows without a point are left out (a region, an event with no place): a map
cannot draw them, and inventing a point would be a fact the article does not give.

Parquet needs ``pyarrow`` (``pip install 'sitrep[parquet]'``); the columns are typed from the
row fields, so a column of dates stays text and a column of counts integers.
"""

from __future__ import annotations

import csv
import json
import types
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields
from typing import IO, Any, Literal, Union, cast, get_args, get_origin, get_type_hints

from sitrep.errors import ExportError
from sitrep.store import ActorRow, ArticleRow, EventRow, PlaceRow, QuoteRow, Store

ExportFormat = Literal["jsonl", "csv", "geojson", "parquet"]
ExportTable = Literal["events", "quotes", "actors", "places", "articles"]
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)
EXPORT_TABLES: tuple[str, ...] = get_args(ExportTable)
# Formats written as bytes: the caller passes a binary stream.
BINARY_FORMATS = frozenset({"parquet"})
GEO_TABLES = ("events", "places")
ROW_TYPES: dict[str, type[Any]] = {
    "events": EventRow,
    "quotes": QuoteRow,
    "actors": ActorRow,
    "places": PlaceRow,
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
    if table == "places":
        return store.places()
    if table == "articles":
        return store.articles()
    raise ExportError(f"unknown table {table!r}; choose one of {', '.join(EXPORT_TABLES)}")


def write_jsonl(rows: Iterable[Any], out: IO[str]) -> int:
    """One JSON object per line; the number of lines written."""
    count = 0
    for row in rows:
        out.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Sequence[Any], columns: Sequence[str], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if value is None else value for value in asdict(row).values()])
    return len(rows)


def geojson_feature(row: Any) -> dict[str, Any] | None:
    """A GeoJSON Point feature of a row with ``lat``/``lon``; None when it has no point."""
    if row.lat is None or row.lon is None:
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
        "properties": asdict(row),
    }


def write_geojson(rows: Iterable[Any], out: IO[str]) -> int:
    """One FeatureCollection of the rows that have a point; the number of features."""
    features = [feature for feature in map(geojson_feature, rows) if feature is not None]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def write_parquet(rows: Sequence[Any], row_type: type[Any], out: IO[bytes]) -> int:
    """The rows as one Parquet table, one typed column per field of ``row_type``."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise ExportError("Parquet export needs pyarrow: pip install 'sitrep[parquet]'") from error
    schema = pa.schema([(name, arrow_type(pa, kind)) for name, kind in row_fields(row_type)])
    columns = {name: [getattr(row, name) for row in rows] for name, _ in row_fields(row_type)}
    pq.write_table(pa.table(columns, schema=schema), out)
    return len(rows)


def row_fields(row_type: type[Any]) -> list[tuple[str, type[Any]]]:
    """The fields of a row dataclass with their types, ``X | None`` read as ``X``."""
    hints = get_type_hints(row_type)
    typed: list[tuple[str, type[Any]]] = []
    for each in fields(row_type):
        kind = hints[each.name]
        if get_origin(kind) in (Union, types.UnionType):
            kind = next(arg for arg in get_args(kind) if arg is not type(None))
        typed.append((each.name, kind))
    return typed


def arrow_type(pa: Any, kind: type[Any]) -> Any:
    return {int: pa.int64(), float: pa.float64()}.get(kind, pa.string())


def export(store: Store, format: str, out: IO[Any], *, table: str = "events") -> int:
    """Write ``table`` of ``store`` to ``out`` as ``format``; the number of records written.

    ``out`` is a text stream, or a binary one for the formats in :data:`BINARY_FORMATS`.
    """
    if format not in EXPORT_FORMATS:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if table not in EXPORT_TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of {', '.join(EXPORT_TABLES)}")
    if format == "geojson" and table not in GEO_TABLES:
        raise ExportError(
            f"GeoJSON needs points: the {table} table has none; choose {' or '.join(GEO_TABLES)}"
        )
    if format == "jsonl" and table == "articles":
        count = 0
        for article in store.iter_articles():
            out.write(article.to_json(indent=None) + "\n")
            count += 1
        return count
    rows = table_rows(store, table)
    if format == "parquet":
        return write_parquet(rows, ROW_TYPES[table], cast(IO[bytes], out))
    if format == "geojson":
        return write_geojson(rows, out)
    if format == "jsonl":
        return write_jsonl(rows, out)
    return write_csv(rows, columns(table), out)


def columns(table: str) -> list[str]:
    """The CSV header of ``table``: the fields of its row type, in order."""
    return [each.name for each in fields(ROW_TYPES[table])]
