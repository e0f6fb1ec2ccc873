"""RSS and Atom feeds: one article per entry, through feedparser.

Entity declarations are refused before feedparser sees the bytes: defusedxml parses the
document first and stops at the first ``<!ENTITY``, so no expansion (billion laughs, external
entities) ever happens.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_xml
import feedparser
from defusedxml import EntitiesForbidden, ExternalReferenceForbidden

from sitrep.errors import (
    InputError,
    MalformedInputError,
    NoArticleError,
    UnsupportedInputError,
)
from sitrep.options import Options
from sitrep.readers.base import RawInput
from sitrep.readers.content import Content
from sitrep.readers.dates import struct_time_date
from sitrep.readers.html import fragment_text, plain_fragment_text
from sitrep.records import Metadata

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
# Bozo reasons that say the declared encoding was wrong but the feed still parsed strictly.
_HARMLESS_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def read_feed(content: Content, options: Options) -> Iterator[RawInput | InputError]:
    """Every entry of an RSS, RDF or Atom feed; an entry without text yields NoArticleError."""
    refuse_entity_declarations(content.source, content.data)
    parsed = feedparser.parse(io.BytesIO(content.data), resolve_relative_uris=False)
    exception = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exception, _HARMLESS_BOZO):
        raise MalformedInputError(content.source, f"malformed feed XML: {exception}")
    version = parsed.get("version") or ""
    if not version:
        raise UnsupportedInputError(content.source, "XML that is not an RSS or Atom feed")
    if not parsed.entries:
        raise NoArticleError(content.source, "the feed has no entries")
    input_format = "atom" if version.startswith("atom") else "rss"
    site = _text_value(parsed.feed, "title")
    for number, entry in enumerate(parsed.entries, start=1):
        source = f"{content.source}#{number}"
        text = _entry_text(entry)
        if not text:
            yield NoArticleError(source, "the feed entry has no content or summary text")
            continue
        published = struct_time_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        meta = Metadata(
            title=_text_value(entry, "title"),
            url=entry.get("link") or None,
            site=site,
            author=_author(entry),
            published=published,
            published_source="metadata" if published else "none",
            source=source,
            input_format=input_format,
        )
        yield RawInput(source=source, text=text, meta=meta)


def refuse_entity_declarations(source: str, data: bytes) -> None:
    """UnsupportedInputError for XML that declares entities or refers to external resources."""
    try:
        safe_xml.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden:
        raise UnsupportedInputError(source, "declares XML entities; refused") from None
    except ExternalReferenceForbidden:
        raise UnsupportedInputError(source, "refers to external XML resources; refused") from None
    except (ParseError, ValueError):
        # Broken XML: feedparser names the damage. A declaration past the damage was never
        # reached by the parser above, so look for one in the raw bytes too.
        if _ENTITY_DECLARATION.search(data):
            raise UnsupportedInputError(source, "declares XML entities; refused") from None


def _entry_text(entry: Any) -> str:
    """The entry's full content when it has any, else its summary, as plain text."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    for candidate in candidates:
        text = _detail_text(candidate)
        if text:
            return text
    return ""


def _detail_text(detail: Any) -> str:
    value = detail.get("value") or ""
    if "html" in (detail.get("type") or ""):
        return fragment_text(value)
    lines = (" ".join(line.split()) for line in value.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _author(entry: Any) -> str | None:
    """The author's name; RSS gives "email (Name)", which feedparser splits for us."""
    detail = entry.get("author_detail") or {}
    return detail.get("name") or entry.get("author") or None


def _text_value(container: Any, name: str) -> str | None:
    """A title-like field as plain text (feedparser keeps HTML titles as markup)."""
    detail = container.get(f"{name}_detail") or {}
    value = container.get(name) or ""
    if "html" in (detail.get("type") or ""):
        value = plain_fragment_text(value).replace("\n", " ")
    return value.strip() or None
