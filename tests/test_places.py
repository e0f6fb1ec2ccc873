"""The places stage: place names resolved to the knowledge base, with their role."""

from __future__ import annotations

import pytest

from conftest import Run, pipeline_runner
from sitrep.records import Article, Place, span_errors

STAGES = ("clean", "language", "actors", "places")


@pytest.fixture(scope="module")
def run() -> Run:
    return pipeline_runner(STAGES)


def place(article: Article, text: str) -> Place:
    found = [p for p in article.places if p.text == text]
    assert found, f"no place {text!r} in {[p.text for p in article.places]}"
    return found[0]


def test_gazetteer_place_has_coordinates_and_admin1(run: Run) -> None:
    article = run("Shells fell on Kharkiv overnight.")
    kharkiv = place(article, "Kharkiv")
    assert (kharkiv.country, kharkiv.admin1, kharkiv.feature) == ("UKR", "Kharkiv Oblast", "city")
    assert kharkiv.lat == pytest.approx(49.99, abs=0.05)
    assert kharkiv.lon == pytest.approx(36.23, abs=0.05)
    assert kharkiv.role == "location"


@pytest.mark.parametrize(
    ("text", "phrase", "country"),
    [
        ("Fighting raged in eastern Ukraine.", "eastern Ukraine", "UKR"),
        ("Floods hit northern Israel.", "northern Israel", "ISR"),
    ],
)
def test_region_phrase_is_one_region(run: Run, text: str, phrase: str, country: str) -> None:
    article = run(text)
    region = place(article, phrase)
    assert (region.feature, region.country, region.name) == ("region", country, phrase)
    assert len(article.places) == 1


def test_country_as_location_has_its_centroid(run: Run) -> None:
    article = run("Troops were sent to Russia.")
    russia = place(article, "Russia")
    assert (russia.feature, russia.role, russia.kb_id) == ("country", "location", "country:RUS")
    assert russia.lat is not None


def test_capital_has_capital_coordinates(run: Run) -> None:
    article = run("Talks were held in Seoul.")
    seoul = place(article, "Seoul")
    assert (seoul.country, seoul.feature, seoul.role) == ("KOR", "city", "location")
    assert seoul.lat == pytest.approx(37.57, abs=0.05)


def test_dateline_place(run: Run) -> None:
    article = run("Kyiv, Ukraine\nThe bridge was closed.")
    assert place(article, "Kyiv").role == "dateline"
    assert place(article, "Ukraine").role == "dateline"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The plan was described as reckless by Kyiv.", "Kyiv"),
        ("South Korea raises alarm over the launch.", "South Korea"),
    ],
)
def test_acting_place_has_role_actor(run: Run, text: str, name: str) -> None:
    assert place(run(text), name).role == "actor"


def test_demonyms_and_seats_are_not_places(run: Run) -> None:
    article = run("Ukrainian soldiers and the Kremlin disagreed.")
    assert article.places == []


def test_continent_is_not_the_united_states(run: Run) -> None:
    article = run("Exports to South America fell.")
    continent = place(article, "South America")
    assert continent.country is None
    assert continent.feature == "continent"


def test_place_ids_and_spans(run: Run) -> None:
    article = run("Shells fell on Kharkiv and Sumy in eastern Ukraine.")
    assert [p.id for p in article.places] == ["p1", "p2", "p3"]
    assert span_errors(article) == []


# -- the seed article ------------------------------------------------------------------------


@pytest.fixture
def seed(run: Run, seed_text: str) -> Article:
    return run(seed_text)


def test_seed_pokrovsk(seed: Article) -> None:
    pokrovsk = place(seed, "Pokrovsk")
    assert (pokrovsk.country, pokrovsk.admin1, pokrovsk.role) == (
        "UKR",
        "Donetsk Oblast",
        "location",
    )
    assert pokrovsk.lat == pytest.approx(48.28, abs=0.01)
    assert pokrovsk.lon == pytest.approx(37.18, abs=0.01)


def test_seed_kyiv_dateline_and_actor(seed: Article) -> None:
    roles = [p.role for p in seed.places if p.text == "Kyiv"]
    assert roles == ["dateline", "actor"]


def test_seed_region_and_countries(seed: Article) -> None:
    assert place(seed, "eastern Ukraine").feature == "region"
    texts = {p.text for p in seed.places}
    assert {"Ukraine", "Russia", "North Korea", "South Korea"} <= texts
    assert not texts & {"Ukrainian", "North Korean", "South Korean", "Russian"}
    roles = {p.role for p in seed.places if p.text in ("Russia", "Ukraine")}
    assert "location" in roles
    assert span_errors(seed) == []


