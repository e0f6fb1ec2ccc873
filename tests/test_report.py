"""The situation report over a real SQLite store of hand-built articles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.api import Sitrep
from sitrep.cli import app
from sitrep.report import ReportScope


@pytest.fixture
def sitrep(db: Path) -> Iterator[Sitrep]:
    with Sitrep(db=db, create=False) as opened:
        yield opened


def ids(sitrep: Sitrep) -> list[str]:
    return [row.id[:8] for row in sitrep.articles()]


def test_report_sections_cite_their_articles(sitrep: Sitrep) -> None:
    text = sitrep.report()
    first, later = ids(sitrep)
    assert text.startswith("# Situation report: the beginning to the latest report\n")
    assert "From 2 articles: 4 events, 2 quotes, 2 claims." in text
    # The same accusation on the same day in one article; the later one dated 2024-11-02.
    assert "### 2024-10-14" in text and "### 2024-11-02" in text
    accusation = next(line for line in text.splitlines() if "accuse" in line)
    assert "**Volodymyr Zelensky (UKR GOV)** accuse Russia (RUS) in Kharkiv" in accusation
    assert "(CAMEO 112, PLOVER ACCUSE)" in accusation and f"[{first}]" in accusation
    assert "### Volodymyr Zelensky (UKR GOV): 2 quotes" in text
    assert "“We will not give up,”" in text
    assert "Russian forces attacked civilians" in text
    assert f"- Kharkiv (UKR, 49.99, 36.23): named 2 times [{first}] [{later}]" in text


def test_report_period_and_actor(sitrep: Sitrep) -> None:
    autumn = sitrep.report(since=date(2024, 11, 1))
    assert "### 2024-10-14" not in autumn and "### 2024-11-02" in autumn
    kremlin = sitrep.report(actor="Kremlin")
    assert kremlin.startswith("# Situation report: the beginning to the latest report, about")
    assert "accuse" not in kremlin.split("## Who said what")[0]
    assert "No attributed quotes in this period." in kremlin


def test_empty_period_says_so(sitrep: Sitrep) -> None:
    text = sitrep.report(since=date(2030, 1, 1))
    for empty in ("No events", "No attributed quotes", "No claims", "No places named"):
        assert f"{empty} in this period." in text
    assert "- 0 of 0 events carry no date of their own" in text


@pytest.mark.parametrize(
    ("day", "inside"),
    [("2024-10-14", True), ("2024-10", True), ("2024", True), ("2024-09-30", False), (None, False)],
)
def test_scope_holds_dates_of_any_granularity(day: str | None, inside: bool) -> None:
    scope = ReportScope(since=date(2024, 10, 1), until=date(2024, 10, 31))
    assert scope.holds(day) is inside


def test_report_command_writes_a_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--top", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Situation report")
