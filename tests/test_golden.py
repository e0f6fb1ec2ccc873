"""The quality gate: the pipeline on the sample articles, scored against their gold.

Two sets: ``examples/`` (the bundled samples, tuned against) and ``heldout/`` (gold written
before sitrep ran on them). Each record type's F1 must reach its floor in ``floors.json`` and
``heldout_floors.json``. Floors only rise: a floor lower than the committed one fails unless
``SITREP_ALLOW_LOWER_FLOORS=1`` is set (trafilatura's ``tests/eval_gate.py`` does the same for
its score floors).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO, TODAY
from sitrep.evaluation.samples import (
    RECORD_TYPES,
    RecordType,
    SamplesReport,
    evaluate_samples,
)
from sitrep.options import Options

HELDOUT = REPO / "heldout"
SETS = {
    "examples": (EXAMPLES, Path(__file__).with_name("floors.json")),
    "heldout": (HELDOUT, Path(__file__).with_name("heldout_floors.json")),
}


def floors_of(text: str) -> dict[str, float]:
    loaded = json.loads(text)
    return {name: float(value) for name, value in loaded["floors"].items()}


def floors(name: str) -> dict[str, float]:
    return floors_of(SETS[name][1].read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request: pytest.FixtureRequest) -> tuple[str, SamplesReport]:
    name = request.param
    return name, evaluate_samples(SETS[name][0], Options(today=TODAY))


@pytest.fixture(scope="module")
def report() -> SamplesReport:
    return evaluate_samples(EXAMPLES, Options(today=TODAY))


def test_every_sample_is_read_and_run(scored: tuple[str, SamplesReport]) -> None:
    _, found = scored
    assert found.ok, found.render()


def test_every_sample_has_gold(scored: tuple[str, SamplesReport]) -> None:
    _, found = scored
    assert not found.ungolded_inputs, found.render(differences=False)


@pytest.mark.parametrize("name", sorted(SETS))
def test_floors_cover_every_record_type(name: str) -> None:
    assert set(floors(name)) == set(RECORD_TYPES)


@pytest.mark.parametrize("record_type", RECORD_TYPES)
def test_f1_reaches_floor(scored: tuple[str, SamplesReport], record_type: RecordType) -> None:
    name, found = scored
    score = found.scores[record_type]
    floor = floors(name)[record_type]
    if score.f1 + 1e-9 < floor:
        differences = "\n".join(
            d.render() for d in found.differences if d.record_type == record_type
        )
        pytest.fail(
            f"{name} {record_type}: F1 {score.f1:.3f} < floor {floor:.3f} "
            f"(P {score.precision:.3f}, R {score.recall:.3f})\n"
            f"{found.render(differences=False)}\n{differences}"
        )


@pytest.mark.parametrize("name", sorted(SETS))
def test_floors_only_rise(name: str) -> None:
    """No floor below the committed one, unless lowering is asked for explicitly."""
    if os.environ.get("SITREP_ALLOW_LOWER_FLOORS") == "1":
        pytest.skip("SITREP_ALLOW_LOWER_FLOORS=1")
    path = SETS[name][1]
    relative = path.relative_to(REPO).as_posix()
    try:
        committed = subprocess.run(
            ["git", "show", f"HEAD:{relative}"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip(f"no committed {path.name} to compare with")
    now = floors(name)
    lowered = {
        record: (floor, now.get(record, 0.0))
        for record, floor in floors_of(committed).items()
        if now.get(record, 0.0) + 1e-9 < floor
    }
    assert not lowered, f"floors lowered (committed, now): {lowered}"


def test_speakers_of_the_sample_quotes(report: SamplesReport) -> None:
    """Issue 4: at least 95 % of the gold quotes (every "he said" and "added the president"
    among them) are found with the right actor as speaker."""
    assert report.speaker_accuracy >= 0.95, report.render(differences=False)
