"""Readable plain-text renderings of one article and of a store (``sitrep extract --format
text``, ``sitrep show``, ``sitrep summary``). Functions return strings; callers print them."""

from __future__ import annotations

from sitrep.records import Actor, Article
from sitrep.store import ClaimRow, EventRow, QuoteRow, Store

WIDTH = 110


def shorten(text: str, width: int = WIDTH) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def plural(count: int, word: str) -> str:
    """``1 mention``, ``2 mentions``."""
    return f"{count} {word}{'s' * (count != 1)}"


def _code(code: str | None) -> str:
    return f" [{code}]" if code else ""


def _actor_label(actor: Actor | None, fallback: str = "?") -> str:
    if actor is None:
        return fallback
    return f"{actor.name}{_code(actor.code)}"


def _heading(title: str, count: int) -> str:
    return f"\n{title} ({count})"


def render_article(article: Article) -> str:
    """Sections, actors with codes, times, places, quotes with speakers, events, claims."""
    meta = article.meta
    lines = [f"# {meta.title or '(untitled)'}"]
    facts = [f"id {article.id[:12] or '-'}"]
    if article.document_date:
        facts.append(f"date {article.document_date} ({article.document_date_source})")
    elif meta.published:
        facts.append(f"published {meta.published.isoformat()} ({meta.published_source})")
    if meta.source:
        facts.append(f"source {meta.source}")
    if meta.url:
        facts.append(meta.url)
    if article.backend:
        facts.append(f"backend {article.backend.name} {article.backend.version}")
    lines.append("  ".join(facts))

    lines.append(_heading("Sections", len(article.sections)))
    lines += [f"  {s.kind:<10} {shorten(s.text, WIDTH - 13)}" for s in article.sections]
    if article.removed:
        lines.append(_heading("Removed lines", len(article.removed)))
        lines += [f"  line {r.line} ({r.reason}): {shorten(r.text, 70)}" for r in article.removed]

    mentions: dict[str, int] = {}
    for mention in article.mentions:
        if mention.actor_id:
            mentions[mention.actor_id] = mentions.get(mention.actor_id, 0) + 1
    lines.append(_heading("Actors", len(article.actors)))
    for actor in article.actors:
        count = max(mentions.get(actor.id, 0), len(actor.mention_ids))
        extra = f"  kb {actor.kb_id}" if actor.kb_id else ""
        lines.append(
            f"  {actor.id:<5} {actor.name}{_code(actor.code)}  {actor.kind}{extra}"
            f"  {plural(count, 'mention')}"
        )

    if article.times:
        lines.append(_heading("Times", len(article.times)))
        for time in article.times:
            note = f"; year inferred: {time.inference}" if time.year_inferred else ""
            lines.append(f"  {time.text!r} -> {time.value} ({time.type}, {time.anchor}{note})")
    if article.places:
        # One line per place and role, with how often it is named: places repeat a lot.
        named: dict[tuple[str, str], int] = {}
        for place in article.places:
            where = ", ".join(part for part in (place.feature, place.country) if part)
            label = place.name + (f" ({where})" if where else "")
            named[(label, place.role)] = named.get((label, place.role), 0) + 1
        lines.append(_heading("Places", len(article.places)))
        lines += [
            f"  {label}  {role}" + (f"  x{count}" if count > 1 else "")
            for (label, role), count in named.items()
        ]

    lines.append(_heading("Quotes", len(article.quotes)))
    for quote in article.quotes:
        speaker = _actor_label(article.actor(quote.speaker_actor_id), "(unknown speaker)")
        when = f" on {quote.date} ({quote.date_source})" if quote.date else ""
        lines.append(f"  {quote.kind:<8} {speaker}{when}: \u201c{shorten(quote.text, 80)}\u201d")

    lines.append(_heading("Events", len(article.events)))
    places = {place.id: place for place in article.places}
    for event in article.events:
        source = _actor_label(article.actor(event.source_actor_id), "-")
        target = _actor_label(article.actor(event.target_actor_id), "-")
        codes = f"CAMEO {event.cameo} {event.cameo_label}"
        if event.plover:
            codes += f"; PLOVER {event.plover}"
        event_place = places.get(event.place_id or "")
        lines.append(
            f"  {event.date or '(no date)'}  {source} -> {event.verb_class} -> {target}"
            f"  ({codes})" + (f" in {event_place.name}" if event_place else "")
        )
        lines.append(f"      \u201c{shorten(event.text, 90)}\u201d")

    lines.append(_heading("Claims", len(article.claims)))
    for claim in article.claims:
        lines.append(f"  {claim.id}: {shorten(claim.proposition, 100)}")
        for stance in (s for s in article.stances if s.claim_id == claim.id):
            holder = _actor_label(article.actor(stance.actor_id), "(unknown)")
            lines.append(
                f"      {stance.polarity:<7} {holder}: \u201c{shorten(stance.text, 70)}\u201d"
            )
    return "\n".join(lines) + "\n"


