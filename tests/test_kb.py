"""The knowledge base: its data files load, hold together, and answer look-ups."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from sitrep.kb import KnowledgeBase, split_entity_id


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_every_un_member_and_four_more(kb: KnowledgeBase) -> None:
    codes = [c.iso3 for c in kb.countries]
    assert len(codes) == len(set(codes)) == 193 + 4
    assert {"XKX", "PSE", "TWN", "VAT"} <= set(codes)


def test_countries_have_capitals_and_coordinates(kb: KnowledgeBase) -> None:
    for country in kb.countries:
        assert country.capital, country.iso3
        assert country.lat is not None and -90 <= country.lat <= 90, country.iso3
        assert country.lon is not None and -180 <= country.lon <= 180, country.iso3
        assert country.capital_lat is not None and -90 <= country.capital_lat <= 90
        assert country.capital_lon is not None and -180 <= country.capital_lon <= 180


@pytest.mark.parametrize(
    ("iso3", "capital", "lat", "lon"),
    [
        ("UKR", "Kyiv", 50.45, 30.52),
        ("RUS", "Moscow", 55.76, 37.62),
        ("KOR", "Seoul", 37.57, 126.98),
    ],
)
def test_capital_coordinates(
    kb: KnowledgeBase, iso3: str, capital: str, lat: float, lon: float
) -> None:
    country = kb.country(iso3)
    assert country is not None and country.capital == capital
    assert country.capital_lat == pytest.approx(lat, abs=0.05)
    assert country.capital_lon == pytest.approx(lon, abs=0.05)


def test_every_phrase_has_one_meaning(kb: KnowledgeBase) -> None:
    meanings: dict[str, set[str]] = defaultdict(set)
    for pattern in kb.entity_patterns():
        meanings[pattern["pattern"]].add(pattern["id"])
    clashes = {phrase: ids for phrase, ids in meanings.items() if len(ids) > 1}
    assert clashes == {}


def test_patterns_are_case_sensitive_and_skip_common_words(kb: KnowledgeBase) -> None:
    phrases = {pattern["pattern"]: pattern["id"] for pattern in kb.entity_patterns()}
    assert phrases["US"] == "country:USA"
    assert "us" not in phrases
    assert "Victoria" not in phrases
    assert "Male" not in phrases
    assert phrases["Malé"] == "capital:MDV"
    assert phrases["Singapore"] == "country:SGP"
    assert phrases["Kiev"] == "capital:UKR"
    assert phrases["Kremlin"] == "seat:RUS"
    assert phrases["Pokrovsk"] == "place:pokrovsk-ukr"


def test_seat_sectors(kb: KnowledgeBase) -> None:
    usa = kb.country("USA")
    assert usa is not None
    assert usa.seat_sector("Pentagon") == "MIL"
    assert usa.seat_sector("White House") == "GOV"


@pytest.mark.parametrize(
    ("title", "country", "day", "holder"),
    [
        ("president", "UKR", date(2018, 6, 1), "petro-poroshenko"),
        ("president", "UKR", date(2024, 10, 13), "volodymyr-zelensky"),
        ("president", "UKR", date(2019, 5, 20), "volodymyr-zelensky"),
        ("vice president", "USA", date(2022, 1, 1), "kamala-harris"),
        ("vice president", "USA", date(2025, 6, 1), "jd-vance"),
        ("secretary of state", "USA", date(2023, 1, 1), "antony-blinken"),
        ("defense secretary", "USA", date(2023, 1, 1), "lloyd-austin"),
        ("defence minister", "RUS", date(2023, 1, 1), "sergei-shoigu"),
        ("defence minister", "RUS", date(2024, 6, 1), "andrei-belousov"),
        ("spokesman", "RUS", date(2024, 10, 10), "dmitry-peskov"),
        ("president", "KOR", date(2023, 1, 1), "yoon-suk-yeol"),
        ("leader", "PRK", date(2024, 1, 1), "kim-jong-un"),
        ("supreme leader", "IRN", date(2024, 1, 1), "ali-khamenei"),
        ("premier", "CHN", date(2024, 1, 1), "li-qiang"),
        ("chancellor", "DEU", date(2022, 1, 1), "olaf-scholz"),
    ],
)
def test_office_holders_on_a_day(
    kb: KnowledgeBase, title: str, country: str, day: date, holder: str
) -> None:
    holders = kb.office_holders(title, country, day)
    assert holders and holders[0].id == holder


def test_no_president_of_ukraine_before_records(kb: KnowledgeBase) -> None:
    assert kb.office_holders("president", "UKR", date(2010, 1, 1)) == []


G20_COUNTRIES = [
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "KOR",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "TUR",
    "GBR",
    "USA",
]
HEAD_TITLES = ("president", "prime minister", "chancellor")


@pytest.mark.parametrize("country", G20_COUNTRIES)
def test_g20_offices_have_holders(kb: KnowledgeBase, country: str) -> None:
    """Issue 6: heads of government, foreign and defence ministers of every G20 member."""
    day = date(2025, 8, 1)
    heads = [p.id for t in HEAD_TITLES for p in kb.office_holders(t, country, day)]
    assert heads, f"{country}: no head of state or government on {day}"
    for title in ("foreign minister", "defence minister"):
        assert kb.office_holders(title, country, day), f"{country}: no {title} on {day}"


def test_people_hold_together(kb: KnowledgeBase) -> None:
    ids = [p.id for p in kb.people]
    assert len(ids) == len(set(ids))
    for person in kb.people:
        for office in person.offices:
            assert office.end is None or office.start <= office.end, person.id
            assert office.country is None or kb.country(office.country), person.id
        assert person.country is None or kb.country(person.country), person.id


def test_places_hold_together(kb: KnowledgeBase) -> None:
    for entry in kb.places:
        assert -90 <= entry.lat <= 90 and -180 <= entry.lon <= 180, entry.id
        assert entry.country is None or kb.country(entry.country), entry.id
    pokrovsk = kb.place("pokrovsk-ukr")
    assert pokrovsk is not None
    assert (pokrovsk.lat, pokrovsk.lon, pokrovsk.admin1) == (48.2822, 37.1764, "Donetsk Oblast")


def test_organisations_hold_together(kb: KnowledgeBase) -> None:
    for organisation in kb.organisations:
        assert organisation.country is None or kb.country(organisation.country)
    for key in ("un", "unsc", "nato", "eu", "icc", "icj", "hamas", "hezbollah", "wagner"):
        assert kb.organisation(key) is not None, key


def test_titles_and_sectors(kb: KnowledgeBase) -> None:
    titles = kb.titles()
    assert titles["president"].sector == "GOV" and titles["president"].singular
    assert titles["troops"].sector == "MIL" and not titles["troops"].singular
    codes = {s.code for s in kb.sectors}
    assert codes >= {
        "GOV",
        "MIL",
        "REB",
        "COP",
        "JUD",
        "LEG",
        "OPP",
        "PTY",
        "CVL",
        "MED",
        "BUS",
        "NGO",
        "REL",
        "SPY",
        "IGO",
    }
    assert kb.canonical_title("Defense Secretary") == "defence minister"


def test_pronouns(kb: KnowledgeBase) -> None:
    assert kb.pronoun_gender("He") == "male"
    assert kb.pronoun_gender("her") == "female"
    assert kb.pronoun_gender("they") is None


def test_split_entity_id() -> None:
    assert split_entity_id("country:UKR") == ("country", "UKR")
    assert split_entity_id("place:pokrovsk-ukr") == ("place", "pokrovsk-ukr")


def test_actor_word_roles(kb: KnowledgeBase) -> None:
    bodies = kb.words_by_phrase("body")
    assert bodies["foreign ministry"].sector == "GOV"
    assert bodies["state department"].country == "USA"
    assert bodies["embassy"].located
    assert kb.title_gender("spokeswoman") == "female"
    assert "agency" in kb.words_by_phrase("anaphor")
    assert kb.words_by_phrase("org_head")["forces"].org_kind == "armed_group"


def test_country_of_name_reads_any_case(kb: KnowledgeBase) -> None:
    assert kb.country_of_name("LONDON") == "GBR"
    assert kb.country_of_name("South Korea") == "KOR"
    assert kb.country_of_name("Atlantis") is None


def test_words_alone_load_without_the_rest() -> None:
    words = KnowledgeBase.load_words()
    assert "of" in words.word_set("preposition")
    assert words.countries == ()
