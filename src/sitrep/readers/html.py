"""HTML to article text: trafilatura for the text and metadata, htmldate for a missing date.

Downstream stages treat each line as a paragraph, so every conversion here keeps one paragraph
per line.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

import htmldate
import lxml.html
import trafilatura
from lxml.etree import ParserError
from trafilatura.settings import Document

from sitrep.errors import InputError, NoArticleError
from sitrep.options import Options
from sitrep.readers.base import RawInput
from sitrep.readers.content import Content
from sitrep.readers.dates import iso_date
from sitrep.records import Metadata

PublishedSource = Literal["metadata", "htmldate", "none"]

# Elements that end a line in the plain conversion of a feed's HTML fragment.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "ol", "p", "pre", "section", "table", "tr", "ul",
    }
)  # fmt: skip
_INVISIBLE_TAGS = ("script", "style", "noscript", "template")
_BREAK = "\u2029"


def read_html(content: Content, options: Options) -> Iterator[RawInput | InputError]:
    """An HTML file or standard input holding one HTML page."""
    yield html_article(content.text, content.source, options, input_format="html")


def html_article(
    markup: str | bytes,
    source: str,
    options: Options,
    *,
    input_format: str,
    url: str | None = None,
) -> RawInput:
    """The article in one HTML page; NoArticleError when trafilatura finds none."""
    document = trafilatura.bare_extraction(
        markup,
        url=url,
        favor_precision=True,
        include_comments=False,
        with_metadata=True,
        # Only the page's own metadata here; htmldate's wider search runs below when it fails,
        # so that published_source can tell the two apart.
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "max_date": options.today.isoformat(),
        },
    )
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise NoArticleError(source, "no article text found in the HTML")
    words = len((document.text or "").split())
    if words < options.min_article_words:
        raise NoArticleError(
            source,
            f"no article in the HTML: its main text has {words} words "
            f"(fewer than min_article_words={options.min_article_words})",
        )
    published, published_source = publication_date(markup, document.date, options, url)
    meta = Metadata(
        title=_blank_to_none(document.title),
        url=_blank_to_none(document.url) or url,
        site=_blank_to_none(document.sitename) or _blank_to_none(document.hostname),
        author=_blank_to_none(document.author),
        published=published,
        published_source=published_source,
        source=source,
        input_format=input_format,
    )
    return RawInput(source=source, text=(document.text or "").strip(), meta=meta)


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content): trafilatura, else a plain conversion.

    trafilatura expects whole pages and may refuse a short fragment, or keep too little of it;
    the plain conversion keeps every block as its own line.
    """
    if not fragment.strip():
        return ""
    wrapped = f"<html><body><article>{fragment}</article></body></html>"
    extracted = trafilatura.extract(wrapped, favor_precision=True, include_comments=False)
    if extracted and extracted.strip():
        return extracted.strip()
    return plain_fragment_text(fragment)


def plain_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment with one line per block element, whitespace collapsed."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for invisible in list(root.iter(*_INVISIBLE_TAGS)):
        invisible.drop_tree()
    # Newlines in the markup are mere whitespace; block boundaries are marked with the Unicode
    # paragraph separator instead, and become the only line breaks.
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.text = _BREAK + (element.text or "")
            element.tail = _BREAK + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split(_BREAK))
    return "\n".join(line for line in lines if line)


def publication_date(
    markup: str | bytes, metadata_date: str | None, options: Options, url: str | None
) -> tuple[date | None, PublishedSource]:
    """The date trafilatura found in the page's metadata, else htmldate's wider guess."""
    found = iso_date(metadata_date or "")
    if found is not None:
        return found, "metadata"
    if options.published is not None:
        return None, "none"  # the given date wins anyway; skip the costly search
    guessed = htmldate.find_date(
        markup, original_date=True, url=url, max_date=options.today.isoformat()
    )
    found = iso_date(guessed or "")
    return (found, "htmldate") if found is not None else (None, "none")


def _blank_to_none(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return value.strip()
