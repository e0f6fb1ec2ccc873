"""The ``sitrep`` command: a thin layer over :class:`sitrep.api.Sitrep`.

Data goes to standard output; progress and errors (``error: SOURCE: REASON``) to standard
error. Exit status 1 when an input failed or a command could not run, 2 for bad usage.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from enum import StrEnum
from importlib import import_module
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sitrep import __version__
from sitrep.api import IngestProgress, Sitrep
from sitrep.errors import InputError, SitrepError
from sitrep.export import BINARY_FORMATS
from sitrep.options import Options
from sitrep.records import Article
from sitrep.store.database import redacted

DEFAULT_DB = "sitrep.db"

app = typer.Typer(
    name="sitrep",
    help="Turn news articles into structured, sourced, queryable facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Evaluate sitrep against annotated samples.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
train_app = typer.Typer(help="Train sitrep's own models.", no_args_is_help=True)
app.add_typer(train_app, name="train")


class ExtractFormat(StrEnum):
    json = "json"
    text = "text"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


class ExportTable(StrEnum):
    events = "events"
    quotes = "quotes"
    actors = "actors"
    places = "places"
    articles = "articles"


def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


# A path, or a PostgreSQL URL (kept a string: a Path would fold its "//").
DbOption = Annotated[
    str,
    typer.Option(
        "--db", help="SQLite database file, or postgresql://user@host/dbname.", show_default=True
    ),
]
PublishedOption = Annotated[
    date | None,
    typer.Option(
        "--published",
        parser=parse_date,
        metavar="YYYY-MM-DD",
        help="Publication date of the inputs; wins over any date in their metadata.",
    ),
]
BackendOption = Annotated[
    str,
    typer.Option(
        "--backend",
        help="Language backend: 'rules', 'sitrep-cnn' (bundled model) or a spaCy pipeline.",
    ),
]
MaxBytesOption = Annotated[
    int,
    typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this many bytes."),
]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers", min=0, help="Processes extracting the inputs (0: every core; 1: no pool)."
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Extract on this Dask cluster (tcp://host:8786) instead of local cores.",
    ),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", dir_okay=False, help="Default: stdout.")
]
DataDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data-dir",
        help="Folder of your own data files (countries.yaml, event_verbs.yaml, ...) that "
        "extend or override the shipped ones; may be repeated.",
    ),
]
SinceOption = Annotated[
    date | None,
    typer.Option("--since", parser=parse_date, metavar="YYYY-MM-DD", help="From this date."),
]
UntilOption = Annotated[
    date | None,
    typer.Option("--until", parser=parse_date, metavar="YYYY-MM-DD", help="Up to this date."),
]
LimitOption = Annotated[int, typer.Option("--limit", help="At most this many rows; 0: all.")]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per line.")]


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn sitrep's errors into ``error: ...`` on standard error and exit status 1."""
    try:
        yield
    except SitrepError as error:
        echo_error(str(error))
        raise typer.Exit(1) from None
    except BrokenPipeError:  # `sitrep events | head`
        raise typer.Exit(0) from None


def echo_error(message: str) -> None:
    """One line on standard error, never wrapped: ``error: MESSAGE``."""
    typer.echo(f"error: {' '.join(message.split())}", err=True)


def report_failure(error: InputError) -> None:
    echo_error(f"{error.source}: {error.reason}")


@contextmanager
def written(output: Path) -> Iterator[None]:
    """A file that cannot be written is an ``error: FILE: reason`` and exit status 1."""
    try:
        yield
    except OSError as error:
        echo_error(f"{output}: {error}")
        raise typer.Exit(1) from None


def querying(db: str) -> Sitrep:
    """A :class:`Sitrep` over an existing database (queries never create one)."""
    return Sitrep(db=db, create=False)


def echo_rows(rows: Sequence[Any], render: Any, as_json: bool) -> None:
    for row in rows:
        typer.echo(json.dumps(asdict(row), ensure_ascii=False) if as_json else render(row))


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """Turn news articles into structured, sourced, queryable facts."""


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(metavar="FILE", help="Files, folders or '-' for stdin.")
    ],
    published: PublishedOption = None,
    output_format: Annotated[
        ExtractFormat, typer.Option("--format", help="json: the article JSON; text: readable.")
    ] = ExtractFormat.json,
    backend: BackendOption = "rules",
    max_bytes: MaxBytesOption = Options.max_bytes,
    data_dir: DataDirOption = None,
    workers: WorkersOption = Options.workers,
    scheduler: SchedulerOption = None,
) -> None:
    """Print the reading of each input without storing it (several inputs: a JSON array)."""
    with reported_errors():
        sitrep = Sitrep(run_options(backend, published, max_bytes, data_dir, workers, scheduler))
        articles: list[Article] = []
        failed = 0
        for item in sitrep.extract_paths(paths):
            if isinstance(item, InputError):
                report_failure(item)
                failed += 1
            else:
                articles.append(item)
        if output_format is ExtractFormat.text:
            typer.echo("\n".join(render_article(article) for article in articles), nl=False)
        elif len(articles) == 1:
            typer.echo(articles[0].to_json())
        elif articles:
            typer.echo("[\n" + ",\n".join(article.to_json() for article in articles) + "\n]")
    if failed:
        raise typer.Exit(1)


