"""Score the places stage on GeoWebNews (Gritta, Pilehvar and Collier 2019).

GeoWebNews (``GWN.xml``) annotates every toponym of 200 news articles with a pragmatic type and,
for most, coordinates. The paper's *literal* toponyms, the ones that name a place as a place,
are the types in :data:`LITERAL_TYPES` (Literal, Mixed, Coercion, Literal_Modifier,
Embedded_Literal); the *associative* ones (:data:`ASSOCIATIVE_TYPES`: Metonymic "Moscow said",
Non_Literal_Modifier, Embedded_Non_Lit, Demonym, Language, Homonym) name a place but mean
something else. ``Non_Toponym`` and the two ``*_Expression`` augmentation types are no
toponyms. Five XML offsets are wrong in the source; those annotations are skipped.

sitrep's language, actors and places stages run on each article's own text (the clean stage
would rewrite it; every non-empty line is one paragraph instead), so offsets compare directly.
A region phrase of sitrep ("eastern Syria") is scored as the name it holds ("Syria"), the
toponym GeoWebNews marks, at that name's point (the country's): the places stage gives the
phrase no point of its own, since where in the country the region lies is not known.

Measures:

- **literal** exact-span P/R/F1: system places that are not actors (``role != "actor"``)
  against literal gold toponyms. A system place on the exact span of an associative toponym is
  neither right nor wrong: the name is a place name, used as something else.
- **all toponyms** exact-span P/R/F1: every system place against every gold toponym.
- **geocoding** over literal gold toponyms with coordinates that a system place overlaps
  (one-to-one): accuracy within :data:`ACCURACY_KM` km (161 km, 100 miles), mean and median
  error in km. A place without coordinates counts as a miss in the accuracy and is left out
  of the mean and median.
- **population baseline**: for each of those gold toponyms, the most populous gazetteer entry
  with its name, scored the same way, on the same toponyms and on all literal toponyms.
"""

from __future__ import annotations

import math
import re
import statistics
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import InputError
from sitrep.evaluation.measures import f1, ratio
from sitrep.gazetteer import Gazetteer
from sitrep.kb import KnowledgeBase
from sitrep.options import Options
from sitrep.records import Article, Place, Section
from sitrep.registrations import stage
from sitrep.registry import Context
from sitrep.stages.language import knowledge_base
from sitrep.stages.places import gazetteer

LITERAL_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Literal_Modifier", "Embedded_Literal"})
ASSOCIATIVE_TYPES = frozenset(
    {
        "Metonymic",
        "Non_Literal_Modifier",
        "Embedded_Non_Lit",
        "Demonym",
        "Language",
        "Homonym",
    }
)
ACCURACY_KM = 161.0
EARTH_RADIUS_KM = 6371.0088
GWN_FILE = "GWN.xml"
# kb_id prefix of the places stage's region phrases ('eastern Ukraine').
REGION_PHRASE = "region:"
# The stages places needs; sections are built here because clean does not run.
STAGES = ("language", "actors", "places")


@dataclass(frozen=True)
class Toponym:
    """A gold (or system) toponym: offsets into the article's text, and where it is."""

    start: int
    end: int
    text: str
    type: str = ""
    lat: float | None = None
    lon: float | None = None

    @property
    def literal(self) -> bool:
        return self.type in LITERAL_TYPES

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True)
class GeoArticle:
    name: str
    text: str
    toponyms: tuple[Toponym, ...]


# --- reading GeoWebNews ---------------------------------------------------------------------


def read_geowebnews(directory: Path) -> list[GeoArticle]:
    """The articles of ``directory/GWN.xml`` with their toponyms (no augmentation types)."""
    path = Path(directory) / GWN_FILE
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise InputError(str(path), f"cannot be read as GeoWebNews XML: {error}") from error
    return [_article(element) for element in root.iter("article")]


def _article(element: ET.Element) -> GeoArticle:
    text = element.findtext("text") or ""
    toponyms = (_toponym(t) for t in element.iter("toponym"))
    kept = [
        t
        for t in toponyms
        if t.type in LITERAL_TYPES | ASSOCIATIVE_TYPES and text[t.start : t.end] == t.text
    ]
    return GeoArticle(element.get("file", ""), text, tuple(kept))


def _toponym(element: ET.Element) -> Toponym:
    return Toponym(
        start=int(element.findtext("start") or -1),
        end=int(element.findtext("end") or -1),
        text=element.findtext("extractedName") or "",
        type=element.findtext("type") or "",
        lat=_number(element.findtext("latitude")),
        lon=_number(element.findtext("longitude")),
    )


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