def test_country_inside_a_title_is_no_place(run: Run) -> None:
    article = run("US President Joe Biden met the president of Ukraine in Geneva.")
    assert [p.text for p in article.places] == ["Geneva"]


# -- the gazetteer: names outside the knowledge base, and disambiguation ---------------------


def test_city_from_the_gazetteer_has_geonames_data(run: Run) -> None:
    winnipeg = place(run("Flooding closed roads in Winnipeg on Monday."), "Winnipeg")
    assert (winnipeg.country, winnipeg.admin1, winnipeg.feature) == ("CAN", "Manitoba", "city")
    assert winnipeg.lat == pytest.approx(49.9, abs=0.1)
    assert (winnipeg.kb_id or "").startswith("geonames:")


def test_region_named_in_the_article_picks_the_namesake(run: Run) -> None:
    article = run(
        "Storms hit Birmingham on Tuesday, and officials in Alabama said roads were shut."
    )
    birmingham = place(article, "Birmingham")
    assert (birmingham.country, birmingham.admin1) == ("USA", "Alabama")
    assert place(article, "Alabama").feature == "region"


def test_without_context_the_most_populous_namesake_wins(run: Run) -> None:
    assert place(run("Storms hit Birmingham on Tuesday."), "Birmingham").country == "GBR"


def test_qualifier_after_a_comma_decides(run: Run) -> None:
    article = run("The plant is in Alexandria, Virginia, officials said.")
    alexandria = place(article, "Alexandria")
    assert (alexandria.country, alexandria.admin1) == ("USA", "Virginia")


def test_country_named_in_the_article_decides(run: Run) -> None:
    article = run("Police in Hyderabad arrested two men, Pakistan's interior ministry said.")
    assert place(article, "Hyderabad").country == "PAK"


def test_name_before_region_word_is_the_region(run: Run) -> None:
    region = place(run("Drones struck targets in the Rivne region overnight."), "Rivne region")
    assert (region.feature, region.country) == ("region", "UKR")


def test_pokrovsk_stays_ukrainian(run: Run) -> None:
    pokrovsk = place(run("Russian troops pressed on Pokrovsk, Russia's army said."), "Pokrovsk")
    assert pokrovsk.country == "UKR"
    assert (pokrovsk.lat, pokrovsk.lon) == pytest.approx((48.28, 37.18), abs=0.01)


def test_all_capitals_dateline_is_a_place(run: Run) -> None:
    toronto = place(run("TORONTO — The mayor said the budget would pass."), "TORONTO")
    assert (toronto.country, toronto.feature) == ("CAN", "city")


def test_capital_acting_keeps_role_actor(run: Run) -> None:
    assert place(run("Moscow said the talks had failed."), "Moscow").role == "actor"


@pytest.mark.parametrize(
    "text",
    [
        "Reading the report, officials were alarmed.",
        "Mr Jackson met reporters.",
        "Horatio Nelson sailed at dawn. Nelson said the fleet was ready.",
        "The talks will resume in March.",
        "The Washington Post reported the leak.",
        "Central American migrants waited at the border.",
    ],
)
def test_words_that_look_like_places_are_not(run: Run, text: str) -> None:
    assert [p.text for p in run(text).places] == []


def test_common_word_after_a_locative_is_a_place(run: Run) -> None:
    assert place(run("He moved to Reading last year."), "Reading").country == "GBR"


def test_name_inside_a_longer_name_is_read_whole(run: Run) -> None:
    article = run("Wildfires spread across New Mexico.")
    assert [(p.text, p.feature, p.country) for p in article.places] == [
        ("New Mexico", "region", "USA")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mary Smith, 55, of Tacoma, Washington, was arrested.",
        "Tech jobs moved from states such as California or Washington.",
        "Fires burned in central Washington.",
    ],
)
def test_washington_is_the_state_where_the_text_says_so(run: Run, text: str) -> None:
    washington = place(run(text), "Washington")
    assert (washington.feature, washington.country) == ("region", "USA")
    assert washington.lat == pytest.approx(47.3, abs=1.0)


def test_washington_alone_is_the_capital(run: Run) -> None:
    washington = place(run("The talks were held in Washington."), "Washington")
    assert washington.feature == "city"
    assert washington.lat == pytest.approx(38.9, abs=0.1)


