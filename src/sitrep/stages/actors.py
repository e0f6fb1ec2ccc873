"""The actors stage: mentions of people, organisations, countries and groups, grouped into actors.

Rules, in the order they claim text (a token belongs to one mention at most):

1. Title phrases, read from the knowledge base's sector terms and the bodies, person and group
   nouns of ``actor_words.yaml``: ``[modifier]? [title]+ Name`` ("Kremlin spokesperson Dmitry
   Peskov") is a person coded from the modifier (a country adjective, seat, organisation or
   "Russia's") and the title's sector; ``the [modifier]? title`` ("the Ukrainian president")
   is a description of one; ``a/an [modifier]? title [for|of|at ...]`` ("a spokesman for the
   Ukrainian forces") is an unnamed person coded by its affiliation; ``[the|modifier] body``
   ("Russia's defence ministry", "the Treasury") is an organisation coded by the country and
   the body's sector; ``modifier group-noun`` ("Russian forces", "European governments") a
   group; ``Country's allies`` a group with no country. Titles are the sector terms and their
   synonyms ("Sen." for senator); person nouns include courtesy titles ("Mr. Manafort"). A
   party and state tag after the name ("Sen. Jane Roe (D-Mont.)") codes an American lawmaker.
2. Names not in the knowledge base: capitalised runs ending in an organisation head ("Rapid
   Support Forces", with "(RSF)" as an alias), runs of two or more capitalised words before
   a speech verb ("Kaja Kallas said"), and a given name of ``given_names.yaml`` before
   capitalised words anywhere but in a title-cased headline ("Jeff Sessions").
3. Entities of the language stage: known people, organisations, seats ("the Kremlin"),
   countries, plural demonyms ("Ukrainians"), and capitals, these only where they act ("Kyiv
   said", "described ... by Kyiv"), never as a dateline or a mere location.
4. Plural group nouns standing alone where they act ("Analysts in Seoul said").
5. Pronouns (he/she/his/her), surnames of people named earlier, acronyms of organisations
   named earlier, anaphors ("the agency", "the militia", "the campaign"), and a person's
   campaign ("Clinton's campaign", "the Trump campaign"), an organisation of party politics.
6. Speakers no other rule names: the subject of a cue verb of ``cue_verbs.yaml`` ("a source
   said", "The statement said", "Sanders told", "they say"), or the speaker after an inverted
   cue ('," said a spokesman') or "according to". Such a mention has no actor (``actor_id``
   None) unless a later rule links it; so do subject pronouns no person fits.

A titled surname ("Mr. Manafort", "Sen. Sessions") is the person named in full before; a name
and the description set off by commas beside it ("Ann Lee, a senior US official,") are one
person, coded by the description. Descriptions link to the latest person with that title and
a compatible country, or to the knowledge base's office holder on the article's date in the
description's country or the article's main country (its dateline, else the country it names
most); an organisation in a dateline ("KYIV (Reuters) -") is no actor; bodies without a country
("the foreign ministry", "the army") to the latest body of that kind, else the main country's;
anaphors to the latest organisation they describe; pronouns to the latest compatible person,
preferring the subject of an earlier sentence. Helpers for later stages:
:func:`actor_for_mention` and :func:`subject_mention`.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc, Span, Token

from sitrep.datafiles import load_entries
from sitrep.kb import ActorWordEntry, Gender, KnowledgeBase, Title, split_entity_id
from sitrep.lexicon import irregular_forms, verb_forms
from sitrep.lookup import section_at, sentence_at
from sitrep.options import Options
from sitrep.records import Actor, ActorKind, Article, Mention, MentionKind
from sitrep.registry import Context, Stage
from sitrep.stages.language import knowledge_base

VERSION = "actors.v4"
# Longest title or body phrase tried, in tokens ("joint chiefs of staff", "vice - president").
MAX_TITLE_TOKENS = 4
# Longest run of capitalised words read as a name after a title.
MAX_NAME_TOKENS = 4
# Longest organisation name read without the knowledge base ("Supreme National Security Council").
MAX_ORG_TOKENS = 7
# Longest noun phrase after an unnamed person's preposition ("for the Ukrainian forces").
MAX_PHRASE_TOKENS = 7
# How many sentences back a pronoun looks for its person.
PRONOUN_WINDOW = 6
# How many sentences back a description without a country accepts a person of another country
# than the article's.
FOREIGN_WINDOW = 2
CALENDAR_WORDS = frozenset(
    word.lower()
    for word in [*calendar.day_name, *calendar.month_name, *calendar.month_abbr]
    if word
)
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
ARTICLES = frozenset({"the", "a", "an"})
INDEFINITE = frozenset({"a", "an"})
# Prepositions that tie an unnamed person to an affiliation; "in" adds a place.
AFFILIATIONS = frozenset({"for", "of", "at", "with", "from"})
# Words that join the capitalised words of an organisation's name.
NAME_JOINERS = frozenset({"of", "for", "and", "on", "the"})
ENTITY_KINDS_WITH_COUNTRY = frozenset({"country", "capital", "seat"})
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,7}$")
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
# '(R-Ohio)', '(D-Calif.)', '(R)', ', I-Vt.': an American lawmaker's party and state after a name.
PARTY_TAG = re.compile(
    r" ?\((?:R|D|I)(?:[-–] ?[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?\)"
    r"|, (?:R|D|I)[-–][A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?(?=,)"
)
PARTY_TAG_TOKENS = 9
PARTY_TAG_COUNTRY = "USA"
PARTY_TAG_SECTOR = "LEG"
# A politician's campaign: the word, and the organisation kind anaphors ('the campaign') seek.
CAMPAIGN = "campaign"
# 'B.' in 'James B. Comey'; suffixes that end a name.
INITIAL = re.compile(r"^[A-Z]\.$")
SUFFIXES = frozenset({"jr.", "sr.", "jr", "sr", "ii", "iii", "iv"})
# Subject pronouns kept as speaker mentions even when no actor fits them.
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
# Longest speaker phrase read without the knowledge base ("the Washington Post fact checker").
MAX_SPEAKER_TOKENS = 6
# Words between a subject and its verb that belong to neither: 'X has also said'.
VERB_HELPERS = frozenset(
    {
        *("has", "have", "had", "is", "was", "are", "were", "will", "would", "could", "can"),
        *("may", "might", "must", "should", "did", "does", "do", "also", "not", "never", "n't"),
        *("once", "later", "then", "often", "still", "already", "just", "even", "again"),
        *("now", "only", "too", "first", "together", "yet"),
    }
)
MODALS = frozenset({"will", "would", "could", "can", "may", "might", "must", "should"})
# 'was described', 'is expected': a cue verb after one of these is passive, its subject no speaker.
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
# Words that end no speaker phrase: 'to say', 'who said', 'which says', 'and said'.
NOT_SPEAKERS = frozenset(
    {
        *("to", "who", "which", "that", "what", "there", "and", "or", "but", "nor", "this"),
        *("these", "before", "after", "during", "since", "until", "than", "as", "if", "when"),
        *("while", "because", "so", "where", "how", "why", "whether", "not", "also"),
    }
)


@dataclass
class Candidate:
    """A mention before it is linked: where it is, what it says about its actor."""

    start: int  # token indices
    end: int
    kind: MentionKind
    label: str | None = None
    key: str | None = None  # actor key once known: "person:volodymyr-zelensky", "group:RUS:MIL"
    name: str | None = None
    actor_kind: ActorKind = "unknown"
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    gender: Gender | None = None
    titles: set[tuple[str, str | None]] = field(default_factory=set)
    title: str | None = None  # for descriptions: the canonical title looked for
    body: str | None = None  # an institution's phrase: "foreign ministry"
    org_kind: str | None = None  # "armed_group", "igo", ...
    anaphor: ActorWordEntry | None = None  # "the agency": what it may pick up
    needs_country: bool = False  # a body or unnamed person whose country is read when linking
    keep: bool = False  # a speaker or subject pronoun kept as a mention even without an actor


@dataclass
class ActorState:
    """What the stage knows of an actor while reading: its code, titles, gender, mentions."""

    key: str
    name: str
    kind: ActorKind
    country: str | None
    sector: str | None
    kb_id: str | None
    gender: Gender | None
    titles: set[tuple[str, str | None]]
    body: str | None = None
    org_kind: str | None = None
    mentions: list[Candidate] = field(default_factory=list)


@dataclass(frozen=True)
class Words:
    """Per-token facts read once from the parse: spaCy's tokens are slow to make."""

    lower: tuple[str, ...]
    offset: tuple[int, ...]
    capitalised: tuple[bool, ...]
    blocked: tuple[bool, ...]  # spaces and tokens of PERSON or GPE entities: no title there
    title_starts: frozenset[str]  # first words of titles and bodies

    @classmethod
    def read(cls, doc: Doc, starts: frozenset[str]) -> Words:
        lower, offset, capitalised, blocked = [], [], [], []
        for token in doc:
            lower.append(token.lower_)
            offset.append(token.idx)
            capitalised.append(token.text[:1].isupper())
            blocked.append(token.is_space or token.ent_type_ in ("PERSON", "GPE"))
        return cls(tuple(lower), tuple(offset), tuple(capitalised), tuple(blocked), starts)


def title_starts(kb: KnowledgeBase) -> frozenset[str]:
    phrases = [*title_index(kb), *kb.words_by_phrase("body")]
    return frozenset(phrase.replace("-", " - ").split()[0] for phrase in phrases if phrase)


