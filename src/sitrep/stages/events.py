"""Events: who did what to whom, coded with CAMEO and PLOVER from a verb lexicon.

The lexicon (``event_verbs.yaml``) maps verb phrases to codes. The default language backend
has no tagger or parser, so the stage reads words and punctuation directly and finds the
actors around a trigger with a few positional rules:

- the source is the clause's subject: the nearest actor mention before the trigger that is
  not inside a prepositional phrase, not the object of an earlier verb, and not quoted. A
  participial clause (", claiming another village") or a coordinated verb ("... and
  appealed") thus falls back to the main clause's subject;
- a passive ("a claim dismissed by the Kremlin") takes its by-agent as the source; without
  one ("Petrov was detained") the source is unknown and the actor just before is the target;
- a subject before a reporting verb or a subordinator is not the subject of a trigger after
  it ("Seoul said three people were killed", "after rebels attacked"), unless a pronoun takes
  it up ("Russia said it had expelled ...") or the trigger is coordinated ("... and called on");
- the target is the first actor mention after the trigger, before the clause or the next
  trigger ends its reach: not quoted, not a place named after a locative preposition, not
  the source or the source's own country. A rejection of "the accusation" targets whoever
  made the latest accusation;
- the place is the one named after a locative preposition in the trigger's reach (or the
  object of a visit), else the place of a coordinated event with the same source, else,
  when the sentence names no place at all, the dateline's.

Events are read from paragraph sentences only, never from inside quotations (the speaker of
'"we are fighting"' is not the author's actor), from infinitives ("to fight"), from gerunds
that are another verb's complement ("accused X of sending", "denies seeking") or modify a
noun ("a resolution criticising"), or from nouns ("a drone strike", "its next meeting").
Event nouns listed as an entry's ``nominals`` are events only when an actor is attached:
"Russia's attack on Ukraine", "an attack by X", "Israeli air strikes" (the country, when the
article names it, is the source), "the invasion of Y by X", "talks between X and Y",
"accused X of launching a drone strike". A verb whose object is such a noun targets its actor
("condemned Israeli air strikes"); an object that takes up an earlier event ("welcomed the
move", "concerned by the drills", "urged it to") targets that event's actor.
A quotation that dismisses something ("fake news") is an event of its speaker. A negated verb
("did not attack", "won't lift") is no event, and neither is a trigger with no known actor on
either side: "three people were killed" records nothing rather than an event of no one.

The lexicon is compiled once per pipeline (``ctx.resource``) into an index from a phrase's
first word to its patterns, so matching a sentence costs one dictionary look-up per token.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from sitrep.datafiles import load_entries
from sitrep.dating import date_for
from sitrep.lexicon import verb_forms
from sitrep.lookup import body_sentences, sentence_at
from sitrep.records import Actor, Article, Event, Mention, Place, Quote, Sentence, Span
from sitrep.registry import Context, Stage
from sitrep.stages.language import knowledge_base

VERSION = "events.v4"

T = TypeVar("T")


def word_set(words: str) -> frozenset[str]:
    """A closed class of words, written as one space-separated string."""
    return frozenset(words.split())


WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
QUOTE_CHARS = re.compile('["“”«»]')
# Words before a verb form that show it is a noun: "their advance", "high-profile visits".
DETERMINERS = word_set(
    "a an the his her its their our my your this these those another such no every each any some "
    "several many few both all most"
)
PREPOSITIONS = word_set(
    "of to with by from in on for against alongside about at into near between among over "
    "towards toward across under through without than via as amid despite"
)
# Gerunds after these are the content of another verb: "accused X of sending".
GERUND_PREPOSITIONS = word_set("of about from without for")
# An '-ing' form is an event only after one of these (", capturing", "was attacking", "while
# visiting"); elsewhere it is a noun ("its next meeting"), a complement ("denies seeking") or
# modifies a noun ("a resolution criticising Tehran").
ING_OPENERS = word_set(
    ", ; — – ( and or while after before by since when is are was were be been being am not "
    "also still"
)
# Infinitives after these are ongoing events, not intentions: "continued to shell".
ASPECTUAL = word_set(
    "continue continues continued continuing began begin begins start started starts keep "
    "keeps kept resumed resume resumes"
)
LOCATIVE = word_set(
    "in near at around outside inside across into towards toward throughout within off along"
)
# "talks on the war in Ukraine": a place after a topic preposition's noun is the topic's.
TOPIC_PREPOSITIONS = word_set("on about over regarding concerning")
# How many lowercase words may stand between a locative preposition and the place name.
LOCATIVE_REACH = 5
# How many words may stand between a topic preposition and the locative preposition.
TOPIC_REACH = 3
AUXILIARIES = word_set("is are was were be been being get gets got")
SUBORDINATORS = word_set(
    "if whether that when while because although though as after before since unless"
)
HYPOTHETICAL = word_set("if whether unless")
# Words that open a clause with a subject of its own: a subject before one of them is not the
# subject of a trigger after it, unless a pronoun takes it up.
CLAUSE_OPENERS = word_set(
    "said says say told tells added adds stated reported reports after before since when "
    "while because although though until unless whereas that"
)
SUBJECT_PRONOUNS = word_set("it he she they we i its his her their our my")
# Verbs whose object is the one addressed: "Peskov told state media ... and warned NATO".
ADDRESSEE_VERBS = word_set("told tell tells telling informed briefed assured")
POSSESSIVE_MARKS = word_set("'s ’s ' ’")
# A verb right after one of these is coordinated with the main clause's verb.
COORDINATORS = word_set("and but then")
# Words between a clause opener and its subject that name no subject: "said on Friday it ...".
CLAUSE_FILLERS = word_set(
    "that on in at last late early earlier later yesterday today tonight this week month year "
    "monday tuesday wednesday thursday friday saturday sunday morning evening night also , the "
    "january february march april may june july august september october november december"
)
PERFECT = word_set("has have had having will would could may might must can shall should")
# A target is not looked for past a relative clause ("actions that raise tensions across the
# Taiwan Strait") or an infinitive ("urged Beijing to avoid ...").
RELATIVES = word_set("that which who whom whose where")
CLAUSE_PUNCTUATION = frozenset(",;:—–()")
# Punctuation that ends the search for a verb's object ("sent $80 million in aid" goes on).
OBJECT_STOPS = CLAUSE_PUNCTUATION | frozenset('"“”«»!?')
# A verb after one of these (with at most one word between) is negated: "did not attack",
# "has never been attacked", "won't lift". A negated verb is not an event.
NEGATIONS = word_set("not never cannot no")
# Mention kinds that name a country (or its capital) rather than a body within it.
COUNTRY_KINDS = frozenset({"country", "capital"})
PlaceSource = Literal["clause", "dateline", "none"]
QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}

# Confidence: a lexicon match starts high; each missing participant lowers it.
BASE_CONFIDENCE = 0.9
NO_SOURCE_PENALTY = 0.35
NO_TARGET_PENALTY = 0.15
QUOTED_CUE_PENALTY = 0.1


class EventVerb(BaseModel):
    """One lexicon entry: verb phrases (lemmas) and the codes they carry."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    id: str
    verb_class: str | None = Field(default=None, alias="class")
    verbs: list[str]
    forms: list[str] = Field(default_factory=list)
    objects: list[str] = Field(default_factory=list)
    window: int = Field(default=3, ge=1, le=10)
    nouns: list[str] = Field(default_factory=list)
    quoted: list[str] = Field(default_factory=list)
    cameo: str = Field(pattern=r"^\d{2,4}$")
    cameo_label: str
    plover: str | None = None
    claim: bool = False
    claim_opener: str | None = None
    answers: list[str] = Field(default_factory=list)
    place_object: bool = False
    needs_target: bool = False
    nominals: list[str] = Field(default_factory=list)

    @property
    def class_name(self) -> str:
        return self.verb_class or self.id


