"""Throughput and memory of the full pipeline over a folder of inputs (``make bench``).

``python -m sitrep.bench examples [--repeats 3] [--output bench-results]``

- start-up: building the pipeline plus the first article (lexicons and the language backend
  are built on first use), timed once;
- warm: every input through every stage, ``repeats`` times, with the pipeline already built:
  articles/s, characters/s and each stage's share of the time;
- cores: the same passes through :func:`sitrep.parallel.extract_many` on one process and on
  every core (``Options.workers``), as articles/s and their ratio (the pool's speed-up);
- memory: the process's peak resident set (``getrusage``) and the ``tracemalloc`` peak of one
  more warm pass (traced apart from the timed passes, which it would slow down).

Inputs are read once, before timing, so readers' time is not counted. Results are printed and
written to ``bench-results/bench.json``. Nothing here asserts on times.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sitrep import __version__
from sitrep.api import Sitrep
from sitrep.errors import InputError, SitrepError
from sitrep.options import Options
from sitrep.parallel import FATAL_ERRORS, extract_many, worker_count
from sitrep.pipeline import Pipeline
from sitrep.readers.base import RawInput
from sitrep.records import Article


@dataclass(frozen=True)
class StageTiming:
    name: str
    seconds: float
    share: float


@dataclass
class BenchResult:
    folder: str
    backend: str
    inputs: int
    articles: int
    characters: int
    repeats: int
    startup_s: float
    warm_s: float
    articles_per_s: float
    characters_per_s: float
    max_rss_mb: float
    tracemalloc_peak_mb: float
    workers: int = 1
    one_process_articles_per_s: float = 0.0
    all_cores_articles_per_s: float = 0.0
    stages: list[StageTiming] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    sitrep_version: str = __version__
    python: str = platform.python_version()
    machine: str = platform.platform()

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)


def read_folder(folder: Path, options: Options) -> tuple[list[RawInput], list[InputError]]:
    from sitrep.readers import read_inputs

    raws: list[RawInput] = []
    errors: list[InputError] = []
    for item in read_inputs([folder], options):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            raws.append(item)
    return raws, errors


def timed_run(pipeline: Pipeline, raw: RawInput, stage_seconds: dict[str, float]) -> Article:
    """One input through every stage, adding each stage's time to ``stage_seconds``."""
    article = Article(text=raw.text, meta=raw.meta)
    for each in pipeline.stages:
        started = time.perf_counter()
        article = each.run(article, pipeline.context)
        stage_seconds[each.name] = stage_seconds.get(each.name, 0.0) + (
            time.perf_counter() - started
        )
    return article


def max_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_bench(folder: Path, options: Options | None = None, *, repeats: int = 3) -> BenchResult:
    options = options or Options()
    raws, unreadable = read_folder(folder, options)
    if not raws:
        raise SitrepError(f"{folder}: no readable inputs to benchmark")

    started = time.perf_counter()
    pipeline = Sitrep(options).pipeline
    failed: dict[str, str] = {}
    try:
        pipeline(Article(text=raws[0].text, meta=raws[0].meta))
    except FATAL_ERRORS:
        raise
    except Exception as error:  # one input's failure is reported, not fatal
        failed[raws[0].source] = f"{type(error).__name__}: {error}"
    startup = time.perf_counter() - started

    stage_seconds: dict[str, float] = {each.name: 0.0 for each in pipeline.stages}
    articles = characters = 0
    warm_started = time.perf_counter()
    for _ in range(max(1, repeats)):
        for raw in raws:
            if raw.source in failed:
                continue
            try:
                timed_run(pipeline, raw, stage_seconds)
            except FATAL_ERRORS:
                raise
            except Exception as error:  # one input's failure is reported, not fatal
                failed[raw.source] = f"{type(error).__name__}: {error}"
                continue
            articles += 1
            characters += len(raw.text)
    warm = time.perf_counter() - warm_started

    batch = [raw for _ in range(max(1, repeats)) for raw in raws if raw.source not in failed]
    workers = worker_count(options.workers)
    one_process = batch_rate(pipeline, batch, 1)
    all_cores = batch_rate(pipeline, batch, workers)

    tracemalloc.start()
    for raw in raws:
        if raw.source not in failed:
            timed_run(pipeline, raw, {})
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    staged = sum(stage_seconds.values()) or 1.0
    return BenchResult(
        folder=str(folder),
        backend=options.backend,
        inputs=len(raws),
        articles=articles,
        characters=characters,
        repeats=max(1, repeats),
        startup_s=startup,
        warm_s=warm,
        articles_per_s=articles / warm if warm else 0.0,
        characters_per_s=characters / warm if warm else 0.0,
        max_rss_mb=max_rss_mb(),
        tracemalloc_peak_mb=traced_peak / (1024 * 1024),
        workers=workers,
        one_process_articles_per_s=one_process,
        all_cores_articles_per_s=all_cores,
        stages=[
            StageTiming(name, seconds, seconds / staged) for name, seconds in stage_seconds.items()
        ],
        unreadable=[str(error) for error in unreadable],
        failed=[f"{source}: {reason}" for source, reason in failed.items()],
    )