def test_washington_dc_is_one_place(run: Run) -> None:
    article = run("She moved to Washington, D.C., last year.")
    assert [p.text for p in article.places] == ["Washington, D.C."]


def test_state_abbreviation_after_a_city(run: Run) -> None:
    article = run("A fire broke out in Fresno, Calif. on Monday.")
    fresno, state = place(article, "Fresno"), place(article, "Calif.")
    assert (fresno.admin1, state.name, state.feature) == ("California", "California", "region")


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("A crowd gathered at Barclays Center in Brooklyn.", "Barclays Center", "New York"),
        ("Police closed Royal Street in New Orleans.", "Royal Street", "Louisiana"),
        ("He was taken to Colchester General Hospital.", "Colchester General Hospital", "England"),
    ],
)
def test_landmark_takes_the_point_of_the_place_it_lies_in(
    run: Run, text: str, name: str, admin1: str
) -> None:
    landmark = place(run(text), name)
    assert landmark.admin1 == admin1
    assert landmark.lat is not None
    assert landmark.feature in ("street", "building")


def test_country_beside_a_border_is_a_location(run: Run) -> None:
    article = run("Mexico rejected the plan. Troops patrol the border with Mexico.")
    assert [p.role for p in article.places if p.text == "Mexico"][-1] == "location"


def test_another_capital_has_its_own_point(run: Run) -> None:
    article = run("She came to Cape Town after the storm.")
    cape_town = place(article, "Cape Town")
    assert cape_town.country == "ZAF"
    assert cape_town.lat == pytest.approx(-33.93, abs=0.2)


def test_university_name_is_no_place(run: Run) -> None:
    article = run("Notre Dame won 91-89 in Columbus, Ohio.")
    assert "Notre Dame" not in [p.text for p in article.places]


@pytest.mark.parametrize(
    ("text", "adjective", "country"),
    [
        ("Shells landed near the Turkish border on Monday.", "Turkish", "TUR"),
        ("Convoys reached the Syrian capital at dawn.", "Syrian", "SYR"),
    ],
)
def test_adjective_before_a_place_noun_names_the_country(
    run: Run, text: str, adjective: str, country: str
) -> None:
    found = place(run(text), adjective)
    assert (found.country, found.feature, found.role) == (country, "country", "location")


def test_adjective_of_people_is_no_place(run: Run) -> None:
    article = run("Turkish officials met the delegation on Monday.")
    assert [p.text for p in article.places if p.text == "Turkish"] == []


def test_month_after_a_place_ends_its_name(run: Run) -> None:
    article = run("The delegation is expected to arrive in Lagos April 4 for the talks.")
    assert place(article, "Lagos").country == "NGA"


def test_run_split_before_region_and_division_word(run: Run) -> None:
    article = run("Soldiers paraded in Maiduguri Borno State on Sunday.")
    assert place(article, "Maiduguri").country == "NGA"
    assert place(article, "Borno State").feature == "region"


def test_title_word_opens_a_known_place_name(run: Run) -> None:
    article = run("She studied for five years in St. Louis before moving.")
    assert place(article, "St. Louis").admin1 == "Missouri"


def test_english_county_in_a_british_article(run: Run) -> None:
    article = run("The British championship returns to Norfolk and Kent in the summer.")
    assert place(article, "Norfolk").country == "GBR"
    assert place(article, "Kent").feature == "county"


def test_northern_ireland_is_a_name_not_a_region_phrase(run: Run) -> None:
    article = run("The clinic is the first of its kind in Northern Ireland.")
    found = place(article, "Northern Ireland")
    assert (found.country, found.feature) == ("GBR", "region")


def test_region_phrase_has_its_country_but_no_invented_point(run: Run) -> None:
    region = place(run("Fighting raged in eastern Ukraine."), "eastern Ukraine")
    assert region.country == "UKR" and region.feature == "region"
    assert region.lat is None and region.lon is None


def test_venue_after_at_takes_the_point_of_the_place_after_it(run: Run) -> None:
    article = run("The band played at the Harbour Lights Festival in Manila on Sunday.")
    venue = place(article, "Harbour Lights Festival")
    assert venue.country == "PHL"
    assert venue.lat == pytest.approx(14.6, abs=0.2)


