"""The knowledge base: countries, organisations, people, sectors and places, as data files.

Files (``sitrep/data``; a user's ``data_dirs`` extends or overrides them by key):
``countries.yaml``, ``organisations.yaml``, ``people.yaml``, ``sectors.yaml``, ``places.yaml``
and ``actor_words.yaml`` (pronouns, title modifiers, prepositions, title synonyms).

Lookups build their indices on first use and keep them in the instance's ``_index`` cache; the
knowledge base itself is built once per pipeline (``Context.resource("kb", ...)``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from sitrep.datafiles import load_entries

T = TypeVar("T")
Gender = Literal["male", "female"]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountryEntry(Entry):
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    aliases: list[str] = Field(default_factory=list, description="other names: 'DPRK'")
    adjectives: list[str] = Field(default_factory=list, description="'Ukrainian', 'North Korean'")
    demonyms: list[str] = Field(default_factory=list, description="plural nouns: 'Ukrainians'")
    capital: str | None = None
    capital_aliases: list[str] = Field(default_factory=list)
    seats: list[str] = Field(
        default_factory=list,
        description="seats of government used as metonyms: 'Kremlin', 'White House'",
    )
    seat_sectors: dict[str, str] = Field(
        default_factory=dict, description="sector of a seat that is not GOV: Pentagon: MIL"
    )
    no_match: list[str] = Field(
        default_factory=list,
        description="names kept as data but never matched in text (common words: 'Victoria')",
    )
    lat: float | None = None
    lon: float | None = None
    capital_lat: float | None = None
    capital_lon: float | None = None

    def seat_sector(self, seat: str) -> str:
        return self.seat_sectors.get(seat, "GOV")


class Office(Entry):
    title: str
    country: str | None = None
    sector: str = "GOV"
    start: date
    end: date | None = None

    def held_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class PersonEntry(Entry):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    gender: Gender | None = None
    country: str | None = None
    sector: str | None = None
    offices: list[Office] = Field(default_factory=list)


class OrganisationEntry(Entry):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = Field(default=None, description="ISO3, or None for international")
    code: str | None = Field(default=None, description="CAMEO-style code for IGOs: NATO, UNO")
    sector: str | None = None
    kind: str = "organisation"


class SectorEntry(Entry):
    code: str
    label: str
    terms: list[str] = Field(description="title words and head nouns that signal the sector")
    # Titles that name one office holder ("president") rather than a group ("troops").
    singular_titles: list[str] = Field(default_factory=list)


class PlaceEntry(Entry):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = Field(default=None, description="ISO3; None for a continent or sea")
    admin1: str | None = None
    feature: str = "city"
    lat: float
    lon: float
    population: int | None = None


WordRole = Literal[
    "pronoun",
    "title_modifier",
    "preposition",
    "verb",
    "synonym",
    "determiner",
    "body",
    "person_noun",
    "group_noun",
    "relational",
    "region",
    "org_head",
    "anaphor",
    "name_particle",
    "speech_verb",
    "thing",
]


class ActorWordEntry(Entry):
    """A closed-class word the actors stage reads: 'he' (pronoun, male), 'of' (preposition).

    Bodies ('foreign ministry', 'army'), person and group nouns ('researcher', 'analysts'),
    organisation name heads ('Forces', 'Council') and anaphors ('the agency') carry the sector
    they code and, for some, the country ('State Department': USA) or organisation kind.
    """

    word: str
    role: WordRole
    gender: Gender | None = None
    means: str | None = Field(default=None, description="for synonyms: the canonical title")
    sector: str | None = Field(default=None, description="sector the word codes: GOV, MIL")
    country: str | None = Field(default=None, description="ISO3 of a country-specific body")
    org_kind: str | None = Field(default=None, description="organisation kind: armed_group")
    located: bool = Field(default=False, description="a body that takes 'in <city>': embassy")
    refers_to: list[str] = Field(
        default_factory=list,
        description="for anaphors: what they pick up: 'head:Agency', 'sector:REB', 'kind:igo', "
        "'body:army'",
    )


TitleKind = Literal["title", "body", "person", "group", "relational"]


@dataclass(frozen=True)
class Title:
    """A sector term as found in text: 'defence minister' (GOV, one holder), 'troops' (MIL)."""

    phrase: str
    sector: str | None
    singular: bool
    # title: a sector term; body: an institution ('foreign ministry'); person: a noun naming one
    # unnamed person ('researcher'); group: a plural noun ('analysts'); relational: 'allies'.
    kind: TitleKind = "title"


@dataclass(frozen=True)
class KnowledgeBase:
    countries: tuple[CountryEntry, ...]
    organisations: tuple[OrganisationEntry, ...]
    people: tuple[PersonEntry, ...]
    sectors: tuple[SectorEntry, ...]
    places: tuple[PlaceEntry, ...]
    words: tuple[ActorWordEntry, ...] = ()
    _index: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, data_dirs: Sequence[Path] = ()) -> KnowledgeBase:
        return cls(
            countries=tuple(
                load_entries(
                    "countries.yaml", CountryEntry, key=lambda e: e.iso3, data_dirs=data_dirs
                )
            ),
            organisations=tuple(
                load_entries(
                    "organisations.yaml", OrganisationEntry, key=lambda e: e.id, data_dirs=data_dirs
                )
            ),
            people=tuple(
                load_entries("people.yaml", PersonEntry, key=lambda e: e.id, data_dirs=data_dirs)
            ),
            sectors=tuple(
                load_entries("sectors.yaml", SectorEntry, key=lambda e: e.code, data_dirs=data_dirs)
            ),
            places=tuple(
                load_entries("places.yaml", PlaceEntry, key=lambda e: e.id, data_dirs=data_dirs)
            ),
            words=tuple(_load_words(data_dirs)),
        )

    @classmethod
    def load_words(cls, data_dirs: Sequence[Path] = ()) -> KnowledgeBase:
        """Only the closed-class words of ``actor_words.yaml``: for callers without a pipeline."""
        return cls((), (), (), (), (), words=tuple(_load_words(data_dirs)))

    def _cached(self, key: str, build: Callable[[], T]) -> T:
        if key not in self._index:
            self._index[key] = build()
        value: T = self._index[key]
        return value

    # -- entries by key ---------------------------------------------------------------------

    def country(self, iso3: str | None) -> CountryEntry | None:
        if iso3 is None:
            return None
        index = self._cached("country", lambda: {e.iso3: e for e in self.countries})
        return index.get(iso3)

    def person(self, person_id: str | None) -> PersonEntry | None:
        index = self._cached("person", lambda: {e.id: e for e in self.people})
        return index.get(person_id or "")

    def organisation(self, organisation_id: str | None) -> OrganisationEntry | None:
        index = self._cached("organisation", lambda: {e.id: e for e in self.organisations})
        return index.get(organisation_id or "")

    def place(self, place_id: str | None) -> PlaceEntry | None:
        index = self._cached("place", lambda: {e.id: e for e in self.places})
        return index.get(place_id or "")

    def country_named(self, name: str) -> CountryEntry | None:
        """The country called ``name`` (its name or an alias, exact spelling)."""
        index = self._cached(
            "country_named",
            lambda: {n: c for c in self.countries for n in [c.name, *c.aliases]},
        )
        return index.get(name)

    def country_of_name(self, name: str) -> str | None:
        """ISO3 of the country, capital or gazetteer place called ``name`` (any case)."""
        index = self._cached("country_of_name", self._build_country_of_name)
        return index.get(name.casefold())

    def _build_country_of_name(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for place in self.places:
            for name in [place.name, *place.aliases]:
                if place.country:
                    index.setdefault(name.casefold(), place.country)
        for country in self.countries:
            names = [
                country.name,
                *country.aliases,
                country.capital or "",
                *country.capital_aliases,
            ]
            for name in names:
                if name:
                    index[name.casefold()] = country.iso3
        return index

    # -- titles and sectors -----------------------------------------------------------------

    def titles(self) -> dict[str, Title]:
        """Sector terms by their lower-case phrase: 'defence minister' -> Title (GOV, singular)."""
        return self._cached("titles", self._build_titles)

    def _build_titles(self) -> dict[str, Title]:
        index: dict[str, Title] = {}
        for sector in self.sectors:
            singular = {t.lower() for t in sector.singular_titles}
            for term in sector.terms:
                phrase = " ".join(term.lower().split())
                index.setdefault(phrase, Title(phrase, sector.code, phrase in singular))
        return index

    def canonical_title(self, phrase: str) -> str:
        """'defense minister' -> 'defence minister', 'spokesman' -> 'spokesperson'."""
        synonyms = self._cached(
            "synonyms",
            lambda: {w.word.lower(): (w.means or w.word).lower() for w in self.words_of("synonym")},
        )
        lowered = phrase.lower()
        return synonyms.get(lowered, lowered)

    def words_of(self, role: WordRole) -> list[ActorWordEntry]:
        return [w for w in self.words if w.role == role]

    def word_set(self, role: WordRole) -> frozenset[str]:
        return self._cached(
            f"words:{role}", lambda: frozenset(w.word.lower() for w in self.words_of(role))
        )

    def words_by_phrase(self, role: WordRole) -> dict[str, ActorWordEntry]:
        """Entries of ``role`` by their lower-case phrase: 'foreign ministry' -> entry."""
        return self._cached(
            f"phrases:{role}",
            lambda: {" ".join(w.word.lower().split()): w for w in self.words_of(role)},
        )

    def title_gender(self, phrase: str) -> Gender | None:
        """'spokeswoman' -> female: the gender a title word implies, if any."""
        entry = self.words_by_phrase("synonym").get(phrase.lower())
        return entry.gender if entry is not None else None

    def pronoun_gender(self, word: str) -> Gender | None:
        index = self._cached(
            "pronouns", lambda: {w.word.lower(): w.gender for w in self.words_of("pronoun")}
        )
        return index.get(word.lower())

    # -- office holders ---------------------------------------------------------------------

    def office_holders(self, title: str, country: str | None, day: date) -> list[PersonEntry]:
        """People holding office ``title`` (any synonym) in ``country`` on ``day``."""
        wanted = self.canonical_title(title)
        found = [
            (office.start, person)
            for person in self.people
            for office in person.offices
            if self.canonical_title(office.title) == wanted
            and (country is None or office.country == country)
            and office.held_on(day)
        ]
        # On a handover day both holders qualify: the newer one first.
        return [person for _, person in sorted(found, key=lambda pair: pair[0], reverse=True)]

    def titles_held(self, person: PersonEntry, day: date) -> set[tuple[str, str | None]]:
        """(canonical title, country) of each office ``person`` holds on ``day``."""
        return {
            (self.canonical_title(office.title), office.country)
            for office in person.offices
            if office.held_on(day)
        }

    # -- the entity ruler's patterns --------------------------------------------------------

    def entity_patterns(self) -> list[dict[str, Any]]:
        """Patterns for spaCy's EntityRuler; ``id`` is ``kind:key`` of the matching entry."""
        return list(self._iter_patterns())

    def _iter_patterns(self) -> Iterator[dict[str, Any]]:
        for country in self.countries:
            yield from _country_patterns(country)
        for organisation in self.organisations:
            for name in [organisation.name, *organisation.aliases]:
                yield _pattern("ORG", name, f"organisation:{organisation.id}")
        for person in self.people:
            for name in [person.name, *person.aliases]:
                yield _pattern("PERSON", name, f"person:{person.id}")
        for place in self.places:
            for name in [place.name, *place.aliases]:
                yield _pattern(
                    "GPE" if place.feature == "city" else "LOC", name, f"place:{place.id}"
                )