def run_options(
    backend: str,
    published: date | None,
    max_bytes: int,
    data_dirs: list[Path] | None,
    workers: int = Options.workers,
    scheduler: str | None = None,
) -> Options:
    return Options(
        backend=backend,
        published=published,
        max_bytes=max_bytes,
        data_dirs=tuple(data_dirs or ()),
        workers=workers,
        scheduler=scheduler,
    )


def render_article(article: Article) -> str:
    from sitrep.summary import render_article as render

    return render(article)


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Files, folders or '-' for stdin.")
    ],
    db: DbOption = DEFAULT_DB,
    published: PublishedOption = None,
    backend: BackendOption = "rules",
    max_bytes: MaxBytesOption = Options.max_bytes,
    data_dir: DataDirOption = None,
    workers: WorkersOption = Options.workers,
    scheduler: SchedulerOption = None,
) -> None:
    """Extract and store every input; duplicates (same cleaned text) are stored once."""
    console = stderr()
    options = run_options(backend, published, max_bytes, data_dir, workers, scheduler)
    with reported_errors(), Sitrep(options, db) as sitrep:
        progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} inputs"),
            TimeElapsedColumn(),
            console=console,
            disable=not console.is_terminal,
            transient=True,
        )
        with progress:
            task = progress.add_task("ingesting", total=None)

            def advance(event: IngestProgress) -> None:
                progress.update(task, completed=event.done, description=escape(event.source))

            report = sitrep.ingest(paths, progress=advance)
        for failure in report.failed:
            report_failure(failure)
        typer.echo(
            f"{len(report.ingested)} ingested, {len(report.duplicates)} duplicate, "
            f"{len(report.failed)} failed -> {redacted(db)}"
        )
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def events(
    actor: Annotated[str | None, typer.Option(help="Name, kb id or code of either actor.")] = None,
    country: Annotated[str | None, typer.Option(help="Country code of either actor.")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Verb class, PLOVER type or CAMEO code prefix.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    text: Annotated[str | None, typer.Option(help="Substring of the evidence.")] = None,
    limit: LimitOption = 100,
    as_json: JsonOption = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Stored events with their actors, codes and dates."""
    from sitrep.summary import render_event_row

    with reported_errors(), querying(db) as sitrep:
        rows = sitrep.events(
            actor=actor,
            country=country,
            event_type=event_type,
            since=since,
            until=until,
            text=text,
            limit=limit,
        )
        echo_rows(rows, render_event_row, as_json)


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option(help="Name, kb id or code of the speaker.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    text: Annotated[str | None, typer.Option(help="Substring of the quote.")] = None,
    limit: LimitOption = 100,
    as_json: JsonOption = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Stored quotes with their speakers and dates."""
    from sitrep.summary import render_quote_row

    with reported_errors(), querying(db) as sitrep:
        rows = sitrep.quotes(speaker=speaker, since=since, until=until, text=text, limit=limit)
        echo_rows(rows, render_quote_row, as_json)


@app.command()
def claims(
    text: Annotated[str | None, typer.Option(help="Substring of the claim.")] = None,
    actor: Annotated[str | None, typer.Option(help="An actor taking a stance.")] = None,
    limit: LimitOption = 100,
    as_json: JsonOption = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Stored claims with the stances actors take on them."""
    from sitrep.summary import render_claim_row

    with reported_errors(), querying(db) as sitrep:
        echo_rows(sitrep.claims(text=text, actor=actor, limit=limit), render_claim_row, as_json)


@app.command()
def actors(
    name: Annotated[str | None, typer.Option(help="Name substring or kb id.")] = None,
    limit: LimitOption = 100,
    as_json: JsonOption = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Actors across the store with their codes and mention counts."""
    from sitrep.summary import plural

    def render(row: Any) -> str:
        code = f" [{row.code}]" if row.code else ""
        kb = f"  kb {row.kb_id}" if row.kb_id else ""
        articles = plural(row.articles, "article")
        return f"{row.mentions:>5}  {row.name}{code}  {row.kind}{kb}  ({articles})"

    with reported_errors(), querying(db) as sitrep:
        echo_rows(sitrep.actors(name=name, limit=limit), render, as_json)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or unique prefix.")],
    output_format: Annotated[ExtractFormat, typer.Option("--format")] = ExtractFormat.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """One stored article."""
    with reported_errors(), querying(db) as sitrep:
        article = sitrep.article(article_id)
        if output_format is ExtractFormat.json:
            typer.echo(article.to_json())
        else:
            typer.echo(render_article(article), nl=False)


@app.command()
def export(
    output_format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.jsonl,
    table: Annotated[ExportTable, typer.Option("--table")] = ExportTable.events,
    output: OutputOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export a table as JSON lines, CSV, GeoJSON (events and places with points) or Parquet.

    Articles as JSON lines are the full article JSON.
    """
    binary = output_format.value in BINARY_FORMATS
    with reported_errors(), querying(db) as sitrep:
        if output is None:
            stdout: IO[Any] = sys.stdout.buffer if binary else sys.stdout
            sitrep.export(output_format.value, stdout, table=table.value)
            return
        with (
            written(output),
            output.open("wb") if binary else output.open("w", encoding="utf-8", newline="") as out,
        ):
            count = sitrep.export(output_format.value, out, table=table.value)
        typer.echo(f"{count} {table.value} -> {output}", err=True)


@app.command()
def summary(
    db: DbOption = DEFAULT_DB,
    top: Annotated[int, typer.Option(help="Rows shown per section.")] = 10,
) -> None:
    """A readable overview of the store: articles, actors, quotes, events, claims."""
    with reported_errors(), querying(db) as sitrep:
        typer.echo(sitrep.summary(top=top), nl=False)


@app.command()
def report(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: Annotated[
        str | None, typer.Option(help="Only what this actor did, said or stood on.")
    ] = None,
    top: Annotated[int, typer.Option(min=1, help="Items per day and per section.")] = 10,
    output: OutputOption = None,
) -> None:
    """A situation report of a period as Markdown, every line citing its articles."""
    with reported_errors(), querying(db) as sitrep:
        text = sitrep.report(since=since, until=until, actor=actor, top=top)
        if output is None:
            typer.echo(text, nl=False)
            return
        with written(output):
            output.write_text(text, encoding="utf-8")
        typer.echo(f"report -> {output}", err=True)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port).")] = 8080,
) -> None:
    """Serve the store as a read-only JSON API (GET /api lists the endpoints)."""
    from sitrep.server import HttpApi, make_server

    with reported_errors(), querying(db) as sitrep:
        sitrep.counts()  # a missing or unreadable database fails now, not on the first request
        try:
            server = make_server(HttpApi(sitrep), host, port)
        except OSError as error:
            echo_error(f"cannot listen on {host}:{port}: {error}")
            raise typer.Exit(1) from None
        address, bound = server.server_address[:2]
        where = f"http://{address!s}:{bound}/api"
        typer.echo(f"serving {redacted(db)} on {where} (Ctrl-C stops)", err=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


@eval_app.command("samples")
def eval_samples(
    examples_dir: Annotated[
        Path, typer.Argument(help="Folder of samples with expected readings.")
    ] = Path("examples"),
    backend: BackendOption = "rules",
) -> None:
    """Check the pipeline's readings of the samples against their expected facts."""
    run_evaluation("samples", "evaluate_samples", examples_dir, Options(backend=backend))


@eval_app.command("time")
def eval_time(
    timeml: Annotated[
        Path, typer.Option("--timeml", help="Folder of TimeML files (TempEval-3 format).")
    ],
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N files.")] = None,
    backend: BackendOption = "rules",
    errors: Annotated[
        int,
        typer.Option(
            "--errors", help="List the N most frequent differences and value-mismatch patterns."
        ),
    ] = 0,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare",
            help="Also run another tagger on the same files and print both rows of measures"
            " (heideltime: needs the optional extra, pip install 'sitrep[compare]').",
        ),
    ] = None,
) -> None:
    """TempEval-3 measures of the time stage: strict/relaxed span F1, type and value."""
    options = Options(backend=backend)
    if compare is not None:
        run_evaluation(
            "timeml", "compare_timeml", timeml, options, against=compare.lower(), limit=limit
        )
        return
    run_evaluation("timeml", "evaluate_timeml", timeml, options, limit=limit, errors=errors)


@eval_app.command("quotes")
def eval_quotes(
    polnear: Annotated[Path, typer.Option("--polnear", help="The PolNeAR data folder.")],
    split: Annotated[str, typer.Option("--split", help="train or dev.")] = "dev",
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N articles.")] = None,
    backend: BackendOption = "rules",
    differences: Annotated[
        bool,
        typer.Option(
            "--differences", help="Also list gold attributions missed and predictions unmatched."
        ),
    ] = False,
) -> None:
    """PARC-style attribution measures on PolNeAR: content, source and cue spans."""
    if not differences:
        run_evaluation(
            "polnear",
            "evaluate_polnear",
            polnear,
            Options(backend=backend),
            split=split,
            limit=limit,
        )
        return
    from sitrep.evaluation.polnear import evaluate_polnear, load_split, render_differences

    with reported_errors():
        report = evaluate_polnear(polnear, Options(backend=backend), split=split, limit=limit)
        typer.echo(report.render())
        typer.echo(render_differences(report, load_split(polnear, split, limit)))


@eval_app.command("geo")
def eval_geo(
    geowebnews: Annotated[Path, typer.Option("--geowebnews", help="The GeoWebNews folder.")],
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N articles.")] = None,
    backend: BackendOption = "rules",
) -> None:
    """Toponym P/R/F1 and geocoding accuracy within 161 km on GeoWebNews."""
    run_evaluation("geo", "evaluate_geo", geowebnews, Options(backend=backend), limit=limit)


ConfliBERTOption = Annotated[
    Path, typer.Option("--conflibert", help="The ConfliBERT CAMEO data folder.")
]
ConfliBERTSplitOption = Annotated[
    str, typer.Option("--split", help="train (the split that ships) or test.")
]


@eval_app.command("actors")
def eval_actors(
    conflibert: ConfliBERTOption,
    split: ConfliBERTSplitOption = "train",
    backend: BackendOption = "rules",
) -> None:
    """Source and target actor spans and their country codes on ConfliBERT CAMEO."""
    run_evaluation(
        "conflibert", "evaluate_conflibert", conflibert, Options(backend=backend), split=split
    )


@eval_app.command("events")
def eval_events(
    conflibert: ConfliBERTOption,
    split: ConfliBERTSplitOption = "train",
    backend: BackendOption = "rules",
) -> None:
    """Event coverage and CAMEO five-way class accuracy on ConfliBERT's cameo_class."""
    run_evaluation(
        "cameo", "evaluate_cameo_classes", conflibert, Options(backend=backend), split=split
    )


@eval_app.command("backbone")
def eval_backbone(
    model: Annotated[
        str, typer.Argument(help="'rules', an installed spaCy pipeline or a model folder.")
    ] = "rules",
    shared: Annotated[Path, typer.Option("--shared", help="The shared data folder.")] = Path(
        "../shared"
    ),
    corpus: Annotated[
        Path, typer.Option("--corpus", help="Where the converted treebanks are cached.")
    ] = Path("build/backbone/corpus"),
    no_kb_ruler: Annotated[
        bool, typer.Option("--no-kb-ruler", help="Score the model without the KB ruler.")
    ] = False,
) -> None:
    """Tagging, parsing, sentence and NER scores of a backend on EWT and GUM test."""
    from sitrep.backbone.evaluate import evaluate_backbone

    with reported_errors():
        report = evaluate_backbone(
            model,
            shared_dir=shared,
            options=Options(backend=model),
            corpus_dir=corpus,
            kb_ruler=not no_kb_ruler,
        )
        typer.echo(report.render())


@train_app.command("backbone")
def train_backbone_command(
    output: Annotated[Path, typer.Option("--output", help="The model folder to write.")] = Path(
        "build/backbone/model"
    ),
    shared: Annotated[Path, typer.Option("--shared", help="The shared data folder.")] = Path(
        "../shared"
    ),
    config: Annotated[
        Path | None, typer.Option("--config", help="A spaCy config instead of the shipped one.")
    ] = None,
    max_steps: Annotated[
        int | None, typer.Option("--max-steps", help="Stop after N steps.")
    ] = None,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    gpu: Annotated[int, typer.Option("--gpu", help="GPU id; -1 for the CPU.")] = -1,
    base_model: Annotated[
        Path | None,
        typer.Option("--base-model", help="Continue training from this model's weights."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log training.")] = False,
) -> None:
    """Train sitrep's English pipeline from UD EWT, Universal NER and GUM (../shared)."""
    from sitrep.backbone.train import train_backbone

    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    with reported_errors():
        result = train_backbone(
            output,
            shared_dir=shared,
            config_path=config,
            max_steps=max_steps,
            seed=seed,
            gpu_id=gpu,
            base_model=base_model,
        )
        typer.echo(
            f"{result.model_dir}: {result.steps} steps in {result.seconds:.0f} s, "
            f"{result.size_bytes / 1e6:.1f} MB; model card {result.model_dir / 'README.md'}"
        )


def run_evaluation(module: str, function: str, *args: Any, **kwargs: Any) -> None:
    """Run ``sitrep.evaluation.<module>.<function>`` and print its report's table."""
    with reported_errors():
        try:
            evaluate = getattr(import_module(f"sitrep.evaluation.{module}"), function)
        except (ImportError, AttributeError) as error:
            echo_error(f"evaluation {module!r} is not available: {error}")
            raise typer.Exit(1) from None
        report = evaluate(*args, **kwargs)
        typer.echo(report.render())
    if not getattr(report, "ok", True):
        raise typer.Exit(1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
