"""The places stage: place names resolved to coordinates, from the knowledge base and GeoNames.

Two sources of names:

1. the language stage's GPE/LOC entities from the knowledge base (countries, capitals, curated
   places), and region phrases "(northern|...|central) <Country>" ("eastern Ukraine", with
   its country but no point; "Northern Ireland" is a name). These are decisive: the knowledge
   base is curated for the news sitrep reads;
2. capitalised words outside every entity that the gazetteer (:mod:`sitrep.gazetteer`) knows,
   read with care: a lone word at a sentence start, a common word ("Reading") or a name known
   only by an alternate GeoNames name is a place only after a locative word ("in"); a word
   after a title ("Mr Nelson"), before a speech verb ("Nelson said") or that ends a longer
   name elsewhere in the article ("Horatio Nelson") is a person's. A month or weekday ends a
   name ("in Lagos April 4"); a run the gazetteer does not know whole is split where it turns
   to or from capitals ("LONDON Pope Francis") or before a region and its division word
   ("Maiduguri Borno State"); a title word opens a place's name where the gazetteer knows it
   ("St. Louis").

3. landmarks GeoNames does not list: a name ending in a head word of ``place_words.yaml``
   ("Royal Street", "Manila Cathedral", "Orange County") or opening with a prefix ("Lake
   Manassas"). A landmark takes the point of the place right after it ("Barclays Center in
   Brooklyn"), else of a place named in it that may hold it ("Manila Cathedral"; not a small
   town elsewhere, "Pearl Harbor", nor a street's namesake, "Atlantic Avenue"), else of a place
   of its name the article locates, else of the dateline's city, else of the city the article
   names most often (ties: the one in the region it names most), else of its county, else none;
4. region abbreviations after a name and a comma or bracket ("Fresno, Calif."); a name
   followed by a region or county that GeoNames lists no place of that name in ("Snetterton,
   Norfolk") is a town there, at the region's point;
5. venues: any name after a venue word ("at Whole Foods", "at the Feis Ceoil"), read as a
   landmark unless it is a person's, a title's or a possessive;
6. adjectives of countries and continents before a noun of a thing, not of people ("the
   American economy", "European flights"): the country or continent.

A name after an institution's noun and "of" ("the Bank of England") is part of the
institution's name, and a word in capitals alone in brackets ("(HART)") an acronym: no places.

A country or capital that a copula describes ("Turkey is one of our markets") is a location,
not an actor.

A capital or country that shares its name with a region is the region where the text says so:
"Tacoma, Washington", "Washington state", "central Washington", "California or Washington".
A gazetteer name with several places is resolved by :func:`sitrep.gazetteer.best`: population,
the countries and regions the article names (and the regions that hold towns of two names the
article names: "Franklin" among Louisiana towns), a region or country written after it
("Portland, Oregon"), and "region"/"province" after it. Demonyms ("Ukrainian officials") are no
places, except before a noun of a place ("the Turkish border", "the Syrian capital"), where
they name their country as one. Each place has a role: ``dateline`` in the dateline section,
``actor`` where a country or capital acts as a government ("by Kyiv", "South Korea raises
alarm"), else ``location``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from spacy.attrs import ORTH, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from sitrep.gazetteer import (
    DIVISIONS,
    Gazetteer,
    GazetteerEntry,
    Hints,
    PlaceWords,
    best,
    fold,
)
from sitrep.kb import KnowledgeBase, split_entity_id
from sitrep.lookup import section_at
from sitrep.records import Article, Place, PointSource
from sitrep.registry import Context, Stage
from sitrep.stages.actors import Reader, acts, reader_for
from sitrep.stages.language import knowledge_base

VERSION = "places.v7"
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
# Words after 'have' that make it a verb of having: 'China will have the most Christians'.
DETERMINERS = frozenset(("a", "an", "the", "more", "most", "some", "no", "many", "much", "its"))
PlaceRole = Literal["location", "dateline", "actor"]
# A place named inside a landmark's name ("Colchester General Hospital") is read as the
# landmark's town when the article names its country or it has at least this many people.
KNOWN_POPULATION = 50_000
# A region holding places of this many names that the article names is a region it names.
COHERENT_NAMES = 2
# Words between a landmark and the place it lies in: 'Barclays Center in Brooklyn'.
LANDMARK_JOINTS = (",", "in", "at", "near", "of")
# Features of places too wide to say where in them a landmark lies.
WIDE = ("country", "region", "county", "continent")
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
    kit = tools(ctx)
    known = list(_kb_places(article, reader, kit))
    found = known + list(_gazetteer_places(article, reader, kit, known))
    places = sorted(found, key=lambda p: p.start)
    article.places = [
        place.model_copy(update={"id": f"p{n}", "point": _point_source(place)})
        for n, place in enumerate(places, 1)
    ]
    return article


def _point_source(place: Place) -> PointSource | None:
    """Where the place's point comes from: set by the rule that borrowed it, else its own."""
    if place.lat is None or place.lon is None:
        return None
    return place.point or "gazetteer"


# --- names of the knowledge base ------------------------------------------------------------