@dataclass(frozen=True)
class Pattern:
    entry: EventVerb
    words: tuple[str, ...]
    # The entry's uninflected forms ("strike", "strikes"): after a determiner, nouns.
    bare: frozenset[str] = frozenset()


class PhraseIndex(Generic[T]):
    """Phrases (tuples of lowercase words) indexed by their first word, longest first."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], T]]) -> None:
        index: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for words, value in phrases:
            if words:
                index.setdefault(words[0], []).append((words, value))
        self._index = {
            first: tuple(sorted(found, key=lambda item: -len(item[0])))
            for first, found in index.items()
        }

    def starts(self, words: Sequence[str]) -> list[int]:
        """Positions of ``words`` where some phrase may start."""
        index = self._index
        return [position for position, word in enumerate(words) if word in index]

    def at(self, words: Sequence[str], position: int) -> list[tuple[int, T]]:
        """(length, value) of every phrase that starts at ``words[position]``."""
        found = self._index.get(words[position])
        if not found:
            return []
        return [
            (len(phrase), value)
            for phrase, value in found
            if tuple(words[position : position + len(phrase)]) == phrase
        ]


@dataclass(frozen=True)
class Lexicon:
    patterns: PhraseIndex[Pattern]
    quoted: PhraseIndex[Pattern]
    entries: tuple[EventVerb, ...]
    openers: dict[str, str | None] = field(default_factory=dict)
    nominals: PhraseIndex[Pattern] = field(default_factory=lambda: PhraseIndex(()))

    def claim_openers(self) -> dict[str, str | None]:
        """Verb classes that assert a claim, with the word their complement must open with."""
        return self.openers


class Token(NamedTuple):
    """A word or punctuation mark with article offsets (a tuple: sentences make many)."""

    text: str
    lower: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum() or self.text[:1] == "_"


@dataclass(frozen=True)
class Match:
    """A trigger found in a sentence: token positions of the verb and of the trigger's end."""

    entry: EventVerb
    first: int
    verb_last: int
    last: int


def event_lexicon(ctx: Context) -> Lexicon:
    def build() -> Lexicon:
        entries = load_entries(
            "event_verbs.yaml", EventVerb, key=lambda e: e.id, data_dirs=ctx.options.data_dirs
        )
        quoted = [
            (words, Pattern(e, words))
            for e in entries
            for phrase in e.quoted
            if (words := tuple(phrase.lower().split()))
        ]
        return Lexicon(
            patterns=PhraseIndex((p.words, p) for p in _verb_patterns(entries)),
            quoted=PhraseIndex(quoted),
            entries=tuple(entries),
            openers={e.class_name: e.claim_opener for e in entries if e.claim},
            nominals=PhraseIndex(
                (words, Pattern(e, words))
                for e in entries
                for phrase in e.nominals
                if (words := tuple(WORD.findall(phrase.lower())))
            ),
        )

    return ctx.resource("events.lexicon", build)


def _verb_patterns(entries: list[EventVerb]) -> list[Pattern]:
    return [
        Pattern(entry, tuple(form.lower().split()), _bare_forms(entry))
        for entry in entries
        for form in sorted(_entry_forms(entry))
        if form not in entry.nouns
    ]


def _bare_forms(entry: EventVerb) -> frozenset[str]:
    heads = {lemma.split()[0].lower() for lemma in entry.verbs if lemma.split()}
    return frozenset(heads | {head + "s" for head in heads})


def _entry_forms(entry: EventVerb) -> set[str]:
    """Inflected forms of the entry's lemmas, plus the forms it lists itself."""
    return {form for lemma in entry.verbs for form in verb_forms(lemma)} | set(entry.forms)


# --- text helpers, shared with the claims stage ---------------------------------------------


def tokens_in(text: str, start: int, end: int) -> list[Token]:
    """Words and punctuation of ``text[start:end]`` with article offsets."""
    return [
        Token(m.group(), m.group().lower(), m.start(), m.end())
        for m in WORD.finditer(text, start, end)
    ]


def quoted_regions(article: Article) -> list[tuple[int, int]]:
    """Stretches inside quotation marks, paired within each section, plus quote records."""
    regions = [(q.start, q.end) for q in article.quotes if q.kind in ("direct", "partial")]
    for section in article.sections:
        regions.extend(_paired_quotes(article.text, section.start, section.end))
    return sorted(set(regions))


def _paired_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    regions = []
    opening: tuple[int, str] | None = None
    for found in QUOTE_CHARS.finditer(text, start, end):
        char, index = found.group(), found.start()
        if opening is None and char in QUOTE_PAIRS:
            opening = (index, QUOTE_PAIRS[char])
        elif opening is not None and char == opening[1]:
            regions.append((opening[0] + 1, index))
            opening = None
    return regions


def inside(offset: int, regions: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in regions)


def token_index(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after ``offset`` (len(tokens) if none)."""
    low, high = 0, len(tokens)
    while low < high:
        middle = (low + high) // 2
        if tokens[middle].start < offset:
            low = middle + 1
        else:
            high = middle
    return low


class ArticleIndex:
    """Actor mentions and places of an article, sorted once for look-ups by position."""

    def __init__(self, article: Article) -> None:
        self.mentions = sorted(
            (m for m in article.mentions if m.actor_id is not None),
            key=lambda m: (m.start, -m.end),
        )
        self._mention_starts = [m.start for m in self.mentions]
        self.places = sorted(article.places, key=lambda p: p.start)
        self._place_starts = [p.start for p in self.places]
        self.actors = {a.id: a for a in article.actors}

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Actor mentions wholly inside ``[start, end)``; at one start, the longest first."""
        first = bisect_left(self._mention_starts, start)
        last = bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[first:last] if m.end <= end]

    def places_in(self, start: int, end: int) -> list[Place]:
        first = bisect_left(self._place_starts, start)
        last = bisect_left(self._place_starts, end)
        return [p for p in self.places[first:last] if p.end <= end]


