"""Events: who did what to whom, coded with CAMEO and PLOVER from a verb lexicon.

The lexicon (``event_verbs.yaml``) maps verb phrases to codes. The default language backend
has no tagger or parser, so the stage reads words and punctuation directly and finds the
actors around a trigger with a few positional rules:

- the source is the clause's subject: the nearest actor mention before the trigger that is
  not inside a prepositional phrase, not the object of an earlier verb, and not quoted. A
  participial clause (", claiming another village") or a coordinated verb ("... and
  appealed") thus falls back to the main clause's subject;
- a passive ("a claim dismissed by the Kremlin") takes its by-agent as the source;
- the target is the first actor mention after the trigger in the same clause.

Events are read from paragraph sentences only, never from inside quotations (the speaker of
'"we are fighting"' is not the author's actor), from infinitives ("to fight") or from gerunds
after a preposition ("accused X of sending"): those are reported or intended, not events.
A quotation that dismisses something ("fake news") is an event of its speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sitrep.datafiles import load_entries
from sitrep.dating import date_for
from sitrep.lexicon import verb_forms
from sitrep.lookup import body_sentences, sentence_at
from sitrep.records import Article, Event, Mention, Place, Sentence, Span
from sitrep.registry import Context, Stage

VERSION = "events.v1"


def word_set(words: str) -> frozenset[str]:
    """A closed class of words, written as one space-separated string."""
    return frozenset(words.split())


WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
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
# Infinitives after these are ongoing events, not intentions: "continued to shell".
ASPECTUAL = word_set(
    "continue continues continued continuing began begin begins start started starts keep "
    "keeps kept resumed resume resumes"
)
LOCATIVE = word_set(
    "in near at around outside inside across into towards toward throughout within off along"
)
# How many lowercase words may stand between a locative preposition and the place name.
LOCATIVE_REACH = 5
AUXILIARIES = word_set("is are was were be been being get gets got")
SUBORDINATORS = word_set(
    "if whether that when while because although though as after before since unless"
)
HYPOTHETICAL = word_set("if whether unless")
CLAUSE_PUNCTUATION = frozenset(",;:—–()")
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
    objects: list[str] = Field(default_factory=list)
    window: int = Field(default=3, ge=1, le=10)
    nouns: list[str] = Field(default_factory=list)
    quoted: list[str] = Field(default_factory=list)
    cameo: str = Field(pattern=r"^\d{2,4}$")
    cameo_label: str
    plover: str | None = None
    claim: bool = False
    claim_opener: str | None = None

    @property
    def class_name(self) -> str:
        return self.verb_class or self.id


@dataclass(frozen=True)
class Pattern:
    entry: EventVerb
    words: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    patterns: tuple[Pattern, ...]
    quoted: tuple[Pattern, ...]
    entries: tuple[EventVerb, ...]

    def claim_openers(self) -> dict[str, str | None]:
        """Verb classes that assert a claim, with the word their complement must open with."""
        return {e.class_name: e.claim_opener for e in self.entries if e.claim}


@dataclass(frozen=True)
class Token:
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
        return Lexicon(
            patterns=tuple(_verb_patterns(entries)),
            quoted=tuple(
                Pattern(e, tuple(phrase.lower().split())) for e in entries for phrase in e.quoted
            ),
            entries=tuple(entries),
        )

    return ctx.resource("events.lexicon", build)


def _verb_patterns(entries: list[EventVerb]) -> list[Pattern]:
    return [
        Pattern(entry, tuple(form.lower().split()))
        for entry in entries
        for lemma in entry.verbs
        for form in sorted(verb_forms(lemma))
        if form not in entry.nouns
    ]


# --- text helpers, shared with the claims stage ---------------------------------------------


def tokens_in(text: str, start: int, end: int) -> list[Token]:
    """Words and punctuation of ``text[start:end]`` with article offsets."""
    return [
        Token(m.group(), m.group().lower(), start + m.start(), start + m.end())
        for m in WORD.finditer(text[start:end])
    ]


def quoted_regions(article: Article) -> list[tuple[int, int]]:
    """Stretches inside quotation marks, paired within each section, plus quote records."""
    regions = [(q.start, q.end) for q in article.quotes if q.kind in ("direct", "partial")]
    for section in article.sections:
        regions.extend(_paired_quotes(article.text, section.start, section.end))
    return regions


def _paired_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    regions = []
    opening: tuple[int, str] | None = None
    for index in range(start, end):
        char = text[index]
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
    return next((i for i, t in enumerate(tokens) if t.start >= offset), len(tokens))


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
    previous = [t for t in tokens[:index] if t.lower not in DETERMINERS]
    if not previous:
        return False
    last = previous[-1]
    return last.end in verb_ends or (
        last.text.islower() and last.lower.endswith("ed") and len(last.lower) > 4
    )


def subject_before(
    article: Article,
    sentence: Span,
    offset: int,
    *,
    quotes: list[tuple[int, int]],
    verb_ends: set[int] | None = None,
) -> Mention | None:
    """The nearest subject-like actor mention of ``sentence`` before ``offset``."""
    tokens = tokens_in(article.text, sentence.start, sentence.end)
    candidates = [
        m
        for m in article.mentions
        if sentence.start <= m.start and m.end <= offset and m.actor_id is not None
    ]
    for mention in sorted(candidates, key=lambda m: m.start, reverse=True):
        if inside(mention.start, quotes) or in_prepositional_phrase(tokens, mention):
            continue
        if follows_verb(tokens, mention, verb_ends or set()):
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
            for m in sorted(article.mentions, key=lambda m: m.start)
            if sentence.start <= m.start
            and m.end <= sentence.end
            and m.actor_id is not None
            and not inside(m.start, quotes)
            and not in_prepositional_phrase(tokens, m)
            and not _opens_subordinate_clause(tokens, m)
        ),
        None,
    )


def _opens_subordinate_clause(tokens: list[Token], mention: Mention) -> bool:
    """'asked if North Korea was ...': the subject of a subordinate clause, not the speaker."""
    index = token_index(tokens, mention.start)
    return index > 0 and tokens[index - 1].lower in SUBORDINATORS


def by_agent(article: Article, tokens: list[Token], after: int) -> Mention | None:
    """The agent of a passive: 'dismissed by the Kremlin' -> the Kremlin's mention."""
    index = token_index(tokens, after)
    if index >= len(tokens) or tokens[index].lower != "by":
        return None
    window_end = tokens[min(index + 3, len(tokens) - 1)].end
    return next(
        (
            m
            for m in sorted(article.mentions, key=lambda m: m.start)
            if tokens[index].end <= m.start < window_end and m.actor_id is not None
        ),
        None,
    )


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
    found = [
        match
        for index in range(len(tokens))
        for pattern in lexicon.patterns
        if (match := _match_at(tokens, index, pattern)) is not None
    ]
    return _without_overlaps(found)