# --- measures -------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_km(gold: Toponym, system: Toponym | None) -> float | None:
    """Distance between a gold toponym and a system point; None when either has none."""
    if system is None or None in (gold.lat, gold.lon, system.lat, system.lon):
        return None
    return haversine_km(gold.lat, gold.lon, system.lat, system.lon)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Measure:
    name: str
    correct: int
    system: int
    gold: int

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.system)

    @property
    def recall(self) -> float:
        return ratio(self.correct, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


@dataclass
class Distances:
    """Errors of resolved toponyms (None: not resolved) and the measures over them."""

    errors: list[float | None] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        hits = sum(1 for e in self.errors if e is not None and e <= ACCURACY_KM)
        return hits / len(self.errors) if self.errors else 0.0

    @property
    def known(self) -> list[float]:
        return [e for e in self.errors if e is not None]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.known) if self.known else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.known) if self.known else 0.0

    def line(self, label: str) -> str:
        return (
            f"{label:<28} n {len(self.errors):>5}  acc@161 {self.accuracy:6.3f}"
            f"  mean {self.mean:8.1f} km  median {self.median:7.1f} km"
        )


@dataclass(frozen=True)
class Difference:
    """A literal toponym missed, a spurious place, or a resolution off by more than 161 km."""

    kind: str
    text: str
    article: str
    detail: str = ""


@dataclass
class ArticleScore:
    literal: Counter[str] = field(default_factory=Counter)
    toponyms: Counter[str] = field(default_factory=Counter)
    sitrep: Distances = field(default_factory=Distances)
    baseline_matched: Distances = field(default_factory=Distances)
    baseline_all: Distances = field(default_factory=Distances)
    differences: list[Difference] = field(default_factory=list)


def score_article(
    article: GeoArticle, system: Sequence[Toponym], baseline: Gazetteer | None = None
) -> ArticleScore:
    """Compare one article's system toponyms (``type`` 'actor' for acting places) with gold."""
    score = ArticleScore()
    _score_literal(article, system, score)
    gold_spans = {t.span for t in article.toponyms}
    score.toponyms.update(
        correct=len(gold_spans & {s.span for s in system}),
        system=len({s.span for s in system}),
        gold=len(gold_spans),
    )
    _score_geocoding(article, system, baseline, score)
    return score


def _score_literal(article: GeoArticle, system: Sequence[Toponym], score: ArticleScore) -> None:
    gold = {t.span: t for t in article.toponyms if t.literal}
    associative = {t.span for t in article.toponyms if not t.literal}
    predicted = {s.span: s for s in system if s.type != "actor"}
    counted = {span: s for span, s in predicted.items() if span in gold or span not in associative}
    correct = gold.keys() & counted.keys()
    score.literal.update(correct=len(correct), system=len(counted), gold=len(gold))
    for span in sorted(gold.keys() - correct):
        score.differences.append(Difference("missed", gold[span].text, article.name))
    for span in sorted(counted.keys() - correct):
        score.differences.append(Difference("spurious", counted[span].text, article.name))


def _score_geocoding(
    article: GeoArticle,
    system: Sequence[Toponym],
    baseline: Gazetteer | None,
    score: ArticleScore,
) -> None:
    located = [t for t in article.toponyms if t.literal and t.lat is not None]
    pairs = overlap_pairs(located, [s for s in system if s.type != "actor"])
    for gold, found in pairs:
        error = error_km(gold, found)
        score.sitrep.errors.append(error)
        if error is None or error > ACCURACY_KM:
            detail = "no coordinates" if error is None else f"{error:.0f} km"
            score.differences.append(Difference("far", gold.text, article.name, detail))
    if baseline is None:
        return
    matched = {gold.span for gold, _ in pairs}
    for gold in located:
        error = error_km(gold, _most_populous(baseline, gold.text))
        score.baseline_all.errors.append(error)
        if gold.span in matched:
            score.baseline_matched.errors.append(error)


def _most_populous(baseline: Gazetteer, name: str) -> Toponym | None:
    entry = baseline.most_populous(name)
    return None if entry is None else Toponym(0, 0, name, lat=entry.lat, lon=entry.lon)


def overlap_pairs(
    gold: Sequence[Toponym], system: Sequence[Toponym]
) -> list[tuple[Toponym, Toponym]]:
    """One-to-one pairs of overlapping gold and system toponyms, in text order."""
    pairs = []
    used: set[tuple[int, int]] = set()
    for each in sorted(gold, key=lambda t: t.span):
        match = next(
            (
                s
                for s in sorted(system, key=lambda t: t.span)
                if s.span not in used and s.start < each.end and each.start < s.end
            ),
            None,
        )
        if match is not None:
            used.add(match.span)
            pairs.append((each, match))
    return pairs


# --- running sitrep ---------------------------------------------------------------------------