def title_index(kb: KnowledgeBase) -> dict[str, Title]:
    """The sector terms, and the synonyms of ``actor_words.yaml`` that spell one another way
    ('sen.' for senator, 'gov.' for governor): each a title of its term's sector."""
    titles = dict(kb.titles())
    for entry in kb.words_of("synonym"):
        phrase = " ".join(entry.word.lower().split())
        meant = titles.get((entry.means or "").lower())
        if meant is not None and phrase not in titles:
            titles[phrase] = Title(phrase, meant.sector, meant.singular, meant.kind)
    return titles


@dataclass(frozen=True)
class Reader:
    """The knowledge the rules read, and the article's date for office look-ups."""

    doc: Doc
    kb: KnowledgeBase
    day: date
    acting_verbs: frozenset[str]
    ents: dict[int, Span]  # entities by their first token
    words: Words
    main_country: str | None = None
    sentence_of: tuple[int, ...] = ()  # sentence index of every token
    cue_forms: frozenset[str] = frozenset()  # first words of the cue verbs' forms: 'said'
    titles: dict[str, Title] = field(default_factory=dict)  # see title_index
    given_names: dict[str, GivenName] = field(default_factory=dict)  # 'jeff': Jeff, male


class CueVerb(BaseModel):
    """What the actors stage reads of a ``cue_verbs.yaml`` entry: its forms, to find speakers.
    The quotes stage reads the whole entry (``sitrep.stages.quotes.CueEntry``)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    lemma: str
    forms: list[str] | None = None
    indirect: str | None = None


class GivenName(BaseModel):
    """A given name of ``given_names.yaml``: 'Jeff' (male) starts a person's name."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    gender: Gender | None = None


def given_names(data_dirs: Sequence[Path] = ()) -> dict[str, GivenName]:
    """Given names by their lower-case form: 'jeff' -> Jeff (male)."""
    entries = load_entries("given_names.yaml", GivenName, key=lambda e: e.name, data_dirs=data_dirs)
    return {entry.name.lower(): entry for entry in entries}


def cue_forms(data_dirs: Sequence[Path] = ()) -> frozenset[str]:
    """The lower-case first words of every cue verb form but the source phrases."""
    entries = load_entries("cue_verbs.yaml", CueVerb, key=lambda e: e.lemma, data_dirs=data_dirs)
    forms: set[str] = set()
    for entry in entries:
        if entry.indirect != "source":
            found = entry.forms if entry.forms is not None else verb_forms(entry.lemma)
            forms.update(form.split(" ", 1)[0].lower() for form in found)
    return frozenset(forms)


def reader_for(article: Article, ctx: Context) -> Reader:
    kb = knowledge_base(ctx)
    ents = {ent.start: ent for ent in article.doc.ents}
    verbs = ctx.resource("actors.verbs", lambda: acting_verbs(kb))
    starts = ctx.resource("actors.title_starts", lambda: title_starts(kb))
    cues = ctx.resource("actors.cue_forms", lambda: cue_forms(ctx.options.data_dirs))
    titles = ctx.resource("actors.titles", lambda: title_index(kb))
    names = ctx.resource("actors.given_names", lambda: given_names(ctx.options.data_dirs))
    words, sentence_of = _token_index(article, starts)
    return Reader(
        article.doc,
        kb,
        article_day(article, ctx),
        verbs,
        ents,
        words,
        main_country(article, kb),
        sentence_of,
        cues,
        titles,
        names,
    )


def _token_index(article: Article, starts: frozenset[str]) -> tuple[Words, tuple[int, ...]]:
    """The doc's words and each word's sentence, read once per doc.

    Both the actors and the places stage read them; they depend only on the doc and its
    sentences, so they are kept in the doc's own ``user_data`` rather than read twice.
    """
    key = "sitrep.actors.token_index"
    cached = article.doc.user_data.get(key)
    if cached is None:
        words = Words.read(article.doc, starts)
        cached = (words, _sentence_of(article, words.offset))
        article.doc.user_data[key] = cached
    return cached


def _sentence_of(article: Article, offsets: tuple[int, ...]) -> tuple[int, ...]:
    """The index of the sentence holding each token, -1 outside every sentence."""
    sentences = article.sentences
    found, current = [], 0
    for offset in offsets:
        while current + 1 < len(sentences) and offset >= sentences[current + 1].start:
            current += 1
        inside = bool(sentences) and sentences[current].start <= offset < sentences[current].end
        found.append(current if inside else -1)
    return tuple(found)


# -- the stage ------------------------------------------------------------------------------


def find_actors(article: Article, ctx: Context) -> Article:
    reader = reader_for(article, ctx)
    candidates = collect_candidates(article, reader)
    actors = link_candidates(article, reader, candidates)
    unlinked = [c for c in candidates if c.key is None and c.keep]
    article.mentions, article.actors = records(article, reader.doc, actors, unlinked)
    return article


def article_day(article: Article, ctx: Context) -> date:
    """The article's date: its document date, publication date, or the run's today."""
    if article.document_date:
        try:
            return date.fromisoformat(article.document_date[:10])
        except ValueError:
            pass
    return article.meta.published or ctx.options.published or ctx.options.today


def acting_verbs(kb: KnowledgeBase) -> frozenset[str]:
    forms = {form for lemma_forms in irregular_forms().values() for form in lemma_forms}
    return frozenset(forms | kb.word_set("verb") | kb.word_set("speech_verb"))


def main_country(article: Article, kb: KnowledgeBase) -> str | None:
    """The article's country: its dateline's, else the one it names most (at least twice).

    A dateline abroad ("GENEVA -" on a story about Sudan) is where the reporter files from: its
    country yields to one the text names at least twice and more than twice as often.
    """
    dateline_country = None
    dateline = next((s for s in article.sections if s.kind == "dateline"), None)
    if dateline is not None:
        dateline_country = _dateline_country(kb, dateline.text)
    counts: Counter[str] = Counter()
    for ent in article.doc.ents:
        country = _entity_country(kb, ent)
        if country is None:
            continue
        section = section_at(article, ent.start_char)
        if section is not None and section.kind == "dateline":
            dateline_country = dateline_country or country
            continue
        counts[country] += 1
    ranked = counts.most_common(2)
    named_most = None
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        named_most = ranked[0][0]
    if dateline_country is not None and (
        named_most is None or 2 * counts[dateline_country] >= counts[named_most]
    ):
        return dateline_country
    return named_most


def _dateline_country(kb: KnowledgeBase, text: str) -> str | None:
    """'KYIV (Reuters) -', 'Seoul, South Korea': the country of the last place it names."""
    parts = [p.strip(" -—–:") for p in re.split(r"[,(/]", text)]
    found = [kb.country_of_name(part) for part in parts if part]
    return next((country for country in reversed(found) if country), None)


def _entity_country(kb: KnowledgeBase, ent: Span) -> str | None:
    kind, key = split_entity_id(ent.ent_id_)
    if kind in ENTITY_KINDS_WITH_COUNTRY:
        return key
    if kind == "place":
        place = kb.place(key)
        return place.country if place else None
    return None


# -- rule 1: titles, descriptions, bodies and groups ----------------------------------------


def collect_candidates(article: Article, reader: Reader) -> list[Candidate]:
    taken: set[int] = set()
    found: list[Candidate] = []

    def claim(candidates: Iterable[Candidate]) -> None:
        for candidate in candidates:
            span = range(candidate.start, candidate.end)
            if not taken.intersection(span):
                found.append(candidate)
                taken.update(span)

    claim(_title_candidates(reader))
    claim(_organisation_name_candidates(reader, taken))
    claim(_entity_candidates(article, reader))
    claim(_speaker_name_candidates(reader, taken))
    claim(_given_name_candidates(reader, taken))
    claim(_bare_group_candidates(reader, taken))
    claim(_word_candidates(reader, found, taken))
    claim(_campaign_candidates(reader, found, taken))
    claim(_speaker_candidates(reader, taken))
    ordered = sorted(found, key=lambda c: c.start)
    _tie_surnames(ordered)
    _join_appositions(reader, ordered)
    return ordered


def _join_appositions(reader: Reader, candidates: list[Candidate]) -> None:
    """'Ann Lee, a senior US official,' and 'the British foreign secretary, Ann Lee,': a name
    and the description set off by commas beside it are one person, coded by the description."""
    for first, second in pairwise(candidates):
        if not _apposed(reader, first, second):
            continue
        name, description = (first, second) if first.kind != "description" else (second, first)
        if not (name.key or "").startswith("person?:") or description.kind != "description":
            continue
        name.country = name.country or description.country
        name.sector = name.sector or description.sector
        name.titles |= description.titles
        description.key, description.name = name.key, name.name


def _apposed(reader: Reader, first: Candidate, second: Candidate) -> bool:
    """Two people, the second right after a comma after the first, and followed by a comma or
    the sentence's end."""
    doc = reader.doc
    if first.actor_kind != "person" or second.actor_kind != "person":
        return False
    if second.start <= first.end or doc[first.end].text != ",":
        return False
    skippable = reader.kb.word_set("determiner") | reader.kb.word_set("title_modifier")
    if any(token.lower_ not in skippable for token in doc[first.end + 1 : second.start]):
        return False  # only 'a senior' may come between: 'X, a senior US official,'
    return second.end >= len(doc) or doc[second.end].text in (",", ".", ";")


def _tie_surnames(candidates: list[Candidate]) -> None:
    """'Mr. Manafort', 'Sen. Sanders': a titled surname is the latest person of a compatible
    gender named in full before ('Mrs. Clinton' is not 'Bill Clinton')."""
    full: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        if candidate.actor_kind != "person" or not candidate.key or not candidate.name:
            continue
        parts = candidate.name.split()
        if len(parts) > 1:
            full.setdefault(parts[-1], []).append(candidate)
            continue
        owners = full.get(parts[0], [])
        owner = next((o for o in reversed(owners) if _compatible(o.gender, candidate.gender)), None)
        if owner is not None and candidate.key.startswith("person?:"):
            candidate.key, candidate.country = owner.key, candidate.country or owner.country
            candidate.gender = candidate.gender or owner.gender


