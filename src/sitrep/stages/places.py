"""The places stage: place names resolved to the knowledge base's coordinates.

Places are the language stage's GPE/LOC entities that name a country, a capital or a gazetteer
place, and region phrases "(northern|...|central) <Country>" ("eastern Ukraine"). Demonyms
("Ukrainian") are never places. Each place has a role: ``dateline`` in the dateline section,
``actor`` where the name acts as a government ("by Kyiv", "South Korea raises alarm", or a
capital mention of the actors stage), else ``location``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from spacy.tokens import Span

from sitrep.kb import KnowledgeBase, split_entity_id
from sitrep.lookup import section_at
from sitrep.records import Article, Place
from sitrep.registry import Context, Stage
from sitrep.stages.actors import Reader, acts, reader_for

VERSION = "places.v1"
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


def find_places(article: Article, ctx: Context) -> Article:
    reader = reader_for(article, ctx)
    places = sorted(_places(article, reader), key=lambda p: p.start)
    article.places = [place.model_copy(update={"id": f"p{n}"}) for n, place in enumerate(places, 1)]
    return article


def _places(article: Article, reader: Reader) -> Iterable[Place]:
    for ent in reader.doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        kind, key = split_entity_id(ent.ent_id_)
        region = _region_start(reader, ent) if kind == "country" else None
        if region is not None:
            yield _region(article, reader.kb, ent, region, key)
            continue
        if _is_modifier(article, ent):
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


STAGE = Stage(
    name="places",
    version=VERSION,
    requires=("doc", "mentions", "actors"),
    assigns=("places",),
    run=find_places,
    description="place names resolved to coordinates, country and feature, with their role",
)
