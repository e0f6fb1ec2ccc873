"""Train sitrep's English backbone with spaCy's training loop, the repo config and fixed seeds.

The library prints nothing: spaCy's own messages go to the ``sitrep.backbone`` logger, and
every evaluation step is logged there too. The model folder is spaCy's ``model-best`` plus a
model card (``README.md``: data with checksums, config, seed, steps, dev scores, the scores of
``sitrep eval backbone`` on EWT test, GUM test and GUM news with the speed on one and two
processes, size, how to rebuild) and the licence of the training data (``LICENSE``, CC BY-SA
4.0).
"""

from __future__ import annotations

import io
import json
import logging
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as spacy_train
from spacy.util import load_config, registry
from thinc.api import Config, fix_random_seed, require_gpu

from sitrep import __version__
from sitrep.backbone import CONFIG_PATH, MODEL_NAME
from sitrep.backbone.convert import (
    GUM_GENRES,
    GUM_LABELS,
    UNER_LABELS,
    Corpus,
    CorpusSettings,
    build_corpus,
    sha256,
)
from sitrep.backbone.evaluate import BackboneReport, evaluate_backbone
from sitrep.errors import DataFileError
from sitrep.options import Options

LOG = logging.getLogger("sitrep.backbone")
SPACY_LOG = logging.getLogger("spacy")
LOGGER_NAME = "sitrep.BackboneLogger.v1"
# Continued training (``base_model``): steps, words per batch, first learning rate.
CONTINUE_STEPS = 2000
CONTINUE_BATCH_WORDS = 1000
CONTINUE_LEARN_RATE = 0.0005
# meta.json: the training runs that made the model, first to last (seed, max_steps, continued).
RUNS_KEY = "sitrep_runs"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LoggerCallbacks = tuple[Callable[[dict[str, Any] | None], None], Callable[[], None]]
LICENCE_SOURCE = ("data", "ud-english-ewt", "LICENSE.txt")
LICENCE_TITLE = "Attribution-ShareAlike 4.0 International"
GUM_TEXTS = "annotations CC BY 4.0; texts CC BY / CC BY-SA 3.0 / public domain per genre"
SOURCES = (
    (
        "UD English-EWT v2.16",
        "https://github.com/UniversalDependencies/UD_English-EWT",
        "CC BY-SA 4.0",
    ),
    (
        "Universal NER English-EWT v1",
        "https://github.com/UniversalNER/UNER_English-EWT",
        "CC BY-SA 4.0",
    ),
    (
        f"GUM V11.1.0 (genres: {', '.join(GUM_GENRES)})",
        "https://github.com/amir-zeldes/gum",
        GUM_TEXTS,
    ),
)


@dataclass(frozen=True)
class Checkpoint:
    step: int
    epoch: int
    score: float
    seconds: int
    words: int


@dataclass(frozen=True)
class TrainResult:
    """What one training run made and how it went."""

    model_dir: Path
    corpus: Corpus
    config_path: Path
    config_sha256: str
    seed: int
    steps: int
    seconds: float
    checkpoints: tuple[Checkpoint, ...]
    dev_scores: dict[str, Any] = field(default_factory=dict)  # of the saved (best) model
    base_model: str | None = None  # "name version (steps)" of the model training continued from

    @property
    def best(self) -> Checkpoint | None:
        return max(self.checkpoints, key=lambda c: (c.score, -c.step), default=None)

    @property
    def train_words_per_second(self) -> float:
        last = self.checkpoints[-1] if self.checkpoints else None
        return last.words / last.seconds if last and last.seconds else 0.0

    @property
    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.model_dir.rglob("*") if p.is_file())


class TrainingLog(io.TextIOBase):
    """The stream spaCy's loop writes to: lines go to the logger, checkpoints are kept."""

    def __init__(self) -> None:
        super().__init__()
        self.checkpoints: list[Checkpoint] = []
        self.steps = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        for line in ANSI.sub("", text).splitlines():
            if line.strip():
                LOG.info("spacy: %s", line.strip())
        return len(text)

    def record(self, info: dict[str, Any] | None) -> None:
        self.steps += 1
        if info is None:
            return
        point = Checkpoint(
            info["step"], info["epoch"], float(info["score"]), info["seconds"], info["words"]
        )
        self.checkpoints.append(point)
        losses = " ".join(f"{k}={v:.1f}" for k, v in sorted(info["losses"].items()))
        LOG.info("step %d score %.4f words %d %s", point.step, point.score, point.words, losses)