def _title_candidates(reader: Reader) -> Iterable[Candidate]:
    index = 0
    while index < len(reader.doc):
        candidate = _title_candidate_at(reader, index)
        if candidate is None:
            index += 1
        else:
            yield candidate
            index = candidate.end


@dataclass(frozen=True)
class Modifier:
    """What codes a title: 'Russian', "Russia's", 'the Kremlin', 'European' (no country)."""

    start: int
    end: int  # after the possessive, if any
    country: str | None
    via: str | None  # the key part: 'RUS', an organisation id, 'European'
    possessive: bool


def _title_candidate_at(reader: Reader, index: int) -> Candidate | None:
    doc = reader.doc
    word = reader.words.lower[index]
    article_word = word if word in ARTICLES else None
    position = index + 1 if article_word else index
    modifier = _modifier_at(reader, position)
    leading = False  # 'a senior Russian official': a title modifier before the country
    if modifier is None and article_word is not None:
        past = _past_title_modifiers(reader, position)
        modifier = _modifier_at(reader, past) if past > position else None
        leading = modifier is not None
    if modifier is not None:
        position = modifier.end
    chain_end, titles, plain = _title_chain(reader, position)
    if not titles:
        return None
    plain = plain and not leading
    last = titles[-1]
    start = index if article_word else (modifier.start if modifier else position)
    if last.kind == "body":
        if _is_thing(reader, chain_end):
            return None
        if article_word == "the" or modifier is not None:
            return _body(reader, start, chain_end, last, modifier, titles)
        return None
    if article_word in INDEFINITE:
        return _unnamed_person(reader, index, chain_end, titles, modifier)
    name_end = _name_end(reader, chain_end)
    country = modifier.country if modifier else None
    start = modifier.start if modifier is not None else position
    if name_end > chain_end and last.singular:
        return _titled_person(reader, start, chain_end, name_end, titles, country, plain)
    if article_word == "the" and last.singular:
        return _description(reader, index, chain_end, titles, country, plain)
    if modifier is not None and last.kind == "relational":
        return _relational(reader, modifier.start, chain_end, last, modifier)
    if modifier is not None and not last.singular and not _name_follows(doc, chain_end):
        group_start = index if article_word == "the" else modifier.start
        return _group(reader, group_start, chain_end, titles, modifier)
    return None


def _past_title_modifiers(reader: Reader, position: int) -> int:
    """Past 'senior', 'former' at ``position``."""
    modifiers = reader.kb.word_set("title_modifier")
    while position < len(reader.words.lower) and reader.words.lower[position] in modifiers:
        position += 1
    return position


def _modifier_at(reader: Reader, position: int) -> Modifier | None:
    """A country adjective, country, seat, organisation or region word at ``position``."""
    doc = reader.doc
    ent = reader.ents.get(position)
    if ent is not None and ent.label_ in ("NORP", "GPE", "ORG"):
        kind, key = split_entity_id(ent.ent_id_)
        possessive = _is_possessive(doc, ent.end)
        if kind in ("country", "seat", "organisation") or (kind == "capital" and possessive):
            country: str | None = key
            if kind == "organisation":
                organisation = reader.kb.organisation(key)
                country = organisation.country if organisation else None
            end = ent.end + (1 if possessive else 0)
            return Modifier(ent.start, end, country, key, possessive)
        return None
    if ent is None and position < len(doc):
        region = _region_at(reader, position)
        if region is not None:
            return Modifier(position, region, None, doc[position:region].text, False)
    return None


def _region_at(reader: Reader, position: int) -> int | None:
    regions = reader.kb.words_by_phrase("region")
    lower = reader.words.lower
    if not reader.words.capitalised[position]:
        return None
    for length in (2, 1):
        if (
            position + length <= len(lower)
            and " ".join(lower[position : position + length]) in regions
        ):
            return position + length
    return None


def _is_possessive(doc: Doc, index: int) -> bool:
    return index < len(doc) and doc[index].text in POSSESSIVE


def _title_chain(reader: Reader, position: int) -> tuple[int, list[Title], bool]:
    """Titles from ``position``: ('Deputy Foreign Minister' -> end, [foreign minister], False).

    The flag ``plain`` is False when a title modifier ("deputy", "former") is part of the chain:
    such a title does not name the office holder the knowledge base lists.
    """
    titles: list[Title] = []
    modifiers = reader.kb.word_set("title_modifier")
    plain = True
    end = position
    while end < len(reader.doc):
        title, length = _title_at(reader, end)
        if title is not None:
            titles.append(title)
            end += length
        elif reader.words.lower[end] in modifiers and _title_at(reader, end + 1)[0] is not None:
            plain = False
            end += 1
        else:
            break
    return end, titles, plain


def _title_at(reader: Reader, position: int) -> tuple[Title | None, int]:
    """The longest title, body or person/group noun at ``position``; bodies win ties."""
    words = reader.words
    if position >= len(words.lower):
        return None, 0
    ministry = position + 1 < len(words.lower) and words.lower[position + 1] == "ministry"
    if words.lower[position] not in words.title_starts and not ministry:
        return _noun_at(reader, position)
    titles = reader.titles or reader.kb.titles()
    bodies = reader.kb.words_by_phrase("body")
    for length in range(min(MAX_TITLE_TOKENS, len(words.lower) - position), 0, -1):
        if any(words.blocked[position : position + length]):
            continue
        phrase = " ".join(words.lower[position : position + length]).replace(" - ", "-")
        if phrase in bodies:
            return Title(phrase, bodies[phrase].sector, False, "body"), length
        if phrase in titles:
            return titles[phrase], length
        if length == 2 and ministry and _is_ministry(reader.doc[position]):
            return Title(phrase, "GOV", False, "body"), length
    return _noun_at(reader, position)


def _is_ministry(first: Token) -> bool:
    """'energy ministry', 'Health Ministry': any word before 'ministry' names one."""
    return first.is_alpha and not first.is_stop


def _noun_at(reader: Reader, position: int) -> tuple[Title | None, int]:
    word = reader.words.lower[position]
    person = reader.kb.words_by_phrase("person_noun").get(word)
    if person is not None:
        return Title(word, person.sector, True, "person"), 1
    group = reader.kb.words_by_phrase("group_noun").get(word)
    if group is not None:
        return Title(word, group.sector, False, "group"), 1
    if word in reader.kb.words_by_phrase("relational"):
        return Title(word, None, False, "relational"), 1
    return None, 0


def _name_end(reader: Reader, position: int) -> int:
    """End of a person's name at ``position``: a PERSON entity or a run of capitalised words.

    Hyphenated parts belong to the name ("Lai Ching-te"), and so do particles ("bin").
    """
    doc = reader.doc
    if position >= len(doc):
        return position
    ent = reader.ents.get(position)
    if ent is not None and ent.label_ == "PERSON":
        return _hyphen_end(doc, ent.end)
    particles = reader.kb.word_set("name_particle")
    end, words = position, 0
    while end < len(doc) and words < MAX_NAME_TOKENS:
        if _is_name_word(doc[end]):
            end, words = _hyphen_end(doc, end + 1), words + 1
        elif words and doc[end].lower_ in particles and _next_is_name(doc, end):
            end += 1
        else:
            break
    return end


def _next_is_name(doc: Doc, index: int) -> bool:
    return _name_follows(doc, index + 1)


def _name_follows(doc: Doc, index: int) -> bool:
    """A capitalised word or a name at ``index``: 'official' in 'official Korean Central...'."""
    return index < len(doc) and (_is_name_word(doc[index]) or doc[index].ent_type_ == "ORG")


def _hyphen_end(doc: Doc, end: int) -> int:
    """Past '-te' in 'Ching-te': a hyphen and a word joined to the name without spaces."""
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    return end


def _is_name_word(token: Token) -> bool:
    return (
        token.is_alpha
        and token.text[:1].isupper()
        and not token.is_stop
        and not token.ent_type_
        and token.lower_ not in CALENDAR_WORDS
        and not token.is_sent_start
    )


def _titled_person(
    reader: Reader,
    start: int,
    chain_end: int,
    name_end: int,
    titles: list[Title],
    country: str | None,
    plain: bool,
) -> Candidate:
    doc = reader.doc
    name = doc[chain_end:name_end]
    head = _person_title(titles)
    tag_end = _party_tag_end(reader, name_end)
    end = tag_end if tag_end is not None else name_end
    candidate = Candidate(start, end, "title", label="PERSON", actor_kind="person")
    candidate.titles = {(_title_key(reader, head, plain), country)}
    if name[0].ent_type_ == "PERSON" and name[0].ent_id_:
        _fill_known_person(reader, candidate, name[0].ent_id_)
        candidate.country = candidate.country or country
    else:
        candidate.key = f"person?:{name.text}"
        candidate.name = name.text
        candidate.country = country or reader.main_country
        candidate.sector = _sector_of(titles)
        candidate.gender = _title_gender(reader, head.phrase) or _name_gender(reader, name)
    if tag_end is not None:
        _code_party_tag(candidate)
    return candidate


def _name_gender(reader: Reader, name: Span) -> Gender | None:
    """'Jane Okafor': the gender of the given name that starts a name, if any."""
    given = reader.given_names.get(name[0].lower_)
    return given.gender if given is not None and given.name == name[0].text else None


