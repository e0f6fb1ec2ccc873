"""The quotes stage on invented sentences with hand-built mentions, and on the seed article."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TODAY, pipeline_runner, shared_path
from sitrep.datafiles import load_entries
from sitrep.kb import KnowledgeBase
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Actor, Article, Mention, MentionKind, Quote, Section, span_errors
from sitrep.stages.quotes import (
    STAGE,
    CueEntry,
    Grammar,
    load_grammar,
    quote_pairs,
    quotes_of,
)

# phrase, mention kind, actor id (None: a mention no actor was found for)
Speaker = tuple[str, MentionKind, str | None]
LOPEZ: list[Speaker] = [
    ("Foreign Minister Ana Lopez", "title", "lopez"),
    ("Lopez", "name", "lopez"),
    ("the foreign minister", "description", "lopez"),
    ("she", "pronoun", "lopez"),
    ("She", "pronoun", "lopez"),
    ("Norland", "country", "norland"),
    ("the council", "organisation", "council"),
]


@pytest.fixture(scope="module")
def reader() -> Pipeline:
    return Pipeline(Options(stages=("clean", "language"), today=TODAY))


@pytest.fixture(scope="module")
def grammar() -> Grammar:
    return load_grammar(KnowledgeBase.load())


def build(reader: Pipeline, text: str, speakers: list[Speaker] = LOPEZ) -> Article:
    """The cleaned, segmented article with a mention at every occurrence of each phrase."""
    article = reader(Article(text=text))
    taken: list[tuple[int, int]] = []
    for phrase, kind, actor_id in speakers:
        for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", article.text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append(match.span())
            article.mentions.append(
                Mention(
                    id=f"m{len(article.mentions) + 1}",
                    start=match.start(),
                    end=match.end(),
                    text=match.group(),
                    kind=kind,
                    actor_id=actor_id,
                )
            )
    for actor_id in sorted({a for _, _, a in speakers if a}):
        first = next((m for m in article.mentions if m.actor_id == actor_id), None)
        if first is not None:
            article.actors.append(
                Actor(
                    id=actor_id,
                    name=actor_id,
                    kind="person",
                    start=first.start,
                    end=first.end,
                    text=first.text,
                )
            )
    article.mentions.sort(key=lambda m: m.start)
    return article


def quotes(reader: Pipeline, grammar: Grammar, text: str) -> list[Quote]:
    article = build(reader, text)
    found = quotes_of(article, grammar)
    article.quotes = found
    assert span_errors(article) == []
    return found


def only(found: list[Quote], kind: str) -> Quote:
    matching = [q for q in found if q.kind == kind]
    assert len(matching) == 1, found
    return matching[0]


INTRO = "Foreign Minister Ana Lopez spoke in the capital on Monday."


# -- direct quotations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "cue"),
    [
        ('"The talks are over," she said.', "said"),
        ('"The talks are over," Lopez told reporters.', "told"),
        ('"The talks are over," said Lopez.', "said"),
        ('"The talks are over," added the foreign minister.', "added"),
        ('Lopez said: "The talks are over."', "said"),
        ('Lopez said, "The talks are over."', "said"),
        ('Lopez told reporters in the capital: "The talks are over."', "told"),
        ('"The talks are over", she said.', "said"),
        ('"The talks are over!" she insisted.', "insisted"),
    ],
)
def test_direct_quote_layouts(reader: Pipeline, grammar: Grammar, paragraph: str, cue: str) -> None:
    found = quotes(reader, grammar, f"{INTRO}\n{paragraph}")
    quote = only(found, "direct")
    assert quote.text.rstrip(".!") == "The talks are over"
    assert quote.cue is not None and quote.cue.text == cue
    assert (quote.speaker_actor_id, quote.speaker_status) == ("lopez", "resolved")
    assert quote.speaker_mention_id is not None


@pytest.mark.parametrize(
    "marks",
    [("“", "”"), ("«", "»"), ("‘", "’"), ("'", "'")],
    ids=["curly", "angle", "curly-single", "straight-single"],
)
def test_every_kind_of_quotation_mark(
    reader: Pipeline, grammar: Grammar, marks: tuple[str, str]
) -> None:
    opening, closing = marks
    found = quotes(reader, grammar, f"{INTRO}\n{opening}We will not sign,{closing} she said.")
    quote = only(found, "direct")
    assert quote.text == "We will not sign"
    assert quote.speaker_actor_id == "lopez"


def test_quote_after_adding_is_its_own_quote_of_the_same_speaker(
    reader: Pipeline, grammar: Grammar
) -> None:
    text = f'{INTRO}\n"We want peace," she said, adding "The door stays open."'
    first, second = quotes(reader, grammar, text)
    assert first.text == "We want peace" and first.cue is not None
    assert second.text == "The door stays open."
    assert second.cue is not None and second.cue.text == "adding"
    assert second.speaker_actor_id == "lopez"
    assert second.continues is None


def test_paragraph_wholly_quoted_continues_the_previous_quote(
    reader: Pipeline, grammar: Grammar
) -> None:
    text = f'{INTRO}\n"We want peace," she said.\n"But not at any price."'
    first, second = quotes(reader, grammar, text)
    assert second.kind == "direct" and second.cue is None
    assert second.continues == first.id
    assert (second.speaker_actor_id, second.speaker_status) == ("lopez", "resolved")


def test_paragraph_wholly_quoted_after_a_subheading_has_no_speaker(
    reader: Pipeline, grammar: Grammar
) -> None:
    text = f'{INTRO}\n"We want peace," she said.\nTalks in doubt\n"But not at any price."'
    found = quotes(reader, grammar, text)
    assert (found[-1].continues, found[-1].speaker_status) == (None, "unknown")


@pytest.mark.parametrize(
    "paragraph",
    [
        '"We want peace," she said. "But not at any price."',
        '"We want peace," she said, "but not at any price."',
    ],
)
def test_quote_split_by_its_cue(reader: Pipeline, grammar: Grammar, paragraph: str) -> None:
    first, second = quotes(reader, grammar, f"{INTRO}\n{paragraph}")
    assert second.text.lower().startswith("but not at any price")
    assert second.continues == first.id
    assert second.speaker_actor_id == "lopez"


def test_speaker_is_the_subject_not_the_nearest_name(reader: Pipeline, grammar: Grammar) -> None:
    text = (
        "On Tuesday, Foreign Minister Ana Lopez when asked by reporters if Norland was "
        'ready to talk said, "We are always ready."'
    )
    quote = only(quotes(reader, grammar, text), "direct")
    assert quote.text == "We are always ready."
    assert quote.speaker_actor_id == "lopez"


def test_quote_with_no_cue_and_nothing_before_has_an_unknown_speaker(
    reader: Pipeline, grammar: Grammar
) -> None:
    quote = only(quotes(reader, grammar, '"Nobody expected this."\nLopez left early.'), "direct")
    assert quote.speaker_status == "unknown"
    assert quote.speaker_actor_id is None and quote.speaker_mention_id is None


def test_speaker_mention_without_actor_is_unresolved(reader: Pipeline, grammar: Grammar) -> None:
    article = build(reader, '"We are ready," said the envoy.', [("the envoy", "description", None)])
    quote = only(quotes_of(article, grammar), "direct")
    assert quote.speaker_status == "unresolved"
    assert quote.speaker_mention_id is not None and quote.speaker_actor_id is None


def test_headline_speaker_and_colon_attribute_the_rest_of_the_line(
    reader: Pipeline, grammar: Grammar
) -> None:
    text = "Lopez: Norland must pay for the damage\nThe council met on Monday."
    quote = only(quotes(reader, grammar, text), "indirect")
    assert quote.text == "Norland must pay for the damage"
    assert quote.cue is not None and quote.cue.text == ":"
    assert quote.speaker_actor_id == "lopez"


def test_transcript_line_needs_a_speaker_in_capitals(reader: Pipeline, grammar: Grammar) -> None:
    speakers: list[Speaker] = [("LOPEZ", "name", "lopez"), ("Norland", "country", "norland")]
    text = f"{INTRO}\nLOPEZ: We will not sign this deal.\nNorland: a short history of a long feud."
    article = build(reader, text, speakers)
    found = quotes_of(article, grammar)
    assert [(q.text, q.speaker_actor_id) for q in found] == [
        ("We will not sign this deal.", "lopez")
    ]


def test_unresolved_it_speaks_for_the_clause_subject(reader: Pipeline, grammar: Grammar) -> None:
    speakers: list[Speaker] = [*LOPEZ, ("it", "pronoun", None)]
    text = f'{INTRO}\nNorland expelled two envoys over what it called "a plot".'
    article = build(reader, text, speakers)
    quote = only(quotes_of(article, grammar), "partial")
    assert quote.speaker_actor_id == "norland"


def test_quote_running_on_into_the_next_paragraph(reader: Pipeline, grammar: Grammar) -> None:
    text = f'{INTRO}\nLopez said: "The first part of it.\n"And the second part."'
    first, second = quotes(reader, grammar, text)
    assert first.text == "The first part of it." and first.speaker_actor_id == "lopez"
    assert second.continues == first.id and second.speaker_actor_id == "lopez"


# -- partial quotations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "phrase", "cue", "speaker"),
    [
        (
            'Lopez appealed for calm to avoid "a wider conflict".',
            "a wider conflict",
            "appealed",
            "lopez",
        ),
        (
            'Lopez raised alarms about the "real danger" of a blockade.',
            "real danger",
            "raised alarms",
            "lopez",
        ),
        (
            'The plan was a proposal dismissed by the council as "pure theatre."',
            "pure theatre",
            "dismissed",
            "council",
        ),
        (
            'Trade stalled, with the talks described as "very tense" by Norland.',
            "very tense",
            "described",
            "norland",
        ),
        ('Lopez called the plan "a trap" on Monday.', "a trap", "called", "lopez"),
    ],
)
def test_partial_quotes(
    reader: Pipeline, grammar: Grammar, sentence: str, phrase: str, cue: str, speaker: str
) -> None:
    quote = only(quotes(reader, grammar, f"{INTRO}\n{sentence}"), "partial")
    assert quote.text == phrase
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker_actor_id == speaker


def test_scare_quotes_without_cue_have_no_speaker(reader: Pipeline, grammar: Grammar) -> None:
    text = f'{INTRO}\nThe so-called "peace train" left Norland on time.'
    quote = only(quotes(reader, grammar, text), "partial")
    assert quote.speaker_status == "unknown" and quote.cue is None


# -- indirect speech --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "reported", "cue"),
    [
        (
            "Lopez accused Norland of moving troops to the border and called for talks.",
            "moving troops to the border",
            "accused",
        ),
        (
            "Lopez said that the border would stay closed.",
            "that the border would stay closed",
            "said",
        ),
        (
            "Lopez said on Monday that the border would stay closed.",
            "that the border would stay closed",
            "said",
        ),
        ("Lopez said the border would stay closed.", "the border would stay closed", "said"),
        ("Lopez warned that the talks could fail.", "that the talks could fail", "warned"),
        (
            "Lopez told reporters the border would stay closed.",
            "the border would stay closed",
            "told",
        ),
        (
            "Lopez emphasized that the border would stay closed.",
            "that the border would stay closed",
            "emphasized",
        ),
        (
            "Lopez emphasised the need for patience in the talks.",
            "the need for patience in the talks",
            "emphasised",
        ),
        (
            "According to Lopez, the border will stay closed.",
            "the border will stay closed",
            "According to",
        ),
        (
            "The border will stay closed, according to Lopez.",
            "The border will stay closed",
            "according to",
        ),
        ("The border will stay closed, Lopez said.", "The border will stay closed", "said"),
        ("The border will stay closed, said Lopez.", "The border will stay closed", "said"),
        (
            "The border will stay closed, Lopez said on Monday, a claim Norland rejected.",
            "The border will stay closed",
            "said",
        ),
        (
            "Lopez rejected the plan, saying the border would stay closed.",
            "the border would stay closed",
            "saying",
        ),
        (
            "Lopez expressed concern that the talks could fail.",
            "that the talks could fail",
            "expressed concern",
        ),
        # A bare answer is a report too, as PolNeAR annotates it.
        ("Lopez said so.", "so", "said"),
        (
            "Lopez has said for weeks the border would stay closed.",
            "the border would stay closed",
            "said",
        ),
        (
            "Lopez is continuing to insist the border will stay closed.",
            "the border will stay closed",
            "insist",
        ),
        (
            "Lopez is tired, and she has also said the border will stay closed.",
            "the border will stay closed",
            "said",
        ),
    ],
)
def test_indirect_speech(
    reader: Pipeline, grammar: Grammar, sentence: str, reported: str, cue: str
) -> None:
    quote = only(quotes(reader, grammar, f"{INTRO}\n{sentence}"), "indirect")
    assert quote.text == reported
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker_actor_id == "lopez"


@pytest.mark.parametrize(
    "sentence",
    [
        "The claim that the border would close was false.",
        "Norland troops continued their advance, claiming another village.",
        "Lopez said it.",
    ],
)
def test_no_indirect_speech(reader: Pipeline, grammar: Grammar, sentence: str) -> None:
    assert [
        q for q in quotes(reader, grammar, f"{INTRO}\n{sentence}") if q.kind == "indirect"
    ] == []


@pytest.mark.parametrize(
    ("sentence", "reported", "cue"),
    [
        # A nested report: the 'that' belongs to the inner cue, the outer one reports it all.
        (
            "Lopez said she hoped that the border would reopen soon.",
            "she hoped that the border would reopen soon",
            "said",
        ),
        # A listener named or a pronoun before a bare clause.
        (
            "Lopez told Norland the border would stay closed.",
            "the border would stay closed",
            "told",
        ),
        ("Lopez told him the border would stay closed.", "the border would stay closed", "told"),
        # The clause after a sentence-initial adverbial is the report, not the adverbial.
        (
            "On trade issues, Lopez says the border must stay open.",
            "the border must stay open",
            "says",
        ),
        # A subordinate clause's report ends where the main clause starts.
        (
            "Although Lopez has argued that the border should close, the council disagrees.",
            "that the border should close",
            "argued",
        ),
        # '..., X said, adding ...': the participle shares the subject of the cue before it.
        (
            "The border will stay closed, Lopez said, adding that the talks had failed.",
            "that the talks had failed",
            "adding",
        ),
        # '..., but says ...' shares the sentence's subject.
        (
            "Lopez has rejected the plan, but says that the talks can go on.",
            "that the talks can go on",
            "says",
        ),
    ],
)
def test_indirect_speech_in_longer_sentences(
    reader: Pipeline, grammar: Grammar, sentence: str, reported: str, cue: str
) -> None:
    found = [q for q in quotes(reader, grammar, f"{INTRO}\n{sentence}") if q.kind == "indirect"]
    quote = next(q for q in found if q.cue is not None and q.cue.text == cue)
    assert quote.text == reported
    assert quote.speaker_actor_id == "lopez"


def test_second_clause_with_its_own_subject_ends_the_first_report(
    reader: Pipeline, grammar: Grammar
) -> None:
    text = f"{INTRO}\nLopez said the talks had failed, while most analysts said they would resume."
    found = [q for q in quotes(reader, grammar, text) if q.kind == "indirect"]
    assert [q.text for q in found] == ["the talks had failed", "they would resume"]
    assert found[0].speaker_actor_id == "lopez"
    assert found[1].source is not None and found[1].source.text == "most analysts"


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Some say the border will stay closed for months.", "Some"),
        ("Many said on Monday that the border would stay closed.", "Many"),
    ],
)
def test_quantifier_standing_alone_is_a_subject(
    reader: Pipeline, grammar: Grammar, sentence: str, source: str
) -> None:
    quote = only(quotes(reader, grammar, f"{INTRO}\n{sentence}"), "indirect")
    assert quote.source is not None and quote.source.text == source


def test_only_a_verb_of_saying_inverts_its_subject(reader: Pipeline, grammar: Grammar) -> None:
    # '..., oppose X' is no '..., said X': what comes before the comma is not its report.
    text = f"{INTRO}\nLopez and the council, both of them, oppose changing the border rules."
    found = [q for q in quotes(reader, grammar, text) if q.kind == "indirect"]
    assert [q.text for q in found] == ["changing the border rules"]


@pytest.mark.parametrize(
    "sentence",
    [
        # A quantifier before a form in -s is a determiner of a noun.
        "Many claims that the border would close were false.",
        # A relative clause after a comma is not a report's end.
        "Lopez, who on Monday endorsed the plan, left early.",
        # A listener must be followed by a clause: 'Norland' modifies 'officials' here.
        "Lopez told Norland officials about the plan for the border.",
    ],
)
def test_no_indirect_speech_in_these(reader: Pipeline, grammar: Grammar, sentence: str) -> None:
    found = [q for q in quotes(reader, grammar, f"{INTRO}\n{sentence}") if q.kind == "indirect"]
    assert found == [], found


def test_second_clause_without_a_mention_has_no_speaker(reader: Pipeline, grammar: Grammar) -> None:
    text = f"{INTRO}\nLopez left early, and analysts said the talks would fail."
    quote = only(quotes(reader, grammar, text), "indirect")
    assert quote.text == "the talks would fail"
    assert quote.speaker_status == "unknown" and quote.speaker_mention_id is None


def test_coordinated_verb_shares_the_subject(reader: Pipeline, grammar: Grammar) -> None:
    text = f'{INTRO}\nLopez left early, and urged Norland to stop what it called "a farce".'
    quote = only(quotes(reader, grammar, text), "partial")
    assert quote.speaker_actor_id == "lopez"


def test_subject_with_a_long_apposition_reports(reader: Pipeline, grammar: Grammar) -> None:
    text = (
        f"{INTRO}\nJane Roe, director of the Institute for Border Studies at the National "
        "University's law school, said the talks were close to a deal."
    )
    quote = only(quotes(reader, grammar, text), "indirect")
    assert quote.text == "the talks were close to a deal"


def test_interposed_cue_splits_its_report(reader: Pipeline, grammar: Grammar) -> None:
    text = f"{INTRO}\nThe treaty, Lopez said on Monday, would be signed within weeks."
    found = [q for q in quotes(reader, grammar, text) if q.kind == "indirect"]
    assert [q.text for q in found] == ["The treaty", "would be signed within weeks"]
    assert {q.speaker_actor_id for q in found} == {"lopez"}
    assert len({(q.cue.start, q.cue.end) for q in found if q.cue}) == 1


def test_inverted_mention_that_starts_a_clause_is_not_the_speaker(
    reader: Pipeline, grammar: Grammar
) -> None:
    text = f"{INTRO}\nJane Roe, a lawyer for the families, said the council was wrong."
    quote = only(quotes(reader, grammar, text), "indirect")
    assert quote.text == "the council was wrong"
    assert quote.speaker_actor_id is None


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("Lopez acknowledged the scale of the problem.", "the scale of the problem"),
        ("Lopez agreed to reopen the border crossings.", "to reopen the border crossings"),
        (
            "Lopez estimates that the deal would cost $5 billion.",
            "that the deal would cost $5 billion",
        ),
        (
            "Lopez says at a rally in the north, that the talks will go on.",
            "that the talks will go on",
        ),
    ],
)
def test_beliefs_findings_and_objects_are_reported(
    reader: Pipeline, grammar: Grammar, sentence: str, content: str
) -> None:
    quote = only(quotes(reader, grammar, f"{INTRO}\n{sentence}"), "indirect")
    assert quote.text == content
    assert quote.speaker_actor_id == "lopez"


def test_quotation_signed_after_a_dash(reader: Pipeline, grammar: Grammar) -> None:
    text = f"{INTRO}\n“The border must stay open for trade.” ― Ana Lopez"
    quote = only(quotes(reader, grammar, text), "direct")
    assert quote.text == "The border must stay open for trade."
    assert quote.cue is not None and quote.cue.text == "―"


def test_long_inverted_speaker_after_a_quotation(reader: Pipeline, grammar: Grammar) -> None:
    text = (
        f"{INTRO}\n“We will not give up,” Lopez, the foreign minister of the northern "
        "republic since 2019, said on Monday."
    )
    quote = only(quotes(reader, grammar, text), "direct")
    assert quote.text == "We will not give up"
    assert quote.speaker_actor_id == "lopez"


@pytest.mark.parametrize(
    "text",
    ['Lopez said: "We will not sign.”', 'Lopez said: “We will not sign."', "”We will not sign.”"],
)
def test_mixed_straight_and_curly_marks_pair(grammar: Grammar, text: str) -> None:
    pairs = quote_pairs(text, 0, len(text))
    assert pairs is not None and len(pairs) == 1


def test_transcript_speaker_in_capitals(reader: Pipeline, grammar: Grammar) -> None:
    text = f"{INTRO}\nMODERATOR: Will the border stay open next year?"
    quote = only(quotes(reader, grammar, text), "indirect")
    assert quote.text == "Will the border stay open next year?"
    assert quote.cue is not None and quote.cue.text == ":"


# -- marks that do not pair -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lopez's aides don't agree; the ministers' view isn't shared.",
        "Lopez’s aides don’t agree; the ministers’ view isn’t shared.",
        "In the '90s the rock 'n' roll era was over.",
    ],
)
def test_apostrophes_are_not_quotation_marks(reader: Pipeline, grammar: Grammar, text: str) -> None:
    assert quotes(reader, grammar, text) == []


@pytest.mark.parametrize(
    "broken",
    [
        'Lopez said: "We will not sign.',
        "Lopez said: “We will not sign.",
        "Lopez said: We will not sign.” Then she left.",
        'Lopez said: "We will "not sign.',
        "Lopez said: “We “will not sign.”",
    ],
)
def test_unbalanced_marks_leave_only_their_paragraph_alone(
    reader: Pipeline, grammar: Grammar, broken: str
) -> None:
    text = f'{broken}\nLopez spoke again on Monday.\n"We are ready," she said.'
    found = quotes(reader, grammar, text)
    assert [q.text for q in found if q.kind == "direct"] == ["We are ready"]


def test_closing_angle_mark_that_opens_a_word_pairs() -> None:
    text = "She said: \u00bbWe will stay\u00ab and left."
    pairs = quote_pairs(text, 0, len(text))
    assert pairs is not None
    assert [text[p.inner_start : p.close] for p in pairs] == ["We will stay"]
    # An opening '»' left open does not crash: the paragraph is left alone.
    assert quote_pairs("He said \u00bbfine.", 0, 14) is None


def test_quote_pairs_bail_out_on_a_stray_closing_mark() -> None:
    text = "He said” it was fine."
    assert quote_pairs(text, 0, len(text)) is None


def test_single_marks_inside_double_ones_are_nested_not_paired() -> None:
    text = "“He called it ‘a trap’ yesterday,” she said."
    pairs = quote_pairs(text, 0, len(text))
    assert pairs is not None
    assert [(p.open, p.close) for p in pairs] == [(text.index("“"), text.index("”"))]


MARKS = tuple("\"“”‘’'«»")
PIECES = ("Lopez", "said", "she", "by", "as", ",", ".", ":", "the", "talks", "Norland", "that")
WORDS = st.sampled_from([*MARKS, *PIECES, "according to", "\n", "adding"])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=30))
def test_any_marks_never_crash_and_spans_hold(words: list[str]) -> None:
    text = " ".join(words).strip() or "Lopez"
    sections, offset = [], 0
    for line in text.split("\n"):
        sections.append(Section(start=offset, end=offset + len(line), text=line, kind="paragraph"))
        offset += len(line) + 1
    article = Article(text=text, sections=sections)
    for match in re.finditer(r"Lopez|she|Norland", text):
        article.mentions.append(
            Mention(
                id=f"m{match.start()}",
                start=match.start(),
                end=match.end(),
                text=match.group(),
                kind="name",
                actor_id="lopez",
            )
        )
    article.quotes = quotes_of(article, load_grammar(KnowledgeBase.load()))
    assert span_errors(article) == []
    ids = {q.id for q in article.quotes}
    assert all(q.continues in ids for q in article.quotes if q.continues)


# -- data and registration --------------------------------------------------------------------


def test_cue_data_has_british_and_american_spellings() -> None:
    lemmas = {e.lemma for e in load_entries("cue_verbs.yaml", CueEntry, key=lambda e: e.lemma)}
    assert {"emphasise", "emphasize", "criticise", "criticize"} <= lemmas


def test_user_cue_file_adds_verbs(reader: Pipeline, tmp_path: Path) -> None:
    (tmp_path / "cue_verbs.yaml").write_text(
        "version: 1\nentries:\n  - {lemma: mutter, direct: true}\n", encoding="utf-8"
    )
    user_grammar = load_grammar(KnowledgeBase.load(), data_dirs=(tmp_path,))
    article = build(reader, f'{INTRO}\n"Fine," she muttered.')
    quote = only(quotes_of(article, user_grammar), "direct")
    assert quote.cue is not None and quote.cue.text == "muttered"


def test_stage_declares_what_it_needs() -> None:
    assert STAGE.name == "quotes"
    assert STAGE.requires == ("doc", "sentences", "mentions", "actors", "times")
    assert STAGE.assigns == ("quotes",)


# -- the seed article -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_article() -> Article:
    # The seed_text fixture of conftest, read once for the module: the pipeline is slow-ish.
    text = shared_path("seed", "article.txt").read_text(encoding="utf-8")
    stages = ("clean", "language", "time", "actors", "quotes")
    return Pipeline(Options(stages=stages, today=TODAY))(Article(text=text))


def _quote_with(article: Article, kind: str, text: str) -> Quote:
    found = [q for q in article.quotes if q.kind == kind and q.text.startswith(text)]
    assert len(found) == 1, [(q.kind, q.text) for q in article.quotes]
    return found[0]


def _speaker(article: Article, quote: Quote) -> str | None:
    actor = article.actor(quote.speaker_actor_id)
    return actor.name if actor else None


@pytest.mark.shared
def test_seed_direct_quotes_are_attributed(seed_article: Article) -> None:
    article = seed_article
    expected = [
        ("We see that the alliance", "said", None),
        ("This is not just about the transfer", "added", None),
        ("It is obvious that under such conditions", "said", None),
        ("The front line needs more support", "adding", None),
        ("It is about increasing the pressure", None, "The front line needs more support"),
    ]
    for opening, cue, continues in expected:
        quote = _quote_with(article, "direct", opening)
        assert _speaker(article, quote) == "Volodymyr Zelensky", quote
        assert (quote.cue.text if quote.cue else None) == cue
        if continues:
            assert quote.continues == _quote_with(article, "direct", continues).id
    added = _quote_with(article, "direct", "This is not just about the transfer")
    assert "Ukrainian president" in article.text[added.end : added.end + 40]
    peskov = _quote_with(article, "direct", "This looks like another bit of fake news.")
    assert _speaker(article, peskov) == "Dmitry Peskov"
    assert peskov.text == "This looks like another bit of fake news."
    assert span_errors(article) == []


@pytest.mark.shared
@pytest.mark.parametrize(
    ("phrase", "speaker_code", "speaker_name"),
    [
        ("a bigger war", "UKR GOV", "Volodymyr Zelensky"),
        ("high possibility", "KOR GOV", None),
        ("fake news", "RUS GOV", None),
        ("very difficult", "UKR GOV", None),
    ],
)
def test_seed_partial_quotes_are_attributed(
    seed_article: Article, phrase: str, speaker_code: str, speaker_name: str | None
) -> None:
    quote = _quote_with(seed_article, "partial", phrase)
    assert quote.text == phrase
    actor = seed_article.actor(quote.speaker_actor_id)
    assert actor is not None and actor.code == speaker_code
    if speaker_name:
        assert actor.name == speaker_name
    if phrase == "high possibility":
        assert actor.kind == "group"
    if phrase == "fake news":
        assert actor.text.endswith("Kremlin")
    if phrase == "very difficult":
        assert actor.text == "Kyiv"


@pytest.mark.shared
def test_seed_accusation_is_reported_speech_of_zelensky(seed_article: Article) -> None:
    quote = _quote_with(seed_article, "indirect", "sending thousands")
    assert quote.text == "sending thousands of its soldiers to fight alongside Russia in the war"
    assert quote.cue is not None and quote.cue.text == "accused"
    assert _speaker(seed_article, quote) == "Volodymyr Zelensky"


@pytest.mark.shared
def test_seed_quotes_are_dated(seed_article: Article) -> None:
    assert all(q.date_source != "unknown" for q in seed_article.quotes)
    peskov = _quote_with(seed_article, "direct", "This looks like")
    assert (peskov.date, peskov.date_source) == ("2024-10-10", "text")
    accusation = _quote_with(seed_article, "indirect", "sending thousands")
    assert (accusation.date, accusation.date_source) == ("2024-10-13", "text")


# -- speaker phrases as sources ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "source"),
    [
        ('"The talks are over," she said.', "she"),
        ("A senior official has also said that the talks were over.", "A senior official"),
        ("The talks are over, a senior official said.", "a senior official"),
        ("The talks are over, said a spokesman for the council.", "a spokesman"),
        ('"The talks are over," said Rep. Jane Roe (D-Wis.).', "Rep. Jane Roe"),
        (
            "Jane Roe, a professor of law at the university, said the talks were over.",
            "Jane Roe, a professor of law at the university",
        ),
        ("The talks are over, according to three people close to them.", "three people"),
        ('"The talks are over." ― Jane Roe', "Jane Roe"),
        ("''The talks are over,'' said a spokesman.", "a spokesman"),
    ],
)
def test_source_is_the_speaker_as_written(
    reader: Pipeline, grammar: Grammar, paragraph: str, source: str
) -> None:
    """The speaker mention's span when there is one, else the phrase read as the speaker."""
    found = quotes(reader, grammar, f"{INTRO}\n{paragraph}")
    sources = [q.source.text for q in found if q.source is not None and q.cue is not None]
    assert sources and sources[0].startswith(source), found