def _kb_places(article: Article, reader: Reader, tools: Tools) -> Iterable[Place]:
    for ent in reader.doc.ents:
        kind, key = split_entity_id(ent.ent_id_)
        if (
            ent.label_ == "NORP"
            and kind == "country"
            and (
                _modifies_place(reader.doc, ent, tools)
                or _modifies_thing(article, reader.doc, ent.start, ent.end, tools.words)
            )
        ):
            place = _entity_place(article, reader.kb, ent, kind, key)
            if place is not None:
                yield place.model_copy(update={"role": _section_role(article, ent.start_char)})
            continue
        if ent.label_ not in ("GPE", "LOC"):
            continue
        region = _region_start(reader, ent, tools) if kind == "country" else None
        if region is not None:
            yield _region(article, reader.kb, ent, region, key)
            continue
        if (
            _is_modifier(article, reader.doc, ent, tools.words)
            or _in_longer_name(reader.doc, ent, tools.words)
            or _in_institution(reader.doc, ent.start, tools.words)
        ):
            continue
        state = _homonym_region(reader.doc, ent, tools) if kind != "place" else None
        if state is not None:
            yield _region_place(article, ent, state)
            continue
        place = _entity_place(article, reader.kb, ent, kind, key)
        city = _other_capital(ent, place, tools) if kind == "capital" else None
        if place is not None and city is not None:
            place = place.model_copy(
                update={"name": city.name, "admin1": city.admin1, "lat": city.lat, "lon": city.lon}
            )
        if place is not None:
            yield place.model_copy(update={"role": _role(article, reader, ent, kind, tools.words)})


def _modifies_place(doc: Doc, ent: Span, tools: Tools) -> bool:
    """A country's adjective before a noun of a place ('the Turkish border', 'the
    Syrian-Turkish border', 'the Syrian capital'): the adjective names the country as a place."""
    head = ent.end
    while head < len(doc) and head - ent.end < 4:
        token = doc[head]
        if token.text not in ("-", "and") and token.ent_type_ != "NORP":
            break
        head += 1
    return head < len(doc) and doc[head].lower_ in tools.words.place_nouns


def _modifies_thing(article: Article, doc: Doc, start: int, end: int, words: PlaceWords) -> bool:
    """An adjective of a place before a noun of a thing that is there or of it ('the American
    economy', 'Turkish livestock markets', 'African development'): the adjective names the
    place. Before a noun of people ('Russian diplomats', an actor's mention) it names none."""
    if end >= len(doc) or (start > 0 and _is_name_token(doc[start - 1])):
        return False
    noun = doc[end]
    if not noun.text.isalpha() or not noun.text.islower() or noun.lower_ in STOP_WORDS:
        return False
    if noun.lower_ in words.person_nouns:
        return False
    begin, stop = doc[start].idx, noun.idx + len(noun)
    return not any(
        m.start <= begin and stop <= m.end and m.kind in ("title", "description", "group")
        for m in article.mentions
    )


def _other_capital(ent: Span, place: Place | None, tools: Tools) -> GazetteerEntry | None:
    """A country's other capital, named by the knowledge base as an alias of its seat ('Cape
    Town' for South Africa's Pretoria): the GeoNames city of that name in the country."""
    if place is None or fold(place.name) == fold(ent.text):
        return None
    cities = [
        e
        for e in tools.gazetteer.lookup(ent.text)
        if e.feature == "city" and e.country == place.country and fold(e.name) == fold(ent.text)
    ]
    return max(cities, key=lambda e: e.population, default=None)


def _is_modifier(article: Article, doc: Doc, ent: Span, words: PlaceWords) -> bool:
    """A name inside a longer actor mention ('US President Joe Biden', 'the president of
    Ukraine') codes the actor; it is no place. After a locative word it is where the actor is
    ('the embassy in London')."""
    if _after_locative(doc, ent.start, words):
        return False
    return any(
        m.start <= ent.start_char
        and ent.end_char <= m.end
        and (m.start, m.end) != (ent.start_char, ent.end_char)
        and m.kind in ("title", "description", "group")
        for m in article.mentions
    )


def _in_longer_name(doc: Doc, ent: Span, words: PlaceWords) -> bool:
    """A place name inside a longer capitalised name ('New Mexico', 'Washington Post',
    'George Washington'): the longer name is read from the gazetteer or is no place. A month
    or weekday beside it is no part of it ('in Lagos April 4')."""
    # A capitalised word opening the sentence ('Meanwhile Ukraine ...') may be any word.
    before = doc[ent.start - 1] if ent.start > 0 and not doc[ent.start - 1].is_sent_start else None
    after = doc[ent.end] if ent.end < len(doc) else None
    return any(
        token is not None
        and not token.ent_type_
        and _is_name_token(token)
        and token.lower_ not in words.not_place
        for token in (before, after)
    )


def _in_institution(doc: Doc, start: int, words: PlaceWords) -> bool:
    """A name after an institution's noun and 'of' ('the Bank of England', 'the University
    of California'): part of the institution's name, no place of its own."""
    i = start - 2 if start > 1 and doc[start - 1].lower_ == "the" else start - 1
    if i < 1 or doc[i].lower_ != "of":
        return False
    noun = doc[i - 1]
    return noun.text[:1].isupper() and noun.lower_ in words.institutions


