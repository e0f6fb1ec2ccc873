"""Score who-did-what-to-whom on the ConfliBERT CAMEO span data (``cameo_ner``).

The data is CoNLL-style: one ``token label`` per line, a blank line between sentences, BIO tags
``S`` (source actor), ``T`` (target actor) and ``R`` (reciprocal: both source and target). Each
sentence is run through sitrep as its own article (tokens joined by single spaces, so token
offsets are known); the source and target actors of sitrep's events become predicted spans
(the actor's mention inside the sentence nearest the event's trigger) and are compared with the
gold spans token by token:

- *overlap*: a prediction matches a gold span of its role when they share a token;
- *exact*: when they cover the same tokens.

``R`` spans are gold for both roles; one matched in either role is not counted missing in the
other. Sentences for which sitrep finds no event are counted as such (all their gold spans are
missed). *Country agreement* is measured on gold spans naming a knowledge-base country (a
country, its adjective, capital or seat, or a national organisation): the share of those, among
the ones a prediction overlaps, whose predicted actor has the same country code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sitrep.errors import InputError
from sitrep.evaluation.measures import f1, ratio
from sitrep.kb import split_entity_id
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Actor, Article, Event, Mention

Role = Literal["S", "T"]
Rule = Literal["overlap", "exact"]
RULES: tuple[Rule, ...] = ("overlap", "exact")
ROLES: tuple[Role, ...] = ("S", "T")
ROLE_NAMES = {"S": "source", "T": "target"}
# Entity kinds whose id names a country: "country:UKR", "capital:UKR", "seat:RUS".
COUNTRY_KINDS = frozenset({"country", "capital", "seat"})


@dataclass(frozen=True)
class TokenSpan:
    """Tokens ``[start, end)`` of a sentence, with the role the gold gives them."""

    start: int
    end: int
    role: str

    def overlaps(self, other: TokenSpan) -> bool:
        return self.start < other.end and other.start < self.end

    def same(self, other: TokenSpan) -> bool:
        return (self.start, self.end) == (other.start, other.end)


@dataclass(frozen=True)
class ConllSentence:
    tokens: tuple[str, ...]
    spans: tuple[TokenSpan, ...]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def offsets(self) -> list[tuple[int, int]]:
        """Character offsets of each token in :attr:`text`."""
        found, position = [], 0
        for token in self.tokens:
            found.append((position, position + len(token)))
            position += len(token) + 1
        return found

    def gold(self, role: Role) -> list[TokenSpan]:
        return [s for s in self.spans if s.role in (role, "R")]


@dataclass(frozen=True)
class Predicted:
    """A predicted actor span and its actor's country."""

    span: TokenSpan
    country: str | None


@dataclass
class RoleScore:
    """Counts of one role under one matching rule."""

    tp_predicted: int = 0
    predicted: int = 0
    tp_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.tp_predicted, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.tp_gold, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


@dataclass
class ConfliBERTReport:
    """Span scores per role (``S``, ``T``) and matching rule (``overlap``, ``exact``)."""

    split: str
    sentences: int = 0
    without_event: int = 0
    scores: dict[str, RoleScore] = field(
        default_factory=lambda: {f"{role}:{rule}": RoleScore() for role in ROLES for rule in RULES}
    )
    country_agree: int = 0
    country_compared: int = 0
    country_gold: int = 0

    def score(self, role: Role, rule: Rule = "overlap") -> RoleScore:
        return self.scores[f"{role}:{rule}"]

    @property
    def country_accuracy(self) -> float:
        return self.country_agree / self.country_compared if self.country_compared else 0.0

    def render(self) -> str:
        lines = [
            f"ConfliBERT cameo_ner ({self.split}): {self.sentences} sentences, "
            f"{self.without_event} without an event",
            f"{'span':<16} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} {'gold':>6}",
        ]
        for role in ROLES:
            for rule in RULES:
                s = self.score(role, rule)
                lines.append(
                    f"{ROLE_NAMES[role] + ' ' + rule:<16} {s.precision:6.3f} {s.recall:6.3f} "
                    f"{s.f1:6.3f} {s.predicted:6d} {s.gold:6d}"
                )
        lines.append(
            f"country agreement {self.country_accuracy:.3f} "
            f"({self.country_agree}/{self.country_compared} overlapped gold spans naming a "
            f"country; {self.country_gold} such gold spans)"
        )
        return "\n".join(lines)


# -- reading ----------------------------------------------------------------------------------


def parse_conll(text: str) -> list[ConllSentence]:
    """Sentences of a ``token label`` CoNLL text; a stray ``I-`` starts a span."""
    sentences: list[ConllSentence] = []
    rows: list[tuple[str, str]] = []
    for line in [*text.splitlines(), ""]:
        parts = line.split()
        if len(parts) >= 2:
            rows.append((parts[0], parts[-1]))
        elif not parts and rows:
            sentences.append(_sentence(rows))
            rows = []
    return sentences


def _sentence(rows: list[tuple[str, str]]) -> ConllSentence:
    spans: list[TokenSpan] = []
    start, role = -1, ""
    for index, (_, label) in enumerate([*rows, ("", "O")]):
        prefix, _, kind = label.partition("-")
        continues = prefix == "I" and kind == role
        if start >= 0 and not continues:
            spans.append(TokenSpan(start, index, role))
            start, role = -1, ""
        if prefix in ("B", "I") and not continues:
            start, role = index, kind
    return ConllSentence(tuple(token for token, _ in rows), tuple(spans))


def read_split(directory: Path, split: str) -> list[ConllSentence]:
    path = Path(directory) / f"{split}.txt"
    if not path.exists():
        available = sorted(p.stem for p in Path(directory).glob("*.txt"))
        raise InputError(str(path), f"no such split (available: {', '.join(available) or 'none'})")
    return parse_conll(path.read_text(encoding="utf-8"))


