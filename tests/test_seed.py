"""Acceptance on the project's seed article, read in place from ``../shared`` (never copied).

No publication date is given (``Options(today=TODAY)``), so the weekday/date pairs fix the
year. Quotes and claims are found by short phrases only. One test per acceptance item.
"""

from __future__ import annotations

import re

import pytest

from conftest import TODAY, shared_path
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Actor, Article, Event, Quote, span_errors

pytestmark = pytest.mark.shared
STRAIGHT_QUOTES = str.maketrans("“”‘’", "\"\"''")


@pytest.fixture(scope="module")
def seed() -> Article:
    text = shared_path("seed", "article.txt").read_text(encoding="utf-8")
    return Pipeline(Options(today=TODAY))(Article(text=text))


def key(text: str) -> str:
    """Lower case, straight quotes, no edge punctuation: how quotes are compared here."""
    text = text.translate(STRAIGHT_QUOTES)
    return " ".join(text.split()).strip(" \"'.,;:!?").casefold()


def mention_texts(article: Article, actor: Actor) -> set[str]:
    texts = {m.text for m in article.mentions if m.actor_id == actor.id}
    texts |= {m.text for m in article.mentions if m.id in actor.mention_ids}
    return {key(t) for t in texts | {actor.text, actor.name}}


def find_actor(article: Article, *names: str) -> Actor:
    """The actor called by one of ``names``, by its name or one of its mentions."""
    wanted = {key(n) for n in names}
    by_name = [a for a in article.actors if key(a.name) in wanted]
    found = by_name or [a for a in article.actors if mention_texts(article, a) & wanted]
    assert found, f"no actor {names}; actors: {[(a.name, a.code) for a in article.actors]}"
    return found[0]


def quote_with(article: Article, phrase: str, *, kind: str | None = None) -> Quote:
    found = [
        q for q in article.quotes if key(phrase) in key(q.text) and (kind is None or q.kind == kind)
    ]
    assert found, f"no {kind or ''} quote with {phrase!r}; quotes: {quote_list(article)}"
    return found[0]


def partial_quote(article: Article, phrase: str) -> Quote:
    found = [q for q in article.quotes if key(q.text) == key(phrase) and q.kind == "partial"]
    assert found, f"no partial quote {phrase!r}; quotes: {quote_list(article)}"
    return found[0]


def quote_list(article: Article) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text[:40], speaker_code(article, q)) for q in article.quotes]


def speaker_code(article: Article, quote: Quote) -> str | None:
    actor = article.actor(quote.speaker_actor_id)
    return f"{actor.name} ({actor.code})" if actor else None


def events_where(article: Article, cameo: tuple[str, ...]) -> list[Event]:
    return [e for e in article.events if e.cameo.startswith(cameo)]


def event_list(article: Article) -> list[str]:
    return [
        f"{code(article, e.source_actor_id)} {e.trigger.text!r} {e.cameo} {e.plover} "
        f"{code(article, e.target_actor_id)} {e.date}"
        for e in article.events
    ]


def code(article: Article, actor_id: str | None) -> str | None:
    actor = article.actor(actor_id)
    return actor.code if actor else None


def country_of(article: Article, actor_id: str | None) -> str | None:
    actor = article.actor(actor_id)
    return actor.country if actor else None


# --- cleaning ---------------------------------------------------------------------------------


def test_also_read_lines_removed(seed: Article) -> None:
    assert "Also read" not in seed.text
    assert sum(r.text.startswith("Also read") for r in seed.removed) == 2


def test_agency_credit_removed(seed: Article) -> None:
    assert "With inputs from agencies" not in seed.text
    assert any("With inputs from agencies" in r.text for r in seed.removed)


def test_dateline(seed: Article) -> None:
    assert [s.text for s in seed.sections if s.kind == "dateline"] == ["Kyiv, Ukraine"]


def test_subheadings(seed: Article) -> None:
    subheadings = [s.text for s in seed.sections if s.kind == "subheading"]
    assert subheadings == ["Zelensky's appeal", "South Korea raises alarm"]


# --- time ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("Sunday (Oct 13)", "2024-10-13"), ("Thursday (Oct 10)", "2024-10-10")],
)
def test_weekday_dates_resolved_and_marked_inferred(seed: Article, phrase: str, value: str) -> None:
    day = re.search(r"\(([^)]*)\)", phrase)
    assert day is not None
    found = [t for t in seed.times if day.group(1) in t.text]
    assert found, f"no time for {phrase!r}: {[(t.text, t.value) for t in seed.times]}"
    time = found[0]
    assert time.value == value
    assert time.type == "DATE"
    assert time.year_inferred or time.anchor == "inferred"


# --- actors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "country", "sector"),
    [
        (("Volodymyr Zelensky",), "UKR", "GOV"),
        (("Dmitry Peskov",), "RUS", "GOV"),
        (("the Kremlin", "Kremlin"), "RUS", "GOV"),
        (("North Korea",), "PRK", None),
        (("South Korean officials",), "KOR", "GOV"),
        (("Russia",), "RUS", None),
        (("Ukraine",), "UKR", None),
        (("Russian forces",), "RUS", "MIL"),
    ],
    ids=lambda value: value[0] if isinstance(value, tuple) else str(value),
)
def test_actor(seed: Article, names: tuple[str, ...], country: str, sector: str | None) -> None:
    actor = find_actor(seed, *names)
    assert actor.country == country
    if sector is not None:
        assert actor.sector == sector


def test_zelensky_mentions_include_description_and_pronoun(seed: Article) -> None:
    texts = mention_texts(seed, find_actor(seed, "Volodymyr Zelensky"))
    assert "the ukrainian president" in texts
    assert "he" in texts


