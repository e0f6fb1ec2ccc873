"""Cleaning: drop boilerplate lines (kept with their reason), find dateline and subheadings.

The stage replaces the input text by the cleaned text: one line per title, dateline,
subheading or paragraph. It runs first, so no span exists yet that the change could break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from sitrep.datafiles import load_entries
from sitrep.records import Article, Removed, Section, SectionKind, content_hash
from sitrep.registry import Context, Stage

VERSION = "clean.v1"


class BoilerplatePattern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    reason: str
    pattern: str


@dataclass(frozen=True)
class CompiledPattern:
    name: str
    reason: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Line:
    text: str
    number: int  # 1-based line number in the input


TERMINAL = tuple(".!?:;\"'”’»)…")
# "Kyiv, Ukraine" / "KYIV" / "New Delhi, India" alone on a line: a few capitalised words.
DATELINE_LINE = re.compile(
    r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?:, ?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}){0,2}"
)
# "KYIV (Reuters) - ", "WASHINGTON, Oct 13 (AP) — ", "SEOUL — " at the start of a paragraph.
DATELINE_PREFIX = re.compile(
    r"(?P<dateline>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
    r"(?:, ?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?: ?\([A-Za-z .&-]{1,30}\))?)\s*[-–—]+\s+"
)
SUBHEADING_MAX_WORDS = 10
SUBHEADING_MAX_CHARS = 80
# A hard-wrapped line is joined to the next when it is at least this long and unfinished.
WRAP_MIN_CHARS = 50


def compiled_patterns(ctx: Context) -> list[CompiledPattern]:
    def build() -> list[CompiledPattern]:
        entries = load_entries(
            "boilerplate.yaml",
            BoilerplatePattern,
            key=lambda e: e.name,
            data_dirs=ctx.options.data_dirs,
        )
        return [
            CompiledPattern(e.name, e.reason, re.compile(e.pattern, re.IGNORECASE)) for e in entries
        ]

    return ctx.resource("clean.patterns", build)


def input_lines(text: str) -> list[Line]:
    """Non-blank lines, hard-wrapped lines of one paragraph joined with a space."""
    lines: list[Line] = []
    previous_blank = True
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        stripped = " ".join(raw.split())
        if not stripped:
            previous_blank = True
            continue
        if lines and not previous_blank and _is_wrapped(lines[-1].text, stripped):
            lines[-1] = Line(f"{lines[-1].text} {stripped}", lines[-1].number)
        else:
            lines.append(Line(stripped, number))
        previous_blank = False
    return lines


def _is_wrapped(previous: str, current: str) -> bool:
    return (
        len(previous) >= WRAP_MIN_CHARS
        and not previous.endswith(TERMINAL)
        and (current[:1].islower() or not current[:1].isupper())
    )


def boilerplate_reason(line: str, patterns: list[CompiledPattern]) -> str | None:
    for pattern in patterns:
        if pattern.regex.fullmatch(line):
            return f"{pattern.name}: {pattern.reason}"
    return None


def is_dateline_line(line: str) -> bool:
    return (
        len(line) <= 60
        and not line.endswith(TERMINAL)
        and DATELINE_LINE.fullmatch(line) is not None
        and ("," in line or line.isupper())
    )


def is_heading_like(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= SUBHEADING_MAX_WORDS
        and len(line) <= SUBHEADING_MAX_CHARS
        and not line.endswith(TERMINAL)
        and line[:1].isupper()
    )


def classify(lines: list[str]) -> list[SectionKind]:
    """Section kind of each kept line: title and dateline first, then body."""
    kinds: list[SectionKind] = []
    for index, line in enumerate(lines):
        in_head = all(kind in ("title", "dateline") for kind in kinds)
        has_next = index + 1 < len(lines)
        if in_head and has_next and "dateline" not in kinds and is_dateline_line(line):
            kinds.append("dateline")
        elif in_head and not kinds and has_next and _is_headline(line):
            kinds.append("title")
        elif not in_head and has_next and is_heading_like(line):
            kinds.append("subheading")
        else:
            kinds.append("paragraph")
    return kinds


def _is_headline(line: str) -> bool:
    # A first line with no final punctuation that is longer than a dateline: the headline.
    return not line.endswith(TERMINAL) and len(line.split()) >= 3 and not is_dateline_line(line)


def clean(article: Article, ctx: Context) -> Article:
    patterns = compiled_patterns(ctx)
    kept: list[str] = []
    removed: list[Removed] = []
    for line in input_lines(article.text):
        reason = boilerplate_reason(line.text, patterns)
        if reason:
            removed.append(Removed(text=line.text, reason=reason, line=line.number))
        else:
            kept.append(line.text)
    sections: list[Section] = []
    offset = 0
    for text, kind in zip(kept, classify(kept), strict=True):
        sections.extend(_sections_of(text, kind, offset, first_paragraph=not _has_body(sections)))
        offset += len(text) + 1
    article.text = "\n".join(kept)
    article.sections = sections
    article.removed = removed
    article.id = content_hash(article.text)
    if article.meta.title is None:
        article.meta.title = next((s.text for s in sections if s.kind == "title"), None)
    return article


def _has_body(sections: list[Section]) -> bool:
    return any(s.kind in ("paragraph", "subheading") for s in sections) or any(
        s.kind == "dateline" for s in sections
    )


def _sections_of(
    text: str, kind: SectionKind, offset: int, *, first_paragraph: bool
) -> list[Section]:
    """One section, or a dateline prefix ("KYIV (Reuters) -") and the paragraph after it."""
    if kind == "paragraph" and first_paragraph:
        match = DATELINE_PREFIX.match(text)
        if match:
            dateline = match.group("dateline")
            body_start = match.end()
            return [
                Section(start=offset, end=offset + len(dateline), text=dateline, kind="dateline"),
                Section(
                    start=offset + body_start,
                    end=offset + len(text),
                    text=text[body_start:],
                    kind="paragraph",
                ),
            ]
    return [Section(start=offset, end=offset + len(text), text=text, kind=kind)]


STAGE = Stage(
    name="clean",
    version=VERSION,
    requires=("text",),
    assigns=("text", "sections", "removed"),
    run=clean,
    description="remove boilerplate lines (kept with reasons); find title, dateline, subheadings",
)
