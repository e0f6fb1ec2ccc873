"""date_for: the date of a stretch of text, on hand-built articles (no pipeline)."""

from __future__ import annotations

from sitrep.dating import DateAssignment, date_for
from sitrep.records import Article, Section, Sentence, TimeExpression, TimeType

# Two paragraphs; the first has three sentences.
P1_S1 = "On Sunday, the minister accused the rebels of shelling the port."
P1_S2 = "The rebels denied it."
P1_S3 = "Talks had collapsed in May; the envoy left yesterday."
P2_S1 = "Monitors said the shelling went on."
TEXT = f"{P1_S1} {P1_S2} {P1_S3}\n{P2_S1}"


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def time(
    time_id: str, part: str, value: str, type_: TimeType = "DATE", after: int = 0
) -> TimeExpression:
    start, end = span(TEXT, part, after)
    return TimeExpression(start=start, end=end, text=part, id=time_id, type=type_, value=value)


def article(times: list[TimeExpression], document_date: str | None = "2024-10-14") -> Article:
    first_end = TEXT.index("\n")
    sections = [
        Section(start=0, end=first_end, text=TEXT[:first_end], kind="paragraph"),
        Section(start=first_end + 1, end=len(TEXT), text=TEXT[first_end + 1 :], kind="paragraph"),
    ]
    sentences = []
    for index, sentence in enumerate((P1_S1, P1_S2, P1_S3, P2_S1)):
        start, end = span(TEXT, sentence)
        sentences.append(
            Sentence(start=start, end=end, text=sentence, section=0 if index < 3 else 1)
        )
    return Article(
        text=TEXT,
        sections=sections,
        sentences=sentences,
        times=times,
        document_date=document_date,
        document_date_source="given" if document_date else "none",
    )


SUNDAY = time("t1", "Sunday", "2024-10-13")
MAY = time("t2", "May", "2024-05")
YESTERDAY = time("t3", "yesterday", "2024-10-13")


def test_expression_in_the_sentence_gives_the_date() -> None:
    start, end = span(TEXT, "accused the rebels")
    assert date_for(article([SUNDAY]), start, end) == DateAssignment("2024-10-13", "text", "t1")


def test_expression_inside_the_span_counts() -> None:
    start, end = span(TEXT, P1_S1)
    assert date_for(article([SUNDAY]), start, end).time_id == "t1"


def test_same_clause_wins_over_a_nearer_one_in_another_clause() -> None:
    start, end = span(TEXT, "the envoy left")
    found = date_for(article([SUNDAY, MAY, YESTERDAY]), start, end)
    assert found == DateAssignment("2024-10-13", "text", "t3")


def test_nearest_before_wins_within_a_clause() -> None:
    start, end = span(TEXT, "Talks had collapsed")
    found = date_for(article([SUNDAY, MAY, YESTERDAY]), start, end)
    assert (found.time_id, found.date) == ("t2", "2024-05")


def test_continuation_in_the_same_paragraph_takes_the_previous_date() -> None:
    start, end = span(TEXT, "denied it")
    assert date_for(article([SUNDAY]), start, end) == DateAssignment("2024-10-13", "previous", "t1")


def test_previous_stops_at_a_sentence_with_its_own_unresolved_time() -> None:
    unresolved = time("t2", "May", "XXXX-05")
    start, end = span(TEXT, "the envoy left")
    assert date_for(article([SUNDAY, unresolved]), start, end).source == "publication"


def test_no_previous_across_paragraphs() -> None:
    start, end = span(TEXT, "Monitors said")
    assert date_for(article([SUNDAY]), start, end) == DateAssignment(
        "2024-10-14", "publication", None
    )


def test_unknown_without_any_date() -> None:
    start, end = span(TEXT, "Monitors said")
    assert date_for(article([], None), start, end) == DateAssignment(None, "unknown", None)


def test_sets_durations_and_references_are_not_dates() -> None:
    times = [
        time("t1", "Sunday", "PRESENT_REF"),
        time("t2", "May", "P1D", type_="SET"),
    ]
    start, end = span(TEXT, "accused")
    assert date_for(article(times), start, end).source == "publication"


def test_part_of_day_is_dropped_from_the_date() -> None:
    tonight = time("t1", "Sunday", "2024-10-13TNI", type_="TIME")
    start, end = span(TEXT, "accused")
    assert date_for(article([tonight]), start, end).date == "2024-10-13"
