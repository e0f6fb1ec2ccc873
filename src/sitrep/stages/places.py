"""The places stage: place names resolved to coordinates, from the knowledge base and GeoNames.

Two sources of names:

1. the language stage's GPE/LOC entities from the knowledge base (countries, capitals, curated
   places), and region phrases "(northern|...|central) <Country>" ("eastern Ukraine"). These
   are decisive: the knowledge base is curated for the news sitrep reads;
2. capitalised words outside every entity that the gazetteer (:mod:`sitrep.gazetteer`) knows,
   read with care: a lone word at a sentence start, a common word ("Reading") or a name known
   only by an alternate GeoNames name is a place only after a locative word ("in"); a word
   after a title ("Mr Nelson"), before a speech verb ("Nelson said") or that ends a longer
   name elsewhere in the article ("Horatio Nelson") is a person's.

A gazetteer name with several places is resolved by :func:`sitrep.gazetteer.best`: population,
the countries and regions the article names, a region or country written after it ("Portland,
Oregon"), and "region"/"province" after it. Demonyms ("Ukrainian") are never places. Each
place has a role: ``dateline`` in the dateline section, ``actor`` where a country or capital
acts as a government ("by Kyiv", "South Korea raises alarm"), else ``location``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from sitrep.gazetteer import Gazetteer, GazetteerEntry, Hints, PlaceWords, best, fold
from sitrep.kb import KnowledgeBase, split_entity_id
from sitrep.lookup import section_at
from sitrep.records import Article, Place
from sitrep.registry import Context, Stage
from sitrep.stages.actors import Reader, acts, reader_for
from sitrep.stages.language import knowledge_base

VERSION = "places.v2"
# "eastern Ukraine": the direction words that make a country name a region of it.
DIRECTIONS = (
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
)
PlaceRole = Literal["location", "dateline", "actor"]
# Characters of a token that may be part of a name besides letters: "St.", "D'Aunoy".
NAME_PUNCTUATION = str.maketrans("", "", ".'’")


@dataclass(frozen=True)
class Tools:
    """What the stage reads besides the article, built once per pipeline."""

    gazetteer: Gazetteer
    words: PlaceWords


def gazetteer(ctx: Context) -> Gazetteer:
    """The pipeline's gazetteer, built on first use."""
    return ctx.resource("gazetteer", lambda: Gazetteer.load(knowledge_base(ctx)))


def tools(ctx: Context) -> Tools:
    words = ctx.resource("place_words", lambda: PlaceWords.load(ctx.options.data_dirs))
    return Tools(gazetteer(ctx), words)


def find_places(article: Article, ctx: Context) -> Article:
    reader = reader_for(article, ctx)
    known = list(_kb_places(article, reader))
    found = known + list(_gazetteer_places(article, reader, tools(ctx), known))
    places = sorted(found, key=lambda p: p.start)
    article.places = [place.model_copy(update={"id": f"p{n}"}) for n, place in enumerate(places, 1)]
    return article


# --- names of the knowledge base ------------------------------------------------------------


def _kb_places(article: Article, reader: Reader) -> Iterable[Place]:
    for ent in reader.doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        kind, key = split_entity_id(ent.ent_id_)
        region = _region_start(reader, ent) if kind == "country" else None
        if region is not None:
            yield _region(article, reader.kb, ent, region, key)
            continue
        if _is_modifier(article, ent) or _in_longer_name(reader.doc, ent):
            continue
        place = _entity_place(article, reader.kb, ent, kind, key)
        if place is not None:
            yield place.model_copy(update={"role": _role(article, reader, ent, kind)})


def _is_modifier(article: Article, ent: Span) -> bool:
    """A name inside a longer actor mention ('US President Joe Biden', 'the president of
    Ukraine') codes the actor; it is no place."""
    return any(
        m.start <= ent.start_char
        and ent.end_char <= m.end
        and (m.start, m.end) != (ent.start_char, ent.end_char)
        and m.kind in ("title", "description", "group")
        for m in article.mentions
    )