def _match_at(tokens: list[Token], index: int, pattern: Pattern) -> Match | None:
    words = pattern.words
    if tuple(t.lower for t in tokens[index : index + len(words)]) != words:
        return None
    if _looks_like_noun(tokens, index) or _not_an_event(tokens, index):
        return None
    verb_last = index + len(words) - 1
    if not pattern.entry.objects:
        return Match(pattern.entry, index, verb_last, verb_last)
    for offset in range(verb_last + 1, min(verb_last + 1 + pattern.entry.window, len(tokens))):
        if not tokens[offset].is_word:
            return None
        if tokens[offset].lower in pattern.entry.objects:
            return Match(pattern.entry, index, verb_last, offset)
    return None


def _looks_like_noun(tokens: list[Token], index: int) -> bool:
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
    )


def _not_an_event(tokens: list[Token], index: int) -> bool:
    """Infinitives, gerunds after prepositions, and hypotheticals are not events."""
    word = tokens[index].lower
    previous = tokens[index - 1].lower if index > 0 else ""
    before = tokens[index - 2].lower if index > 1 else ""
    if previous == "to" and before not in ASPECTUAL:
        return True
    if word.endswith("ing") and previous in GERUND_PREPOSITIONS:
        return True
    start, _ = clause_bounds(tokens, index, index)
    return any(t.lower in HYPOTHETICAL for t in tokens[start:index])


