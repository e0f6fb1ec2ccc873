"""Extraction of one input, and of many on all local cores.

:func:`extract_one` is the per-input step (a stage's failure becomes an
:class:`ExtractionError` and the batch goes on; errors about the whole run are raised).
:func:`extract_many` runs it in a pool of worker processes, keeping the inputs' order and at
most a few inputs per worker in flight, so memory stays flat on any batch size.

Workers are forked from the process that already built the pipeline and ran it on the first
input, so they start at once and share its lexicons and backend pages. Where fork is not
available, or the batch is too small to pay for starting workers, the inputs are extracted in
this process. Articles that come back from a worker have no ``doc`` (the backend's parse,
which is never stored).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Any

from sitrep.errors import (
    BackendError,
    DataFileError,
    ExtractionError,
    InputError,
    PipelineError,
    SitrepError,
)
from sitrep.pipeline import Pipeline
from sitrep.readers.base import RawInput
from sitrep.records import Article

# Errors that are about the whole run, not one input: they stop a batch.
FATAL_ERRORS: tuple[type[SitrepError], ...] = (BackendError, DataFileError, PipelineError)
# Inputs kept in flight per worker: enough to keep it busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 4
# A batch this small is extracted in this process: starting workers would cost more.
MIN_PARALLEL_INPUTS = 8

Item = RawInput | InputError
Result = Article | InputError


def article_of(raw: RawInput) -> Article:
    """The article a pipeline starts from: the input's text and metadata, with its source."""
    meta = raw.meta
    if meta.source is None:
        meta = meta.model_copy(update={"source": raw.source})
    return Article(text=raw.text, meta=meta)


def reason_of(error: BaseException) -> str:
    message = str(error).strip()
    name = type(error).__name__
    if isinstance(error, SitrepError):
        return message or name
    return f"{name}: {message}" if message else name


def extract_one(pipeline: Pipeline, item: Item) -> Result:
    """The article extracted from ``item``, or the error that stopped it."""
    if isinstance(item, InputError):
        return item
    try:
        return pipeline(article_of(item))
    except FATAL_ERRORS:
        raise
    except Exception as error:  # a stage's failure on one input must not stop a batch
        return ExtractionError(item.source, reason_of(error))


def worker_count(requested: int) -> int:
    """``requested`` workers, or every core this process may use when it is 0."""
    if requested > 0:
        return requested
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_many(pipeline: Pipeline, items: Iterable[Item], workers: int) -> Iterator[Result]:
    """Each item extracted, in order, on ``workers`` processes (0: all cores)."""
    count = worker_count(workers)
    iterator = iter(items)
    head = list(islice(iterator, MIN_PARALLEL_INPUTS))
    fork = "fork" in multiprocessing.get_all_start_methods()
    if count < 2 or len(head) < MIN_PARALLEL_INPUTS or not fork:
        for item in [*head, *iterator]:
            yield extract_one(pipeline, item)
        return
    # The first input builds what the stages build on first use (lexicons, matchers, the
    # backend's tables) here, before the fork, so no worker builds them again.
    yield extract_one(pipeline, head[0])
    yield from _pooled(pipeline, head[1:], iterator, count)


def _pooled(
    pipeline: Pipeline, head: list[Item], rest: Iterator[Item], count: int
) -> Iterator[Result]:
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        count, mp_context=context, initializer=_adopt, initargs=(pipeline,)
    ) as pool:
        submitted = (pool.submit(_extract_in_worker, item) for item in [*head, *rest])
        yield from in_order(submitted, count * IN_FLIGHT_PER_WORKER)


def in_order(futures: Iterable[Any], window: int) -> Iterator[Any]:
    """The results of ``futures`` in the order given, at most ``window`` submitted ahead.

    ``futures`` is consumed lazily, so an input is only submitted when the window has room:
    memory stays flat on any batch. Works for any future with ``result()`` (concurrent.futures,
    Dask).
    """
    pending: deque[Any] = deque()
    for future in futures:
        pending.append(future)
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class _Worker:
    """The pipeline of a pool worker process, set once when the worker starts.

    A process pool runs plain functions in other processes; what they share must live in the
    worker process itself. This is the only state kept there, and only in workers.
    """

    pipeline: Pipeline | None = None


def _adopt(pipeline: Pipeline) -> None:
    # Forked workers inherit ``pipeline`` without pickling it.
    _Worker.pipeline = pipeline


def _extract_in_worker(item: Item) -> Result:
    assert _Worker.pipeline is not None, "the worker was started without a pipeline"
    return without_parse(extract_one(_Worker.pipeline, item))


def without_parse(result: Result) -> Result:
    """``result`` ready to travel to another process: an article leaves its parse behind.

    Pickling a spaCy Doc costs as much as making the records, and nothing after extraction
    reads it (it is never stored).
    """
    if isinstance(result, Article):
        result.doc = None
    return result
