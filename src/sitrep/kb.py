"""The knowledge base: countries, organisations, people, sectors and places, as data files.

Files (``sitrep/data``; a user's ``data_dirs`` extends or overrides them by key):
``countries.yaml``, ``organisations.yaml``, ``people.yaml``, ``sectors.yaml``, ``places.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sitrep.datafiles import load_entries


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
    lat: float | None = None
    lon: float | None = None
    capital_lat: float | None = None
    capital_lon: float | None = None


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
    gender: Literal["male", "female"] | None = None
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
    country: str
    admin1: str | None = None
    feature: str = "city"
    lat: float
    lon: float
    population: int | None = None


@dataclass(frozen=True)
class KnowledgeBase:
    countries: tuple[CountryEntry, ...]
    organisations: tuple[OrganisationEntry, ...]
    people: tuple[PersonEntry, ...]
    sectors: tuple[SectorEntry, ...]
    places: tuple[PlaceEntry, ...]
    _index: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, data_dirs: Sequence[Path] = ()) -> KnowledgeBase:
        return cls(
            countries=tuple(
                load_entries("countries.yaml", CountryEntry, key=lambda e: e.iso3,
                             data_dirs=data_dirs)
            ),
            organisations=tuple(
                load_entries("organisations.yaml", OrganisationEntry, key=lambda e: e.id,
                             data_dirs=data_dirs)
            ),
            people=tuple(
                load_entries("people.yaml", PersonEntry, key=lambda e: e.id, data_dirs=data_dirs)
            ),
            sectors=tuple(
                load_entries("sectors.yaml", SectorEntry, key=lambda e: e.code,
                             data_dirs=data_dirs)
            ),
            places=tuple(
                load_entries("places.yaml", PlaceEntry, key=lambda e: e.id, data_dirs=data_dirs)
            ),
        )

    def country(self, iso3: str | None) -> CountryEntry | None:
        if iso3 is None:
            return None
        if "country" not in self._index:
            self._index["country"] = {entry.iso3: entry for entry in self.countries}
        found: CountryEntry | None = self._index["country"].get(iso3)
        return found

    def entity_patterns(self) -> list[dict[str, Any]]:
        """Patterns for spaCy's EntityRuler; ``id`` is ``kind:key`` of the matching entry."""
        return list(self._iter_patterns())

    def _iter_patterns(self) -> Iterator[dict[str, Any]]:
        for country in self.countries:
            for name in [country.name, *country.aliases]:
                yield _pattern("GPE", name, f"country:{country.iso3}")
            for adjective in [*country.adjectives, *country.demonyms]:
                yield _pattern("NORP", adjective, f"country:{country.iso3}")
            if country.capital:
                for name in [country.capital, *country.capital_aliases]:
                    yield _pattern("GPE", name, f"capital:{country.iso3}")
            for seat in country.seats:
                yield _pattern("ORG", seat, f"seat:{country.iso3}")
        for organisation in self.organisations:
            for name in [organisation.name, *organisation.aliases]:
                yield _pattern("ORG", name, f"organisation:{organisation.id}")
        for person in self.people:
            for name in [person.name, *person.aliases]:
                yield _pattern("PERSON", name, f"person:{person.id}")
        for place in self.places:
            for name in [place.name, *place.aliases]:
                yield _pattern("GPE" if place.feature == "city" else "LOC", name,
                               f"place:{place.id}")


def _pattern(label: str, phrase: str, entry_id: str) -> dict[str, Any]:
    return {"label": label, "pattern": phrase, "id": entry_id}
