"""Score event coverage and CAMEO classes on ConfliBERT's sentence-level data (``cameo_class``).

The data is ``sentence<TAB>label`` per line, the label a five-way grouping of CAMEO root codes
(verified in the dataset's README against the annotation repository's label strings):

====  ==========================================================================
0     01 make public statement, 02 appeal
1     03 express intent to cooperate, 04 consult, 05 diplomatic cooperation
2     06 material cooperation, 07 provide aid, 08 yield
3     09 investigate, 10 demand, 11 disapprove, 12 reject, 13 threaten, 16 reduce relations
4     14 protest, 15 exhibit force posture, 17 coerce, 18 assault, 19 fight, 20 mass violence
====  ==========================================================================

Each sentence is run through sitrep as its own article. Its *main event* is the one with the
highest confidence (the earliest on ties), and the main event's CAMEO root gives the predicted
class. Reported: *coverage* (the share of sentences with any event), *accuracy* over covered
sentences, *overall accuracy* (a sentence without an event counts as wrong), per-class and macro
F1 (a sentence without an event is a miss of its gold class) and a confusion matrix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import InputError
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Article, Event

CLASSES = (0, 1, 2, 3, 4)
CLASS_NAMES = (
    "statement/appeal",
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)
# CAMEO root (two digits) -> five-way class.
ROOT_CLASSES = {
    **dict.fromkeys(("01", "02"), 0),
    **dict.fromkeys(("03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}
# The folder of the sentence-level data inside the ConfliBERT CAMEO data folder.
CLASS_FOLDER = "cameo_class"


@dataclass(frozen=True)
class ClassSentence:
    text: str
    label: int


def cameo_class(cameo: str) -> int | None:
    """The five-way class of a CAMEO code ('112' -> 3), None for an unknown root."""
    return ROOT_CLASSES.get(cameo[:2])


def main_event(events: Sequence[Event]) -> Event | None:
    """The event with the highest confidence; the earliest trigger on ties."""
    if not events:
        return None
    return min(events, key=lambda e: (-e.confidence, e.trigger.start))


def predicted_class(article: Article) -> int | None:
    coded = [e for e in article.events if cameo_class(e.cameo) is not None]
    event = main_event(coded)
    return cameo_class(event.cameo) if event is not None else None


@dataclass(frozen=True)
class ClassScore:
    precision: float
    recall: float
    f1: float
    gold: int


@dataclass
class CameoClassReport:
    """Gold and predicted classes (None: no event) of every sentence of a split."""

    split: str
    gold: list[int] = field(default_factory=list)
    predicted: list[int | None] = field(default_factory=list)

    def add(self, gold: int, predicted: int | None) -> None:
        self.gold.append(gold)
        self.predicted.append(predicted)

    @property
    def sentences(self) -> int:
        return len(self.gold)

    @property
    def covered(self) -> int:
        return sum(p is not None for p in self.predicted)

    @property
    def correct(self) -> int:
        return sum(g == p for g, p in zip(self.gold, self.predicted, strict=True))

    @property
    def coverage(self) -> float:
        return self.covered / self.sentences if self.sentences else 0.0

    @property
    def accuracy(self) -> float:
        """Accuracy over the sentences with an event."""
        return self.correct / self.covered if self.covered else 0.0

    @property
    def overall_accuracy(self) -> float:
        return self.correct / self.sentences if self.sentences else 0.0

    def class_score(self, label: int) -> ClassScore:
        pairs = list(zip(self.gold, self.predicted, strict=True))
        tp = sum(g == p == label for g, p in pairs)
        predicted = sum(p == label for _, p in pairs)
        gold = sum(g == label for g, _ in pairs)
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return ClassScore(precision, recall, f1, gold)

    @property
    def macro_f1(self) -> float:
        return sum(self.class_score(c).f1 for c in CLASSES) / len(CLASSES)

    def confusion(self) -> dict[tuple[int, int | None], int]:
        """(gold, predicted) -> count; predicted None is 'no event'."""
        counts: dict[tuple[int, int | None], int] = {}
        for pair in zip(self.gold, self.predicted, strict=True):
            counts[pair] = counts.get(pair, 0) + 1
        return counts

    def render(self) -> str:
        return "\n".join(
            [
                f"ConfliBERT cameo_class ({self.split}): {self.sentences} sentences, "
                f"{self.covered} with an event",
                f"coverage {self.coverage:.3f}  accuracy (covered) {self.accuracy:.3f}  "
                f"overall accuracy {self.overall_accuracy:.3f}  macro F1 {self.macro_f1:.3f}",
                "",
                *self._class_lines(),
                "",
                *self._confusion_lines(),
            ]
        )

    def _class_lines(self) -> list[str]:
        lines = [f"{'class':<24} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
        for label in CLASSES:
            s = self.class_score(label)
            name = f"{label} {CLASS_NAMES[label]}"
            lines.append(f"{name:<24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:6d}")
        return lines

    def _confusion_lines(self) -> list[str]:
        counts = self.confusion()
        columns: list[int | None] = [*CLASSES, None]
        header = " ".join(f"{'none' if c is None else c:>5}" for c in columns)
        lines = [f"{'gold / predicted':<18} {header}"]
        for label in CLASSES:
            row = " ".join(f"{counts.get((label, c), 0):5d}" for c in columns)
            lines.append(f"{label:<18} {row}")
        return lines


# -- reading ----------------------------------------------------------------------------------


def parse_classes(text: str) -> list[ClassSentence]:
    """Rows of a ``sentence<TAB>label`` text; lines without a numeric label are skipped."""
    found = []
    for line in text.splitlines():
        sentence, tab, label = line.rstrip("\r").rpartition("\t")
        if tab and sentence.strip() and label.strip().isdigit():
            found.append(ClassSentence(sentence.strip(), int(label)))
    return found


def class_split_path(directory: Path, split: str) -> Path:
    """``directory/{split}.tsv``, or the same inside its ``cameo_class`` folder."""
    directory = Path(directory)
    nested = directory / CLASS_FOLDER
    folder = nested if not (directory / f"{split}.tsv").exists() and nested.is_dir() else directory
    path = folder / f"{split}.tsv"
    if not path.exists():
        available = sorted(p.stem for p in folder.glob("*.tsv"))
        raise InputError(str(path), f"no such split (available: {', '.join(available) or 'none'})")
    return path


def read_classes(directory: Path, split: str) -> list[ClassSentence]:
    return parse_classes(class_split_path(directory, split).read_text(encoding="utf-8"))


# -- evaluating -------------------------------------------------------------------------------


def evaluate_class_sentences(
    sentences: Iterable[ClassSentence], options: Options, *, split: str = "train"
) -> CameoClassReport:
    pipeline = Pipeline(options)
    report = CameoClassReport(split)
    for sentence in sentences:
        article = pipeline(Article(text=sentence.text))
        report.add(sentence.label, predicted_class(article))
    return report


def evaluate_cameo_classes(
    directory: Path, options: Options, *, split: str = "train"
) -> CameoClassReport:
    """Event coverage and five-way CAMEO class scores of sitrep on ``{split}.tsv`` of
    ``directory`` (the ``cameo_class`` folder, or the ConfliBERT CAMEO folder holding it)."""
    return evaluate_class_sentences(read_classes(directory, split), options, split=split)
