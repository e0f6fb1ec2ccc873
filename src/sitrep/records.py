"""The article and the typed records that stages add to it.

Every record that points into the article carries ``start``/``end`` character offsets into
``Article.text`` and the ``text`` they cover: ``article.text[r.start:r.end] == r.text`` is the
evidence contract, checked by :func:`span_errors` and by a property test over every sample.

The JSON form of :class:`Article` (``Article.to_json``) is the public contract of
``sitrep extract``; :data:`SCHEMA_VERSION` changes whenever that form changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

SectionKind = Literal["title", "dateline", "subheading", "paragraph"]
MentionKind = Literal[
    "name",  # a full or partial proper name: "Volodymyr Zelensky", "Zelensky"
    "title",  # a title phrase with a name: "Ukrainian President Volodymyr Zelensky"
    "description",  # a definite description: "the Ukrainian president"
    "pronoun",  # "he", "she", "they"
    "country",  # "North Korea"
    "demonym",  # "Ukrainian" used as an actor modifier: "South Korean officials"
    "capital",  # "Kyiv" acting as a government
    "seat",  # a seat of government used as a metonym: "the Kremlin"
    "organisation",  # "NATO"
    "group",  # "Russian forces", "South Korean officials"
]
ActorKind = Literal["person", "organisation", "country", "group", "unknown"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
DateSource = Literal["text", "previous", "publication", "unknown"]
QuoteKind = Literal["direct", "partial", "indirect"]
StancePolarity = Literal["assert", "support", "deny"]


class Record(BaseModel):
    """Base of every record: frozen-by-convention, typed, serialisable."""

    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


class Section(Span):
    kind: SectionKind


class Removed(Record):
    """A line the cleaner took out of the input, kept with the reason so nothing vanishes."""

    text: str
    reason: str
    line: int = Field(description="1-based line number in the input text")


class Sentence(Span):
    section: int = Field(description="index into Article.sections")


class Mention(Span):
    id: str
    kind: MentionKind
    actor_id: str | None = None
    label: str | None = Field(default=None, description="entity label: PERSON, ORG, GPE, NORP")


class Actor(Span):
    """An actor of the article; its span is its fullest mention."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = Field(default=None, description="ISO 3166 alpha-3 code")
    sector: str | None = Field(default=None, description="GOV, MIL, REB, ...")
    kb_id: str | None = Field(default=None, description="stable id across articles")
    mention_ids: list[str] = Field(default_factory=list)

    @property
    def code(self) -> str:
        """CAMEO-style actor code: country plus sector, 'UKR GOV'."""
        return " ".join(part for part in (self.country, self.sector) if part)


class TimeExpression(Span):
    id: str
    type: TimeType
    value: str = Field(description="TIMEX3 value: 2024-10-13, XXXX-10-13, P3D, PRESENT_REF")
    anchor: Literal["absolute", "publication", "text", "inferred", "none"] = "absolute"
    year_inferred: bool = False
    inference: str | None = Field(default=None, description="why the year was inferred")
    weekday_check: Literal["ok", "mismatch", "n/a"] = "n/a"


PointSource = Literal["gazetteer", "context", "article"]


class Place(Span):
    id: str
    name: str
    country: str | None = None
    admin1: str | None = None
    feature: str | None = Field(default=None, description="country, region, city, ...")
    lat: float | None = None
    lon: float | None = None
    point: PointSource | None = Field(
        default=None,
        description="where lat/lon come from: the entry's own point, the place it is written "
        "with or named in, or the city the article is about (an inference); None: no point",
    )
    kb_id: str | None = None
    role: Literal["location", "dateline", "actor"] = "location"


class Quote(Span):
    """A quotation or reported statement; its span is the quoted content."""

    id: str
    kind: QuoteKind
    speaker_actor_id: str | None = None
    speaker_mention_id: str | None = None
    speaker_status: Literal["resolved", "unresolved", "unknown"] = "unknown"
    source: Span | None = Field(
        default=None,
        description="the speaker as written: the mention's span, else the phrase found",
    )
    cue: Span | None = None
    date: str | None = None
    date_source: DateSource = "unknown"
    continues: str | None = Field(default=None, description="id of the quote this one continues")


class Event(Span):
    """Who did what to whom; its span is the evidence sentence or clause."""

    id: str
    trigger: Span
    verb_class: str = Field(description="lexicon entry id: accuse, appeal, deny, ...")
    cameo: str
    cameo_label: str
    plover: str | None = None
    source_actor_id: str | None = None
    target_actor_id: str | None = None
    date: str | None = None
    date_source: DateSource = "unknown"
    time_id: str | None = None
    place_id: str | None = None
    place_source: Literal["clause", "dateline", "none"] = "none"
    confidence: float = 0.5


class Claim(Span):
    """A proposition that actors take stances on; its span states the proposition."""

    id: str
    proposition: str


class Stance(Span):
    """An actor's stance on a claim; its span is the evidence, ``cue`` the signalling words."""

    id: str
    claim_id: str
    actor_id: str | None
    polarity: StancePolarity
    cue: Span | None = None
    confidence: float = 0.5


class Metadata(Record):
    title: str | None = None
    url: str | None = None
    site: str | None = None
    author: str | None = None
    published: date | None = None
    published_source: Literal["given", "metadata", "htmldate", "none"] = "none"
    source: str | None = Field(default=None, description="file path, URL or '-' for stdin")
    input_format: str | None = None


class Backend(Record):
    name: str
    version: str


class Article(BaseModel):
    """The one object that flows through the pipeline; stages add records to it."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    schema_version: str = SCHEMA_VERSION
    id: str = ""
    text: str
    meta: Metadata = Field(default_factory=Metadata)
    backend: Backend | None = None
    stages: dict[str, str] = Field(default_factory=dict, description="stage name -> version")
    document_date: str | None = Field(
        default=None, description="publication date, given or inferred (YYYY-MM-DD)"
    )
    document_date_source: Literal["given", "metadata", "htmldate", "inferred", "none"] = "none"
    sections: list[Section] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    # The language backend's parse; a working object of the pipeline, never serialised.
    doc: Any = Field(default=None, exclude=True, repr=False)

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` of this article's text."""
        return Span(start=start, end=end, text=self.text[start:end])

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_json(self, *, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent, exclude={"doc"})

    @classmethod
    def from_json(cls, data: str) -> Article:
        return cls.model_validate_json(data)


def content_hash(text: str) -> str:
    """The article's identity: the SHA-256 of its cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def iter_spans(obj: Any, path: str = "article") -> Iterator[tuple[str, Span]]:
    """Every :class:`Span` inside ``obj`` (records and their nested cue/trigger spans)."""
    if isinstance(obj, Span):
        yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            if name == "doc":
                continue
            yield from iter_spans(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            yield from iter_spans(item, f"{path}[{index}]")


def span_errors(article: Article) -> list[str]:
    """Records whose offsets do not reproduce their text; empty when the contract holds."""
    return [
        f"{path}: text[{span.start}:{span.end}]={article.text[span.start : span.end]!r} "
        f"!= {span.text!r}"
        for path, span in iter_spans(article)
        if article.text[span.start : span.end] != span.text
    ]