def _party_tag_end(reader: Reader, end: int) -> int | None:
    """The token end of a party and state tag right after a name: ' (R-Ohio)', ', D-Calif.'."""
    doc = reader.doc
    if end == 0 or end >= len(doc) or reader.words.lower[end] not in ("(", ","):
        return None
    last = doc[end - 1]
    base = last.idx + len(last.text)
    # The tag is short: read the few tokens after the name, not the whole text.
    window = last.whitespace_ + doc[end : end + PARTY_TAG_TOKENS].text
    found = PARTY_TAG.match(window)
    if found is None:
        return None
    offsets = reader.words.offset
    tag_end = end
    while tag_end < len(offsets) and offsets[tag_end] < base + found.end():
        tag_end += 1
    token = doc[tag_end - 1]
    return tag_end if token.idx + len(token.text) == base + found.end() else None


def _code_party_tag(candidate: Candidate) -> None:
    """A party and state tag is the American way to name a member of Congress."""
    candidate.country = PARTY_TAG_COUNTRY
    candidate.sector = candidate.sector or PARTY_TAG_SECTOR


def _person_title(titles: list[Title]) -> Title:
    return next((t for t in reversed(titles) if t.kind != "body"), titles[-1])


def _title_gender(reader: Reader, phrase: str) -> Gender | None:
    """'spokeswoman', 'Mrs.': the gender a title synonym or a person noun implies, if any."""
    gender = reader.kb.title_gender(phrase)
    if gender is None:
        entry = reader.kb.words_by_phrase("person_noun").get(phrase.lower())
        gender = entry.gender if entry is not None else None
    return gender


def _title_key(reader: Reader, title: Title, plain: bool) -> str:
    canonical = reader.kb.canonical_title(title.phrase)
    return canonical if plain else f"~{canonical}"


def _sector_of(titles: list[Title]) -> str | None:
    """The first sector other than GOV ('military officials' -> MIL), else GOV, else None."""
    sectors = [t.sector for t in titles if t.sector]
    return next((s for s in sectors if s != "GOV"), sectors[0] if sectors else None)


def _description(
    reader: Reader,
    start: int,
    chain_end: int,
    titles: list[Title],
    country: str | None,
    plain: bool,
) -> Candidate:
    end = chain_end
    of_country = _of_country(reader, chain_end)
    if country is None and of_country is not None:
        country, end = of_country
    candidate = Candidate(start, end, "description", label="PERSON", actor_kind="person")
    candidate.title = _title_key(reader, _person_title(titles), plain)
    candidate.country = country
    candidate.sector = _sector_of(titles)
    candidate.titles = {(candidate.title, country)}
    candidate.gender = _title_gender(reader, titles[-1].phrase)
    return candidate


def _of_country(reader: Reader, position: int) -> tuple[str, int] | None:
    """'of Ukraine' after a title: (UKR, end)."""
    doc = reader.doc
    if position + 1 >= len(doc) or doc[position].lower_ != "of":
        return None
    ent = reader.ents.get(position + 1)
    if ent is None or not ent.ent_id_.startswith("country:"):
        return None
    return split_entity_id(ent.ent_id_)[1], ent.end


def _group(
    reader: Reader, start: int, end: int, titles: list[Title], modifier: Modifier
) -> Candidate:
    sector = _sector_of(titles)
    candidate = Candidate(start, end, "group", label="NORP", actor_kind="group")
    if modifier.country is None:  # a region: "European governments"
        candidate.key = f"group:{modifier.via}:{titles[-1].phrase}"
    else:
        candidate.key = f"group:{modifier.via or modifier.country}:{sector}"
    candidate.name = _strip_article(reader.doc[start:end].text)
    candidate.country = modifier.country
    candidate.sector = sector
    return candidate


def _relational(
    reader: Reader, start: int, end: int, title: Title, modifier: Modifier
) -> Candidate:
    """ "Ukraine's allies": a group that is not coded as the country it belongs to."""
    candidate = Candidate(start, end, "group", label="NORP", actor_kind="group")
    candidate.key = f"group:{title.phrase}-of:{modifier.country or modifier.via}"
    candidate.name = _strip_article(reader.doc[start:end].text)
    return candidate


def _strip_article(text: str) -> str:
    return LEADING_ARTICLE.sub("", text)


def _body(
    reader: Reader,
    start: int,
    end: int,
    body: Title,
    modifier: Modifier | None,
    titles: list[Title],
) -> Candidate:
    """ "Russia's defence ministry", "the Treasury": an organisation of a country."""
    entry = reader.kb.words_by_phrase("body").get(body.phrase)
    end = _located_end(reader, end) if entry is not None and entry.located else end
    candidate = Candidate(start, end, "description", label="ORG", actor_kind="organisation")
    candidate.body = _canonical_body(body.phrase)
    candidate.sector = _sector_of(titles)
    candidate.name = _strip_article(reader.doc[start:end].text)
    fixed = entry.country if entry is not None else None
    candidate.country = modifier.country if modifier is not None else fixed
    if modifier is not None and modifier.country is None:
        candidate.country = None  # a region's body: "European parliament"
    candidate.needs_country = modifier is None and fixed is None
    return candidate


def _is_thing(reader: Reader, index: int) -> bool:
    """'drills' after 'Chinese military': the body only describes a thing."""
    return index < len(reader.doc) and reader.doc[index].lower_ in reader.kb.word_set("thing")


def _canonical_body(phrase: str) -> str:
    return phrase.replace("defense", "defence").replace("-", " ")


def _located_end(reader: Reader, end: int, *, unknown: bool = False) -> int:
    """Past 'in London' after 'the Russian embassy'; ``unknown``: any name ('in Atbara')."""
    doc = reader.doc
    if end + 1 < len(doc) and doc[end].lower_ == "in":
        ent = reader.ents.get(end + 1)
        if ent is not None and ent.label_ in ("GPE", "LOC"):
            return ent.end
        if unknown and ent is None and _is_name_word(doc[end + 1]):
            return end + 2
    return end


# -- unnamed people: "a spokesman for the army" ---------------------------------------------


def _unnamed_person(
    reader: Reader, start: int, chain_end: int, titles: list[Title], modifier: Modifier | None
) -> Candidate | None:
    head = _person_title(titles)
    if not (head.singular or head.phrase in reader.kb.words_by_phrase("person_noun")):
        return None
    end, country, sector = _affiliation(reader, chain_end)
    candidate = Candidate(start, end, "description", label="PERSON", actor_kind="person")
    candidate.key = f"unnamed:{start}"
    candidate.name = _strip_article(reader.doc[start:end].text)
    candidate.country = modifier.country if modifier is not None else country
    candidate.sector = sector or _sector_of(titles)
    candidate.gender = _title_gender(reader, head.phrase)
    candidate.titles = {(reader.kb.canonical_title(head.phrase), candidate.country)}
    bodies = [t.phrase for t in titles if t.kind == "body"]
    if bodies:
        candidate.body = _canonical_body(bodies[-1])
        candidate.needs_country = candidate.country is None
    return candidate


def _affiliation(reader: Reader, position: int) -> tuple[int, str | None, str | None]:
    """(end, country, sector) of 'for the Ukrainian forces in the sector' at ``position``."""
    doc = reader.doc
    end = position
    if end < len(doc) and doc[end].lower_ in AFFILIATIONS:
        end = _phrase_end(reader, end + 1)
        if end < len(doc) and doc[end].lower_ == "in":
            end = _phrase_end(reader, end + 1)
    if end - position < 2:
        return position, None, None
    return end, _phrase_country(reader, position, end), _phrase_sector(reader, position, end)


def _phrase_end(reader: Reader, position: int) -> int:
    """End of a short noun phrase: stops at punctuation, verbs, clauses and prepositions."""
    doc = reader.doc
    stops = reader.kb.word_set("preposition") - {"of"}
    end = position
    while end < len(doc) and end - position < MAX_PHRASE_TOKENS:
        token = doc[end]
        if token.is_space or token.is_sent_start or _ends_phrase(reader, token, stops):
            break
        end += 1
    return end if end > position else position


def _ends_phrase(reader: Reader, token: Token, stops: frozenset[str]) -> bool:
    if token.text in POSSESSIVE or (token.text == "-" and not token.whitespace_):
        return False
    if token.is_punct or token.lower_ in stops or token.lower_ in ("who", "which", "that"):
        return True
    if token.lower_ in ("and", "but", "or") or token.lower_ in reader.acting_verbs:
        return True
    return token.text.islower() and token.text.endswith("ed") and len(token.text) > 4


def _phrase_country(reader: Reader, start: int, end: int) -> str | None:
    for index in range(start, end):
        ent = reader.ents.get(index)
        if ent is None:
            continue
        kind, key = split_entity_id(ent.ent_id_)
        if kind == "organisation":
            organisation = reader.kb.organisation(key)
            if organisation is not None and organisation.country:
                return organisation.country
        country = _entity_country(reader.kb, ent)
        if country is not None:
            return country
    return None


def _phrase_sector(reader: Reader, start: int, end: int) -> str | None:
    """The sector of the first title, body or organisation head inside a phrase."""
    heads = reader.kb.words_by_phrase("org_head")
    for index in range(start, end):
        title, _ = _title_at(reader, index)
        if title is not None and title.sector:
            return title.sector
        head = heads.get(reader.doc[index].lower_)
        if head is not None and reader.doc[index].text[:1].isupper() and head.sector:
            return head.sector
    return None


# -- rule 2: names the knowledge base does not know -----------------------------------------