def render_event_row(row: EventRow) -> str:
    source = f"{row.source or '-'}{_code(row.source_code)}"
    target = f"{row.target or '-'}{_code(row.target_code)}"
    codes = f"CAMEO {row.cameo} {row.cameo_label}"
    if row.plover:
        codes += f"; PLOVER {row.plover}"
    return (
        f"  {row.date or '(no date)'}  {source} -> {row.verb_class} -> {target}  ({codes})\n"
        f"      \u201c{shorten(row.text, 90)}\u201d"
    )


def render_quote_row(row: QuoteRow) -> str:
    speaker = f"{row.speaker or '(unknown speaker)'}{_code(row.speaker_code)}"
    return f"  {row.date or '(no date)'}  {speaker}: \u201c{shorten(row.text, 80)}\u201d"


def render_claim_row(row: ClaimRow) -> str:
    lines = [f"  {row.date or '(no date)'}  {shorten(row.proposition, 90)}"]
    for stance in row.stances:
        actor = f"{stance.actor or '(unknown)'}{_code(stance.actor_code)}"
        lines.append(f"      {stance.polarity:<7} {actor}: \u201c{shorten(stance.text, 70)}\u201d")
    return "\n".join(lines)


def render_store(store: Store, *, top: int = 10) -> str:
    """An overview of the store: articles, top actors, quotes, events and claims."""
    counts = store.counts()
    lines = [
        f"sitrep store: {counts.articles} articles, {counts.actors} actors, "
        f"{counts.quotes} quotes, {counts.events} events, {counts.claims} claims "
        f"({counts.stances} stances), {counts.times} times, {counts.places} places"
    ]
    articles = store.articles()
    lines.append(_heading("Articles", counts.articles))
    for article in articles[:top]:
        lines.append(
            f"  {article.document_date or '(no date)':<10}  {article.id[:12]}  "
            f"{shorten(article.title or article.source or '(untitled)', 80)}"
        )
    if len(articles) > top:
        lines.append(f"  ... and {len(articles) - top} more")

    actors = store.actors(limit=top)
    lines.append(_heading("Top actors", counts.actors))
    for actor in actors:
        kb = f"  kb {actor.kb_id}" if actor.kb_id else ""
        lines.append(
            f"  {actor.name}{_code(actor.code)}  {actor.kind}{kb}  "
            f"{plural(actor.mentions, 'mention')} in {plural(actor.articles, 'article')}"
        )

    lines.append(_heading("Quotes", counts.quotes))
    lines += [render_quote_row(row) for row in store.quotes(limit=top)]
    lines.append(_heading("Events", counts.events))
    lines += [render_event_row(row) for row in store.events(limit=top)]
    lines.append(_heading("Claims", counts.claims))
    lines += [render_claim_row(row) for row in store.claims(limit=top)]
    shown = [("quotes", counts.quotes), ("events", counts.events), ("claims", counts.claims)]
    more = [f"{name}: {count - top} more" for name, count in shown if count > top]
    if more:
        lines.append(f"\n(not shown: {'; '.join(more)}; see `sitrep quotes|events|claims`)")
    return "\n".join(lines) + "\n"