def in_prepositional_phrase(tokens: list[Token], mention: Mention) -> bool:
    """The mention follows a preposition, allowing one lowercase modifier between."""
    index = token_index(tokens, mention.start)
    before = tokens[max(index - 2, 0) : index]
    if before and before[-1].lower in PREPOSITIONS:
        return True
    return (
        len(before) == 2
        and before[0].lower in PREPOSITIONS
        and before[1].is_word
        and before[1].text.islower()
    )


def follows_verb(tokens: list[Token], mention: Mention, verb_ends: set[int]) -> bool:
    """The mention is the object of a verb: right after a trigger or a lowercase '-ed' word."""
    index = token_index(tokens, mention.start)
    last = next((t for t in reversed(tokens[:index]) if t.lower not in DETERMINERS), None)
    if last is None:
        return False
    return (
        last.end in verb_ends
        or last.lower in ADDRESSEE_VERBS
        or (last.text.islower() and last.lower.endswith("ed") and len(last.lower) > 4)
    )


def in_apposition(tokens: list[Token], mention: Mention) -> bool:
    """The possessor inside an apposition: 'Japan' in "The United States, Japan's main ally,
    expressed ..."; the subject is the noun phrase before the comma."""
    index = token_index(tokens, mention.start)
    if index == 0 or index >= len(tokens) or tokens[index - 1].text != ",":
        return False
    last = next((t for t in reversed(tokens) if t.start < mention.end), tokens[index])
    following = next((t for t in tokens if t.start >= mention.end), None)
    possessive = last.end > mention.end and last.lower.endswith(("'s", "’s"))
    return possessive or (following is not None and following.lower in POSSESSIVE_MARKS)


def subject_before(
    article: Article,
    sentence: Span,
    offset: int,
    *,
    quotes: list[tuple[int, int]],
    verb_ends: set[int] | None = None,
    index: ArticleIndex | None = None,
    tokens: list[Token] | None = None,
) -> Mention | None:
    """The nearest subject-like actor mention of ``sentence`` before ``offset``."""
    tokens = tokens if tokens is not None else tokens_in(article.text, sentence.start, offset)
    found = (index or ArticleIndex(article)).mentions_in(sentence.start, offset)
    for mention in sorted(found, key=lambda m: m.start, reverse=True):
        if inside(mention.start, quotes) or in_prepositional_phrase(tokens, mention):
            continue
        if follows_verb(tokens, mention, verb_ends or set()) or in_apposition(tokens, mention):
            continue
        return mention
    return None


def first_subject(
    article: Article, sentence: Span, quotes: list[tuple[int, int]]
) -> Mention | None:
    """The sentence's first subject-like actor mention outside quotations."""
    tokens = tokens_in(article.text, sentence.start, sentence.end)
    return next(
        (
            m
            for m in ArticleIndex(article).mentions_in(sentence.start, sentence.end)
            if not inside(m.start, quotes)
            and not in_prepositional_phrase(tokens, m)
            and not _opens_subordinate_clause(tokens, m)
        ),
        None,
    )


def _opens_subordinate_clause(tokens: list[Token], mention: Mention) -> bool:
    """'asked if North Korea was ...': the subject of a subordinate clause, not the speaker."""
    index = token_index(tokens, mention.start)
    return index > 0 and tokens[index - 1].lower in SUBORDINATORS


def by_agent(
    article: Article, tokens: list[Token], after: int, index: ArticleIndex | None = None
) -> Mention | None:
    """The agent of a passive: 'dismissed by the Kremlin' -> the Kremlin's mention."""
    position = token_index(tokens, after)
    if position >= len(tokens) or tokens[position].lower != "by":
        return None
    window_end = tokens[min(position + 3, len(tokens) - 1)].end
    found = (index or ArticleIndex(article)).mentions_in(tokens[position].end, window_end + 1)
    return next((m for m in found if m.start < window_end), None)


def clause_bounds(tokens: list[Token], first: int, last: int) -> tuple[int, int]:
    """Token range of the clause around tokens ``first..last``: between clause punctuation."""
    start = first
    while start > 0 and tokens[start - 1].text not in CLAUSE_PUNCTUATION:
        start -= 1
    end = last
    while end + 1 < len(tokens) and tokens[end + 1].text not in CLAUSE_PUNCTUATION:
        end += 1
    return start, end


# --- matching -------------------------------------------------------------------------------


def sentence_matches(tokens: list[Token], lexicon: Lexicon) -> list[Match]:
    words = [t.lower for t in tokens]
    found: list[Match] = []
    for index in lexicon.patterns.starts(words):
        candidates = lexicon.patterns.at(words, index)
        if not candidates or _not_an_event(tokens, index):
            continue
        found.extend(
            match
            for _, pattern in candidates
            if (match := _match_at(tokens, index, pattern)) is not None
        )
    return _without_overlaps(found)


def _match_at(tokens: list[Token], index: int, pattern: Pattern) -> Match | None:
    """A match of ``pattern`` at ``index``, which :func:`_not_an_event` has let through."""
    if _looks_like_noun(tokens, index, pattern):
        return None
    verb_last = index + len(pattern.words) - 1
    if not pattern.entry.objects:
        return Match(pattern.entry, index, verb_last, verb_last)
    for offset in range(verb_last + 1, min(verb_last + 1 + pattern.entry.window, len(tokens))):
        if tokens[offset].text in OBJECT_STOPS:
            return None
        if tokens[offset].lower in pattern.entry.objects:
            return Match(pattern.entry, index, verb_last, offset)
    return None


def _looks_like_noun(tokens: list[Token], index: int, pattern: Pattern) -> bool:
    if index == 0:
        return False
    previous = tokens[index - 1]
    # A verb form right after a preposition is a noun ("billions of pounds"), unless it is a
    # gerund ("of attacking", left to _not_an_event) or an infinitive ("to shell").
    after_preposition = previous.lower in PREPOSITIONS and previous.lower != "to"
    return (
        (after_preposition and not tokens[index].lower.endswith("ing"))
        or previous.lower in DETERMINERS
        or previous.lower.endswith(("'s", "’s"))
        or ("-" in previous.text and previous.is_word)
        or _bare_form_in_noun_phrase(tokens, index, pattern)
    )


def _bare_form_in_noun_phrase(tokens: list[Token], index: int, pattern: Pattern) -> bool:
    """An uninflected form after a determiner and modifiers is a noun: 'a drone strike',
    'the air attack'. Past forms ('the militia attacked') stay verbs."""
    if tokens[index].lower not in pattern.bare:
        return False
    for back in range(index - 1, max(index - 3, -1), -1):
        token = tokens[back]
        if token.lower in DETERMINERS or token.lower.endswith(("'s", "’s")):
            return True
        if not token.is_word:
            return False
    return False


