"""Score the quotes stage on PolNeAR (Newell, Margolin, Ruths 2018), the attribution corpus.

PolNeAR annotates attribution relations in brat standoff: a ``Source`` span (who), a ``Cue``
span (the verb or phrase that attributes) and one or more ``Content`` spans (what), tied by an
``E`` line. It covers direct, indirect and mixed quotes and also attributed beliefs and
intentions ("X believes", "X wants"): the annotation does not tell them apart, so all are
scored. Of an article annotated by several annotators, the first one listed in
``metadata.tsv`` is the gold.

Each article text runs through the pipeline up to the quotes stage as a user would run it.
The clean stage rewrites the text (blank lines and whitespace runs collapsed, boilerplate lines
removed), so every predicted span is mapped back to the original text through
:func:`offset_map`, which aligns each cleaned line with the original by its words; nothing in
the input is changed before sitrep reads it.

A prediction is an attribution of sitrep's own: a quote with a cue or a speaker, or a direct
quote (scare quotes that sitrep itself leaves without cue and speaker are not scored). Quotes
that share a cue are one attribution with several content fragments ('"A," she said, "B."').
Its source is the speaker span (``Quote.source``: the speaker mention, else the speaker
phrase the stage read), its cue the cue span. Measures, as in Pareti's PARC work and BBC Citron:

- content overlap: predictions and gold paired one to one, most shared word tokens first; a
  pair needs one shared token;
- content exact: the same content once whitespace, punctuation and quotation marks at the
  ends of each fragment are trimmed;
- source and cue: of an overlap pair, correct when the predicted span overlaps the gold one;
  precision over predictions with a source (cue), recall over gold with one;
- direct: the same overlap and exact measures on attributions whose content has a quotation
  mark (gold: inside its spans; predicted: inside or right around them).
"""

from __future__ import annotations

import csv
import re
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.evaluation.measures import f1, ratio
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Article, Quote

Fragments = tuple[tuple[int, int], ...]

# The stages the quotes stage needs, in order; places, events and claims are not run.
QUOTE_STAGES: tuple[str, ...] = ("clean", "language", "time", "actors", "quotes")
QUOTE_MARKS = frozenset('"“”«»')
TOKEN = re.compile(r"\w+")
RECORD_START = re.compile(r"^(?:[TE#]\d+|\*)\t")
MEASURES: tuple[str, ...] = (
    "content_overlap",
    "content_exact",
    "source",
    "cue",
    "direct_overlap",
    "direct_exact",
)


@dataclass(frozen=True)
class Attribution:
    """One attribution relation: character spans into the original text."""

    content: Fragments
    source: Fragments = ()
    cue: Fragments = ()

    def is_direct(self, text: str, *, around: int = 0) -> bool:
        return any(
            QUOTE_MARKS & set(text[max(0, start - around) : end + around])
            for start, end in self.content
        )


@dataclass(frozen=True)
class GoldDocument:
    name: str
    text: str
    annotator: str
    attributions: tuple[Attribution, ...]


@dataclass
class Measure:
    """Counts of one measure: matches counted on each side, so precision and recall may differ
    (a source is right on a prediction with a source; the gold may have none)."""

    correct_predicted: int = 0
    predicted: int = 0
    correct_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.correct_predicted, self.predicted, empty=1.0)

    @property
    def recall(self) -> float:
        return ratio(self.correct_gold, self.gold, empty=1.0)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def add(self, other: Measure) -> None:
        self.correct_predicted += other.correct_predicted
        self.predicted += other.predicted
        self.correct_gold += other.correct_gold
        self.gold += other.gold


def _measures() -> dict[str, Measure]:
    return {name: Measure() for name in MEASURES}


@dataclass
class DocumentResult:
    name: str
    gold: tuple[Attribution, ...]
    predicted: tuple[Attribution, ...]
    measures: dict[str, Measure] = field(default_factory=_measures)


