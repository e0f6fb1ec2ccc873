"""The GeoWebNews scorer: reading, distances, matching, and a floor on the real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY, shared_path
from sitrep.evaluation.geo import (
    GeoArticle,
    Toponym,
    evaluate_geo,
    haversine_km,
    overlap_pairs,
    read_geowebnews,
    score_article,
)
from sitrep.gazetteer import Gazetteer, GazetteerEntry
from sitrep.options import Options

# Floors reached on all 200 articles; they only rise.
LITERAL_F1_FLOOR = 0.85
ACCURACY_FLOOR = 0.92

TEXT = "Rain fell on Springfield. Moscow said Paris was calm. The Parisian mood."
TINY = f"""<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>t</title><link>l</link>
    <text>{TEXT}</text>
    <toponyms>
      <toponym><extractedName>Springfield</extractedName><type>Literal</type>
        <start>13</start><end>24</end><latitude>39.80</latitude><longitude>-89.64</longitude>
      </toponym>
      <toponym><extractedName>Moscow</extractedName><type>Metonymic</type>
        <start>26</start><end>32</end><latitude>55.75</latitude><longitude>37.62</longitude>
      </toponym>
      <toponym><extractedName>Paris</extractedName><type>Literal</type>
        <start>38</start><end>43</end><latitude>48.85</latitude><longitude>2.35</longitude>
      </toponym>
      <toponym><extractedName>Parisian</extractedName><type>Demonym</type>
        <start>58</start><end>66</end>
      </toponym>
      <toponym><extractedName>mood</extractedName><type>Non_Lit_Expression</type>
        <start>67</start><end>71</end>
      </toponym>
      <toponym><extractedName>wrong</extractedName><type>Literal</type>
        <start>0</start><end>4</end>
      </toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture
def tiny(tmp_path: Path) -> GeoArticle:
    (tmp_path / "GWN.xml").write_text(TINY, encoding="utf-8")
    [article] = read_geowebnews(tmp_path)
    return article


def test_reader_keeps_toponyms_with_right_offsets(tiny: GeoArticle) -> None:
    assert tiny.name == "7"
    assert [(t.text, t.type) for t in tiny.toponyms] == [
        ("Springfield", "Literal"),
        ("Moscow", "Metonymic"),
        ("Paris", "Literal"),
        ("Parisian", "Demonym"),
    ]
    assert all(tiny.text[t.start : t.end] == t.text for t in tiny.toponyms)
    assert [t.literal for t in tiny.toponyms] == [True, False, True, False]


def test_haversine() -> None:
    assert haversine_km(0.0, 0.0, 0.0, 0.0) == 0.0
    # One degree of latitude is about 111.2 km; London to Paris about 344 km.
    assert haversine_km(10.0, 20.0, 11.0, 20.0) == pytest.approx(111.2, abs=0.5)
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(344, abs=3)


def test_overlap_pairs_are_one_to_one() -> None:
    gold = [Toponym(0, 5, "aaaaa"), Toponym(10, 20, "b")]
    system = [Toponym(2, 12, "x"), Toponym(15, 18, "y"), Toponym(30, 31, "z")]
    assert [(g.start, s.start) for g, s in overlap_pairs(gold, system)] == [(0, 2), (10, 15)]


def test_score_article(tiny: GeoArticle) -> None:
    system = [
        Toponym(13, 24, "Springfield", "city", 37.2, -93.3),  # Missouri: about 370 km off
        Toponym(26, 32, "Moscow", "actor", 55.75, 37.62),  # acting: not a literal place
        Toponym(38, 43, "Paris", "city", 48.86, 2.35),
        Toponym(5, 9, "fell", "city", 0.0, 0.0),  # spurious
    ]
    paris = GazetteerEntry("g:1", "Paris", "FRA", None, "city", 48.86, 2.35, 2_000_000)
    springfield = GazetteerEntry("g:2", "Springfield", "USA", None, "city", 39.8, -89.6, 110_000)
    baseline = Gazetteer.build([(paris, []), (springfield, [])])
    score = score_article(tiny, system, baseline)
    assert (score.literal["correct"], score.literal["system"], score.literal["gold"]) == (2, 3, 2)
    assert (score.toponyms["correct"], score.toponyms["system"]) == (3, 4)
    assert score.sitrep.accuracy == 0.5
    assert score.baseline_matched.accuracy == 1.0
    assert {d.kind for d in score.differences} == {"spurious", "far"}


def test_place_on_an_associative_span_is_neither_right_nor_wrong(tiny: GeoArticle) -> None:
    system = [Toponym(26, 32, "Moscow", "city", 55.75, 37.62)]
    score = score_article(tiny, system)
    assert (score.literal["correct"], score.literal["system"]) == (0, 0)


def test_geowebnews_floor() -> None:
    directory = shared_path("data", "geowebnews")
    report = evaluate_geo(directory, Options(today=TODAY))
    assert report.articles == 200
    assert report.literal.f1 >= LITERAL_F1_FLOOR, report.render()
    assert report.sitrep.accuracy >= ACCURACY_FLOOR, report.render()
    # sitrep resolves better than the most populous namesake on the same toponyms.
    assert report.sitrep.accuracy > report.baseline_matched.accuracy


def test_region_phrase_is_scored_as_its_name_at_its_country_point() -> None:
    from sitrep.evaluation.geo import _toponym_of
    from sitrep.kb import KnowledgeBase
    from sitrep.records import Place

    phrase = Place(
        id="p1",
        start=10,
        end=25,
        text="eastern Ukraine",
        name="eastern Ukraine",
        country="UKR",
        feature="region",
        kb_id="region:UKR:eastern",
    )
    kb = KnowledgeBase.load()
    toponym = _toponym_of(phrase, kb)
    country = kb.country("UKR")
    assert country is not None
    assert (toponym.span, toponym.text) == ((18, 25), "Ukraine")
    assert (toponym.lat, toponym.lon) == (country.lat, country.lon)
    assert _toponym_of(phrase).lat is None
