"""Train sitrep's English backbone with spaCy's training loop, the repo config and fixed seeds.

The library prints nothing: spaCy's own messages go to the ``sitrep.backbone`` logger, and
every evaluation step is logged there too. The model folder is spaCy's ``model-best`` plus a
model card (``README.md``) and the licence of the training data (``LICENSE``, CC BY-SA 4.0).
"""

from __future__ import annotations

import io
import json
import logging
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
from thinc.api import fix_random_seed, require_gpu

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
from sitrep.errors import DataFileError

LOG = logging.getLogger("sitrep.backbone")
SPACY_LOG = logging.getLogger("spacy")
LOGGER_NAME = "sitrep.BackboneLogger.v1"
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
) -> TrainResult:
    """Train the backbone into ``output_dir`` (a spaCy model folder, replaced if it is one).

    The corpus is converted into ``corpus_dir`` (default: ``output_dir``'s sibling
    ``corpus``) unless one is given. ``max_steps`` caps the optimisation steps (the config's
    evaluation frequency is lowered to match, so short runs are still evaluated).
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
        log = _run(Path(work), corpus, config_path, max_steps=max_steps, seed=seed, gpu=gpu_id)
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
    )
    write_licence(output_dir, Path(shared_dir))
    (output_dir / "README.md").write_text(model_card(result), encoding="utf-8")
    return result


def _check_output(output_dir: Path) -> None:
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    empty = not output_dir.exists() or not any(output_dir.iterdir())
    if not empty and not (output_dir / "meta.json").is_file():
        raise DataFileError(str(output_dir), "exists and is not a spaCy model folder")


def _run(
    work: Path, corpus: Corpus, config_path: Path, *, max_steps: int | None, seed: int, gpu: int
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
    config["training"]["logger"] = {"@loggers": LOGGER_NAME}
    fix_random_seed(seed)
    log = TrainingLog()
    stream = cast(IO[str], log)
    with _quietly(log):
        nlp = init_nlp(config, use_gpu=gpu)
        nlp.meta.update(model_meta())
        spacy_train(nlp, work, use_gpu=gpu, stdout=stream, stderr=stream)
    return log


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


def model_card(result: TrainResult) -> str:
    meta = json.loads((result.model_dir / "meta.json").read_text(encoding="utf-8"))
    sections = [
        _card_header(meta, result),
        _card_data(result.corpus),
        _card_training(result, meta),
        _card_scores(result.dev_scores),
        _card_rebuild(result),
        _card_licence(),
    ]
    return "\n\n".join(sections) + "\n"


def _card_header(meta: dict[str, Any], result: TrainResult) -> str:
    return "\n".join(
        [
            f"# {meta['lang']}_{meta['name']} {meta['version']}",
            "",
            "sitrep's own English pipeline, trained from open treebanks (no pretrained vectors "
            "or embeddings). Load it with `sitrep extract --backend PATH` or "
            "`Options(backend=PATH)`; sitrep adds its news segmenter and knowledge-base entity "
            "ruler (before `ner`).",
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
            f"- wall time {result.seconds:.0f} s, {result.train_words_per_second:.0f} words/s "
            f"while training on {platform.machine()} ({platform.python_implementation()} "
            f"{platform.python_version()})",
            f"- sitrep {__version__}, spaCy {meta.get('spacy_version', '')}",
        ]
    )


def _card_scores(scores: dict[str, Any]) -> str:
    keys = "tag_acc pos_acc morph_acc lemma_acc dep_uas dep_las sents_f ents_p ents_r ents_f"
    lines = ["## Scores (dev: EWT dev + GUM dev)", "", "| measure | value |", "| --- | --- |"]
    lines += [f"| {k} | {_percent(scores.get(k))} |" for k in keys.split()]
    for label, prf in sorted((scores.get("ents_per_type") or {}).items()):
        lines.append(f"| ents_f {label} | {_percent(prf.get('f'))} |")
    lines += ["", f"Speed: {scores.get('speed', 0):.0f} words/s (spaCy `nlp.evaluate`, CPU)."]
    return "\n".join(lines)


def _percent(value: object) -> str:
    return f"{100 * value:.2f}" if isinstance(value, int | float) else "n/a"


def _card_rebuild(result: TrainResult) -> str:
    return "\n".join(
        [
            "## How to rebuild",
            "",
            "```sh",
            "make model   # sitrep train backbone --shared ../shared --output build/backbone/model",
            "sitrep eval backbone build/backbone/model --shared ../shared",
            "```",
            "",
            "or in Python: `train_backbone(Path('build/backbone/model'), "
            f"shared_dir=Path('../shared'), seed={result.seed})` "
            "(`sitrep.backbone.train`). The same inputs (checksums above), config and seed "
            "give the same model on the same platform.",
        ]
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