@registry.loggers(LOGGER_NAME)
def backbone_logger() -> Callable[..., LoggerCallbacks]:
    """spaCy training logger that reports to :class:`TrainingLog` (or the logging module)."""

    def setup(
        nlp: Language, stdout: IO[str] = sys.stdout, stderr: IO[str] = sys.stderr
    ) -> LoggerCallbacks:
        log = stdout if isinstance(stdout, TrainingLog) else TrainingLog()
        return log.record, lambda: None

    return setup


def train_backbone(
    output_dir: Path,
    *,
    shared_dir: Path,
    config_path: Path | None = None,
    max_steps: int | None = None,
    seed: int = 0,
    gpu_id: int = -1,
    corpus: Corpus | None = None,
    corpus_dir: Path | None = None,
    test_scores: bool = True,
    base_model: Path | None = None,
) -> TrainResult:
    """Train the backbone into ``output_dir`` (a spaCy model folder, replaced if it is one).

    The corpus is converted into ``corpus_dir`` (default: ``output_dir``'s sibling
    ``corpus``) unless one is given. ``max_steps`` caps the optimisation steps (the config's
    evaluation frequency is lowered to match, so short runs are still evaluated). With
    ``test_scores`` the model card carries the model's scores on the test parts. With
    ``base_model`` (a folder this function wrote) training continues from its weights: see
    :func:`continue_from`.
    """
    config_path = config_path or CONFIG_PATH
    output_dir = Path(output_dir)
    _check_output(output_dir)
    if corpus is None:
        folder = corpus_dir or output_dir.parent / "corpus"
        corpus = build_corpus(Path(shared_dir), folder, CorpusSettings())
    if gpu_id >= 0:
        require_gpu(gpu_id)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=".backbone-", dir=output_dir.parent) as work:
        log = _run(
            Path(work),
            corpus,
            config_path,
            max_steps=max_steps,
            seed=seed,
            gpu=gpu_id,
            base_model=base_model,
        )
        if output_dir.exists():
            shutil.rmtree(output_dir)
        shutil.copytree(Path(work) / "model-best", output_dir)
    seconds = time.perf_counter() - started
    result = TrainResult(
        model_dir=output_dir,
        corpus=corpus,
        config_path=config_path,
        config_sha256=sha256(config_path),
        seed=seed,
        steps=log.steps - 1,
        seconds=seconds,
        checkpoints=tuple(log.checkpoints),
        dev_scores=dev_scores(output_dir, corpus),
        base_model=_base_name(base_model),
    )
    write_licence(output_dir, Path(shared_dir))
    report = held_out_report(output_dir, Path(shared_dir), corpus) if test_scores else None
    (output_dir / "README.md").write_text(model_card(result, report), encoding="utf-8")
    return result


def held_out_report(model_dir: Path, shared_dir: Path, corpus: Corpus) -> BackboneReport:
    """``sitrep eval backbone MODEL`` on the corpus's test parts, as sitrep uses the model."""
    model = str(model_dir)
    return evaluate_backbone(model, shared_dir=shared_dir, options=Options(), corpus=corpus)


def _check_output(output_dir: Path) -> None:
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    empty = not output_dir.exists() or not any(output_dir.iterdir())
    if not empty and not (output_dir / "meta.json").is_file():
        raise DataFileError(str(output_dir), "exists and is not a spaCy model folder")


def _run(
    work: Path,
    corpus: Corpus,
    config_path: Path,
    *,
    max_steps: int | None,
    seed: int,
    gpu: int,
    base_model: Path | None = None,
) -> TrainingLog:
    overrides: dict[str, Any] = {
        "paths.train": str(corpus.path("train")),
        "paths.dev": str(corpus.path("dev")),
        "system.seed": seed,
    }
    config = load_config(config_path, overrides=overrides, interpolate=False)
    if max_steps is not None:
        config["training"]["max_steps"] = max_steps
        frequency = config["training"]["eval_frequency"]
        config["training"]["eval_frequency"] = max(1, min(frequency, max_steps))
    if base_model is not None:
        continue_from(config, base_model, steps=max_steps or CONTINUE_STEPS)
    config["training"]["logger"] = {"@loggers": LOGGER_NAME}
    fix_random_seed(seed)
    log = TrainingLog()
    stream = cast(IO[str], log)
    with _quietly(log):
        nlp = init_nlp(config, use_gpu=gpu)
        restore_lemmatizer_labels(nlp)
        nlp.meta.update(model_meta())
        nlp.meta[RUNS_KEY] = [*_base_runs(base_model), _this_run(config, seed, base_model)]
        spacy_train(nlp, work, use_gpu=gpu, stdout=stream, stderr=stream)
    return log


