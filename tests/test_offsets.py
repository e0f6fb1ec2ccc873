"""The evidence contract, as properties: every record's text is ``article.text[start:end]``,
and an article survives its JSON form, for every sample and for generated texts."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, TODAY
from sitrep.errors import SitrepError
from sitrep.evaluation.samples import sample_paths, source_key
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.readers import read_inputs
from sitrep.readers.base import RawInput
from sitrep.records import Article, Quote, Span, span_errors

OPTIONS = Options(today=TODAY)


@cache
def pipeline() -> Pipeline:
    return Pipeline(OPTIONS)


def samples() -> list[RawInput]:
    return [
        item for item in read_inputs(sample_paths(EXAMPLES), OPTIONS) if isinstance(item, RawInput)
    ]


SAMPLES = samples()


def processed(text: str, raw: RawInput | None = None) -> Article:
    article = Article(text=text, meta=raw.meta.model_copy(deep=True)) if raw else Article(text=text)
    return pipeline()(article)


def assert_contract(article: Article) -> None:
    errors = span_errors(article)
    assert not errors, "\n".join(errors[:20])
    again = Article.from_json(article.to_json())
    assert again.model_dump(exclude={"doc"}) == article.model_dump(exclude={"doc"})
    assert again.to_json() == article.to_json()


def test_there_are_samples() -> None:
    assert len(SAMPLES) >= 6


@pytest.mark.parametrize("raw", SAMPLES, ids=[source_key(raw.source) for raw in SAMPLES])
def test_sample_records_point_at_their_text(raw: RawInput) -> None:
    assert_contract(processed(raw.text, raw))


def test_quote_sources_are_checked_spans() -> None:
    """A quote's speaker phrase is a nested span like its cue: a wrong one is reported."""
    text = "A senior official said the talks had failed."
    quote = Quote(
        id="q1",
        kind="indirect",
        start=22,
        end=43,
        text=text[22:43],
        source=Span(start=0, end=17, text="A senior official"),
        cue=Span(start=18, end=22, text="said"),
    )
    article = Article(text=text, quotes=[quote])
    assert span_errors(article) == []
    quote.source = Span(start=2, end=17, text="A senior official")
    (error,) = span_errors(article)
    assert error.startswith("article.quotes[0].source:")


def test_samples_have_speaker_phrases_as_sources() -> None:
    """Every quote with a speaker mention has that mention's span as its source."""
    for raw in SAMPLES[:3]:
        article = processed(raw.text, raw)
        mentions = {m.id: m for m in article.mentions}
        for quote in article.quotes:
            mention = mentions.get(quote.speaker_mention_id or "")
            if mention is not None:
                assert quote.source is not None
                assert (quote.source.start, quote.source.end) == (mention.start, mention.end)


# --- generated texts ------------------------------------------------------------------------

ACTORS = [
    "Ukrainian President Volodymyr Zelensky",
    "Zelensky",
    "he",
    "She",
    "Dmitry Peskov",
    "the Kremlin",
    "North Korea",
    "South Korean officials",
    "Kyiv",
    "Russian forces",
    "the Ukrainian president",
    "Hezbollah",
    "Taipei",
    "the foreign ministry",
    "NATO",
    "Kremlin spokesperson Dmitry Peskov",
    "Washington",
    "the army",
    "a senior official",
    "Rep. Jane Roe (D-Wis.)",
    "WALLACE:",
]
ACTIONS = [
    "said",
    "accused North Korea of sending soldiers",
    "appealed for more support",
    "dismissed the report",
    "denied the claim",
    "warned",
    "added",
    "raised alarms",
    "captured a village near Pokrovsk",
    "met Sergei Lavrov",
    "visited Seoul",
    "imposed sanctions on Russia",
    "expressed concern",
    "rejected the accusation",
]
WHEN = [
    "",
    "on Sunday (Oct 13)",
    "on Thursday (Oct 10)",
    "on Monday 12 May",
    "on Feb. 24, 2022",
    "last week",
    "on Tuesday",
    "in March",
    "over the past 24 hours",
    "late on Wednesday",
    "on 2024-10-13",
    "three days ago",
    "every day",
    "(March 4)",
]
QUOTES = [
    "",
    '"This is fake news."',
    '"a bigger war"',
    "“We will not stop,”",
    "‘very difficult’",
    '"an unterminated quote',
    "«absurd»",
    '"',
    '""',
    '"It is obvious," he said, adding "more."',
    "''It is over,'' said a spokesman.",
    "''",
]
ODD = st.text(
    alphabet=st.characters(codec="utf-8"),  # any character but lone surrogates
    max_size=12,
)
SPECIAL_LINES = [
    "Kyiv, Ukraine",
    "Also read | Another story entirely",
    "(With inputs from agencies)",
    "KYIV (Reuters) - ",
    "Zelensky's appeal",
    "(Reporting by desk; Editing by desk)",
    "WASHINGTON —",
    "Share on X",
    "Photo: AFP",
    "\u200b",
    "\ufeffSeoul, South Korea",
]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    parts = [
        draw(st.sampled_from(ACTORS)),
        draw(st.sampled_from(ACTIONS)),
        draw(st.sampled_from(WHEN)),
        draw(st.sampled_from(QUOTES)),
    ]
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), draw(ODD))
    order = draw(st.permutations(parts)) if draw(st.integers(0, 4)) == 0 else parts
    text = " ".join(part for part in order if part)
    return text + draw(st.sampled_from([".", "", ",", ":", "!", "?", '."', "…"]))


@st.composite
def texts(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            lines.append(draw(st.sampled_from(SPECIAL_LINES)))
        elif kind == 1:
            lines.append(draw(ODD))
        else:
            lines.append(" ".join(draw(st.lists(sentences(), min_size=1, max_size=3))))
    separators = st.sampled_from(["\n", "\n\n", "\r\n", "\n \t\n", "\r", " "])
    text = lines[0]
    for line in lines[1:]:
        text += draw(separators) + line
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_generated_records_point_at_their_text(text: str) -> None:
    try:
        article = processed(text)
    except SitrepError:  # an input the pipeline refuses is fine; a broken span is not
        return
    assert_contract(article)
