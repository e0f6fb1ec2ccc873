"""A situation report: what the store says about a period, as Markdown (``sitrep report``).

Built only from stored rows, and every line cites where it comes from: ``[a3d8fbee]`` is the
id prefix of the article (``sitrep show a3d8fbee``) whose text holds the evidence. Sections:

- key developments: events by day, the same who-did-what-to-whom of one day written once with
  every article that reports it;
- who said what: the speakers with most quotes, with their direct words first;
- claims: each claim with the stances actors take on it, contested ones (denied by someone)
  first;
- places: where it happens, most named first;
- what is unknown: events and quotes the engine could not date or attribute, counted rather
  than guessed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sitrep.store import ClaimRow, EventFilter, EventRow, QuoteFilter, QuoteRow, Store

CITE_LENGTH = 8
EVIDENCE_WIDTH = 160


@dataclass(frozen=True)
class ReportScope:
    """What the report covers: a period (inclusive) and optionally one actor."""

    since: date | None = None
    until: date | None = None
    actor: str | None = None
    top: int = 10

    def title(self) -> str:
        period = f"{self.since or 'the beginning'} to {self.until or 'the latest report'}"
        about = f", about {self.actor}" if self.actor else ""
        return f"Situation report: {period}{about}"

    def holds(self, day: str | None) -> bool:
        """Whether a row dated ``day`` (YYYY, YYYY-MM or YYYY-MM-DD) falls in the period."""
        if day is None:
            return self.since is None and self.until is None
        if self.since and day < self.since.isoformat()[: len(day)]:
            return False
        return not (self.until and day > self.until.isoformat()[: len(day)])


def cite(article_ids: Iterable[str]) -> str:
    return " ".join(f"[{each[:CITE_LENGTH]}]" for each in dict.fromkeys(article_ids))


def flat(text: str, width: int = EVIDENCE_WIDTH) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1].rstrip() + "…"


def label(name: str | None, code: str | None, unknown: str = "someone unnamed") -> str:
    if not name:
        return unknown
    return f"{name} ({code})" if code else name


def render_report(store: Store, scope: ReportScope) -> str:
    """The report for ``scope`` as Markdown."""
    events = store.events(EventFilter(actor=scope.actor, since=scope.since, until=scope.until))
    quotes = store.quotes(QuoteFilter(speaker=scope.actor, since=scope.since, until=scope.until))
    claims = [row for row in store.claims(actor=scope.actor) if scope.holds(row.date)]
    sources = {
        *(row.article_id for row in events),
        *(row.article_id for row in quotes),
        *(row.article_id for row in claims),
    }
    lines = [f"# {scope.title()}", ""]
    lines.append(
        f"From {len(sources)} articles: {len(events)} events, {len(quotes)} quotes, "
        f"{len(claims)} claims. Each line cites its articles as [id]; `sitrep show ID` gives "
        "the article with the evidence."
    )
    lines += developments(events, scope.top)
    lines += said(quotes, scope.top)
    lines += claim_ledger(claims, scope.top)
    lines += places(store, sources, scope.top)
    lines += unknowns(events, quotes)
    return "\n".join(lines) + "\n"


def developments(events: Sequence[EventRow], top: int) -> list[str]:
    lines = ["", "## Key developments", ""]
    if not events:
        return [*lines, "No events in this period."]
    same: dict[tuple[str, str, str, str], list[EventRow]] = defaultdict(list)
    for row in events:
        same[(row.date or "", row.source or "", row.verb_class, row.target or "")].append(row)
    by_day: dict[str, list[list[EventRow]]] = defaultdict(list)
    for (day, *_), rows in same.items():
        by_day[day].append(rows)
    for day in sorted(by_day, key=lambda each: (each == "", each)):
        lines.append(f"### {day or 'Undated'}")
        ranked = sorted(by_day[day], key=lambda rows: -len({r.article_id for r in rows}))
        for rows in ranked[:top]:
            first = rows[0]
            target = f" {label(first.target, first.target_code)}" if first.target else ""
            where = f" in {first.place}" if first.place else ""
            codes = f"CAMEO {first.cameo}" + (f", PLOVER {first.plover}" if first.plover else "")
            lines.append(
                f"- **{label(first.source, first.source_code)}** {first.verb_class}{target}{where}"
                f" ({codes}): “{flat(first.text)}” {cite(r.article_id for r in rows)}"
            )
        if len(ranked) > top:
            lines.append(f"- … and {len(ranked) - top} more that day")
        lines.append("")
    return lines


def said(quotes: Sequence[QuoteRow], top: int) -> list[str]:
    lines = ["", "## Who said what", ""]
    attributed = [row for row in quotes if row.speaker]
    if not attributed:
        return [*lines, "No attributed quotes in this period."]
    by_speaker: dict[tuple[str, str | None], list[QuoteRow]] = defaultdict(list)
    for row in attributed:
        by_speaker[(row.speaker or "", row.speaker_code)].append(row)
    ranked = sorted(by_speaker.items(), key=lambda item: (-len(item[1]), item[0][0]))
    for (name, code), rows in ranked[:top]:
        lines.append(f"### {label(name, code)}: {len(rows)} quotes")
        # Their own words first, then reported speech; within each, in date order.
        shown = sorted(rows, key=lambda row: (row.kind != "direct", row.date or ""))[:3]
        for row in shown:
            cue = f" ({row.cue})" if row.cue else ""
            lines.append(
                f"- {row.date or 'undated'}, {row.kind}{cue}: “{flat(row.text)}” "
                f"{cite([row.article_id])}"
            )
        lines.append("")
    return lines


def claim_ledger(claims: Sequence[ClaimRow], top: int) -> list[str]:
    lines = ["", "## Claims", ""]
    if not claims:
        return [*lines, "No claims in this period."]

    def contested(row: ClaimRow) -> bool:
        return any(stance.polarity == "deny" for stance in row.stances)

    ranked = sorted(claims, key=lambda row: (not contested(row), -len(row.stances)))
    for row in ranked[:top]:
        mark = " (contested)" if contested(row) else ""
        lines.append(f"- **{row.proposition}**{mark} {cite([row.article_id])}")
        for stance in row.stances:
            cue = f" ({stance.cue})" if stance.cue else ""
            who = label(stance.actor, stance.actor_code)
            lines.append(f"  - {stance.polarity}: {who}{cue}")
    if len(ranked) > top:
        lines.append(f"- … and {len(ranked) - top} more claims")
    return lines


def places(store: Store, article_ids: set[str], top: int) -> list[str]:
    lines = ["", "## Places", ""]
    found = store.places(article_ids=sorted(article_ids))
    named = [row for row in found if row.role != "actor"]
    if not named:
        return [*lines, "No places named in this period."]
    counts = Counter((row.name, row.country, row.lat, row.lon) for row in named)
    cited: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for row in named:
        cited[(row.name, row.country, row.lat, row.lon)].append(row.article_id)
    for (name, country, lat, lon), count in counts.most_common(top):
        point = f", {lat:.2f}, {lon:.2f}" if lat is not None and lon is not None else ""
        lines.append(
            f"- {name} ({country or 'country unknown'}{point}): named {count} times "
            f"{cite(cited[(name, country, lat, lon)])}"
        )
    return lines


def unknowns(events: Sequence[EventRow], quotes: Sequence[QuoteRow]) -> list[str]:
    undated = sum(1 for row in events if row.date_source in ("publication", "unknown"))
    no_source = sum(1 for row in events if not row.source)
    unattributed = sum(1 for row in quotes if not row.speaker)
    return [
        "",
        "## What is unknown",
        "",
        f"- {undated} of {len(events)} events carry no date of their own in the text "
        "(dated by their article's publication, or not at all).",
        f"- {no_source} of {len(events)} events have no identified actor doing them.",
        f"- {unattributed} of {len(quotes)} quotes have no resolved speaker.",
    ]