def _organisation_name_candidates(reader: Reader, taken: set[int]) -> Iterable[Candidate]:
    """'Rapid Support Forces (RSF)': an organisation, its acronym an alias for later."""
    doc = reader.doc
    index = 0
    while index < len(doc):
        end = _organisation_name_end(reader, index, taken)
        if end is None:
            index += 1
            continue
        candidate = _named_organisation(reader, index, end)
        yield candidate
        acronym = _acronym_after(doc, end)
        if acronym is not None:
            yield _alias(candidate, acronym, acronym + 1, "organisation")
            end = acronym + 2
        index = end


def _organisation_name_end(reader: Reader, start: int, taken: set[int]) -> int | None:
    """End of a capitalised run from ``start`` whose last word heads an organisation's name."""
    doc = reader.doc
    if (
        start in taken
        or not reader.words.capitalised[start]
        or not _is_org_word(reader, doc[start])
    ):
        return None
    if start > 0 and _is_org_word(reader, doc[start - 1]) and start - 1 not in taken:
        return None  # not the run's first word
    heads = reader.kb.words_by_phrase("org_head")
    best, end = None, start
    while end < len(doc) and end - start < MAX_ORG_TOKENS and end not in taken:
        token = doc[end]
        if _is_org_word(reader, token):
            end += 1
            if token.lower_ in heads and token.text[:1].isupper() and end - start >= 2:
                best = end
        elif token.lower_ in NAME_JOINERS and end + 1 < len(doc) and doc[end + 1].is_title:
            end += 1
        else:
            break
    return best


def _is_org_word(reader: Reader, token: Token) -> bool:
    """A capitalised word of an unknown name; a country or adjective may be one ('Syrian')."""
    if not (token.is_alpha and token.text[:1].isupper()) or token.lower_ in CALENDAR_WORDS:
        return False
    if not token.ent_type_:
        return True
    return token.ent_type_ in ("NORP", "GPE") and token.ent_id_.startswith("country:")


def _named_organisation(reader: Reader, start: int, end: int) -> Candidate:
    doc = reader.doc
    head = reader.kb.words_by_phrase("org_head")[doc[end - 1].lower_]
    name = doc[start:end].text
    country = _phrase_country(reader, start, end)
    mention_start = start
    modifier = _modifier_before(reader, start)
    if modifier is not None:
        mention_start, country = modifier.start, country or modifier.country
    if mention_start > 0 and doc[mention_start - 1].lower_ == "the":
        mention_start -= 1
    candidate = Candidate(mention_start, end, "organisation", label="ORG")
    candidate.kind = "description" if modifier is not None else "organisation"
    candidate.actor_kind = "organisation"
    candidate.key = f"organisation?:{name}"
    candidate.name = name
    candidate.country = country or reader.main_country
    candidate.sector = head.sector
    candidate.org_kind = head.org_kind
    return candidate


def _modifier_before(reader: Reader, start: int) -> Modifier | None:
    """ "China's" or "Iranian" right before a name."""
    doc = reader.doc
    end = start - 1 if start > 0 and doc[start - 1].text in POSSESSIVE else start
    for ent in (e for e in doc.ents if e.end == end):
        modifier = _modifier_at(reader, ent.start)
        if modifier is not None and modifier.end == start and modifier.country:
            return modifier
    return None


def _acronym_after(doc: Doc, end: int) -> int | None:
    """Token index of 'RSF' in ' (RSF)' right after a name."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        return end + 1 if ACRONYM.match(doc[end + 1].text) else None
    return None


def _alias(owner: Candidate, start: int, end: int, kind: MentionKind) -> Candidate:
    candidate = Candidate(start, end, kind, label=owner.label, key=owner.key)
    candidate.actor_kind = owner.actor_kind
    return candidate


def _speaker_name_candidates(reader: Reader, taken: set[int]) -> Iterable[Candidate]:
    """Two or more capitalised words right before a speech verb: 'Kaja Kallas said'."""
    doc = reader.doc
    verbs = reader.kb.word_set("speech_verb")
    for index, word in enumerate(reader.words.lower):
        if word not in verbs or index < 2 or not reader.words.capitalised[index - 1]:
            continue
        token = doc[index]
        start = token.i
        while start > 0 and start - 1 not in taken and _is_speaker_word(doc[start - 1]):
            start -= 1
        if token.i - start < 2 or token.i - start > MAX_NAME_TOKENS:
            continue
        if any(_title_at(reader, i)[0] is not None for i in range(start, token.i)):
            continue
        name = doc[start : token.i].text
        yield Candidate(
            start,
            token.i,
            "name",
            label="PERSON",
            key=f"person?:{name}",
            name=name,
            actor_kind="person",
        )


def _given_name_candidates(reader: Reader, taken: set[int]) -> Iterable[Candidate]:
    """'Jeff Sessions', 'James B. Comey': a given name and a surname, a person anywhere.

    Not in a title-cased line ('Senate Bill Gains Support'), and not when the name runs on
    into a longer proper name ('George Washington University').
    """
    doc = reader.doc
    heads = reader.kb.words_by_phrase("org_head")
    for index, lower in enumerate(reader.words.lower):
        given = reader.given_names.get(lower)
        if given is None or index in taken:
            continue
        token = doc[index]
        if token.text != given.name or token.ent_type_:
            continue
        end = _surname_end(reader, index + 1, taken)
        if end is None or doc[end - 1].lower_ in heads or _title_cased(reader, index):
            continue
        name = doc[index:end].text
        tag_end = _party_tag_end(reader, end)
        candidate = Candidate(index, tag_end or end, "name", label="PERSON", actor_kind="person")
        candidate.key, candidate.name = f"person?:{name}", name
        candidate.gender = given.gender
        if tag_end is not None:
            _code_party_tag(candidate)
        yield candidate


def _surname_end(reader: Reader, start: int, taken: set[int]) -> int | None:
    """The end of the capitalised words after a given name ('B. Comey', 'Kennedy Jr.'), None
    where there are none or the name runs on past ``MAX_NAME_TOKENS``."""
    doc = reader.doc
    end = start
    while end < len(doc) and end not in taken and end - start <= MAX_NAME_TOKENS:
        token = doc[end]
        if _is_name_word(token) or (end > start and token.lower_ in SUFFIXES):
            end = _hyphen_end(doc, end + 1)
        elif INITIAL.match(token.text) and end + 1 < len(doc) and _is_name_word(doc[end + 1]):
            end += 1
        else:
            break
    if end == start or end - start > MAX_NAME_TOKENS or len(doc[end - 1].text) < 2:
        return None  # 'Manuel L' of a name the tokenizer split at an accent
    if INITIAL.match(doc[end - 1].text):
        return None
    following = doc[end] if end < len(doc) else None
    if following is not None and following.is_alpha and following.text[:1].isupper():
        return None  # a longer name: 'John Kennedy Center', 'Paul Ryan Foundation'
    return end


def _title_cased(reader: Reader, index: int) -> bool:
    """Whether the sentence at ``index`` is a title-cased headline: no long word in lower case."""
    sentence = reader.sentence_of[index] if index < len(reader.sentence_of) else -1
    if sentence < 0:
        return False
    lower, capitalised = reader.words.lower, reader.words.capitalised
    start, end = index, index
    while start > 0 and reader.sentence_of[start - 1] == sentence:
        start -= 1
    while end < len(lower) and reader.sentence_of[end] == sentence:
        end += 1
    words = [i for i in range(start, end) if lower[i].isalpha() and len(lower[i]) > 3]
    return len(words) >= 3 and all(capitalised[i] for i in words)


def _is_speaker_word(token: Token) -> bool:
    return (
        token.is_alpha
        and token.text[:1].isupper()
        and not token.is_upper
        and not token.ent_type_
        and token.lower_ not in CALENDAR_WORDS
        and not token.is_stop
    )


# -- rule 3: entities -----------------------------------------------------------------------


def _entity_candidates(article: Article, reader: Reader) -> Iterable[Candidate]:
    for ent in reader.doc.ents:
        kind, key = split_entity_id(ent.ent_id_)
        candidate: Candidate | None = None
        if kind == "person":
            candidate = Candidate(ent.start, ent.end, "name", label="PERSON", actor_kind="person")
            _fill_known_person(reader, candidate, ent.ent_id_)
        elif kind == "organisation" and not _in_dateline(article, ent):
            candidate = _organisation(reader, ent, key)
        elif kind == "seat":
            candidate = _seat(reader, ent, key)
        elif kind == "country" and ent.label_ == "GPE":
            candidate = _country(reader, ent, key)
        elif kind == "country" and ent.label_ == "NORP":
            candidate = _demonym(reader, ent, key)
        elif kind == "capital" and acts(article, reader, ent):
            candidate = _capital(ent, key)
        if candidate is not None:
            yield candidate


def _in_dateline(article: Article, ent: Span) -> bool:
    """'KYIV (Reuters) -': the agency that filed the story, no actor in it."""
    section = section_at(article, ent.start_char)
    return section is not None and section.kind == "dateline"


def _fill_known_person(reader: Reader, candidate: Candidate, entity_id: str) -> None:
    person = reader.kb.person(split_entity_id(entity_id)[1])
    if person is None:
        return
    candidate.key = entity_id
    candidate.kb_id = entity_id
    candidate.name = person.name
    candidate.country = person.country
    candidate.sector = person.sector
    candidate.gender = person.gender
    candidate.titles |= reader.kb.titles_held(person, reader.day)


def _with_article(reader: Reader, start: int) -> int:
    """``start`` moved back over a 'the' right before it ('the United States')."""
    return start - 1 if start > 0 and reader.doc[start - 1].lower_ == "the" else start


def _name_ends_phrase(reader: Reader, index: int) -> bool:
    """Whether a name ends its noun phrase: not 'the Taiwan Strait', 'the Ukraine war'."""
    if index >= len(reader.doc):
        return True
    token = reader.doc[index]
    if not token.is_alpha:
        return True
    words = reader.kb.word_set("preposition") | reader.acting_verbs
    return token.lower_ in words or token.lower_ in ("and", "or", "but", "who", "which", "that")


def _organisation(reader: Reader, ent: Span, key: str) -> Candidate:
    organisation = reader.kb.organisation(key)
    start = _with_article(reader, ent.start)
    if start < ent.start and _word_before(reader, start + 1) in reader.kb.word_set("preposition"):
        start = ent.start  # "by the International Atomic Energy Agency": the name alone
    candidate = Candidate(start, ent.end, "organisation", label="ORG")
    candidate.key = candidate.kb_id = ent.ent_id_
    candidate.actor_kind = "organisation"
    candidate.name = organisation.name if organisation else ent.text
    candidate.country = organisation.country if organisation else None
    candidate.sector = organisation.sector if organisation else None
    candidate.org_kind = organisation.kind if organisation else None
    return candidate


def _seat(reader: Reader, ent: Span, iso3: str) -> Candidate:
    """'the Kremlin': the seat with its article, an organisation of the country's government."""
    start = _with_article(reader, ent.start)
    country = reader.kb.country(iso3)
    candidate = Candidate(start, ent.end, "seat", label="ORG", actor_kind="organisation")
    candidate.key = f"seat:{ent.text}"
    candidate.kb_id = f"seat:{iso3}:{ent.text}"
    candidate.name = f"the {ent.text}" if start < ent.start else ent.text
    candidate.country = iso3
    candidate.sector = country.seat_sector(ent.text) if country else "GOV"
    return candidate


