"""The ConfliBERT five-way CAMEO class measure: its reader and scorer on a tiny TSV written here,
and floors on the shared data (read in place, skipped without ``../shared``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY, shared_path
from sitrep.errors import InputError
from sitrep.evaluation.cameo import (
    CameoClassReport,
    ClassSentence,
    cameo_class,
    evaluate_cameo_classes,
    evaluate_class_sentences,
    main_event,
    parse_classes,
)
from sitrep.options import Options
from sitrep.records import Event, Span

# Invented sentences (real countries, so that the pipeline knows the actors), one per class,
# with the dataset's CRLF line ends.
TINY = (
    "Norway urged Chile to release the prisoners.\t0\r\n"
    "Norway signed a trade agreement with Chile on Monday.\t1\r\n"
    "Norway lifted sanctions on Chile.\t2\r\n"
    "Norway accused Chile of spying.\t3\r\n"
    "Norway shelled Chile overnight.\t4\r\n"
    "The weather in Oslo was mild.\t2\r\n"
)

# Floors of the measure on the shared train split; raise them as sitrep improves.
COVERAGE = 0.66
COVERED_ACCURACY = 0.91
MACRO_F1 = 0.72


def test_cameo_roots_map_to_the_five_classes() -> None:
    assert [cameo_class(code) for code in ("010", "020", "036", "057", "0841", "073")] == [
        0,
        0,
        1,
        1,
        2,
        2,
    ]
    assert [cameo_class(code) for code in ("090", "112", "139", "163", "145", "190")] == [
        3,
        3,
        3,
        3,
        4,
        4,
    ]
    assert cameo_class("21") is None


def test_parse_classes_reads_tab_separated_rows() -> None:
    rows = parse_classes(TINY + "no label here\r\n")
    assert len(rows) == 6
    assert rows[0] == ClassSentence("Norway urged Chile to release the prisoners.", 0)


def _event(start: int, confidence: float, cameo: str) -> Event:
    trigger = Span(start=start, end=start + 1, text="x")
    return Event(
        start=0,
        end=10,
        text="x" * 10,
        id=f"ev{start}",
        trigger=trigger,
        verb_class="x",
        cameo=cameo,
        cameo_label="x",
        confidence=confidence,
    )


def test_main_event_is_the_most_confident_then_the_first() -> None:
    first, confident, later = _event(1, 0.5, "020"), _event(5, 0.9, "190"), _event(8, 0.9, "112")
    assert main_event([first, confident, later]) is confident
    assert main_event([]) is None


def test_report_counts_coverage_accuracy_and_macro_f1() -> None:
    report = CameoClassReport("unit")
    for gold, predicted in [(0, 0), (1, 1), (2, None), (3, 3), (4, 3)]:
        report.add(gold, predicted)
    assert report.coverage == pytest.approx(0.8)
    assert report.accuracy == pytest.approx(0.75)
    assert report.overall_accuracy == pytest.approx(0.6)
    assert report.class_score(3).precision == pytest.approx(0.5)
    assert report.class_score(2).recall == 0.0
    assert report.macro_f1 == pytest.approx((1 + 1 + 0 + 2 / 3 + 0) / 5)
    assert report.confusion()[(4, 3)] == 1
    table = report.render()
    assert "macro F1" in table and "none" in table


def test_sitrep_on_a_tiny_split(tmp_path: Path) -> None:
    (tmp_path / "cameo_class").mkdir()
    (tmp_path / "cameo_class" / "train.tsv").write_text(TINY, encoding="utf-8", newline="")
    report = evaluate_cameo_classes(tmp_path, Options(today=TODAY), split="train")
    assert report.sentences == 6
    assert report.predicted[-1] is None  # no event in a weather report
    assert report.correct >= 4, report.render()


def test_sentences_are_scored_without_files() -> None:
    sentences = [ClassSentence("Norway accused Chile of spying.", 3)]
    report = evaluate_class_sentences(sentences, Options(today=TODAY), split="mem")
    assert report.predicted == [3]


def test_a_missing_split_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "train.tsv").write_text(TINY, encoding="utf-8")
    with pytest.raises(InputError, match="available: train"):
        evaluate_cameo_classes(tmp_path, Options(today=TODAY), split="test")


@pytest.mark.shared
def test_floors_on_the_shared_train_split() -> None:
    directory = shared_path("data", "conflibert-cameo")
    report = evaluate_cameo_classes(directory, Options(today=TODAY), split="train")
    assert report.coverage >= COVERAGE, report.render()
    assert report.accuracy >= COVERED_ACCURACY, report.render()
    assert report.macro_f1 >= MACRO_F1, report.render()
