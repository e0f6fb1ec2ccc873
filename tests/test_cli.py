"""The command line, through typer's CliRunner and once as the real ``sitrep`` script."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sitrep.cli
from conftest import TODAY
from sitrep.cli import app
from sitrep.options import Options
from sitrep.records import Article
from sitrep.store import Store
from test_api import TEXT, needs_full_pipeline, needs_readers
from test_store import make_article

runner = CliRunner()


@pytest.fixture
def core_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run extract/ingest with the core stages only, whatever else is written yet."""
    monkeypatch.setattr(
        sitrep.cli, "Options", functools.partial(Options, stages=("clean", "language"), today=TODAY)
    )


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT + "\nA second paragraph.", encoding="utf-8")
    return folder


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("sitrep ")


# -- extract


@needs_readers
def test_extract_one_input_prints_article_json(core_stages: None, inputs: Path) -> None:
    result = runner.invoke(app, ["extract", str(inputs / "a.txt"), "--published", "2024-10-14"])
    assert result.exit_code == 0, result.output
    article = Article.from_json(result.stdout)
    assert article.meta.published is not None
    assert article.meta.published.isoformat() == "2024-10-14"
    assert article.meta.source is not None and article.meta.source.endswith("a.txt")


@needs_readers
def test_extract_several_inputs_prints_an_array(core_stages: None, inputs: Path) -> None:
    result = runner.invoke(app, ["extract", str(inputs)])
    assert result.exit_code == 0, result.output
    loaded = json.loads(result.stdout)
    assert isinstance(loaded, list) and len(loaded) == 2
    assert Article.model_validate(loaded[0]).text.startswith("KYIV")


@needs_readers
def test_extract_text_format(core_stages: None, inputs: Path) -> None:
    result = runner.invoke(app, ["extract", str(inputs / "a.txt"), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "Sections (" in result.stdout
    assert "Actors (" in result.stdout


@needs_readers
def test_extract_reports_a_bad_input(core_stages: None, inputs: Path) -> None:
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(inputs / "empty.txt"), str(inputs / "a.txt")])
    assert result.exit_code == 1
    assert "error: " in result.stderr and "empty.txt" in result.stderr
    assert Article.from_json(result.stdout).text.startswith("KYIV")