def _homonym_region(doc: Doc, ent: Span, tools: Tools) -> GazetteerEntry | None:
    """The region of another country that a capital's or country's name names where the text
    says so: 'Tacoma, Washington', 'Washington state', 'central Washington', 'California or
    Washington'."""
    regions = _regions(tools, ent.text)
    if not regions:
        return None
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    of_state = before == "of" and ent.start > 1 and doc[ent.start - 2].lower_ == "state"
    if after == "state" or of_state or before in DIRECTIONS:
        return regions[0]
    for region in regions:
        if _city_before(doc, ent.start, region, tools) or _listed_with(doc, ent, region, tools):
            return region
    return None


def _city_before(doc: Doc, start: int, region: GazetteerEntry, tools: Tools) -> bool:
    """'Tacoma, Washington': a city of the region right before the name and a comma."""
    if start < 2 or doc[start - 1].text != ",":
        return False
    first = start - 2
    while first > 0 and _is_name_token(doc[first - 1]) and start - first < 4:
        first -= 1
    name = _lookup_name(doc[first : start - 1].text)
    return any(e.admin1 == region.name for e in tools.gazetteer.lookup(name))


def _listed_with(doc: Doc, ent: Span, region: GazetteerEntry, tools: Tools) -> bool:
    """'California or Washington', 'Washington and Oregon': beside another region of its country."""
    beside = [(ent.start - 1, ent.start - 2), (ent.end, ent.end + 1)]
    for joint, other in beside:
        if not (0 <= joint < len(doc) and 0 <= other < len(doc)):
            continue
        if doc[joint].lower_ in (",", "or", "and") and _is_name_token(doc[other]):
            entries = _regions(tools, doc[other].text)
            if any(e.country == region.country and e is not region for e in entries):
                return True
    return False


def _region_place(article: Article, ent: Span, region: GazetteerEntry) -> Place:
    place = _place(ent, region.name, region.country, "region", region.lat, region.lon)
    role = _section_role(article, ent.start_char)
    return place.model_copy(update={"kb_id": region.id, "role": role})


def _region_start(reader: Reader, ent: Span, tools: Tools) -> int | None:
    """Token index of the direction word before a country name ('eastern Ukraine'), if any;
    none where the two words are a name ('Northern Ireland')."""
    if ent.start == 0:
        return None
    before = reader.doc[ent.start - 1]
    if before.lower_ not in DIRECTIONS:
        return None
    return None if reader.doc[before.i : ent.end].text in tools.gazetteer else before.i


def _region(article: Article, kb: KnowledgeBase, ent: Span, start: int, iso3: str) -> Place:
    """'eastern Ukraine': a region of the country. Its point is not estimated (the region's
    extent is not known): it has its country but no coordinates."""
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
    """A country (its centroid), a capital or a gazetteer place; None for other entities."""
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


def _role(article: Article, reader: Reader, ent: Span, kind: str, words: PlaceWords) -> PlaceRole:
    role = _section_role(article, ent.start_char)
    if role == "dateline":
        return role
    if _on_border(reader.doc, ent) or _described(reader.doc, ent, words):
        return "location"
    if kind == "capital" and _is_actor_mention(article, ent):
        return "actor"
    if kind in ("country", "capital") and acts(article, reader, ent):
        return "actor"
    return "location"


def _described(doc: Doc, ent: Span, words: PlaceWords) -> bool:
    """A place that a sentence describes rather than one that acts: the subject of a copula
    with a noun or an adjective after it ('Turkey is one of our markets', 'Morocco was the
    first country', 'Britain used to be a market'), or of 'have' with a noun ('China will
    have the most Christians'). A participle after the copula ('is holding', 'was hit') leaves
    the question to the actors' rules."""
    i = ent.end
    copula = have = False
    while i < len(doc) and doc[i].lower_ in words.auxiliaries | words.copulas:
        copula = copula or doc[i].lower_ in words.copulas
        have = doc[i].lower_ in ("have", "has", "had")
        i += 1
    if i == ent.end or i >= len(doc) or not (copula or have):
        return False
    word = doc[i].lower_
    if not doc[i].text.isalpha() or word.endswith(("ed", "ing")) or word in words.auxiliaries:
        return False
    return copula or word in DETERMINERS


def _on_border(doc: Doc, ent: Span) -> bool:
    """'the border with Mexico': the country is where the border lies, not an actor."""
    return (
        ent.start > 1
        and doc[ent.start - 1].lower_ == "with"
        and (
            doc[ent.start - 2].lemma_ == "border"
            or doc[ent.start - 2].lower_ in ("border", "borders")
        )
    )


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
    # A street, building or natural feature GeoNames does not list: its feature.
    landmark: str | None = None

    @property
    def unambiguous(self) -> GazetteerEntry | None:
        return self.entries[0] if len(self.entries) == 1 else None