class Geoparser:
    """sitrep's language, actors and places stages over plain text, built once."""

    def __init__(self, options: Options) -> None:
        self.context = Context(options.with_changes(stages=STAGES))
        self.stages = [stage(name) for name in STAGES]

    @property
    def gazetteer(self) -> Gazetteer:
        return gazetteer(self.context)

    def article(self, text: str) -> Article:
        article = Article(text=text, sections=paragraphs(text))
        for each in self.stages:
            article = each.run(article, self.context)
        return article

    def __call__(self, text: str) -> list[Toponym]:
        kb = knowledge_base(self.context)
        return [_toponym_of(place, kb) for place in self.article(text).places]


def paragraphs(text: str) -> list[Section]:
    """One paragraph per non-empty line, without the line's surrounding blanks."""
    sections = []
    for line in re.finditer(r"[^\n]+", text):
        stripped = line[0].strip()
        if stripped:
            start = line.start() + line[0].index(stripped)
            sections.append(
                Section(start=start, end=start + len(stripped), text=stripped, kind="paragraph")
            )
    return sections


def _toponym_of(place: Place, kb: KnowledgeBase | None = None) -> Toponym:
    """A place as a toponym; in a region phrase ('eastern Syria') the toponym is the name it
    holds, at the point of its country where ``kb`` is given."""
    kind = "actor" if place.role == "actor" else place.feature or ""
    if not (place.kb_id or "").startswith(REGION_PHRASE):
        return Toponym(place.start, place.end, place.text, kind, place.lat, place.lon)
    skip = place.text.index(" ") + 1
    country = kb.country(place.country) if kb is not None else None
    lat, lon = (country.lat, country.lon) if country is not None else (None, None)
    return Toponym(place.start + skip, place.end, place.text[skip:], kind, lat, lon)


# --- the report -------------------------------------------------------------------------------


def _measure(name: str, counts: Counter[str]) -> Measure:
    return Measure(name, counts["correct"], counts["system"], counts["gold"])


@dataclass
class GeoReport:
    """Totals over every article, with the population baseline beside sitrep's numbers."""

    articles: int = 0
    literal_counts: Counter[str] = field(default_factory=Counter)
    toponym_counts: Counter[str] = field(default_factory=Counter)
    sitrep: Distances = field(default_factory=Distances)
    baseline_matched: Distances = field(default_factory=Distances)
    baseline_all: Distances = field(default_factory=Distances)
    differences: list[Difference] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def literal(self) -> Measure:
        return _measure("literal", self.literal_counts)

    @property
    def toponyms(self) -> Measure:
        return _measure("all toponyms", self.toponym_counts)

    def add(self, score: ArticleScore) -> None:
        self.articles += 1
        self.literal_counts.update(score.literal)
        self.toponym_counts.update(score.toponyms)
        self.sitrep.errors.extend(score.sitrep.errors)
        self.baseline_matched.errors.extend(score.baseline_matched.errors)
        self.baseline_all.errors.extend(score.baseline_all.errors)
        self.differences.extend(score.differences)

    def common_differences(self, limit: int = 20) -> list[tuple[tuple[str, str, str], int]]:
        counts = Counter((d.kind, d.text, d.detail) for d in self.differences)
        return counts.most_common(limit)

    def render(self, *, differences: int = 0) -> str:
        lines = [f"{'toponyms':<14} {'P':>6} {'R':>6} {'F1':>6}  correct system gold"]
        for m in (self.literal, self.toponyms):
            lines.append(
                f"{m.name:<14} {m.precision:6.3f} {m.recall:6.3f} {m.f1:6.3f}"
                f"  {m.correct:>7} {m.system:>6} {m.gold:>4}"
            )
        lines.append(self.sitrep.line("sitrep (matched literal)"))
        lines.append(self.baseline_matched.line("population (same toponyms)"))
        lines.append(self.baseline_all.line("population (all literal)"))
        lines.append(f"articles {self.articles}  seconds {self.seconds:.1f}")
        if differences:
            lines.append("")
            lines.append("most frequent differences:")
            for (kind, text, detail), n in self.common_differences(differences):
                lines.append(f"{n:>4} {kind:<8} {text} {detail}".rstrip())
        return "\n".join(lines)


def evaluate_geo(directory: Path, options: Options, *, limit: int | None = None) -> GeoReport:
    """Run sitrep's places on GeoWebNews (``directory/GWN.xml``) and score them."""
    articles = read_geowebnews(directory)
    if not articles:
        raise InputError(str(directory), "no GeoWebNews articles")
    started = time.perf_counter()
    parser = Geoparser(options)
    report = GeoReport()
    for article in _first(articles, limit):
        report.add(score_article(article, parser(article.text), parser.gazetteer))
    report.seconds = time.perf_counter() - started
    return report


def _first(articles: Iterable[GeoArticle], limit: int | None) -> list[GeoArticle]:
    listed = list(articles)
    return listed if limit is None else listed[:limit]
