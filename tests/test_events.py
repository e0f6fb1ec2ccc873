"""The events stage: lexicon matches, source and target, place, date, and the seed article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import TODAY
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import (
    Actor,
    Article,
    Event,
    Mention,
    Place,
    Quote,
    Section,
    SectionKind,
    Sentence,
    TimeExpression,
    span_errors,
)
from sitrep.registry import Context
from sitrep.stages.events import STAGE, event_lexicon, extract_events

# Invented actors: phrase -> actor id. Longer phrases are found first.
ACTORS = {
    "Ruritanian President Anna Varga": "varga",
    "Varga": "varga",
    "she": "varga",
    "Freedonian spokesman Ivo Petrov": "petrov",
    "Petrov": "petrov",
    "Freedonia": "freedonia",
    "Sylvania": "sylvania",
    "Sylvanian forces": "sylvanian-forces",
    "Sylvanian officials": "sylvanian-officials",
    "the Freedonian ministry": "freedonia-ministry",
}
PLACES = {"Zenda": "location", "Strelsau": "dateline", "the north": "location"}


def build(
    *paragraphs: str,
    dateline: str | None = None,
    quotes: list[tuple[str, str]] = (),  # type: ignore[assignment]
    published: str | None = "2030-03-04",
) -> Article:
    """An article with sections, sentences, mentions and places found by plain search."""
    lines = ([dateline] if dateline else []) + list(paragraphs)
    head: list[SectionKind] = ["dateline"] if dateline else []
    kinds = head + ["paragraph"] * len(paragraphs)
    text = "\n".join(lines)
    article = Article(text=text, document_date=published)
    offset = 0
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        article.sections.append(Section(start=offset, end=offset + len(line), text=line, kind=kind))
        for match in re.finditer(r"[^.!?]+[.!?]*[\"”]?", line):
            start = offset + match.start() + len(match.group()) - len(match.group().lstrip())
            end = offset + match.end()
            if text[start:end].strip():
                article.sentences.append(
                    Sentence(start=start, end=end, text=text[start:end], section=index)
                )
        offset += len(line) + 1
    article.mentions = _mentions(text)
    article.actors = [
        Actor(id=actor_id, start=0, end=0, text="", name=actor_id.title(), kind="unknown")
        for actor_id in sorted({m.actor_id for m in article.mentions if m.actor_id})
    ]
    article.places = [
        Place(id=f"p{n}", start=m.start(), end=m.end(), text=m.group(), name=m.group(), role=role)
        for n, (phrase, role) in enumerate(PLACES.items())
        for m in re.finditer(rf"\b{re.escape(phrase)}\b", text)
    ]
    article.quotes = [
        Quote(
            id=f"q{n}",
            start=(s := text.index(content)),
            end=s + len(content),
            text=content,
            kind="direct",
            speaker_actor_id=speaker,
            speaker_status="resolved",
        )
        for n, (content, speaker) in enumerate(quotes)
    ]
    return article


def _mentions(text: str) -> list[Mention]:
    taken: list[Mention] = []
    for phrase, actor_id in sorted(ACTORS.items(), key=lambda item: -len(item[0])):
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", text):
            if any(m.start < match.end() and match.start() < m.end for m in taken):
                continue
            taken.append(
                Mention(
                    id=f"m{len(taken)}",
                    start=match.start(),
                    end=match.end(),
                    text=match.group(),
                    kind="name",
                    actor_id=actor_id,
                )
            )
    return sorted(taken, key=lambda m: m.start)


def events_of(article: Article, options: Options | None = None) -> list[Event]:
    context = Context(options or Options(today=TODAY))
    result = extract_events(article, context)
    assert span_errors(result) == []
    return result.events


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [(e.verb_class, e.trigger.text) for e in events]
    return events[0]


def test_stage_declares_what_it_needs() -> None:
    assert STAGE.name == "events"
    assert STAGE.assigns == ("events",)
    assert {"sentences", "mentions", "actors", "times", "places"} <= set(STAGE.requires)


def test_lexicon_loads_with_claim_classes() -> None:
    lexicon = event_lexicon(Context(Options(today=TODAY)))
    assert {"accuse": None, "assert": "that", "concern": "that"}.items() <= (
        lexicon.claim_openers().items()
    )
    assert lexicon.patterns


def test_accusation_has_source_target_and_codes() -> None:
    event = only(
        events_of(
            build("Ruritanian President Anna Varga on Monday accused Freedonia of massing troops.")
        )
    )
    assert (event.verb_class, event.cameo, event.cameo_label, event.plover) == (
        "accuse",
        "112",
        "Accuse",
        "ACCUSE",
    )
    assert event.trigger.text == "accused"
    assert (event.source_actor_id, event.target_actor_id) == ("varga", "freedonia")
    assert event.text.startswith("Ruritanian President")


@pytest.mark.parametrize(
    ("sentence", "trigger", "cameo", "plover"),
    [
        ("Varga condemned Freedonia.", "condemned", "111", "ACCUSE"),
        ("Varga criticised Freedonia.", "criticised", "111", "ACCUSE"),
        ("Varga criticized Freedonia.", "criticized", "111", "ACCUSE"),
        ("Varga slammed Freedonia.", "slammed", "111", "ACCUSE"),
        ("Varga blamed Freedonia for the blackout.", "blamed", "112", "ACCUSE"),
        ("Varga charged Freedonia with aggression.", "charged Freedonia with", "112", "ACCUSE"),
        ("Varga appealed for more support.", "appealed for more support", "023", "REQUEST"),
        ("Varga sought additional aid.", "sought additional aid", "023", "REQUEST"),
        (
            "Varga called for humanitarian assistance.",
            "called for humanitarian assistance",
            "023",
            "REQUEST",
        ),
        ("Varga urged Freedonia to withdraw.", "urged", "020", "REQUEST"),
        ("Varga raised alarms about Freedonia.", "raised alarms", "012", None),
        ("Varga expressed concern over Freedonia.", "expressed concern", "012", None),
        ("Varga rejected the offer from Freedonia.", "rejected", "120", "REJECT"),
        ("Varga rebuffed Freedonia.", "rebuffed", "120", "REJECT"),
        ("Varga denied any role.", "denied", "016", "REJECT"),
        ("Sylvanian forces shelled Zenda.", "shelled", "194", "ASSAULT"),
        ("Sylvanian forces attacked Freedonia.", "attacked", "190", "ASSAULT"),
        ("Sylvanian forces bombed Zenda.", "bombed", "195", "ASSAULT"),
        ("Sylvanian forces captured the town of Zenda.", "captured the town", "192", "ASSAULT"),
        ("Sylvanian forces seized territory.", "seized territory", "192", "ASSAULT"),
        ("Sylvanian forces occupied Zenda.", "occupied", "192", "ASSAULT"),
        ("Varga visited Freedonia.", "visited", "042", "CONSULT"),
        ("Varga met with Petrov.", "met with", "040", "CONSULT"),
        ("Varga held talks with Petrov.", "held talks", "046", "CONSULT"),
        ("Freedonia imposed sanctions on Sylvania.", "imposed sanctions", "163", "SANCTION"),
        ("Freedonia sanctioned Sylvania.", "sanctioned", "163", "SANCTION"),
        ("Freedonia threatened Sylvania.", "threatened", "130", "THREATEN"),
        ("Varga warned of a wider war.", "warned of", "130", "THREATEN"),
        ("Varga welcomed the decision.", "welcomed", "051", "SUPPORT"),
    ],
)
def test_verb_classes(sentence: str, trigger: str, cameo: str, plover: str | None) -> None:
    event = only(events_of(build(sentence)))
    assert (event.trigger.text, event.cameo, event.plover) == (trigger, cameo, plover)


def test_target_is_first_actor_after_trigger() -> None:
    event = only(events_of(build("Varga condemned Freedonia and Sylvania.")))
    assert event.target_actor_id == "freedonia"


def test_passive_takes_by_agent_as_source() -> None:
    event = only(events_of(build("Varga was criticised by Petrov on Monday.")))
    assert (event.source_actor_id, event.target_actor_id) == ("petrov", "varga")


def test_reduced_relative_passive() -> None:
    event = only(events_of(build("Varga made an offer, a plan dismissed by Freedonia.")))
    assert event.verb_class == "reject"
    assert event.source_actor_id == "freedonia"
    assert event.target_actor_id is None


def test_passive_after_a_concern_is_not_reported_speech() -> None:
    events = events_of(
        build("Sylvanian officials raised alarms about Freedonia, a claim dismissed by Petrov.")
    )
    assert [(e.verb_class, e.source_actor_id) for e in events] == [
        ("concern", "sylvanian-officials"),
        ("reject", "petrov"),
    ]


def test_event_inside_a_that_clause_is_reported() -> None:
    events = events_of(build("Petrov claimed that Sylvania had shelled Zenda."))
    assert [e.verb_class for e in events] == ["assert"]


def test_object_of_an_earlier_verb_is_not_the_subject() -> None:
    article = build("Petrov said the plan violated several Freedonia rulings and urged calm.")
    assert only(events_of(article)).source_actor_id == "petrov"


def test_participial_clause_takes_main_subject() -> None:
    event = only(
        events_of(
            build(
                "Sylvanian forces continue their advance in the north, "
                "capturing another town near Zenda."
            )
        )
    )
    assert event.trigger.text == "capturing another town"
    assert event.source_actor_id == "sylvanian-forces"


def test_coordinated_verb_skips_the_first_verbs_object() -> None:
    events = events_of(build("Varga accused Freedonia of lying and appealed for more support."))
    assert [e.verb_class for e in events] == ["accuse", "appeal"]
    assert all(e.source_actor_id == "varga" for e in events)


def test_relative_clause_pronoun_is_source() -> None:
    event = only(events_of(build("Varga toured Zenda, where she sought additional aid.")))
    assert event.source_actor_id == "varga"


@pytest.mark.parametrize(
    "paragraph",
    [
        '"We are fighting for our homes," Varga said.',
        "Freedonia had soldiers ready to fight alongside Sylvania.",
        "Varga spoke of attacking nobody.",
        "Their advance stalled after a series of high-profile visits.",
        "The ships carried oil worth billions of pounds.",
        "Petrov was asked if Freedonia had attacked Sylvania.",
    ],
)
def test_no_event(paragraph: str) -> None:
    assert events_of(build(paragraph)) == []


def test_an_infinitive_is_not_an_event_but_sending_troops_is() -> None:
    event = only(events_of(build("Freedonia sent soldiers to fight alongside Sylvania.")))
    assert (event.verb_class, event.cameo, event.plover) == ("mobilize", "154", "MOBILIZE")
    assert event.trigger.text == "sent soldiers"


def test_gerund_after_of_is_not_an_event() -> None:
    event = only(events_of(build("Varga accused Freedonia of attacking Zenda.")))
    assert event.verb_class == "accuse"


def test_infinitive_after_aspectual_verb_is_an_event() -> None:
    event = only(events_of(build("Sylvanian forces continued to shell Zenda.")))
    assert event.verb_class == "shell"


def test_dateline_is_not_read_for_events() -> None:
    article = build("Varga visited Zenda.", dateline="Strelsau, Ruritania attacked")
    assert [e.verb_class for e in events_of(article)] == ["visit"]


def test_place_named_in_clause() -> None:
    event = only(events_of(build("Sylvanian forces shelled positions near Zenda.")))
    assert event.place_source == "clause"
    assert event.place_id is not None


def test_place_falls_back_to_dateline() -> None:
    article = build("Varga condemned Freedonia.", dateline="Strelsau")
    event = only(events_of(article))
    assert event.place_source == "dateline"
    assert event.place_id == next(p.id for p in article.places if p.role == "dateline")


def test_no_place() -> None:
    event = only(events_of(build("Varga condemned Freedonia.")))
    assert (event.place_id, event.place_source) == (None, "none")


def test_actor_named_like_a_place_is_not_the_events_place() -> None:
    event = only(events_of(build("Varga accused Zenda of lying.")))
    assert event.place_source == "none"


def test_quoted_dismissal_is_an_event_of_the_speaker() -> None:
    article = build(
        'Freedonian spokesman Ivo Petrov said, "This is fake news."',
        quotes=[("This is fake news.", "petrov")],
    )
    event = only(events_of(article))
    assert (event.verb_class, event.plover, event.trigger.text) == ("reject", "REJECT", "fake news")
    assert event.source_actor_id == "petrov"


def test_quoted_dismissal_without_quote_record_uses_sentence_subject() -> None:
    event = only(events_of(build('Freedonian spokesman Ivo Petrov said, "Baseless."')))
    assert event.source_actor_id == "petrov"


def test_confidence_lower_without_target_or_source() -> None:
    full = only(events_of(build("Varga condemned Freedonia.")))
    no_target = only(events_of(build("Varga denied everything.")))
    no_source = only(events_of(build("Nobody condemned Freedonia.")))
    assert full.confidence > no_target.confidence > no_source.confidence
    assert 0.0 <= no_source.confidence <= 1.0


def test_publication_date_when_no_time_expression() -> None:
    event = only(events_of(build("Varga condemned Freedonia.", published="2030-03-04")))
    assert (event.date, event.date_source) == ("2030-03-04", "publication")


def with_times(article: Article, *times: tuple[str, str]) -> Article:
    """``article`` with DATE expressions at the first occurrence of each phrase."""
    for n, (phrase, value) in enumerate(times):
        start = article.text.index(phrase)
        article.times.append(
            TimeExpression(
                id=f"t{n}",
                start=start,
                end=start + len(phrase),
                text=phrase,
                type="DATE",
                value=value,
            )
        )
    return article


def test_relative_clause_time_does_not_date_the_main_verb() -> None:
    # Monday is when Varga visited, not when she condemned.
    article = with_times(
        build("Varga, who visited Zenda on Monday, condemned Freedonia on Tuesday."),
        ("Monday", "2030-03-02"),
        ("Tuesday", "2030-03-03"),
    )
    condemned = next(e for e in events_of(article) if e.trigger.text == "condemned")
    assert (condemned.date, condemned.date_source) == ("2030-03-03", "text")


def test_time_of_a_trailing_relative_clause_is_not_the_event_date() -> None:
    article = with_times(
        build("Sylvanian forces shelled Zenda, which they had lost on 2 March, 2029."),
        ("2 March, 2029", "2029-03-02"),
    )
    event = only(events_of(article))
    assert (event.date, event.date_source) == ("2030-03-04", "publication")


def test_event_inside_a_relative_clause_takes_its_own_time() -> None:
    article = with_times(
        build("Varga, who condemned Freedonia on Monday, left for Zenda."),
        ("Monday", "2030-03-02"),
    )
    condemned = next(e for e in events_of(article) if e.trigger.text == "condemned")
    assert (condemned.date, condemned.date_source) == ("2030-03-02", "text")


def test_event_ids_are_unique_and_ordered() -> None:
    events = events_of(
        build("Varga condemned Freedonia.", "Sylvanian forces shelled Zenda and bombed the north.")
    )
    assert [e.id for e in events] == ["ev1", "ev2", "ev3"]


def test_user_lexicon_adds_entries(tmp_path: Path) -> None:
    (tmp_path / "event_verbs.yaml").write_text(
        "version: 1\nentries:\n"
        "  - {id: apologise, verbs: [apologise, apologize], cameo: '055',"
        " cameo_label: Apologize, plover: CONCEDE}\n",
        encoding="utf-8",
    )
    options = Options(today=TODAY, data_dirs=(tmp_path,))
    event = only(events_of(build("Varga apologised to Freedonia."), options))
    assert (event.verb_class, event.cameo, event.plover) == ("apologise", "055", "CONCEDE")


# --- the seed article -----------------------------------------------------------------------


@pytest.fixture
def seed_events(seed_text: str) -> tuple[Article, list[Event]]:
    article = Pipeline(Options(today=TODAY, stages=Options().stages[:7]))(Article(text=seed_text))
    assert span_errors(article) == []
    return article, article.events


def _code(article: Article, actor_id: str | None) -> str:
    actor = article.actor(actor_id)
    return actor.code if actor else ""


def _name(article: Article, actor_id: str | None) -> str:
    actor = article.actor(actor_id)
    return actor.name if actor else ""


def _find(events: list[Event], verb_class: str) -> list[Event]:
    return [e for e in events if e.verb_class == verb_class]


def test_seed_accusation(seed_events: tuple[Article, list[Event]]) -> None:
    article, events = seed_events
    accusation = only(_find(events, "accuse"))
    assert accusation.cameo.startswith("112") and accusation.plover == "ACCUSE"
    assert _code(article, accusation.source_actor_id) == "UKR GOV"
    assert _code(article, accusation.target_actor_id) == "PRK"
    assert (accusation.date, accusation.date_source) == ("2024-10-13", "text")


def test_seed_appeals(seed_events: tuple[Article, list[Event]]) -> None:
    article, events = seed_events
    appeals = _find(events, "appeal")
    assert appeals and all(e.cameo.startswith("02") and e.plover == "REQUEST" for e in appeals)
    assert all(_code(article, e.source_actor_id) == "UKR GOV" for e in appeals)


def test_seed_concern(seed_events: tuple[Article, list[Event]]) -> None:
    article, events = seed_events
    concern = only(_find(events, "concern"))
    assert concern.cameo == "012"
    assert _code(article, concern.source_actor_id) == "KOR GOV"


def test_seed_rejections(seed_events: tuple[Article, list[Event]]) -> None:
    article, events = seed_events
    rejections = _find(events, "reject") + _find(events, "deny")
    assert rejections and all(e.plover == "REJECT" for e in rejections)
    assert {_code(article, e.source_actor_id) for e in rejections} == {"RUS GOV"}
    assert any(
        "Kremlin" in _name(article, e.source_actor_id) and e.trigger.text == "dismissed"
        for e in rejections
    )
    peskov = [e for e in rejections if "Peskov" in _name(article, e.source_actor_id)]
    assert [(e.date, e.date_source) for e in peskov] == [("2024-10-10", "text")]


def test_seed_territory(seed_events: tuple[Article, list[Event]]) -> None:
    article, events = seed_events
    taking = only(_find(events, "occupy"))
    assert taking.cameo.startswith("19") and taking.plover in ("ASSAULT", "COERCE")
    assert _code(article, taking.source_actor_id) == "RUS MIL"
    place = next(p for p in article.places if p.id == taking.place_id)
    assert (place.name, taking.place_source) == ("Pokrovsk", "clause")


def test_seed_no_events_from_quotes_or_headings(seed_events: tuple[Article, list[Event]]) -> None:
    article, events = seed_events
    body = {s.start for s in article.sentences if article.sections[s.section].kind == "paragraph"}
    assert all(e.start in body for e in events)
    assert not _find(events, "fight")


# --- precision, targets and places ----------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "Diplomats drafted a resolution criticising Freedonia.",
        "A drone strike hit Zenda overnight.",
        "Varga spoke at its next meeting.",
        "Varga warned that prices would rise.",
        "Freedonia is seeking nuclear weapons.",
    ],
)
def test_nouns_complements_and_forecasts_are_no_events(paragraph: str) -> None:
    assert [e.trigger.text for e in events_of(build(paragraph))] == []


def test_gerund_after_a_denial_is_its_content() -> None:
    event = only(events_of(build("Freedonia denies seeking nuclear weapons.")))
    assert event.verb_class == "deny"


def test_warning_with_a_target_is_a_threat() -> None:
    event = only(events_of(build("Varga warned that Freedonia would pay a price.")))
    assert (event.verb_class, event.target_actor_id) == ("threaten", "freedonia")


def test_target_stops_at_the_next_trigger() -> None:
    events = events_of(build("Varga condemned the strikes and appealed to Freedonia."))
    assert [(e.verb_class, e.target_actor_id) for e in events] == [
        ("criticise", None),
        ("appeal", "freedonia"),
    ]


def test_target_stops_at_an_infinitive() -> None:
    event = only(events_of(build("Varga urged the council to punish Freedonia.")))
    assert event.target_actor_id is None


def test_rejecting_the_accusation_targets_the_accuser() -> None:
    events = events_of(build(ACCUSATION_TEXT, "Petrov rejected the accusation."))
    assert [(e.verb_class, e.source_actor_id, e.target_actor_id) for e in events] == [
        ("accuse", "varga", "freedonia"),
        ("reject", "petrov", "varga"),
    ]


def test_claim_dismissed_by_targets_its_author() -> None:
    events = events_of(
        build(
            "Sylvanian officials expressed concern that Freedonia may be arming rebels, "
            "a claim dismissed by Petrov."
        )
    )
    assert [(e.verb_class, e.source_actor_id, e.target_actor_id) for e in events][-1] == (
        "reject",
        "petrov",
        "sylvanian-officials",
    )


def test_coordinated_events_share_the_visited_place() -> None:
    article = build("Varga visited Zenda and met Petrov.")
    events = events_of(article)
    zenda = next(p.id for p in article.places if p.text == "Zenda")
    assert [(e.verb_class, e.place_id, e.place_source) for e in events] == [
        ("visit", zenda, "clause"),
        ("meet", zenda, "clause"),
    ]


def test_place_of_a_topic_is_not_the_events() -> None:
    event = only(events_of(build("Varga met Petrov for talks on the war in Zenda.")))
    assert (event.place_id, event.place_source) == (None, "none")


def test_no_dateline_when_another_clause_names_the_place() -> None:
    article = build("Varga condemned Freedonia, as fighting raged near Zenda.", dateline="Strelsau")
    event = only(events_of(article))
    assert (event.place_id, event.place_source) == (None, "none")


def test_quoted_dismissal_after_a_denial_is_the_same_event() -> None:
    event = only(events_of(build('Freedonia denied the report, calling it "fabricated".')))
    assert event.verb_class == "deny"


ACCUSATION_TEXT = "Varga accused Freedonia of lying."


@pytest.mark.parametrize(
    ("paragraph", "cameo", "target"),
    [
        ("Freedonia expressed condolences to Sylvania.", "018", "sylvania"),
        ("Freedonia declined to comment on the report.", "011", None),
        ("Freedonia asked Sylvania for help.", "020", "sylvania"),
        ("Freedonia agreed to hold elections.", "030", None),
        ("Freedonia signed a peace agreement with Sylvania.", "057", "sylvania"),
        ("Freedonia apologised to Sylvania.", "055", "sylvania"),
        ("Freedonia provided Sylvania with $40 million in aid.", "070", "sylvania"),
        ("Freedonia lifted sanctions on Sylvania.", "085", "sylvania"),
        ("Freedonia freed Petrov.", "0841", "petrov"),
        ("Freedonia investigated Petrov.", "090", "petrov"),
        ("Freedonia demanded compensation from Sylvania.", "100", "sylvania"),
        ("Freedonia rejected accusations by Sylvania.", "016", "sylvania"),
        ("Freedonia cut diplomatic ties with Sylvania.", "161", "sylvania"),
        ("Freedonia arrested Petrov.", "173", "petrov"),
        ("Sylvanian forces killed Petrov.", "1823", "petrov"),
        ("Sylvanian forces carried out an air raid on Freedonia.", "190", "freedonia"),
    ],
)
def test_cameo_verb_classes(paragraph: str, cameo: str, target: str | None) -> None:
    event = only(events_of(build(paragraph)))
    assert (event.cameo, event.target_actor_id) == (cameo, target)
    assert event.source_actor_id is not None


def test_a_negated_verb_is_not_an_event() -> None:
    assert events_of(build("Freedonia did not attack Sylvania.")) == []
    assert events_of(build("Freedonia won't lift sanctions on Sylvania.")) == []


def test_a_passive_without_agent_has_its_subject_as_target() -> None:
    event = only(events_of(build("Petrov was arrested in Zenda.")))
    assert (event.source_actor_id, event.target_actor_id) == (None, "petrov")


def test_an_event_without_a_known_actor_is_not_recorded() -> None:
    assert events_of(build("Petrov said three soldiers were killed in Zenda.")) == []


def test_the_speaker_is_not_the_subject_of_a_reported_clause() -> None:
    event = only(events_of(build("Petrov said rebels attacked Sylvania.")))
    assert (event.source_actor_id, event.target_actor_id) == (None, "sylvania")
    event = only(events_of(build("Freedonia said it had attacked Sylvania.")))
    assert event.source_actor_id == "freedonia"
    event = only(events_of(build("Petrov said the talks failed and appealed to Sylvania.")))
    assert event.source_actor_id == "petrov"


def test_an_event_noun_with_an_actor_is_an_event() -> None:
    event = only(events_of(build("Freedonia's attack on Sylvania drew protests.")))
    assert (event.trigger.text, event.cameo) == ("attack", "190")
    assert (event.source_actor_id, event.target_actor_id) == ("freedonia", "sylvania")
    event = only(events_of(build("The offensive by Freedonia against Sylvania stalled.")))
    assert (event.source_actor_id, event.target_actor_id) == ("freedonia", "sylvania")
    event = only(events_of(build("Talks between Freedonia and Sylvania resumed.")))
    assert (event.verb_class, event.source_actor_id) == ("negotiate", "freedonia")
    assert event.target_actor_id == "sylvania"


def test_an_event_noun_without_an_actor_is_no_event() -> None:
    assert events_of(build("The attack cut power to Zenda.")) == []
    assert events_of(build("Freedonia did not attack Sylvania.")) == []


def test_a_verb_whose_object_is_an_event_noun_targets_its_actor() -> None:
    events = events_of(build("Varga condemned Freedonia's air strikes on Zenda."))
    condemned = next(e for e in events if e.verb_class == "criticise")
    assert (condemned.source_actor_id, condemned.target_actor_id) == ("varga", "freedonia")
    strikes = next(e for e in events if e.trigger.text == "air strikes")
    assert (strikes.source_actor_id, strikes.cameo) == ("freedonia", "195")


def test_an_accused_actor_is_the_actor_of_the_event_noun() -> None:
    events = events_of(build("Freedonia accused Sylvania of launching a drone strike on Zenda."))
    strike = next(e for e in events if e.trigger.text == "drone strike")
    assert (strike.source_actor_id, strike.cameo) == ("sylvania", "190")


def test_an_object_that_takes_up_an_earlier_event_targets_its_actor() -> None:
    article = build("Freedonia imposed sanctions on Sylvania.", "Varga welcomed the move.")
    welcomed = next(e for e in events_of(article) if e.verb_class == "praise")
    assert (welcomed.source_actor_id, welcomed.target_actor_id) == ("varga", "freedonia")
    article = build("Varga accused Sylvania of lying and urged it to stop.")
    urged = next(e for e in events_of(article) if e.verb_class == "appeal")
    assert urged.target_actor_id == "sylvania"
