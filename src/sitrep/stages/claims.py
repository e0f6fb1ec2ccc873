"""Claims and stances: what actors assert, and who later supports or denies it.

An accusation or assertion event (a lexicon entry with ``claim: true``) makes a
:class:`Claim` of its complement ("accused North Korea of *sending ... in the war*") with an
``assert`` stance by the accuser. Sentences with a support or deny cue (``stance_cues.yaml``)
then attach a stance to the claim they refer to: by anaphora ("a claim dismissed by ...") to
the most recent claim, or else by overlap of actors and content words with a claim. The
stance's actor is the by-agent of a passive cue, the speaker of a quoted cue, or the subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sitrep.datafiles import load_entries
from sitrep.lexicon import verb_forms
from sitrep.lookup import body_sentences
from sitrep.records import Article, Claim, Event, Mention, Sentence, Stance, StancePolarity
from sitrep.registry import Context, Stage
from sitrep.stages.events import (
    Token,
    by_agent,
    event_lexicon,
    inside,
    quoted_regions,
    speaker_of,
    subject_before,
    token_index,
    tokens_in,
    word_set,
)

VERSION = "claims.v1"

# Words that open a complement after the accused: "accused X of ...", "blamed X for ...".
COMPLEMENT_OPENERS = word_set("of for that over")
# How many words (a determiner, a title) may come between the trigger and the accused.
TARGET_REACH = 2
COORDINATORS = word_set("and but")
STOPWORDS = word_set(
    "a an the of to in on at for by with from and or but is are was were be been being "
    "this that these those it its their his her our we they he she as if about into than "
    "then so such not no also has have had will would could should may might do does did"
)
# Overlap needed to tie a stance to a claim without an anaphor: shared content words count
# one each, shared actors two (an actor named in both is strong evidence).
OVERLAP_THRESHOLD = 3
ACTOR_WEIGHT = 2
ANAPHOR_CONFIDENCE = 0.8
OVERLAP_CONFIDENCE = 0.6
NO_ACTOR_PENALTY = 0.25
# A cue this close after one of the same polarity continues it ('dismissed ... as "lies"').
CONTINUATION_TOKENS = 7
QUOTE_MARKS = "\"'“”‘’«» "

CueKind = Literal["support", "deny", "anaphor", "synonyms"]


class StanceCue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    kind: CueKind
    phrases: list[str]
    verb: bool = False


@dataclass(frozen=True)
class CuePattern:
    words: tuple[str, ...]
    polarity: StancePolarity
    verb: bool


@dataclass(frozen=True)
class CueLexicon:
    cues: tuple[CuePattern, ...]
    anaphors: tuple[tuple[str, ...], ...]
    synonyms: dict[str, str]


@dataclass(frozen=True)
class CueMatch:
    pattern: CuePattern
    first: int
    last: int


def cue_lexicon(ctx: Context) -> CueLexicon:
    def build() -> CueLexicon:
        entries = load_entries(
            "stance_cues.yaml", StanceCue, key=lambda e: e.id, data_dirs=ctx.options.data_dirs
        )
        return CueLexicon(
            cues=tuple(_cue_patterns(entries)),
            anaphors=tuple(
                tuple(p.lower().split()) for e in entries if e.kind == "anaphor" for p in e.phrases
            ),
            synonyms={
                p.lower(): e.phrases[0].lower()
                for e in entries
                if e.kind == "synonyms"
                for p in e.phrases
            },
        )

    return ctx.resource("claims.cues", build)


def _cue_patterns(entries: list[StanceCue]) -> list[CuePattern]:
    patterns: list[CuePattern] = []
    for entry in entries:
        if entry.kind not in ("support", "deny"):
            continue
        polarity: StancePolarity = "support" if entry.kind == "support" else "deny"
        for phrase in entry.phrases:
            forms = verb_forms(phrase) if entry.verb else frozenset({phrase})
            patterns.extend(
                CuePattern(tuple(f.lower().split()), polarity, entry.verb) for f in sorted(forms)
            )
    # Longest first, so "highly likely" is found before "likely".
    return sorted(patterns, key=lambda p: -len(p.words))


# --- claims from events ---------------------------------------------------------------------


@dataclass(frozen=True)
class Complement:
    """What an accusation or assertion asserts: offsets, and the word that opened it."""

    start: int
    end: int
    opener: str | None


def complement_of(article: Article, event: Event, required: str | None) -> Complement | None:
    """The asserted content after the trigger (and after the accused, unless a that-clause
    follows directly); ``required`` is the opener the lexicon entry insists on."""
    tokens = tokens_in(article.text, event.start, event.end)
    index = token_index(tokens, event.trigger.end)
    # "claimed that": the lexicon's trigger may end with the opener itself.
    opener = _opener_at(tokens, token_index(tokens, event.trigger.end) - 1)
    if opener is None and _opener_at(tokens, index) is None:
        target = _target_mention(article, event, tokens, index)
        index = token_index(tokens, target.end) if target is not None else index
    if opener is None and (opener := _opener_at(tokens, index)) is not None:
        index += 1
    if required is not None and opener != required:
        return None
    end = _complement_end(article, event, tokens, index)
    if index >= end:
        return None
    start, stop = _without_quote_marks(article.text, tokens[index].start, tokens[end - 1].end)
    return Complement(start, stop, opener) if start < stop else None


def _opener_at(tokens: list[Token], index: int) -> str | None:
    inside_sentence = 0 <= index < len(tokens)
    return (
        tokens[index].lower
        if inside_sentence and tokens[index].lower in COMPLEMENT_OPENERS
        else None
    )


def _without_quote_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in QUOTE_MARKS:
        start += 1
    while end > start and text[end - 1] in QUOTE_MARKS:
        end -= 1
    return start, end


def _target_mention(
    article: Article, event: Event, tokens: list[Token], index: int
) -> Mention | None:
    """The accused right after the trigger ("accused (the) Kremlin of"), if any."""
    if index >= len(tokens):
        return None
    reach = tokens[min(index + TARGET_REACH, len(tokens) - 1)].start
    return next(
        (
            m
            for m in sorted(article.mentions, key=lambda m: m.start)
            if tokens[index].start <= m.start <= reach
            and (m.actor_id == event.target_actor_id or m.start == tokens[index].start)
        ),
        None,
    )


def _complement_end(article: Article, event: Event, tokens: list[Token], index: int) -> int:
    """Token index where the complement stops: clause punctuation or the next event's verb."""
    later_triggers = {
        e.trigger.start for e in article.events if e.start == event.start and e is not event
    }
    end = index
    while (
        end < len(tokens)
        and tokens[end].text not in ",;:.!?"
        and (tokens[end].start not in later_triggers)
    ):
        end += 1
    while end > index and (tokens[end - 1].lower in COORDINATORS or not tokens[end - 1].is_word):
        end -= 1
    return end