def _in_longer_name(doc: Doc, ent: Span) -> bool:
    """A place name inside a longer capitalised name ('New Mexico', 'Washington Post',
    'George Washington'): the longer name is read from the gazetteer or is no place."""
    # A capitalised word opening the sentence ('Meanwhile Ukraine ...') may be any word.
    before = doc[ent.start - 1] if ent.start > 0 and not doc[ent.start - 1].is_sent_start else None
    after = doc[ent.end] if ent.end < len(doc) else None
    return any(
        token is not None and not token.ent_type_ and _is_name_token(token)
        for token in (before, after)
    )


def _region_start(reader: Reader, ent: Span) -> int | None:
    """Token index of the direction word before a country name ('eastern Ukraine'), if any."""
    if ent.start == 0:
        return None
    before = reader.doc[ent.start - 1]
    return before.i if before.lower_ in DIRECTIONS else None


def _region(article: Article, kb: KnowledgeBase, ent: Span, start: int, iso3: str) -> Place:
    country = kb.country(iso3)
    first = article.doc[start]
    direction = first.lower_
    return Place(
        id="",
        start=first.idx,
        end=ent.end_char,
        text=article.text[first.idx : ent.end_char],
        name=f"{direction} {country.name if country else ent.text}",
        country=iso3,
        feature="region",
        kb_id=f"region:{iso3}:{direction}",
        role=_section_role(article, first.idx),
    )


def _entity_place(
    article: Article, kb: KnowledgeBase, ent: Span, kind: str, key: str
) -> Place | None:
    """A country (its centroid), a capital or a gazetteer place; None for other entities.

    A region's point is not estimated: "eastern Ukraine" has its country but no coordinates.
    """
    country = kb.country(key) if kind in ("country", "capital") else None
    if kind == "country" and country is not None:
        return _place(ent, country.name, key, "country", country.lat, country.lon)
    if kind == "capital" and country is not None:
        name = country.capital or ent.text
        return _place(ent, name, key, "city", country.capital_lat, country.capital_lon)
    entry = kb.place(key) if kind == "place" else None
    if entry is None:
        return None
    place = _place(ent, entry.name, entry.country, entry.feature, entry.lat, entry.lon)
    return place.model_copy(update={"admin1": entry.admin1})


def _place(
    ent: Span,
    name: str,
    country: str | None,
    feature: str,
    lat: float | None,
    lon: float | None,
) -> Place:
    return Place(
        id="",
        start=ent.start_char,
        end=ent.end_char,
        text=ent.text,
        name=name,
        country=country,
        feature=feature,
        lat=lat,
        lon=lon,
        kb_id=ent.ent_id_,
    )


def _role(article: Article, reader: Reader, ent: Span, kind: str) -> PlaceRole:
    role = _section_role(article, ent.start_char)
    if role == "dateline":
        return role
    if kind == "capital" and _is_actor_mention(article, ent):
        return "actor"
    if kind in ("country", "capital") and acts(article, reader, ent):
        return "actor"
    return "location"


def _section_role(article: Article, offset: int) -> PlaceRole:
    section = section_at(article, offset)
    return "dateline" if section is not None and section.kind == "dateline" else "location"


def _is_actor_mention(article: Article, ent: Span) -> bool:
    return any(
        m.kind == "capital" and m.start == ent.start_char and m.end == ent.end_char
        for m in article.mentions
    )


# --- names of the gazetteer -----------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A capitalised run of tokens the gazetteer knows: ``doc[start:end]``."""

    start: int
    end: int
    name: str
    entries: tuple[GazetteerEntry, ...]
    division: bool = False

    @property
    def unambiguous(self) -> GazetteerEntry | None:
        return self.entries[0] if len(self.entries) == 1 else None


