"""The actors stage: mentions of people, organisations, countries and groups, grouped into actors.

Rules, in the order they claim text (a token belongs to one mention at most):

1. Title phrases, read from the knowledge base's sector terms: ``[modifier]? [title]+ Name``
   ("Kremlin spokesperson Dmitry Peskov") is a person, coded from the modifier (a country
   adjective, seat, organisation or "Russia's") and the title's sector; ``the [modifier]? title``
   ("the Ukrainian president") is a description of one; ``modifier group-noun`` ("Russian
   forces", "South Korean officials") is a group coded by country and sector.
2. Entities of the language stage: known people, organisations, seats ("the Kremlin"),
   countries, plural demonyms ("Ukrainians"), and capitals, these only where they act ("Kyiv
   said", "described ... by Kyiv"), never as a dateline or a mere location.
3. Pronouns (he/she/his/her, from ``actor_words.yaml``) and surnames of people named earlier.

Descriptions link to the latest person with that title and country, or to the knowledge base's
office holder on the article's date; pronouns to the latest compatible person, preferring the
subject of an earlier sentence. Helpers for later stages: :func:`actor_for_mention` and
:func:`subject_mention`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from spacy.tokens import Doc, Span, Token

from sitrep.kb import Gender, KnowledgeBase, Title, split_entity_id
from sitrep.lexicon import irregular_forms
from sitrep.lookup import section_at, sentence_at
from sitrep.records import Actor, ActorKind, Article, Mention, MentionKind
from sitrep.registry import Context, Stage
from sitrep.stages.language import knowledge_base

VERSION = "actors.v1"
# Longest title phrase tried, in tokens ("secretary of defense", "vice - president").
MAX_TITLE_TOKENS = 4
# Longest run of capitalised words read as a name after a title.
MAX_NAME_TOKENS = 4
# How many sentences back a pronoun looks for its person.
PRONOUN_WINDOW = 6
CALENDAR_WORDS = frozenset(
    word.lower()
    for word in [*calendar.day_name, *calendar.month_name, *calendar.month_abbr]
    if word
)
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


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
    mentions: list[Candidate] = field(default_factory=list)


@dataclass(frozen=True)
class Reader:
    """The knowledge the rules read, and the article's date for office look-ups."""

    doc: Doc
    kb: KnowledgeBase
    day: date
    acting_verbs: frozenset[str]
    ents: dict[int, Span]  # entities by their first token


def reader_for(article: Article, ctx: Context) -> Reader:
    kb = knowledge_base(ctx)
    ents = {ent.start: ent for ent in article.doc.ents}
    return Reader(article.doc, kb, article_day(article, ctx), acting_verbs(kb), ents)


# -- the stage ------------------------------------------------------------------------------


def find_actors(article: Article, ctx: Context) -> Article:
    reader = reader_for(article, ctx)
    candidates = collect_candidates(article, reader)
    actors = link_candidates(article, reader, candidates)
    article.mentions, article.actors = records(article, reader.doc, actors)
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
    return frozenset(forms | kb.word_set("verb"))


# -- rule 1: titles, descriptions and groups ------------------------------------------------


def collect_candidates(article: Article, reader: Reader) -> list[Candidate]:
    taken: set[int] = set()
    found: list[Candidate] = []
    for candidate in _title_candidates(reader):
        found.append(candidate)
        taken.update(range(candidate.start, candidate.end))
    for candidate in _entity_candidates(article, reader):
        if not taken.intersection(range(candidate.start, candidate.end)):
            found.append(candidate)
            taken.update(range(candidate.start, candidate.end))
    for candidate in _word_candidates(reader, found):
        if candidate.start not in taken:
            found.append(candidate)
            taken.add(candidate.start)
    return sorted(found, key=lambda c: c.start)


def _title_candidates(reader: Reader) -> Iterable[Candidate]:
    index = 0
    while index < len(reader.doc):
        candidate = _title_candidate_at(reader, index)
        if candidate is None:
            index += 1
        else:
            yield candidate
            index = candidate.end