def proposition_of(article: Article, event: Event, complement: Complement) -> str:
    """The claim as a sentence-like string: the accused, then what they are accused of."""
    content = " ".join(article.text[complement.start : complement.end].split())
    target = article.actor(event.target_actor_id)
    if target is None or complement.opener == "that" or content.startswith(target.name):
        return content
    return f"{target.name} {content}"


def claims_from_events(article: Article, openers: dict[str, str | None]) -> None:
    for event in article.events:
        if event.verb_class not in openers:
            continue
        complement = complement_of(article, event, openers[event.verb_class])
        if complement is None:
            continue
        claim = Claim(
            id=f"cl{len(article.claims) + 1}",
            start=complement.start,
            end=complement.end,
            text=article.text[complement.start : complement.end],
            proposition=proposition_of(article, event, complement),
        )
        article.claims.append(claim)
        article.stances.append(
            Stance(
                id=f"st{len(article.stances) + 1}",
                start=event.start,
                end=event.end,
                text=event.text,
                claim_id=claim.id,
                actor_id=event.source_actor_id,
                polarity="assert",
                cue=event.trigger,
                confidence=event.confidence,
            )
        )


# --- stances from cues ----------------------------------------------------------------------


def cue_matches(tokens: list[Token], lexicon: CueLexicon) -> list[CueMatch]:
    found: list[CueMatch] = []
    for index in range(len(tokens)):
        for pattern in lexicon.cues:
            size = len(pattern.words)
            words = tuple(t.lower for t in tokens[index : index + size])
            if words == pattern.words and all(index > m.last for m in found):
                found.append(CueMatch(pattern, index, index + size - 1))
    return found