def _not_an_event(tokens: list[Token], index: int) -> bool:
    """Infinitives, gerunds that are not participial clauses, and hypotheticals."""
    word = tokens[index].lower
    previous = tokens[index - 1].lower if index > 0 else ""
    before = tokens[index - 2].lower if index > 1 else ""
    if previous == "to" and before not in ASPECTUAL:
        return True
    if _negated(tokens, index):
        return True
    if word.endswith("ing") and index > 0 and not _opens_participle(previous):
        return True
    for back in range(index - 1, -1, -1):
        if tokens[back].text in CLAUSE_PUNCTUATION:
            return False
        if tokens[back].lower in HYPOTHETICAL:
            return True
    return False


def _negated(tokens: list[Token], index: int) -> bool:
    """'did not attack', 'has never been attacked', "won't lift": a negation just before."""
    for back in (index - 1, index - 2):
        if back < 0 or not tokens[back].is_word:
            return False
        word = tokens[back].lower
        if word in NEGATIONS or word.endswith(("n't", "n’t")):
            return True
    return False


def _opens_participle(previous: str) -> bool:
    return previous not in GERUND_PREPOSITIONS and (
        previous in ING_OPENERS or previous in ASPECTUAL
    )


def _without_overlaps(matches: list[Match]) -> list[Match]:
    # At one position an entry that needs an object ("sought ... aid") beats a bare verb, and
    # a longer trigger beats a shorter one.
    ranked = sorted(matches, key=lambda m: (m.first, not m.entry.objects, -(m.last - m.first)))
    kept: list[Match] = []
    for match in ranked:
        if all(match.first > k.last or match.last < k.first for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.first)


# --- one sentence ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What every sentence of one article shares while its events are read."""

    article: Article
    lexicon: Lexicon
    quotes: list[tuple[int, int]]
    index: ArticleIndex
    # Country adjectives ("Russian", "North Korean") to ISO3: "Russian air strikes".
    adjectives: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class View:
    """One sentence with its tokens and the triggers found in it."""

    sentence: Sentence
    tokens: list[Token]
    matches: list[Match]

    def reach(self, match: Match) -> tuple[int, int]:
        """Token range a trigger's participants and place are read from: its clause, cut at
        the neighbouring triggers ("condemned X and appealed to Y")."""
        first, last = clause_bounds(self.tokens, match.first, match.last)
        for other in self.matches:
            if other.last < match.first:
                first = max(first, other.last + 1)
            elif other.first > match.last:
                last = min(last, other.first - 1)
        return first, last


@dataclass(frozen=True)
class Participants:
    source: Mention | None
    target: Mention | None


def participants(scope: Scope, view: View, match: Match) -> Participants:
    tokens = view.tokens
    verb_end = tokens[match.verb_last].end
    agent = by_agent(scope.article, tokens, verb_end, scope.index)
    verb_ends = {tokens[m.verb_last].end for m in view.matches}
    subject = subject_before(
        scope.article,
        view.sentence,
        tokens[match.first].start,
        quotes=scope.quotes,
        verb_ends=verb_ends,
        index=scope.index,
        tokens=tokens,
    )
    if agent is None and _passive(tokens, match.first):
        # "three people were killed": the one acted on may stand before; the actor is unknown.
        return Participants(None, _patient(scope, tokens, match.first))
    if subject is not None and _subject_of_other_clause(tokens, subject, match.first):
        subject = None
    if agent is None:
        target = target_after(scope, view, match, subject)
        return Participants(subject, target or claimant(scope, view, match, subject))
    # "North Korea was accused by Kyiv": the subject is the target. In a reduced relative
    # ("a claim dismissed by the Kremlin") the target is the noun just before, if an actor,
    # else the author of the claim it names.
    if match.first > 0 and tokens[match.first - 1].lower in AUXILIARIES:
        return Participants(agent, subject)
    before = tokens[match.first - 1].end if match.first > 0 else -1
    target = next((m for m in scope.index.mentions if m.end == before), None)
    return Participants(agent, target or claimant(scope, view, match, agent))


def _passive(tokens: list[Token], first: int) -> bool:
    """'were killed', 'has been repeatedly hit': a participle after an auxiliary."""
    if tokens[first].lower.endswith("ing"):
        return False
    return any(
        back >= 0 and tokens[back].lower in AUXILIARIES and _adverbs_only(tokens, back + 1, first)
        for back in (first - 1, first - 2)
    )


def _adverbs_only(tokens: list[Token], start: int, stop: int) -> bool:
    return all(t.lower.endswith("ly") or t.lower in NEGATIONS for t in tokens[start:stop])


def _patient(scope: Scope, tokens: list[Token], first: int) -> Mention | None:
    """The actor a passive is about, standing right before its auxiliaries ('Petrov was
    detained', 'Zenda has been shelled')."""
    position = first - 1
    while position >= 0 and (
        tokens[position].lower in AUXILIARIES
        or tokens[position].lower in PERFECT
        or tokens[position].lower.endswith("ly")
    ):
        position -= 1
    if position < 0 or position == first - 1:
        return None
    end = tokens[position].end
    return next((m for m in scope.index.mentions_in(tokens[0].start, end) if m.end == end), None)


def _subject_of_other_clause(tokens: list[Token], subject: Mention, first: int) -> bool:
    """The mention is the subject of a clause the trigger is not in: 'Seoul said three people
    were killed', 'Moscow turned east after Western countries cut ties'. A pronoun after the
    reporting verb or subordinator keeps it ('Russia said it had expelled ...')."""
    start = token_index(tokens, subject.end)
    if first > 0 and tokens[first - 1].lower in COORDINATORS:
        return False  # "said the launch violated ... and called on": the speaker's act
    for position in range(start, first):
        if tokens[position].lower in CLAUSE_OPENERS:
            return not _pronoun_subject(tokens, position + 1, first)
    return False


def _pronoun_subject(tokens: list[Token], start: int, stop: int) -> bool:
    for token in tokens[start:stop]:
        if token.lower in SUBJECT_PRONOUNS:
            return True
        if not (token.lower in CLAUSE_FILLERS or token.text[:1].isdigit()):
            return False
    return True


def target_after(scope: Scope, view: View, match: Match, source: Mention | None) -> Mention | None:
    """The first actor mention after the trigger's verb, within its reach; else the country
    of a place right after the verb ('urged Pyongyang to stop', 'visited Moscow')."""
    tokens = view.tokens
    last = _object_reach(scope, view, match)
    start, end = tokens[match.verb_last].end, tokens[last].end
    found = next(
        (
            m
            for m in scope.index.mentions_in(start, end)
            if not inside(m.start, scope.quotes)
            and not _names_a_location(scope, tokens, m)
            and not _same_side(scope.index, source, m)
        ),
        None,
    )
    return found or _place_country(scope, view, match, source)


def _object_reach(scope: Scope, view: View, match: Match) -> int:
    """The last token a target may be in: the reach, cut before an infinitive or a relative
    clause that does not open right after the trigger."""
    tokens = view.tokens
    _, last = view.reach(match)
    for position in range(match.last + 2, last + 1):
        token = tokens[position]
        if inside(token.start, scope.quotes):
            continue
        if token.lower in RELATIVES or _infinitive_at(tokens, position):
            return position - 1
    return last