def _gazetteer_places(
    article: Article, reader: Reader, tools: Tools, known: list[Place]
) -> Iterator[Place]:
    doc = reader.doc
    taken = _taken(doc, known, tools.words)
    runs = [
        piece
        for run in capitalised_runs(doc, taken, tools.words.not_place)
        for piece in _pieces(doc, run, tools)
    ]
    people = _surnames(doc, runs, tools.gazetteer)
    candidates = [c for run in runs if (c := _candidate(article, run, tools, people)) is not None]
    hints = _hints(reader, known, candidates)
    named = [c for c in candidates if c.landmark is None]
    first = [best(c.entries, c.name, _local_to(article, c, tools, hints)) for c in named]
    hints = _coherent(hints, named, first)
    found = list(known)
    for candidate in named:
        local = _local_to(article, candidate, tools, hints)
        entry = best(candidate.entries, candidate.name, local)
        region = _written_region(doc, candidate, entry, local, tools, hints)
        if region is not None:
            found.append(_town(article, candidate, region))
            yield found[-1]
        elif entry is not None:
            found.append(_gazetteer_place(article, candidate, entry))
            yield found[-1]
    covered = _covered(doc, found, candidates)
    landmarks = [c for c in candidates if c.landmark is not None]
    landmarks += _venues(doc, covered, tools.words)
    located = sorted((p for p in found if p.lat is not None), key=_start)
    for candidate in sorted(landmarks, key=lambda c: c.start):
        within, source = _within(doc, candidate, tools, hints, located)
        yield _landmark(article, candidate, within, source)


def _covered(doc: Doc, places: list[Place], candidates: list[Candidate]) -> set[int]:
    """Indices of the tokens of ``places`` and ``candidates``."""
    covered = {i for c in candidates for i in range(c.start, c.end)}
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    return covered


def _venues(doc: Doc, covered: set[int], words: PlaceWords) -> list[Candidate]:
    """Names after a venue word ('at Whole Foods', 'at the Feis Ceoil', 'at the Palais des
    Nations'): where something happens, read as landmarks. A person's name, a title, a date
    word or a possessive ('at Donald Trump's ranch') is no venue."""
    venues = []
    for i in range(len(doc) - 1):
        if doc[i].lower_ not in words.venue:
            continue
        start = i + 2 if doc[i + 1].lower_ == "the" else i + 1
        end = _venue_end(doc, start, words)
        if end == start or any(k in covered for k in range(start, end)):
            continue
        person = any(t.ent_type_ == "PERSON" for t in doc[start:end])
        possessive = end < len(doc) and doc[end].lower_ in ("'s", "’s")
        if person or possessive or doc[start].lower_.rstrip(".") in words.title:
            continue
        venues.append(Candidate(start, end, doc[start:end].text, (), landmark="landmark"))
    return venues


def _venue_end(doc: Doc, start: int, words: PlaceWords) -> int:
    """End of the name opening at ``start``: capitalised words, joined by a joiner ('of',
    'des', "'s") and ended by a number ('Super Bowl 52'); ``start`` where there is none."""
    end = start
    while end < len(doc):
        token = doc[end]
        # Inside a name a capitalised function word is part of it ('Close Up', 'Final Four').
        name = _is_name_token(token) or (end > start and token.text[:1].isupper())
        bare = token.text.translate(NAME_PUNCTUATION)
        if name and bare.isalpha() and token.lower_ not in words.not_place:
            end += 1
        elif end > start and token.text.isdigit():
            return end + 1
        elif end > start and token.lower_ in words.joiners:
            # 'of the' joins too: 'Summit of the Americas'.
            after = end + 2 if end + 1 < len(doc) and doc[end + 1].lower_ == "the" else end + 1
            if after >= len(doc) or not _is_name_token(doc[after]):
                break
            end = after
        else:
            break
    return end


def _taken(doc: Doc, known: list[Place], words: PlaceWords) -> set[int]:
    """Indices of tokens inside an entity or a knowledge-base place; a place name inside a
    longer name is free, to be read with it."""
    taken = {
        i
        for ent in doc.ents
        if ent.label_ not in ("GPE", "LOC") or not _in_longer_name(doc, ent, words)
        for i in range(ent.start, ent.end)
    }
    for place in known:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None:
            taken.add(span.start)
    return taken


def capitalised_runs(
    doc: Doc, taken: set[int], stop: frozenset[str] = frozenset()
) -> Iterator[tuple[int, int]]:
    """Maximal runs ``(start, end)`` of capitalised name tokens outside ``taken``; a hyphen
    joins two of them ('Gilgit-Baltistan', 'Vice-President'). A word of ``stop`` (lower case:
    months, weekdays) ends a run."""
    # Token texts from the doc's arrays: no Token object per word (the stage's hot loop).
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, SPACY]).tolist()
    texts = [strings[orth] for orth, _ in rows]
    names = [_is_name_text(text) and text.lower() not in stop for text in texts]
    start: int | None = None
    for i in range(len(texts)):
        if i not in taken and (names[i] or _joins(texts, rows, names, i, start)):
            start = i if start is None else start
            continue
        if start is not None:
            yield start, i
        start = None
    if start is not None:
        yield start, len(doc)


def _pieces(doc: Doc, run: tuple[int, int], tools: Tools) -> list[tuple[int, int]]:
    """A run the gazetteer does not know whole, split where words turn to or from capitals
    when a part is a known name ('LONDON Pope Francis', a dateline; 'Associated Press
    WASHINGTON'), before a region and its division word ('Maiduguri Borno State'), or before
    a division's name of two words or more that ends it ('Editorial Board Cuyahoga County')."""
    start, end = run
    if end - start < 2 or _lookup_name(doc[start:end].text) in tools.gazetteer:
        return [run]
    segments = _case_segments(doc, run)
    landmark = doc[end - 1].lower_ in tools.words.heads
    known = any(_lookup_name(doc[a:b].text) in tools.gazetteer for a, b in segments)
    if len(segments) > 1 and not landmark and known:
        return segments
    if end - start >= 3 and doc[end - 1].lower_ in tools.words.division:
        for cut in range(start + 1, end - 1):
            region = _regions(tools, doc[cut : end - 1].text)
            if region and _lookup_name(doc[start:cut].text) in tools.gazetteer:
                return [(start, cut), (cut, end - 1)]
    for cut in range(start + 1, end - 1):
        name = _lookup_name(doc[cut:end].text)
        entries = tools.gazetteer.lookup(name)
        if any(e.feature in DIVISIONS and fold(e.name) == fold(name) for e in entries):
            return [(start, cut), (cut, end)]
    return [run]