# -- predicting -------------------------------------------------------------------------------


def predicted_spans(article: Article, sentence: ConllSentence) -> dict[Role, list[Predicted]]:
    """Source and target spans of the article's events, as token spans of ``sentence``."""
    offsets = sentence.offsets()
    found: dict[Role, dict[tuple[int, int], Predicted]] = {"S": {}, "T": {}}
    for event in article.events:
        pairs: tuple[tuple[Role, str | None], ...] = (
            ("S", event.source_actor_id),
            ("T", event.target_actor_id),
        )
        for role, actor_id in pairs:
            mention = _event_mention(article, event, actor_id)
            span = _token_span(offsets, mention, role) if mention else None
            if span is not None:
                actor = article.actor(actor_id)
                found[role].setdefault((span.start, span.end), Predicted(span, _country(actor)))
    return {role: list(spans.values()) for role, spans in found.items()}


def _event_mention(article: Article, event: Event, actor_id: str | None) -> Mention | None:
    """The actor's mention nearest the event's trigger, inside the event's span if one is."""
    if actor_id is None:
        return None
    mentions = [m for m in article.mentions if m.actor_id == actor_id]
    inside = [m for m in mentions if event.start <= m.start and m.end <= event.end]
    pool = inside or mentions
    if not pool:
        return None
    return min(pool, key=lambda m: abs(m.start - event.trigger.start))


def _token_span(offsets: list[tuple[int, int]], mention: Mention, role: str) -> TokenSpan | None:
    tokens = [i for i, (a, b) in enumerate(offsets) if a < mention.end and mention.start < b]
    return TokenSpan(tokens[0], tokens[-1] + 1, role) if tokens else None


def _country(actor: Actor | None) -> str | None:
    return actor.country if actor is not None else None


def gold_country(article: Article, sentence: ConllSentence, span: TokenSpan) -> str | None:
    """The country a gold span names, from the knowledge-base entities inside it."""
    offsets = sentence.offsets()
    start, end = offsets[span.start][0], offsets[span.end - 1][1]
    for ent in article.doc.ents if article.doc is not None else ():
        if start <= ent.start_char and ent.end_char <= end:
            kind, key = split_entity_id(ent.ent_id_)
            if kind in COUNTRY_KINDS:
                return key
    mentions = [m for m in article.mentions if start <= m.start and m.end <= end]
    for mention in mentions:
        actor = article.actor(mention.actor_id)
        if actor is not None and actor.country and actor.kind != "person":
            return actor.country
    return None


# -- scoring ----------------------------------------------------------------------------------


def score_sentence(
    report: ConfliBERTReport,
    sentence: ConllSentence,
    predicted: dict[Role, list[Predicted]],
) -> None:
    """Add one sentence's counts for both roles and both matching rules."""
    for rule in RULES:
        exact = rule == "exact"
        hits = {
            role: _match(sentence.gold(role), [p.span for p in predicted[role]], exact)
            for role in ROLES
        }
        for role in ROLES:
            other: Role = "T" if role == "S" else "S"
            score = report.score(role, rule)
            score.predicted += len(predicted[role])
            score.tp_predicted += hits[role][0]
            for span in sentence.gold(role):
                if span.role == "R" and span not in hits[role][1] and span in hits[other][1]:
                    continue  # a reciprocal actor found in the other role
                score.gold += 1
                score.tp_gold += span in hits[role][1]


def _match(
    gold: list[TokenSpan], predicted: list[TokenSpan], exact: bool
) -> tuple[int, set[TokenSpan]]:
    """(predictions matching some gold span, gold spans matched by some prediction)."""
    agree = (lambda g, p: g.same(p)) if exact else (lambda g, p: g.overlaps(p))
    tp_predicted = sum(1 for p in predicted if any(agree(g, p) for g in gold))
    matched = {g for g in gold if any(agree(g, p) for p in predicted)}
    return tp_predicted, matched


def score_countries(
    report: ConfliBERTReport,
    article: Article,
    sentence: ConllSentence,
    predicted: dict[Role, list[Predicted]],
) -> None:
    for role in ROLES:
        for span in sentence.gold(role):
            if span.role == "R" and role == "T":
                continue
            expected = gold_country(article, sentence, span)
            if expected is None:
                continue
            report.country_gold += 1
            pool = predicted[role] + (predicted["T"] if span.role == "R" else [])
            overlapping = [p for p in pool if p.span.overlaps(span)]
            if overlapping:
                report.country_compared += 1
                report.country_agree += overlapping[0].country == expected


def evaluate_sentences(
    sentences: Iterable[ConllSentence], options: Options, *, split: str = "test"
) -> ConfliBERTReport:
    pipeline = Pipeline(options)
    report = ConfliBERTReport(split)
    for sentence, article in _run(pipeline, sentences):
        report.sentences += 1
        if not article.events:
            report.without_event += 1
        predicted = predicted_spans(article, sentence)
        score_sentence(report, sentence, predicted)
        score_countries(report, article, sentence, predicted)
    return report


def _run(
    pipeline: Pipeline, sentences: Iterable[ConllSentence]
) -> Iterator[tuple[ConllSentence, Article]]:
    for sentence in sentences:
        article = pipeline(Article(text=sentence.text))
        if article.text != sentence.text:
            # Offsets are only meaningful on the text as given: score it as finding nothing.
            article = Article(text=sentence.text)
        yield sentence, article


def evaluate_conflibert(
    directory: Path, options: Options, *, split: str = "test"
) -> ConfliBERTReport:
    """Source/target span scores of sitrep on ``directory/{split}.txt`` (``cameo_ner``)."""
    return evaluate_sentences(read_split(directory, split), options, split=split)
