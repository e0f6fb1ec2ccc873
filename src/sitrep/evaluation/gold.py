"""Gold annotations of the sample articles: what a careful annotator expects, matched by text.

One YAML file per article under ``examples/gold/``; ``source`` names the sample the way a
reader names it (``wire-seoul.txt``, ``rss-feed.xml#2`` for a feed's second entry). Records are
identified by their text, never by offsets, because offsets depend on cleaning.

Fields that name actors (a quote's ``speaker``, an event's ``source``/``target``, a stance's
``actor``) hold a gold actor's ``name`` or one of its ``aliases``; a list gives alternatives
an annotator accepts equally ("Volodymyr Zelensky" or "Ukraine").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from sitrep.errors import DataFileError
from sitrep.records import ActorKind, QuoteKind, StancePolarity, TimeType


def _as_list(value: Any) -> Any:
    """A scalar where a list of alternatives is expected: one alternative."""
    if value is None:
        return []
    if isinstance(value, str | int | float):
        return [str(value)]
    return value


Alternatives = Annotated[list[str], BeforeValidator(_as_list)]


class GoldRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldSection(GoldRecord):
    kind: Literal["dateline", "subheading"]
    text: str


class GoldTime(GoldRecord):
    text: str
    value: str = Field(description="TIMEX3 value")
    type: TimeType = "DATE"
    inferred: bool | None = Field(
        default=None, description="year inferred from a weekday/date pair; None: not checked"
    )


class GoldActor(GoldRecord):
    name: str
    aliases: list[str] = Field(default_factory=list, description="other acceptable names")
    kind: Annotated[list[ActorKind], BeforeValidator(_as_list)] = Field(
        default_factory=list, description="accepted kinds: 'organisation' or [organisation, group]"
    )
    country: str | None = None
    sector: str | None = None
    mentions: list[str] = Field(
        default_factory=list, description="distinct mention texts, pronouns included"
    )

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class GoldQuote(GoldRecord):
    text: str = Field(description="the quoted content, without quotation marks")
    kind: QuoteKind = "direct"
    speaker: Alternatives = Field(default_factory=list)
    cue: str | None = None


class GoldPlace(GoldRecord):
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    tolerance_km: float = 50.0

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class GoldEvent(GoldRecord):
    trigger: str | None = Field(default=None, description="the verb or noun that signals it")
    verb_class: Alternatives = Field(default_factory=list)
    cameo: Alternatives = Field(
        default_factory=list, description="accepted CAMEO code prefixes: '11', '016'"
    )
    plover: Alternatives = Field(default_factory=list)
    source: Alternatives = Field(default_factory=list)
    target: Alternatives = Field(default_factory=list)
    date: str | None = None
    place: Alternatives = Field(default_factory=list)

    @property
    def label(self) -> str:
        what = self.trigger or "/".join(self.verb_class) or "/".join(self.cameo)
        return f"{'/'.join(self.source) or '?'} {what} {'/'.join(self.target) or '?'}"


class GoldStance(GoldRecord):
    actor: Alternatives
    polarity: StancePolarity


class GoldClaim(GoldRecord):
    keywords: list[str] = Field(
        description="words the proposition must contain; 'troops|soldiers' gives alternatives"
    )
    stances: list[GoldStance] = Field(default_factory=list)

    @property
    def label(self) -> str:
        return " + ".join(self.keywords)


class GoldArticle(GoldRecord):
    source: str = Field(description="sample file name, with '#n' for the n-th entry (1-based)")
    title: str | None = None
    published: str | None = Field(default=None, description="publication date, if given")
    notes: str | None = None
    sections: list[GoldSection] = Field(default_factory=list)
    removed: list[str] = Field(
        default_factory=list, description="boilerplate that must not be left in the article text"
    )
    may_remove: list[str] = Field(
        default_factory=list, description="lines whose removal is neither required nor penalised"
    )
    times: list[GoldTime] = Field(default_factory=list)
    actors: list[GoldActor] = Field(default_factory=list)
    quotes: list[GoldQuote] = Field(default_factory=list)
    places: list[GoldPlace] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)
    claims: list[GoldClaim] = Field(default_factory=list)


def load_gold(path: Path) -> GoldArticle:
    """One gold file, validated; a bad file raises :class:`DataFileError` naming it."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DataFileError(str(path), f"cannot be read as YAML: {error}") from error
    try:
        return GoldArticle.model_validate(loaded)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise DataFileError(str(path), f"{where}: {first['msg']}") from error


def iter_gold(gold_dir: Path) -> Iterator[tuple[Path, GoldArticle]]:
    """Every gold file of a directory, in name order."""
    for path in sorted(gold_dir.glob("*.yaml")):
        yield path, load_gold(path)