def _case_segments(doc: Doc, run: tuple[int, int]) -> list[tuple[int, int]]:
    """``run`` cut where its words turn to or from all capitals; an acronym of two or three
    letters goes with the word before it ('Liverpool FC', 'NEW YORK')."""
    start, end = run
    marks = [_shouting(doc[i].text) for i in range(start, end)]
    first = next((mark for mark in marks if mark is not None), False)
    shouting: list[bool] = []
    for mark in marks:
        shouting.append((shouting[-1] if shouting else first) if mark is None else mark)
    segments = [(start, start + 1)]
    for i in range(start + 1, end):
        if shouting[i - start] == shouting[i - start - 1]:
            segments[-1] = (segments[-1][0], i + 1)
        else:
            segments.append((i, i + 1))
    return segments


def _shouting(text: str) -> bool | None:
    """Whether a word is in capitals; None for an acronym of two or three letters."""
    bare = text.translate(NAME_PUNCTUATION)
    if not bare.isupper():
        return False
    return True if len(bare) > 3 else None


def _joins(
    texts: list[str], rows: list[list[int]], names: list[bool], i: int, start: int | None
) -> bool:
    """A hyphen between two capitalised words, without spaces (``rows``: ORTH, SPACY)."""
    if start is None or texts[i] != "-" or rows[i][1] or i + 1 >= len(texts):
        return False
    return not rows[i - 1][1] and names[i + 1]


def _is_name_token(token: Token) -> bool:
    """A capitalised word; a capitalised function word ('In', 'Of' in a headline) is none."""
    return _is_name_text(token.text)


def _is_name_text(text: str) -> bool:
    if not text or not text[0].isupper():
        return False
    bare = text.translate(NAME_PUNCTUATION)
    if not bare or not bare.isalpha() or not bare[0].isupper():
        return False
    return bare.isupper() or text.lower() not in STOP_WORDS


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
    article: Article, run: tuple[int, int], tools: Tools, people: frozenset[str]
) -> Candidate | None:
    doc = article.doc
    start, end = run
    name = _lookup_name(doc[start:end].text)
    if _beside_entity(doc, start, end) or (
        _after_title(doc, start, tools.words) and not _titled_place(doc, run, name, tools)
    ):
        return None
    if name.lower() in tools.words.not_place or _in_institution(doc, start, tools.words):
        return None
    if _bracketed_acronym(doc, run):
        return None
    if name in tools.words.abbreviations:
        return _abbreviation(doc, run, name, tools)
    adjective = _adjective(article, doc, run, name, tools)
    if adjective is not None:
        return adjective
    entries = tuple(tools.gazetteer.lookup(name)) or _city_of(name, tools.gazetteer)
    if not entries:
        landmark = _landmark_candidate(doc, run, name, tools.words)
        return landmark or _qualified_candidate(doc, run, name, tools, people)
    division = end < len(doc) and doc[end].lower_ in tools.words.division
    if division and any(e.feature == "region" for e in entries):
        return Candidate(start, end + 1, name, entries, division=True)
    primary = any(fold(e.name) == fold(name) for e in entries)
    if not primary and not _after_locative(doc, start, tools.words):
        return None
    if end - start == 1 and not _lone_word_is_place(doc, start, tools, people):
        return None
    return Candidate(start, end, name, entries)


def _bracketed_acronym(doc: Doc, run: tuple[int, int]) -> bool:
    """One word in capitals alone in brackets: the acronym of the words before it ('a hazard
    area response team (HART)'), no place."""
    start, end = run
    if end - start != 1 or start == 0 or end >= len(doc):
        return False
    word = doc[start].text
    return doc[start - 1].text == "(" and doc[end].text == ")" and word.isupper() and len(word) > 2


def _qualified_candidate(
    doc: Doc, run: tuple[int, int], name: str, tools: Tools, people: frozenset[str]
) -> Candidate | None:
    """A name GeoNames does not list followed by a region or county and no more names
    ('Snetterton, Norfolk.', 'CAMP MURRAY, Wash.'): a town of that region (see
    :func:`_written_region`). Not a person's name, a word opening a sentence ('Ideally,
    ...'), the end of a possessive ("Estey's Bridge") or a name in a list."""
    start, end = run
    if end - start > 3 or doc[end - 1].text in people or doc[start].is_sent_start:
        return None
    if start > 0 and doc[start - 1].lower_ in ("'s", "’s"):
        return None
    candidate = Candidate(start, end, name, ())
    qualifier = _qualifier(doc, end, tools.gazetteer, tools.words)
    if not any(e.feature in DIVISIONS for e in qualifier) or _in_list(doc, candidate):
        return None
    return candidate