@dataclass
class PolNeARReport:
    split: str
    documents: list[DocumentResult]
    seconds: float

    @property
    def measures(self) -> dict[str, Measure]:
        """Micro-averaged over the documents."""
        total = _measures()
        for document in self.documents:
            for name, measure in document.measures.items():
                total[name].add(measure)
        return total

    def render(self) -> str:
        lines = [
            f"PolNeAR {self.split}: {len(self.documents)} articles in {self.seconds:.1f} s",
            f"  {'measure':<16} {'P':>6} {'R':>6} {'F1':>6}  predicted   gold",
        ]
        for name, m in self.measures.items():
            lines.append(
                f"  {name:<16} {100 * m.precision:6.1f} {100 * m.recall:6.1f} "
                f"{100 * m.f1:6.1f}  {m.predicted:9d} {m.gold:6d}"
            )
        return "\n".join(lines)


# -- reading the corpus -----------------------------------------------------------------------


def _spans(field_text: str) -> Fragments:
    """'16 21' or '0 5;9 12' (a discontinuous span)."""
    pieces = (part.split() for part in field_text.split(";"))
    return tuple(sorted((int(a), int(b)) for a, b in pieces))


def _records(ann: str) -> list[str]:
    """The records of a brat file; a line that starts no record continues the one before."""
    records: list[str] = []
    for line in ann.split("\n"):
        if RECORD_START.match(line) or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    return [r for r in records if r.strip()]


def read_annotations(ann: str) -> list[Attribution]:
    """The attributions of one brat standoff file."""
    spans: dict[str, Fragments] = {}
    events: list[list[str]] = []
    for record in _records(ann):
        key, _, rest = record.partition("\t")
        if key.startswith("T"):
            label_and_spans = rest.split("\t", 1)[0]
            _label, _, offsets = label_and_spans.partition(" ")
            spans[key] = _spans(offsets)
        elif key.startswith("E"):
            events.append(rest.split("\t", 1)[0].split())
    return [attribution for roles in events if (attribution := _attribution(roles, spans))]


def _attribution(roles: list[str], spans: dict[str, Fragments]) -> Attribution | None:
    by_role: dict[str, list[tuple[int, int]]] = {"Content": [], "Source": [], "Cue": []}
    for role in roles:
        name, _, ref = role.partition(":")
        name = "Content" if name.startswith("Content") else name
        if name in by_role and ref in spans:
            by_role[name].extend(spans[ref])
    if not by_role["Content"]:
        return None
    return Attribution(
        content=tuple(sorted(by_role["Content"])),
        source=tuple(sorted(by_role["Source"])),
        cue=tuple(sorted(by_role["Cue"])),
    )


def first_annotators(directory: Path) -> dict[str, str]:
    """Article name -> the first annotator ``metadata.tsv`` lists for it."""
    path = directory / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["filename"]: row["annotators"].split("|")[0] for row in rows}


def load_split(directory: Path, split: str, limit: int | None = None) -> list[GoldDocument]:
    """The articles of one split with the annotation of their first annotator, name order."""
    texts = sorted((directory / split / "text").glob("*.txt"))
    if not texts:
        raise SitrepError(f"{directory / split / 'text'}: no PolNeAR article texts")
    annotators = first_annotators(directory)
    documents = []
    for path in texts[:limit]:
        ann = _annotation_file(directory / split / "attributions", path.stem, annotators)
        if ann is None:
            continue
        text = path.read_text(encoding="utf-8")
        attributions = read_annotations(ann.read_text(encoding="utf-8"))
        annotator = ann.stem.rsplit("_", 1)[-1]
        documents.append(GoldDocument(path.stem, text, annotator, tuple(attributions)))
    return documents


def _annotation_file(folder: Path, name: str, annotators: dict[str, str]) -> Path | None:
    preferred = folder / f"{name}_{annotators.get(name, '')}.ann"
    if preferred.exists():
        return preferred
    candidates = sorted(folder.glob(f"{name}_*.ann"))
    return candidates[0] if candidates else None


