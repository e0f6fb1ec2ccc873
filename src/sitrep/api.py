"""sitrep's one Python API; the command line (and anything else) is a thin layer over it.

>>> from sitrep.api import Sitrep
>>> sitrep = Sitrep(Options(published=date(2024, 10, 14)), db="sitrep.db")
>>> report = sitrep.ingest(["examples"])
>>> sitrep.events(actor="Zelensky", event_type="accuse")

The pipeline is built once, on first use, so a :class:`Sitrep` used only for queries never
loads a language backend. The store is opened on first use as well.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO, Any, BinaryIO, Literal

from sitrep.errors import (
    ClusterError,
    InputError,
    PipelineError,
    SitrepError,
    StoreError,
)
from sitrep.export import export as export_store
from sitrep.options import Options
from sitrep.parallel import article_of, extract_many, reason_of
from sitrep.pipeline import Pipeline
from sitrep.readers.base import RawInput
from sitrep.records import Article, Metadata
from sitrep.store import (
    ActorRow,
    AddResult,
    ArticleRow,
    ClaimRow,
    EventFilter,
    EventRow,
    PlaceRow,
    QuoteFilter,
    QuoteRow,
    Store,
    StoreCounts,
)
from sitrep.store.database import is_postgres

IngestStatus = Literal["ingested", "duplicate", "failed"]


@dataclass(frozen=True)
class IngestedArticle:
    source: str
    article_id: str
    title: str | None


@dataclass(frozen=True)
class IngestProgress:
    """Reported to an ``ingest`` progress callback after each input."""

    source: str
    status: IngestStatus
    done: int
    article_id: str | None = None
    reason: str | None = None


@dataclass
class IngestReport:
    ingested: list[IngestedArticle] = field(default_factory=list)
    duplicates: list[IngestedArticle] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def total(self) -> int:
        return len(self.ingested) + len(self.duplicates) + len(self.failed)


ProgressCallback = Callable[[IngestProgress], None]


class Sitrep:
    """Extraction with one pipeline, and storage and queries over one database."""

    def __init__(
        self,
        options: Options | None = None,
        db: str | Path | None = None,
        *,
        create: bool = True,
    ) -> None:
        self.options = options or Options()
        # A PostgreSQL URL stays a string (a Path would fold its "//").
        self.db_path: str | Path | None = db if db is None or is_postgres(db) else Path(db)
        self._create = create
        self._pipeline: Pipeline | None = None
        self._store: Store | None = None

    # -- lifecycle

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            try:
                self._pipeline = Pipeline(self.options)
            except SitrepError:
                raise
            except Exception as error:  # a registered stage whose module is missing or broken
                raise PipelineError(f"cannot build the pipeline: {reason_of(error)}") from error
        return self._pipeline

    @property
    def store(self) -> Store:
        if self._store is None:
            if self.db_path is None:
                raise StoreError("no database given")
            self._store = Store(self.db_path, create=self._create)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Sitrep:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- extraction

    def extract(self, raw: RawInput) -> Article:
        """Run the pipeline over one input as read."""
        return self.pipeline(article_of(raw))

    def extract_text(self, text: str, **meta: Any) -> Article:
        """Run the pipeline over plain text; ``meta`` are :class:`Metadata` fields."""
        if self.options.published is not None:  # the options' date wins, as in the readers
            meta["published"] = self.options.published
        if meta.get("published") is not None:
            meta.setdefault("published_source", "given")
        meta.setdefault("source", "-")
        metadata = Metadata(**meta)
        return self.extract(RawInput(source=metadata.source or "-", text=text, meta=metadata))

    def extract_paths(
        self, paths: Sequence[str | Path], *, stdin: BinaryIO | None = None
    ) -> Iterator[Article | InputError]:
        """Each input under ``paths`` read and extracted, or the error that stopped it."""
        from sitrep.readers import read_inputs

        return self.extract_inputs(read_inputs(paths, self.options, stdin=stdin))

    def extract_inputs(
        self, items: Iterable[RawInput | InputError]
    ) -> Iterator[Article | InputError]:
        """Extract each input as read, in order, on ``options.workers`` processes (0: every
        core) or on the Dask cluster of ``options.scheduler``; pass reading errors through.

        An input that a stage fails on yields an :class:`ExtractionError` and the batch goes
        on; errors about the whole run (backend, data files, pipeline order) are raised.
        """
        pipeline = self.pipeline  # built before the first input: its errors are the run's
        if self.options.scheduler:
            return self._extract_on_cluster(items, self.options.scheduler)
        return extract_many(pipeline, items, self.options.workers)

    def _extract_on_cluster(
        self, items: Iterable[RawInput | InputError], scheduler: str
    ) -> Iterator[Article | InputError]:
        try:
            from sitrep.cluster import client_for, extract_on_cluster
        except ImportError as error:
            raise ClusterError(
                "running on a Dask cluster needs dask.distributed: pip install 'sitrep[dask]'"
            ) from error
        client = client_for(scheduler)
        try:
            yield from extract_on_cluster(self.options, items, client)
        finally:
            client.close()

    # -- storage

    def add(self, article: Article) -> AddResult:
        return self.store.add(article)

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        progress: ProgressCallback | None = None,
        stdin: BinaryIO | None = None,
    ) -> IngestReport:
        """Extract every input under ``paths`` and store it; nothing here raises per input."""
        store = self.store
        return self.ingest_articles(self.extract_paths(paths, stdin=stdin), store, progress)

    def ingest_articles(
        self,
        items: Iterable[Article | InputError],
        store: Store | None = None,
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        store = store or self.store
        report = IngestReport()
        for item in items:
            status: IngestStatus
            if isinstance(item, InputError):
                report.failed.append(item)
                status, article_id, source = "failed", None, item.source
            else:
                source = item.meta.source or "-"
                try:
                    result = store.add(item)
                except StoreError as error:
                    report.failed.append(InputError(source, str(error)))
                    status, article_id = "failed", None
                else:
                    article_id = result.article_id
                    entry = IngestedArticle(source, article_id, item.meta.title)
                    if result.duplicate:
                        report.duplicates.append(entry)
                        status = "duplicate"
                    else:
                        report.ingested.append(entry)
                        status = "ingested"
            if progress is not None:
                reason = report.failed[-1].reason if status == "failed" else None
                progress(IngestProgress(source, status, report.total, article_id, reason))
        return report

    # -- queries

    def events(
        self,
        *,
        actor: str | None = None,
        country: str | None = None,
        event_type: str | None = None,
        since: date | None = None,
        until: date | None = None,
        text: str | None = None,
        limit: int | None = None,
    ) -> list[EventRow]:
        return self.store.events(EventFilter(actor, country, event_type, since, until, text, limit))

    def quotes(
        self,
        *,
        speaker: str | None = None,
        since: date | None = None,
        until: date | None = None,
        text: str | None = None,
        limit: int | None = None,
    ) -> list[QuoteRow]:
        return self.store.quotes(QuoteFilter(speaker, since, until, text, limit))

    def claims(
        self, *, text: str | None = None, actor: str | None = None, limit: int | None = None
    ) -> list[ClaimRow]:
        return self.store.claims(text=text, actor=actor, limit=limit)

    def actors(self, *, name: str | None = None, limit: int | None = None) -> list[ActorRow]:
        return self.store.actors(name=name, limit=limit)

    def places(self, *, country: str | None = None, limit: int | None = None) -> list[PlaceRow]:
        return self.store.places(country=country, limit=limit)

    def articles(self, *, limit: int | None = None) -> list[ArticleRow]:
        return self.store.articles(limit=limit)

    def article(self, id_or_prefix: str) -> Article:
        return self.store.article(id_or_prefix)

    def counts(self) -> StoreCounts:
        return self.store.counts()

    def export(self, format: str, out: IO[Any], *, table: str = "events") -> int:
        """Write a table of the store as jsonl, csv, geojson or parquet; the number of records.

        ``out`` is a text stream, or a binary one for parquet.
        """
        return export_store(self.store, format, out, table=table)

    def report(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        actor: str | None = None,
        top: int = 10,
    ) -> str:
        """A situation report of the period as Markdown; every line cites its articles."""
        from sitrep.report import ReportScope, render_report

        return render_report(self.store, ReportScope(since, until, actor, top))

    def summary(self, *, top: int = 10) -> str:
        from sitrep.summary import render_store

        return render_store(self.store, top=top)

    def with_options(self, **changes: Any) -> Sitrep:
        """A new :class:`Sitrep` on the same database with some options changed."""
        return Sitrep(self.options.with_changes(**changes), self.db_path, create=self._create)