def _city_of(name: str, gaz: Gazetteer) -> tuple[GazetteerEntry, ...]:
    """The cities a name of the form '<city> City' stands for, where the gazetteer knows the
    city by its bare name ('Calamba City')."""
    bare, _, last = name.rpartition(" ")
    if not bare or last.lower() != "city":
        return ()
    return tuple(e for e in gaz.lookup(bare) if e.feature == "city" and fold(e.name) == fold(bare))


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


def _titled_place(doc: Doc, run: tuple[int, int], name: str, tools: Tools) -> bool:
    """A place whose name opens with a title word: 'St. Louis', 'Saint-Denis'."""
    start, end = run
    if end - start < 2 or doc[start].lower_.rstrip(".") not in tools.words.title:
        return False
    return any(fold(e.name) == fold(name) for e in tools.gazetteer.lookup(name))


def _lone_word_is_place(doc: Doc, index: int, tools: Tools, people: frozenset[str]) -> bool:
    """Whether one capitalised word is a place: see the module's description."""
    token = doc[index]
    following = doc[index + 1].lower_ if index + 1 < len(doc) else ""
    if _after_locative(doc, index, tools.words):
        return True
    if token.text in people or following in tools.words.speech:
        return False
    if _named_thing(doc, index):
        return False
    # An all-capitals word opening a paragraph is a dateline ('WASHINGTON —').
    opens = token.is_sent_start and not (token.text.isupper() and len(token.text) > 3)
    return not opens and token.lower_ not in tools.words.common


def _named_thing(doc: Doc, index: int) -> bool:
    """'the Bank of Mexico', 'the Alliance's partners': a word after 'the' and before 'of' or
    a possessive names an organisation or a thing, not a town."""
    if index == 0 or doc[index - 1].lower_ != "the" or index + 1 >= len(doc):
        return False
    return doc[index + 1].lower_ in ("of", "'s", "’s")


def _after_locative(doc: Doc, index: int, words: PlaceWords) -> bool:
    return index > 0 and doc[index - 1].lower_ in words.locative


def _adjective(
    article: Article, doc: Doc, run: tuple[int, int], name: str, tools: Tools
) -> Candidate | None:
    """A continent's adjective before a noun of a thing ('the European economy'): the
    continent (see :func:`_modifies_thing`)."""
    start, end = run
    place = tools.words.adjectives.get(name)
    if place is None or not _modifies_thing(article, doc, start, end, tools.words):
        return None
    entries = tuple(e for e in tools.gazetteer.lookup(place) if fold(e.name) == fold(place))
    return Candidate(start, end, place, entries) if entries else None


def _abbreviation(doc: Doc, run: tuple[int, int], name: str, tools: Tools) -> Candidate | None:
    """A region's abbreviation after a name and a comma or bracket: 'Fresno, Calif.'."""
    start, end = run
    if not _after_separator(doc, start):
        return None
    entries = tuple(_regions(tools, name))
    return Candidate(start, end, entries[0].name, entries) if entries else None


def _regions(tools: Tools, name: str) -> list[GazetteerEntry]:
    """The first-order regions an abbreviation ('Calif.') or a name stands for."""
    full = tools.words.abbreviations.get(name, name)
    return [e for e in tools.gazetteer.lookup(full) if e.feature == "region"]


def _after_separator(doc: Doc, start: int) -> bool:
    """A comma or an opening bracket right after a name: 'Fresno, ', 'Walker County ('."""
    return start > 1 and doc[start - 1].text in (",", "(") and _is_name_token(doc[start - 2])


def _landmark_candidate(
    doc: Doc, run: tuple[int, int], name: str, words: PlaceWords
) -> Candidate | None:
    """A name of two words or more that ends in a head word ('Royal Street') or starts with a
    prefix ('Lake Manassas'): a place GeoNames does not list."""
    start, end = run
    if end - start < 2:
        return None
    feature = words.heads.get(doc[end - 1].lower_.rstrip("."))
    feature = feature or words.prefixes.get(doc[start].lower_)
    if feature is None or doc[start].lower_ in words.heads:
        return None
    return Candidate(start, end, name, (), landmark=feature)


def _within(
    doc: Doc, candidate: Candidate, tools: Tools, hints: Hints, located: list[Place]
) -> tuple[Place | GazetteerEntry | None, PointSource]:
    """The place a landmark lies in: one right after it ('Barclays Center in Brooklyn',
    'Royal Street, New Orleans', 'the University of St. Thomas in Houston'), unless a place
    named in it lies in that one ('Manila Cathedral in the Philippines'); else one named in it
    ('Manila Cathedral'); else a place of the same name the article locates ('at Snetterton'
    after 'Snetterton, Norfolk'); else the city the article is about (:func:`_focus`)."""
    inner = _inner_place(doc, candidate, tools, hints)
    after = _place_after(doc, candidate, located)
    if after is None:
        context = inner or _namesake(doc, candidate, located)
        return (context, "context") if context is not None else (_focus(located), "article")
    if inner is not None and inner.country == after.country and after.feature in WIDE:
        return inner, "context"
    return after, "context"


def _namesake(doc: Doc, candidate: Candidate, located: list[Place]) -> Place | None:
    """The place the article locates under the landmark's whole name, the nearest one."""
    begin = doc[candidate.start].idx
    same = [p for p in located if fold(p.text) == fold(candidate.name)]
    return min(same, key=lambda p: abs(p.start - begin), default=None)


