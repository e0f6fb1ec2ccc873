"""JSON Lines: one article per line, as ``text`` or ``html`` with optional metadata fields."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from sitrep.errors import InputError, MalformedInputError
from sitrep.options import Options
from sitrep.readers.base import RawInput
from sitrep.readers.content import Content
from sitrep.readers.dates import iso_date
from sitrep.readers.html import html_article
from sitrep.records import Metadata

_STRING_FIELDS = ("text", "html", "url", "title", "published", "author", "site")
_JSON_TYPE_NAMES = {
    "list": "an array",
    "str": "a string",
    "int": "a number",
    "float": "a number",
    "bool": "a boolean",
    "NoneType": "null",
}


@dataclass(frozen=True)
class JsonlRecord:
    """The fields sitrep reads from one line; other fields are ignored."""

    text: str | None
    html: str | None
    url: str | None
    title: str | None
    published: str | None
    author: str | None
    site: str | None


def read_jsonl(content: Content, options: Options) -> Iterator[RawInput | InputError]:
    """One article per non-blank line; a bad line yields its error and the rest go on."""
    for number, line in enumerate(content.text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield _line_article(line, content.source, number, options)
        except InputError as error:
            yield error


def _line_article(line: str, path: str, number: int, options: Options) -> RawInput:
    where = f"{path}:{number}"  # errors point at the line, as compilers do
    record = _parse_line(line, where)
    published = None
    if record.published is not None:
        published = iso_date(record.published)
        if published is None:
            raise MalformedInputError(
                where, f"'published' is not an ISO date or datetime: {record.published!r}"
            )
    given = Metadata(
        title=record.title,
        url=record.url,
        site=record.site,
        author=record.author,
        published=published,
        published_source="metadata" if published else "none",
        source=f"{path}#{number}",
        input_format="jsonl",
    )
    if record.text is not None and record.text.strip():
        text = record.text.replace("\r\n", "\n").replace("\r", "\n")
        return RawInput(source=f"{path}#{number}", text=text, meta=given)
    if record.html is not None and record.html.strip():
        extracted = html_article(record.html, where, options, input_format="jsonl", url=record.url)
        return RawInput(
            source=f"{path}#{number}", text=extracted.text, meta=_merged(given, extracted.meta)
        )
    raise MalformedInputError(where, "has no non-empty 'text' or 'html' field")


def _parse_line(line: str, where: str) -> JsonlRecord:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise MalformedInputError(
            where, f"not JSON ({error.msg} at column {error.colno})"
        ) from None
    if not isinstance(value, dict):
        kind = _JSON_TYPE_NAMES.get(type(value).__name__, "a JSON value")
        raise MalformedInputError(where, f"{kind}, not a JSON object")
    for name in _STRING_FIELDS:
        if value.get(name) is not None and not isinstance(value[name], str):
            raise MalformedInputError(where, f"field {name!r} is not a string")
    return JsonlRecord(**{name: value.get(name) for name in _STRING_FIELDS})


def _merged(given: Metadata, extracted: Metadata) -> Metadata:
    """The line's own fields, with what the HTML revealed filling the gaps."""
    filled = {
        name: getattr(extracted, name)
        for name in ("title", "url", "site", "author")
        if getattr(given, name) is None
    }
    if given.published is None:
        filled["published"] = extracted.published
        filled["published_source"] = extracted.published_source
    return given.model_copy(update=filled)
