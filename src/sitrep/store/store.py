"""The store: one SQLite file holding articles and their records, and the queries over it.

SQL is built by pure functions (``*_query`` return a :class:`Query`) apart from the
:class:`Store` methods that run it, as sqlite-utils keeps ``create_table_sql`` apart from
``create_table``. Every write goes through :meth:`Store.add` on the store's one connection,
under a lock (datasette's one writer), and each article is written in one transaction: an
interrupted write leaves nothing of that article behind.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import ValidationError

from sitrep.errors import StoreError
from sitrep.records import Article, Span, content_hash
from sitrep.store.database import open_database
from sitrep.store.migrations import migrate

# ---------------------------------------------------------------------------------------------
# Typed results


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add` did: stored the article, or found it already there."""

    article_id: str
    duplicate: bool


@dataclass(frozen=True)
class ArticleRow:
    id: str
    title: str | None
    url: str | None
    site: str | None
    author: str | None
    published: str | None
    document_date: str | None
    document_date_source: str | None
    source: str | None
    input_format: str | None
    backend: str | None
    backend_version: str | None
    schema_version: str
    ingested_at: str


@dataclass(frozen=True)
class EventRow:
    article_id: str
    event_id: str
    date: str | None
    date_source: str
    verb_class: str
    cameo: str
    cameo_label: str
    plover: str | None
    source: str | None
    source_code: str | None
    source_kb_id: str | None
    target: str | None
    target_code: str | None
    target_kb_id: str | None
    place: str | None
    place_country: str | None
    # The place's point; None where the place has none (a region) or the event no place.
    lat: float | None
    lon: float | None
    trigger: str
    text: str
    article_title: str | None


@dataclass(frozen=True)
class QuoteRow:
    article_id: str
    quote_id: str
    kind: str
    speaker: str | None
    speaker_code: str | None
    speaker_kb_id: str | None
    speaker_status: str
    # The speaker as written ('a senior official'), also when no actor was found.
    source: str | None
    cue: str | None
    date: str | None
    date_source: str
    text: str
    article_title: str | None


@dataclass(frozen=True)
class StanceRow:
    stance_id: str
    actor_id: str | None
    actor: str | None
    actor_code: str | None
    polarity: str
    cue: str | None
    text: str


@dataclass(frozen=True)
class PlaceRow:
    """One place mention of a stored article, with its resolution and point."""

    article_id: str
    place_id: str
    name: str
    feature: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    # Where the point comes from: gazetteer, context, article (see Place.point).
    point: str | None
    role: str
    start: int
    end: int
    text: str
    article_title: str | None


@dataclass(frozen=True)
class ClaimRow:
    article_id: str
    claim_id: str
    proposition: str
    text: str
    date: str | None
    article_title: str | None
    stances: tuple[StanceRow, ...] = ()


@dataclass(frozen=True)
class ActorRow:
    """An actor across the store: one row per knowledge-base id (or per name and code)."""

    name: str
    kind: str
    code: str
    country: str | None
    sector: str | None
    kb_id: str | None
    articles: int
    mentions: int


@dataclass(frozen=True)
class StoreCounts:
    articles: int
    actors: int
    mentions: int
    times: int
    places: int
    quotes: int
    events: int
    claims: int
    stances: int
    removed: int


@dataclass(frozen=True)
class EventFilter:
    """``actor``: name substring, kb id or code of the source or target actor; ``country``:
    the source or target actor's country; ``event_type``: a verb class, a PLOVER type or a
    CAMEO code prefix; ``since``/``until``: the event's date (the article's when it has none),
    inclusive; ``text``: a substring of the evidence."""

    actor: str | None = None
    country: str | None = None
    event_type: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    limit: int | None = None


@dataclass(frozen=True)
class QuoteFilter:
    """``speaker``: name substring, kb id or code of the speaker; dates as for events."""

    speaker: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    limit: int | None = None


@dataclass(frozen=True)
class ClaimFilter:
    text: str | None = None
    actor: str | None = None
    limit: int | None = None


@dataclass(frozen=True)
class Query:
    sql: str
    params: tuple[Any, ...] = field(default_factory=tuple)