def test_transcript_speaker_without_mention_is_the_source(
    reader: Pipeline, grammar: Grammar
) -> None:
    found = quotes(reader, grammar, f"{INTRO}\nWALLACE: Let us start with the talks today.")
    quote = only(found, "indirect")
    assert quote.speaker_status == "unknown"
    assert quote.source is not None and quote.source.text == "WALLACE"


def test_continuation_keeps_the_speaker_phrase(reader: Pipeline, grammar: Grammar) -> None:
    text = f'{INTRO}\n"The talks are over," a senior official said. "We are going home."'
    found = quotes(reader, grammar, text)
    assert [q.source.text if q.source else None for q in found] == ["a senior official"] * 2
    assert found[1].continues == found[0].id


def test_double_apostrophes_are_quotation_marks() -> None:
    text = "''The talks are over,'' she said, ''and we are going home.''"
    pairs = quote_pairs(text, 0, len(text))
    assert pairs is not None
    assert [text[p.inner_start : p.close] for p in pairs] == [
        "The talks are over,",
        "and we are going home.",
    ]


def test_raising_cue_reports_subject_and_infinitive(reader: Pipeline, grammar: Grammar) -> None:
    """'X is expected to ...': two fragments sharing the cue, no speaker named."""
    found = quotes(reader, grammar, f"{INTRO}\nThe council is expected to reject the plan soon.")
    assert [q.text for q in found] == ["The council", "to reject the plan soon"]
    assert {q.cue.text for q in found if q.cue} == {"expected"}
    assert all(q.speaker_status == "unknown" and q.source is None for q in found)