def _infinitive_at(tokens: list[Token], position: int) -> bool:
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    return (
        tokens[position].lower == "to"
        and following is not None
        and following.text.islower()
        and following.is_word
        and following.lower not in DETERMINERS
    )


def _place_country(
    scope: Scope, view: View, match: Match, source: Mention | None
) -> Mention | None:
    place = _object_place(scope, view.tokens, match)
    if place is None or place.country is None:
        return None
    country = next(
        (
            m
            for m in scope.index.mentions
            if (actor := scope.index.actors.get(m.actor_id or "")) is not None
            and actor.kind == "country"
            and actor.country == place.country
        ),
        None,
    )
    return None if country is None or _same_side(scope.index, source, country) else country


def _names_a_location(scope: Scope, tokens: list[Token], mention: Mention) -> bool:
    """'air strikes on villages in southern Lebanon': Lebanon is where, not whom. A country
    after 'at' is aimed at ('fired missiles at Ukraine'): one is 'in' a country."""
    actor = scope.index.actors.get(mention.actor_id or "")
    aimed = actor is not None and _is_country(actor, mention)
    return any(
        p.role == "location"
        and p.start <= mention.start < p.end
        and (position := _locative_position(tokens, p)) is not None
        and not (aimed and tokens[position].lower == "at")
        for p in scope.index.places_in(mention.start - 40, mention.end + 40)
    )


def _same_side(index: ArticleIndex, source: Mention | None, mention: Mention) -> bool:
    """The source itself, or the source's own country ('Zelensky called on Ukraine ...')."""
    if source is None:
        return False
    if source.actor_id == mention.actor_id:
        return True
    source_actor = index.actors.get(source.actor_id or "")
    actor = index.actors.get(mention.actor_id or "")
    return (
        source_actor is not None
        and actor is not None
        and _is_country(actor, mention)
        and actor.country is not None
        and actor.country == source_actor.country
    )


def _is_country(actor: Actor, mention: Mention) -> bool:
    return actor.kind == "country" or mention.kind in COUNTRY_KINDS


def claimant(scope: Scope, view: View, match: Match, source: Mention | None) -> Mention | None:
    """The target of a rejection that names a claim ('rejected the accusation', 'a claim
    dismissed by ...'): the source of the latest claim event before it, else the speaker of
    a reported statement earlier in the sentence."""
    answers = match.entry.answers
    if not answers or not any(t.lower in answers for t in view.tokens):
        return None
    trigger = view.tokens[match.first].start
    source_actor = source.actor_id if source else None
    earlier = [
        e
        for e in scope.article.events
        if e.trigger.start < trigger
        and _opens_claim(scope, e)
        and e.source_actor_id not in (None, source_actor)
    ]
    if earlier:
        return _mention_of(scope, max(earlier, key=lambda e: e.trigger.start).source_actor_id)
    speaker = next(
        (
            q
            for q in reversed(scope.article.quotes)
            if view.sentence.start <= q.start and q.end <= trigger and _spoken_by_other(q, source)
        ),
        None,
    )
    return _mention_of(scope, speaker.speaker_actor_id) if speaker else None


def _opens_claim(scope: Scope, event: Event) -> bool:
    """The event asserts a claim: a claim verb class, followed by its opener when it needs one
    ('was concerned that ...', not 'was concerned by the drills')."""
    openers = scope.lexicon.claim_openers()
    if event.verb_class not in openers:
        return False
    opener = openers[event.verb_class]
    if opener is None:
        return True
    following = WORD.search(scope.article.text, event.trigger.end, event.end)
    last = event.trigger.text.split()[-1].lower() if event.trigger.text.split() else ""
    return opener in (last, following.group().lower() if following else None)


def _spoken_by_other(quote: Quote, source: Mention | None) -> bool:
    return quote.speaker_actor_id is not None and (
        source is None or quote.speaker_actor_id != source.actor_id
    )


def _mention_of(scope: Scope, actor_id: str | None) -> Mention | None:
    return next((m for m in scope.index.mentions if m.actor_id == actor_id), None)


# --- places ---------------------------------------------------------------------------------


def place_for(scope: Scope, view: View, match: Match) -> Place | None:
    """A place named in the trigger's reach (first after the trigger, else the last before);
    for a visit, the place visited."""
    tokens = view.tokens
    if match.entry.place_object:
        visited = _object_place(scope, tokens, match)
        if visited is not None:
            return visited
    first, last = view.reach(match)
    located = [
        p
        for p in scope.index.places_in(tokens[first].start, tokens[last].end)
        if p.role == "location" and is_locative(tokens, p) and not _topic_place(tokens, p)
    ]
    trigger_end = tokens[match.last].end
    after = [p for p in located if p.start >= trigger_end]
    if after:
        return after[0]
    return located[-1] if located else None


def _object_place(scope: Scope, tokens: list[Token], match: Match) -> Place | None:
    position = match.last + 1
    while position < len(tokens) and tokens[position].lower in DETERMINERS:
        position += 1
    if position >= len(tokens):
        return None
    start = tokens[position].start
    return next((p for p in scope.index.places_in(start, tokens[-1].end) if p.start == start), None)


def is_locative(tokens: list[Token], place: Place) -> bool:
    """The place is where something happens: 'in eastern Ukraine', 'near the city of
    Pokrovsk', not an actor ('accused North Korea', 'alongside Russia')."""
    return _locative_position(tokens, place) is not None


def _locative_position(tokens: list[Token], place: Place) -> int | None:
    index = token_index(tokens, place.start)
    for back in range(index - 1, max(index - LOCATIVE_REACH, 0) - 1, -1):
        token = tokens[back]
        if token.lower in LOCATIVE:
            return back
        if not (token.is_word and token.text.islower()):
            return None
    return None


def _topic_place(tokens: list[Token], place: Place) -> bool:
    """'for talks on the war in Ukraine': the place of the topic, not of the event."""
    position = _locative_position(tokens, place)
    if position is None:
        return False
    for back in range(position - 1, max(position - TOPIC_REACH, 0) - 1, -1):
        token = tokens[back]
        if token.lower in TOPIC_PREPOSITIONS:
            return True
        if not (token.is_word and token.text.islower()):
            return False
    return False


def sentence_names_a_place(scope: Scope, view: View) -> bool:
    return any(
        p.role == "location" and is_locative(view.tokens, p)
        for p in scope.index.places_in(view.sentence.start, view.sentence.end)
    )


def confidence(source: Mention | None, target: Mention | None, *, quoted: bool) -> float:
    score = BASE_CONFIDENCE
    score -= NO_SOURCE_PENALTY if source is None else 0.0
    score -= NO_TARGET_PENALTY if target is None else 0.0
    score -= QUOTED_CUE_PENALTY if quoted else 0.0
    return round(max(score, 0.05), 2)


@dataclass(frozen=True)
class Located:
    place: Place | None
    source: PlaceSource


