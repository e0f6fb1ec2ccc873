"""Score the pipeline on the sample articles against their gold annotations.

Every sample file of ``examples/`` is read with :func:`sitrep.readers.read_inputs`, run through
one :class:`~sitrep.pipeline.Pipeline`, and compared with the gold file whose ``source`` names
it (``wire-seoul.txt``, ``rss-feed.xml#2``). Records are matched by text, never by offsets.

Scores are strict: a predicted record that matches a gold one by text but gets a scored
attribute wrong (a quote's speaker, an event's CAMEO family) counts as both a false positive
and a false negative, and is listed as a ``wrong`` difference. Gold lists only what an
annotator is sure of, so some predictions are never counted as spurious:

- indirect (reported) speech, which the gold does not annotate exhaustively;
- places used as actors (``role == "actor"``) or named like a gold actor;
- removed lines listed under the gold's ``may_remove``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar, get_args

from sitrep.errors import SitrepError
from sitrep.evaluation.gold import (
    GoldActor,
    GoldArticle,
    GoldClaim,
    GoldEvent,
    GoldPlace,
    GoldQuote,
    GoldTime,
    iter_gold,
)
from sitrep.evaluation.measures import f1, ratio
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Actor, Article, Claim, Event, Place, Quote, Stance, TimeExpression

RecordType = Literal[
    "sections",
    "removed",
    "times",
    "actors",
    "mentions",
    "quotes",
    "places",
    "events",
    "claims",
    "stances",
]
RECORD_TYPES: tuple[RecordType, ...] = get_args(RecordType)
DifferenceKind = Literal["missing", "spurious", "wrong"]
GOLD_DIR = "gold"
# Files of the examples directory that are not samples.
NOT_SAMPLES = frozenset({"README.md"})
# A quote matches when the word sets of gold and prediction overlap this much (Jaccard).
# Lower values pair a partial quote with a longer direct quote that contains it.
QUOTE_MIN_OVERLAP = 0.5

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "his", "her", "their", "its"})

T = TypeVar("T")
G = TypeVar("G")


@dataclass
class TypeScore:
    """Counts of one record type; ``wrong`` pairs are already counted in ``fp`` and ``fn``."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp, empty=1.0)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn, empty=1.0)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def support(self) -> int:
        """Gold items of this type."""
        return self.tp + self.fn

    def add(self, other: TypeScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.wrong += other.wrong


@dataclass(frozen=True)
class Difference:
    source: str
    record_type: RecordType
    kind: DifferenceKind
    item: str
    detail: str = ""

    def render(self) -> str:
        detail = f": {self.detail}" if self.detail else ""
        return f"  {self.kind:<8} {self.record_type:<9} {self.item}{detail}"


@dataclass
class SampleResult:
    source: str
    gold_path: Path | None
    scores: dict[RecordType, TypeScore] = field(
        default_factory=lambda: {name: TypeScore() for name in RECORD_TYPES}
    )
    differences: list[Difference] = field(default_factory=list)
    error: str | None = None
    # Gold quotes that name a speaker, and those found with that speaker's actor.
    speakers: TypeScore = field(default_factory=TypeScore)


@dataclass
class SamplesReport:
    samples: list[SampleResult]
    # Gold files whose source no reader produced, and inputs with no gold file.
    unmatched_gold: list[str] = field(default_factory=list)
    ungolded_inputs: list[str] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)

    @property
    def scores(self) -> dict[RecordType, TypeScore]:
        """Micro-averaged scores over every sample, per record type."""
        total = {name: TypeScore() for name in RECORD_TYPES}
        for sample in self.samples:
            for name, score in sample.scores.items():
                total[name].add(score)
        return total

    @property
    def differences(self) -> list[Difference]:
        return [d for sample in self.samples for d in sample.differences]

    @property
    def speaker_accuracy(self) -> float:
        """Share of the gold quotes naming a speaker that were found with that speaker."""
        right = sum(sample.speakers.tp for sample in self.samples)
        total = sum(sample.speakers.support for sample in self.samples)
        return ratio(right, total, empty=1.0)

    @property
    def ok(self) -> bool:
        """Every sample was read and run, and every gold file found its sample."""
        return (
            not self.input_errors
            and not self.unmatched_gold
            and all(sample.error is None for sample in self.samples)
        )

    def render(self, *, differences: bool = True) -> str:
        lines = [
            f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5} {'wrong':>6}"
        ]
        for name, score in self.scores.items():
            lines.append(
                f"{name:<10} {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f} "
                f"{score.tp:>5} {score.fp:>5} {score.fn:>5} {score.wrong:>6}"
            )
        right = sum(sample.speakers.tp for sample in self.samples)
        total = sum(sample.speakers.support for sample in self.samples)
        lines.append(
            f"speakers: {right}/{total} gold quotes found with the right actor "
            f"({self.speaker_accuracy:.1%})"
        )
        lines.append(f"samples: {len(self.samples)}")
        for message in self.input_errors:
            lines.append(f"input error: {message}")
        for source in self.unmatched_gold:
            lines.append(f"gold without sample: {source}")
        for source in self.ungolded_inputs:
            lines.append(f"sample without gold: {source}")
        if differences:
            for sample in self.samples:
                if not sample.differences and sample.error is None:
                    continue
                lines.append("")
                lines.append(f"== {sample.source}")
                if sample.error:
                    lines.append(f"  error: {sample.error}")
                lines.extend(d.render() for d in sample.differences)
        return "\n".join(lines)


