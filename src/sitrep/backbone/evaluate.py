"""Scores of a language backend on held-out treebank text: EWT test, GUM test, GUM news.

Any backend sitrep can load is measured as sitrep uses it (``Options.backend``: ``rules``, an
installed pipeline or a model folder), with its news sentences and, unless ``kb_ruler`` is
off, the knowledge-base entity ruler. Each gold document's text is parsed from scratch, so
tokenisation errors count. The text is given as news copy arrives: the treebank's paragraph
and heading breaks are line breaks (each replaces one space, so gold offsets hold).
Measures a backend does not produce are reported as n/a.

- tag (PTB), POS (UPOS), morphology and lemma accuracy, UAS/LAS without punctuation: spaCy's
  scorer over the alignment of predicted and gold tokens;
- sentences and entities: exact character spans (P/R/F). Entity labels are compared after
  sitrep's mapping (``PER`` -> ``PERSON``; ``LOC``/``FAC`` -> ``GPE``, as the gold's
  locations are all ``GPE``); other labels (``NORP``, ``DATE``...) are not scored. Documents
  with sentences lacking NER annotation are left out of the entity scores;
- speed: tokens per second of the whole backend on one process, and on two (``nlp.pipe``
  with ``n_process=2``: the same components, texts spread over two worker processes).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin, Token
from spacy.training import Example

from sitrep.backbone.convert import Corpus, CorpusSettings, build_corpus, news_copy_text
from sitrep.evaluation.measures import f1, ratio
from sitrep.options import Options
from sitrep.registry import Context
from sitrep.stages.language import RULER, LanguageBackend, build_backend

SCORED_LABELS = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "GPE",
    "FAC": "GPE",
}
TEST_SETS = (
    ("EWT test", "test-ewt", None),
    ("GUM test", "test-gum", None),
    ("GUM test news", "test-gum", "news"),
)
Span = tuple[int, int, str]  # start and end character, label ("" for sentences)
ACCURACIES = (("tag", "TAG"), ("pos", "POS"), ("morph", "MORPH"), ("lemma", "LEMMA"))


@dataclass(frozen=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def r(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f(self) -> float:
        return f1(self.p, self.r)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def prf(predicted: set[Span], gold: set[Span]) -> PRF:
    return PRF(len(predicted & gold), len(predicted - gold), len(gold - predicted))


@dataclass(frozen=True)
class SetScores:
    """One test set. ``None``: the backend does not produce that annotation."""

    name: str
    docs: int
    words: int
    tokens_per_second: float
    tokens_per_second_two: float | None = None  # on two processes, when measured
    accuracy: dict[str, float | None] = field(default_factory=dict)  # tag, pos, morph, lemma
    uas: float | None = None
    las: float | None = None
    sentences: PRF | None = None
    entities: dict[str, PRF] | None = None  # by label; None when nothing labels entities
    ner_docs: int = 0

    @property
    def entities_micro(self) -> PRF | None:
        if self.entities is None:
            return None
        return sum(self.entities.values(), PRF())


@dataclass(frozen=True)
class BackboneReport:
    model: str
    backend: str
    version: str
    kb_ruler: bool
    sets: tuple[SetScores, ...]

    def render(self) -> str:
        names = [s.name for s in self.sets]
        width = max(12, *(len(n) for n in names))
        ruler = "with" if self.kb_ruler else "without"
        lines = [
            f"backbone {self.model}: {self.backend} {self.version} ({ruler} the KB entity ruler)",
            f"{'measure':<18}" + "".join(f"{n:>{width + 2}}" for n in names),
        ]
        for label, values in self._rows():
            lines.append(f"{label:<18}" + "".join(f"{v:>{width + 2}}" for v in values))
        return "\n".join(lines)

    def _rows(self) -> list[tuple[str, list[str]]]:
        rows: list[tuple[str, list[str]]] = [
            ("docs / words", [f"{s.docs}/{s.words}" for s in self.sets]),
        ]
        for key, _ in ACCURACIES:
            rows.append((f"{key} acc", [_pct(s.accuracy.get(key)) for s in self.sets]))
        rows.append(("UAS", [_pct(s.uas) for s in self.sets]))
        rows.append(("LAS", [_pct(s.las) for s in self.sets]))
        rows.append(("sentence P/R/F", [_prf(s.sentences) for s in self.sets]))
        rows.append(("NER P/R/F", [_prf(s.entities_micro) for s in self.sets]))
        for label in ("PERSON", "ORG", "GPE"):
            values = [_prf(s.entities.get(label) if s.entities else None) for s in self.sets]
            rows.append((f"  {label}", values))
        rows.append(("tokens/s", [f"{s.tokens_per_second:.0f}" for s in self.sets]))
        rows.append(("tokens/s 2 proc", [_speed(s.tokens_per_second_two) for s in self.sets]))
        return rows


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def _speed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def _prf(value: PRF | None) -> str:
    if value is None:
        return "n/a"
    return f"{100 * value.p:.1f}/{100 * value.r:.1f}/{100 * value.f:.1f}"


def evaluate_backbone(
    model: str,
    *,
    shared_dir: Path,
    options: Options,
    corpus: Corpus | None = None,
    corpus_dir: Path | None = None,
    kb_ruler: bool = True,
) -> BackboneReport:
    """Scores of backend ``model`` on the test parts of ``corpus`` (converted if not given).

    Without ``corpus`` or ``corpus_dir`` the test sets are converted into a temporary folder.
    """
    backend = load_backend(model, options, kb_ruler=kb_ruler)
    if corpus is None and corpus_dir is not None:
        corpus = build_corpus(Path(shared_dir), corpus_dir, CorpusSettings())
    if corpus is None:
        with tempfile.TemporaryDirectory(prefix="sitrep-backbone-") as folder:
            built = build_corpus(Path(shared_dir), Path(folder), CorpusSettings())
            sets = _score_sets(backend, built)
    else:
        sets = _score_sets(backend, corpus)
    return BackboneReport(model, backend.name, backend.version, kb_ruler, sets)


def load_backend(model: str, options: Options, *, kb_ruler: bool = True) -> LanguageBackend:
    backend = build_backend(Context(options.with_changes(backend=model)))
    if not kb_ruler and RULER in backend.nlp.pipe_names:
        backend.nlp.remove_pipe(RULER)
    return backend


def _score_sets(backend: LanguageBackend, corpus: Corpus) -> tuple[SetScores, ...]:
    sets = []
    for name, part, genre in TEST_SETS:
        if part not in corpus.counts:
            continue
        docs = list(DocBin().from_disk(corpus.path(part)).get_docs(backend.nlp.vocab))
        docs = [d for d in docs if genre is None or d.user_data.get("genre") == genre]
        if docs:
            scores = score_docs(name, backend, docs)
            two = parallel_speed(backend, [news_copy_text(d) for d in docs], processes=2)
            sets.append(replace(scores, tokens_per_second_two=two))
    return tuple(sets)


def parallel_speed(backend: LanguageBackend, texts: Sequence[str], *, processes: int) -> float:
    """Tokens per second of the backend's pipeline over ``texts`` on ``processes`` workers.

    Worker start-up is part of the time, as it is for a user who runs a batch that way.
    """
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in backend.nlp.pipe(texts, n_process=processes))
    seconds = time.perf_counter() - started
    return tokens / seconds if seconds else 0.0


def score_docs(name: str, backend: Callable[[str], Doc], gold: Sequence[Doc]) -> SetScores:
    """Parse the text of every gold doc with ``backend`` and score it against the gold."""
    started = time.perf_counter()
    predicted = [backend(news_copy_text(doc)) for doc in gold]
    seconds = time.perf_counter() - started
    examples = [Example(p, g) for p, g in zip(predicted, gold, strict=True)]
    uas, las = _attachment(examples)
    return SetScores(
        name=name,
        docs=len(gold),
        words=sum(len(d) for d in gold),
        tokens_per_second=sum(len(d) for d in predicted) / seconds if seconds else 0.0,
        accuracy={key: _accuracy(examples, key, flag) for key, flag in ACCURACIES},
        uas=uas,
        las=las,
        sentences=_sentences(examples),
        entities=_entities(examples),
        ner_docs=sum(_has_ner(e.reference) for e in examples),
    )


def _annotated(examples: Sequence[Example], flag: str) -> bool:
    return bool(examples) and all(e.predicted.has_annotation(flag) for e in examples)


def _accuracy(examples: Sequence[Example], key: str, flag: str) -> float | None:
    if not _annotated(examples, flag):
        return None
    if key == "morph":
        scores = Scorer.score_token_attr(examples, "morph", getter=_morph)
    else:
        scores = Scorer.score_token_attr(examples, key)
    value = scores.get(f"{key}_acc")
    return float(value) if value is not None else None


def _morph(token: Token, attr: str) -> str:
    return str(token.morph)


def _dep(token: Token, attr: str) -> str:
    return token.dep_.lower()


def _attachment(examples: Sequence[Example]) -> tuple[float | None, float | None]:
    if not _annotated(examples, "DEP"):
        return None, None
    scores = Scorer.score_deps(examples, "dep", getter=_dep, ignore_labels=("p", "punct"))
    return scores.get("dep_uas"), scores.get("dep_las")


def _sentences(examples: Sequence[Example]) -> PRF | None:
    if not _annotated(examples, "SENT_START"):
        return None
    pairs = (prf(_sentence_spans(e.predicted), _sentence_spans(e.reference)) for e in examples)
    return sum(pairs, PRF())


def _sentence_spans(doc: Doc) -> set[Span]:
    spans: set[Span] = set()
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            spans.add((words[0].idx, words[-1].idx + len(words[-1].text), ""))
    return spans


def _entities(examples: Sequence[Example]) -> dict[str, PRF] | None:
    scored = [e for e in examples if _has_ner(e.reference)]
    if not any(e.predicted.has_annotation("ENT_IOB") for e in examples):
        return None
    by_label: dict[str, PRF] = {label: PRF() for label in sorted(set(SCORED_LABELS.values()))}
    for example in scored:
        predicted, gold = _entity_spans(example.predicted), _entity_spans(example.reference)
        for label in by_label:
            mine = {s for s in predicted if s[2] == label}
            theirs = {s for s in gold if s[2] == label}
            by_label[label] += prf(mine, theirs)
    return by_label


def _entity_spans(doc: Doc) -> set[Span]:
    return {
        (ent.start_char, ent.end_char, SCORED_LABELS[ent.label_])
        for ent in doc.ents
        if ent.label_ in SCORED_LABELS
    }


def _has_ner(doc: Doc) -> bool:
    return all(token.ent_iob != 0 for token in doc)


def render_reports(reports: Iterable[BackboneReport]) -> str:
    return "\n\n".join(report.render() for report in reports)
