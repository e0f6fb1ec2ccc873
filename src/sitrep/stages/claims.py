"""Claims and stances: what actors assert, and who later supports or denies it.

An accusation or assertion event (a lexicon entry with ``claim: true``) makes a
:class:`Claim` of its complement ("accused North Korea of *sending ... in the war*"), read as
"<accused> <content>", with an ``assert`` stance by the accuser. Sentences with a support or
deny cue (``stance_cues.yaml``) then attach a stance to the claim they refer to:

- by anaphor: "the accusation", "the Israeli allegations" point to the most recent claim; an
  indefinite one in apposition ("..., a claim dismissed by Moscow") to the statement just
  before it in the same sentence, which becomes a claim of its reported speaker when it is
  not one yet;
- by the denial's own content: "Iran denies seeking nuclear weapons" attaches to a claim that
  shares a content word with "seeking nuclear weapons", else becomes a claim of its own;
- else by overlap of actors and content words between the sentence and a claim.

The stance's actor is the by-agent of a passive cue, the speaker of a quoted cue, or the
subject.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sitrep.datafiles import load_entries
from sitrep.lexicon import verb_forms
from sitrep.lookup import body_sentences
from sitrep.records import Article, Claim, Event, Mention, Sentence, Stance, StancePolarity
from sitrep.registry import Context, Stage
from sitrep.stages.events import (
    DETERMINERS,
    ArticleIndex,
    PhraseIndex,
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

VERSION = "claims.v2"

# Words that open a complement after the accused: "accused X of ...", "blamed X for ...".
COMPLEMENT_OPENERS = word_set("of for that over")
# How many words (a determiner, a title) may come between the trigger and the accused.
TARGET_REACH = 2
# How many words an accused without a mention may span: "accused the paramilitary Rapid
# Support Forces (RSF) of ...".
UNKNOWN_ACCUSED_REACH = 12
# How many tokens an aside in brackets after the accused may take: "(RSF)".
PARENTHESIS_REACH = 8
COORDINATORS = word_set("and but")
STOPWORDS = word_set(
    "a an the of to in on at for by with from and or but is are was were be been being "
    "this that these those it its their his her our we they he she as if about into than "
    "then so such not no also has have had will would could should may might do does did"
)
# Words before a claim noun that make it an anaphor: "the accusation", "such claims".
DEFINITE = word_set("the this these those such")
INDEFINITE = word_set("a an")
# How many modifiers may stand between the determiner and the claim noun ("the Israeli
# allegations", "Beijing's sovereignty claims").
ANAPHOR_REACH = 2
# Overlap needed to tie a stance to a claim without an anaphor: shared content words count
# one each, shared actors two (an actor named in both is strong evidence).
OVERLAP_THRESHOLD = 3
# A denial with its own content ("denies seeking nuclear weapons") belongs to an earlier claim
# only if they share this many content words; else it is a claim of its own.
CONTENT_THRESHOLD = 2
ACTOR_WEIGHT = 2
ANAPHOR_CONFIDENCE = 0.8
OVERLAP_CONFIDENCE = 0.6
REPORTED_CONFIDENCE = 0.6
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
    cues: PhraseIndex[CuePattern]
    anaphors: PhraseIndex[tuple[str, ...]]
    synonyms: dict[str, str]


@dataclass(frozen=True)
class CueMatch:
    pattern: CuePattern
    first: int
    last: int


@dataclass(frozen=True)
class Anaphor:
    """A noun phrase naming a claim: token positions, and how it is determined."""

    first: int
    last: int
    definite: bool


def cue_lexicon(ctx: Context) -> CueLexicon:
    def build() -> CueLexicon:
        entries = load_entries(
            "stance_cues.yaml", StanceCue, key=lambda e: e.id, data_dirs=ctx.options.data_dirs
        )
        anaphors = [
            (words, words)
            for e in entries
            if e.kind == "anaphor"
            for p in e.phrases
            if (words := tuple(p.lower().split()))
        ]
        return CueLexicon(
            cues=PhraseIndex((p.words, p) for p in _cue_patterns(entries)),
            anaphors=PhraseIndex(anaphors),
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
    return patterns


# --- claims from events ---------------------------------------------------------------------


@dataclass(frozen=True)
class Complement:
    """What an accusation or assertion asserts: offsets, the word that opened it, and the
    accused when no actor mention names them."""

    start: int
    end: int
    opener: str | None
    accused: str | None = None


def complement_of(article: Article, event: Event, required: str | None) -> Complement | None:
    """The asserted content after the trigger (and after the accused, unless a that-clause
    follows directly); ``required`` is the opener the lexicon entry insists on."""
    tokens = tokens_in(article.text, event.start, event.end)
    index = token_index(tokens, event.trigger.end)
    accused = None
    # "claimed that": the lexicon's trigger may end with the opener itself.
    opener = _opener_at(tokens, index - 1)
    if opener is None and _opener_at(tokens, index) is None:
        target = _target_mention(article, event, tokens, index)
        if target is not None:
            index = _past_parenthesis(tokens, token_index(tokens, target.end))
        elif (found := _unknown_accused(tokens, index)) is not None:
            accused, index = " ".join(t.text for t in tokens[index:found]), found
    if opener is None and (opener := _opener_at(tokens, index)) is not None:
        index += 1
    if required is not None and opener != required:
        return None
    end = _complement_end(article, event, tokens, index)
    if index >= end:
        return None
    start, stop = _without_quote_marks(article.text, tokens[index].start, tokens[end - 1].end)
    return Complement(start, stop, opener, accused) if start < stop else None


def _past_parenthesis(tokens: list[Token], index: int) -> int:
    """Past an aside right after the accused: 'accused the Rapid Support Forces (RSF) of'."""
    if index >= len(tokens) or tokens[index].text != "(":
        return index
    for position in range(index + 1, min(index + PARENTHESIS_REACH, len(tokens))):
        if tokens[position].text == ")":
            return position + 1
    return index


def _unknown_accused(tokens: list[Token], index: int) -> int | None:
    """Where 'of'/'for' follows an accused that no mention names, if it does soon."""
    for position in range(index + 1, min(index + UNKNOWN_ACCUSED_REACH, len(tokens))):
        if tokens[position].lower in ("of", "for"):
            return position
        if tokens[position].text in ",;:":
            return None
    return None


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
            for m in sorted(article.mentions, key=lambda m: (m.start, -m.end))
            if tokens[index].start <= m.start <= reach
            and (m.actor_id == event.target_actor_id or m.start == tokens[index].start)
        ),
        None,
    )


def _complement_end(article: Article, event: Event, tokens: list[Token], index: int) -> int:
    """Token index where the complement stops: clause punctuation, the next event's verb, or
    a coordinated verb ('... and says')."""
    later_triggers = {
        e.trigger.start
        for e in article.events
        if e.start == event.start and e is not event and not _event_noun(article, e)
    }
    end = index
    while (
        end < len(tokens)
        and tokens[end].text not in ",;:.!?"
        and tokens[end].start not in later_triggers
        and not _coordinated_verb(tokens, end)
    ):
        end += 1
    while end > index and (tokens[end - 1].lower in COORDINATORS or not tokens[end - 1].is_word):
        end -= 1
    return end


def _event_noun(article: Article, event: Event) -> bool:
    """An event named by a noun ('of launching a drone strike') is part of the complement,
    not the next verb: its trigger follows a determiner or a possessive."""
    before = article.text[max(event.start, event.trigger.start - 40) : event.trigger.start]
    words = before.split()
    if not words:
        return False
    last = words[-1].lower()
    return (
        last in DETERMINERS
        or last.endswith(("'s", "’s"))
        or (
            len(words) > 1
            and words[-2].lower() in DETERMINERS
            and last.isalpha()
            and last.islower()
        )
    )


def _coordinated_verb(tokens: list[Token], index: int) -> bool:
    """'and says', 'and insisted': a second verb of the subject, not more content."""
    if tokens[index].lower not in COORDINATORS or index + 1 >= len(tokens):
        return False
    word = tokens[index + 1].text
    return word.islower() and word.endswith(("says", "said", "insists", "insisted", "added"))


def proposition_of(article: Article, event: Event, complement: Complement) -> str:
    """The claim as a sentence-like string: the accused, then what they are accused of."""
    content = " ".join(article.text[complement.start : complement.end].split())
    if complement.opener == "that":
        return content
    accused = complement.accused
    target = article.actor(event.target_actor_id)
    name = _without_determiner(accused) if accused else (target.name if target else None)
    if name is None or content.startswith(name):
        return content
    return f"{name} {content}"


def _without_determiner(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in DETERMINERS and rest else text


def claims_from_events(article: Article, openers: dict[str, str | None]) -> None:
    for event in article.events:
        if event.verb_class not in openers:
            continue
        complement = complement_of(article, event, openers[event.verb_class])
        if complement is None:
            continue
        claim = new_claim(
            article, complement.start, complement.end, proposition_of(article, event, complement)
        )
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


def new_claim(article: Article, start: int, end: int, proposition: str) -> Claim:
    claim = Claim(
        id=f"cl{len(article.claims) + 1}",
        start=start,
        end=end,
        text=article.text[start:end],
        proposition=proposition,
    )
    article.claims.append(claim)
    return claim


# --- stances from cues ----------------------------------------------------------------------


@dataclass
class StanceScope:
    """What every sentence of one article shares while stances are read."""

    article: Article
    lexicon: CueLexicon
    quotes: list[tuple[int, int]]
    index: ArticleIndex
    claim_words: dict[str, set[str]] = field(default_factory=dict)

    def words_of(self, claim: Claim) -> set[str]:
        if claim.id not in self.claim_words:
            text = claim.proposition
            self.claim_words[claim.id] = content_words(
                tokens_in(text, 0, len(text)), self.lexicon.synonyms
            )
        return self.claim_words[claim.id]


def cue_matches(tokens: list[Token], lexicon: CueLexicon) -> list[CueMatch]:
    words = [t.lower for t in tokens]
    found: list[CueMatch] = []
    for index in range(len(tokens)):
        if found and index <= found[-1].last:
            continue
        for size, pattern in lexicon.cues.at(words, index)[:1]:
            found.append(CueMatch(pattern, index, index + size - 1))
    return found


def anaphors_in(tokens: list[Token], lexicon: CueLexicon) -> list[Anaphor]:
    """Claim nouns with a determiner or possessor before them: 'the accusation', 'a claim',
    'the Israeli allegations'. A phrase of several words in the lexicon matches as it is."""
    words = [t.lower for t in tokens]
    found = []
    for index in range(len(tokens)):
        for size, _ in lexicon.anaphors.at(words, index)[:1]:
            if size > 1:
                found.append(Anaphor(index, index + size - 1, words[index] not in INDEFINITE))
            elif (determiner := _determiner_before(tokens, index)) is not None:
                found.append(Anaphor(determiner, index, tokens[determiner].lower not in INDEFINITE))
    return found


def _determiner_before(tokens: list[Token], index: int) -> int | None:
    for back in range(index - 1, max(index - ANAPHOR_REACH - 1, -1), -1):
        lower = tokens[back].lower
        if lower in DEFINITE or lower in INDEFINITE or lower.endswith(("'s", "’s")):
            return back
        if not tokens[back].is_word:
            return None
    return None


def content_words(tokens: list[Token], synonyms: dict[str, str]) -> set[str]:
    words = set()
    for token in tokens:
        if not token.is_word or token.lower in STOPWORDS:
            continue
        word = synonyms.get(token.lower, token.lower)
        words.add(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return words


def actors_in(scope: StanceScope, start: int, end: int) -> set[str]:
    return {m.actor_id for m in scope.index.mentions_in(start, end) if m.actor_id is not None}


def overlap_score(scope: StanceScope, sentence: Sentence, claim: Claim) -> int:
    article = scope.article
    words = content_words(
        tokens_in(article.text, sentence.start, sentence.end), scope.lexicon.synonyms
    )
    claim_actors = actors_in(scope, claim.start, claim.end) | _claim_targets(article, claim)
    shared_actors = claim_actors & actors_in(scope, sentence.start, sentence.end)
    return len(scope.words_of(claim) & words) + ACTOR_WEIGHT * len(shared_actors)


def _claim_targets(article: Article, claim: Claim) -> set[str]:
    """The accused of a claim: the target of the event whose sentence holds it."""
    return {
        e.target_actor_id
        for e in article.events
        if e.start <= claim.start and claim.end <= e.end and e.target_actor_id is not None
    }


@dataclass(frozen=True)
class Reference:
    claim: Claim | None
    confidence: float


NO_REFERENCE = Reference(None, 0.0)


def referred_claim(
    scope: StanceScope, sentence: Sentence, tokens: list[Token], cue: CueMatch
) -> Reference:
    """The claim a stance cue is about, and how sure the link is. Only claims made before
    the cue count: a denial cannot answer a later accusation."""
    before = tokens[cue.first].start
    anaphor = next(iter(anaphors_in(tokens, scope.lexicon)), None)
    if anaphor is not None and not anaphor.definite:
        reported = _reported_claim(scope, sentence, tokens, anaphor)
        if reported is not None:
            return Reference(reported, ANAPHOR_CONFIDENCE)
    earlier = [c for c in scope.article.claims if c.start < before]
    if not earlier:
        return NO_REFERENCE
    if anaphor is not None:
        return _by_anaphor(scope, tokens, anaphor, earlier)
    own = _own_content(scope, tokens, cue)
    if own is not None:
        return _by_content(scope, earlier, own)
    scored = [(overlap_score(scope, sentence, c), c) for c in earlier]
    score, best = max(scored, key=lambda pair: (pair[0], pair[1].start))
    return Reference(best, OVERLAP_CONFIDENCE) if score >= OVERLAP_THRESHOLD else NO_REFERENCE


def _by_anaphor(
    scope: StanceScope, tokens: list[Token], anaphor: Anaphor, earlier: list[Claim]
) -> Reference:
    """The latest claim, unless the anaphor says what it is about ('Beijing's sovereignty
    claims') and the latest claims are about something else: then the phrase is the claim."""
    latest = max(earlier, key=lambda c: c.start)
    modifiers = [t for t in tokens[anaphor.first + 1 : anaphor.last] if t.text.islower()]
    topic = content_words(modifiers, scope.lexicon.synonyms)
    if not topic or any(topic & scope.words_of(c) for c in earlier):
        return Reference(latest, ANAPHOR_CONFIDENCE)
    start, end = tokens[anaphor.first].start, tokens[anaphor.last].end
    text = scope.article.text[start:end]
    return Reference(new_claim(scope.article, start, end, text), OVERLAP_CONFIDENCE)


def _by_content(scope: StanceScope, earlier: list[Claim], own: tuple[int, int]) -> Reference:
    tokens = tokens_in(scope.article.text, *own)
    words = content_words(tokens, scope.lexicon.synonyms)
    scored = [(len(scope.words_of(c) & words), c) for c in earlier]
    score, best = max(scored, key=lambda pair: (pair[0], pair[1].start))
    return Reference(best, OVERLAP_CONFIDENCE) if score >= CONTENT_THRESHOLD else NO_REFERENCE


def _reported_claim(
    scope: StanceScope, sentence: Sentence, tokens: list[Token], anaphor: Anaphor
) -> Claim | None:
    """'X said ..., a claim Y dismissed': the statement before an indefinite anaphor is the
    claim. An existing claim of the sentence is it; else the reported statement becomes one,
    asserted by its speaker."""
    cut = tokens[anaphor.first].start
    existing = [c for c in scope.article.claims if sentence.start <= c.start < cut]
    if existing:
        return existing[-1]
    quote = next(
        (
            q
            for q in scope.article.quotes
            if q.kind == "indirect" and sentence.start <= q.start < cut
        ),
        None,
    )
    if quote is None:
        return None
    start, end = _without_quote_marks(scope.article.text, quote.start, min(quote.end, cut))
    end = _before_punctuation(scope.article.text, start, end)
    if start >= end:
        return None
    claim = new_claim(scope.article, start, end, " ".join(scope.article.text[start:end].split()))
    scope.article.stances.append(
        Stance(
            id="",
            start=sentence.start,
            end=sentence.end,
            text=sentence.text,
            claim_id=claim.id,
            actor_id=quote.speaker_actor_id,
            polarity="assert",
            cue=quote.cue,
            confidence=REPORTED_CONFIDENCE,
        )
    )
    return claim


def _before_punctuation(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    return end


def _own_content(scope: StanceScope, tokens: list[Token], cue: CueMatch) -> tuple[int, int] | None:
    """What a denial verb denies in its own words: 'denied seeking ...', 'denied that ...'."""
    if not cue.pattern.verb or cue.pattern.polarity != "deny" or cue.last + 1 >= len(tokens):
        return None
    first = cue.last + 1
    following = tokens[first]
    if following.lower == "that":
        first += 1
    elif not following.lower.endswith("ing") or following.lower.endswith("thing"):
        return None  # 'denied everything' names no content
    end = first
    while (
        end < len(tokens)
        and tokens[end].text not in ",;:.!?"
        and not (tokens[end].lower in COORDINATORS and end > first)
    ):
        end += 1
    if end <= first:
        return None
    return tokens[first].start, tokens[end - 1].end


def stance_actor(
    scope: StanceScope, sentence: Sentence, tokens: list[Token], cue: CueMatch
) -> Mention | None:
    """By-agent of a passive cue, speaker of a quoted cue, else the subject before it."""
    article, quotes = scope.article, scope.quotes
    cue_start = tokens[cue.first].start
    if cue.pattern.verb:
        agent = by_agent(article, tokens, tokens[cue.last].end, scope.index)
        if agent is not None:
            return agent
    region = next(((s, e) for s, e in quotes if s <= cue_start < e), None)
    if region is not None:
        return speaker_of(article, sentence, region[0], quotes)
    return subject_before(
        article, sentence, cue_start, quotes=quotes, index=scope.index, tokens=tokens
    )


def sentence_stances(scope: StanceScope, sentence: Sentence) -> list[Stance]:
    tokens = tokens_in(scope.article.text, sentence.start, sentence.end)
    claim_spans = [(c.start, c.end) for c in scope.article.claims]
    cues = _separate_cues(
        [
            c
            for c in cue_matches(tokens, scope.lexicon)
            if not inside(tokens[c.first].start, claim_spans)
        ]
    )
    stances = [_stance(scope, sentence, tokens, cue) for cue in cues]
    return [stance for stance in stances if stance is not None]


def _stance(
    scope: StanceScope, sentence: Sentence, tokens: list[Token], cue: CueMatch
) -> Stance | None:
    cue_span = scope.article.span(tokens[cue.first].start, tokens[cue.last].end)
    reference = referred_claim(scope, sentence, tokens, cue)
    actor = stance_actor(scope, sentence, tokens, cue)
    claim = reference.claim
    link = reference.confidence
    if claim is None:
        claim = _denied_content(scope, tokens, cue, actor)
        link = OVERLAP_CONFIDENCE
    if claim is None:
        return None
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


def _denied_content(
    scope: StanceScope, tokens: list[Token], cue: CueMatch, actor: Mention | None
) -> Claim | None:
    """'Iran denies seeking nuclear weapons', about no earlier claim: a claim of its own,
    read as '<denier> <content>'."""
    own = _own_content(scope, tokens, cue)
    if own is None:
        return None
    content = " ".join(scope.article.text[own[0] : own[1]].split())
    that_clause = tokens[cue.last + 1].lower == "that"
    name = scope.article.actor(actor.actor_id) if actor and not that_clause else None
    proposition = f"{name.name} {content}" if name else content
    return new_claim(scope.article, own[0], own[1], proposition)


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
    scope = StanceScope(article, cue_lexicon(ctx), quoted_regions(article), ArticleIndex(article))
    found = [
        stance
        for sentence in body_sentences(article)
        for stance in sentence_stances(scope, sentence)
    ]
    asserted = {(s.claim_id, s.actor_id) for s in article.stances}
    article.stances.extend(without_duplicates(found, asserted))
    article.claims = [c for c in article.claims if any(s.claim_id == c.id for s in article.stances)]
    for number, stance in enumerate(article.stances, 1):
        stance.id = f"st{number}"
    return article


STAGE = Stage(
    name="claims",
    version=VERSION,
    requires=("events", "quotes", "mentions", "actors"),
    assigns=("claims", "stances"),
    run=extract_claims,
    description="claims from accusations, assertions and denials; support and deny stances",
)
