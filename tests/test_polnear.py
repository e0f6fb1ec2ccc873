"""The PolNeAR reader and scorer on a tiny invented annotation, and floors on the dev split."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY, shared_path
from sitrep.evaluation.polnear import (
    Attribution,
    evaluate_polnear,
    load_split,
    offset_map,
    read_annotations,
    score_attributions,
)
from sitrep.options import Options

TEXT = (
    "Lopez said that the border would stay closed.\n\n"
    "\u201cWe are ready,\u201d she said, \u201cand we will wait.\u201d\n\n"
    "The talks failed, officials said."
)


def _span(part: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(part, after)
    return start, start + len(part)


def _brat() -> str:
    def t(key: str, label: str, part: str) -> str:
        start, end = _span(part)
        return f"{key}\t{label} {start} {end}\t{part}"

    first, second = _span("We are ready,\u201d"), _span("and we will wait.\u201d")
    return "\n".join(
        [
            t("T1", "Source", "Lopez"),
            t("T2", "Cue", "said"),
            t("T3", "Content", "that the border would stay closed"),
            t("T4", "Attribution", "said"),
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            t("T5", "Source", "she"),
            f"T6\tCue {_span('said', 50)[0]} {_span('said', 50)[1]}\tsaid",
            f"T7\tContent {first[0]} {first[1]};{second[0]} {second[1]}\tWe are ready,\u201d\n"
            "and we will wait.\u201d",
            "E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5",
            t("T8", "Content", "The talks failed"),
            "E3\tAttribution:T8 Content:T8",
        ]
    )


def test_reader_joins_roles_discontinuous_spans_and_continued_lines() -> None:
    gold = read_annotations(_brat())
    assert len(gold) == 3
    assert [TEXT[s:e] for s, e in gold[0].source] == ["Lopez"]
    assert len(gold[1].content) == 2 and gold[1].is_direct(TEXT)
    assert gold[2].source == () and gold[2].cue == ()


def test_perfect_prediction_scores_one() -> None:
    gold = read_annotations(_brat())
    measures = score_attributions(TEXT, gold, gold)
    assert all(m.f1 == 1.0 for m in measures.values()), measures


def test_overlap_exact_source_and_cue_are_told_apart() -> None:
    gold = read_annotations(_brat())
    predicted = [
        # exact up to marks and punctuation, same source and cue
        Attribution(
            content=(_span("We are ready"), _span("and we will wait")),
            source=(_span("she"),),
            cue=(_span("said", 50),),
        ),
        # overlapping content without "that", wrong source, right cue
        Attribution(
            content=(_span("the border would stay"),),
            source=(_span("border"),),
            cue=(_span("said"),),
        ),
        # spurious
        Attribution(content=(_span("officials"),)),
    ]
    measures = score_attributions(TEXT, gold, predicted)
    overlap, exact = measures["content_overlap"], measures["content_exact"]
    assert (overlap.correct_predicted, overlap.predicted, overlap.gold) == (2, 3, 3)
    assert (exact.correct_predicted, exact.correct_gold) == (1, 1)
    source, cue = measures["source"], measures["cue"]
    assert (source.correct_predicted, source.predicted, source.gold) == (1, 2, 2)
    assert (cue.correct_predicted, cue.predicted, cue.gold) == (2, 2, 2)
    direct = measures["direct_exact"]
    assert (direct.correct_predicted, direct.predicted, direct.gold) == (1, 1, 1)


def test_offset_map_undoes_the_cleaners_whitespace() -> None:
    original = "Title line\n\n  Lopez  said\nthe  border would close.\r\n\nEnd."
    cleaned = "Title line\nLopez said the border would close.\nEnd."
    mapping = offset_map(original, cleaned)
    start = cleaned.index("border")
    assert original[mapping[start] : mapping[start + len("border") - 1] + 1] == "border"
    assert original[mapping[cleaned.index("End")]] == "E"
    assert len(mapping) == len(cleaned) + 1


def test_split_reader_prefers_the_first_listed_annotator(tmp_path: Path) -> None:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_0001.ann").write_text("", encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_0002.ann").write_text(_brat(), encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\ndev\ta\t0002|0001\n", encoding="utf-8"
    )
    (document,) = load_split(tmp_path, "dev")
    assert document.annotator == "0002" and len(document.attributions) == 3


def test_evaluation_on_an_invented_split(tmp_path: Path) -> None:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_0001.ann").write_text(_brat(), encoding="utf-8")
    report = evaluate_polnear(tmp_path, Options(today=TODAY))
    measures = report.measures
    assert measures["content_overlap"].recall == 1.0
    assert measures["content_exact"].correct_gold >= 2  # "that ..." and the split quotation
    assert "content_overlap" in report.render()


# Floors on all of PolNeAR dev (84 articles, about 10-25 s here), F1 in percent. They only rise:
# measured 73.9 / 48.1 / 64.8 / 64.9 / 89.2 / 65.9 when set. Source F1 rose from 60.6 once a
# speaker with no mention ('Rep. Jane Roe', 'a senior official', 'WALLACE') kept its phrase as
# the source (Quote.source); recall is still capped by content recall (about 63%). Raised when
# reports in longer sentences were read (a nested 'that', a named listener, an adverbial before
# the subject, subordinate and second clauses, quantifier subjects): 75.9 / 50.5 / 67.6 / 67.5 /
# 89.6 / 68.1, content recall 65%.
DEV_FLOORS = {
    "content_overlap": 75.4,
    "content_exact": 50.0,
    "source": 66.8,
    "cue": 67.2,
    "direct_overlap": 89.0,
    "direct_exact": 66.8,
}


@pytest.mark.shared
def test_polnear_dev_floors() -> None:
    directory = shared_path("data", "polnear")
    report = evaluate_polnear(directory, Options(today=TODAY), split="dev")
    scores = {name: 100 * m.f1 for name, m in report.measures.items()}
    below = {
        name: round(scores[name], 1) for name, floor in DEV_FLOORS.items() if scores[name] < floor
    }
    assert not below, f"below the floors {DEV_FLOORS}: {below}"
