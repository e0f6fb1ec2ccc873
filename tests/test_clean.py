"""The cleaner on hand-built inputs: boilerplate kept with reasons, dateline, subheadings."""

from __future__ import annotations

import pytest

from conftest import TODAY
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Article, span_errors


@pytest.fixture(scope="module")
def cleaner() -> Pipeline:
    return Pipeline(Options(stages=("clean",), today=TODAY))


def clean(cleaner: Pipeline, text: str) -> Article:
    return cleaner(Article(text=text))


WIRE = "\n".join(
    [
        "Gaza City, Palestine",
        "The minister on Monday accused the council of delaying aid to the region.",
        "Aid at a standstill",
        "Trucks waited at the crossing for a third day, officials said.",
        "Also read | Ten things to know about the ceasefire talks",
        "Share this article",
        "Subscribe to our newsletter for daily updates",
        "Photo: Reuters",
        "The ministry said it would appeal again.",
        "(With inputs from agencies)",
    ]
)


def test_boilerplate_lines_are_removed_with_reason_and_line(cleaner: Pipeline) -> None:
    article = clean(cleaner, WIRE)
    removed = {r.text: r for r in article.removed}
    assert set(removed) == {
        "Also read | Ten things to know about the ceasefire talks",
        "Share this article",
        "Subscribe to our newsletter for daily updates",
        "Photo: Reuters",
        "(With inputs from agencies)",
    }
    assert removed["(With inputs from agencies)"].line == 10
    assert removed["Also read | Ten things to know about the ceasefire talks"].reason.startswith(
        "also-read"
    )
    assert "Also read" not in article.text and "inputs from agencies" not in article.text


def test_dateline_and_subheading_are_sections(cleaner: Pipeline) -> None:
    article = clean(cleaner, WIRE)
    kinds = [(s.kind, s.text) for s in article.sections]
    assert kinds[0] == ("dateline", "Gaza City, Palestine")
    assert ("subheading", "Aid at a standstill") in kinds
    assert [k for k, _ in kinds].count("paragraph") == 3
    assert span_errors(article) == []


@pytest.mark.parametrize(
    ("first_line", "dateline"),
    [
        ("KYIV (Reuters) - Officials said on Monday that talks would resume.", "KYIV (Reuters)"),
        ("WASHINGTON — The envoy arrived late on Friday for talks.", "WASHINGTON"),
        ("SEOUL, Oct 13 (AP) - Lawmakers met in an emergency session.", "SEOUL, Oct 13 (AP)"),
    ],
)
def test_dateline_prefix_is_split_from_the_first_paragraph(
    cleaner: Pipeline, first_line: str, dateline: str
) -> None:
    article = clean(cleaner, first_line + "\nA second paragraph follows here.")
    assert article.sections[0].kind == "dateline"
    assert article.sections[0].text == dateline
    assert article.sections[1].kind == "paragraph"
    assert not article.sections[1].text.startswith(("-", "—", " "))
    assert span_errors(article) == []


def test_headline_before_dateline_becomes_the_title(cleaner: Pipeline) -> None:
    article = clean(
        cleaner,
        "Ministers clash over grain corridor talks\nAnkara, Turkey\nThe talks ended early.",
    )
    assert [s.kind for s in article.sections] == ["title", "dateline", "paragraph"]
    assert article.meta.title == "Ministers clash over grain corridor talks"


def test_hard_wrapped_paragraphs_are_joined(cleaner: Pipeline) -> None:
    text = (
        "The delegation arrived in the capital late on Tuesday evening after a\n"
        "long delay at the border, officials said.\n"
        "\n"
        "Talks are expected to begin on Wednesday."
    )
    article = clean(cleaner, text)
    assert [s.kind for s in article.sections] == ["paragraph", "paragraph"]
    assert "after a long delay" in article.text


def test_sentences_inside_paragraphs_are_kept(cleaner: Pipeline) -> None:
    text = "Read the statement below.\nShare prices fell sharply on Monday after the vote."
    article = clean(cleaner, text)
    assert article.removed == []


def test_article_id_is_the_hash_of_the_cleaned_text(cleaner: Pipeline) -> None:
    first = clean(cleaner, WIRE)
    second = clean(cleaner, WIRE.replace("Share this article", "Share on Facebook"))
    assert first.id == second.id and len(first.id) == 64
