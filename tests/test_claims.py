"""The claims stage: claims from accusations, and the stances later sentences take on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Article, Claim, Quote, Stance, span_errors
from sitrep.registry import Context
from sitrep.stages.claims import STAGE, extract_claims
from sitrep.stages.events import extract_events
from test_events import build

ACCUSATION = "Ruritanian President Anna Varga accused Freedonia of massing soldiers at the border."


def claims_of(article: Article, options: Options | None = None) -> Article:
    context = Context(options or Options(today=TODAY))
    result = extract_claims(extract_events(article, context), context)
    assert span_errors(result) == []
    return result


def stance_summary(article: Article) -> list[tuple[str, str | None, str]]:
    return [(s.polarity, s.actor_id, s.cue.text if s.cue else "") for s in article.stances]


def test_stage_declares_what_it_needs() -> None:
    assert STAGE.name == "claims"
    assert set(STAGE.requires) == {"events", "quotes", "mentions", "actors"}
    assert STAGE.assigns == ("claims", "stances")


def test_accusation_makes_a_claim_asserted_by_the_accuser() -> None:
    article = claims_of(build(ACCUSATION))
    [claim] = article.claims
    assert claim.text == "massing soldiers at the border"
    assert claim.proposition == "Freedonia massing soldiers at the border"
    assert stance_summary(article) == [("assert", "varga", "accused")]
    assert article.stances[0].claim_id == claim.id


def test_claim_stops_at_a_coordinated_event() -> None:
    article = claims_of(
        build(
            "Varga accused Freedonia of massing soldiers at the border "
            "and appealed for more support."
        )
    )
    assert [c.text for c in article.claims] == ["massing soldiers at the border"]


def test_claim_skips_the_accused_after_a_determiner() -> None:
    article = claims_of(build("Petrov blamed the Freedonian ministry for the blackout."))
    assert [c.proposition for c in article.claims] == ["Freedonia-Ministry the blackout"]


def test_denial_in_the_claims_own_sentence() -> None:
    article = claims_of(build("Varga accused Freedonia of lying, which Freedonia denied."))
    assert stance_summary(article) == [
        ("assert", "varga", "accused"),
        ("deny", "freedonia", "denied"),
    ]


def test_cue_before_the_claim_in_its_sentence_does_not_attach() -> None:
    article = claims_of(build("Freedonia rejected the offer and accused Varga of lying."))
    assert stance_summary(article) == [("assert", "freedonia", "accused")]


def test_concern_with_that_clause_makes_a_claim() -> None:
    article = claims_of(
        build(
            "Sylvanian officials expressed concern that Freedonia may be arming rebels, "
            "a claim dismissed by Freedonia."
        )
    )
    assert [c.proposition for c in article.claims] == ["Freedonia may be arming rebels"]
    assert stance_summary(article) == [
        ("assert", "sylvanian-officials", "expressed concern"),
        ("deny", "freedonia", "dismissed"),
    ]


def test_concern_about_something_is_no_claim() -> None:
    article = claims_of(build("Sylvanian officials raised alarms about Freedonia."))
    assert article.claims == []


def test_assertion_with_that_makes_a_claim() -> None:
    article = claims_of(build("Petrov claimed that Sylvania had shelled Zenda."))
    [claim] = article.claims
    assert claim.text == claim.proposition == "Sylvania had shelled Zenda"
    assert stance_summary(article) == [("assert", "petrov", "claimed that")]


def test_no_claims_without_accusations() -> None:
    article = claims_of(build("Varga visited Zenda.", "Freedonia denied everything."))
    assert (article.claims, article.stances) == ([], [])


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("Freedonia dismissed the allegations as baseless.", ("deny", "freedonia", "dismissed")),
        ("Freedonia denied the accusation.", ("deny", "freedonia", "denied")),
        (
            "Sylvanian officials confirmed the report.",
            ("support", "sylvanian-officials", "confirmed"),
        ),
    ],
)
def test_anaphor_attaches_stance_to_latest_claim(
    follow_up: str, expected: tuple[str, str, str]
) -> None:
    article = claims_of(build(ACCUSATION, follow_up))
    assert stance_summary(article)[1:] == [expected]
    assert article.stances[1].claim_id == article.claims[0].id
    assert article.stances[1].text == follow_up


def test_passive_stance_takes_by_agent() -> None:
    article = claims_of(
        build(
            ACCUSATION,
            'Sylvanian officials saw a "high possibility" of it, a claim dismissed by Freedonia.',
        )
    )
    assert stance_summary(article)[1:] == [
        ("support", "sylvanian-officials", "high possibility"),
        ("deny", "freedonia", "dismissed"),
    ]


def test_quoted_cue_continuing_a_verb_cue_is_one_stance() -> None:
    article = claims_of(build(ACCUSATION, 'Freedonia dismissed the claim as "lies."'))
    assert stance_summary(article)[1:] == [("deny", "freedonia", "dismissed")]


def test_overlap_of_actors_and_words_attaches_quoted_denial_to_speaker() -> None:
    article = claims_of(
        build(
            ACCUSATION,
            "Asked if Freedonia was massing troops at the border, Freedonian spokesman Ivo Petrov "
            'said, "This is fake news."',
        )
    )
    assert stance_summary(article)[1:] == [("deny", "petrov", "fake news")]


def test_quote_record_names_the_speaker() -> None:
    article = claims_of(
        build(
            ACCUSATION,
            "Asked about Freedonia massing soldiers, "
            'the Freedonian ministry said: "Pure nonsense."',
            quotes=[("Pure nonsense.", "freedonia-ministry")],
        )
    )
    assert stance_summary(article)[1:] == [("deny", "freedonia-ministry", "nonsense")]


def test_unrelated_cue_does_not_attach() -> None:
    article = claims_of(build(ACCUSATION, "Rain is likely in Zenda on Tuesday."))
    assert [s.polarity for s in article.stances] == ["assert"]


def test_cue_before_any_claim_does_not_attach() -> None:
    article = claims_of(build("Freedonia denied the report.", ACCUSATION))
    assert [s.polarity for s in article.stances] == ["assert"]


def test_stance_spans_hold_evidence_and_cue() -> None:
    article = claims_of(build(ACCUSATION, "Freedonia rejected the allegations."))
    stance = article.stances[1]
    assert stance.cue is not None and stance.cue.text == "rejected"
    assert stance.start <= stance.cue.start < stance.cue.end <= stance.end
    assert 0.0 < stance.confidence <= 1.0


def test_user_cues_extend_the_shipped_ones(tmp_path: Path) -> None:
    (tmp_path / "stance_cues.yaml").write_text(
        "version: 1\nentries:\n  - {id: deny-extra, kind: deny, phrases: [hogwash]}\n",
        encoding="utf-8",
    )
    options = Options(today=TODAY, data_dirs=(tmp_path,))
    article = claims_of(build(ACCUSATION, "Freedonia called the allegations hogwash."), options)
    assert stance_summary(article)[1:] == [("deny", "freedonia", "hogwash")]


# --- the seed article -----------------------------------------------------------------------


@pytest.fixture
def seed_article(seed_text: str) -> Article:
    article = Pipeline(Options(today=TODAY))(Article(text=seed_text))
    assert span_errors(article) == []
    return article


def _codes(article: Article, stances: list[Stance]) -> set[str]:
    return {a.code for s in stances if (a := article.actor(s.actor_id)) is not None}


def test_seed_claim_and_stances(seed_article: Article) -> None:
    claims: list[Claim] = [
        c for c in seed_article.claims if "North Korea" in c.proposition and "soldiers" in c.text
    ]
    assert len(claims) == 1
    stances = [s for s in seed_article.stances if s.claim_id == claims[0].id]
    by_polarity = {
        p: [s for s in stances if s.polarity == p] for p in ("assert", "support", "deny")
    }
    assert _codes(seed_article, by_polarity["assert"]) == {"UKR GOV"}
    assert "KOR GOV" in _codes(seed_article, by_polarity["support"])
    assert _codes(seed_article, by_polarity["deny"]) == {"RUS GOV"}
    deniers = {seed_article.actor(s.actor_id).name for s in by_polarity["deny"]}  # type: ignore[union-attr]
    assert any("Peskov" in name for name in deniers)
    assert any("Kremlin" in name for name in deniers)


# --- propositions and denials ---------------------------------------------------------------


def test_accused_without_a_mention_is_read_from_the_text() -> None:
    article = claims_of(build("Varga accused the shadowy Black Hand group of bombing Zenda."))
    assert [c.proposition for c in article.claims] == ["shadowy Black Hand group bombing Zenda"]


def test_denial_with_its_own_content_is_a_claim() -> None:
    article = claims_of(build("Freedonia denies seeking nuclear weapons."))
    assert [c.proposition for c in article.claims] == ["Freedonia seeking nuclear weapons"]
    assert stance_summary(article) == [("deny", "freedonia", "denies")]


def test_denial_sharing_content_attaches_to_the_claim() -> None:
    article = claims_of(build(ACCUSATION, "Freedonia denied massing soldiers near the border."))
    assert len(article.claims) == 1
    assert stance_summary(article)[1:] == [("deny", "freedonia", "denied")]


def test_reported_statement_before_an_indefinite_anaphor_is_a_claim() -> None:
    article = build("Sylvania has shelled Zenda, Petrov said, a claim Freedonia dismissed.")
    content = "Sylvania has shelled Zenda"
    article.quotes = [
        Quote(
            id="q1",
            start=0,
            end=len(content),
            text=content,
            kind="indirect",
            speaker_actor_id="petrov",
            speaker_status="resolved",
        )
    ]
    article = claims_of(article)
    assert [c.proposition for c in article.claims] == [content]
    assert [(s.polarity, s.actor_id) for s in article.stances] == [
        ("assert", "petrov"),
        ("deny", "freedonia"),
    ]


def test_anaphor_about_something_else_is_its_own_claim() -> None:
    article = claims_of(build(ACCUSATION, "Sylvania rejected Freedonia's sovereignty claims."))
    assert [c.text for c in article.claims][-1] == "Freedonia's sovereignty claims"
    assert stance_summary(article)[-1] == ("deny", "sylvania", "rejected")


def test_an_aside_after_the_accused_is_not_part_of_the_claim() -> None:
    text = "KHARTOUM\nSudan's army accused the Rapid Support Forces (RSF) of shelling a camp."
    article = Pipeline(Options(today=TODAY))(Article(text=text))
    assert [c.text for c in article.claims] == ["shelling a camp"]
