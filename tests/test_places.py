"""The places stage: place names resolved to the knowledge base, with their role."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import TODAY
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Article, Place, span_errors

STAGES = ("clean", "language", "actors", "places")

Run = Callable[..., Article]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options(today=TODAY, stages=STAGES))


@pytest.fixture
def run(pipeline: Pipeline) -> Run:
    return lambda text: pipeline(Article(text=text))


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