def continue_from(config: Config, base_model: Path, *, steps: int) -> None:
    """Every component sourced from ``base_model``, trained ``steps`` more with an annealed
    rate.

    The learning rate falls linearly from half the first run's to zero and the weights are
    averaged over the steps: the first run's dev score wavers by about a point between
    checkpoints, so the continuation settles the weights rather than explores.
    """
    path = str(Path(base_model).resolve())
    for name in config["nlp"]["pipeline"]:
        config["components"][name] = {"source": path}
    training = config["training"]
    training["max_steps"] = steps
    training["patience"] = 0
    training["batcher"]["size"] = CONTINUE_BATCH_WORDS
    training["optimizer"]["use_averages"] = True
    training["optimizer"]["learn_rate"] = {
        "@schedules": "warmup_linear.v1",
        "warmup_steps": 0,
        "total_steps": steps,
        "initial_rate": CONTINUE_LEARN_RATE,
    }


def restore_lemmatizer_labels(nlp: Language) -> None:
    """spaCy 3.8's edit-tree lemmatizer does not rebuild its tree-to-label table when it is
    loaded from disk, so a sourced ``trainable_lemmatizer`` would learn label 0 for every
    word (lemma accuracy 96 -> 77 after 500 steps). Rebuild the table from its labels."""
    for _, pipe in nlp.pipeline:
        labels = getattr(pipe, "cfg", {}).get("labels")
        if hasattr(pipe, "tree2label") and isinstance(labels, list):
            pipe.tree2label = {tree: label for label, tree in enumerate(labels)}


def _base_runs(base_model: Path | None) -> list[dict[str, Any]]:
    if base_model is None:
        return []
    meta = json.loads((Path(base_model) / "meta.json").read_text(encoding="utf-8"))
    return list(meta.get(RUNS_KEY, []))


def _this_run(config: Config, seed: int, base_model: Path | None) -> dict[str, Any]:
    steps = config["training"]["max_steps"]
    return {"seed": seed, "max_steps": steps, "continued": base_model is not None}


def _base_name(base_model: Path | None) -> str | None:
    if base_model is None:
        return None
    meta = json.loads((Path(base_model) / "meta.json").read_text(encoding="utf-8"))
    return f"{meta.get('lang', 'en')}_{meta.get('name', '')} {meta.get('version', '')}"


@contextmanager
def _quietly(log: TrainingLog) -> Iterator[None]:
    """stdout/stderr sent to the log, and spaCy's console handler detached.

    spaCy's ``spacy`` logger writes to stderr through its own handler; while it is detached
    its records still reach the application's handlers, if any.
    """
    saved = sys.stdout, sys.stderr
    handlers = [h for h in SPACY_LOG.handlers if isinstance(h, logging.StreamHandler)]
    sys.stdout = sys.stderr = log
    for handler in handlers:
        SPACY_LOG.removeHandler(handler)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
        for handler in handlers:
            SPACY_LOG.addHandler(handler)


def model_meta() -> dict[str, Any]:
    return {
        "name": MODEL_NAME,
        "version": __version__,
        "description": "sitrep's English pipeline (tagger, morphologizer, lemmatizer, parser, "
        "NER) trained on UD English-EWT, Universal NER and GUM",
        "author": "sitrep",
        "license": "CC BY-SA 4.0",
        "sources": [{"name": n, "url": u, "license": lic} for n, u, lic in SOURCES],
    }


def dev_scores(model_dir: Path, corpus: Corpus) -> dict[str, Any]:
    """spaCy's scores of the saved model on the dev part, with its speed (words/s)."""
    nlp = spacy.load(model_dir)
    docs = DocBin().from_disk(corpus.path("dev")).get_docs(nlp.vocab)
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in docs]
    return dict(nlp.evaluate(examples))