def _gazetteer_places(
    article: Article, reader: Reader, tools: Tools, known: list[Place]
) -> Iterator[Place]:
    doc = reader.doc
    taken = _taken(doc, known)
    runs = list(capitalised_runs(doc, taken))
    people = _surnames(doc, runs, tools.gazetteer)
    candidates = [c for run in runs if (c := _candidate(doc, run, tools, people)) is not None]
    hints = _hints(reader, known, candidates)
    for candidate in candidates:
        entry = best(candidate.entries, candidate.name, _local(doc, candidate, tools, hints))
        if entry is not None:
            yield _gazetteer_place(article, candidate, entry)


def _taken(doc: Doc, known: list[Place]) -> set[int]:
    """Indices of tokens inside an entity or a knowledge-base place; a place name inside a
    longer name is free, to be read with it."""
    taken = {
        i
        for ent in doc.ents
        if ent.label_ not in ("GPE", "LOC") or not _in_longer_name(doc, ent)
        for i in range(ent.start, ent.end)
    }
    starts = {place.start for place in known}
    taken.update(t.i for t in doc if t.idx in starts)
    return taken


def capitalised_runs(doc: Doc, taken: set[int]) -> Iterator[tuple[int, int]]:
    """Maximal runs ``(start, end)`` of capitalised name tokens outside ``taken``; a hyphen
    joins two of them ('Gilgit-Baltistan', 'Vice-President')."""
    start: int | None = None
    for token in doc:
        if token.i not in taken and (_is_name_token(token) or _joins(doc, token, start)):
            start = token.i if start is None else start
            continue
        if start is not None:
            yield start, token.i
        start = None
    if start is not None:
        yield start, len(doc)


def _joins(doc: Doc, token: Token, start: int | None) -> bool:
    """A hyphen between two capitalised words, without spaces."""
    if start is None or token.text != "-" or token.whitespace_ or token.i + 1 >= len(doc):
        return False
    return not doc[token.i - 1].whitespace_ and _is_name_token(doc[token.i + 1])


def _is_name_token(token: Token) -> bool:
    """A capitalised word; a capitalised function word ('In', 'Of' in a headline) is none."""
    bare = token.text.translate(NAME_PUNCTUATION)
    if not bare or not bare.isalpha() or not bare[0].isupper():
        return False
    return bare.isupper() or token.lower_ not in STOP_WORDS


def _surnames(doc: Doc, runs: list[tuple[int, int]], gaz: Gazetteer) -> frozenset[str]:
    """Last words of names of two or three words that the gazetteer knows neither whole nor
    by their first word: people's names, whose surname alone is no place ('Horatio Nelson'
    ... 'Nelson')."""
    return frozenset(
        doc[end - 1].text
        for start, end in runs
        if 2 <= end - start <= 3 and doc[start:end].text not in gaz and doc[start].text not in gaz
    )


def _candidate(
    doc: Doc, run: tuple[int, int], tools: Tools, people: frozenset[str]
) -> Candidate | None:
    start, end = run
    if _after_title(doc, start, tools.words) or _beside_entity(doc, start, end):
        return None
    name = _lookup_name(doc[start:end].text)
    if name.lower() in tools.words.not_place:
        return None
    entries = tuple(tools.gazetteer.lookup(name))
    if not entries:
        return None
    division = end < len(doc) and doc[end].lower_ in tools.words.division
    if division and any(e.feature == "region" for e in entries):
        return Candidate(start, end + 1, name, entries, division=True)
    primary = any(fold(e.name) == fold(name) for e in entries)
    if not primary and not _after_locative(doc, start, tools.words):
        return None
    if end - start == 1 and not _lone_word_is_place(doc, start, tools, people):
        return None
    return Candidate(start, end, name, entries)


def _beside_entity(doc: Doc, start: int, end: int) -> bool:
    """A run right before or after a capitalised entity is part of a longer name
    ('Central American', 'Washington Post')."""
    neighbours = [doc[i] for i in (start - 1, end) if 0 <= i < len(doc)]
    return any(t.ent_type_ and t.text[:1].isupper() for t in neighbours)