# -- sitrep's attributions in original offsets ------------------------------------------------


def offset_map(original: str, cleaned: str) -> list[int]:
    """The original offset of each cleaned character, plus one entry for the end.

    The clean stage keeps the words of each kept line and only changes the whitespace between
    them, so each cleaned line is found in the original, after the line before, as its words
    joined by any whitespace.
    """
    mapping: list[int] = []
    cursor = 0
    for number, line in enumerate(cleaned.split("\n")):
        if number:
            mapping.append(cursor)  # the newline between two cleaned lines
        pattern = r"\s+".join(re.escape(word) for word in line.split(" "))
        found = re.compile(pattern).search(original, cursor)
        if found is None:
            raise SitrepError(f"cleaned line {number + 1} not found in the original text")
        mapping.extend(_line_offsets(original, line, found.start()))
        cursor = found.end()
    mapping.append(cursor)
    return mapping


def _line_offsets(original: str, line: str, position: int) -> list[int]:
    offsets = []
    for char in line:
        offsets.append(position)
        position += 1
        if char == " ":
            while position < len(original) and original[position].isspace():
                position += 1
    return offsets


def predicted_attributions(article: Article, mapping: Sequence[int]) -> list[Attribution]:
    """sitrep's quotes as attributions in original offsets (see the module docstring)."""
    groups: dict[object, list[Quote]] = {}
    key_of: dict[str, object] = {}
    for quote in article.quotes:
        if quote.cue is None and quote.source is None and quote.kind != "direct":
            continue
        key = key_of.get(quote.continues or "") or (
            (quote.cue.start, quote.cue.end) if quote.cue else quote.id
        )
        key_of[quote.id] = key
        groups.setdefault(key, []).append(quote)

    def back(start: int, end: int) -> tuple[int, int]:
        return mapping[start], mapping[end - 1] + 1

    result = []
    for quotes in groups.values():
        first = quotes[0]
        source = first.source
        result.append(
            Attribution(
                content=tuple(back(q.start, q.end) for q in quotes),
                source=(back(source.start, source.end),) if source else (),
                cue=(back(first.cue.start, first.cue.end),) if first.cue else (),
            )
        )
    return result


# -- scoring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tokens:
    """Word tokens of one text, looked up by character span."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Tokens:
        found = [m.span() for m in TOKEN.finditer(text)]
        return cls(tuple(s for s, _ in found), tuple(e for _, e in found))

    def within(self, fragments: Fragments) -> frozenset[int]:
        """Indices of the tokens that overlap any fragment."""
        indices: set[int] = set()
        for start, end in fragments:
            indices.update(range(bisect_right(self.ends, start), bisect_left(self.starts, end)))
        return frozenset(indices)


def overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def pair_by_overlap(
    tokens: Tokens, gold: Sequence[Attribution], predicted: Sequence[Attribution]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) that share tokens, most shared first."""
    gold_tokens = [tokens.within(g.content) for g in gold]
    candidates = []
    for pi, p in enumerate(predicted):
        p_tokens = tokens.within(p.content)
        for gi, g_tokens in enumerate(gold_tokens):
            shared = len(p_tokens & g_tokens)
            if shared:
                candidates.append((-shared, gi, pi))
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_predicted:
            pairs.append((gi, pi))
            used_gold.add(gi)
            used_predicted.add(pi)
    return pairs


def exact_matches(
    tokens: Tokens, gold: Sequence[Attribution], predicted: Sequence[Attribution]
) -> int:
    """Pairs whose contents cover the same word tokens (one to one)."""
    gold_keys = Counter(tokens.within(g.content) for g in gold)
    predicted_keys = Counter(tokens.within(p.content) for p in predicted)
    return sum((gold_keys & predicted_keys).values())