def _title_candidate_at(reader: Reader, index: int) -> Candidate | None:
    doc = reader.doc
    has_the = doc[index].lower_ == "the"
    position = index + 1 if has_the else index
    modifier = _modifier_at(reader, position)
    if modifier is not None:
        position = modifier.end + (1 if _is_possessive(doc, modifier.end) else 0)
    chain_end, titles, plain = _title_chain(reader, position)
    if not titles:
        return None
    name_end = _name_end(reader, chain_end)
    country, via = _modifier_code(reader, modifier)
    last = titles[-1]
    start = modifier.start if modifier is not None else position
    if name_end > chain_end and last.singular:
        return _titled_person(reader, start, chain_end, name_end, titles, country, plain)
    if has_the and last.singular:
        return _description(reader, index, chain_end, titles, country, plain)
    if modifier is not None and not last.singular:
        return _group(reader, modifier.start, chain_end, titles, country, via)
    return None


def _modifier_at(reader: Reader, position: int) -> Span | None:
    """A country adjective, country, seat or organisation entity starting at ``position``."""
    ent = reader.ents.get(position)
    if ent is None or ent.label_ not in ("NORP", "GPE", "ORG"):
        return None
    kind, _ = split_entity_id(ent.ent_id_)
    return ent if kind in ("country", "seat", "organisation") else None


def _is_possessive(doc: Doc, index: int) -> bool:
    return index < len(doc) and doc[index].text in POSSESSIVE


def _modifier_code(reader: Reader, modifier: Span | None) -> tuple[str | None, str | None]:
    """(country, key part) of a modifier: NORP 'Russian' -> ('RUS', 'RUS')."""
    if modifier is None:
        return None, None
    kind, key = split_entity_id(modifier.ent_id_)
    if kind == "organisation":
        organisation = reader.kb.organisation(key)
        return (organisation.country if organisation else None), key
    return key, key


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
        elif reader.doc[end].lower_ in modifiers and _title_at(reader, end + 1)[0] is not None:
            plain = False
            end += 1
        else:
            break
    return end, titles, plain


def _title_at(reader: Reader, position: int) -> tuple[Title | None, int]:
    titles = reader.kb.titles()
    for length in range(MAX_TITLE_TOKENS, 0, -1):
        if position + length > len(reader.doc):
            continue
        span = reader.doc[position : position + length]
        if any(token.is_space or token.ent_type_ in ("PERSON", "GPE") for token in span):
            continue
        phrase = " ".join(span.text.lower().split()).replace(" - ", "-")
        if phrase in titles:
            return titles[phrase], length
    return None, 0


def _name_end(reader: Reader, position: int) -> int:
    """End of a person's name at ``position``: a PERSON entity or a run of capitalised words."""
    doc = reader.doc
    if position >= len(doc):
        return position
    ent = reader.ents.get(position)
    if ent is not None and ent.label_ == "PERSON":
        return ent.end
    end = position
    while end < len(doc) and end - position < MAX_NAME_TOKENS and _is_name_word(doc[end]):
        end += 1
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
    head = titles[-1]
    candidate = Candidate(start, name_end, "title", label="PERSON", actor_kind="person")
    candidate.titles = {(_title_key(reader, head, plain), country)}
    if name[0].ent_type_ == "PERSON" and name[0].ent_id_:
        _fill_known_person(reader, candidate, name[0].ent_id_)
        candidate.country = candidate.country or country
    else:
        candidate.key = f"person?:{name.text}"
        candidate.name = name.text
        candidate.country = country
        candidate.sector = _sector_of(titles)
    return candidate


def _title_key(reader: Reader, title: Title, plain: bool) -> str:
    canonical = reader.kb.canonical_title(title.phrase)
    return canonical if plain else f"~{canonical}"