def content_words(tokens: list[Token], synonyms: dict[str, str]) -> set[str]:
    words = set()
    for token in tokens:
        if not token.is_word or token.lower in STOPWORDS:
            continue
        word = synonyms.get(token.lower, token.lower)
        words.add(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return words


def actors_in(article: Article, start: int, end: int) -> set[str]:
    return {
        m.actor_id
        for m in article.mentions
        if start <= m.start and m.end <= end and m.actor_id is not None
    }


def overlap_score(article: Article, sentence: Sentence, claim: Claim, lexicon: CueLexicon) -> int:
    synonyms = lexicon.synonyms
    claim_words = content_words(tokens_in(claim.proposition, 0, len(claim.proposition)), synonyms)
    words = content_words(tokens_in(article.text, sentence.start, sentence.end), synonyms)
    claim_actors = actors_in(article, claim.start, claim.end) | _claim_targets(article, claim)
    shared_actors = claim_actors & actors_in(article, sentence.start, sentence.end)
    return len(claim_words & words) + ACTOR_WEIGHT * len(shared_actors)


def _claim_targets(article: Article, claim: Claim) -> set[str]:
    """The accused of a claim: the target of the event whose sentence holds it."""
    return {
        e.target_actor_id
        for e in article.events
        if e.start <= claim.start and claim.end <= e.end and e.target_actor_id is not None
    }


def referred_claim(
    article: Article, sentence: Sentence, tokens: list[Token], lexicon: CueLexicon, before: int
) -> tuple[Claim | None, float]:
    """The claim a stance cue at ``before`` is about, and how sure the link is. Only claims
    made before the cue count: a denial cannot answer a later accusation."""
    earlier = [c for c in article.claims if c.start < before]
    if not earlier:
        return None, 0.0
    lowered = [t.lower for t in tokens]
    for anaphor in lexicon.anaphors:
        if _contains(lowered, anaphor):
            return max(earlier, key=lambda c: c.start), ANAPHOR_CONFIDENCE
    scored = [(overlap_score(article, sentence, c, lexicon), c) for c in earlier]
    score, best = max(scored, key=lambda pair: (pair[0], pair[1].start))
    return (best, OVERLAP_CONFIDENCE) if score >= OVERLAP_THRESHOLD else (None, 0.0)


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


def stance_actor(
    article: Article,
    sentence: Sentence,
    tokens: list[Token],
    cue: CueMatch,
    quotes: list[tuple[int, int]],
) -> Mention | None:
    """By-agent of a passive cue, speaker of a quoted cue, else the subject before it."""
    cue_start = tokens[cue.first].start
    if cue.pattern.verb:
        agent = by_agent(article, tokens, tokens[cue.last].end)
        if agent is not None:
            return agent
    region = next(((s, e) for s, e in quotes if s <= cue_start < e), None)
    if region is not None:
        return speaker_of(article, sentence, region[0], quotes)
    return subject_before(article, sentence, cue_start, quotes=quotes)


def sentence_stances(
    article: Article,
    sentence: Sentence,
    lexicon: CueLexicon,
    quotes: list[tuple[int, int]],
) -> list[Stance]:
    tokens = tokens_in(article.text, sentence.start, sentence.end)
    claim_spans = [(c.start, c.end) for c in article.claims]
    cues = _separate_cues(
        [c for c in cue_matches(tokens, lexicon) if not inside(tokens[c.first].start, claim_spans)]
    )
    stances = [_stance(article, sentence, tokens, cue, lexicon, quotes) for cue in cues]
    return [stance for stance in stances if stance is not None]


def _stance(
    article: Article,
    sentence: Sentence,
    tokens: list[Token],
    cue: CueMatch,
    lexicon: CueLexicon,
    quotes: list[tuple[int, int]],
) -> Stance | None:
    cue_span = article.span(tokens[cue.first].start, tokens[cue.last].end)
    claim, link = referred_claim(article, sentence, tokens, lexicon, cue_span.start)
    if claim is None:
        return None
    actor = stance_actor(article, sentence, tokens, cue, quotes)
    actor_id = actor.actor_id if actor else None
    penalty = NO_ACTOR_PENALTY if actor_id is None else 0.0
    return Stance(
        id="",
        start=sentence.start,
        end=sentence.end,
        text=sentence.text,
        claim_id=claim.id,
        actor_id=actor_id,
        polarity=cue.pattern.polarity,
        cue=cue_span,
        confidence=round(max(link - penalty, 0.05), 2),
    )


def _separate_cues(cues: list[CueMatch]) -> list[CueMatch]:
    """Drop a cue that just continues the one before: 'dismissed by the Kremlin as "fake
    news"' is one denial, by the Kremlin, not a second one by the quote's speaker."""
    kept: list[CueMatch] = []
    for cue in cues:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.pattern.polarity == cue.pattern.polarity
            and cue.first - previous.last <= CONTINUATION_TOKENS
        ):
            continue
        kept.append(cue)
    return kept


def without_duplicates(
    stances: list[Stance], asserted: set[tuple[str, str | None]]
) -> list[Stance]:
    """One stance per claim, actor, polarity and sentence; none repeating the claimant's own
    assertion; none without an actor where the sentence has one of the same polarity."""
    kept: list[Stance] = []
    for stance in stances:
        key = (stance.claim_id, stance.actor_id, stance.polarity, stance.start)
        if any((s.claim_id, s.actor_id, s.polarity, s.start) == key for s in kept):
            continue
        if stance.polarity == "support" and (stance.claim_id, stance.actor_id) in asserted:
            continue
        kept.append(stance)
    return [
        s
        for s in kept
        if s.actor_id is not None
        or not any(
            o.actor_id is not None
            and (o.claim_id, o.polarity, o.start) == (s.claim_id, s.polarity, s.start)
            for o in kept
        )
    ]


def extract_claims(article: Article, ctx: Context) -> Article:
    article.claims, article.stances = [], []
    claims_from_events(article, event_lexicon(ctx).claim_openers())
    if article.claims:
        lexicon = cue_lexicon(ctx)
        quotes = quoted_regions(article)
        found = [
            stance
            for sentence in body_sentences(article)
            for stance in sentence_stances(article, sentence, lexicon, quotes)
        ]
        asserted = {(s.claim_id, s.actor_id) for s in article.stances}
        article.stances.extend(without_duplicates(found, asserted))
    for number, stance in enumerate(article.stances, 1):
        stance.id = f"st{number}"
    return article


STAGE = Stage(
    name="claims",
    version=VERSION,
    requires=("events", "quotes", "mentions", "actors"),
    assigns=("claims", "stances"),
    run=extract_claims,
    description="claims from accusations and assertions; support and deny stances on them",
)