def _place_after(doc: Doc, candidate: Candidate, located: list[Place]) -> Place | None:
    """The place right after a landmark and a joint ('in', ',', 'in the')."""
    joint = candidate.end
    if joint + 1 >= len(doc) or doc[joint].lower_ not in LANDMARK_JOINTS:
        return None
    first = joint + 2 if doc[joint + 1].lower_ == "the" and joint + 2 < len(doc) else joint + 1
    return next((p for p in located if p.start == doc[first].idx), None)


def _focus(located: list[Place]) -> Place | None:
    """The city of the article's dateline, else the city it names most often in the country
    it names most, of those named as often the one in the region of that country it names
    most (a region's own name and its places count), else the first. An article that names
    no city is about its county, if it names one ('Cuyahoga County'); else None."""
    cities = [p for p in located if p.feature in ("city", "town")]
    cities = cities or [p for p in located if p.feature == "county"]
    dateline = next((p for p in cities if p.role == "dateline"), None)
    if dateline is not None:
        return dateline
    countries = Counter(p.country for p in located if p.country)
    main = countries.most_common(1)[0][0] if countries else None
    regions = Counter(
        p.name if p.feature == "region" else p.admin1
        for p in located
        if p.country == main and (p.feature == "region" or p.admin1)
    )
    region = regions.most_common(1)[0][0] if regions else None
    counts = Counter(p.kb_id for p in cities)
    return max(
        cities,
        key=lambda p: (p.country == main, counts[p.kb_id], p.admin1 == region),
        default=None,
    )


def _inner_place(
    doc: Doc, candidate: Candidate, tools: Tools, hints: Hints
) -> GazetteerEntry | None:
    """A known place whose name opens the landmark's ('Colchester General Hospital'; not a
    street's, named after a place elsewhere), else one that ends it ('British Embassy Tokyo',
    not 'Convention Centre'), that may hold it (:func:`_holds_landmark`)."""
    start, end = candidate.start, candidate.end
    # A street is named after a place, not in it: 'Atlantic Avenue', 'Hampton Road'.
    opening = [] if candidate.landmark == "street" else range(end - 1, start, -1)
    spans = [(start, stop) for stop in opening]
    last = doc[end - 1].lower_.rstrip(".")
    if last not in tools.words.heads and last not in tools.words.common:
        spans += [(first, end) for first in range(start + 1, end)]
    for first, stop in spans:
        name = _lookup_name(doc[first:stop].text)
        entries = [
            e
            for e in tools.gazetteer.lookup(name)
            if fold(e.name) == fold(name) and _holds_landmark(e, hints)
        ]
        if entries:
            return best(entries, name, hints)
    return None


def _holds_landmark(entry: GazetteerEntry, hints: Hints) -> bool:
    """Whether a place named in a landmark's name may be where it lies: a town of at least
    :data:`KNOWN_POPULATION` people, a country, or a place of a country and a region the
    article names. A small town elsewhere is a namesake ('Pearl Harbor', not Pearl,
    Mississippi); a continent is too wide to hold a landmark."""
    if entry.feature == "continent":
        return False
    if entry.population >= KNOWN_POPULATION:
        return True
    if entry.country not in hints.countries:
        return False
    return entry.feature == "country" or not hints.regions.isdisjoint((entry.admin1, entry.name))


def _landmark(
    article: Article,
    candidate: Candidate,
    within: Place | GazetteerEntry | None,
    source: PointSource,
) -> Place:
    start, end = _char_span(article.doc, candidate)
    located = within is not None and within.lat is not None
    return _candidate_place(
        article,
        candidate,
        name=article.text[start:end],
        country=within.country if within else None,
        admin1=within.admin1 if within else None,
        feature=candidate.landmark,
        lat=within.lat if within else None,
        lon=within.lon if within else None,
        point=source if located else None,
    )


def _candidate_place(article: Article, candidate: Candidate, **fields: Any) -> Place:
    """A place over ``candidate``'s tokens: its span, text and section role, and ``fields``."""
    start, end = _char_span(article.doc, candidate)
    return Place(
        id="",
        start=start,
        end=end,
        text=article.text[start:end],
        role=_section_role(article, start),
        **fields,
    )


def _char_span(doc: Doc, candidate: Candidate) -> tuple[int, int]:
    """The character offsets of ``doc[candidate.start:candidate.end]``."""
    last = doc[candidate.end - 1]
    return doc[candidate.start].idx, last.idx + len(last)


def _start(place: Place) -> int:
    return place.start


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


def _coherent(
    hints: Hints, candidates: list[Candidate], entries: list[GazetteerEntry | None]
) -> Hints:
    """``hints`` with the regions that hold places of at least :data:`COHERENT_NAMES`
    different names as first resolved: an article about Louisiana names several of its
    towns, and its 'Franklin' is the one in Louisiana."""
    names: dict[str, set[str]] = {}
    for candidate, entry in zip(candidates, entries, strict=True):
        if entry is not None and entry.admin1 and fold(entry.name) == fold(candidate.name):
            names.setdefault(entry.admin1, set()).add(candidate.name)
    regions = {region for region, found in names.items() if len(found) >= COHERENT_NAMES}
    if regions <= hints.regions:
        return hints
    return Hints(hints.countries, hints.regions | regions)


