"""Data files: schema-checked, and a user's file extends or overrides the shipped one."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.datafiles import load_entries
from sitrep.errors import DataFileError
from sitrep.lexicon import verb_forms
from sitrep.stages.clean import BoilerplatePattern


def test_user_file_overrides_and_extends(tmp_path: Path) -> None:
    (tmp_path / "boilerplate.yaml").write_text(
        "version: 1\nentries:\n"
        "  - {name: also-read, reason: mine, pattern: 'x'}\n"
        "  - {name: promo, reason: promotion, pattern: 'buy now.*'}\n",
        encoding="utf-8",
    )
    entries = load_entries(
        "boilerplate.yaml", BoilerplatePattern, key=lambda e: e.name, data_dirs=[tmp_path]
    )
    by_name = {e.name: e for e in entries}
    assert by_name["also-read"].reason == "mine"
    assert by_name["promo"].reason == "promotion"
    assert "agency-credit" in by_name


def test_a_bad_entry_names_the_file_and_the_field(tmp_path: Path) -> None:
    (tmp_path / "boilerplate.yaml").write_text(
        "version: 1\nentries:\n  - {name: broken, reason: no pattern}\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError, match=r"boilerplate.yaml: entry 0 \(pattern\)"):
        load_entries(
            "boilerplate.yaml", BoilerplatePattern, key=lambda e: e.name, data_dirs=[tmp_path]
        )


def test_a_file_without_entries_is_refused(tmp_path: Path) -> None:
    (tmp_path / "boilerplate.yaml").write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="entries"):
        load_entries(
            "boilerplate.yaml", BoilerplatePattern, key=lambda e: e.name, data_dirs=[tmp_path]
        )


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [
        ("accuse", {"accuse", "accuses", "accused", "accusing"}),
        ("deny", {"deny", "denies", "denied", "denying"}),
        ("dismiss", {"dismiss", "dismisses", "dismissed", "dismissing"}),
        ("say", {"say", "says", "said", "saying"}),
        ("stop", {"stop", "stops", "stopped", "stopping"}),
        ("visit", {"visit", "visits", "visited", "visiting"}),
        ("raise concern", {"raise concern", "raises concern", "raised concern", "raising concern"}),
    ],
)
def test_verb_forms(lemma: str, expected: set[str]) -> None:
    assert verb_forms(lemma) == expected


@pytest.mark.parametrize(
    ("lemma", "past"),
    [("agree", "agreed"), ("free", "freed"), ("withdraw", "withdrew"), ("seize", "seized")],
)
def test_past_tense_forms(lemma: str, past: str) -> None:
    assert past in verb_forms(lemma)
    assert f"{past}ed" not in verb_forms(lemma)
