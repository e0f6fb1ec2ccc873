"""The ConfliBERT source/target span measure: its reader and scorer on a tiny CoNLL text
written here, and floors on the shared data (read in place, skipped without ``../shared``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY, shared_path
from sitrep.errors import InputError
from sitrep.evaluation.conflibert import (
    ConfliBERTReport,
    Predicted,
    Role,
    TokenSpan,
    evaluate_conflibert,
    evaluate_sentences,
    parse_conll,
    score_sentence,
)
from sitrep.options import Options

TINY = """\
Russia B-S
accused O
Ukraine B-T
of O
shelling O
. O

Jordan B-R
and I-R
Britain I-R
agreed O
. O
"""

# Floors of the measure on the shared train split; raise them as sitrep improves.
SOURCE_OVERLAP_F1 = 0.68
TARGET_OVERLAP_F1 = 0.43
COUNTRY_ACCURACY = 0.92


def test_parse_conll_reads_tokens_and_spans() -> None:
    first, second = parse_conll(TINY)
    assert first.text == "Russia accused Ukraine of shelling ."
    assert first.spans == (TokenSpan(0, 1, "S"), TokenSpan(2, 3, "T"))
    assert second.spans == (TokenSpan(0, 3, "R"),)
    assert first.offsets()[2] == (15, 22)


def test_a_stray_inside_tag_starts_a_span() -> None:
    (sentence,) = parse_conll("the O\narmy I-S\nfired O\n")
    assert sentence.spans == (TokenSpan(1, 2, "S"),)


def test_reciprocal_span_counts_for_either_role() -> None:
    (_, sentence) = parse_conll(TINY)
    report = ConfliBERTReport("unit")
    predicted: dict[Role, list[Predicted]] = {
        "S": [Predicted(TokenSpan(0, 1, "S"), "JOR")],
        "T": [],
    }
    score_sentence(report, sentence, predicted)
    source, target = report.score("S"), report.score("T")
    assert (source.tp_predicted, source.predicted, source.tp_gold, source.gold) == (1, 1, 1, 1)
    assert (target.predicted, target.gold) == (0, 0)
    assert report.score("S", "exact").tp_gold == 0


def test_sitrep_on_a_tiny_split() -> None:
    report = evaluate_sentences(parse_conll(TINY), Options(today=TODAY), split="tiny")
    assert report.sentences == 2
    source = report.score("S")
    assert source.gold == 2
    assert source.tp_gold >= 1  # "Russia accused Ukraine": Russia is the source
    assert report.score("T").tp_gold >= 1
    assert report.country_accuracy == 1.0
    assert "source overlap" in report.render()


def test_a_missing_split_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "train.txt").write_text(TINY, encoding="utf-8")
    with pytest.raises(InputError, match="available: train"):
        evaluate_conflibert(tmp_path, Options(today=TODAY), split="test")


@pytest.mark.shared
def test_floors_on_the_shared_train_split() -> None:
    directory = shared_path("data", "conflibert-cameo", "cameo_ner")
    report = evaluate_conflibert(directory, Options(today=TODAY), split="train")
    assert report.score("S").f1 >= SOURCE_OVERLAP_F1, report.render()
    assert report.score("T").f1 >= TARGET_OVERLAP_F1, report.render()
    assert report.country_accuracy >= COUNTRY_ACCURACY, report.render()
