"""Readers: turn files, folders and standard input into :class:`RawInput` articles.

:func:`read_inputs` is the one entry point. Every input that cannot be read becomes an
:class:`~sitrep.errors.InputError` in the stream, in place, and the rest go on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from sitrep.errors import InputError, MalformedInputError, UnsupportedInputError
from sitrep.options import Options
from sitrep.readers.base import RawInput
from sitrep.readers.content import Content, decoded_content
from sitrep.readers.feeds import read_feed
from sitrep.readers.formats import (
    GZIP_MAGIC,
    WARC_MAGIC,
    Format,
    format_from_name,
    known_binary_format,
    sniff_format,
)
from sitrep.readers.html import read_html
from sitrep.readers.jsonl import read_jsonl
from sitrep.readers.sources import (
    STDIN,
    file_bytes,
    files_under,
    gunzipped,
    gzip_head,
    stdin_bytes,
)
from sitrep.readers.text import read_text
from sitrep.readers.warc import read_warc

__all__ = ["RawInput", "read_inputs"]

Item = RawInput | InputError
TextReader = Callable[[Content, Options], Iterator[Item]]

_TEXT_READERS: dict[Format, TextReader] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "feed": read_feed,
}


def read_inputs(
    paths: Sequence[str | Path], options: Options, *, stdin: BinaryIO | None = None
) -> Iterator[RawInput | InputError]:
    """One RawInput per article in ``paths``, in order; an InputError for each failure.

    ``"-"`` reads standard input (``stdin``, else ``sys.stdin.buffer``). Folders are read
    recursively in sorted order, hidden files and folders skipped. Errors are yielded, never
    raised, so one bad input does not stop a batch.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path given bare, not a sequence of characters
    for path in paths:
        if str(path) == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            items = _guarded(STDIN, _stdin_items(stream, options))
        else:
            items = _path_items(Path(path), options)
        yield from _with_given_date(items, options)


def _stdin_items(stream: BinaryIO, options: Options) -> Iterator[Item]:
    yield from read_bytes(STDIN, "", stdin_bytes(stream, options), options)


def _path_items(path: Path, options: Options) -> Iterator[Item]:
    try:
        files = list(files_under(path))
    except InputError as error:
        yield error
        return
    for file in files:
        yield from _guarded(str(file), _file_items(file, options))


def _file_items(file: Path, options: Options) -> Iterator[Item]:
    yield from read_bytes(str(file), file.name, file_bytes(file, options), options)


def read_bytes(source: str, name: str, data: bytes, options: Options) -> Iterator[Item]:
    """The articles in one input's bytes; ``name`` (a file name, or "") hints at the format."""
    if data.startswith(GZIP_MAGIC):
        if format_from_name(name) == "warc" or gzip_head(data, len(WARC_MAGIC)) == WARC_MAGIC:
            yield from read_warc(source, data, options)
            return
        data = gunzipped(source, data, options)
        name = name.removesuffix(".gz").removesuffix(".GZ")
    named = format_from_name(name)
    if named == "warc" or (named is None and data.startswith(WARC_MAGIC)):
        yield from read_warc(source, data, options)
        return
    binary = known_binary_format(data)
    if binary is not None:
        raise UnsupportedInputError(source, f"{binary}, not a supported input format")
    content = decoded_content(source, data)
    yield from _TEXT_READERS[named or sniff_format(content.text)](content, options)


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """``items``, with an InputError raised along the way yielded in place instead."""
    try:
        yield from items
    except InputError as error:
        yield error
    except Exception as error:
        # A parser crashing on hostile input (lxml, warcio, feedparser) must not end the batch.
        yield MalformedInputError(source, f"could not be read ({type(error).__name__}: {error})")


def _with_given_date(items: Iterator[Item], options: Options) -> Iterator[Item]:
    """The command line's --published wins over any date the input carries."""
    for item in items:
        if isinstance(item, RawInput) and options.published is not None:
            meta = item.meta.model_copy(
                update={"published": options.published, "published_source": "given"}
            )
            item = replace(item, meta=meta)
        yield item