# ---------------------------------------------------------------------------------------------
# SQL building (pure)

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id",
        "url",
        "title",
        "site",
        "author",
        "published",
        "document_date",
        "document_date_source",
        "source",
        "input_format",
        "backend",
        "backend_version",
        "schema_version",
        "text",
        "article_json",
        "ingested_at",
    ),
    "actors": (
        "article_id",
        "id",
        "name",
        "kind",
        "country",
        "sector",
        "code",
        "kb_id",
        "mention_count",
        "start",
        "end",
        "text",
    ),
    "mentions": ("article_id", "id", "kind", "actor_id", "label", "start", "end", "text"),
    "times": (
        "article_id",
        "id",
        "type",
        "value",
        "anchor",
        "year_inferred",
        "start",
        "end",
        "text",
    ),
    "places": (
        "article_id",
        "id",
        "name",
        "country",
        "admin1",
        "feature",
        "lat",
        "lon",
        "kb_id",
        "role",
        "start",
        "end",
        "text",
        "point",
    ),
    "quotes": (
        "article_id",
        "id",
        "kind",
        "speaker_actor_id",
        "speaker_status",
        "cue",
        "date",
        "date_source",
        "continues",
        "start",
        "end",
        "text",
        "source",
    ),
    "events": (
        "article_id",
        "id",
        "trigger",
        "verb_class",
        "cameo",
        "cameo_label",
        "plover",
        "source_actor_id",
        "target_actor_id",
        "date",
        "date_source",
        "place_id",
        "confidence",
        "start",
        "end",
        "text",
    ),
    "claims": ("article_id", "id", "proposition", "start", "end", "text"),
    "stances": (
        "article_id",
        "id",
        "claim_id",
        "actor_id",
        "polarity",
        "cue",
        "confidence",
        "start",
        "end",
        "text",
    ),
    "removed": ("article_id", "line", "reason", "text"),
}

# Record tables in the order they are written; "articles" is always first.
RECORD_TABLES = tuple(name for name in TABLE_COLUMNS if name != "articles")


def insert_sql(table: str) -> str:
    columns = TABLE_COLUMNS[table]
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"


def _cue(span: Span | None) -> str | None:
    return span.text if span is not None else None


