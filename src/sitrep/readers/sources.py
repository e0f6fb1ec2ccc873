"""Where inputs come from: files, folders and standard input, read as bytes within the limit."""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sitrep.errors import EmptyInputError, InputError, InputTooLargeError, MalformedInputError
from sitrep.options import Options
from sitrep.readers.formats import is_article_file

STDIN = "-"


def files_under(path: Path) -> Iterator[Path]:
    """``path`` itself, or every visible file under a folder, recursively and sorted.

    Raises InputError for a path that does not exist and EmptyInputError for a folder with
    no visible files.
    """
    if path.is_dir():
        found = False
        for file in _visible_files(path):
            found = True
            yield file
        if not found:
            raise EmptyInputError(
                str(path), "folder holds no article files (.txt, .html, .jsonl, feeds, WARC)"
            )
    elif path.exists():
        yield path
    else:
        raise InputError(str(path), "no such file")


def _visible_files(folder: Path) -> Iterator[Path]:
    # os.walk does not follow symbolic links to folders, so a link loop cannot trap it.
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and is_article_file(name):
                yield Path(root) / name


def file_bytes(path: Path, options: Options) -> bytes:
    """The bytes of a file; its size is checked against ``options.max_bytes`` before reading."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise _too_large(source, f"{size} bytes", options)
        with path.open("rb") as stream:
            # Pipes and special files report size 0, so the read is bounded as well.
            data = stream.read(options.max_bytes + 1)
    except OSError as error:
        raise InputError(source, f"cannot be read ({error.strerror or error})") from None
    return _bounded(source, data, options)


def stdin_bytes(stream: BinaryIO, options: Options) -> bytes:
    """Standard input's bytes, refused when more than ``options.max_bytes``."""
    return _bounded(STDIN, stream.read(options.max_bytes + 1), options)


def gunzipped(source: str, data: bytes, options: Options) -> bytes:
    """Decompressed gzip data, bounded by ``options.max_bytes`` (a small file can inflate)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            inflated = stream.read(options.max_bytes + 1)
    except (EOFError, OSError, zlib.error) as error:
        raise MalformedInputError(source, f"damaged gzip data ({error})") from None
    if len(inflated) > options.max_bytes:
        raise _too_large(source, "decompressed content", options)
    return inflated


def gzip_head(data: bytes, size: int) -> bytes:
    """The first ``size`` decompressed bytes of gzip data, or b"" when they cannot be read."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data[:65536], size)
    except zlib.error:
        return b""


def _bounded(source: str, data: bytes, options: Options) -> bytes:
    if len(data) > options.max_bytes:
        raise _too_large(source, "content", options)
    if not data:
        raise EmptyInputError(source, "empty file" if source != STDIN else "empty input")
    return data


def _too_large(source: str, what: str, options: Options) -> InputTooLargeError:
    return InputTooLargeError(
        source, f"{what} larger than the limit of {options.max_bytes} bytes (max_bytes)"
    )
