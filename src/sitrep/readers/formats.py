"""Which reader an input needs: from its file name first, else sniffed from its content."""

from __future__ import annotations

import json
import re
from typing import Literal

Format = Literal["text", "html", "jsonl", "feed", "warc"]

EXTENSION_FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".feed": "feed",
    ".warc": "warc",
}

# Formats people hand over by mistake; naming them beats a bare "binary content".
KNOWN_BINARY_FORMATS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)

GZIP_MAGIC = b"\x1f\x8b"
WARC_MAGIC = b"WARC/"

# The first element of a document, past any XML declaration, comments and doctype (whose
# internal subset may itself contain '>').
_ROOT_ELEMENT = re.compile(
    r"(?:\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype[^\[>]*(?:\[.*?\])?\s*>))*\s*<([a-z][\w:.-]*)",
    re.DOTALL,
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})
# Elements a page or fragment starts with; text that merely begins with "<" stays text.
_HTML_ELEMENTS = frozenset(
    {
        "html", "head", "body", "meta", "title", "link", "script", "style", "base", "div",
        "p", "span", "a", "article", "section", "main", "header", "nav", "h1", "h2", "h3",
        "h4", "h5", "h6", "table", "ul", "ol", "img", "br", "figure", "blockquote", "b", "i",
        "em", "strong",
    }
)  # fmt: skip
_SNIFF_CHARS = 4096


def format_from_name(name: str) -> Format | None:
    """The format a file name's extension promises, or None when it promises nothing."""
    lowered = name.lower()
    if lowered.endswith(".warc.gz"):
        return "warc"
    for extension, known in EXTENSION_FORMATS.items():
        if lowered.endswith(extension):
            return known
    return None


def is_article_file(name: str) -> bool:
    """Whether a file met inside a folder is an article input by its name.

    Folders also hold READMEs, gold annotations and notes: only names that promise an article
    format (``.txt``, ``.html``, ``.jsonl``, feeds, WARC, and their ``.gz``) are read there.
    A file named on the command line is always read, whatever its name.
    """
    lowered = name.lower()
    return format_from_name(lowered.removesuffix(".gz")) is not None or lowered.endswith(".warc.gz")


def known_binary_format(data: bytes) -> str | None:
    """A description of a recognised non-text format ("a PNG image"), else None."""
    return next((what for magic, what in KNOWN_BINARY_FORMATS if data.startswith(magic)), None)


def sniff_format(text: str) -> Format:
    """The format of decoded content without a telling file name (stdin, odd extensions)."""
    head = text[:_SNIFF_CHARS].lstrip().lower()
    if head.startswith("<"):
        root = _ROOT_ELEMENT.match(head)
        name = root.group(1) if root else None
        if name in _FEED_ROOTS:
            return "feed"
        if name in _HTML_ELEMENTS or head.startswith("<!doctype html"):
            return "html"
        if head.startswith("<?xml"):
            return "feed"  # other XML: the feed reader says what it is not
    if head.startswith("{") and _first_line_is_json_object(head):
        return "jsonl"
    return "text"


def _first_line_is_json_object(head: str) -> bool:
    first_line = head.split("\n", 1)[0]
    try:
        return isinstance(json.loads(first_line), dict)
    except ValueError:
        return False