def build_event(
    article: Article,
    sentence: Sentence,
    trigger: Span,
    entry: EventVerb,
    found: Participants,
    located: Located,
    *,
    quoted: bool = False,
) -> Event:
    dated = date_for(article, trigger.start, trigger.end)
    return Event(
        id=f"ev{len(article.events) + 1}",
        start=sentence.start,
        end=sentence.end,
        text=sentence.text,
        trigger=trigger,
        verb_class=entry.class_name,
        cameo=entry.cameo,
        cameo_label=entry.cameo_label,
        plover=entry.plover,
        source_actor_id=found.source.actor_id if found.source else None,
        target_actor_id=found.target.actor_id if found.target else None,
        date=dated.date,
        date_source=dated.source,
        time_id=dated.time_id,
        place_id=located.place.id if located.place else None,
        place_source=located.source,
        confidence=confidence(found.source, found.target, quoted=quoted),
    )


def dateline_place(article: Article) -> Place | None:
    return next((p for p in article.places if p.role == "dateline"), None)


def sentence_events(scope: Scope, sentence: Sentence) -> None:
    article = scope.article
    tokens = tokens_in(article.text, sentence.start, sentence.end)
    matches = [
        m
        for m in sentence_matches(tokens, scope.lexicon)
        if not inside(tokens[m.first].start, scope.quotes)
    ]
    view = View(sentence, tokens, matches)
    nominals = nominal_events(scope, view)
    fallback = None if sentence_names_a_place(scope, view) else dateline_place(article)
    previous: tuple[str | None, Place] | None = None
    recorded: list[tuple[EventVerb, Mention | None]] = []
    for match in matches:
        found = participants(scope, view, match)
        if found.target is None:
            target = _nominal_object(scope, view, match, found, nominals) or _anaphoric_object(
                scope, view, match, found.source
            )
            found = Participants(found.source, target)
        if _reported(tokens, match, found, matches) or (
            match.entry.needs_target and found.target is None
        ):
            continue
        if found.source is None and found.target is None:
            continue  # "three people were killed": no known actor, nothing to record
        source = found.source.actor_id if found.source else None
        place = place_for(scope, view, match)
        if place is None and previous is not None and previous[0] == source:
            place = previous[1]  # "visited Moscow and met Lavrov": one scene
        if place is not None:
            previous = (source, place)
        located = (
            Located(place, "clause")
            if place
            else Located(fallback, "dateline" if fallback else "none")
        )
        trigger = article.span(tokens[match.first].start, tokens[match.last].end)
        article.events.append(build_event(article, sentence, trigger, match.entry, found, located))
        recorded.append((match.entry, found.source))
    for match, found in nominals:
        if any(
            _same_kind(entry, match.entry) and _same_actor(source, found.source)
            for entry, source in recorded
        ):
            continue  # "Russia launched an attack ... the attack": one event
        place = place_for(scope, view, match)
        located = (
            Located(place, "clause")
            if place
            else Located(fallback, "dateline" if fallback else "none")
        )
        trigger = article.span(tokens[match.first].start, tokens[match.last].end)
        article.events.append(build_event(article, sentence, trigger, match.entry, found, located))
        recorded.append((match.entry, found.source))


# Nouns that take up an event named earlier: "welcomed the move", "dismissed the measures".
EVENT_ANAPHORS = word_set(
    "move moves measure measures decision decisions step steps action actions"
)
OBJECT_PRONOUNS = word_set("it them")
# Prepositions that may stand between a verb and its object: "concerned by the drills".
OBJECT_PREPOSITIONS = word_set("by about over at with")


def _anaphoric_object(
    scope: Scope, view: View, match: Match, source: Mention | None
) -> Mention | None:
    """The target a verb's object takes up from earlier: 'urged it to' -> the actor named
    before in the sentence; 'welcomed the move' -> the actor of the article's first event;
    'concerned by the drills' -> the actor of the latest drills."""
    tokens = view.tokens
    position = match.last + 1
    if position < len(tokens) and tokens[position].lower in OBJECT_PREPOSITIONS:
        position += 1
    if position >= len(tokens):
        return None
    if tokens[position].lower in OBJECT_PRONOUNS:
        before = [
            m
            for m in scope.index.mentions_in(view.sentence.start, tokens[match.first].start)
            if m.kind != "pronoun"
            and not inside(m.start, scope.quotes)
            and not _same_side(scope.index, source, m)
        ]
        return before[-1] if before else None
    if tokens[position].lower not in ("the", "these", "this", "those", "such"):
        return None
    noun = position + 1
    if (
        noun + 1 < len(tokens)
        and _modifier(tokens[noun])
        and (tokens[noun + 1].lower in EVENT_ANAPHORS or _nominal_entry(scope, tokens, noun + 1))
    ):
        noun += 1  # "the latest measures", "the military drills"
    entry = _nominal_entry(scope, tokens, noun)
    if entry is None and tokens[noun].lower not in EVENT_ANAPHORS:
        return None
    trigger = tokens[match.first].start
    earlier = [
        e
        for e in scope.article.events
        if e.trigger.start < trigger
        and e.source_actor_id is not None
        and (entry is None or e.verb_class == entry.class_name)
    ]
    if not earlier:
        return None
    chosen = earlier[-1] if entry is not None else earlier[0]
    mention = _mention_of(scope, chosen.source_actor_id)
    if mention is None or _same_side(scope.index, source, mention):
        return None
    return mention


def _nominal_entry(scope: Scope, tokens: list[Token], position: int) -> EventVerb | None:
    words = [t.lower for t in tokens]
    found = scope.lexicon.nominals.at(words, position)
    return found[0][1].entry if found else None


def _same_kind(one: EventVerb, other: EventVerb) -> bool:
    return one.class_name == other.class_name or (
        one.plover is not None and one.plover == other.plover
    )


def _same_actor(one: Mention | None, other: Mention | None) -> bool:
    return one is None or other is None or one.actor_id == other.actor_id


# --- nominal events -------------------------------------------------------------------------

# Prepositions after an event noun that introduce its target: "air strikes on Gaza".
NOMINAL_TARGET_PREPOSITIONS = word_set("on against around targeting into at upon")
# How many tokens after such a preposition the target may stand.
NOMINAL_REACH = 6
# How many modifiers may stand between an actor and its event noun: "Russia's latest drone
# attack", "Chinese military drills".
NOMINAL_MODIFIERS = 2
POSSESSIVE_PRONOUNS = word_set("his her its their our")
VERB_WORDS = word_set("do does did will would could should can may might must to")


