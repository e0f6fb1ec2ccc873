"""When did it happen? The date of a stretch of the article, with where the date came from.

Used by the quotes and events stages. In order of preference:

1. ``text``: a resolved DATE/TIME expression of the sentence holding the stretch, preferably in
   the same clause; the nearest one before the stretch, else one inside it, else after it.
   Expressions that belong to something else are not candidates: those in a relative clause
   the stretch is not in ("Zelensky, who visited Kyiv on Monday, said ..."; "the war, which it
   launched on 24 February 2022") and those in the stretches the caller excludes (a quote's
   content: "the war broke out in April 2023," she said -- April 2023 is not when she said
   it);
2. ``previous``: the date of an earlier sentence of the same paragraph, when no sentence in
   between has a time expression of its own (the paragraph goes on about the same moment);
3. ``publication``: the article's date (given, from metadata, or inferred);
4. ``unknown``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from sitrep.records import Article, DateSource, Sentence, TimeExpression

# Clause boundaries inside a sentence: semicolons and dashes. Commas are not: "On Sunday (Oct
# 13), Zelensky said ..." keeps its date across the comma.
CLAUSE_BREAK = re.compile(r";|\s[-–—]+\s")
# A value that names a calendar date, month or year: "2024-10-13", "2024-W41", "2024".
CALENDAR_VALUE = re.compile(r"\d{4}")
# A non-restrictive relative clause: from ", which"/", who" to the next comma that is not a
# date's ("24 February, 2022"), clause break or the sentence's end.
RELATIVE_CLAUSE = re.compile(
    r",\s+(?:which|who|whom|whose|where)\b"
    r"(?:[^,;]|,(?=\s*\d{4}\b))*?"
    r"(?=,(?!\s*\d{4}\b)|;|\s[-–—]+\s|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateAssignment:
    date: str | None  # YYYY-MM-DD (or the TIMEX value when coarser) or None
    source: DateSource
    time_id: str | None  # the TimeExpression that gave it, if any


def date_for(
    article: Article, start: int, end: int, *, exclude: Sequence[tuple[int, int]] = ()
) -> DateAssignment:
    """The date of ``article.text[start:end]``, and where it came from.

    Time expressions inside ``exclude`` (``[start, end)`` stretches, such as a quote's content)
    do not date the stretch. A stage that dates many stretches of one article builds one
    :class:`Dating` instead.
    """
    return Dating(article).date_for(start, end, exclude=exclude)


class Dating:
    """:func:`date_for` over one article, its sentences and their times indexed once."""

    def __init__(self, article: Article) -> None:
        self.article = article
        sentences = article.sentences
        self._starts = [sentence.start for sentence in sentences]
        # Bisection finds the sentence of an offset when sentences are in order and apart;
        # otherwise the first in list order that holds it, as sitrep.lookup.sentence_at does.
        self._ordered = all(a.end <= b.start for a, b in pairwise(sentences))
        self._times_by_index: dict[int, list[TimeExpression]] = {}
        self._previous_by_index: dict[int, TimeExpression | None] = {}

    def date_for(
        self, start: int, end: int, *, exclude: Sequence[tuple[int, int]] = ()
    ) -> DateAssignment:
        index = self._sentence_index(start)
        if index is not None:
            sentence = self.article.sentences[index]
            found = _sentence_time(self._times(index), sentence, start, end, exclude)
            if found is not None:
                return _assignment(found, "text")
            own = [t for t in self._times(index) if t.type in ("DATE", "TIME")]
            # "Now", "XXXX-10-13": a moment of its own, just not a usable one; not the previous.
            earlier = None if own else self._previous_time(index)
            if earlier is not None:
                return _assignment(earlier, "previous")
        if self.article.document_date:
            return DateAssignment(self.article.document_date, "publication", None)
        return DateAssignment(None, "unknown", None)

    def _times(self, index: int) -> list[TimeExpression]:
        """The time expressions of sentence ``index``, found on first use."""
        if index not in self._times_by_index:
            sentence = self.article.sentences[index]
            self._times_by_index[index] = _times_of(self.article, sentence)
        return self._times_by_index[index]

    def _sentence_index(self, offset: int) -> int | None:
        sentences = self.article.sentences
        if self._ordered:
            index = bisect_right(self._starts, offset) - 1
            if index >= 0 and offset < sentences[index].end:
                return index
            return None
        return next(
            (i for i, s in enumerate(sentences) if s.start <= offset < s.end),
            None,
        )

    def _previous_time(self, index: int) -> TimeExpression | None:
        """The last dated expression of the nearest earlier sentence of the same paragraph.

        Conservative: only within one paragraph, and only when no sentence in between has a
        time expression of its own (an unresolved one included: it may name another moment).
        """
        if index not in self._previous_by_index:
            self._previous_by_index[index] = self._find_previous_time(index)
        return self._previous_by_index[index]

    def _find_previous_time(self, index: int) -> TimeExpression | None:
        sentences = self.article.sentences
        sentence = sentences[index]
        if not _is_paragraph(self.article, sentence):
            return None
        earlier = [
            i
            for i, s in enumerate(sentences)
            if s.section == sentence.section and s.end <= sentence.start
        ]
        for previous in reversed(earlier):
            times = self._times(previous)
            if not any(t.type in ("DATE", "TIME") for t in times):
                continue
            resolved = [t for t in times if dated(t)]
            return resolved[-1] if resolved else None
        return None


def _assignment(time: TimeExpression, source: DateSource) -> DateAssignment:
    return DateAssignment(_date_value(time.value), source, time.id)


def _date_value(value: str) -> str:
    # "2024-10-13TNI" is still the 13th; the part of day does not belong in a date.
    return value.split("T", 1)[0] if re.match(r"\d{4}-\d{2}-\d{2}T", value) else value


def dated(time: TimeExpression) -> bool:
    """A DATE/TIME expression resolved to the calendar (not "XXXX-10-13", not PRESENT_REF)."""
    return time.type in ("DATE", "TIME") and CALENDAR_VALUE.match(time.value) is not None


def _times_of(article: Article, sentence: Sentence) -> list[TimeExpression]:
    return [t for t in article.times if sentence.start <= t.start and t.end <= sentence.end]


def _sentence_time(
    times: list[TimeExpression],
    sentence: Sentence,
    start: int,
    end: int,
    exclude: Sequence[tuple[int, int]],
) -> TimeExpression | None:
    elsewhere = [*exclude, *_other_relative_clauses(sentence, start, end)]
    candidates = [
        t for t in times if dated(t) and not any(a <= t.start and t.end <= b for a, b in elsewhere)
    ]
    if not candidates:
        return None
    clause = _clause(sentence, start)
    return min(candidates, key=lambda t: _preference(t, clause, start, end))


def _other_relative_clauses(sentence: Sentence, start: int, end: int) -> list[tuple[int, int]]:
    """The relative clauses of ``sentence`` that do not hold ``[start, end)``."""
    spans = []
    for match in RELATIVE_CLAUSE.finditer(sentence.text):
        clause = sentence.start + match.start(), sentence.start + match.end()
        if not (clause[0] <= start and end <= clause[1]):
            spans.append(clause)
    return spans


def _clause(sentence: Sentence, offset: int) -> tuple[int, int]:
    """The ``[start, end)`` of the clause of ``sentence`` that holds ``offset``."""
    clause_start = sentence.start
    for match in CLAUSE_BREAK.finditer(sentence.text):
        boundary = sentence.start + match.start()
        if boundary >= offset:
            return clause_start, boundary
        clause_start = sentence.start + match.end()
    return clause_start, sentence.end


def _preference(
    time: TimeExpression, clause: tuple[int, int], start: int, end: int
) -> tuple[int, int, int]:
    """Same clause first; then before the stretch (nearest), inside it, after it (nearest)."""
    outside_clause = 0 if clause[0] <= time.start < clause[1] else 1
    if time.end <= start:
        return outside_clause, 0, start - time.end
    if time.start < end:
        return outside_clause, 1, max(0, time.start - start)
    return outside_clause, 2, time.start - end


def _is_paragraph(article: Article, sentence: Sentence) -> bool:
    sections = article.sections
    return 0 <= sentence.section < len(sections) and sections[sentence.section].kind == (
        "paragraph"
    )