def test_person_or_possessive_after_at_is_no_venue(run: Run) -> None:
    article = run("Critics took aim at Donald Trump's plan. Protesters shouted at Mr Jones.")
    assert not [p for p in article.places if "Trump" in p.text or "Jones" in p.text]


def test_continent_adjective_before_a_thing_is_the_continent(run: Run) -> None:
    article = run("Growth in the European economy slowed, and European diplomats met.")
    europe = [p for p in article.places if p.text == "European"]
    assert len(europe) == 1 and europe[0].name == "Europe"


def test_country_adjective_before_a_thing_but_not_before_people(run: Run) -> None:
    article = run("The loss of American jobs worried Russian diplomats.")
    assert place(article, "American").country == "USA"
    assert not [p for p in article.places if p.text == "Russian"]


def test_country_described_by_a_copula_is_a_location_not_an_actor(run: Run) -> None:
    article = run("Analysts said Turkey is one of the largest markets for feed.")
    assert place(article, "Turkey").role == "location"


def test_institution_name_holds_no_place(run: Run) -> None:
    article = run("She worked at the Bank of England and studied at the University of Alberta.")
    assert [p.text for p in article.places if p.text in ("England", "Alberta")] == []


def test_street_named_after_a_town_is_not_in_it(run: Run) -> None:
    article = run("Police in Leeds said the car stopped on Atlantic Avenue near the station.")
    avenue = place(article, "Atlantic Avenue")
    assert (avenue.country, avenue.admin1) == ("GBR", "England")


def test_landmark_takes_the_place_after_it_before_one_named_in_it(run: Run) -> None:
    article = run("He teaches at the Dublin Business School in Boston, officials said.")
    school = place(article, "Dublin Business School")
    assert school.country == "USA"
    assert school.lat == pytest.approx(42.36, abs=0.2)


def test_town_unknown_to_geonames_takes_the_county_written_after_it(run: Run) -> None:
    article = run("The next round is at Knockbury, Norfolk. Fans meet at Knockbury on Sunday.")
    town = place(article, "Knockbury")
    assert (town.country, town.feature) == ("GBR", "town")
    assert town.lat == pytest.approx(52.66, abs=0.3)
    both = [p for p in article.places if p.text == "Knockbury"]
    assert len(both) == 2 and both[1].lat == town.lat


def test_names_in_a_list_are_not_towns_of_the_next_one(run: Run) -> None:
    article = run("Tours stop in Utah, Colorado, and Idaho.")
    assert place(article, "Utah").feature == "region"


def test_acronym_in_brackets_is_no_place(run: Run) -> None:
    article = run("A hazard area response team (HART) was sent to Colchester.")
    assert "HART" not in [p.text for p in article.places]


def test_county_name_ending_a_longer_run_is_read_alone(run: Run) -> None:
    article = run("By Editorial Board Cuyahoga County's levies help the poor.")
    county = place(article, "Cuyahoga County")
    assert (county.country, county.feature) == ("USA", "county")


def test_landmark_in_an_article_without_a_city_lies_in_its_county(run: Run) -> None:
    article = run("Voters in Cuyahoga County back the levy. Care is given at Riverside Clinic.")
    clinic = place(article, "Riverside Clinic")
    assert clinic.admin1 == "Ohio"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "PARIS - French officials met oil executives from Houston, Texas on Friday.",
            "Paris",
            "FRA",
        ),
        ("GENEVA - Delegates met on Friday. Later they flew to Chicago.", "Geneva", "CHE"),
        ("SPRINGFIELD, Ill. - Officials met executives from Houston, Texas.", "Springfield", "USA"),
    ],
)
def test_a_dateline_city_alone_is_the_well_known_one(
    run: Run, text: str, name: str, country: str
) -> None:
    found = [p for p in run(text).places if p.name == name]
    assert found and found[0].role == "dateline" and found[0].country == country, found


def test_a_place_says_where_its_point_comes_from(run: Run) -> None:
    article = run(
        "GENEVA - Delegates met at the Palais des Nations on Friday. "
        "Later they walked down Royal Street in New Orleans. Fighting raged in eastern Ukraine."
    )
    points = {p.name: p.point for p in article.places}
    assert points["Geneva"] == "gazetteer" and points["New Orleans"] == "gazetteer"
    assert points["Royal Street"] == "context"  # written with New Orleans
    assert points["Palais des Nations"] == "article"  # the article's city: an inference
    assert points["eastern Ukraine"] is None  # no invented point