def write_licence(model_dir: Path, shared_dir: Path) -> None:
    """The CC BY-SA 4.0 text shipped with EWT and UNER: the model's licence."""
    text = shared_dir.joinpath(*LICENCE_SOURCE).read_text(encoding="utf-8")
    if not text.lstrip().startswith(LICENCE_TITLE):
        raise DataFileError(str(shared_dir.joinpath(*LICENCE_SOURCE)), "not the CC BY-SA 4.0 text")
    (model_dir / "LICENSE").write_text(text, encoding="utf-8")


# --- model card ------------------------------------------------------------------------------


def model_card(result: TrainResult, report: BackboneReport | None = None) -> str:
    meta = json.loads((result.model_dir / "meta.json").read_text(encoding="utf-8"))
    sections = [
        _card_header(meta, result),
        _card_data(result.corpus),
        _card_training(result, meta),
        _card_scores(result.dev_scores),
        *([_card_tests(report)] if report else []),
        _card_rebuild(result, meta.get(RUNS_KEY) or []),
        _card_licence(),
    ]
    return "\n\n".join(sections) + "\n"


def _card_header(meta: dict[str, Any], result: TrainResult) -> str:
    return "\n".join(
        [
            f"# {meta['lang']}_{meta['name']} {meta['version']}",
            "",
            "sitrep's own English pipeline, trained from open treebanks (no pretrained vectors "
            "or embeddings). The copy bundled with sitrep is the backend `sitrep-cnn` "
            "(`sitrep extract --backend sitrep-cnn`, `Options(backend='sitrep-cnn')`); any "
            "other copy loads with `--backend PATH`. sitrep sets its news sentences (news "
            "segmenter, sentencizer, quote openers) before the parser, which parses within "
            "them, and adds its knowledge-base entity ruler before `ner`.",
            "",
            f"- components: {', '.join(meta.get('pipeline', []))}",
            f"- entity labels: {', '.join(meta.get('labels', {}).get('ner', []))}",
            f"- size: {result.size_bytes / 1e6:.1f} MB; spaCy {meta.get('spacy_version', '')}",
        ]
    )