def _lookup_name(text: str) -> str:
    """An all-capitals name ('WASHINGTON', a dateline) is looked up as 'Washington'."""
    return text.title() if text.isupper() and len(text) > 3 else text


def _after_title(doc: Doc, start: int, words: PlaceWords) -> bool:
    """'Mr Nelson', 'President Jackson': the name is a person's."""
    if doc[start].lower_.rstrip(".") in words.title:
        return True
    return start > 0 and doc[start - 1].lower_.rstrip(".") in words.title


def _lone_word_is_place(doc: Doc, index: int, tools: Tools, people: frozenset[str]) -> bool:
    """Whether one capitalised word is a place: see the module's description."""
    token = doc[index]
    following = doc[index + 1].lower_ if index + 1 < len(doc) else ""
    if _after_locative(doc, index, tools.words):
        return True
    if token.text in people or following in tools.words.speech:
        return False
    # An all-capitals word opening a paragraph is a dateline ('WASHINGTON —').
    opens = token.is_sent_start and not (token.text.isupper() and len(token.text) > 3)
    return not opens and token.lower_ not in tools.words.common


def _after_locative(doc: Doc, index: int, words: PlaceWords) -> bool:
    return index > 0 and doc[index - 1].lower_ in words.locative


# --- context for disambiguation ------------------------------------------------------------


def _hints(reader: Reader, known: list[Place], candidates: list[Candidate]) -> Hints:
    """The countries and regions the article names: its places, the countries its entities
    name (also inside actors: "Pakistan's interior ministry"), its demonyms, and gazetteer
    names with one place only."""
    countries = {p.country for p in known if p.country}
    for ent in reader.doc.ents:
        kind, key = split_entity_id(ent.ent_id_)
        if kind in ("country", "capital"):
            countries.add(key)
    regions = {p.admin1 for p in known if p.admin1}
    for candidate in candidates:
        entry = candidate.unambiguous
        if entry is not None and entry.country:
            countries.add(entry.country)
            regions.add(entry.name if entry.feature == "region" else entry.admin1 or "")
    return Hints(countries=frozenset(countries), regions=frozenset(regions - {""}))


def _local(doc: Doc, candidate: Candidate, tools: Tools, hints: Hints) -> Hints:
    """``hints`` with what is written right after the name: ', Oregon', ' region'."""
    qualifier = _qualifier(doc, candidate.end, tools.gazetteer)
    if not qualifier and not candidate.division:
        return hints
    countries = frozenset(e.country for e in qualifier if e.feature == "country" and e.country)
    regions = frozenset(e.name for e in qualifier if e.feature == "region")
    return Hints(hints.countries, hints.regions, countries, regions, candidate.division)


def _qualifier(doc: Doc, end: int, gaz: Gazetteer) -> list[GazetteerEntry]:
    """Countries and regions named after a comma: 'Portland, Oregon'."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return []
    stop = end + 1
    while stop < len(doc) and _is_name_token(doc[stop]) and stop - end <= 4:
        stop += 1
    name = _lookup_name(doc[end + 1 : stop].text)
    return [e for e in gaz.lookup(name) if e.feature in ("country", "region")]


def _gazetteer_place(article: Article, candidate: Candidate, entry: GazetteerEntry) -> Place:
    doc = article.doc
    start, end = doc[candidate.start].idx, doc[candidate.end - 1].idx + len(doc[candidate.end - 1])
    return Place(
        id="",
        start=start,
        end=end,
        text=article.text[start:end],
        name=entry.name,
        country=entry.country,
        admin1=entry.admin1,
        feature=entry.feature,
        lat=entry.lat,
        lon=entry.lon,
        kb_id=entry.id,
        role=_section_role(article, start),
    )


STAGE = Stage(
    name="places",
    version=VERSION,
    requires=("doc", "mentions", "actors"),
    assigns=("places",),
    run=find_places,
    description="place names resolved to coordinates, country and feature, with their role",
)