def _without_overlaps(matches: list[Match]) -> list[Match]:
    # At one position an entry that needs an object ("sought ... aid") beats a bare verb, and
    # a longer trigger beats a shorter one.
    ranked = sorted(matches, key=lambda m: (m.first, not m.entry.objects, -(m.last - m.first)))
    kept: list[Match] = []
    for match in ranked:
        if all(match.first > k.last or match.last < k.first for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.first)


# --- building events ------------------------------------------------------------------------


@dataclass(frozen=True)
class Participants:
    source: Mention | None
    target: Mention | None


def participants(
    article: Article,
    sentence: Sentence,
    tokens: list[Token],
    match: Match,
    *,
    quotes: list[tuple[int, int]],
    verb_ends: set[int],
) -> Participants:
    verb_end = tokens[match.verb_last].end
    agent = by_agent(article, tokens, verb_end)
    subject = subject_before(
        article, sentence, tokens[match.first].start, quotes=quotes, verb_ends=verb_ends
    )
    if agent is None:
        return Participants(subject, target_after(article, tokens, match, subject))
    # "North Korea was accused by Kyiv": the subject is the target. In a reduced relative
    # ("a claim dismissed by the Kremlin") the target is the noun just before, if an actor.
    if match.first > 0 and tokens[match.first - 1].lower in AUXILIARIES:
        return Participants(agent, subject)
    before = tokens[match.first - 1].end if match.first > 0 else -1
    return Participants(agent, next((m for m in article.mentions if m.end == before), None))


def target_after(
    article: Article, tokens: list[Token], match: Match, source: Mention | None
) -> Mention | None:
    """The first actor mention after the trigger's verb, within its clause."""
    _, last = clause_bounds(tokens, match.first, match.verb_last)
    start, end = tokens[match.verb_last].end, tokens[last].end
    source_actor = source.actor_id if source else None
    return next(
        (
            m
            for m in sorted(article.mentions, key=lambda m: m.start)
            if start <= m.start
            and m.end <= end
            and m.actor_id is not None
            and m.actor_id != source_actor
        ),
        None,
    )


def place_for(
    article: Article, tokens: list[Token], match: Match
) -> tuple[Place | None, PlaceSource]:
    """A place named in the trigger's clause (first after the trigger, else the last
    before), else the dateline's place."""
    first, last = clause_bounds(tokens, match.first, match.last)
    start, end = tokens[first].start, tokens[last].end
    trigger_end = tokens[match.last].end
    located = [
        p
        for p in article.places
        if p.role == "location" and start <= p.start and p.end <= end and is_locative(tokens, p)
    ]
    after = [p for p in located if p.start >= trigger_end]
    if after or located:
        return (min(after, key=lambda p: p.start) if after else located[-1]), "clause"
    dateline = next((p for p in article.places if p.role == "dateline"), None)
    return (dateline, "dateline") if dateline else (None, "none")


def is_locative(tokens: list[Token], place: Place) -> bool:
    """The place is where something happens: 'in eastern Ukraine', 'near the city of
    Pokrovsk', not an actor ('accused North Korea', 'alongside Russia')."""
    index = token_index(tokens, place.start)
    for token in reversed(tokens[max(index - LOCATIVE_REACH, 0) : index]):
        if token.lower in LOCATIVE:
            return True
        if not (token.is_word and token.text.islower()):
            return False
    return False