def test_according_to_a_long_source(reader: Pipeline, grammar: Grammar) -> None:
    text = (
        f"{INTRO}\nAccording to early results of a poll conducted by a university for the "
        "council, most voters backed the plan."
    )
    quote = only(quotes(reader, grammar, text), "indirect")
    assert quote.text == "most voters backed the plan"
    assert quote.source is not None and quote.source.text.startswith("early results")


def test_according_to_without_a_comma_before(reader: Pipeline, grammar: Grammar) -> None:
    text = f"{INTRO}\nThe plan has lost support in the north according to two officials."
    quote = only(quotes(reader, grammar, text), "indirect")
    assert quote.text == "The plan has lost support in the north"
    assert quote.cue is not None and quote.cue.text == "according to"


def test_question_frame_is_a_report_of_its_own(reader: Pipeline, grammar: Grammar) -> None:
    text = f"{INTRO}\nAsked by reporters whether the border would reopen, Lopez said it would not."
    found = [q for q in quotes(reader, grammar, text) if q.kind == "indirect"]
    by_cue = {q.cue.text: q for q in found if q.cue}
    assert by_cue["Asked"].text == "whether the border would reopen"
    assert by_cue["Asked"].source is not None and by_cue["Asked"].source.text == "reporters"
    assert by_cue["said"].text == "it would not"
    assert by_cue["said"].speaker_actor_id == "lopez"