def article_rows(article: Article, *, ingested_at: str) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every table for one article, keyed by table, in column order."""
    meta = article.meta
    article_id = article.id or content_hash(article.text)
    document_date = article.document_date or (
        meta.published.isoformat() if meta.published else None
    )
    document_date_source = (
        article.document_date_source
        if article.document_date
        else (meta.published_source if meta.published else "none")
    )
    mention_counts: dict[str, int] = {}
    for mention in article.mentions:
        if mention.actor_id:
            mention_counts[mention.actor_id] = mention_counts.get(mention.actor_id, 0) + 1
    rows: dict[str, list[tuple[Any, ...]]] = {
        "articles": [
            (
                article_id,
                meta.url,
                meta.title,
                meta.site,
                meta.author,
                meta.published.isoformat() if meta.published else None,
                document_date,
                document_date_source,
                meta.source,
                meta.input_format,
                article.backend.name if article.backend else None,
                article.backend.version if article.backend else None,
                article.schema_version,
                article.text,
                article.to_json(indent=None),
                ingested_at,
            )
        ],
        "actors": [
            (
                article_id,
                a.id,
                a.name,
                a.kind,
                a.country,
                a.sector,
                a.code,
                a.kb_id,
                max(mention_counts.get(a.id, 0), len(a.mention_ids)),
                a.start,
                a.end,
                a.text,
            )
            for a in article.actors
        ],
        "mentions": [
            (article_id, m.id, m.kind, m.actor_id, m.label, m.start, m.end, m.text)
            for m in article.mentions
        ],
        "times": [
            (
                article_id,
                t.id,
                t.type,
                t.value,
                t.anchor,
                int(t.year_inferred),
                t.start,
                t.end,
                t.text,
            )
            for t in article.times
        ],
        "places": [
            (
                article_id,
                p.id,
                p.name,
                p.country,
                p.admin1,
                p.feature,
                p.lat,
                p.lon,
                p.kb_id,
                p.role,
                p.start,
                p.end,
                p.text,
                p.point,
            )
            for p in article.places
        ],
        "quotes": [
            (
                article_id,
                q.id,
                q.kind,
                q.speaker_actor_id,
                q.speaker_status,
                _cue(q.cue),
                q.date,
                q.date_source,
                q.continues,
                q.start,
                q.end,
                q.text,
                _cue(q.source),
            )
            for q in article.quotes
        ],
        "events": [
            (
                article_id,
                e.id,
                e.trigger.text,
                e.verb_class,
                e.cameo,
                e.cameo_label,
                e.plover,
                e.source_actor_id,
                e.target_actor_id,
                e.date,
                e.date_source,
                e.place_id,
                e.confidence,
                e.start,
                e.end,
                e.text,
            )
            for e in article.events
        ],
        "claims": [
            (article_id, c.id, c.proposition, c.start, c.end, c.text) for c in article.claims
        ],
        "stances": [
            (
                article_id,
                s.id,
                s.claim_id,
                s.actor_id,
                s.polarity,
                _cue(s.cue),
                s.confidence,
                s.start,
                s.end,
                s.text,
            )
            for s in article.stances
        ],
        "removed": [(article_id, r.line, r.reason, r.text) for r in article.removed],
    }
    return rows


def _dated_query(
    sql: str,
    conditions: list[str],
    params: list[Any],
    where: EventFilter | QuoteFilter,
    *,
    alias: str,
) -> Query:
    """Add the date range and text filters shared by events and quotes, order by date.

    A record without a date of its own is dated by its article's date.
    """
    date_expr = f"substr(coalesce({alias}.date, a.document_date), 1, 10)"
    if where.since:
        conditions.append(f"{date_expr} >= ?")
        params.append(where.since.isoformat())
    if where.until:
        conditions.append(f"{date_expr} <= ?")
        params.append(where.until.isoformat())
    if where.text:
        conditions.append(f"lower({alias}.text) LIKE lower(?) ESCAPE '\\'")
        params.append(_like(where.text))
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += (
        f" ORDER BY {date_expr} IS NULL, {date_expr}, a.ingested_at, "
        f"{alias}.article_id, {alias}.start"
    )
    return _limit(sql, params, where.limit)


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere (wildcards in ``value`` taken literally)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _limit(sql: str, params: list[Any], limit: int | None) -> Query:
    if limit is not None and limit > 0:
        sql += " LIMIT ?"
        params.append(limit)
    return Query(sql, tuple(params))


def _actor_match(alias: str) -> str:
    """Condition that actor row ``alias`` matches a name substring, kb id or code (3 params)."""
    return (
        f"(lower({alias}.name) LIKE lower(?) ESCAPE '\\' OR lower({alias}.kb_id) = lower(?) "
        f"OR upper({alias}.code) = upper(?))"
    )


def events_query(where: EventFilter) -> Query:
    sql = """
        SELECT e.article_id, e.id, coalesce(e.date, a.document_date),
               CASE WHEN e.date IS NULL AND a.document_date IS NOT NULL
                    THEN 'publication' ELSE e.date_source END,
               e.verb_class, e.cameo, e.cameo_label, e.plover,
               s.name, s.code, s.kb_id, t.name, t.code, t.kb_id, p.name, p.country,
               p.lat, p.lon, e.trigger, e.text, a.title
        FROM events e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN actors s ON s.article_id = e.article_id AND s.id = e.source_actor_id
        LEFT JOIN actors t ON t.article_id = e.article_id AND t.id = e.target_actor_id
        LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place_id
    """
    conditions: list[str] = []
    params: list[Any] = []
    if where.actor:
        conditions.append(f"({_actor_match('s')} OR {_actor_match('t')})")
        params += [_like(where.actor), where.actor, where.actor] * 2
    if where.country:
        conditions.append("(upper(s.country) = upper(?) OR upper(t.country) = upper(?))")
        params += [where.country, where.country]
    if where.event_type:
        conditions.append(
            "(lower(e.verb_class) = lower(?) OR lower(e.plover) = lower(?) "
            "OR e.cameo LIKE ? ESCAPE '\\')"
        )
        escaped = where.event_type.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params += [where.event_type, where.event_type, f"{escaped}%"]
    return _dated_query(sql, conditions, params, where, alias="e")


def quotes_query(where: QuoteFilter) -> Query:
    sql = """
        SELECT q.article_id, q.id, q.kind, s.name, s.code, s.kb_id, q.speaker_status, q.source,
               q.cue,
               coalesce(q.date, a.document_date),
               CASE WHEN q.date IS NULL AND a.document_date IS NOT NULL
                    THEN 'publication' ELSE q.date_source END,
               q.text, a.title
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN actors s ON s.article_id = q.article_id AND s.id = q.speaker_actor_id
    """
    conditions: list[str] = []
    params: list[Any] = []
    if where.speaker:
        conditions.append(_actor_match("s"))
        params += [_like(where.speaker), where.speaker, where.speaker]
    return _dated_query(sql, conditions, params, where, alias="q")


def claims_query(where: ClaimFilter) -> Query:
    sql = """
        SELECT c.article_id, c.id, c.proposition, c.text, a.document_date, a.title
        FROM claims c
        JOIN articles a ON a.id = c.article_id
    """
    conditions: list[str] = []
    params: list[Any] = []
    if where.text:
        conditions.append(
            "(lower(c.text) LIKE lower(?) ESCAPE '\\' "
            "OR lower(c.proposition) LIKE lower(?) ESCAPE '\\')"
        )
        params += [_like(where.text), _like(where.text)]
    if where.actor:
        conditions.append(
            "EXISTS (SELECT 1 FROM stances st JOIN actors s "
            "ON s.article_id = st.article_id AND s.id = st.actor_id "
            f"WHERE st.article_id = c.article_id AND st.claim_id = c.id AND {_actor_match('s')})"
        )
        params += [_like(where.actor), where.actor, where.actor]
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += " ORDER BY a.document_date IS NULL, a.document_date, a.ingested_at, c.start"
    return _limit(sql, params, where.limit)


def stances_query(article_ids: Sequence[str]) -> Query:
    marks = ", ".join("?" for _ in article_ids)
    return Query(
        f"""
        SELECT st.article_id, st.claim_id, st.id, st.actor_id, s.name, s.code, st.polarity,
               st.cue, st.text
        FROM stances st
        LEFT JOIN actors s ON s.article_id = st.article_id AND s.id = st.actor_id
        WHERE st.article_id IN ({marks})
        ORDER BY st.article_id, st.start
        """,
        tuple(article_ids),
    )


# One actor across the store: its kb id when it has one, else its name (any case) and code.
ACTOR_KEY = "coalesce('kb:' || kb_id, 'name:' || lower(name) || '|' || code)"


def actors_query(*, name: str | None = None, limit: int | None = None) -> Query:
    condition = (
        "WHERE lower(name) LIKE lower(?) ESCAPE '\\' OR lower(kb_id) = lower(?)" if name else ""
    )
    # Each actor's totals, shown under its fullest (longest) name.
    sql = f"""
        WITH keyed AS (
            SELECT *, {ACTOR_KEY} AS actor_key FROM actors {condition}
        ),
        totals AS (
            SELECT actor_key, count(DISTINCT article_id) AS articles,
                   sum(mention_count) AS mentions
            FROM keyed GROUP BY actor_key
        ),
        fullest AS (
            SELECT actor_key, name, kind, code, country, sector, kb_id,
                   row_number() OVER (
                       PARTITION BY actor_key ORDER BY length(name) DESC, name
                   ) AS rank
            FROM keyed
        )
        SELECT f.name, f.kind, f.code, f.country, f.sector, f.kb_id, t.articles, t.mentions
        FROM fullest f JOIN totals t ON t.actor_key = f.actor_key
        WHERE f.rank = 1
        ORDER BY t.mentions DESC, t.articles DESC, f.name
    """
    params: list[Any] = [_like(name), name] if name else []
    return _limit(sql, params, limit)


def places_query(
    *,
    country: str | None = None,
    article_ids: Sequence[str] | None = None,
    limit: int | None = None,
) -> Query:
    conditions: list[str] = []
    params: list[Any] = []
    if country:
        conditions.append("upper(p.country) = upper(?)")
        params.append(country)
    if article_ids is not None:
        marks = ", ".join("?" for _ in article_ids) or "NULL"
        conditions.append(f"p.article_id IN ({marks})")
        params += list(article_ids)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    sql = f"""
        SELECT p.article_id, p.id, p.name, p.feature, p.country, p.admin1, p.lat, p.lon,
               p.point, p.role, p.start, p."end", p.text, a.title
        FROM places p
        JOIN articles a ON a.id = p.article_id
        {where}
        ORDER BY a.document_date IS NULL, a.document_date, p.article_id, p.start
    """
    return _limit(sql, params, limit)


def articles_query(*, limit: int | None = None) -> Query:
    columns = ", ".join(
        f'"{name}"' for name in TABLE_COLUMNS["articles"] if name not in ("text", "article_json")
    )
    return _limit(
        f"SELECT {columns} FROM articles ORDER BY document_date IS NULL, document_date, "
        "ingested_at, id",
        [],
        limit,
    )


ID_PREFIX = re.compile(r"[0-9a-fA-F]+")
# Article ids bound in one IN (...) list: under SQLite's limit on query variables.
ARTICLES_PER_QUERY = 500


# ---------------------------------------------------------------------------------------------
# Running it


class Store:
    """One database: an SQLite file (the default) or a PostgreSQL URL
    (``postgresql://user@host/dbname``). ``create=False`` refuses an SQLite path where no
    database exists yet."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.db = open_database(path, create=create)
        self._write_lock = threading.Lock()
        try:
            with self._write_lock:
                migrate(self.db)
        except self.db.errors as error:
            self.db.close()
            message = f"{self.db.name}: cannot open as a sitrep database: {error}"
            raise StoreError(message) from error
        except StoreError as error:
            self.db.close()
            raise StoreError(f"{self.db.name}: {error}") from error

    # -- lifecycle

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing

    def add(self, article: Article) -> AddResult:
        """Store ``article`` in one transaction; an article already stored adds nothing."""
        ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
        rows = article_rows(article, ingested_at=ingested_at)
        article_id = rows["articles"][0][0]
        with self._write_lock:
            try:
                self.db.begin_write()
            except self.db.errors as error:
                raise StoreError(f"cannot write to the database: {error}") from error
            try:
                if self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)):
                    self.db.rollback()
                    return AddResult(article_id, duplicate=True)
                self._write(rows)
            except BaseException as error:
                self.db.rollback()
                if isinstance(error, self.db.errors):
                    source = article.meta.source or article_id[:12]
                    raise StoreError(f"{source}: cannot store article: {error}") from error
                raise
            self.db.commit()
        return AddResult(article_id, duplicate=False)

    def _write(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        self.db.execute(insert_sql("articles"), rows["articles"][0])
        for table in RECORD_TABLES:
            if rows[table]:
                self.db.execute_many(insert_sql(table), rows[table])

    def add_all(self, articles: Iterable[Article]) -> list[AddResult]:
        return [self.add(article) for article in articles]

    # -- reading

    def _rows(self, query: Query) -> list[tuple[Any, ...]]:
        try:
            return self.db.execute(query.sql, query.params)
        except self.db.errors as error:
            raise StoreError(f"query failed: {error}") from error

    def events(self, where: EventFilter | None = None, **filters: Any) -> list[EventRow]:
        """Events joined with their actors' names and codes; see :class:`EventFilter`."""
        query = events_query(where or EventFilter(**filters))
        return [EventRow(*row) for row in self._rows(query)]

    def quotes(self, where: QuoteFilter | None = None, **filters: Any) -> list[QuoteRow]:
        query = quotes_query(where or QuoteFilter(**filters))
        return [QuoteRow(*row) for row in self._rows(query)]

    def claims(self, where: ClaimFilter | None = None, **filters: Any) -> list[ClaimRow]:
        """Claims with their stances and the names and codes of the actors taking them."""
        claims = self._rows(claims_query(where or ClaimFilter(**filters)))
        article_ids = sorted({row[0] for row in claims})
        stances: dict[tuple[str, str], list[StanceRow]] = {}
        for start in range(0, len(article_ids), ARTICLES_PER_QUERY):
            chunk = article_ids[start : start + ARTICLES_PER_QUERY]
            for row in self._rows(stances_query(chunk)):
                stances.setdefault((row[0], row[1]), []).append(StanceRow(*row[2:]))
        return [
            ClaimRow(
                article_id=row[0],
                claim_id=row[1],
                proposition=row[2],
                text=row[3],
                date=row[4],
                article_title=row[5],
                stances=tuple(stances.get((row[0], row[1]), ())),
            )
            for row in claims
        ]

    def actors(self, *, name: str | None = None, limit: int | None = None) -> list[ActorRow]:
        """Actors across the store with their codes and mention counts, most mentioned first."""
        return [ActorRow(*row) for row in self._rows(actors_query(name=name, limit=limit))]

    def places(
        self,
        *,
        country: str | None = None,
        article_ids: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> list[PlaceRow]:
        """Place mentions in article order; ``country``: an ISO3 code; ``article_ids``: only
        the places of these articles."""
        if article_ids is None or len(article_ids) <= ARTICLES_PER_QUERY:
            query = places_query(country=country, article_ids=article_ids, limit=limit)
            return [PlaceRow(*row) for row in self._rows(query)]
        rows: list[PlaceRow] = []
        for start in range(0, len(article_ids), ARTICLES_PER_QUERY):
            chunk = article_ids[start : start + ARTICLES_PER_QUERY]
            rows += self.places(country=country, article_ids=chunk)
        return rows[:limit] if limit else rows

    def articles(self, *, limit: int | None = None) -> list[ArticleRow]:
        return [ArticleRow(*row) for row in self._rows(articles_query(limit=limit))]

    def article_ids(self, prefix: str) -> list[str]:
        if not prefix or not ID_PREFIX.fullmatch(prefix):
            return []
        rows = self._rows(
            Query(
                "SELECT id FROM articles WHERE id LIKE ? ORDER BY id LIMIT 10",
                (prefix.lower() + "%",),
            )
        )
        return [row[0] for row in rows]

    def article(self, id_or_prefix: str) -> Article:
        """The stored article with this id or unique id prefix."""
        ids = self.article_ids(id_or_prefix.strip())
        if not ids:
            raise StoreError(f"no article with id {id_or_prefix!r}")
        if len(ids) > 1:
            shown = ", ".join(each[:12] for each in ids[:5]) + (", ..." if len(ids) > 5 else "")
            raise StoreError(f"article id prefix {id_or_prefix!r} is ambiguous: {shown}")
        (row,) = self._rows(Query("SELECT article_json FROM articles WHERE id = ?", (ids[0],)))
        try:
            return Article.from_json(row[0])
        except ValidationError as error:
            raise StoreError(
                f"article {ids[0][:12]}: stored JSON does not load: {error}"
            ) from error

    def __contains__(self, article_id: object) -> bool:
        return bool(
            isinstance(article_id, str)
            and self._rows(Query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))
        )

    def counts(self) -> StoreCounts:
        def count(sql: str) -> int:
            return int(self._rows(Query(sql))[0][0])

        tables = {
            name: count(f"SELECT count(*) FROM {name}")
            for name in TABLE_COLUMNS
            if name != "actors"
        }
        return StoreCounts(
            articles=tables["articles"],
            actors=count(f"SELECT count(DISTINCT {ACTOR_KEY}) FROM actors"),
            mentions=tables["mentions"],
            times=tables["times"],
            places=tables["places"],
            quotes=tables["quotes"],
            events=tables["events"],
            claims=tables["claims"],
            stances=tables["stances"],
            removed=tables["removed"],
        )

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, oldest first."""
        for (data,) in self.db.stream(
            "SELECT article_json FROM articles ORDER BY document_date, ingested_at, id"
        ):
            yield Article.from_json(data)
