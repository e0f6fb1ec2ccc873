"""The SQLite store on real files: writing once per content hash, transactions, queries."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import StoreError
from sitrep.records import (
    Actor,
    Article,
    Backend,
    Claim,
    Event,
    Mention,
    Metadata,
    Place,
    Quote,
    Removed,
    Section,
    Span,
    Stance,
    TimeExpression,
    content_hash,
    span_errors,
)
from sitrep.store import EventFilter, Store

HEADLINE = "Zelensky accuses Russia over Kharkiv strike"
BODY = (
    "KYIV (Reuters) - Ukrainian President Volodymyr Zelensky accused Russia on Monday of "
    "shelling Kharkiv. \u201cWe will not give up,\u201d Zelensky said. "
    "The Kremlin denied that its forces had attacked civilians."
)


def make_article(
    variant: str = "",
    *,
    document_date: str | None = "2024-10-14",
    event_date: str | None = "2024-10-14",
    title: str | None = HEADLINE,
) -> Article:
    """A hand-built article with one record of every kind; ``variant`` changes its text."""
    text = f"{HEADLINE}\n{BODY}" + (f"\n{variant}" if variant else "")

    def span(phrase: str, after: int = 0) -> tuple[int, int]:
        start = text.index(phrase, after)
        return start, start + len(phrase)

    def sp(phrase: str, after: int = 0) -> Span:
        start, end = span(phrase, after)
        return Span(start=start, end=end, text=phrase)

    body_start = text.index("KYIV")
    zelensky = span("Volodymyr Zelensky")
    second = span("Zelensky said", zelensky[1])
    russia = span("Russia on", body_start)
    kremlin = span("The Kremlin")
    sentence_one = span("Ukrainian President Volodymyr Zelensky accused Russia on Monday")
    quote = span("We will not give up,")
    denial = span("The Kremlin denied that its forces had attacked civilians.")
    claim = span("its forces had attacked civilians")
    article = Article(
        id=content_hash(text),
        text=text,
        meta=Metadata(
            title=title,
            url="https://example.org/zelensky",
            site="example.org",
            published=date(2024, 10, 14),
            published_source="given",
            source="zelensky.txt",
            input_format="text",
        ),
        backend=Backend(name="sitrep-rules", version="0.1.0"),
        stages={"clean": "clean.v1"},
        document_date=document_date,
        document_date_source="given" if document_date else "none",
        sections=[
            Section(start=0, end=len(HEADLINE), text=HEADLINE, kind="title"),
            Section(start=body_start, end=len(text), text=text[body_start:], kind="paragraph"),
        ],
        removed=[Removed(text="Share this article", reason="share", line=2)],
        mentions=[
            Mention(
                id="M1",
                kind="name",
                actor_id="A1",
                label="PERSON",
                start=zelensky[0],
                end=zelensky[1],
                text="Volodymyr Zelensky",
            ),
            Mention(
                id="M2",
                kind="name",
                actor_id="A1",
                label="PERSON",
                start=second[0],
                end=second[0] + 8,
                text="Zelensky",
            ),
            Mention(
                id="M3",
                kind="country",
                actor_id="A2",
                label="GPE",
                start=russia[0],
                end=russia[0] + 6,
                text="Russia",
            ),
            Mention(
                id="M4",
                kind="seat",
                actor_id="A3",
                start=kremlin[0],
                end=kremlin[1],
                text="The Kremlin",
            ),
        ],
        actors=[
            Actor(
                id="A1",
                name="Volodymyr Zelensky",
                kind="person",
                country="UKR",
                sector="GOV",
                kb_id="zelensky",
                mention_ids=["M1", "M2"],
                start=zelensky[0],
                end=zelensky[1],
                text="Volodymyr Zelensky",
            ),
            Actor(
                id="A2",
                name="Russia",
                kind="country",
                country="RUS",
                kb_id="RUS",
                mention_ids=["M3"],
                start=russia[0],
                end=russia[0] + 6,
                text="Russia",
            ),
            Actor(
                id="A3",
                name="Kremlin",
                kind="organisation",
                country="RUS",
                sector="GOV",
                mention_ids=["M4"],
                start=kremlin[0],
                end=kremlin[1],
                text="The Kremlin",
            ),
        ],
        times=[
            TimeExpression(
                id="T1",
                type="DATE",
                value="2024-10-14",
                anchor="publication",
                **sp("on Monday").model_dump(),
            ),
        ],
        places=[
            Place(
                id="P1",
                name="Kharkiv",
                country="UKR",
                feature="city",
                lat=49.9935,
                lon=36.2304,
                point="gazetteer",
                **sp("Kharkiv", body_start).model_dump(),
            ),
        ],
        quotes=[
            Quote(
                id="Q1",
                kind="direct",
                speaker_actor_id="A1",
                speaker_mention_id="M2",
                speaker_status="resolved",
                source=Span(start=second[0], end=second[0] + 8, text="Zelensky"),
                cue=sp("said"),
                date=event_date,
                date_source="publication" if event_date else "unknown",
                start=quote[0],
                end=quote[1],
                text="We will not give up,",
            ),
        ],
        events=[
            Event(
                id="E1",
                trigger=sp("accused"),
                verb_class="accuse",
                cameo="112",
                cameo_label="Accuse",
                plover="ACCUSE",
                source_actor_id="A1",
                target_actor_id="A2",
                date=event_date,
                date_source="text" if event_date else "unknown",
                time_id="T1",
                place_id="P1",
                place_source="clause",
                start=sentence_one[0],
                end=sentence_one[1],
                text=text[sentence_one[0] : sentence_one[1]],
            ),
            Event(
                id="E2",
                trigger=sp("denied"),
                verb_class="deny",
                cameo="014",
                cameo_label="Consider policy option",
                plover=None,
                source_actor_id="A3",
                date=event_date,
                start=denial[0],
                end=denial[1],
                text=text[denial[0] : denial[1]],
            ),
        ],
        claims=[
            Claim(
                id="C1",
                proposition="Russian forces attacked civilians",
                start=claim[0],
                end=claim[1],
                text=text[claim[0] : claim[1]],
            ),
        ],
        stances=[
            Stance(
                id="S1",
                claim_id="C1",
                actor_id="A3",
                polarity="deny",
                cue=sp("denied"),
                start=denial[0],
                end=denial[1],
                text=text[denial[0] : denial[1]],
            ),
            Stance(
                id="S2",
                claim_id="C1",
                actor_id="A1",
                polarity="assert",
                start=sentence_one[0],
                end=sentence_one[1],
                text=text[sentence_one[0] : sentence_one[1]],
            ),
        ],
    )
    assert span_errors(article) == []
    return article


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sitrep.db"


@pytest.fixture
def store(db_path: Path) -> Store:
    with Store(db_path) as opened:
        yield opened  # type: ignore[misc]


def table_count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# -- writing


def test_add_stores_article_and_records(store: Store, db_path: Path) -> None:
    article = make_article()
    result = store.add(article)
    assert result.article_id == article.id
    assert not result.duplicate
    counts = store.counts()
    assert (counts.articles, counts.actors, counts.mentions, counts.quotes) == (1, 3, 4, 1)
    assert (counts.events, counts.claims, counts.stances, counts.removed) == (2, 1, 2, 1)
    assert (counts.times, counts.places) == (1, 1)
    assert table_count(db_path, "articles") == 1


def test_article_stored_once_by_content_hash(store: Store) -> None:
    article = make_article()
    store.add(article)
    again = make_article(title="Another title for the same text")
    result = store.add(again)
    assert result.duplicate
    assert result.article_id == article.id
    assert store.counts().articles == 1
    assert store.counts().events == 2


def test_article_without_id_gets_content_hash(store: Store) -> None:
    article = make_article()
    article.id = ""
    assert store.add(article).article_id == content_hash(article.text)


def test_interrupted_write_leaves_no_half_article(store: Store, db_path: Path) -> None:
    # A write that fails midway: the events insert aborts after articles, actors and quotes.
    store.db.execute(
        "CREATE TRIGGER fail_events BEFORE INSERT ON events "
        "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    )
    article = make_article()
    with pytest.raises(StoreError, match="disk on fire"):
        store.add(article)
    for table in ("articles", "actors", "mentions", "quotes", "events", "times"):
        assert table_count(db_path, table) == 0, table
    assert article.id not in store

    store.db.execute("DROP TRIGGER fail_events")
    assert not store.add(article).duplicate
    assert store.counts().events == 2


def test_reopened_store_keeps_articles(db_path: Path) -> None:
    with Store(db_path) as first:
        first.add(make_article())
    with Store(db_path) as second:
        assert second.counts().articles == 1
        assert second.add(make_article()).duplicate


# -- opening


def test_missing_database_refused_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite, just some text that is long enough " * 20)
    with pytest.raises(StoreError, match="cannot open as a sitrep database"):
        Store(path)


def test_database_in_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        Store(tmp_path / "no" / "such" / "folder" / "sitrep.db")


# -- reading articles back


def test_article_round_trips(store: Store) -> None:
    article = make_article()
    store.add(article)
    assert store.article(article.id) == article


def test_article_by_unique_prefix(store: Store) -> None:
    article = make_article()
    store.add(article)
    assert store.article(article.id[:8]).id == article.id
    assert store.article(article.id[:8].upper()).id == article.id


@pytest.mark.parametrize("wanted", ["0" * 64, "zzz", "", "%", "ab_"])
def test_unknown_article_id(store: Store, wanted: str) -> None:
    store.add(make_article())
    with pytest.raises(StoreError, match="no article"):
        store.article(wanted)


def test_ambiguous_article_prefix(store: Store) -> None:
    # 17 articles: two of them must share the first hex digit of their id.
    articles = [make_article(f"Update {n}.") for n in range(17)]
    for article in articles:
        store.add(article)
    firsts = [article.id[0] for article in articles]
    shared = next(char for char in firsts if firsts.count(char) > 1)
    with pytest.raises(StoreError, match="ambiguous"):
        store.article(shared)


@settings(max_examples=30, deadline=None)
@given(
    text=st.text(min_size=1, max_size=200),
    title=st.one_of(st.none(), st.text(max_size=40)),
    published=st.one_of(st.none(), st.dates()),
)
def test_any_article_round_trips(text: str, title: str | None, published: date | None) -> None:
    article = Article(
        id=content_hash(text), text=text, meta=Metadata(title=title, published=published)
    )
    with Store(":memory:") as memory:
        assert not memory.add(article).duplicate
        assert memory.add(article).duplicate
        assert memory.article(article.id) == article


# -- queries


@pytest.fixture
def filled(store: Store) -> Store:
    store.add(make_article())
    store.add(make_article("Later update.", document_date="2024-11-02", event_date=None))
    return store


def test_events_joined_with_actor_names_and_codes(filled: Store) -> None:
    accusations = filled.events(event_type="accuse")
    assert len(accusations) == 2
    first = accusations[0]
    assert (first.source, first.source_code, first.source_kb_id) == (
        "Volodymyr Zelensky",
        "UKR GOV",
        "zelensky",
    )
    assert (first.target, first.target_code) == ("Russia", "RUS")
    assert (first.cameo, first.plover, first.place) == ("112", "ACCUSE", "Kharkiv")
    assert first.date == "2024-10-14"


def test_event_without_date_takes_article_date(filled: Store) -> None:
    dates = [(row.date, row.date_source) for row in filled.events(event_type="accuse")]
    assert dates == [("2024-10-14", "text"), ("2024-11-02", "publication")]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "zelensky"}, {"E1"}),
        ({"actor": "Kreml"}, {"E2"}),
        ({"actor": "RUS GOV"}, {"E2"}),
        ({"actor": "RUS"}, {"E1"}),  # kb id of Russia
        ({"country": "rus"}, {"E1", "E2"}),
        ({"country": "UKR"}, {"E1"}),
        ({"country": "FRA"}, set()),
        ({"event_type": "accuse"}, {"E1"}),
        ({"event_type": "ACCUSE"}, {"E1"}),
        ({"event_type": "11"}, {"E1"}),
        ({"event_type": "01"}, {"E2"}),
        ({"event_type": "assault"}, set()),
        ({"text": "civilians"}, {"E2"}),
        ({"text": "%"}, set()),
        ({"since": date(2024, 10, 14), "until": date(2024, 10, 14)}, {"E1", "E2"}),
        ({"since": date(2024, 10, 15)}, {"E1", "E2"}),
        ({"until": date(2024, 10, 13)}, set()),
    ],
)
def test_event_filters(filled: Store, filters: dict[str, object], expected: set[str]) -> None:
    rows = filled.events(EventFilter(**filters))  # type: ignore[arg-type]
    if "since" in filters and "until" not in filters:
        # The later article's events take its document date.
        assert {row.date for row in rows} == {"2024-11-02"}
    assert {row.event_id for row in rows} == expected


def test_event_limit(filled: Store) -> None:
    assert len(filled.events(limit=1)) == 1
    assert len(filled.events(limit=0)) == 4


def test_quotes_by_speaker_with_dates(filled: Store) -> None:
    rows = filled.quotes(speaker="Zelensky")
    assert [(row.speaker, row.speaker_code, row.date) for row in rows] == [
        ("Volodymyr Zelensky", "UKR GOV", "2024-10-14"),
        ("Volodymyr Zelensky", "UKR GOV", "2024-11-02"),
    ]
    assert rows[0].text == "We will not give up,"
    assert rows[0].cue == "said"
    assert rows[0].source == "Zelensky"
    assert len(filled.quotes(speaker="zelensky", until=date(2024, 10, 31))) == 1
    assert filled.quotes(speaker="Putin") == []
    assert len(filled.quotes(text="give up")) == 2


def test_claims_with_stances_and_actor_names(filled: Store) -> None:
    rows = filled.claims()
    assert len(rows) == 2
    claim = rows[0]
    assert claim.proposition == "Russian forces attacked civilians"
    assert [(s.actor, s.actor_code, s.polarity) for s in claim.stances] == [
        ("Volodymyr Zelensky", "UKR GOV", "assert"),
        ("Kremlin", "RUS GOV", "deny"),
    ]
    assert claim.stances[1].cue == "denied"
    assert len(filled.claims(actor="Kremlin")) == 2
    assert filled.claims(actor="Putin") == []
    assert filled.claims(text="nothing like this") == []


def test_actors_across_the_store(filled: Store) -> None:
    rows = filled.actors()
    assert [(row.name, row.code, row.mentions, row.articles) for row in rows] == [
        ("Volodymyr Zelensky", "UKR GOV", 4, 2),
        ("Kremlin", "RUS GOV", 2, 2),
        ("Russia", "RUS", 2, 2),
    ]
    assert filled.counts().actors == 3
    assert [row.name for row in filled.actors(name="zel")] == ["Volodymyr Zelensky"]


def test_articles_listed_by_date(filled: Store) -> None:
    rows = filled.articles()
    assert [row.document_date for row in rows] == ["2024-10-14", "2024-11-02"]
    assert rows[0].backend == "sitrep-rules"
    assert rows[0].source == "zelensky.txt"


def test_queries_on_empty_store(store: Store) -> None:
    assert store.events() == []
    assert store.quotes() == []
    assert store.claims() == []
    assert store.actors() == []
    assert store.counts().articles == 0


def test_places_of_some_articles_only(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    first, later = make_article(), make_article("Later update.", document_date="2024-11-02")
    store.add(first)
    store.add(later)
    assert {row.article_id for row in store.places(article_ids=[first.id])} == {first.id}
    assert store.places(article_ids=[]) == []
    both = store.places(article_ids=[first.id, later.id])
    # Past the bound of one IN list the ids go in several queries, with the same rows.
    monkeypatch.setattr("sitrep.store.store.ARTICLES_PER_QUERY", 1)
    assert store.places(article_ids=[first.id, later.id]) == both
    assert len(both) == 2