# --- text normalisation -------------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_EDGE = " \t\n\"'.,;:!?()[]"
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"'s$")
_WORD = re.compile(r"\w+")


def text_key(text: str) -> str:
    """Case, quote style, spacing and edge punctuation do not matter."""
    return " ".join(text.translate(_QUOTES).split()).strip(_EDGE).casefold()


def name_key(text: str) -> str:
    """As :func:`text_key`, and a leading article or trailing possessive does not matter."""
    key = _POSSESSIVE.sub("", text_key(text))
    return _ARTICLE.sub("", key)


def words(text: str) -> list[str]:
    return _WORD.findall(text.translate(_QUOTES).casefold())


def overlap(a: str, b: str) -> float:
    """Jaccard overlap of the word sets of two texts."""
    first, second = set(words(a)), set(words(b))
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def contains(text: str, part: str) -> bool:
    """``part`` occurs in ``text`` as whole words (normalised)."""
    hay, needle = f" {' '.join(words(text))} ", f" {' '.join(words(part))} "
    return needle.strip() != "" and needle in hay


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def pair_greedily(
    gold: Sequence[G], predicted: Sequence[T], similarity: Callable[[G, T], float]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best similarity first; 0 never pairs."""
    candidates = [
        (score, gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if (score := similarity(g, p)) > 0
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _score, gi, pi in candidates:
        if gi in used_gold or pi in used_predicted:
            continue
        used_gold.add(gi)
        used_predicted.add(pi)
        pairs.append((gi, pi))
    return pairs


# --- one sample ---------------------------------------------------------------------------


class _Scorer:
    """Compares one article with its gold, filling a :class:`SampleResult`."""

    def __init__(self, article: Article, gold: GoldArticle, result: SampleResult) -> None:
        self.article = article
        self.gold = gold
        self.result = result
        self.mentions_of: dict[str, list[str]] = {}
        for mention in article.mentions:
            if mention.actor_id:
                self.mentions_of.setdefault(mention.actor_id, []).append(mention.text)
        known = {m.id: m.text for m in article.mentions}
        for actor in article.actors:
            texts = self.mentions_of.setdefault(actor.id, [])
            texts.extend(known[i] for i in actor.mention_ids if i in known)
            texts.append(actor.text)
        # gold actor name -> predicted actor id, filled by score_actors.
        self.actor_ids: dict[str, str] = {}

    # recording
    def _count(self, record_type: RecordType, *, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        score = self.result.scores[record_type]
        score.tp += tp
        score.fp += fp
        score.fn += fn

    def _differ(
        self, record_type: RecordType, kind: DifferenceKind, item: str, detail: str = ""
    ) -> None:
        self.result.differences.append(
            Difference(self.result.source, record_type, kind, item, detail)
        )

    def _settle(self, record_type: RecordType, item: str, problems: list[str]) -> None:
        """A matched pair: a true positive, or a wrong one (false positive and negative)."""
        if problems:
            self._count(record_type, fp=1, fn=1)
            self.result.scores[record_type].wrong += 1
            self._differ(record_type, "wrong", item, "; ".join(problems))
        else:
            self._count(record_type, tp=1)

    def _missing(self, record_type: RecordType, item: str, detail: str = "") -> None:
        self._count(record_type, fn=1)
        self._differ(record_type, "missing", item, detail)

    def _spurious(self, record_type: RecordType, item: str, detail: str = "") -> None:
        self._count(record_type, fp=1)
        self._differ(record_type, "spurious", item, detail)

    # actors, used by every other type
    def _gold_actor(self, name: str) -> GoldActor | None:
        key = name_key(name)
        return next((a for a in self.gold.actors if key in {name_key(n) for n in a.names}), None)

    def actor_is(self, actor_id: str | None, names: Sequence[str]) -> bool:
        """Whether the predicted actor is one of the gold actors named."""
        if not names:
            return True
        predicted = self.article.actor(actor_id)
        if predicted is None:
            return False
        for name in names:
            gold_actor = self._gold_actor(name)
            if gold_actor is not None and self.actor_ids.get(gold_actor.name) == predicted.id:
                return True
            accepted = [*gold_actor.names, *gold_actor.mentions] if gold_actor else [name]
            if name_key(predicted.name) in {name_key(n) for n in accepted} - PRONOUNS:
                return True
        return False

    def actor_label(self, actor_id: str | None) -> str:
        actor = self.article.actor(actor_id)
        if actor is None:
            return "none"
        return f"{actor.name} ({actor.code or '?'})"

    # sections
    def score_sections(self) -> None:
        predicted = [s for s in self.article.sections if s.kind in ("dateline", "subheading")]
        gold = self.gold.sections
        pairs = pair_greedily(
            gold,
            predicted,
            lambda g, p: 1.0 if g.kind == p.kind and text_key(g.text) == text_key(p.text) else 0,
        )
        self._count("sections", tp=len(pairs))
        matched_gold = {gi for gi, _ in pairs}
        matched_predicted = {pi for _, pi in pairs}
        for gi, g in enumerate(gold):
            if gi not in matched_gold:
                self._missing("sections", f"{g.kind} {g.text!r}")
        for pi, p in enumerate(predicted):
            if pi not in matched_predicted:
                self._spurious("sections", f"{p.kind} {p.text!r}")

    # removed boilerplate
    def score_removed(self) -> None:
        body = text_key(self.article.text)
        for line in self.gold.removed:
            if text_key(line) in body:
                self._missing("removed", repr(line), "still in the article text")
            else:
                self._count("removed", tp=1)
        allowed = [*self.gold.removed, *self.gold.may_remove]
        for removed in self.article.removed:
            key = text_key(removed.text)
            if not any(text_key(a) in key or key in text_key(a) for a in allowed):
                self._spurious("removed", repr(removed.text), removed.reason)

    # times
    def score_times(self) -> None:
        predicted = _distinct(self.article.times, lambda t: text_key(t.text))

        def similarity(g: GoldTime, p: TimeExpression) -> float:
            gk, pk = text_key(g.text), text_key(p.text)
            if gk == pk:
                return 2.0
            return 1.0 if contains(pk, gk) or contains(gk, pk) else 0.0

        pairs = pair_greedily(self.gold.times, predicted, similarity)
        for gi, pi in pairs:
            g, p = self.gold.times[gi], predicted[pi]
            problems = []
            if g.value != p.value:
                problems.append(f"value {p.value!r}, expected {g.value!r}")
            if g.type != p.type:
                problems.append(f"type {p.type}, expected {g.type}")
            inferred = p.year_inferred or p.anchor == "inferred"
            if g.inferred is not None and g.inferred != inferred:
                problems.append(f"inferred {inferred}, expected {g.inferred}")
            self._settle("times", f"{g.text!r}", problems)
        self._unpaired(
            "times",
            self.gold.times,
            predicted,
            pairs,
            lambda g: f"{g.text!r} = {g.value}",
            lambda p: f"{p.text!r} = {p.value}",
        )

    # actors and their mentions
    def score_actors(self) -> None:
        predicted = self.article.actors

        def similarity(g: GoldActor, p: Actor) -> float:
            names = {name_key(n) for n in g.names}
            texts = {name_key(t) for t in self.mentions_of.get(p.id, [])}
            gold_mentions = {name_key(m) for m in g.mentions} - PRONOUNS
            score = 0.0
            if name_key(p.name) in names:
                score = 3.0
            elif names & texts:
                score = 2.0
            elif gold_mentions & texts:
                score = 1.0
            if score and g.country and p.country == g.country:
                score += 0.5
            return score

        pairs = pair_greedily(self.gold.actors, predicted, similarity)
        for gi, pi in pairs:
            g, p = self.gold.actors[gi], predicted[pi]
            self.actor_ids[g.name] = p.id
            problems = []
            if g.kind and p.kind not in g.kind:
                problems.append(f"kind {p.kind}, expected {'/'.join(g.kind)}")
            for attribute in ("country", "sector"):
                expected = getattr(g, attribute)
                found = getattr(p, attribute)
                if expected is not None and expected != found:
                    problems.append(f"{attribute} {found}, expected {expected}")
            self._settle("actors", g.name, problems)
        matched_predicted = {pi for _, pi in pairs}
        # An actor the gold folds into another (a capital acting for its country, "Moscow" for
        # Russia) may be its own actor in the prediction: a split, not a spurious actor.
        splits: dict[int, list[Actor]] = {}
        for pi, p in enumerate(predicted):
            if pi in matched_predicted:
                continue
            owner = self._folding_actor(p)
            if owner is not None:
                splits.setdefault(owner, []).append(p)
                matched_predicted.add(pi)
        for gi, pi in pairs:
            self._score_mentions(self.gold.actors[gi], [predicted[pi], *splits.get(gi, [])])
        matched_gold = {gi for gi, _ in pairs}
        for gi, g in enumerate(self.gold.actors):
            if gi not in matched_gold:
                self._missing("actors", g.name)
                for mention in _distinct_keys(g.mentions):
                    self._missing("mentions", f"{g.name}: {mention!r}")
        for pi, p in enumerate(predicted):
            if pi not in matched_predicted:
                self._spurious("actors", f"{p.name} ({p.code or '?'})")

    def _folding_actor(self, p: Actor) -> int | None:
        """The matched gold actor that names ``p`` among its aliases or mentions, if any."""
        key = name_key(p.name)
        for gi, g in enumerate(self.gold.actors):
            if g.name not in self.actor_ids:
                continue
            if g.country is not None and p.country not in (None, g.country):
                continue
            if key in {name_key(n) for n in [*g.aliases, *g.mentions]}:
                return gi
        return None

    def _score_mentions(self, g: GoldActor, actors: Sequence[Actor]) -> None:
        gold = {text_key(m): m for m in g.mentions}
        found = {text_key(t): t for p in actors for t in self.mentions_of.get(p.id, [])}
        for key, text in gold.items():
            if key in found:
                self._count("mentions", tp=1)
            else:
                self._missing("mentions", f"{g.name}: {text!r}")
        for key, text in found.items():
            if key not in gold and name_key(text) not in {name_key(n) for n in g.names}:
                self._spurious("mentions", f"{g.name}: {text!r}")

    # quotes
    def score_quotes(self) -> None:
        predicted = self.article.quotes

        def similarity(g: GoldQuote, p: Quote) -> float:
            score = overlap(g.text, p.text)
            if score < QUOTE_MIN_OVERLAP:
                return 0.0
            return score + (0.01 if g.kind == p.kind else 0.0)

        pairs = pair_greedily(self.gold.quotes, predicted, similarity)
        for gi, pi in pairs:
            g, p = self.gold.quotes[gi], predicted[pi]
            problems = []
            if g.kind != p.kind:
                problems.append(f"kind {p.kind}, expected {g.kind}")
            right_speaker = self.actor_is(p.speaker_actor_id, g.speaker) if g.speaker else True
            if g.speaker:
                self.result.speakers.tp += right_speaker
                self.result.speakers.fn += not right_speaker
            if not right_speaker:
                problems.append(
                    f"speaker {self.actor_label(p.speaker_actor_id)}, expected "
                    f"{' or '.join(g.speaker)}"
                )
            if g.cue:
                cue = p.cue.text if p.cue else ""
                if not contains(cue, g.cue):
                    problems.append(f"cue {cue!r}, expected {g.cue!r}")
            self._settle("quotes", _short(g.text), problems)
        paired = {gi for gi, _ in pairs}
        self.result.speakers.fn += sum(
            1 for gi, g in enumerate(self.gold.quotes) if g.speaker and gi not in paired
        )
        self._unpaired(
            "quotes",
            self.gold.quotes,
            predicted,
            pairs,
            lambda g: f"{g.kind} {_short(g.text)}",
            lambda p: f"{p.kind} {_short(p.text)}",
            ignore=lambda p: p.kind == "indirect",
        )

    # places
    def score_places(self) -> None:
        predicted = _distinct(self.article.places, lambda p: name_key(p.name))
        actor_names = {name_key(n) for a in self.gold.actors for n in [*a.names, *a.mentions]}

        def similarity(g: GoldPlace, p: Place) -> float:
            names = {name_key(n) for n in g.names}
            if name_key(p.name) in names:
                return 2.0
            return 1.0 if name_key(p.text) in names else 0.0

        pairs = pair_greedily(self.gold.places, predicted, similarity)
        for gi, pi in pairs:
            g, p = self.gold.places[gi], predicted[pi]
            problems = []
            if g.country is not None and p.country != g.country:
                problems.append(f"country {p.country}, expected {g.country}")
            if g.lat is not None and g.lon is not None:
                if p.lat is None or p.lon is None:
                    problems.append("no coordinates")
                else:
                    km = distance_km(g.lat, g.lon, p.lat, p.lon)
                    if km > g.tolerance_km:
                        problems.append(f"{km:.0f} km from the expected point")
            self._settle("places", g.name, problems)
        self._unpaired(
            "places",
            self.gold.places,
            predicted,
            pairs,
            lambda g: g.name,
            lambda p: f"{p.name} ({p.country or '?'})",
            ignore=lambda p: p.role == "actor" or name_key(p.name) in actor_names,
        )

    # events
    def score_events(self) -> None:
        predicted = self.article.events

        def similarity(g: GoldEvent, p: Event) -> float:
            trigger = _trigger_hit(g, p)
            verb_class = p.verb_class in g.verb_class
            if not trigger and not verb_class:
                return 0.0
            source = bool(g.source) and self.actor_is(p.source_actor_id, g.source)
            # A verb class alone (another verb of the same class) needs the right source.
            if not trigger and not source:
                return 0.0
            score = 2.0 * trigger + 2.0 * verb_class + 1.0 * source
            if any(p.cameo.startswith(c) for c in g.cameo):
                score += 1.0
            if g.target and self.actor_is(p.target_actor_id, g.target):
                score += 1.0
            return score

        pairs = pair_greedily(self.gold.events, predicted, similarity)
        for gi, pi in pairs:
            g, p = self.gold.events[gi], predicted[pi]
            problems = self._event_problems(g, p)
            self._settle("events", g.label, problems)
        self._unpaired(
            "events",
            self.gold.events,
            predicted,
            pairs,
            lambda g: g.label,
            lambda p: (
                f"{self.actor_label(p.source_actor_id)} {p.trigger.text!r} "
                f"[{p.verb_class} {p.cameo} {p.plover}] {self.actor_label(p.target_actor_id)}"
            ),
        )

    def _event_problems(self, g: GoldEvent, p: Event) -> list[str]:
        problems = []
        if g.verb_class and p.verb_class not in g.verb_class:
            problems.append(f"verb_class {p.verb_class}, expected {'/'.join(g.verb_class)}")
        if g.cameo and not any(p.cameo.startswith(c) for c in g.cameo):
            problems.append(f"cameo {p.cameo}, expected {'/'.join(g.cameo)}")
        if g.plover and p.plover not in g.plover:
            problems.append(f"plover {p.plover}, expected {'/'.join(g.plover)}")
        if g.source and not self.actor_is(p.source_actor_id, g.source):
            problems.append(
                f"source {self.actor_label(p.source_actor_id)}, expected {'/'.join(g.source)}"
            )
        if g.target and not self.actor_is(p.target_actor_id, g.target):
            problems.append(
                f"target {self.actor_label(p.target_actor_id)}, expected {'/'.join(g.target)}"
            )
        if g.date and (p.date is None or p.date[: len(g.date)] != g.date):
            problems.append(f"date {p.date}, expected {g.date}")
        if g.place:
            place = next((x for x in self.article.places if x.id == p.place_id), None)
            names = {name_key(n) for n in g.place}
            if place is None or not ({name_key(place.name), name_key(place.text)} & names):
                problems.append(
                    f"place {place.name if place else None}, expected {'/'.join(g.place)}"
                )
        return problems

    # claims and stances
    def score_claims(self) -> None:
        predicted = self.article.claims

        def similarity(g: GoldClaim, p: Claim) -> float:
            text = f"{p.proposition} {p.text}".casefold()
            hits = [
                any(alt.strip().casefold() in text for alt in keyword.split("|"))
                for keyword in g.keywords
            ]
            return 1.0 if all(hits) else 0.0

        pairs = pair_greedily(self.gold.claims, predicted, similarity)
        for gi, pi in pairs:
            self._count("claims", tp=1)
            self._score_stances(self.gold.claims[gi], predicted[pi])
        matched_gold = {gi for gi, _ in pairs}
        for gi, g in enumerate(self.gold.claims):
            if gi not in matched_gold:
                self._missing("claims", g.label)
                for stance in g.stances:
                    self._missing(
                        "stances", f"{g.label}: {'/'.join(stance.actor)} {stance.polarity}"
                    )
        matched_predicted = {pi for _, pi in pairs}
        for pi, p in enumerate(predicted):
            if pi not in matched_predicted:
                self._spurious("claims", _short(p.proposition))
                for found in self._stances_of(p):
                    self._spurious(
                        "stances",
                        f"{_short(p.proposition)}: "
                        f"{self.actor_label(found.actor_id)} {found.polarity}",
                    )

    def _stances_of(self, claim: Claim) -> list[Stance]:
        return [s for s in self.article.stances if s.claim_id == claim.id]

    def _score_stances(self, g: GoldClaim, p: Claim) -> None:
        predicted = self._stances_of(p)
        pairs = pair_greedily(
            g.stances,
            predicted,
            lambda gs, ps: 1.0 if self.actor_is(ps.actor_id, gs.actor) else 0.0,
        )
        for gi, pi in pairs:
            gs, ps = g.stances[gi], predicted[pi]
            problems = []
            if gs.polarity != ps.polarity:
                problems.append(f"polarity {ps.polarity}, expected {gs.polarity}")
            self._settle("stances", f"{g.label}: {'/'.join(gs.actor)}", problems)
        self._unpaired(
            "stances",
            g.stances,
            predicted,
            pairs,
            lambda gs: f"{g.label}: {'/'.join(gs.actor)} {gs.polarity}",
            lambda ps: f"{g.label}: {self.actor_label(ps.actor_id)} {ps.polarity}",
        )

    def _unpaired(
        self,
        record_type: RecordType,
        gold: Sequence[G],
        predicted: Sequence[T],
        pairs: list[tuple[int, int]],
        gold_label: Callable[[G], str],
        predicted_label: Callable[[T], str],
        *,
        ignore: Callable[[T], bool] | None = None,
    ) -> None:
        matched_gold = {gi for gi, _ in pairs}
        matched_predicted = {pi for _, pi in pairs}
        for gi, g in enumerate(gold):
            if gi not in matched_gold:
                self._missing(record_type, gold_label(g))
        for pi, p in enumerate(predicted):
            if pi not in matched_predicted and not (ignore and ignore(p)):
                self._spurious(record_type, predicted_label(p))

    def run(self) -> None:
        self.score_sections()
        self.score_removed()
        self.score_times()
        self.score_actors()  # before the types that name actors
        self.score_quotes()
        self.score_places()
        self.score_events()
        self.score_claims()


def _trigger_hit(g: GoldEvent, p: Event) -> bool:
    return bool(g.trigger) and (
        contains(p.trigger.text, g.trigger or "") or contains(g.trigger or "", p.trigger.text)
    )


def _distinct(records: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """The first record of each key: repeated mentions of one place or date count once."""
    seen: dict[str, T] = {}
    for record in records:
        seen.setdefault(key(record), record)
    return list(seen.values())


def _distinct_keys(texts: Iterable[str]) -> list[str]:
    return list({text_key(t): t for t in texts}.values())


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def score_article(article: Article, gold: GoldArticle, source: str | None = None) -> SampleResult:
    """Compare one processed article with its gold annotation."""
    result = SampleResult(source=source or gold.source, gold_path=None)
    _Scorer(article, gold, result).run()
    return result


def _missing_all(result: SampleResult, gold: GoldArticle) -> None:
    """A sample that could not be run: every gold item is missing."""
    counts: dict[RecordType, int] = {
        "sections": len(gold.sections),
        "removed": len(gold.removed),
        "times": len(gold.times),
        "actors": len(gold.actors),
        "mentions": sum(len(_distinct_keys(a.mentions)) for a in gold.actors),
        "quotes": len(gold.quotes),
        "places": len(gold.places),
        "events": len(gold.events),
        "claims": len(gold.claims),
        "stances": sum(len(c.stances) for c in gold.claims),
    }
    for name, count in counts.items():
        result.scores[name].fn += count


# --- the samples directory ----------------------------------------------------------------


def sample_paths(examples_dir: Path) -> list[Path]:
    """The sample files: every file of the directory but the README and hidden files."""
    return sorted(
        path
        for path in examples_dir.iterdir()
        if path.is_file() and not path.name.startswith(".") and path.name not in NOT_SAMPLES
    )


def source_key(source: str) -> str:
    """A reader's source (``/abs/examples/rss-feed.xml#2``) as gold names it: ``rss-feed.xml#2``."""
    path, hash_sign, entry = source.partition("#")
    return f"{Path(path).name}{hash_sign}{entry}"


def evaluate_samples(examples_dir: Path, options: Options) -> SamplesReport:
    """Run the pipeline on every sample of ``examples_dir`` and score it against its gold."""
    from sitrep.readers import read_inputs  # the readers import feed and HTML libraries

    gold_by_source: dict[str, tuple[Path, GoldArticle]] = {}
    for path, gold in iter_gold(examples_dir / GOLD_DIR):
        gold_by_source[gold.source] = (path, gold)
    pipeline = Pipeline(options)
    report = SamplesReport(samples=[])
    seen: set[str] = set()
    for item in read_inputs(sample_paths(examples_dir), options):
        if isinstance(item, SitrepError):
            report.input_errors.append(str(item))
            continue
        key = source_key(item.source)
        found = gold_by_source.get(key) or _by_title(gold_by_source, item.meta.title)
        if found is None:
            report.ungolded_inputs.append(key)
            continue
        gold_path, gold = found
        seen.add(gold.source)
        result = SampleResult(source=gold.source, gold_path=gold_path)
        try:
            article = pipeline(Article(text=item.text, meta=item.meta))
        except Exception as error:  # a broken stage is a result to report, not a crash
            result.error = f"{type(error).__name__}: {error}"
            _missing_all(result, gold)
        else:
            _Scorer(article, gold, result).run()
        report.samples.append(result)
    report.unmatched_gold = sorted(set(gold_by_source) - seen)
    return report


def _by_title(
    gold_by_source: dict[str, tuple[Path, GoldArticle]], title: str | None
) -> tuple[Path, GoldArticle] | None:
    if not title:
        return None
    return next(
        (
            found
            for found in gold_by_source.values()
            if found[1].title and text_key(found[1].title) == text_key(title)
        ),
        None,
    )