def batch_rate(pipeline: Pipeline, batch: list[RawInput], workers: int) -> float:
    """Articles per second of ``batch`` through :func:`extract_many` on ``workers``."""
    started = time.perf_counter()
    done = sum(1 for _ in extract_many(pipeline, batch, workers))
    elapsed = time.perf_counter() - started
    return done / elapsed if elapsed else 0.0


def render(result: BenchResult) -> str:
    lines = [
        f"sitrep bench: {result.inputs} inputs under {result.folder}, backend {result.backend}, "
        f"{result.repeats} warm passes",
        "",
        f"  {'start-up (build + first article)':<36}{result.startup_s:>10.3f} s",
        f"  {'warm time':<36}{result.warm_s:>10.3f} s",
        f"  {'articles/s':<36}{result.articles_per_s:>10.1f}",
        f"  {'characters/s':<36}{result.characters_per_s:>10.0f}",
        f"  {'peak RSS':<36}{result.max_rss_mb:>10.1f} MiB",
        f"  {'tracemalloc peak (one warm pass)':<36}{result.tracemalloc_peak_mb:>10.1f} MiB",
        f"  {'articles/s, 1 process (with pool code)':<36}"
        f"{result.one_process_articles_per_s:>10.1f}",
        f"  {f'articles/s, {result.workers} workers':<36}{result.all_cores_articles_per_s:>10.1f}"
        f"   x{speedup(result):.2f}",
        "",
        f"  {'stage':<12}{'seconds':>10}{'share':>8}",
    ]
    lines += [
        f"  {stage.name:<12}{stage.seconds:>10.3f}{stage.share:>8.1%}" for stage in result.stages
    ]
    if result.unreadable or result.failed:
        lines.append("")
        lines += [f"  unreadable: {each}" for each in result.unreadable]
        lines += [f"  failed: {each}" for each in result.failed]
    return "\n".join(lines)


def speedup(result: BenchResult) -> float:
    if not result.one_process_articles_per_s:
        return 0.0
    return result.all_cores_articles_per_s / result.one_process_articles_per_s


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.bench", description="Throughput and memory of the pipeline."
    )
    parser.add_argument("folder", type=Path, help="folder of inputs (every readable file)")
    parser.add_argument("--repeats", type=int, default=3, help="warm passes (default 3)")
    parser.add_argument("--backend", default="rules", help="language backend (default rules)")
    parser.add_argument(
        "--output", type=Path, default=Path("bench-results"), help="folder for bench.json"
    )
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"error: {args.folder}: not a folder", file=sys.stderr)
        return 2
    try:
        result = run_bench(args.folder, Options(backend=args.backend), repeats=args.repeats)
    except SitrepError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(render(result))
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "bench.json").write_text(result.to_json() + "\n", encoding="utf-8")
    print(f"\nwrote {args.output / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