def _card_data(corpus: Corpus) -> str:
    lines = [
        "## Training data",
        "",
        "| part | docs | sentences | words | entities | sentences without NER |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, c in corpus.counts.items():
        lines.append(
            f"| {name} | {c.docs} | {c.sentences} | {c.words} | {c.entities} "
            f"| {c.sentences_without_entities} |"
        )
    lines += ["", "Input files (read in place from `../shared`), SHA-256:", ""]
    lines += [f"- `{i.path}` ({i.size} bytes): `{i.sha256}`" for i in corpus.inputs]
    lines += [
        "",
        f"GUM genres used: {', '.join(corpus.settings.gum_genres)} (essay, fiction, letter, "
        "podcast and whow are non-commercial and left out; reddit is absent).",
        f"Entity labels: UNER {_mapping(UNER_LABELS)} (pre-release `OTH` and `B-O` tags are "
        f"outside); GUM named mentions {_mapping(GUM_LABELS)} (head tagged NNP/NNPS; person "
        "names without titles; group names unannotated). Neither corpus separates GPE from "
        "other locations: both become GPE.",
    ]
    if corpus.settings.limit is not None:
        lines.append(f"**Slice**: at most {corpus.settings.limit} sentences per input file.")
    return "\n".join(lines)


def _mapping(labels: dict[str, str]) -> str:
    return ", ".join(f"{k}→{v}" for k, v in labels.items())


def _card_training(result: TrainResult, meta: dict[str, Any]) -> str:
    best = result.best
    best_text = f"step {best.step} (score {best.score:.4f})" if best else "none"
    return "\n".join(
        [
            "## Training",
            "",
            f"- config: `config.cfg` in this folder (from `src/sitrep/backbone/config.cfg`, "
            f"SHA-256 `{result.config_sha256}`)",
            f"- seed {result.seed}; {result.steps} steps; best checkpoint {best_text}",
            *_continued(result),
            f"- wall time {result.seconds:.0f} s{_words_per_second(result)} while training on "
            f"{platform.machine()} ({platform.python_implementation()} "
            f"{platform.python_version()})",
            f"- sitrep {__version__}, spaCy {meta.get('spacy_version', '')}",
        ]
    )


def _words_per_second(result: TrainResult) -> str:
    speed = result.train_words_per_second
    return f", {speed:.0f} words/s" if speed else ""


def _continued(result: TrainResult) -> list[str]:
    if result.base_model is None:
        return []
    return [
        f"- continued from {result.base_model}: every component sourced from it, learning rate "
        f"falling linearly from {CONTINUE_LEARN_RATE} to 0, averaged weights, batches of "
        f"{CONTINUE_BATCH_WORDS} words (`continue_from` in `sitrep.backbone.train`)"
    ]


def _card_scores(scores: dict[str, Any]) -> str:
    keys = "tag_acc pos_acc morph_acc lemma_acc dep_uas dep_las sents_f ents_p ents_r ents_f"
    lines = ["## Scores (dev: EWT dev + GUM dev)", "", "| measure | value |", "| --- | --- |"]
    lines += [f"| {k} | {_percent(scores.get(k))} |" for k in keys.split()]
    for label, prf in sorted((scores.get("ents_per_type") or {}).items()):
        lines.append(f"| ents_f {label} | {_percent(prf.get('f'))} |")
    lines += ["", f"Speed: {scores.get('speed', 0):.0f} words/s (spaCy `nlp.evaluate`, CPU)."]
    return "\n".join(lines)


def _card_tests(report: BackboneReport) -> str:
    return "\n".join(
        [
            "## Scores on the test parts (`sitrep eval backbone`)",
            "",
            "Each test document's text is parsed from scratch as news copy (paragraph breaks as "
            "line breaks), with sitrep's news sentences and the knowledge-base entity ruler, "
            "so these are the numbers sitrep works with. Speed: tokens/s of the whole backend on "
            f"one process and on two (`nlp.pipe(n_process=2)`), on a {os.cpu_count()}-core "
            f"{platform.machine()} machine that other jobs may have shared.",
            "",
            "```text",
            report.render(),
            "```",
        ]
    )


def _percent(value: object) -> str:
    return f"{100 * value:.2f}" if isinstance(value, int | float) else "n/a"


def _card_rebuild(result: TrainResult, runs: list[dict[str, Any]]) -> str:
    runs = runs or [{"seed": result.seed, "max_steps": result.steps, "continued": False}]
    lines = ["## How to rebuild", "", "```sh"]
    for index, run in enumerate(runs):
        lines.append(_rebuild_command(index, run))
    last = _run_folder(len(runs) - 1)
    lines += [
        f"sitrep eval backbone {last} --shared ../shared",
        "```",
        "",
        "(`make model` runs these; `sitrep.backbone.train.train_backbone` is the Python "
        "interface, `base_model` continuing a run). The same inputs (checksums above), config "
        "and seeds give the same model on the same platform. To ship a rebuilt model, replace "
        "the folder `src/sitrep/models/en_sitrep_backbone` (the `sitrep-cnn` backend) with it, "
        "only when `sitrep eval backbone` measures it better.",
    ]
    return "\n".join(lines)


def _run_folder(index: int) -> str:
    return "build/backbone/model" + ("" if index == 0 else f"-{index + 1}")


def _rebuild_command(index: int, run: dict[str, Any]) -> str:
    seed, steps, folder = run["seed"], run["max_steps"], _run_folder(index)
    if not run.get("continued"):
        return (
            f"sitrep train backbone --shared ../shared --output {folder} --seed {seed} "
            f"--max-steps {steps}"
        )
    return (
        'python -c "from pathlib import Path; from sitrep.backbone.train import train_backbone; '
        f"train_backbone(Path('{folder}'), shared_dir=Path('../shared'), "
        f"base_model=Path('{_run_folder(index - 1)}'), seed={seed}, max_steps={steps})\""
    )


def _card_licence() -> str:
    lines = [
        "## Licence",
        "",
        "CC BY-SA 4.0 (`LICENSE`), as its training data. Attribution:",
        "",
    ]
    lines += [f"- {name}, {url} ({lic})" for name, url, lic in SOURCES]
    lines += [
        '- GUM: Zeldes, Amir (2017) "The GUM Corpus: Creating Multilayer Resources in the '
        'Classroom". Language Resources and Evaluation 51(3), 581–612.',
        '- Universal NER: Mayhew et al., "Universal NER: A Gold-Standard Multilingual Named '
        'Entity Recognition Benchmark", NAACL 2024.',
    ]
    return "\n".join(lines)