def score_attributions(
    text: str, gold: Sequence[Attribution], predicted: Sequence[Attribution]
) -> dict[str, Measure]:
    """Every measure of one article (see the module docstring)."""
    tokens = Tokens.of(text)
    measures = _content_measures(text, tokens, gold, predicted, "content")
    direct_gold = [g for g in gold if g.is_direct(text)]
    direct_predicted = [p for p in predicted if p.is_direct(text, around=1)]
    direct = _content_measures(text, tokens, direct_gold, direct_predicted, "direct")
    pairs = [(gold[gi], predicted[pi]) for gi, pi in pair_by_overlap(tokens, gold, predicted)]
    for role in ("source", "cue"):
        correct = sum(1 for g, p in pairs if overlaps(getattr(g, role), getattr(p, role)))
        measures[role] = Measure(
            correct_predicted=correct,
            predicted=sum(1 for p in predicted if getattr(p, role)),
            correct_gold=correct,
            gold=sum(1 for g in gold if getattr(g, role)),
        )
    return {**measures, **direct}


def _content_measures(
    text: str,
    tokens: Tokens,
    gold: Sequence[Attribution],
    predicted: Sequence[Attribution],
    prefix: str,
) -> dict[str, Measure]:
    overlap = len(pair_by_overlap(tokens, gold, predicted))
    exact = exact_matches(tokens, gold, predicted)
    return {
        f"{prefix}_overlap": Measure(overlap, len(predicted), overlap, len(gold)),
        f"{prefix}_exact": Measure(exact, len(predicted), exact, len(gold)),
    }


# -- the evaluation ---------------------------------------------------------------------------


def evaluate_document(pipeline: Pipeline, document: GoldDocument) -> DocumentResult:
    article = pipeline(Article(text=document.text))
    mapping = offset_map(document.text, article.text)
    predicted = tuple(predicted_attributions(article, mapping))
    measures = score_attributions(document.text, document.attributions, predicted)
    return DocumentResult(document.name, document.attributions, predicted, measures)


def evaluate_polnear(
    directory: Path, options: Options, *, split: str = "dev", limit: int | None = None
) -> PolNeARReport:
    """Run the pipeline through the quotes stage on a PolNeAR split and score it.

    ``directory`` holds ``metadata.tsv`` and the split folders; ``limit`` keeps the first
    articles in name order. ``options`` gives the backend and data folders; its stages are
    replaced by :data:`QUOTE_STAGES`.
    """
    documents = load_split(directory, split, limit)
    pipeline = Pipeline(options.with_changes(stages=QUOTE_STAGES))
    began = time.perf_counter()
    results = [evaluate_document(pipeline, document) for document in documents]
    return PolNeARReport(split, results, time.perf_counter() - began)


def render_differences(report: PolNeARReport, texts: Iterable[GoldDocument]) -> str:
    """Gold attributions missed and predictions unmatched, for development."""
    by_name = {d.name: d for d in texts}
    lines: list[str] = []
    for result in report.documents:
        text = by_name[result.name].text
        tokens = Tokens.of(text)
        pairs = pair_by_overlap(tokens, result.gold, result.predicted)
        matched_gold = {gi for gi, _ in pairs}
        matched_predicted = {pi for _, pi in pairs}
        lines.extend(
            f"missing  {result.name}: {_show(text, g)}"
            for gi, g in enumerate(result.gold)
            if gi not in matched_gold
        )
        lines.extend(
            f"spurious {result.name}: {_show(text, p)}"
            for pi, p in enumerate(result.predicted)
            if pi not in matched_predicted
        )
    return "\n".join(lines)


def _show(text: str, attribution: Attribution) -> str:
    def part(fragments: Fragments) -> str:
        return " | ".join(text[s:e] for s, e in fragments)

    return f"[{part(attribution.source)}] <{part(attribution.cue)}> {part(attribution.content)!r}"
