"""WARC web archives: every HTML response with status 200 is one article.

warcio reads a cut-off archive without complaint (a short last record, headers that stop
midway, a gzip member that simply ends), so the damage is detected here: a record whose
content ends before its declared length, a header block without its closing blank line,
bytes left over after the last whole record, or gzip data without its end-of-stream marker.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from sitrep.errors import InputError, MalformedInputError, NoArticleError
from sitrep.options import Options
from sitrep.readers.base import RawInput
from sitrep.readers.formats import GZIP_MAGIC
from sitrep.readers.html import html_article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK_BYTES = 1 << 20
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
# What warcio raises, or lets through from below, on a damaged archive.
_DAMAGE = (
    ArchiveLoadFailed,
    EOFError,
    OSError,
    ValueError,
    zlib.error,
    AttributeError,
    TypeError,
)
# Those that explain themselves; the rest come from warcio tripping over cut-off headers.
_EXPLAINED = (ArchiveLoadFailed, EOFError, OSError, zlib.error)


class _QuietArchiveIterator(ArchiveIterator):
    """warcio writes a warning to stderr for a record not followed by a blank line (a wrong
    Content-Length); the library never prints, so the text is emptied and ``err_count``,
    which warcio keeps alongside, is reported as an error instead."""

    INC_RECORD = ""


@dataclass(frozen=True)
class WarcPage:
    """An HTML response in the archive: its 1-based record number, target URL and body."""

    number: int
    url: str | None
    body: bytes


def read_warc(source: str, data: bytes, options: Options) -> Iterator[RawInput | InputError]:
    """The article of each HTML page, then MalformedInputError if the archive is damaged."""
    pages = 0
    for page in warc_pages(source, data):
        pages += 1
        page_source = f"{source}#{page.number}"
        try:
            yield html_article(page.body, page_source, options, input_format="warc", url=page.url)
        except NoArticleError as error:
            yield error
    if pages == 0:
        raise NoArticleError(source, "the WARC holds no HTML responses with status 200")


def warc_pages(source: str, data: bytes) -> Iterator[WarcPage]:
    """The HTML pages of a WARC, in order; raises MalformedInputError at the first damage."""
    records = 0
    records_end = 0
    try:
        archive = _QuietArchiveIterator(io.BytesIO(data))
        for records, record in enumerate(archive, start=1):
            if record.format != "warc":
                # warcio reads almost any text as an old ARC record; only WARC is supported.
                raise MalformedInputError(source, "not a WARC file (no WARC/1.x record header)")
            body = record.content_stream().read() if _is_html_response(record) else None
            _check_complete(source, record, records)
            offset, length = archive.get_record_offset(), archive.get_record_length()
            if not data.startswith(GZIP_MAGIC):
                _check_headers_end(source, data[offset : offset + length], records)
            records_end = offset + length
            if body is not None:
                url = record.rec_headers.get_header("WARC-Target-URI")
                yield WarcPage(number=records, url=url, body=body)
        if archive.err_count:
            raise MalformedInputError(
                source,
                "corrupt WARC: a record is not followed by a blank line (wrong Content-Length)",
            )
        # A record cut inside its headers ends warcio's iteration quietly: anything but blank
        # lines after the last whole record is the start of one that was cut off.
        if data[records_end:].strip():
            raise MalformedInputError(
                source, f"truncated WARC: it ends inside the headers of record {records + 1}"
            )
    except _DAMAGE as error:
        where = f"after record {records}" if records else "at the first record"
        raise MalformedInputError(
            source, f"truncated or corrupt WARC ({where}: {_damage_detail(error)})"
        ) from None
    if data.startswith(GZIP_MAGIC) and not _gzip_complete(data):
        raise MalformedInputError(
            source, f"truncated WARC: the gzip data ends inside a record (after record {records})"
        )
    if records == 0:
        raise MalformedInputError(source, "not a WARC file: no records found")


def _is_html_response(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.startswith(_HTML_TYPES)


def _check_complete(source: str, record: ArcWarcRecord, number: int) -> None:
    """MalformedInputError when the record's content stops short of its Content-Length."""
    if record.rec_headers.get_header("Content-Length") is None:
        # Every WARC record has one; without it the header block was cut short.
        raise MalformedInputError(
            source, f"truncated WARC: record {number} has no Content-Length header"
        )
    raw = record.raw_stream
    while raw.read(_CHUNK_BYTES):
        pass
    missing = getattr(raw, "limit", 0)
    if missing > 0:
        raise MalformedInputError(
            source, f"truncated WARC: record {number} is missing its last {missing} bytes"
        )


def _check_headers_end(source: str, record_bytes: bytes, number: int) -> None:
    """MalformedInputError when an uncompressed record's header block has no closing blank line."""
    if not _BLANK_LINE.search(record_bytes):
        raise MalformedInputError(
            source, f"truncated WARC: record {number} ends inside its headers"
        )


def _damage_detail(error: Exception) -> str:
    if isinstance(error, _EXPLAINED) and str(error):
        return str(error)
    return "unreadable record headers"


def _gzip_complete(data: bytes) -> bool:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while stream.read(_CHUNK_BYTES):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True