def _sector_of(titles: list[Title]) -> str:
    """The first sector other than GOV ('military officials' -> MIL), else GOV."""
    return next((t.sector for t in titles if t.sector != "GOV"), titles[0].sector)


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
    candidate.title = _title_key(reader, titles[-1], plain)
    candidate.country = country
    candidate.sector = _sector_of(titles)
    candidate.titles = {(candidate.title, country)}
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
    reader: Reader,
    start: int,
    end: int,
    titles: list[Title],
    country: str | None,
    via: str | None,
) -> Candidate:
    sector = _sector_of(titles)
    candidate = Candidate(start, end, "group", label="NORP", actor_kind="group")
    candidate.key = f"group:{via or country}:{sector}"
    candidate.name = reader.doc[start:end].text
    candidate.country = country
    candidate.sector = sector
    return candidate


# -- rule 2: entities -----------------------------------------------------------------------


def _entity_candidates(article: Article, reader: Reader) -> Iterable[Candidate]:
    for ent in reader.doc.ents:
        kind, key = split_entity_id(ent.ent_id_)
        candidate: Candidate | None = None
        if kind == "person":
            candidate = Candidate(ent.start, ent.end, "name", label="PERSON", actor_kind="person")
            _fill_known_person(reader, candidate, ent.ent_id_)
        elif kind == "organisation":
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


def _organisation(reader: Reader, ent: Span, key: str) -> Candidate:
    organisation = reader.kb.organisation(key)
    candidate = Candidate(ent.start, ent.end, "organisation", label="ORG")
    candidate.key = candidate.kb_id = ent.ent_id_
    candidate.actor_kind = "organisation"
    candidate.name = organisation.name if organisation else ent.text
    candidate.country = organisation.country if organisation else None
    candidate.sector = organisation.sector if organisation else None
    return candidate


def _seat(reader: Reader, ent: Span, iso3: str) -> Candidate:
    """'the Kremlin': the seat with its article, an organisation of the country's government."""
    start = (
        ent.start - 1 if ent.start > 0 and reader.doc[ent.start - 1].lower_ == "the" else ent.start
    )
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
    candidate = Candidate(ent.start, ent.end, "country", label="GPE", actor_kind="country")
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
    if before == "by":
        return True
    if before in reader.kb.word_set("preposition") or ent.end >= len(reader.doc):
        return False
    following = reader.doc[ent.end]
    return following.lower_ in reader.acting_verbs or (
        following.text.islower() and following.text.endswith("ed") and len(following.text) > 3
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


# -- rule 3: pronouns and surnames ----------------------------------------------------------


def _word_candidates(reader: Reader, found: list[Candidate]) -> Iterable[Candidate]:
    pronouns = reader.kb.word_set("pronoun")
    surnames = {
        candidate.name.split()[-1]: candidate
        for candidate in found
        if candidate.key
        and candidate.key.startswith("person?:")
        and candidate.name
        and len(candidate.name.split()) > 1
    }
    for token in reader.doc:
        if token.lower_ in pronouns:
            yield Candidate(
                token.i,
                token.i + 1,
                "pronoun",
                actor_kind="person",
                gender=reader.kb.pronoun_gender(token.text),
            )
        elif token.text in surnames and not token.ent_type_:
            person = surnames[token.text]
            yield Candidate(
                token.i, token.i + 1, "name", label="PERSON", key=person.key, actor_kind="person"
            )


# -- linking ----------------------------------------------------------------------------------


def link_candidates(
    article: Article, reader: Reader, candidates: list[Candidate]
) -> list[ActorState]:
    """Give every candidate its actor, in text order; unresolved pronouns are dropped."""
    actors: dict[str, ActorState] = {}
    subjects = _subject_starts(article, reader, candidates)
    for candidate in candidates:
        if candidate.kind == "description":
            candidate.key = _description_key(reader, candidate, actors)
        elif candidate.kind == "pronoun":
            candidate.key = _pronoun_key(article, reader, candidate, actors, subjects)
        if candidate.key is None:
            continue
        state = actors.get(candidate.key)
        if state is None:
            state = _new_state(reader, candidate)
            actors[candidate.key] = state
        state.titles |= candidate.titles
        state.mentions.append(candidate)
    return list(actors.values())


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
    )


