"""Quotations and reported speech: what was said, who said it, and the cue that says so.

In the spirit of textacy's ``direct_quotations``: small functions that take the article and
return small records, and that refuse to guess. Quotation marks are paired per paragraph
(straight, curly, single and angle marks; apostrophes are not marks); a paragraph whose
double marks do not pair is left alone, so a stray mark never swallows the rest of the
article. The default language backend has no parser, so speakers are found by position:

- a cue verb next to the quotation: '"...," he said', '"...," added the Ukrainian president',
  'X said: "..."', '..., adding "..."', '"...," X, a professor of law at ..., said'; the
  speaker is the mention beside the cue or the subject of the cue's clause; a quotation signed
  after a dash ('"..." ― Name') takes the dash as its cue;
- a quotation with no cue that fills its paragraph, or follows a cued one in its paragraph,
  continues the previous quotation (``continues``) and keeps its speaker;
- a short quoted phrase is partial: its speaker is a by-agent ('dismissed by X as "..."',
  '"..." by X') or the subject of the nearest cue verb before it ('appealed for ... "..."');
- reported speech without marks is indirect: 'X said (that) ...', 'X accused Y of ...',
  'X told reporters ...', 'X vowed to ...', 'according to X, ...', '..., X said.', and a
  report its cue clause interrupts ('The museum, X said, celebrated ...': two fragments
  sharing the cue). As in
  the attribution corpora (PARC, PolNeAR), its content runs from the reported clause, with
  its 'that', to the end of the sentence less a trailing cue clause; beliefs and intentions
  ('X believes ...', 'X wants ...') are reported too. A quotation inside the reported
  clause is also a partial quote with the same cue (a mixed quote).

A speaker that cannot be found is ``unknown``, never a guess: a report whose subject has no
mention ('a source said ...', '..., according to a new poll') is kept with an unknown
speaker. A question ('Asked whether ..., X said no') and a poll ('In a new poll, ...') frame
reports of their own, whose source is the asker after 'by' or the poll. Cue verbs and phrases
are data (``cue_verbs.yaml``, ``raising_cues.yaml`` and ``frame_cues.yaml``, schema
:class:`CueEntry`), and so are the closed-class words the frames read (``quote_words.yaml``,
schema :class:`QuoteWord`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from sitrep.datafiles import load_entries
from sitrep.dating import DateAssignment, Dating
from sitrep.kb import KnowledgeBase
from sitrep.lexicon import verb_forms
from sitrep.records import Article, Mention, Quote, QuoteKind, Section, Sentence
from sitrep.registry import Context, Stage
from sitrep.stages.actors import subject_mention
from sitrep.stages.language import knowledge_base

VERSION = "quotes.v6"

IndirectForm = Literal["that", "clause", "of", "audience", "source", "raising", "question", "frame"]
QuoteWordRole = Literal["answer", "question", "survey", "catenative"]

# Words that open a sentence-initial adverbial ended by a comma ("Meanwhile, ...", "On
# Thursday (Oct 10), ..."): the clause's subject comes after that comma. Prepositions of
# actor_words.yaml count too.
OPENERS = frozenset(
    {
        *("also", "meanwhile", "however", "earlier", "later", "separately", "speaking"),
        *("while", "when", "after", "before", "during", "following", "since", "as"),
        *("although", "though", "yet", "still", "then", "now", "today", "yesterday"),
    }
)
# Words that keep two mentions apart as subjects ("Russia and Ukraine").
CONJUNCTIONS = frozenset({"and", "or", "but", "nor"})
# Two apostrophes stand for a double mark in some archives: ''It is over,'' he said.
DOUBLE_MARKS = {'"': '"', "“": "”", "«": "»", "''": "''"}
DOUBLE_CLOSERS = frozenset("”»")
# The marks that close an opening one: straight and curly marks are mixed up in the wild.
CLOSERS_OF = {
    '"': ('"', "”"),
    "“": ("”", '"'),
    "”": ("”", '"'),
    "«": ("»",),
    # '»...«' (German, Danish style), or a '»' typed for an opening mark.
    "»": ("«", "»"),
    "''": ("''",),
}
# Marks that look the same opening and closing.
SYMMETRIC_MARKS = frozenset({'"', "''"})
SINGLE_MARKS = {"'": "'", "‘": "’"}
DOUBLE_MARK_CHARS = re.compile("''|[\"“”«»]")
SINGLE_MARK_CHARS = re.compile("['‘’]")
# A single-quoted phrase longer than this is taken for stray apostrophes, not a quotation.
MAX_SINGLE_QUOTE = 200
SENTENCE_END = tuple(".!?…")
# Text between a closing mark and a following cue: a few words ("he", "Zelensky, 46,").
CUE_GAP = re.compile(r"(?:[\w’'.-]+,?\s+){0,6}")
SIGNATURE_DASH = re.compile(r"[ \t]*([―—–-]{1,2})[ \t]*")
LONG_GAP_STOP = re.compile(r"[\"“”«»;:!?]|\.\s+[a-z]|\b(?:who|which|that)\b")
AFTER_MARK = re.compile(r"[ \t]*(,)?[ \t]*")
# Text between a cue and an opening mark: 'said, "', 'adding "', 'told reporters: "'.
TIGHT_BEFORE = re.compile(r"\s*([,:])?\s*")
COLON_BEFORE = re.compile(r"(?:\s+[^\s\"“”«»‘’:;.!?]+){1,5}\s*:\s*")
# A subject right before its verb: at most three words between ("have also raised").
PREVERBAL_GAP = re.compile(r"(?:['’]s)?\s+(?:[\w’'-]+\s+){0,3}")
BY_AGENT = re.compile(r"[.,]?\s+by\s+")
AS_BEFORE = re.compile(r"\s+as\s*$")
# The complementiser opens the reported clause, as in PARC: 'said (on Monday) [that ...]'.
THAT_COMPLEMENT = re.compile(r"(?:,?\s+[^\s,.;:!?\"“”«»‘]+){0,8}?,?\s+(?=that\s+\w)")
OF_COMPLEMENT = re.compile(r"(?:\s+[^\s,.;:!?\"“”«»‘]+){1,8}?\s+of\s+")
# A time between a cue and its bare clause: 'said on Friday he met ...'.
TIME_AFTER_CUE = re.compile(
    r"\s+(?:(?:(?:on|last|this|late|early)\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|earlier)"
    r"(?:\s+(?:night|morning|afternoon|evening))?"
    r"|(?:last|this|next)\s+(?:week|month|year)"
    r"|(?:for|in|over)\s+(?:the\s+)?(?:(?:past|last|recent)\s+)?(?:few\s+)?"
    r"(?:days|weeks|months|years)"
    r"|repeatedly|again|previously|recently|publicly|privately|often|frequently),?(?=\s)"
)
# Between an interposed cue and the rest of its report: 'said Friday, ', 'often says, '.
INTERPOSED_END = re.compile(r"(?:\s+[\w’'-]+){0,3}?\s*,\s+(?=\w|[\"“'‘])")
BARE_COMPLEMENT = re.compile(r"\s+(?=[\w])")
WORD = re.compile(r"[\w’'-]+")
# A character of a cue's word: a cue is found only as whole words ('said', not 'unsaid').
CUE_WORD_CHAR = r"[\w'’-]"
# What may follow a closing cue: 'said on Saturday.', 'said on Saturday, a claim ...'.
SHORT_TAIL = re.compile(r"(?:\s+[\w’'()-]+){0,5}\s*(?:[.!?]|,.*)?\s*")
# Where a second clause starts before a verb: '..., and military analysts say ...'.
CLAUSE_JOIN = re.compile(r";|,\s+(?:and|but)\b|\b(?:while|whereas)\b")
CLAUSE_BREAK = re.compile(
    r"(?:,|\s(?:and|but|while))(?:\s+(?:has|have|had|also|later|then|would|will|did|does))*\s+$"
)
# Before a second clause's subject: ', while nine in 10 said', ', and aides say'.
SUBJECT_JOIN = re.compile(r",\s+(?:and|but|while|whereas)\s+|\s(?:while|whereas)\s+")
MAX_JOINED_SUBJECT_WORDS = 5
HARD_BREAK = re.compile(r";|\s[—–]\s")
# A headline or transcript speaker before its colon: at most this many words ('NY Daily News').
MAX_LINE_SPEAKER_WORDS = 6
SENTENCE_PUNCTUATION = re.compile(r"[.!?;,\"“”]\s")
# An indirect report needs at least this many words of content ("said so" is not one).
MIN_INDIRECT_WORDS = 3
# Auxiliaries: a stretch with one is a clause, not a noun phrase ('the deal was dead').
FINITE_AUXILIARIES = frozenset(
    {
        *("has", "have", "had", "is", "was", "are", "were", "be", "been", "will", "would"),
        *("could", "can", "may", "might", "must", "should", "did", "does", "do"),
    }
)
# Words between a subject and its cue that are not the subject: 'X has also said'.
AUXILIARIES = FINITE_AUXILIARIES | {
    *("also", "not", "never", "once", "later", "then", "often", "still", "already", "just"),
    "even",
}
# A listener after 'told': 'told [him] the talks had failed'.
OBJECT_PRONOUNS = frozenset({"me", "him", "her", "us", "them", "you"})
SUBJECT_PRONOUNS = frozenset({"I", "he", "she", "we", "they", "it", "you"})
# Quantifiers that stand alone as a subject: '[Some] say ...', '[many] said ...'.
QUANTIFIER_SUBJECTS = frozenset(
    {"some", "many", "most", "others", "several", "few", "half", "both"}
)
# Words that open a subordinate clause: its report ends where the main clause starts.
SUBORDINATORS = frozenset(
    {
        *("though", "although", "as", "while", "whereas", "because", "since", "if"),
        *("unless", "until", "after", "before", "once"),
    }
)
RELATIVE_PRONOUNS = frozenset({"who", "which", "whom", "whose"})
# One of them as a whole word, in any case.
CLAUSE_OPENER = re.compile(
    rf"(?<![\w’'-])(?:{'|'.join(sorted(SUBORDINATORS | RELATIVE_PRONOUNS))})(?![\w’'-])",
    re.IGNORECASE,
)
# Words that end no subject: 'to say', 'who said', 'which says'.
NOT_SUBJECT_END = frozenset({"to", "who", "which", "that", "what", "there"})
# After a raising cue, its infinitive: 'seems [to be ...]', 'is expected [to win]'.
RAISED_INFINITIVE = re.compile(r"(?:\s+[a-z]+ly)?\s+(?=to\s+[a-z])")
# What may follow a source that ends its sentence: 'according to X.', '... X).'
SOURCE_TAIL = re.compile(r"[\s.!?)\]\"”']*")
# A form of 'be' before a copula cue: 'is [expected]', 'are not widely [expected]'.
COPULA_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|’s|'s)(?:\s+(?:not|also|widely|more|less|still|now|"
    r"increasingly|generally))*\s+$"
)
# Where a speaker phrase after its cue ends: 'said Jane Roe, a professor ...'.
PHRASE_STOP = re.compile(r"[,;:!?\"“”«»(]|\s[—–-]\s")
PHRASE_WORD = re.compile(r"[^\W_]")
# A title in marks ('"Morning Joe"'): at most this many words, capitalised but these.
MAX_TITLE_WORDS = 5
TITLE_FUNCTION_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "with"})
# A subject with no mention found ('a source', 'another senior official'): at most these words.
MAX_SUBJECT_WORDS = 12
# A subject and its apposition ('X, director of ... at ...,'): at most these words.
MAX_APPOSITION_WORDS = 30
# How far back the word before a mention is looked for, in characters.
WORD_BEFORE_WINDOW = 80
# Two mentions further apart than this are never one noun phrase.
MAX_ADJACENT_GAP = 40


class CueEntry(BaseModel):
    """A cue verb or phrase of reported speech (``cue_verbs.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    lemma: str
    forms: list[str] | None = Field(
        default=None, description="exact forms to match instead of the generated inflections"
    )
    direct: bool = Field(default=False, description="may introduce a direct quotation")
    partial: bool = Field(default=False, description="may govern a short quoted phrase")
    indirect: IndirectForm | None = Field(
        default=None, description="how the reported clause follows, if it reports speech"
    )
    audience: list[str] = Field(default_factory=list, description="listeners: 'reporters'")
    copula: bool = Field(
        default=False,
        description="only after a form of 'be': 'is [expected] to', 'are [likely] to'",
    )

    def all_forms(self) -> frozenset[str]:
        return frozenset(self.forms) if self.forms is not None else verb_forms(self.lemma)


class QuoteWord(BaseModel):
    """A closed-class word the stage reads (``quote_words.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    word: str
    role: QuoteWordRole


class Cue(NamedTuple):
    """A cue form found in the text (a tuple: an article has many, made at once)."""

    start: int
    end: int
    form: str
    entry: CueEntry

    @property
    def bounds(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True)
class CueLexicon:
    entries: tuple[CueEntry, ...]
    by_form: Mapping[str, CueEntry]
    # Every form as one pattern: a whole word (or words) of the text.
    pattern: re.Pattern[str]
    # The listeners of each entry with an audience, as one pattern: ' reporters ', ' the press '.
    audiences: Mapping[str, re.Pattern[str]]

    @classmethod
    def from_entries(cls, entries: Sequence[CueEntry]) -> CueLexicon:
        by_form: dict[str, CueEntry] = {}
        for entry in entries:
            for form in entry.all_forms():
                by_form.setdefault(form, entry)
                by_form.setdefault(form[:1].upper() + form[1:], entry)
        pattern = re.compile(rf"(?<!{CUE_WORD_CHAR}){_trie_pattern(by_form)}(?!{CUE_WORD_CHAR})")
        audiences = {
            entry.lemma: re.compile(
                rf"\s+(?:{'|'.join(re.escape(each) for each in entry.audience)})\s+(?=\w)"
            )
            for entry in entries
            if entry.audience
        }
        return cls(tuple(entries), MappingProxyType(by_form), pattern, MappingProxyType(audiences))

    def cues(self, text: str) -> list[Cue]:
        """Cue forms of ``text`` as whole words, in text order; the longest where forms share
        a start ('called for' before 'called')."""
        found = []
        for match in self.pattern.finditer(text):
            form = match.group()
            found.append(Cue(match.start(), match.end(), form, self.by_form[form]))
        return found

    def audience_after(self, cue: Cue, text: str, limit: int) -> int | None:
        """Where a listener of the cue's entry right after it ends: 'told [reporters] ...'."""
        pattern = self.audiences.get(cue.entry.lemma)
        heard = pattern.match(text, cue.end, limit) if pattern else None
        return heard.end() - 1 if heard else None


# A letter tree: each letter leads to the letters that may follow; "" marks a form's end.
Trie = dict[str, "Trie"]


def _trie_pattern(forms: Iterable[str]) -> str:
    """One pattern for many forms, as a letter tree ('sa(?:id|ys)'): it matches the longest
    form at a position, and reads each letter of the text once rather than once per form."""
    tree: Trie = {}
    for form in forms:
        node = tree
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a form ends here

    def branch(node: Trie) -> str:
        arms = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not arms:
            return ""
        body = arms[0] if len(arms) == 1 else f"(?:{'|'.join(arms)})"
        # Greedy: a longer form first, this one when the longer ones do not match.
        return f"(?:{body})?" if "" in node else body

    return branch(tree)


@dataclass(frozen=True)
class Grammar:
    """What the stage reads besides the article: cue lexicon and closed-class words."""

    lexicon: CueLexicon
    kb: KnowledgeBase
    prepositions: frozenset[str]
    determiners: frozenset[str]
    verbs: frozenset[str]
    # quote_words.yaml by role: 'said no', 'asked whether', 'in a new poll'.
    words: Mapping[QuoteWordRole, frozenset[str]] = field(default_factory=dict)

    def word_set(self, role: QuoteWordRole) -> frozenset[str]:
        return self.words.get(role, frozenset())


def load_grammar(kb: KnowledgeBase, data_dirs: Sequence[Path] = ()) -> Grammar:
    entries = load_entries("cue_verbs.yaml", CueEntry, key=lambda e: e.lemma, data_dirs=data_dirs)
    raising = load_entries(
        "raising_cues.yaml", CueEntry, key=lambda e: e.lemma, data_dirs=data_dirs
    )
    frames = load_entries("frame_cues.yaml", CueEntry, key=lambda e: e.lemma, data_dirs=data_dirs)
    words: dict[QuoteWordRole, set[str]] = {}
    for word in load_entries(
        "quote_words.yaml", QuoteWord, key=lambda e: f"{e.role}:{e.word}", data_dirs=data_dirs
    ):
        words.setdefault(word.role, set()).add(word.word.lower())
    return Grammar(
        lexicon=CueLexicon.from_entries([*raising, *frames, *entries]),
        kb=kb,
        prepositions=kb.word_set("preposition"),
        determiners=kb.word_set("determiner"),
        verbs=kb.word_set("verb"),
        words=MappingProxyType({role: frozenset(found) for role, found in words.items()}),
    )


def grammar(ctx: Context) -> Grammar:
    return ctx.resource(
        "quotes.grammar", lambda: load_grammar(knowledge_base(ctx), ctx.options.data_dirs)
    )


# -- quotation marks --------------------------------------------------------------------------


@dataclass(frozen=True)
class QuotePair:
    """Paired marks: ``open`` and ``close`` are the marks' offsets. A quotation that runs on
    into the next paragraph (which opens with a mark, as news style has it) has no closing
    mark: ``close`` is then its paragraph's end."""

    open: int
    close: int
    runs_on: bool = False
    # The length of each mark: 2 for ''.
    width: int = 1

    @property
    def inner_start(self) -> int:
        """Offset just after the opening mark."""
        return self.open + self.width

    @property
    def end(self) -> int:
        """Offset just after the closing mark."""
        return self.close if self.runs_on else self.close + self.width


def quote_pairs(
    text: str, start: int, end: int, *, runs_on: bool = False
) -> list[QuotePair] | None:
    """The quotation marks of ``text[start:end]`` (a paragraph) paired, in text order.

    None when double marks do not pair: the caller leaves the paragraph alone rather than
    guess. An unclosed last quotation is kept when ``runs_on`` (the next paragraph opens
    with a mark). Single marks pair only outside double ones; a lone one is an apostrophe.
    """
    doubles = double_pairs(text, start, end, runs_on=runs_on)
    if doubles is None:
        return None
    singles = single_pairs(text, start, end, doubles)
    return sorted([*doubles, *singles], key=lambda pair: pair.open)


def double_pairs(text: str, start: int, end: int, *, runs_on: bool) -> list[QuotePair] | None:
    pairs: list[QuotePair] = []
    opened: tuple[int, str] | None = None
    for found in DOUBLE_MARK_CHARS.finditer(text, start, end):
        index, mark = found.start(), found.group()
        if opened is None:
            if mark in DOUBLE_MARKS or _opens(text, index, start, end):
                opened = (index, mark)  # a closing mark that opens a word ('”We ...') is a typo
            else:
                return None
        elif (
            mark in SYMMETRIC_MARKS
            and mark == opened[1]
            and _opens(text, index, start, end, len(mark))
        ):
            return None  # 'said: "We will "not sign': a second opening mark, a closer missing
        elif mark in CLOSERS_OF[opened[1]]:
            pairs.append(QuotePair(opened[0], index, width=len(mark)))
            opened = None
        elif mark == opened[1]:
            return None  # a second opening mark: one of the two is missing its closer
    if opened is not None:
        if not runs_on:
            return None
        pairs.append(QuotePair(opened[0], end, runs_on=True, width=len(opened[1])))
    return pairs


def single_pairs(text: str, start: int, end: int, doubles: list[QuotePair]) -> list[QuotePair]:
    pairs: list[QuotePair] = []
    opened: int | None = None
    for mark in SINGLE_MARK_CHARS.finditer(text, start, end):
        index = mark.start()
        char = text[index]
        if any(pair.open <= index < pair.end for pair in doubles):
            continue
        if opened is not None and index - opened > MAX_SINGLE_QUOTE:
            opened = None
        if opened is None:
            if char in SINGLE_MARKS and _opens(text, index, start, end):
                opened = index
        elif char == SINGLE_MARKS[text[opened]] and _closes(text, index, start, end):
            # "rock 'n' roll": a letter between marks is an elision, not a quotation.
            if len(text[opened + 1 : index].strip()) > 1:
                pairs.append(QuotePair(opened, index))
            opened = None
    return pairs


def _opens(text: str, index: int, start: int, end: int, width: int = 1) -> bool:
    before = text[index - 1] if index > start else " "
    after = text[index + width] if index + width < end else " "
    # "the '90s" is an elision, not an opening mark.
    return (before.isspace() or before in "([{—–-/") and not (after.isspace() or after.isdigit())


def _closes(text: str, index: int, start: int, end: int) -> bool:
    before = text[index - 1] if index > start else " "
    after = text[index + 1] if index + 1 < end else " "
    return not before.isspace() and not after.isalnum()


# -- reading an article ------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Found:
    """A quotation found, before it gets an id: ``parent`` is the quotation it continues."""

    kind: QuoteKind
    start: int
    end: int
    cue: tuple[int, int] | None = None
    speaker: Mention | None = None
    parent: Found | None = None
    pair: QuotePair | None = None
    # The second fragment of a report its cue clause interrupts ('X, he said, Y').
    rest: Found | None = None
    # The speaker as written when no mention was found for it: 'a senior official'.
    source: tuple[int, int] | None = None


@dataclass(frozen=True)
class Reading:
    """One article being read: its text, speaker candidates and quoted stretches."""

    article: Article
    grammar: Grammar
    speakers: tuple[Mention, ...]
    quoted: tuple[tuple[int, int], ...]
    # Every cue form of the text, found once: stages look them up by position.
    found_cues: tuple[Cue, ...] = ()
    # The sentences in text order and their starts, for lookups by position.
    sentences: tuple[Sentence, ...] = ()
    sentence_starts: tuple[int, ...] = ()
    # Where the speakers, quoted stretches and cues start, for bisection.
    speaker_starts: tuple[int, ...] = ()
    quoted_starts: tuple[int, ...] = ()
    cue_starts: tuple[int, ...] = ()
    # Where the mentions with an actor start, sorted: a clause with none has no subject.
    actor_mention_starts: tuple[int, ...] = ()
    # The cues outside quotation marks, and where they start.
    open_cues: tuple[Cue, ...] = field(init=False, repr=False)
    open_cue_starts: tuple[int, ...] = field(init=False, repr=False)
    # The article's text: read so often that a field saves the stage time over a property.
    text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", self.article.text)
        open_cues = tuple(c for c in self.found_cues if not self.is_quoted(c.start, c.end))
        object.__setattr__(self, "open_cues", open_cues)
        object.__setattr__(self, "open_cue_starts", tuple(c.start for c in open_cues))

    @classmethod
    def of(cls, article: Article, grammar: Grammar, quoted: tuple[tuple[int, int], ...]) -> Reading:
        cues = tuple(grammar.lexicon.cues(article.text))
        sentences = tuple(sorted(article.sentences, key=lambda s: s.start))
        speakers = speaker_candidates(article)
        return cls(
            article,
            grammar,
            speakers,
            quoted,
            cues,
            sentences,
            sentence_starts=tuple(s.start for s in sentences),
            speaker_starts=tuple(m.start for m in speakers),
            quoted_starts=tuple(stretch[0] for stretch in quoted),
            cue_starts=tuple(cue.start for cue in cues),
            actor_mention_starts=tuple(
                sorted(m.start for m in article.mentions if m.actor_id is not None)
            ),
        )

    def subject_mention(self, start: int, end: int) -> Mention | None:
        """:func:`sitrep.stages.actors.subject_mention`, not called where no mention with an
        actor starts in ``[start, end)`` (it reads every mention of the article)."""
        first = bisect_left(self.actor_mention_starts, start)
        if first == len(self.actor_mention_starts) or self.actor_mention_starts[first] >= end:
            return None
        return subject_mention(self.article, start, end, kb=self.grammar.kb)

    def sentence_at(self, offset: int) -> Sentence | None:
        index = bisect_right(self.sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def is_quoted(self, start: int, end: int) -> bool:
        # The quoted stretches are sorted and do not overlap: only the last one that opens
        # before ``end`` can reach past ``start``.
        index = bisect_left(self.quoted_starts, end) - 1
        return index >= 0 and self.quoted[index][1] > start

    def all_cues(self, start: int, end: int) -> list[Cue]:
        """Cue forms lying in ``[start, end)``, quoted or not."""
        return _cues_within(self.found_cues, self.cue_starts, start, end)

    def cues(self, start: int, end: int) -> list[Cue]:
        """Cue forms in ``[start, end)`` that are not inside quotation marks."""
        return _cues_within(self.open_cues, self.open_cue_starts, start, end)

    def sentence_bounds(self, offset: int, paragraph: Section) -> tuple[int, int]:
        sentence = self.sentence_at(offset)
        if sentence is None:
            return paragraph.start, paragraph.end
        end = min(sentence.end, paragraph.end)
        # A segmenter may end a sentence after the opening mark of the next: '... years. “'
        stripped = self.text[sentence.start : end].rstrip()
        if stripped[-1:] in DOUBLE_MARKS and end < paragraph.end:
            end = sentence.start + len(stripped) - 1
        return max(sentence.start, paragraph.start), end


def _cues_within(cues: tuple[Cue, ...], starts: tuple[int, ...], start: int, end: int) -> list[Cue]:
    # Indices, not a slice: a slice would copy the rest of the article's cues on every call.
    found = []
    for index in range(bisect_left(starts, start), bisect_left(starts, end)):
        if cues[index].end <= end:
            found.append(cues[index])
    return found


def speaker_candidates(article: Article) -> tuple[Mention, ...]:
    """Mentions that can speak: outermost ones, adjectives ('Ukrainian') left out."""
    ordered = sorted(article.mentions, key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for mention in ordered:
        if mention.kind == "demonym" or (kept and mention.end <= kept[-1].end):
            continue
        kept.append(mention)
    return tuple(kept)


def quotes_of(article: Article, grammar: Grammar) -> list[Quote]:
    """Every quotation and reported statement of the article's paragraphs, dated."""
    paragraphs = [s for s in article.sections if s.kind in ("title", "paragraph")]
    pairs_of = paragraph_pairs(article.text, paragraphs)
    quoted = tuple(sorted((p.open, p.end) for pairs in pairs_of for p in pairs or []))
    reading = Reading.of(article, grammar, quoted)
    found: list[Found] = []
    previous: Found | None = None
    # Pairs of sections with no heading between them.
    consecutive = {(id(a), id(b)) for a, b in pairwise(article.sections)}
    for index, (paragraph, pairs) in enumerate(zip(paragraphs, pairs_of, strict=True)):
        adjacent = index > 0 and (id(paragraphs[index - 1]), id(paragraph)) in consecutive
        marked = paragraph_quotes(reading, paragraph, pairs or [], previous if adjacent else None)
        marked = line_attribution(reading, paragraph, marked, first=index == 0)
        direct_cues = {f.cue for f in marked if f.kind == "direct"}
        reported = indirect_quotes(reading, paragraph, direct_cues)
        found.extend(marked)
        found.extend(reported)
        previous = next((f for f in reversed(marked) if f.kind == "direct"), None)
    return records(reading, found)


def line_attribution(
    reading: Reading, section: Section, marked: list[Found], *, first: bool
) -> list[Found]:
    """'Clinton camp: Trump's rhetoric threatens security' (a headline, the first line) and
    'SMITH: We will ...' (a transcript line): a speaker, a colon as the cue, the rest of the
    line as the content. Quotations after the colon take that cue and speaker."""
    text = reading.text
    colon = text.find(":", section.start, section.end)
    line_speaker = _line_speaker(reading, section, colon, first=first)
    if line_speaker is None:
        return marked
    speaker, source = line_speaker
    start = colon + 1
    while start < section.end and text[start].isspace():
        start += 1
    end = section.end
    while end > start and text[end - 1].isspace():
        end -= 1
    if len(WORD.findall(text, start, end)) < MIN_INDIRECT_WORDS - 1:
        return marked
    cue = (colon, colon + 1)
    after = [f for f in marked if f.start >= start and f.cue is None]
    if after:
        return [
            replace(f, cue=cue, speaker=speaker, source=source) if f in after else f for f in marked
        ]
    if marked:
        return marked
    return [Found("indirect", start, end, cue, speaker, source=source)]


def _line_speaker(
    reading: Reading, section: Section, colon: int, *, first: bool
) -> tuple[Mention | None, tuple[int, int] | None] | None:
    """The mention before a colon that opens its line: any on the first line, else only a
    mention that is the whole prefix in capitals ('SMITH:'). A prefix in capitals with no
    mention ('WALLACE:') is a speaker no actor was found for: no mention, its phrase."""
    if colon < 0 or reading.cues(section.start, colon):
        return None
    prefix = reading.text[section.start : colon]
    if not 0 < len(WORD.findall(prefix)) <= MAX_LINE_SPEAKER_WORDS or SENTENCE_PUNCTUATION.search(
        prefix
    ):
        return None
    speaker = mention_before(reading, section.start, colon)
    if speaker is None or reading.text[speaker.end : colon].strip(" ’'s"):
        transcript = prefix.strip()
        if len(transcript) > 1 and transcript.isupper() and len(transcript.split()) <= 3:
            return None, _phrase(reading, section.start, colon)
        return None
    if first or (speaker.start == section.start and speaker.text.isupper()):
        return speaker, None
    return None


def paragraph_pairs(text: str, paragraphs: list[Section]) -> list[list[QuotePair] | None]:
    result: list[list[QuotePair] | None] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1].text.lstrip() if index + 1 < len(paragraphs) else ""
        runs_on = following.startswith(tuple(DOUBLE_MARKS))
        result.append(quote_pairs(text, paragraph.start, paragraph.end, runs_on=runs_on))
    return result


def records(reading: Reading, found: list[Found]) -> list[Quote]:
    """The quotations as records in text order, with ids and dates; a continuation keeps the
    date of the quotation it continues when its own sentence has none."""
    article = reading.article
    ordered = sorted(found, key=lambda f: (f.start, f.end))
    ids = {id(f): f"q{n}" for n, f in enumerate(ordered, 1)}
    # Quotations of a sentence with no time expression share its date (an earlier sentence's
    # or the article's): each such sentence is dated once.
    dates: dict[object, DateAssignment] = {}
    dating = Dating(article)
    untimed = _untimed_sentences(reading)
    time_starts = sorted(time.start for time in article.times)
    made: dict[int, Quote] = {}
    for item in ordered:
        speaker = item.speaker
        actor_id = speaker.actor_id if speaker else None
        source = (speaker.start, speaker.end) if speaker else _source_of(item)
        # The cue's sentence holds the moment of speaking: 'On Thursday, X said, "..."'.
        where = item.cue or (item.start, item.end)
        sentence = reading.sentence_at(where[0])
        content = (item.start, item.end)
        # A quotation with a time inside is dated on its own; the others share their cue's.
        key: object = (where, content) if _holds_time(time_starts, content) else where
        if sentence is not None and sentence.start in untimed:
            key = sentence.start
        if key not in dates:
            # A time inside the quotation is what it speaks of, not when it was said.
            dates[key] = dating.date_for(*where, exclude=[content])
        date, date_source = dates[key].date, dates[key].source
        parent = made.get(id(item.parent)) if item.parent else None
        if parent and date_source != "text" and parent.date_source in ("text", "previous"):
            date, date_source = parent.date, "previous"
        made[id(item)] = Quote(
            id=ids[id(item)],
            start=item.start,
            end=item.end,
            text=article.text[item.start : item.end],
            kind=item.kind,
            speaker_actor_id=actor_id,
            speaker_mention_id=speaker.id if speaker else None,
            speaker_status="resolved" if actor_id else "unresolved" if speaker else "unknown",
            # Spans as their fields: pydantic builds them with the quotation, at less cost.
            source=_span_fields(article.text, source),
            cue=_span_fields(article.text, item.cue),
            date=date,
            date_source=date_source,
            continues=ids.get(id(item.parent)) if item.parent else None,
        )
    return list(made.values())


def _holds_time(time_starts: list[int], span: tuple[int, int]) -> bool:
    """Whether a time expression starts inside ``span`` (``time_starts`` sorted)."""
    index = bisect_left(time_starts, span[0])
    return index < len(time_starts) and time_starts[index] < span[1]


def _untimed_sentences(reading: Reading) -> frozenset[int]:
    """Starts of the sentences with no time expression, when the sentences do not overlap (so
    the one holding an offset is the one :func:`sitrep.dating.date_for` finds)."""
    sentences = reading.sentences
    if any(a.end > b.start for a, b in pairwise(sentences)):
        return frozenset()
    timed = set()
    for time in reading.article.times:
        holder = reading.sentence_at(time.start)
        if holder is not None and time.end <= holder.end:
            timed.add(holder.start)
    return frozenset(s.start for s in sentences if s.start not in timed)


def _span_fields(text: str, bounds: tuple[int, int] | None) -> dict[str, object] | None:
    if bounds is None:
        return None
    start, end = bounds
    return {"start": start, "end": end, "text": text[start:end]}


def _source_of(found: Found) -> tuple[int, int] | None:
    """The speaker phrase of a quotation, or of the one it continues."""
    item: Found | None = found
    while item is not None:
        if item.source is not None:
            return item.source
        item = item.parent
    return None


# -- quotations in marks ----------------------------------------------------------------------


def paragraph_quotes(
    reading: Reading, paragraph: Section, pairs: list[QuotePair], previous: Found | None
) -> list[Found]:
    """The quotations of one paragraph; ``previous`` is the last direct one of the paragraph
    before, which a paragraph that is wholly a quotation continues."""
    found: list[Found] = []
    for pair in pairs:
        last = found[-1] if found else None
        quote = (
            cued_after(reading, paragraph, pair)
            or signed(reading, paragraph, pair)
            or cued_before(reading, paragraph, pair, last)
            or continued(reading, paragraph, pair, last, previous)
            or uncued(reading, paragraph, pair, last)
        )
        if quote is not None:
            found.append(quote)
    return found


def content(text: str, pair: QuotePair, kind: QuoteKind) -> tuple[int, int] | None:
    """The quoted words without marks, spaces and a trailing comma (and full stop, if partial)."""
    start, end = pair.inner_start, pair.close
    trailing = "," if kind == "direct" else ",.;:"
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in trailing):
        end -= 1
    return (start, end) if end > start else None


def _quote(
    reading: Reading,
    pair: QuotePair,
    kind: QuoteKind,
    cue: tuple[int, int] | None = None,
    speaker: Mention | None = None,
    parent: Found | None = None,
    source: tuple[int, int] | None = None,
) -> Found | None:
    span = content(reading.text, pair, kind)
    if span is None:
        return None
    if speaker is not None:
        source = None  # the mention's span is the source
    return Found(kind, span[0], span[1], cue, speaker, parent, pair, source=source)


def cued_after(reading: Reading, paragraph: Section, pair: QuotePair) -> Found | None:
    """'"...," he said', '"...," said X', '"...," added the Ukrainian president'."""
    text = reading.text
    if pair.runs_on:
        return None
    gap = AFTER_MARK.match(text, pair.end, paragraph.end)
    inner = text[pair.inner_start : pair.close].rstrip()
    if gap is None or not (inner.endswith((",", "—", "–", "-", *SENTENCE_END)) or gap.group(1)):
        return None
    position = gap.end()
    cue = next((c for c in reading.cues(position, paragraph.end) if c.entry.direct), None)
    if cue is None or _is_title(reading, paragraph, pair):
        return None
    if not CUE_GAP.fullmatch(text, position, cue.start):
        if not _long_speaker(reading, position, cue.start):
            return None
        # '," Scott Pruitt, the attorney general of Oklahoma, one of the states ..., said'
        speaker = mention_after(reading, position, cue.start)
        source = None if speaker else _phrase(reading, position, cue.start)
        return _quote(reading, pair, "direct", cue.bounds, speaker, source=source)
    source = None
    if cue.start == position:
        speaker = mention_after(reading, cue.end, paragraph.end)
        if speaker is None:
            source = phrase_after(reading, cue.end, paragraph.end)
    else:
        speaker = mention_before(reading, position, cue.start)
        if _opens_report(reading, paragraph, pair, gap.group(1), cue):
            return None
        if speaker is None:
            source = subject_phrase(reading, position, cue.start)
    return _quote(reading, pair, "direct", cue.bounds, speaker, source=source)


def signed(reading: Reading, paragraph: Section, pair: QuotePair) -> Found | None:
    """'"..." ― Carla Sanchez': a quotation signed by a name after a dash, ending its line."""
    text = reading.text
    dash = SIGNATURE_DASH.match(text, pair.end, paragraph.end)
    if pair.runs_on or dash is None:
        return None
    name = text[dash.end() : paragraph.end].rstrip(" .\t\n")
    words = WORD.findall(name)
    if not name[:1].isupper() or not 0 < len(words) <= MAX_LINE_SPEAKER_WORDS:
        return None
    if _has_verb(reading, dash.end(), dash.end() + len(name)):
        return None
    speaker = mention_after(reading, dash.end(), paragraph.end)
    source = _phrase(reading, dash.end(), dash.end() + len(name))
    return _quote(reading, pair, "direct", (dash.start(1), dash.end(1)), speaker, source=source)


def _is_title(reading: Reading, paragraph: Section, pair: QuotePair) -> bool:
    """'host of MSNBC's "Morning Joe," said', 'told the hosts of "Morning Joe"': a short name in
    title case after a word of its sentence (a preposition, a possessive, a noun) is the
    name of a show, a book or a film, not a quotation."""
    text = reading.text
    inner = text[pair.inner_start : pair.close].strip().rstrip(",.")
    words = WORD.findall(inner)
    if not 0 < len(words) <= MAX_TITLE_WORDS or not words[0][:1].isupper():
        return False
    if any(not w[:1].isupper() and w not in TITLE_FUNCTION_WORDS for w in words):
        return False
    before = text[reading.sentence_bounds(pair.open, paragraph)[0] : pair.open].rstrip()
    previous = WORD.findall(before[-WORD_BEFORE_WINDOW:])
    if not before or not previous or (not before[-1:].isalpha() and before[-1:] not in "’'"):
        return False
    last = previous[-1].lower()
    return (
        last not in reading.grammar.lexicon.by_form
        and last not in reading.grammar.determiners
        and last != "as"  # 'hailed X as "The Comeback Kid"'
        and last not in FINITE_AUXILIARIES
        and not (last.endswith("ly") or last in AUXILIARIES)
    )


def _long_speaker(reading: Reading, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is a speaker with its apposition, no verb and no sentence
    end in it: 'Rep. Gwen Moore (D-Wis.)', 'Jane Roe, a professor of law at ...,'."""
    gap = reading.text[start:end]
    words = WORD.findall(gap)
    return (
        gap[:1].isupper()
        and 0 < len(words) <= MAX_APPOSITION_WORDS
        and not LONG_GAP_STOP.search(gap)
        and not _has_verb(reading, start, end)
    )


def _opens_report(
    reading: Reading, paragraph: Section, pair: QuotePair, comma: str | None, cue: Cue
) -> bool:
    """'... “ongoing.” He said the FBI has ...': after a full stop and no comma, a cue with a
    reported clause of its own starts the next sentence; it is not the quotation's."""
    inner = reading.text[pair.inner_start : pair.close].rstrip()
    if comma or not inner.endswith(".") or cue.entry.indirect is None:
        return False
    limit = reading.sentence_bounds(cue.start, paragraph)[1]
    start = _complement_start(reading, cue, limit)
    return start is not None and len(WORD.findall(reading.text, start, limit)) >= MIN_INDIRECT_WORDS


def cued_before(
    reading: Reading, paragraph: Section, pair: QuotePair, last: Found | None
) -> Found | None:
    """'X said: "..."', 'X said, "..."', '..., adding "..."'; a cue shared with the quotation
    before ('"First," he said, "second."') continues it."""
    text = reading.text
    floor = last.pair.end if last and last.pair else paragraph.start
    cues = reading.cues(floor, pair.open)
    if not cues:
        return None
    cue = cues[-1]
    tight = TIGHT_BEFORE.fullmatch(text, cue.end, pair.open)
    colon = COLON_BEFORE.fullmatch(text, cue.end, pair.open)
    if not (tight or colon):
        return None
    if last is not None and last.cue == cue.bounds:
        return _quote(reading, pair, last.kind, last.cue, last.speaker, parent=last)
    region_start = max(floor, reading.sentence_bounds(cue.start, paragraph)[0])
    speaker, source = subject_or_phrase(reading, region_start, cue.start)
    starts_upper = text[pair.inner_start : pair.inner_start + 1].isupper()
    punctuated = colon is not None or (tight is not None and tight.group(1) is not None)
    if cue.entry.direct and (punctuated or starts_upper):
        return _quote(reading, pair, "direct", cue.bounds, speaker, source=source)
    if cue.entry.partial or cue.entry.direct:
        return _quote(reading, pair, "partial", cue.bounds, speaker, source=source)
    return None


def continued(
    reading: Reading,
    paragraph: Section,
    pair: QuotePair,
    last: Found | None,
    previous: Found | None,
) -> Found | None:
    """A quotation with no cue of its own that goes on from the one before it."""
    text = reading.text
    whole = not text[paragraph.start : pair.open].strip() and not text[
        pair.end : paragraph.end
    ].strip(" .,;!?")
    if whole and last is None:
        if previous is None:
            return _quote(reading, pair, "direct")
        return _quote(reading, pair, "direct", None, previous.speaker, parent=previous)
    if (
        last is not None
        and last.kind == "direct"
        and last.pair is not None
        and last.cue is not None
        and last.pair.end <= last.cue[0] < pair.open
        and text[pair.inner_start : pair.inner_start + 1].isupper()
        and not _cued_later(reading, paragraph, pair)
    ):
        return _quote(reading, pair, "direct", None, last.speaker, parent=last)
    return None


def _cued_later(reading: Reading, paragraph: Section, pair: QuotePair) -> bool:
    """Whether a cue of its own follows the quotation in its sentence: '"..." to ..., she said'."""
    end = reading.sentence_bounds(pair.open, paragraph)[1]
    return any(c.entry.direct for c in reading.cues(pair.end, end))


def uncued(
    reading: Reading, paragraph: Section, pair: QuotePair, last: Found | None
) -> Found | None:
    """A whole sentence in marks with no cue is direct, its speaker unknown; anything else is
    a partial quotation, spoken by a by-agent or by the subject of the cue verb before it."""
    text = reading.text
    floor = last.pair.end if last and last.pair else paragraph.start
    before = text[floor : pair.open].rstrip()
    inner = text[pair.inner_start : pair.close].strip()
    if (not before or before.endswith((*SENTENCE_END, ":"))) and (
        inner[:1].isupper() and inner.endswith(SENTENCE_END)
    ):
        return _quote(reading, pair, "direct")
    region_start = reading.sentence_bounds(pair.open, paragraph)[0]
    if _is_title(reading, paragraph, pair):
        return _quote(reading, pair, "partial")
    for find in (agent_after, agent_before, cued_subject):
        attribution = find(reading, paragraph, pair, region_start)
        if attribution is not None:
            cue, speaker, source = attribution
            return _quote(reading, pair, "partial", cue, speaker, source=source)
    return _quote(reading, pair, "partial")


# The cue, the speaker mention and the speaker phrase (when no mention was found).
Attribution = tuple[tuple[int, int] | None, Mention | None, tuple[int, int] | None]


def agent_after(
    reading: Reading, paragraph: Section, pair: QuotePair, region_start: int
) -> Attribution | None:
    """'described as "very difficult" by Kyiv': a by-agent after a phrase framed by a cue."""
    by = BY_AGENT.match(reading.text, pair.end, paragraph.end)
    if by is None:
        return None
    speaker = mention_after(reading, by.end(), paragraph.end)
    cue = _last_partial_cue(reading, region_start, pair.open)
    if speaker is None or cue is None:
        return None
    return cue.bounds, speaker, None


def agent_before(
    reading: Reading, paragraph: Section, pair: QuotePair, region_start: int
) -> Attribution | None:
    """'a claim dismissed by the Kremlin as "fake news"': 'by X as' before the phrase."""
    text = reading.text
    as_word = AS_BEFORE.search(text, region_start, pair.open)
    if as_word is None:
        return None
    agent = next(
        (
            m
            for m in reversed(reading.speakers)
            if region_start <= m.start
            and m.end <= as_word.start()
            and not text[m.end : as_word.start()].strip()
        ),
        None,
    )
    if agent is None or reading.is_quoted(agent.start, agent.end):
        return None
    run = _run_ending_at(reading, region_start, agent)
    if _word_before(reading, region_start, run[0].start) != "by":
        return None
    cue = _last_partial_cue(reading, region_start, run[0].start)
    return (cue.bounds if cue else None), run[-1], None


def cued_subject(
    reading: Reading, paragraph: Section, pair: QuotePair, region_start: int
) -> Attribution | None:
    """'appealed for more support to prevent "a bigger war"': the subject of the cue."""
    cue = _last_partial_cue(reading, region_start, pair.open)
    if cue is None:
        return None
    return cue.bounds, *subject_or_phrase(reading, region_start, cue.start)


def _last_partial_cue(reading: Reading, start: int, end: int) -> Cue | None:
    cues = [c for c in reading.cues(start, end) if c.entry.partial or c.entry.direct]
    return cues[-1] if cues else None


# -- speakers ---------------------------------------------------------------------------------


def subject_of(reading: Reading, region_start: int, verb_start: int) -> Mention | None:
    """The subject of the verb at ``verb_start``: a mention right before it ('officials have
    also raised'), else the first mention of its clause that follows no preposition.

    A second clause ('..., and military analysts say') is read alone: no mention there means
    no subject, not the first clause's. A verb right after 'and' shares the first subject.
    """
    return _subject_in(reading, subject_start(reading, region_start, verb_start), verb_start)


def subject_or_phrase(
    reading: Reading, region_start: int, verb_start: int
) -> tuple[Mention | None, tuple[int, int] | None]:
    """The subject of the verb at ``verb_start``: its mention, else its phrase as written."""
    start = subject_start(reading, region_start, verb_start)
    speaker = _subject_in(reading, start, verb_start)
    if speaker is not None:
        return speaker, None
    return None, subject_phrase(reading, start, verb_start)


def subject_start(reading: Reading, region_start: int, verb_start: int) -> int:
    """Where the clause of the verb at ``verb_start`` starts (see :func:`subject_of`)."""
    start = clause_start(reading, region_start, verb_start)
    joins = list(CLAUSE_JOIN.finditer(reading.text, start, verb_start))
    if joins and not _predicate_follows(reading, joins[-1].end(), verb_start):
        start = joins[-1].end()
    return start


def has_subject(reading: Reading, start: int, verb_start: int) -> bool:
    """Whether ``[start, verb_start)`` ends in a subject no mention was found for: 'a source',
    'the campaign's spokesman, Ed Jones,' (not 'to', 'who', a preposition or a determiner),
    or is a subject and its apposition: 'Ed Jones, a professor of law at the university,'."""
    return subject_phrase(reading, start, verb_start) is not None


def subject_phrase(reading: Reading, start: int, verb_start: int) -> tuple[int, int] | None:
    """The subject :func:`has_subject` finds, as written: the subject with its apposition
    ('Ed Jones, a professor of law at the university'), else the last comma-separated part
    ('a source'), less the auxiliaries and adverbs before the verb ('has also')."""
    if reading.is_quoted(start, verb_start):
        return None
    text = reading.text
    verb_start = _verb_group_start(reading, start, verb_start)
    segments: list[tuple[int, int]] = []
    position = start
    for part in text[start:verb_start].split(","):
        if part.strip():
            segments.append((position, position + len(part)))
        position += len(part) + 1
    if not segments:
        return None
    first = segments[0]
    apposition = (
        text[start:verb_start].rstrip().endswith(",")
        and len(segments) > 1
        and text[first[0] : first[1]].strip()[:1].isupper()
        and _is_subject(reading, text[first[0] : first[1]])
        and not _has_verb(reading, first[0], first[1])
        and len(WORD.findall(text, start, verb_start)) <= MAX_APPOSITION_WORDS
    )
    last = segments[-1]
    if apposition:
        return _phrase(reading, first[0], verb_start)
    if _is_subject(reading, text[last[0] : last[1]]):
        return _phrase(reading, *last)
    return None


def _verb_group_start(reading: Reading, start: int, verb_start: int) -> int:
    """Where the words before a cue that belong to its verb start: auxiliaries, adverbs and
    a catenative verb with its 'to' ('X, a senator, [has also] said', 'X [is continuing to]
    insist', 'X [went on to] say')."""
    text = reading.text
    words = list(WORD.finditer(text, max(start, verb_start - WORD_BEFORE_WINDOW), verb_start))
    end = verb_start
    catenatives = reading.grammar.word_set("catenative")
    while words:
        word = words[-1].group()
        lower = word.lower()
        if lower == "to" and len(words) > 1:
            if words[-2].group() not in catenatives:
                break
            words.pop()
        elif lower == "on" and len(words) > 1 and words[-2].group() == "went":
            words.pop()  # 'went on to say'
        elif not (lower in AUXILIARIES or (word.islower() and word.endswith("ly"))):
            break
        end = words.pop().start()
    return end


def _phrase(reading: Reading, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` less spaces and commas at its ends and the auxiliaries and adverbs
    that end it ('a source has also' -> 'a source')."""
    text = reading.text
    words = [w for w in WORD.finditer(text, start, end) if PHRASE_WORD.search(w.group())]
    if not words:
        return None  # "'" or '--': no word
    start = words[0].start()
    while True:
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
            end -= 1
        words = list(WORD.finditer(text, start, end))
        last = words[-1]
        word = last.group()
        adverb = word.islower() and word.endswith("ly")
        if last.end() != end or not (word.lower() in AUXILIARIES or adverb) or len(words) == 1:
            return start, end
        end = last.start()


def phrase_after(reading: Reading, start: int, limit: int) -> tuple[int, int] | None:
    """The speaker after an inverted cue that no mention was found for, to the next comma
    or the sentence's end: 'said a campaign aide', 'said Rep. Jane Roe (D-Wis.)'. None
    when it is not a noun phrase ('said in a statement', 'said the vote was close')."""
    text = reading.text
    sentence = reading.sentence_at(start)
    if sentence is not None:
        limit = min(limit, sentence.end)
    stop = PHRASE_STOP.search(text, start, limit)
    end = stop.start() if stop else limit
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?"):
        end -= 1
    words = WORD.findall(text, start, end)
    if not 0 < len(words) <= MAX_SUBJECT_WORDS or _has_verb(reading, start, end):
        return None
    first = words[0]
    if not (first[:1].isupper() or first.lower() in reading.grammar.determiners):
        return None
    return _phrase(reading, start, end)


def _is_subject(reading: Reading, segment: str) -> bool:
    words = [w.lower() for w in WORD.findall(segment)]
    while words and (words[-1] in AUXILIARIES or words[-1].endswith("ly")):
        words.pop()
    closed = reading.grammar.prepositions | reading.grammar.determiners | CONJUNCTIONS
    return (
        0 < len(words) <= MAX_SUBJECT_WORDS
        and (words[-1] not in closed | NOT_SUBJECT_END or words[-1] in QUANTIFIER_SUBJECTS)
        and words[-1] not in reading.grammar.lexicon.by_form
    )


def _predicate_follows(reading: Reading, start: int, verb_start: int) -> bool:
    """Whether a verb comes first after a conjunction: '..., and urged X to stop what ...'."""
    word = WORD.search(reading.text, start, verb_start)
    if word is None:
        return True
    first = word.group().lower()
    return (
        first in reading.grammar.lexicon.by_form
        or first in reading.grammar.verbs
        or first.endswith("ed")
    )


def _subject_in(reading: Reading, start: int, verb_start: int) -> Mention | None:
    run = _last_run(reading, start, verb_start)
    preverbal = run and PREVERBAL_GAP.fullmatch(reading.text, run[-1].end, verb_start)
    if run and preverbal and not _is_unresolved_it(run[-1]):
        return run[-1]
    first = reading.subject_mention(start, verb_start)
    if run and preverbal and (first is None or first.start >= run[-1].start):
        return run[-1]
    # 'Britain imposed sanctions on tankers that it says ...': an 'it' no actor was found for
    # speaks for the clause's subject, when there is one.
    if first is None or reading.is_quoted(first.start, first.end):
        return None
    return _run_from(reading, first)[-1]


def _is_unresolved_it(mention: Mention) -> bool:
    return mention.actor_id is None and mention.text.lower() == "it"


def clause_start(reading: Reading, start: int, verb_start: int) -> int:
    """Past sentence-initial adverbials ended by a comma: 'On Thursday (Oct 10), X said'."""
    text = reading.text
    openers = OPENERS | reading.grammar.prepositions
    while True:
        word = WORD.search(text, start, verb_start)
        comma = text.find(",", start, verb_start)
        if word is None or comma < 0 or word.group().lower() not in openers:
            return start
        start = comma + 1


def mention_before(reading: Reading, start: int, end: int) -> Mention | None:
    """The speaker between a closing mark and its cue: '," Kremlin spokesperson X told'."""
    run = _last_run(reading, start, end)
    return run[-1] if run else None


def mention_after(reading: Reading, start: int, limit: int) -> Mention | None:
    """The speaker right after an inverted cue or 'by': 'said X', 'added the Ukrainian ...'."""
    text = reading.text
    first = bisect_left(reading.speaker_starts, start)
    if first == len(reading.speakers) or reading.speakers[first].start >= limit:
        return None
    mention = reading.speakers[first]
    words = WORD.findall(text, start, mention.start)
    if text[start : mention.start].strip(" \t") and not all(
        w.lower() in reading.grammar.determiners for w in words
    ):
        return None
    if len(words) > 1 or reading.is_quoted(mention.start, mention.end):
        return None
    return _run_from(reading, mention)[-1]


def _candidates(reading: Reading, start: int, end: int) -> list[Mention]:
    first = bisect_left(reading.speaker_starts, start)
    last = bisect_left(reading.speaker_starts, end, lo=first)
    return [
        m
        for m in reading.speakers[first:last]
        if m.end <= end
        and not reading.is_quoted(m.start, m.end)
        and _word_before(reading, start, m.start) not in reading.grammar.prepositions
    ]


def _last_run(reading: Reading, start: int, end: int) -> list[Mention]:
    """The last run of adjacent speaker mentions in ``[start, end)``."""
    runs: list[list[Mention]] = []
    for mention in _candidates(reading, start, end):
        if runs and _adjacent(reading, runs[-1][-1], mention):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return runs[-1] if runs else []


def _run_ending_at(reading: Reading, floor: int, last: Mention) -> list[Mention]:
    """``last`` and the mentions before it that form one noun phrase with it."""
    run = [last]
    # Only the mentions that start before ``last``, nearest first, down to ``floor``.
    for index in range(bisect_left(reading.speaker_starts, last.start) - 1, -1, -1):
        mention = reading.speakers[index]
        if mention.start < floor:
            break
        if mention.end <= run[0].start:
            if not _adjacent(reading, mention, run[0]):
                break
            run.insert(0, mention)
    return run


def _run_from(reading: Reading, first: Mention) -> list[Mention]:
    """``first`` and the mentions that follow it as one noun phrase ('Russia's President X')."""
    run = [first]
    speakers = reading.speakers
    for index in range(bisect_left(reading.speaker_starts, first.end), len(speakers)):
        mention = speakers[index]
        if mention.start - run[-1].end > MAX_ADJACENT_GAP:
            break
        if mention.start >= run[-1].end and _adjacent(reading, run[-1], mention):
            run.append(mention)
    return run


def _adjacent(reading: Reading, left: Mention, right: Mention) -> bool:
    if right.start - left.end > MAX_ADJACENT_GAP:
        return False
    gap = reading.text[left.end : right.start]
    if gap.strip() in ("", "'s", "’s"):
        return True
    words = gap.split()
    return (
        len(words) == 1
        and words[0].isalpha()
        and words[0].islower()
        and words[0] not in CONJUNCTIONS
        and words[0] not in reading.grammar.prepositions
        and words[0] not in reading.grammar.determiners
        and words[0] not in reading.grammar.lexicon.by_form
    )


def _word_before(reading: Reading, floor: int, offset: int) -> str | None:
    """The word before ``offset`` (not before ``floor``), skipping 'the', 'its', ..."""
    # The last few words are enough: a window keeps long stretches from being read again.
    window = max(floor, offset - WORD_BEFORE_WINDOW)
    words = WORD.findall(reading.text, window, offset)
    if window > floor and words:
        words.pop(0)  # it may be cut
    while words and words[-1].lower() in reading.grammar.determiners:
        words.pop()
    if not words and window > floor:
        words = WORD.findall(reading.text, floor, offset)
        while words and words[-1].lower() in reading.grammar.determiners:
            words.pop()
    return words[-1].lower() if words else None


# -- reported speech --------------------------------------------------------------------------


def indirect_quotes(
    reading: Reading, paragraph: Section, taken: set[tuple[int, int] | None]
) -> list[Found]:
    """Reported statements without marks; cues used by quotations in marks are skipped."""
    found: list[Found] = []
    questions: set[tuple[int, int] | None] = set()
    for cue in reading.cues(paragraph.start, paragraph.end):
        if cue.entry.indirect is None or cue.bounds in taken:
            continue
        # The reports of the sentences before end before this cue's sentence.
        if any(f.start <= cue.start < f.end for f in found[-3:]):
            continue
        bounds = reading.sentence_bounds(cue.start, paragraph)
        for find in REPORTERS[cue.entry.indirect]:
            report = find(reading, cue, bounds)
            # 'Asked whether ..., X said no': the question is not what X said.
            if report is not None and not any(
                f.start < report.end and report.start < f.end
                for f in found[-3:]
                if f.cue in questions
            ):
                if report.rest is None:
                    found.append(report)
                else:
                    found.extend((replace(report, rest=None), report.rest))
                if find is reported_question:
                    questions.add(report.cue)
                break
    return found


def reported_after(reading: Reading, cue: Cue, bounds: tuple[int, int]) -> Found | None:
    """'X said (that) ...', 'X accused Y of ...', 'X told reporters (that) ...'."""
    text = reading.text
    if _preceded_by_determiner(reading, bounds[0], cue.start, cue.form):
        return None  # a noun: 'the claim that', 'his call'
    start = _complement_start(reading, cue, bounds[1])
    if start is None or reading.is_quoted(start, start + 1):
        return None
    end = clause_end(reading, start, bounds[1])
    if _in_subordinate_clause(reading, bounds[0], cue.start):
        # 'Though X has described himself as Y, the paper reported ...', 'X, who endorsed
        # Y, said ...': the subordinate clause, and its report, ends at the next comma.
        comma = text.find(",", start, end)
        end = comma if comma >= 0 else end
    words = WORD.findall(text, start, end)
    answer = len(words) == 1 and words[0].lower() in reading.grammar.word_set("answer")
    if len(words) < MIN_INDIRECT_WORDS and not answer:
        return None  # 'said so' and 'said no' are reports, 'said it' is not
    speaker, source = subject_or_phrase(reading, bounds[0], cue.start)
    if speaker is None and source is None:
        joined = _shared_subject(reading, bounds[0], cue.start)
        if joined is None:
            return None
        speaker, source = joined
    return Found("indirect", start, end, cue.bounds, speaker, source=source)


def _in_subordinate_clause(reading: Reading, start: int, verb_start: int) -> bool:
    """Whether the cue at ``verb_start`` is in a clause opened by a subordinating word or a
    relative pronoun with no comma since: 'Though [X has described] ...', '... as [Democrats
    call on] him ...', 'X, [who endorsed] Y, ...'."""
    text = reading.text
    comma = text.rfind(",", start, verb_start)
    return CLAUSE_OPENER.search(text, comma + 1 if comma >= 0 else start, verb_start) is not None


def _shared_subject(
    reading: Reading, floor: int, verb_start: int
) -> tuple[Mention | None, tuple[int, int] | None] | None:
    """The subject a cue shares with what comes before it: '..., who said ...' (the
    mention before 'who', else 'who' itself as the phrase), '[X] survived the war and says
    ...', '[X] has disputed it, but says ...' (the sentence's subject, its mention or else
    its phrase), '[X] said, adding ...' (the subject of the cue before). None when the cue
    follows none of these."""
    words = list(WORD.finditer(reading.text, floor, verb_start))
    while words and words[-1].group().lower() in AUXILIARIES:
        words.pop()
    if not words:
        return None
    last = words[-1]
    if last.group().lower() == "who":
        return mention_before(reading, floor, last.start()), last.span()
    if last.group() in reading.grammar.lexicon.by_form and reading.text[
        last.end() : verb_start
    ].strip() in (",", ""):
        # 'X said, adding that ...': the participle shares the subject of the cue before it.
        speaker, source = subject_or_phrase(reading, floor, last.start())
        return (speaker, source) if speaker or source else None
    if last.group().lower() in ("and", "but") and len(words) > 1 and words[0].group()[:1].isupper():
        first = reading.subject_mention(floor, last.start())
        verb = next((w for w in words if _is_verb(reading, w.group().lower())), None)
        if first is None and verb is not None and verb.start() > floor:
            return None, subject_phrase(reading, floor, verb.start())
        return first, None
    return None


def _complement_start(reading: Reading, cue: Cue, limit: int) -> int | None:
    text = reading.text
    form = cue.entry.indirect
    if form == "of":
        match = OF_COMPLEMENT.match(text, cue.end, limit)
        return match.end() if match else None
    that = THAT_COMPLEMENT.match(text, cue.end, limit)
    if that is not None and not _finite_verb(reading, cue.end, that.end()):
        return that.end()
    nested = that is not None  # 'said [he hoped that ...]': the 'that' is a nested report's
    if form == "audience":
        heard = reading.grammar.lexicon.audience_after(cue, text, limit)
        if heard is not None:
            return _bare_start(reading, heard, limit)
        # 'told POLITICO he had ...', 'told him the talks ...': a listener named or a pronoun
        listener = _listener_end(reading, cue.end, limit)
        return None if listener is None else _bare_start(reading, listener, limit)
    # 'said the border ...', and a participle only after a comma: '..., saying the strikes ...'
    participle = cue.form.endswith("ing")
    if (form in ("clause", "question") or nested) and (
        not participle or text[: cue.start].rstrip().endswith((",", "–", "—", " -"))
    ):
        when = TIME_AFTER_CUE.match(text, cue.end, limit)
        return _bare_start(reading, when.end() if when else cue.end, limit)
    return None


def _finite_verb(reading: Reading, start: int, end: int) -> bool:
    """Whether a finite verb lies in ``[start, end)``: 'he hoped', not 'in a statement' nor
    'speaking to reporters'."""
    return any(
        _is_verb(reading, word.lower()) and not word.endswith("ing")
        for word in WORD.findall(reading.text, start, end)
    )


def _listener_end(reading: Reading, start: int, limit: int) -> int | None:
    """Where the listener right after a cue ends: a mention ('told [CNN]', 'told [the
    council]') or an object pronoun ('told [him]'); a pronoun after a named listener is the
    reported clause's subject ('told [CNN] he had ...')."""
    word = WORD.match(reading.text, start + 1, limit) if start < limit else None
    if word is not None and reading.text[start].isspace() and word.group() in OBJECT_PRONOUNS:
        return word.end()
    listener = mention_after(reading, start, limit)
    if listener is None:
        return None
    run = _run_ending_at(reading, start, listener)
    while len(run) > 1 and run[-1].kind == "pronoun":
        run.pop()
    # What follows must open a clause: 'told [the Senate] panel the plan ...' is no listener.
    following = WORD.search(reading.text, run[-1].end, limit)
    if following is None:
        return None
    first = following.group()
    opens = first[:1].isupper() or first.lower() in reading.grammar.determiners
    if not (opens or first in SUBJECT_PRONOUNS or first in ("to", "that")):
        return None
    return run[-1].end


def _bare_start(reading: Reading, position: int, limit: int) -> int | None:
    bare = BARE_COMPLEMENT.match(reading.text, position, limit)
    if bare is None:
        return None
    word = WORD.match(reading.text, bare.end(), limit)
    first = word.group().lower() if word else None
    if first is None or first in (reading.grammar.prepositions - {"to"}) | CONJUNCTIONS:
        return None  # 'said in a statement', but 'vowed to fight' is reported
    return bare.end()


def _preceded_by_determiner(reading: Reading, floor: int, offset: int, form: str = "") -> bool:
    # The last word is enough: a short window keeps a long sentence from being read again.
    window = max(floor, offset - WORD_BEFORE_WINDOW)
    words = WORD.findall(reading.text, window, offset)
    if window > floor and len(words) < 2:
        words = WORD.findall(reading.text, floor, offset)
    if not words:
        return False
    last = words[-1].lower()
    # '[Some] say ...', '[many] said ...': a quantifier standing alone is the subject; before
    # a form in -s it is a determiner ('many claims that ...').
    alone = last in QUANTIFIER_SUBJECTS and not form.endswith("s")
    return last in reading.grammar.determiners and not alone


def reported_before(reading: Reading, cue: Cue, bounds: tuple[int, int]) -> Found | None:
    """'The war will go on, Zelensky said.' / '..., said X.': the report ends in its cue."""
    text = reading.text
    comma = text.rfind(",", bounds[0], cue.start)
    if comma < 0 or cue.form.endswith("ing"):
        return None
    inverted = not text[comma + 1 : cue.start].strip()
    if not inverted:
        found = _speaker_before_cue(reading, comma + 1, cue)
    elif cue.entry.direct:
        found = _speaker_after_cue(reading, cue, bounds[1])
    else:
        return None  # '..., oppose tinkering with ...': only a verb of saying inverts
    if found is None:
        return None
    tail_start, speaker, source = found
    if not SHORT_TAIL.fullmatch(text, tail_start, bounds[1]):
        return None
    if not inverted and tail_start == cue.end and _reports_after(reading, cue, bounds[1]):
        return None  # 'In January, he conceded he had lost.': the report follows its cue
    return _report_before_comma(reading, bounds[0], comma, cue, speaker, source=source)


def _reports_after(reading: Reading, cue: Cue, limit: int) -> bool:
    """Whether a reported clause of a few words follows the cue with no comma between:
    'want [to improve the law]', 'say [they are liberal]'."""
    start = _complement_start(reading, cue, limit)
    if start is None or "," in reading.text[cue.end : start]:
        return False
    end = clause_end(reading, start, limit)
    return len(WORD.findall(reading.text, start, end)) >= MIN_INDIRECT_WORDS


def reported_around(reading: Reading, cue: Cue, bounds: tuple[int, int]) -> Found | None:
    """'The museum, Mr. Bush said, celebrated ...': a cue clause set inside its report. The
    report is two fragments that share the cue: the first, with the second as its ``rest``."""
    text = reading.text
    comma = text.rfind(",", bounds[0], cue.start)
    if comma < 0 or cue.form.endswith("ing"):
        return None
    found = _speaker_before_cue(reading, comma + 1, cue)
    after = INTERPOSED_END.match(text, cue.end, bounds[1])
    if found is None or after is None:
        return None
    _, speaker, source = found
    first = _report_before_comma(
        reading, bounds[0], comma, cue, speaker, source=source, min_words=1
    )
    end = clause_end(reading, after.end(), bounds[1])
    if first is None or len(WORD.findall(text, after.end(), end)) < MIN_INDIRECT_WORDS:
        return None
    rest = Found("indirect", after.end(), end, cue.bounds, speaker, source=source)
    return replace(first, rest=rest)


# Where the tail after a cue starts, the speaker mention and the speaker phrase (when no
# mention was found).
TailSpeaker = tuple[int, Mention | None, tuple[int, int] | None]


def _speaker_before_cue(reading: Reading, start: int, cue: Cue) -> TailSpeaker | None:
    """', Zelensky said.', ', a senior official said.': the speaker (a mention, else its
    phrase) between the comma and the cue, and where the tail after the cue starts."""
    run = _last_run(reading, start, cue.start)
    if run and PREVERBAL_GAP.fullmatch(reading.text, run[-1].end, cue.start):
        words_before = WORD.findall(reading.text, start, run[0].start)
        if all(w.lower() in reading.grammar.determiners for w in words_before):
            return cue.end, run[-1], None
        return None  # ', a claim Norland rejected': the mention is not the clause's subject
    words = WORD.findall(reading.text, start, cue.start)
    if words and words[0].lower() in CONJUNCTIONS:
        return None  # ', and analysts said the talks ...': a clause of its own
    if words and words[0].lower() in RELATIVE_PRONOUNS:
        return None  # 'X, who on Tuesday endorsed Y, ...': a relative clause, not a report's end
    phrase = subject_phrase(reading, start, cue.start)
    if phrase is not None and not _has_verb(reading, start, cue.start):
        return cue.end, None, phrase
    return None


def _speaker_after_cue(reading: Reading, cue: Cue, limit: int) -> TailSpeaker | None:
    """', said Zelensky.', ', said a spokesman.': the inverted speaker and where it ends."""
    found = mention_after(reading, cue.end, limit)
    if found is not None:
        following = WORD.match(reading.text, found.end, limit) or WORD.search(
            reading.text, found.end, limit
        )
        if following is not None and _is_verb(reading, following.group().lower()):
            return None  # ', said the video was clear': the mention starts a clause
        return found.end, found, None
    tail = reading.text[cue.end : limit]
    words = [w.lower() for w in WORD.findall(tail)]
    named = tail.strip()[:1].isupper()
    if not words or (words[0] not in reading.grammar.determiners and not named):
        return None
    if _has_verb(reading, cue.end, limit):
        return None
    return cue.end, None, phrase_after(reading, cue.end, limit)


def _is_verb(reading: Reading, word: str) -> bool:
    return (
        word in FINITE_AUXILIARIES
        or word in reading.grammar.verbs
        or word in reading.grammar.lexicon.by_form
    )


def _has_verb(reading: Reading, start: int, end: int) -> bool:
    """Whether a finite verb or auxiliary lies in ``[start, end)`` (so it is not a phrase)."""
    words = [w.lower() for w in WORD.findall(reading.text, start, end)]
    return any(
        w in FINITE_AUXILIARIES
        or w in reading.grammar.verbs
        or w in reading.grammar.lexicon.by_form
        for w in words
    )


def reported_by_source(reading: Reading, cue: Cue, bounds: tuple[int, int]) -> Found | None:
    """'According to X, ...' and '..., according to X.'"""
    text = reading.text
    speaker = mention_after(reading, cue.end, bounds[1])
    # 'according to [a recent poll] of Indiana voters,': the source runs on past its mention.
    source_end = _source_end(reading, cue.end, bounds[1])
    if speaker is not None and (source_end is None or source_end < speaker.end):
        source_end = speaker.end
    if source_end is None:
        return None
    source = None
    if speaker is None:
        phrase_end = source_end
        while phrase_end > cue.end and text[phrase_end - 1] in ".!? \t":
            phrase_end -= 1
        source = _phrase(reading, cue.end, phrase_end)
    after = re.compile(r"\s*,\s*").match(text, source_end, bounds[1])
    if after is not None and after.end() < bounds[1]:
        start = after.end()
        end = clause_end(reading, start, bounds[1])
        if len(WORD.findall(text, start, end)) >= MIN_INDIRECT_WORDS:
            return Found("indirect", start, end, cue.bounds, speaker, source=source)
    before = text[bounds[0] : cue.start].rstrip()
    if before and not SOURCE_TAIL.fullmatch(text, source_end, bounds[1]):
        return None  # 'according to X' inside a longer sentence: not its source
    if before.endswith(","):
        return _report_before_comma(
            reading, bounds[0], bounds[0] + len(before) - 1, cue, speaker, source=source
        )
    if len(before.split()) > MIN_INDIRECT_WORDS:
        # '... 271 delegates according to a count by X.': no comma before the cue.
        return _report_before_comma(
            reading, bounds[0], bounds[0] + len(before), cue, speaker, source=source
        )
    return None


def _source_end(reading: Reading, start: int, limit: int) -> int | None:
    """The end of a source no mention was found for: 'according to [a new poll], ...' or
    '..., according to [early results of a poll conducted by X for Y].': a noun phrase,
    perhaps with participles, but no finite auxiliary."""
    comma = reading.text.find(",", start, limit)
    end = comma if comma >= 0 else limit
    words = [w.lower() for w in WORD.findall(reading.text, start, end)]
    if not 0 < len(words) <= MAX_APPOSITION_WORDS or FINITE_AUXILIARIES & set(words):
        return None
    return end


def reported_raising(reading: Reading, cue: Cue, bounds: tuple[int, int]) -> Found | None:
    """'The deal seems to be dead', 'X is expected to win': the subject and the infinitive
    that follows the cue, two fragments of one report whose source the text does not name."""
    text = reading.text
    after = RAISED_INFINITIVE.match(text, cue.end, bounds[1])
    if after is None:
        return None
    verb_start = cue.start
    if cue.entry.copula:
        be = COPULA_BEFORE.search(text, max(bounds[0], cue.start - WORD_BEFORE_WINDOW), cue.start)
        if be is None:
            return None
        verb_start = be.start()
    start = subject_start(reading, bounds[0], verb_start)
    subject = subject_phrase(reading, start, verb_start)
    if subject is None:
        return None
    end = clause_end(reading, after.end(), bounds[1])
    if len(WORD.findall(text, after.end(), end)) < MIN_INDIRECT_WORDS:
        return None
    first = Found("indirect", subject[0], subject[1], cue.bounds)
    return replace(first, rest=Found("indirect", after.end(), end, cue.bounds))


def reported_question(reading: Reading, cue: Cue, bounds: tuple[int, int]) -> Found | None:
    """'Asked whether ..., X said', 'When asked by Y about ..., X replied': the question is a
    report of its own, from its question word to the comma before the answer; its source is
    the asker after 'by', else unknown."""
    text = reading.text
    before = [w.lower() for w in WORD.findall(text, bounds[0], cue.start)]
    if before not in ([], ["when"], ["after", "being"], ["if"], ["once"]):
        return None
    comma = text.find(",", cue.end, bounds[1])
    if comma < 0:
        return None
    questions = reading.grammar.word_set("question")
    opener = next(
        (
            w
            for w in list(WORD.finditer(text, cue.end, comma))[:MAX_LINE_SPEAKER_WORDS]
            if w.group().lower() in questions
        ),
        None,
    )
    if opener is None:
        return None
    start = opener.start()
    adverb = WORD.search(text, cue.end, start)
    if adverb is not None and text[cue.end : start].strip().lower() == "specifically":
        start = adverb.start()  # 'Asked specifically what ...'
    # The answer's cue ends the question: the last comma before it.
    answer = next((c for c in reading.cues(comma, bounds[1]) if c.entry.indirect), None)
    end = text.rfind(",", start, answer.start) if answer is not None else comma
    if len(WORD.findall(text, start, end)) < MIN_INDIRECT_WORDS - 1:
        return None
    speaker, source = None, None
    by = re.compile(r"\s+by\s+").match(text, cue.end, start)
    if by is not None:
        speaker = mention_after(reading, by.end(), start)
        if speaker is None:
            source = _phrase(reading, by.end(), start)
    return Found("indirect", start, end, cue.bounds, speaker, source=source)


def reported_frame(reading: Reading, cue: Cue, bounds: tuple[int, int]) -> Found | None:
    """'In a new poll by X, 50 percent chose Y': a finding framed by its source, a phrase with
    a survey noun ('poll', 'survey', 'report'), before a clause with no cue of its own."""
    text = reading.text
    if text[bounds[0] : cue.start].strip(" \t\"“'‘—–-"):
        return None
    comma = text.find(",", cue.end, bounds[1])
    if comma < 0:
        return None
    words = [w.lower() for w in WORD.findall(text, cue.end, comma)]
    surveys = reading.grammar.word_set("survey")
    if not 0 < len(words) <= MAX_APPOSITION_WORDS or not surveys & set(words):
        return None
    if FINITE_AUXILIARIES & set(words):
        return None
    start = comma + 1
    while start < bounds[1] and text[start].isspace():
        start += 1
    end = clause_end(reading, start, bounds[1])
    if any(c.entry.indirect or c.entry.direct for c in reading.cues(start, bounds[1])):
        return None  # 'In a statement, X said ...': the cue after it has the report
    if len(WORD.findall(text, start, end)) < MIN_INDIRECT_WORDS:
        return None
    source = _phrase(reading, cue.end, comma)
    return Found("indirect", start, end, cue.bounds, source=source)


def _report_before_comma(
    reading: Reading,
    start: int,
    comma: int,
    cue: Cue,
    speaker: Mention | None,
    *,
    source: tuple[int, int] | None = None,
    min_words: int = MIN_INDIRECT_WORDS,
) -> Found | None:
    start = clause_start(reading, start, comma)
    text = reading.text
    while start < comma and text[start].isspace():
        start += 1
    if len(WORD.findall(text, start, comma)) < min_words:
        return None
    return Found("indirect", start, comma, cue.bounds, speaker, source=source)


def clause_end(reading: Reading, start: int, limit: int) -> int:
    """Where a reported clause ends: before ';', a dash, or another cue joined by 'and' or
    a comma ('... in the war and appealed for ...'); the sentence's end otherwise."""
    text = reading.text
    end = limit
    hard = HARD_BREAK.search(text, start, limit)
    if hard is not None:
        end = hard.start()
    for cue in reading.all_cues(start, end):
        joined = CLAUSE_BREAK.search(text, start, cue.start) or _subject_joined(
            reading, start, cue.start
        )
        if joined is not None:
            end = joined.start()
            break
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?"):
        end -= 1
    return end


def _subject_joined(reading: Reading, start: int, cue_start: int) -> re.Match[str] | None:
    """A second clause with a subject of its own before a cue: '..., while [nine in 10]
    said ...', '..., and [aides] say ...'; the join, when there is one."""
    joins = list(SUBJECT_JOIN.finditer(reading.text, start, cue_start))
    if not joins:
        return None
    subject = WORD.findall(reading.text, joins[-1].end(), cue_start)
    if not 0 < len(subject) <= MAX_JOINED_SUBJECT_WORDS:
        return None
    return None if _has_verb(reading, joins[-1].end(), cue_start) else joins[-1]


Reporter = Callable[[Reading, Cue, tuple[int, int]], Found | None]
REPORTERS: Mapping[IndirectForm, tuple[Reporter, ...]] = MappingProxyType(
    {
        "that": (reported_before, reported_around, reported_after),
        "clause": (reported_before, reported_around, reported_after),
        "audience": (reported_before, reported_around, reported_after),
        "of": (reported_after,),
        "source": (reported_by_source,),
        # 'X expected that ...' when a raising form is a cue verb's too.
        "raising": (reported_raising, reported_after),
        # 'X asked whether ...' when the question frame is not sentence-initial.
        "question": (reported_question, reported_before, reported_around, reported_after),
        "frame": (reported_frame,),
    }
)


# -- the stage --------------------------------------------------------------------------------


def find_quotes(article: Article, ctx: Context) -> Article:
    article.quotes = quotes_of(article, grammar(ctx))
    return article


STAGE = Stage(
    name="quotes",
    version=VERSION,
    requires=("doc", "sentences", "mentions", "actors", "times"),
    assigns=("quotes",),
    run=find_quotes,
    description="direct, partial and indirect quotations with their speakers and cues",
)