def _local_to(article: Article, candidate: Candidate, tools: Tools, hints: Hints) -> Hints:
    """The hints for one name. A dateline names where the reporter files from, often abroad,
    and wire style writes a city alone only when it is well known ("PARIS", not Paris, Texas):
    only what the dateline itself adds ("SPRINGFIELD, Ill.") counts there."""
    local = _local(article.doc, candidate, tools, hints)
    if _section_role(article, article.doc[candidate.start].idx) != "dateline":
        return local
    return Hints(
        qualifier_countries=local.qualifier_countries,
        qualifier_regions=local.qualifier_regions,
        division=local.division,
    )


def _local(doc: Doc, candidate: Candidate, tools: Tools, hints: Hints) -> Hints:
    """``hints`` with what is written right after the name: ', Oregon', ' region'."""
    qualifier = _qualifier(doc, candidate.end, tools.gazetteer, tools.words)
    division = candidate.division or _beside_region(doc, candidate, tools)
    if not qualifier and not division:
        return hints
    countries = frozenset(e.country for e in qualifier if e.feature == "country" and e.country)
    regions = frozenset(e.name for e in qualifier if e.feature == "region")
    # A county names its region: 'Rockingham, Northamptonshire' is in England.
    regions |= frozenset(e.admin1 for e in qualifier if e.feature == "county" and e.admin1)
    return Hints(hints.countries, hints.regions, countries, regions, division)


def _beside_region(doc: Doc, candidate: Candidate, tools: Tools) -> bool:
    """A name listed with a region that is no city's name ('England and Wales', 'Alberta or
    Ontario'): a region too."""
    if not any(e.feature == "region" for e in candidate.entries):
        return False
    beside = [(candidate.start - 1, candidate.start - 2), (candidate.end, candidate.end + 1)]
    for joint, other in beside:
        if not (0 <= joint < len(doc) and 0 <= other < len(doc)):
            continue
        if doc[joint].lower_ not in ("and", "or") or not _is_name_token(doc[other]):
            continue
        entries = tools.gazetteer.lookup(doc[other].text)
        if entries and all(e.feature in ("region", "country") for e in entries):
            return True
    return False


def _qualifier(doc: Doc, end: int, gaz: Gazetteer, words: PlaceWords) -> list[GazetteerEntry]:
    """Countries, regions and counties named after a comma: 'Portland, Oregon'."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return []
    stop = end + 1
    while stop < len(doc) and _is_name_token(doc[stop]) and stop - end <= 4:
        stop += 1
    name = _lookup_name(doc[end + 1 : stop].text)
    name = words.abbreviations.get(name, name)
    return [e for e in gaz.lookup(name) if e.feature in ("country", "region", "county")]


def _written_region(
    doc: Doc,
    candidate: Candidate,
    entry: GazetteerEntry | None,
    local: Hints,
    tools: Tools,
    hints: Hints,
) -> GazetteerEntry | None:
    """The region or county written after a name ('Rockingham, Northamptonshire') when no
    place of that name lies in it (GeoNames lists none of the name there): the place is a town
    of that region, at its point. None where the name's place lies in it, where the name is a
    region or a country itself, where the names are a list ('Utah, Colorado, and Idaho'), or
    where none is written."""
    if entry is not None and (entry.feature in (*DIVISIONS, "country") or _lies_in(entry, local)):
        return None
    qualifier = _qualifier(doc, candidate.end, tools.gazetteer, tools.words)
    divisions = [e for e in qualifier if e.feature in DIVISIONS]
    if not divisions or _in_list(doc, candidate):
        return None
    return best(divisions, doc[candidate.end + 1].text, hints)


def _in_list(doc: Doc, candidate: Candidate) -> bool:
    """A name in a list of names ('Miami, West Palm Beach, New York, and Detroit'): a comma
    before it, or a comma, 'and' or 'or' after the name after it."""
    if candidate.start > 0 and doc[candidate.start - 1].text == ",":
        return True
    after = candidate.end + 1
    while after < len(doc) and _is_name_token(doc[after]):
        after += 1
    return after < len(doc) and doc[after].lower_ in (",", "and", "or")


def _lies_in(entry: GazetteerEntry, local: Hints) -> bool:
    return entry.country in local.qualifier_countries or entry.admin1 in local.qualifier_regions


def _town(article: Article, candidate: Candidate, region: GazetteerEntry) -> Place:
    """A town GeoNames does not list, in ``region`` (a county or region), at its point."""
    return _candidate_place(
        article,
        candidate,
        name=candidate.name,
        country=region.country,
        admin1=region.admin1 if region.feature == "county" else region.name,
        feature="town",
        lat=region.lat,
        lon=region.lon,
        point="context",
    )


def _gazetteer_place(article: Article, candidate: Candidate, entry: GazetteerEntry) -> Place:
    return _candidate_place(
        article,
        candidate,
        name=entry.name,
        country=entry.country,
        admin1=entry.admin1,
        feature=entry.feature,
        lat=entry.lat,
        lon=entry.lon,
        kb_id=entry.id,
    )


STAGE = Stage(
    name="places",
    version=VERSION,
    requires=("doc", "mentions", "actors"),
    assigns=("places",),
    run=find_places,
    description="place names resolved to coordinates, country and feature, with their role",
)