@needs_readers
def test_extract_reads_stdin(core_stages: None) -> None:
    result = runner.invoke(app, ["extract", "-"], input=TEXT.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert Article.from_json(result.stdout).meta.source == "-"


@needs_readers
@needs_full_pipeline
def test_extract_with_the_full_pipeline(inputs: Path) -> None:
    result = runner.invoke(app, ["extract", str(inputs / "a.txt"), "--published", "2024-10-14"])
    assert result.exit_code == 0, result.output
    article = Article.from_json(result.stdout)
    assert set(article.stages) == set(Options().stages)


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_bad_published_date(command: str, tmp_path: Path) -> None:
    result = runner.invoke(app, [command, str(tmp_path), "--published", "14/10/2024"])
    assert result.exit_code == 2
    assert "not a date" in result.output


def test_unknown_backend_is_a_clear_error(inputs: Path) -> None:
    result = runner.invoke(app, ["extract", str(inputs / "a.txt"), "--backend", "no_such_model"])
    assert result.exit_code == 1
    assert "error:" in result.stderr
    assert "Traceback" not in result.output


# -- ingest


@needs_readers
def test_ingest_counts_and_exit_status(core_stages: None, inputs: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "new.db"
    result = runner.invoke(app, ["ingest", str(inputs), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "2 ingested, 0 duplicate, 0 failed" in result.stdout

    (inputs / "empty.txt").write_text("", encoding="utf-8")
    again = runner.invoke(app, ["ingest", str(inputs), "--db", str(db_path)])
    assert again.exit_code == 1
    assert "0 ingested, 2 duplicate, 1 failed" in again.stdout
    failures = [line for line in again.stderr.splitlines() if line.startswith("error: ")]
    assert len(failures) == 1
    assert "empty.txt: " in failures[0]
    with Store(db_path) as store:
        assert store.counts().articles == 2


# -- queries


def test_events(db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--type", "accuse"])
    assert result.exit_code == 0, result.output
    assert "Volodymyr Zelensky [UKR GOV] -> accuse -> Russia [RUS]" in result.stdout
    assert "2024-10-14" in result.stdout and "2024-11-02" in result.stdout


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--actor", "Kremlin"], {"E2"}),
        (["--country", "UKR"], {"E1"}),
        (["--type", "11"], {"E1"}),
        (["--text", "civilians", "--until", "2024-10-31"], {"E2"}),
        (["--since", "2024-11-01", "--type", "deny"], {"E2"}),
    ],
)
def test_events_json_filters(db: Path, options: list[str], expected: set[str]) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--json", *options])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {row["event_id"] for row in rows} == expected


def test_quotes_with_speakers_and_dates(db: Path) -> None:
    result = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "zelensky"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines == [
        "  2024-10-14  Volodymyr Zelensky [UKR GOV]: \u201cWe will not give up,\u201d",
        "  2024-11-02  Volodymyr Zelensky [UKR GOV]: \u201cWe will not give up,\u201d",
    ]


def test_claims_with_stances(db: Path) -> None:
    result = runner.invoke(app, ["claims", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Russian forces attacked civilians" in result.stdout
    assert "deny    Kremlin [RUS GOV]" in result.stdout
    assert "assert  Volodymyr Zelensky [UKR GOV]" in result.stdout


def test_actors(db: Path) -> None:
    result = runner.invoke(app, ["actors", "--db", str(db)])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert "Volodymyr Zelensky [UKR GOV]" in first and "(2 articles)" in first


def test_show_by_prefix(db: Path) -> None:
    article = make_article()
    result = runner.invoke(app, ["show", article.id[:10], "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Zelensky accuses Russia over Kharkiv strike")
    as_json = runner.invoke(app, ["show", article.id[:10], "--db", str(db), "--format", "json"])
    assert Article.from_json(as_json.stdout) == article


def test_show_unknown_id(db: Path) -> None:
    result = runner.invoke(app, ["show", "ffff0000", "--db", str(db)])
    assert result.exit_code == 1
    assert "error: no article with id 'ffff0000'" in result.stderr


@pytest.mark.parametrize(
    "command", [["events"], ["quotes"], ["claims"], ["actors"], ["summary"], ["show", "ab"]]
)
def test_missing_database_is_a_clear_error(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "absent.db"
    result = runner.invoke(app, [*command, "--db", str(missing)])
    assert result.exit_code == 1
    assert "error:" in result.stderr and "no database" in result.stderr
    assert not missing.exists()


def test_export_csv_to_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "csv", "--table", "events", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("article_id,event_id,date,")
    assert len(lines) == 5


def test_export_jsonl_to_stdout(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--table", "quotes"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["speaker"] for row in rows] == ["Volodymyr Zelensky"] * 2


def test_export_parquet_to_file(db: Path, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "places.parquet"
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "parquet", "--table", "places", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert parquet.read_table(out).num_rows == 2
    assert "2 places ->" in result.stderr


def test_export_geojson_to_stdout(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "geojson"])
    assert result.exit_code == 0, result.output
    features = json.loads(result.stdout)["features"]
    assert [each["properties"]["event_id"] for each in features] == ["E1", "E1"]


def test_export_geojson_of_quotes_is_an_error(db: Path) -> None:
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "geojson", "--table", "quotes"]
    )
    assert result.exit_code == 1
    assert "GeoJSON needs points" in result.stderr


def test_export_unknown_table(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--table", "mentions"])
    assert result.exit_code == 2


def test_summary(db: Path) -> None:
    result = runner.invoke(app, ["summary", "--db", str(db)])
    assert result.exit_code == 0, result.output
    for expected in ("sitrep store: 2 articles", "Top actors (3)", "Quotes (2)", "Claims (2)"):
        assert expected in result.stdout


# -- eval


def fake_evaluation(monkeypatch: pytest.MonkeyPatch, ok: bool) -> list[object]:
    calls: list[object] = []

    class Report:
        def __init__(self) -> None:
            self.ok = ok

        def render(self) -> str:
            return "samples: all good" if ok else "samples: 1 failed"

    def evaluate_samples(examples_dir: Path, options: Options) -> Report:
        calls.append((examples_dir, options.backend))
        return Report()

    module = types.ModuleType("sitrep.evaluation.samples")
    module.evaluate_samples = evaluate_samples  # type: ignore[attr-defined]
    package = types.ModuleType("sitrep.evaluation")
    package.samples = module  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sitrep.evaluation", package)
    monkeypatch.setitem(sys.modules, "sitrep.evaluation.samples", module)
    return calls


@pytest.mark.parametrize(("ok", "status"), [(True, 0), (False, 1)])
def test_eval_samples(monkeypatch: pytest.MonkeyPatch, ok: bool, status: int) -> None:
    calls = fake_evaluation(monkeypatch, ok)
    result = runner.invoke(app, ["eval", "samples", "some/dir"])
    assert result.exit_code == status
    assert "samples:" in result.stdout
    assert calls == [(Path("some/dir"), "rules")]


# -- the real script


def sitrep_script() -> Path:
    script = Path(sys.executable).parent / "sitrep"
    if not script.exists():
        pytest.skip("the sitrep script is not installed beside this python")
    return script


def test_real_script(db: Path, tmp_path: Path) -> None:
    script = sitrep_script()
    done = subprocess.run(
        [str(script), "summary", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("sitrep store: 2 articles")

    missing = subprocess.run(
        [str(script), "events", "--db", str(tmp_path / "absent.db")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert missing.returncode == 1
    assert missing.stderr.startswith("error:")
    assert "Traceback" not in missing.stderr


# -- settings on the command line


@needs_readers
def test_ingest_refuses_an_input_over_max_bytes(
    core_stages: None, inputs: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        app, ["ingest", str(inputs / "a.txt"), "--db", str(tmp_path / "x.db"), "--max-bytes", "10"]
    )
    assert result.exit_code == 1
    assert "a.txt" in result.stderr and "max_bytes" in result.stderr


@needs_readers
def test_extract_reads_a_user_data_dir(core_stages: None, tmp_path: Path) -> None:
    data = tmp_path / "mydata"
    data.mkdir()
    (data / "boilerplate.yaml").write_text(
        "version: 1\nentries:\n  - {name: promo, reason: promotion, pattern: 'Buy now.*'}\n",
        encoding="utf-8",
    )
    story = tmp_path / "story.txt"
    story.write_text("Officials met on Monday.\nBuy now and save on tickets\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(story), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    removed = json.loads(result.stdout)["removed"]
    assert [(r["text"], r["reason"]) for r in removed] == [
        ("Buy now and save on tickets", "promo: promotion")
    ]


# -- the foundation issue's acceptance on the seed, through the command line


def test_seed_ingested_twice_is_stored_once_and_queried_by_country(tmp_path: Path) -> None:
    from conftest import shared_path

    seed = shared_path("seed", "article.txt")
    db = str(tmp_path / "seed.db")
    first = runner.invoke(app, ["ingest", str(seed), "--db", db])
    second = runner.invoke(app, ["ingest", str(seed), "--db", db])
    assert first.exit_code == 0 and "1 ingested" in first.output
    assert second.exit_code == 0 and "1 duplicate" in second.output
    with Store(Path(db)) as store:
        assert store.counts().articles == 1
    result = runner.invoke(app, ["events", "--country", "RUS", "--db", db, "--json"])
    assert result.exit_code == 0
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {e["verb_class"] for e in events} >= {"reject", "occupy"}
    assert all("RUS" in ((e["source_code"] or "") + (e["target_code"] or "")) for e in events)
