"""Word forms for lexicon entries: verb inflections, so data files list lemmas only."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from sitrep.datafiles import load_entries

VOWELS = "aeiou"


class IrregularVerb(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    lemma: str
    forms: list[str]


@cache
def irregular_forms() -> dict[str, frozenset[str]]:
    entries = load_entries("irregular_verbs.yaml", IrregularVerb, key=lambda e: e.lemma)
    return {e.lemma: frozenset(e.forms) for e in entries}


def verb_forms(lemma: str) -> frozenset[str]:
    """Inflected forms of a verb or verb phrase: 'raise concern' -> 'raised concern', ...

    Only the first word of a phrase inflects. Regular English rules, plus the irregular
    table in ``irregular_verbs.yaml``; British and American spellings are separate lemmas.
    """
    head, _, rest = lemma.partition(" ")
    suffix = f" {rest}" if rest else ""
    irregular = irregular_forms().get(head)
    forms = {head, *(irregular if irregular is not None else _regular_forms(head))}
    return frozenset(f"{form}{suffix}" for form in forms)


def _regular_forms(verb: str) -> set[str]:
    if verb.endswith(("ee", "ye", "oe")):
        # agree -> agreed, agreeing; dye -> dyed, dyeing: the final e stays before -ing.
        return {verb + "s", verb + "d", verb + "ing"}
    if verb.endswith("e"):
        return {verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in VOWELS:
        return {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return {verb + "es", verb + "ed", verb + "ing"}
    if _doubles_final_consonant(verb):
        return {verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return {verb + "s", verb + "ed", verb + "ing"}


def _doubles_final_consonant(verb: str) -> bool:
    # stop -> stopped, but not visit -> visitted: only short consonant-vowel-consonant verbs.
    return (
        len(verb) <= 4
        and len(verb) >= 3
        and verb[-1] not in VOWELS + "wxy"
        and verb[-2] in VOWELS
        and verb[-3] not in VOWELS
    )