def _country(reader: Reader, ent: Span, iso3: str) -> Candidate:
    country = reader.kb.country(iso3)
    start = _with_article(reader, ent.start) if _name_ends_phrase(reader, ent.end) else ent.start
    candidate = Candidate(start, ent.end, "country", label="GPE", actor_kind="country")
    candidate.key = candidate.kb_id = ent.ent_id_
    candidate.name = country.name if country else ent.text
    candidate.country = iso3
    return candidate


def _demonym(reader: Reader, ent: Span, iso3: str) -> Candidate | None:
    """A plural demonym used alone ('Ukrainians') is a group; an adjective alone is nothing."""
    country = reader.kb.country(iso3)
    if country is None or ent.text not in country.demonyms:
        return None
    candidate = Candidate(ent.start, ent.end, "demonym", label="NORP", actor_kind="group")
    candidate.key = f"group:{iso3}:"
    candidate.name = ent.text
    candidate.country = iso3
    return candidate


def _capital(ent: Span, iso3: str) -> Candidate:
    candidate = Candidate(ent.start, ent.end, "capital", label="GPE", actor_kind="organisation")
    candidate.key = candidate.kb_id = ent.ent_id_
    candidate.name = ent.text
    candidate.country = iso3
    candidate.sector = "GOV"
    return candidate


def acts(article: Article, reader: Reader, ent: Span) -> bool:
    """Whether a place name acts as an actor: 'Kyiv said', 'described ... by Kyiv'.

    Never in a dateline or title section, never after a place preposition ('in Kyiv').
    """
    section = section_at(article, ent.start_char)
    if section is not None and section.kind == "dateline":
        return False
    before = _word_before(reader, ent.start)
    if before in ("by", "with", "against"):
        return True
    if before == "and" and ent.start >= 2:
        previous = next((e for e in reader.doc.ents if e.end == ent.start - 1), None)
        if previous is not None and previous.ent_id_.startswith("capital:"):
            return acts(article, reader, previous)
    if before in reader.kb.word_set("preposition") or ent.end >= len(reader.doc):
        return False
    position = ent.end
    while position < len(reader.doc) - 1 and _verb_helper(reader.doc[position]):
        position += 1
    following = reader.doc[position]
    helpers = {t.lower_ for t in reader.doc[ent.end : position]}
    if _verb_helper(following) or following.lower_ in reader.kb.word_set("determiner"):
        return False  # "Tokyo is the capital", "Kyiv has a population of": described, not acting
    if helpers & MODALS:
        return True  # "Tehran could further limit ..."
    return _acting_word(reader, following) and following.lower_ not in BE_FORMS


def _verb_helper(token: Token) -> bool:
    """'has', 'could', 'also', 'repeatedly': words between a subject and its verb."""
    word = token.lower_
    return word in VERB_HELPERS or (word.endswith("ly") and token.is_alpha and len(word) > 4)


def _acting_word(reader: Reader, token: Token) -> bool:
    return token.lower_ in reader.acting_verbs or (
        token.text.islower() and token.text.endswith("ed") and len(token.text) > 3
    )


def _word_before(reader: Reader, index: int) -> str | None:
    """The lower-case word before ``index``, skipping determiners ('by the X' -> 'by')."""
    determiners = reader.kb.word_set("determiner")
    position = index - 1
    while position >= 0 and reader.doc[position].lower_ in determiners:
        position -= 1
    if position < 0 or reader.doc[position].is_space:
        return None
    return reader.doc[position].lower_


# -- rule 4: groups named by a plural noun alone --------------------------------------------


def _bare_group_candidates(reader: Reader, taken: set[int]) -> Iterable[Candidate]:
    """'Analysts in Seoul said', 'military analysts say': a group where it acts."""
    doc = reader.doc
    nouns = reader.kb.words_by_phrase("group_noun")
    for index, word in enumerate(reader.words.lower):
        entry = nouns.get(word)
        if entry is None or index in taken:
            continue
        token = doc[index]
        start = token.i - 1 if _is_noun_modifier(reader, token.i - 1, taken) else token.i
        end = _located_end(reader, token.i + 1, unknown=True)
        if not _group_acts(reader, start, end):
            continue
        candidate = Candidate(start, end, "group", label="NORP", actor_kind="group")
        place = _phrase_country(reader, token.i + 1, end) or _country_before(reader, start)
        if place is None and end > token.i + 1:
            place = reader.main_country
        candidate.key = f"group:{place}:{token.lower_}"
        candidate.name = doc[start:end].text
        candidate.country = place
        candidate.sector = entry.sector
        yield candidate


def _country_before(reader: Reader, start: int) -> str | None:
    """'Beijing police', 'Swiss federal prosecutors': the country of a place or adjective right
    before a group noun, past one lower-case word."""
    for position in (start - 1, start - 2):
        if position < 0:
            return None
        ent = next((e for e in reader.doc.ents if e.end == position + 1), None)
        if ent is not None:
            return _entity_country(reader.kb, ent)
        if not reader.doc[position].text.islower():
            return None
    return None


def _is_noun_modifier(reader: Reader, index: int, taken: set[int]) -> bool:
    """'military' in 'military analysts': a body or title word right before the noun."""
    if index < 0 or index in taken or reader.doc[index].is_sent_start:
        return False
    token = reader.doc[index]
    return token.is_alpha and token.lower_ in reader.kb.words_by_phrase("body")


def _group_acts(reader: Reader, start: int, end: int) -> bool:
    """At a sentence's start or right before a verb: the group is the subject."""
    doc = reader.doc
    if end >= len(doc):
        return False
    following = doc[end]
    verb = following.lower_ in reader.acting_verbs or following.lower_ in ("say", "believe")
    return verb or bool(
        doc[start].is_sent_start
        and following.text.islower()
        and following.is_alpha
        and following.text.endswith(("ed", "s"))
    )


# -- rule 5: pronouns, surnames, acronyms and anaphors --------------------------------------


def _word_candidates(
    reader: Reader, found: list[Candidate], taken: set[int]
) -> Iterable[Candidate]:
    pronouns = reader.kb.word_set("pronoun")
    names = _short_names(reader.doc, found)
    anaphors = reader.kb.words_by_phrase("anaphor")
    capitalised_names = {name.lower() for name in names}
    for index, word in enumerate(reader.words.lower):
        if index in taken or not (word in pronouns or word in capitalised_names or word == "the"):
            continue
        token = reader.doc[index]
        if token.lower_ in pronouns:
            yield Candidate(
                token.i,
                token.i + 1,
                "pronoun",
                actor_kind="person",
                gender=reader.kb.pronoun_gender(token.text),
                keep=token.lower_ in SUBJECT_PRONOUNS,
            )
        elif token.text in names and not token.ent_type_:
            owner = names[token.text]
            kind: MentionKind = "name" if owner.actor_kind == "person" else owner.kind
            yield _alias(owner, token.i, token.i + 1, kind)
        elif token.lower_ == "the" and token.i + 1 < len(reader.doc):
            anaphor = _anaphor_at(reader, token.i + 1, anaphors)
            if anaphor is not None and token.i + 1 not in taken:
                yield anaphor


def _campaign_candidates(
    reader: Reader, found: list[Candidate], taken: set[int]
) -> Iterable[Candidate]:
    """'Clinton's campaign', 'the Trump campaign': a person's campaign, an organisation of the
    person's party politics and country; 'the campaign' then picks it up as an anaphor."""
    people = {c.end: c for c in found if c.actor_kind == "person" and c.key}
    lower = reader.words.lower
    for index, word in enumerate(lower):
        if word != CAMPAIGN or index in taken:
            continue
        before = index - 1 if index > 0 and reader.doc[index - 1].text in POSSESSIVE else index
        owner = people.get(before)
        if owner is None or owner.kind == "pronoun":
            continue
        candidate = Candidate(index, index + 1, "description", label="ORG")
        candidate.actor_kind = "organisation"
        candidate.key = f"campaign:{owner.key}"
        candidate.name = f"{owner.name or reader.doc[owner.start : owner.end].text} campaign"
        candidate.country, candidate.sector, candidate.org_kind = owner.country, "PTY", CAMPAIGN
        yield candidate