def nominal_events(scope: Scope, view: View) -> list[tuple[Match, Participants]]:
    """Event nouns with a clear actor: "Russia's attack on Ukraine", "an attack by X on Y",
    "the invasion of Ukraine (by Russia)", "Israeli air strikes", "talks between X and Y".
    A noun with no actor attached ("the attack", "drone strikes on power plants") is none."""
    tokens = view.tokens
    words = [t.lower for t in tokens]
    found: list[tuple[Match, Participants]] = []
    taken = view.matches
    after = 0
    for position in scope.lexicon.nominals.starts(words):
        candidates = scope.lexicon.nominals.at(words, position)
        if position < after or not candidates or inside(tokens[position].start, scope.quotes):
            continue
        size, pattern = candidates[0]
        match = Match(pattern.entry, position, position + size - 1, position + size - 1)
        after = position + size
        if any(not (match.last < m.first or match.first > m.last) for m in taken):
            continue
        if match.first > 0 and (
            tokens[match.first - 1].lower == "to" or _negated(tokens, match.first)
        ):
            continue  # "did not attack", "to attack": a verb
        participants_ = _nominal_participants(scope, view, match)
        if participants_ is not None:
            found.append((match, participants_))
    return found


def _nominal_participants(scope: Scope, view: View, match: Match) -> Participants | None:
    tokens = view.tokens
    after = match.last + 1
    following = tokens[after].lower if after < len(tokens) else ""
    if following == "between":
        first = _mention_from(scope, view, after + 1, 3)
        if first is None:
            return None
        rest = token_index(tokens, first.end)
        if rest < len(tokens) and tokens[rest].lower == "and":
            second = _mention_from(scope, view, rest + 1, 3)
            if second is not None and second.actor_id != first.actor_id:
                return Participants(first, second)
        return None
    source = _premodifier(scope, view, match.first) or _accused_actor(scope, view, match.first)
    target: Mention | None = None
    end = tokens[match.last].end
    if following == "of":
        target = _mention_from(scope, view, after + 1, 3)
        if target is not None:
            end = target.end
    agent = by_agent(scope.article, tokens, end, scope.index)
    if agent is not None:
        source = source or agent
        end = agent.end
    if target is None:
        target = _nominal_target(scope, view, end, source)
    if source is not None and target is not None and _same_side(scope.index, source, target):
        target = None
    if source is None and (following != "of" or not _patient_person(scope, target)):
        return None  # "the arrest of Petrov" has a target; "the attack" has no actor
    return Participants(source, target)


# Gerunds that only carry an event noun: "accused the RSF of launching a drone strike".
LIGHT_GERUNDS = word_set("launching carrying conducting staging mounting waging")


def _accused_actor(scope: Scope, view: View, first: int) -> Mention | None:
    """'accused X of launching a drone strike', 'blamed X for carrying out the attack': the
    one accused is the actor of the event noun."""
    tokens = view.tokens
    position = first - 1
    while position >= 0 and (tokens[position].lower in DETERMINERS or _modifier(tokens[position])):
        if first - position > NOMINAL_MODIFIERS + 2:
            return None
        position -= 1
    if position >= 0 and tokens[position].lower == "out":
        position -= 1  # "carrying out"
    if position < 2 or tokens[position].lower not in LIGHT_GERUNDS:
        return None
    if tokens[position - 1].lower not in ("of", "for"):
        return None
    ends = {tokens[position - 2].end}
    if tokens[position - 2].text == ")":  # "the Rapid Support Forces (RSF) of launching"
        opening = next((i for i in range(position - 3, 0, -1) if tokens[i].text == "("), None)
        if opening is not None:
            ends |= {tokens[opening - 1].end, tokens[position - 3].end}
    return next(
        (
            m
            for m in scope.index.mentions_in(view.sentence.start, max(ends))
            if m.end in ends and m.kind != "pronoun"
        ),
        None,
    )


def _patient_person(scope: Scope, target: Mention | None) -> bool:
    """'the arrest of Petrov' is an event without its actor; 'the invasion of Ukraine', a
    country long since named, is background."""
    actor = scope.index.actors.get(target.actor_id or "") if target else None
    return actor is not None and actor.kind in ("person", "group")


def _premodifier(scope: Scope, view: View, first: int) -> Mention | None:
    """The actor named before an event noun, over at most two lowercase modifiers: a
    possessive ("Russia's attack", "its drills"), an actor noun ("Hamas attack") or a
    country adjective ("Israeli air strikes", with the country as the actor)."""
    tokens = view.tokens
    position, budget = first - 1, NOMINAL_MODIFIERS
    while position >= 0 and budget > 0:
        if _modifier(tokens[position]):
            position, budget = position - 1, budget - 1
        elif _coordinated_modifier(tokens, position):
            position -= 2  # "missile and drone strikes": coordinated modifiers count as one
        else:
            break
    if position < 0 or (budget == 0 and _modifier(tokens[position])):
        return None
    token = tokens[position]
    if inside(token.start, scope.quotes):
        return None
    mentions = scope.index.mentions_in(view.sentence.start, token.end)
    if token.lower.endswith(("'s", "’s")):
        return next((m for m in mentions if m.end == token.end - 2), None)
    if token.lower in POSSESSIVE_PRONOUNS:
        return next((m for m in mentions if m.start == token.start), None)
    if not token.text[:1].isupper():
        return None
    ending = next((m for m in mentions if m.end == token.end), None)
    if ending is not None:
        return None if ending.kind in ("capital", "pronoun") else ending
    return _adjective_country(scope, tokens, position)


def _coordinated_modifier(tokens: list[Token], position: int) -> bool:
    """'and' in 'missile and drone strikes': a coordinator between two modifiers."""
    return (
        position > 0
        and tokens[position].lower in COORDINATORS
        and _modifier(tokens[position - 1])
        and _modifier(tokens[position + 1])
    )


def _modifier(token: Token) -> bool:
    word = token.lower
    return (
        token.is_word
        and token.text.islower()
        and word not in DETERMINERS
        and word not in PREPOSITIONS
        and word not in CLAUSE_OPENERS
        and word not in AUXILIARIES
        and word not in PERFECT
        and word not in COORDINATORS
        and word not in POSSESSIVE_PRONOUNS
        and word not in NEGATIONS
        and word not in VERB_WORDS
        and not word.endswith(("ed", "ing", "n't", "n’t"))
    )


def _adjective_country(scope: Scope, tokens: list[Token], position: int) -> Mention | None:
    iso3 = None
    if position > 0:
        iso3 = scope.adjectives.get(f"{tokens[position - 1].text} {tokens[position].text}")
    iso3 = iso3 or scope.adjectives.get(tokens[position].text)
    if iso3 is None:
        return None
    # The country itself, else a body of it ("Chinese military drills": the Chinese military).
    of_country = [
        (actor.kind != "country", m.start, m)
        for m in scope.index.mentions
        if (actor := scope.index.actors.get(m.actor_id or "")) is not None
        and actor.country == iso3
        and actor.kind in ("country", "organisation", "military", "government")
    ]
    return min(of_country, key=lambda item: item[:2])[2] if of_country else None


