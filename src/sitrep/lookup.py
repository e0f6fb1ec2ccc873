"""Lookups over an article's records by position: what lies inside or around a stretch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sitrep.records import Article, Mention, Place, Section, Sentence, Span, TimeExpression

SpanT = TypeVar("SpanT", bound=Span)


def within(records: Sequence[SpanT], start: int, end: int) -> list[SpanT]:
    """Records lying wholly inside ``[start, end)``, in text order."""
    return sorted((r for r in records if start <= r.start and r.end <= end), key=lambda r: r.start)


def sentence_at(article: Article, offset: int) -> Sentence | None:
    return next((s for s in article.sentences if s.start <= offset < s.end), None)


def section_at(article: Article, offset: int) -> Section | None:
    return next((s for s in article.sections if s.start <= offset < s.end), None)


def mentions_in(article: Article, start: int, end: int) -> list[Mention]:
    return within(article.mentions, start, end)


def times_in(article: Article, start: int, end: int) -> list[TimeExpression]:
    return within(article.times, start, end)


def places_in(article: Article, start: int, end: int) -> list[Place]:
    return within(article.places, start, end)


def body_sentences(article: Article) -> list[Sentence]:
    """Sentences events and claims are read from: paragraphs only, never datelines/headings."""
    return [
        s
        for s in article.sentences
        if 0 <= s.section < len(article.sections)
        and article.sections[s.section].kind == "paragraph"
    ]