def _short_names(doc: Doc, found: list[Candidate]) -> dict[str, Candidate]:
    """Surnames and (for known people) first names of people named in full, and acronyms
    given in parentheses after an organisation's name."""
    names: dict[str, Candidate] = {}
    for candidate in found:
        if candidate.actor_kind == "person" and candidate.name and candidate.key:
            parts = candidate.name.split()
            if len(parts) > 1 and candidate.kind in ("name", "title"):
                names.setdefault(parts[-1], candidate)
                if candidate.kb_id:
                    names.setdefault(parts[0], candidate)
        elif candidate.key and candidate.key.startswith("organisation?:"):
            text = doc[candidate.start : candidate.end].text
            if candidate.end - candidate.start == 1 and ACRONYM.match(text):
                names.setdefault(text, candidate)
    return names


def _anaphor_at(
    reader: Reader, index: int, anaphors: dict[str, ActorWordEntry]
) -> Candidate | None:
    """'the agency', 'the militia': an organisation named before; not 'the agency's X'."""
    doc = reader.doc
    token = doc[index]
    entry = anaphors.get(token.lower_)
    if entry is None or not token.text.islower():
        return None
    following = doc[index + 1] if index + 1 < len(doc) else None
    if following is not None and following.text[:1].isupper() and following.is_alpha:
        return None  # "the paramilitary Rapid Support Forces"
    candidate = Candidate(index - 1, index + 1, "description", label="ORG")
    candidate.actor_kind = "organisation"
    candidate.anaphor = entry
    return candidate


# -- rule 6: speakers no other rule names ------------------------------------------------------


def _speaker_candidates(reader: Reader, taken: set[int]) -> Iterable[Candidate]:
    """The subject of a cue verb ('a source said'), the speaker after an inverted cue
    ('," said a spokesman') or after 'according to': a mention with no actor of its own."""
    lower = reader.words.lower
    for index, word in enumerate(lower):
        span: tuple[int, int] | None = None
        passive = (index + 1 < len(lower) and lower[index + 1] == "by") or (
            index > 0 and lower[index - 1] in BE_FORMS and not word.endswith("ing")
        )
        if word in reader.cue_forms and not passive:
            span = _speaker_before(reader, index, taken)
            if span is None and not word.endswith("ing") and _inverted(reader.doc, index):
                span = _speaker_after(reader, index + 1, taken)
        elif word == "according" and index + 1 < len(lower) and lower[index + 1] == "to":
            span = _speaker_after(reader, index + 2, taken)
        elif word == ":":
            span = _line_speaker(reader, index, taken)
        if span is not None:
            yield _speaker(reader, *span)


def _speaker_before(reader: Reader, verb: int, taken: set[int]) -> tuple[int, int] | None:
    """The phrase right before a verb (past 'has also'), stopped by a determiner, punctuation,
    a preposition, a verb or a mention: 'a source', 'The Times', 'Sanders', 'they'."""
    doc = reader.doc
    end = verb
    while end > 0 and (reader.words.lower[end - 1] in VERB_HELPERS or _is_adverb(doc[end - 1])):
        end -= 1
    if end == 0 or end - 1 in taken:
        return None
    determiners = reader.kb.word_set("determiner")
    start = end
    while start > 0 and end - start < MAX_SPEAKER_TOKENS:
        token = doc[start - 1]
        if start - 1 in taken or not _in_speaker_phrase(reader, token):
            break
        start -= 1
        if token.lower_ in determiners or token.is_sent_start:
            break
    while start < end and doc[start].text in POSSESSIVE:
        start += 1  # "Clinton's campaign" with "Clinton" a mention: 'campaign'
    if start > 0 and doc[start - 1].lower_ in reader.kb.word_set("preposition"):
        return None  # 'the situation in the region described as': no subject
    if start > 0 and doc[start - 1].lower_ in CALENDAR_WORDS:
        return None  # 'X on Thursday evening said': a time, not the speaker
    return (start, end) if _is_speaker_phrase(reader, start, end) else None


def _speaker_after(reader: Reader, position: int, taken: set[int]) -> tuple[int, int] | None:
    """The phrase after an inverted cue or 'according to': 'a spokesman', 'Politico'."""
    doc = reader.doc
    determiners = reader.kb.word_set("determiner")
    end = position
    while end < len(doc) and end - position < MAX_SPEAKER_TOKENS and end not in taken:
        token = doc[end]
        if not _in_speaker_phrase(reader, token) or (end > position and token.is_sent_start):
            break
        if end > position and token.lower_ in determiners:
            break
        end += 1
    return (position, end) if _is_speaker_phrase(reader, position, end) else None


def _line_speaker(reader: Reader, colon: int, taken: set[int]) -> tuple[int, int] | None:
    """'Clinton camp: ...' on the first line (a headline), 'SMITH: ...' on any line (a
    transcript): the words before a colon that opens the line."""
    span = _speaker_before(reader, colon, taken)
    if span is None:
        return None
    start, end = span
    doc = reader.doc
    if start > 0 and not doc[start - 1].is_space:
        return None
    first_line = "\n" not in doc[:start].text
    upper = all(token.is_upper for token in doc[start:end] if token.is_alpha)
    return span if first_line or upper else None


def _inverted(doc: Doc, verb: int) -> bool:
    """Whether a cue follows a comma or a closing mark: '"...," said X', '..., says X.'."""
    return verb > 0 and doc[verb - 1].text in {",", "”", '"', "’", "'"}


def _is_adverb(token: Token) -> bool:
    return token.text.islower() and token.text.endswith("ly") and len(token.text) > 4


def _in_speaker_phrase(reader: Reader, token: Token) -> bool:
    """A word a speaker phrase may hold: not punctuation, a preposition, a verb or 'who'."""
    text, lower = token.text, token.lower_
    if token.is_space or lower in CALENDAR_WORDS or lower in NOT_SPEAKERS:
        return False
    if text in POSSESSIVE or (text[:1].isupper() and text.endswith(".") and len(text) <= 5):
        return True  # "O'Malley's", "Mr.", "Sen."
    if text == "-" and not token.whitespace_:
        return True  # "Fact-Check"
    if not (token.is_alpha or token.like_num or "-" in text.strip("-")):
        return False
    if lower in reader.kb.word_set("preposition") or lower in reader.cue_forms:
        return False
    if lower in reader.acting_verbs or _is_adverb(token):
        return False
    return not (text.islower() and text.endswith("ed") and len(text) > 4)


def _is_speaker_phrase(reader: Reader, start: int, end: int) -> bool:
    if end <= start:
        return False
    head = reader.doc[end - 1]
    closed = reader.kb.word_set("determiner") | reader.kb.word_set("preposition")
    return head.lower_ not in closed and head.text not in POSSESSIVE and not head.like_num


def _speaker(reader: Reader, start: int, end: int) -> Candidate:
    """A speaker phrase as a mention without an actor: a pronoun, a name or a description."""
    doc = reader.doc
    first = doc[start]
    kind: MentionKind = "description"
    if end - start == 1 and first.lower_ in SUBJECT_PRONOUNS:
        kind = "pronoun"
    elif first.lower_ not in reader.kb.word_set("determiner") and first.text[:1].isupper():
        kind = "name"
    return Candidate(start, end, kind, keep=True)


# -- linking ----------------------------------------------------------------------------------


def link_candidates(
    article: Article, reader: Reader, candidates: list[Candidate]
) -> list[ActorState]:
    """Give every candidate its actor, in text order; unresolved pronouns are dropped."""
    actors: dict[str, ActorState] = {}
    subjects = _subject_starts(article, reader, candidates)
    for candidate in candidates:
        _resolve(reader, candidate, actors, subjects)
        if candidate.key is None:
            continue
        state = actors.get(candidate.key)
        if state is None:
            state = _new_state(reader, candidate)
            actors[candidate.key] = state
        state.titles |= candidate.titles
        state.mentions.append(candidate)
    return list(actors.values())


def _resolve(
    reader: Reader, candidate: Candidate, actors: dict[str, ActorState], subjects: set[int]
) -> None:
    if candidate.needs_country:
        candidate.country = _body_country(reader, candidate.body, actors)
    if candidate.anaphor is not None:
        candidate.key = _anaphor_key(candidate.anaphor, actors)
    elif candidate.kind == "description" and candidate.actor_kind == "person" and not candidate.key:
        candidate.key = _description_key(reader, candidate, actors)
    elif candidate.body is not None and candidate.actor_kind == "organisation":
        candidate.key = _body_key(reader, candidate, actors)
    elif candidate.kind == "pronoun" and candidate.gender is not None:
        candidate.key = _pronoun_key(reader, candidate, actors, subjects)


def _new_state(reader: Reader, candidate: Candidate) -> ActorState:
    key = candidate.key or ""
    if key.startswith("person:") and candidate.name is None:
        _fill_known_person(reader, candidate, key)
    name = candidate.name or reader.doc[candidate.start : candidate.end].text
    return ActorState(
        key,
        name,
        candidate.actor_kind,
        candidate.country,
        candidate.sector,
        candidate.kb_id,
        candidate.gender,
        set(candidate.titles),
        candidate.body,
        candidate.org_kind,
    )