def _mention_from(scope: Scope, view: View, position: int, reach: int) -> Mention | None:
    """The first actor mention starting within ``reach`` tokens from ``position``, over
    lowercase words only."""
    tokens = view.tokens
    for offset in range(position, min(position + reach, len(tokens))):
        token = tokens[offset]
        found = next(
            (
                m
                for m in scope.index.mentions_in(token.start, view.sentence.end)
                if m.start == token.start and not inside(m.start, scope.quotes)
            ),
            None,
        )
        if found is not None:
            return found
        if not (token.is_word and token.text.islower()):
            return None
    return None


def _nominal_target(scope: Scope, view: View, end: int, source: Mention | None) -> Mention | None:
    """'air strikes on Gaza', 'drills around Taiwan': an actor, or a place's country."""
    tokens = view.tokens
    position = token_index(tokens, end)
    if position >= len(tokens) or tokens[position].lower not in NOMINAL_TARGET_PREPOSITIONS:
        return None
    stop = position + 1
    while (
        stop < len(tokens) - 1
        and stop - position < NOMINAL_REACH
        and tokens[stop + 1].text not in OBJECT_STOPS
    ):
        stop += 1
    start, last = tokens[position].end, tokens[stop].end
    found = next(
        (
            m
            for m in scope.index.mentions_in(start, last)
            if not inside(m.start, scope.quotes) and not _same_side(scope.index, source, m)
        ),
        None,
    )
    if found is not None:
        return found
    place = next((p for p in scope.index.places_in(start, last) if p.country), None)
    if place is None:
        return None
    return next(
        (
            m
            for m in scope.index.mentions
            if (actor := scope.index.actors.get(m.actor_id or "")) is not None
            and actor.kind == "country"
            and actor.country == place.country
            and not _same_side(scope.index, source, m)
        ),
        None,
    )


def _nominal_object(
    scope: Scope,
    view: View,
    match: Match,
    found: Participants,
    nominals: list[tuple[Match, Participants]],
) -> Mention | None:
    """A verb whose object is an event noun with an actor targets that actor: "condemned
    Israeli air strikes" -> Israel."""
    if not nominals:
        return None
    last = _object_reach(scope, view, match)
    for nominal, participants_ in nominals:
        if (
            match.last < nominal.first <= last
            and participants_.source is not None
            and not _same_side(scope.index, found.source, participants_.source)
        ):
            return participants_.source
    return None


def _reported(tokens: list[Token], match: Match, found: Participants, matches: list[Match]) -> bool:
    """An event inside what another verb asserts: 'claimed that Sylvania shelled Zenda'.

    Its subject stands after an earlier claim verb of the sentence; a verb coordinated with
    the claim verb ('accused X of ... and appealed') keeps the claimant as subject.
    """
    source = found.source
    if source is None or source.start > tokens[match.first].start:  # a by-agent
        return False
    return any(
        _asserts_claim(tokens, other)
        and other.first < match.first
        and tokens[other.verb_last].end <= source.start
        for other in matches
    )


def _asserts_claim(tokens: list[Token], match: Match) -> bool:
    """The match opens a claim: a claim verb, followed by its opener when it needs one."""
    opener = match.entry.claim_opener
    if not match.entry.claim or opener is None:
        return match.entry.claim
    following = tokens[match.last + 1].lower if match.last + 1 < len(tokens) else None
    return opener in (tokens[match.last].lower, following)


# --- quoted dismissals ----------------------------------------------------------------------


def quoted_events(scope: Scope) -> None:
    """Quotations that dismiss something ('fake news') are events of their speaker."""
    body = {(s.start, s.end) for s in body_sentences(scope.article)}
    for start, end in scope.quotes:
        sentence = sentence_at(scope.article, start)
        if sentence is None or (sentence.start, sentence.end) not in body:
            continue
        event = _quoted_event(scope, sentence, (start, end))
        if event is not None:
            scope.article.events.append(event)


def _quoted_event(scope: Scope, sentence: Sentence, region: tuple[int, int]) -> Event | None:
    """An event for the first dismissal in the quotation, unless its sentence already has an
    event of the same kind ('dismissed by the Kremlin as "fake news"', 'denied ..., calling
    the accusation "fabricated"' are one rejection each)."""
    article = scope.article
    found = _phrase_match(tokens_in(article.text, *region), scope.lexicon.quoted)
    if found is None:
        return None
    entry, start, end = found
    trigger = article.span(start, end)
    if any(
        e.start == sentence.start
        and (e.verb_class == entry.class_name or (entry.plover and e.plover == entry.plover))
        for e in article.events
    ):
        return None
    source = speaker_of(article, sentence, region[0], scope.quotes)
    fallback = dateline_place(article)
    located = Located(fallback, "dateline" if fallback else "none")
    return build_event(
        article, sentence, trigger, entry, Participants(source, None), located, quoted=True
    )


def _phrase_match(
    tokens: list[Token], phrases: PhraseIndex[Pattern]
) -> tuple[EventVerb, int, int] | None:
    """The first phrase of the index in ``tokens``: its entry and article offsets."""
    words = [t.lower for t in tokens]
    for index in range(len(tokens)):
        for size, pattern in phrases.at(words, index):
            return pattern.entry, tokens[index].start, tokens[index + size - 1].end
    return None


def speaker_of(
    article: Article, sentence: Sentence, offset: int, quotes: list[tuple[int, int]]
) -> Mention | None:
    """The speaker of the quotation at ``offset``: from the quotes stage, else the subject."""
    quote = next((q for q in article.quotes if q.start <= offset + 1 and offset < q.end), None)
    if quote is not None and quote.speaker_actor_id is not None:
        mention = next((m for m in article.mentions if m.id == quote.speaker_mention_id), None)
        return mention or _actor_mention(article, quote.speaker_actor_id)
    return first_subject(article, sentence, quotes)


def _actor_mention(article: Article, actor_id: str) -> Mention | None:
    return next((m for m in article.mentions if m.actor_id == actor_id), None)


def country_adjectives(ctx: Context) -> dict[str, str]:
    """Country adjectives of the knowledge base ("Russian", "North Korean") to ISO3."""

    def build() -> dict[str, str]:
        return {
            adjective: country.iso3
            for country in knowledge_base(ctx).countries
            for adjective in country.adjectives
        }

    return ctx.resource("events.adjectives", build)


def extract_events(article: Article, ctx: Context) -> Article:
    article.events = []
    scope = Scope(
        article,
        event_lexicon(ctx),
        quoted_regions(article),
        ArticleIndex(article),
        country_adjectives(ctx),
    )
    for sentence in body_sentences(article):
        sentence_events(scope, sentence)
    quoted_events(scope)
    article.events.sort(key=lambda e: (e.start, e.trigger.start))
    for number, event in enumerate(article.events, 1):
        event.id = f"ev{number}"
    return article


STAGE = Stage(
    name="events",
    version=VERSION,
    requires=("sentences", "mentions", "actors", "times", "places", "quotes"),
    assigns=("events",),
    run=extract_events,
    description="CAMEO/PLOVER-coded events from a verb lexicon, with source, target, date, place",
)