def confidence(source: Mention | None, target: Mention | None, *, quoted: bool) -> float:
    score = BASE_CONFIDENCE
    score -= NO_SOURCE_PENALTY if source is None else 0.0
    score -= NO_TARGET_PENALTY if target is None else 0.0
    score -= QUOTED_CUE_PENALTY if quoted else 0.0
    return round(max(score, 0.05), 2)


def build_event(
    article: Article,
    sentence: Sentence,
    tokens: list[Token],
    match: Match,
    found: Participants,
    *,
    quoted: bool = False,
) -> Event:
    trigger = article.span(tokens[match.first].start, tokens[match.last].end)
    dated = date_for(article, trigger.start, trigger.end)
    place, place_source = place_for(article, tokens, match)
    entry = match.entry
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
        place_id=place.id if place else None,
        place_source=place_source,
        confidence=confidence(found.source, found.target, quoted=quoted),
    )


def sentence_events(
    article: Article, sentence: Sentence, lexicon: Lexicon, quotes: list[tuple[int, int]]
) -> None:
    tokens = tokens_in(article.text, sentence.start, sentence.end)
    matches = [
        m for m in sentence_matches(tokens, lexicon) if not inside(tokens[m.first].start, quotes)
    ]
    verb_ends = {tokens[m.verb_last].end for m in matches}
    for match in matches:
        found = participants(article, sentence, tokens, match, quotes=quotes, verb_ends=verb_ends)
        if not _reported(tokens, match, found, matches):
            article.events.append(build_event(article, sentence, tokens, match, found))


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


def quoted_events(article: Article, lexicon: Lexicon, quotes: list[tuple[int, int]]) -> None:
    """Quotations that dismiss something ('fake news') are events of their speaker."""
    body = body_sentences(article)
    for start, end in sorted(set(quotes)):
        sentence = sentence_at(article, start)
        if sentence is None or sentence not in body:
            continue
        for pattern in lexicon.quoted:
            event = _quoted_event(article, sentence, (start, end), pattern, quotes)
            if event is not None:
                article.events.append(event)


def _quoted_event(
    article: Article,
    sentence: Sentence,
    region: tuple[int, int],
    pattern: Pattern,
    quotes: list[tuple[int, int]],
) -> Event | None:
    """An event for ``pattern`` in the quotation, unless its sentence already has one of its
    class ('dismissed by the Kremlin as "fake news"' is one rejection)."""
    match = _phrase_match(tokens_in(article.text, *region), pattern)
    if match is None or any(
        e.start == sentence.start and e.verb_class == pattern.entry.class_name
        for e in article.events
    ):
        return None
    tokens = tokens_in(article.text, sentence.start, sentence.end)
    placed = Match(
        match.entry,
        token_index(tokens, match.start),
        token_index(tokens, match.start),
        token_index(tokens, match.end) - 1,
    )
    source = speaker_of(article, sentence, region[0], quotes)
    return build_event(article, sentence, tokens, placed, Participants(source, None), quoted=True)


@dataclass(frozen=True)
class PhraseMatch:
    entry: EventVerb
    start: int
    end: int


def _phrase_match(tokens: list[Token], pattern: Pattern) -> PhraseMatch | None:
    """The first place ``tokens`` hold the pattern's words, as article offsets."""
    size = len(pattern.words)
    for index in range(len(tokens) - size + 1):
        if tuple(t.lower for t in tokens[index : index + size]) == pattern.words:
            return PhraseMatch(pattern.entry, tokens[index].start, tokens[index + size - 1].end)
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


def extract_events(article: Article, ctx: Context) -> Article:
    lexicon = event_lexicon(ctx)
    quotes = quoted_regions(article)
    article.events = []
    for sentence in body_sentences(article):
        sentence_events(article, sentence, lexicon, quotes)
    quoted_events(article, lexicon, quotes)
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