def _load_words(data_dirs: Sequence[Path]) -> list[ActorWordEntry]:
    return load_entries(
        "actor_words.yaml", ActorWordEntry, key=lambda e: f"{e.role}:{e.word}", data_dirs=data_dirs
    )


def _country_patterns(country: CountryEntry) -> Iterator[dict[str, Any]]:
    skip = set(country.no_match)
    for name in [country.name, *country.aliases]:
        if name not in skip:
            yield _pattern("GPE", name, f"country:{country.iso3}")
    for adjective in [*country.adjectives, *country.demonyms]:
        if adjective not in skip:
            yield _pattern("NORP", adjective, f"country:{country.iso3}")
    # A city-state's capital shares its name ("Singapore"): the name stays the country's.
    skip |= {country.name, *country.aliases}
    if country.capital:
        for name in [country.capital, *country.capital_aliases]:
            if name not in skip:
                yield _pattern("GPE", name, f"capital:{country.iso3}")
    for seat in country.seats:
        if seat not in skip:
            yield _pattern("ORG", seat, f"seat:{country.iso3}")


def _pattern(label: str, phrase: str, entry_id: str) -> dict[str, Any]:
    return {"label": label, "pattern": phrase, "id": entry_id}


def split_entity_id(entity_id: str) -> tuple[str, str]:
    """'country:UKR' -> ('country', 'UKR'); an id without a kind gives ('', id)."""
    kind, _, key = entity_id.partition(":")
    return (kind, key) if key else ("", kind)