def _body_country(reader: Reader, body: str | None, actors: dict[str, ActorState]) -> str | None:
    """The country of a body named without one: the latest such body's, else the latest body
    with its head word ("a ministry spokeswoman" after "China's foreign ministry"), else the
    article's."""
    if body is None:
        return reader.main_country
    latest = sorted(actors.values(), key=_last_position, reverse=True)
    for state in latest:
        if state.body == body and state.kind == "organisation":
            return state.country
    head = body.split()[-1]
    for state in latest:
        if state.body and state.body.split()[-1] == head and state.kind == "organisation":
            return state.country
    return reader.main_country


def _body_key(reader: Reader, candidate: Candidate, actors: dict[str, ActorState]) -> str:
    """'the government' alone is its country; other bodies are keyed by country and phrase."""
    country = candidate.country
    alone = candidate.body == "government" and candidate.needs_country
    if alone and f"country:{country}" in actors:
        return f"country:{country}"
    return f"body:{country}:{candidate.body}"


def _anaphor_key(anaphor: ActorWordEntry, actors: dict[str, ActorState]) -> str | None:
    """The latest organisation or group the anaphor describes, if any."""
    for state in sorted(actors.values(), key=_last_position, reverse=True):
        if state.kind in ("organisation", "group") and _describes(anaphor, state):
            return state.key
    return None


def _describes(anaphor: ActorWordEntry, state: ActorState) -> bool:
    head = state.name.split()[-1] if state.name else ""
    for wanted in anaphor.refers_to:
        kind, _, value = wanted.partition(":")
        if (
            (kind == "head" and head == value)
            or (kind == "sector" and state.sector == value)
            or (kind == "kind" and state.org_kind == value)
            or (kind == "body" and state.body == value)
        ):
            return True
    return False


def _description_key(reader: Reader, candidate: Candidate, actors: dict[str, ActorState]) -> str:
    """The latest fitting person with the description's title, else the office holder, else new.

    Without a country of its own, a description takes a person of another country than the
    article's only from the last few sentences.
    """
    wanted = candidate.title or ""
    here = reader.sentence_of[candidate.start]
    for state in sorted(actors.values(), key=_last_position, reverse=True):
        fits = state.kind == "person" and _has_title(state, wanted, candidate.country)
        if fits and (candidate.country is not None or _nearby_or_local(reader, state, here)):
            return state.key
    country = candidate.country or reader.main_country
    # Only a title tied to a country names one office holder: "the president" alone does not.
    if country is not None and not wanted.startswith("~"):
        holders = reader.kb.office_holders(wanted, country, reader.day)
        if holders:
            return f"person:{holders[0].id}"
    text = reader.doc[candidate.start : candidate.end].text
    candidate.name = _strip_article(text)
    candidate.country = country
    return f"description:{wanted}:{country}"


def _nearby_or_local(reader: Reader, state: ActorState, here: int) -> bool:
    if reader.main_country is None or state.country in (None, reader.main_country):
        return True
    last = reader.sentence_of[state.mentions[-1].start] if state.mentions else -1
    return here - last <= FOREIGN_WINDOW


def _has_title(state: ActorState, title: str, country: str | None) -> bool:
    return any(
        _title_matches(held, title) and (country is None or c == country)
        for held, c in state.titles
    )


def _title_matches(held: str, wanted: str) -> bool:
    """'defence minister' answers to 'the minister'; 'vice president' not to 'the president'."""
    return held == wanted or (held.endswith(f" {wanted}") and not held.startswith("vice"))


def _last_position(state: ActorState) -> int:
    return state.mentions[-1].start if state.mentions else -1


def _pronoun_key(
    reader: Reader,
    pronoun: Candidate,
    actors: dict[str, ActorState],
    subjects: set[int],
) -> str | None:
    """The latest compatible person in this sentence, else an earlier sentence's subject."""
    here = reader.sentence_of[pronoun.start]
    by_sentence: dict[int, list[tuple[Candidate, ActorState]]] = {}
    for state in actors.values():
        if state.kind != "person" or not _compatible(state.gender, pronoun.gender):
            continue
        for mention in state.mentions:
            if mention.start < pronoun.start:
                sentence = reader.sentence_of[mention.start]
                by_sentence.setdefault(sentence, []).append((mention, state))
    for index in range(here, here - PRONOUN_WINDOW, -1):
        found = sorted(by_sentence.get(index, []), key=lambda pair: pair[0].start)
        if not found:
            continue
        if index == here:
            return found[-1][1].key
        subject = next((state for mention, state in found if mention.start in subjects), None)
        return (subject or found[-1][1]).key
    return None


def _compatible(actor: Gender | None, pronoun: Gender | None) -> bool:
    return actor is None or pronoun is None or actor == pronoun


def _subject_starts(article: Article, reader: Reader, candidates: list[Candidate]) -> set[int]:
    """Token starts of the candidates that are the likely subject of their sentence."""
    words = reader.kb.word_set("preposition")
    subjects: set[int] = set()
    seen: set[int] = set()
    for candidate in candidates:
        if candidate.kind == "pronoun" and reader.doc[candidate.start].lower_ not in ("he", "she"):
            continue
        sentence = reader.sentence_of[candidate.start]
        if sentence in seen or _word_before(reader, candidate.start) in words:
            continue
        seen.add(sentence)
        subjects.add(candidate.start)
    return subjects


# -- records --------------------------------------------------------------------------------


def records(
    article: Article, doc: Doc, actors: list[ActorState], unlinked: Sequence[Candidate] = ()
) -> tuple[list[Mention], list[Actor]]:
    """Mention and Actor records: mentions in text order, actors in order of first mention;
    ``unlinked`` candidates are mentions without an actor."""
    ordered = sorted(actors, key=lambda s: s.mentions[0].start)
    actor_ids: dict[str | None, str | None] = {None: None}
    actor_ids.update((state.key, f"a{n}") for n, state in enumerate(ordered, 1))
    linked: list[tuple[Candidate, str | None]] = [
        (c, state.key) for state in ordered for c in state.mentions
    ]
    all_mentions = sorted([*linked, *((c, None) for c in unlinked)], key=lambda p: p[0].start)
    mentions: list[Mention] = []
    mention_ids: dict[int, str] = {}
    for number, (candidate, key) in enumerate(all_mentions, 1):
        start, end = _char_span(doc, candidate)
        mention_ids[id(candidate)] = f"m{number}"
        mentions.append(
            Mention(
                id=f"m{number}",
                start=start,
                end=end,
                text=article.text[start:end],
                kind=candidate.kind,
                actor_id=actor_ids[key],
                label=candidate.label,
            )
        )
    return mentions, [
        _actor(article, doc, state, f"a{n}", mention_ids) for n, state in enumerate(ordered, 1)
    ]


def _char_span(doc: Doc, candidate: Candidate) -> tuple[int, int]:
    # From the two end tokens: cheaper than a Span, and called for every mention of an actor.
    last = doc[candidate.end - 1]
    return doc[candidate.start].idx, last.idx + len(last.text)


def _actor(
    article: Article, doc: Doc, state: ActorState, actor_id: str, mention_ids: dict[int, str]
) -> Actor:
    named = [c for c in state.mentions if c.kind != "pronoun"] or state.mentions
    fullest = max(named, key=lambda c: (_char_span(doc, c)[1] - _char_span(doc, c)[0], -c.start))
    start, end = _char_span(doc, fullest)
    return Actor(
        id=actor_id,
        start=start,
        end=end,
        text=article.text[start:end],
        name=state.name,
        kind=state.kind,
        country=state.country,
        sector=state.sector,
        kb_id=state.kb_id,
        mention_ids=[mention_ids[id(c)] for c in state.mentions],
    )


# -- helpers for later stages ---------------------------------------------------------------


def actor_for_mention(article: Article, mention_id: str) -> Actor | None:
    """The actor a mention refers to, if any."""
    mention = next((m for m in article.mentions if m.id == mention_id), None)
    return article.actor(mention.actor_id) if mention is not None else None


def subject_mention(
    article: Article,
    start: int,
    end: int,
    *,
    kb: KnowledgeBase | None = None,
    options: Options | None = None,
) -> Mention | None:
    """The likely grammatical subject of the clause ``[start, end)``: its first actor mention
    outside quotation marks that does not follow a preposition ('accused by X', 'of X').

    The word lists come from ``kb``; without one they are read from the shipped data and
    ``options.data_dirs``.
    """
    words = kb or KnowledgeBase.load_words(options.data_dirs if options else ())
    quoted = _quoted_ranges(article, start)
    for mention in sorted(article.mentions, key=lambda m: m.start):
        if not (start <= mention.start and mention.end <= end) or mention.actor_id is None:
            continue
        if any(a <= mention.start < b for a, b in quoted):
            continue
        before = _text_word_before(article.text, start, mention.start, words)
        if before not in words.word_set("preposition"):
            return mention
    return None


def _quoted_ranges(article: Article, offset: int) -> list[tuple[int, int]]:
    section = section_at(article, offset) or sentence_at(article, offset)
    base, text = (section.start, section.text) if section else (0, article.text)
    return [(base + m.start(), base + m.end()) for m in QUOTED.finditer(text)]


def _text_word_before(text: str, floor: int, offset: int, kb: KnowledgeBase) -> str | None:
    """The word before ``offset`` (not before ``floor``), skipping 'the', 'a', 'its' ..."""
    words = re.findall(r"[\w'’-]+", text[floor:offset].lower())
    while words and words[-1] in kb.word_set("determiner"):
        words.pop()
    return words[-1] if words else None


STAGE = Stage(
    name="actors",
    version=VERSION,
    requires=("doc", "sentences"),
    assigns=("mentions", "actors"),
    run=find_actors,
    description="mentions of people, organisations, countries and groups, grouped into actors",
)