# --- quotes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "cue"),
    [
        ("the alliance between", "said"),
        ("transfer of weapons", "added"),
        ("under such conditions", "said"),
        ("front line needs", "adding"),
    ],
)
def test_zelensky_direct_quote(seed: Article, phrase: str, cue: str) -> None:
    quote = quote_with(seed, phrase, kind="direct")
    zelensky = find_actor(seed, "Volodymyr Zelensky")
    assert quote.speaker_actor_id == zelensky.id, quote_list(seed)
    assert quote.cue is not None and key(quote.cue.text) == cue


def test_quote_paragraph_continues_previous_speaker(seed: Article) -> None:
    quote = quote_with(seed, "increasing the pressure", kind="direct")
    assert quote.speaker_actor_id == find_actor(seed, "Volodymyr Zelensky").id


def test_peskov_quote(seed: Article) -> None:
    quote = quote_with(seed, "another bit of fake news", kind="direct")
    assert quote.speaker_actor_id == find_actor(seed, "Dmitry Peskov").id


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("a bigger war", "UKR", "GOV"),
        ("high possibility", "KOR", "GOV"),
        ("fake news", "RUS", "GOV"),
        ("very difficult", "UKR", None),
    ],
)
def test_partial_quote(seed: Article, phrase: str, country: str, sector: str | None) -> None:
    quote = partial_quote(seed, phrase)
    speaker = seed.actor(quote.speaker_actor_id)
    assert speaker is not None, quote_list(seed)
    assert speaker.country == country
    if sector is not None:
        assert speaker.sector == sector


def test_bigger_war_is_zelenskys(seed: Article) -> None:
    quote = partial_quote(seed, "a bigger war")
    assert quote.speaker_actor_id == find_actor(seed, "Volodymyr Zelensky").id


def test_fake_news_partial_is_the_kremlins(seed: Article) -> None:
    quote = partial_quote(seed, "fake news")
    assert quote.speaker_actor_id == find_actor(seed, "the Kremlin", "Kremlin").id


# --- events ----------------------------------------------------------------------------------


def test_ukraine_accuses_north_korea(seed: Article) -> None:
    found = [
        e
        for e in events_where(seed, ("112",))
        if e.plover == "ACCUSE"
        and country_of(seed, e.source_actor_id) == "UKR"
        and country_of(seed, e.target_actor_id) == "PRK"
    ]
    assert found, event_list(seed)
    assert found[0].date == "2024-10-13"


def test_appeal_for_support(seed: Article) -> None:
    found = [
        e
        for e in events_where(seed, ("02",))
        if e.plover == "REQUEST" and country_of(seed, e.source_actor_id) == "UKR"
    ]
    assert found, event_list(seed)


def test_south_korea_expresses_concern(seed: Article) -> None:
    found = [
        e
        for e in seed.events
        if country_of(seed, e.source_actor_id) == "KOR"
        and (e.verb_class == "concern" or e.cameo.startswith("012"))
    ]
    assert found, event_list(seed)


def test_kremlin_rejects(seed: Article) -> None:
    found = [
        e
        for e in events_where(seed, ("016", "12"))
        if e.plover == "REJECT"
        and code(seed, e.source_actor_id) == "RUS GOV"
        and e.date == "2024-10-10"
    ]
    assert found, event_list(seed)


def test_russian_forces_take_territory_near_pokrovsk(seed: Article) -> None:
    found = [
        e
        for e in events_where(seed, ("19",))
        if e.plover in ("ASSAULT", "COERCE") and code(seed, e.source_actor_id) == "RUS MIL"
    ]
    assert found, event_list(seed)
    places = {p.id: p for p in seed.places}
    assert any(e.place_id in places and places[e.place_id].name == "Pokrovsk" for e in found), [
        (e.trigger.text, e.place_id) for e in found
    ]


# --- claims ----------------------------------------------------------------------------------


def troops_claim_ids(seed: Article) -> set[str]:
    ids = set()
    for claim in seed.claims:
        text = f"{claim.proposition} {claim.text}".casefold()
        if "north korea" in text and ("soldier" in text or "troop" in text):
            ids.add(claim.id)
    return ids


def test_claim_north_korea_sends_soldiers(seed: Article) -> None:
    assert troops_claim_ids(seed), [c.proposition for c in seed.claims]


@pytest.mark.parametrize(
    ("country", "polarity"), [("UKR", "assert"), ("KOR", "support"), ("RUS", "deny")]
)
def test_stance_on_troops_claim(seed: Article, country: str, polarity: str) -> None:
    ids = troops_claim_ids(seed)
    stances = [
        (country_of(seed, s.actor_id), s.polarity) for s in seed.stances if s.claim_id in ids
    ]
    assert (country, polarity) in stances, stances


def test_the_kremlin_is_the_denier(seed: Article) -> None:
    ids = troops_claim_ids(seed)
    kremlin = find_actor(seed, "the Kremlin", "Kremlin")
    peskov = find_actor(seed, "Dmitry Peskov")
    deniers = {s.actor_id for s in seed.stances if s.claim_id in ids and s.polarity == "deny"}
    assert deniers & {kremlin.id, peskov.id}, deniers


# --- the evidence contract -------------------------------------------------------------------


def test_every_record_offset_is_valid(seed: Article) -> None:
    assert span_errors(seed) == []


def test_json_round_trip(seed: Article) -> None:
    again = Article.from_json(seed.to_json())
    assert again.model_dump(exclude={"doc"}) == seed.model_dump(exclude={"doc"})