def _description_key(reader: Reader, candidate: Candidate, actors: dict[str, ActorState]) -> str:
    """The latest person with the description's title, else the office holder, else new."""
    wanted = candidate.title or ""
    for state in sorted(actors.values(), key=_last_position, reverse=True):
        if state.kind == "person" and _has_title(state, wanted, candidate.country):
            return state.key
    # Only a title tied to a country names one office holder: "the president" alone does not.
    if candidate.country is not None and not wanted.startswith("~"):
        holders = reader.kb.office_holders(wanted, candidate.country, reader.day)
        if holders:
            return f"person:{holders[0].id}"
    text = reader.doc[candidate.start : candidate.end].text
    candidate.name = re.sub(r"^[Tt]he ", "", text)
    return f"description:{wanted}:{candidate.country}"


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
    article: Article,
    reader: Reader,
    pronoun: Candidate,
    actors: dict[str, ActorState],
    subjects: set[int],
) -> str | None:
    """The latest compatible person in this sentence, else an earlier sentence's subject."""
    here = _sentence_index(article, reader, pronoun.start)
    people = [
        (mention, state)
        for state in actors.values()
        if state.kind == "person" and _compatible(state.gender, pronoun.gender)
        for mention in state.mentions
        if mention.start < pronoun.start
    ]
    by_sentence: dict[int, list[tuple[Candidate, ActorState]]] = {}
    for mention, state in people:
        by_sentence.setdefault(_sentence_index(article, reader, mention.start), []).append(
            (mention, state)
        )
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


def _sentence_index(article: Article, reader: Reader, token_index: int) -> int:
    offset = reader.doc[token_index].idx
    return next((i for i, s in enumerate(article.sentences) if s.start <= offset < s.end), -1)


def _subject_starts(article: Article, reader: Reader, candidates: list[Candidate]) -> set[int]:
    """Token starts of the candidates that are the likely subject of their sentence."""
    words = reader.kb.word_set("preposition")
    subjects: set[int] = set()
    seen: set[int] = set()
    for candidate in candidates:
        if candidate.kind == "pronoun" and reader.doc[candidate.start].lower_ not in ("he", "she"):
            continue
        sentence = _sentence_index(article, reader, candidate.start)
        if sentence in seen or _word_before(reader, candidate.start) in words:
            continue
        seen.add(sentence)
        subjects.add(candidate.start)
    return subjects


# -- records --------------------------------------------------------------------------------


def records(
    article: Article, doc: Doc, actors: list[ActorState]
) -> tuple[list[Mention], list[Actor]]:
    """Mention and Actor records: mentions in text order, actors in order of first mention."""
    ordered = sorted(actors, key=lambda s: s.mentions[0].start)
    actor_ids = {state.key: f"a{n}" for n, state in enumerate(ordered, 1)}
    all_mentions = sorted(
        ((c, state.key) for state in ordered for c in state.mentions), key=lambda p: p[0].start
    )
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
        _actor(article, doc, state, actor_ids[state.key], mention_ids) for state in ordered
    ]


def _char_span(doc: Doc, candidate: Candidate) -> tuple[int, int]:
    span = doc[candidate.start : candidate.end]
    return span.start_char, span.end_char


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


@cache
def _shipped_kb() -> KnowledgeBase:
    # For callers without a context (records read back from JSON): the shipped word lists.
    return KnowledgeBase.load()


def subject_mention(
    article: Article, start: int, end: int, *, kb: KnowledgeBase | None = None
) -> Mention | None:
    """The likely grammatical subject of the clause ``[start, end)``: its first actor mention
    outside quotation marks that does not follow a preposition ('accused by X', 'of X')."""
    words = kb or _shipped_kb()
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