def test_poll_frame_names_its_source(reader: Pipeline, grammar: Grammar) -> None:
    poll = "In a new poll by the Daily Courier, 52 percent of voters were against the border plan."
    text = f"{INTRO}\n{poll}"
    quote = only(quotes(reader, grammar, text), "indirect")
    assert quote.text == "52 percent of voters were against the border plan"
    assert quote.cue is not None and quote.cue.text == "In"
    assert quote.source is not None and quote.source.text == "a new poll by the Daily Courier"


def test_title_in_marks_takes_no_cue(reader: Pipeline, grammar: Grammar) -> None:
    text = f"{INTRO}\nLopez, a guest on the show \u201cMorning Report,\u201d said the talks failed."
    found = quotes(reader, grammar, text)
    title = only(found, "partial")
    assert title.text == "Morning Report" and title.cue is None
    report = only(found, "indirect")
    assert report.text == "the talks failed" and report.speaker_actor_id == "lopez"


def test_frame_with_a_cue_of_its_own_is_not_a_poll(reader: Pipeline, grammar: Grammar) -> None:
    text = f"{INTRO}\nIn a statement on Monday, Lopez said the border would stay closed."
    found = quotes(reader, grammar, text)
    assert [q.cue.text for q in found if q.cue] == ["said"]


# -- dates: when it was said, not what it speaks of ---------------------------------------------

DATED = pipeline_runner(("clean", "language", "time", "actors", "places", "quotes"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The only time is inside the quotation: the article's date.
        (
            '"The fighting began in March 2023 and has not stopped," the agency said.',
            ("2024-10-16", "publication"),
        ),
        (
            "The agency said the fighting began in March 2023.",
            ("2024-10-16", "publication"),
        ),
        # A time outside the quotation still dates it.
        (
            "On Monday, the agency said the fighting began in March 2023.",
            ("2024-10-14", "text"),
        ),
        (
            '"The fighting began in March 2023," the agency said on Monday.',
            ("2024-10-14", "text"),
        ),
    ],
)
def test_time_inside_a_quotation_does_not_date_it(text: str, expected: tuple[str, str]) -> None:
    article = DATED(text, published=date(2024, 10, 16))
    quote = next(q for q in article.quotes if "2023" in q.text)
    assert (quote.date, quote.date_source) == expected
