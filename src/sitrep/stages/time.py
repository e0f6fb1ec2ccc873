"""The time stage: time expressions with TIMEX3 values, and the article's date.

Expressions are found by patterns built from ``time_words.yaml`` (month and weekday names,
number words, units, relative words) and resolved in three steps:

1. the anchor: the publication date (``Options.published``, then ``article.meta.published``);
2. without one, the year is inferred from weekday/date pairs ("Sunday (Oct 13)"): the latest
   year, not after ``Options.today``, in which every pair's date falls on its weekday;
   the document date is then the latest date the article reports;
3. every other expression is resolved against the anchor, or left with ``X`` digits; some
   against what the text said before them: "the quarter" and "a year earlier" after "the
   third quarter" (2024-Q3, 2023-Q3; the year once the text moved on to "the first nine
   months"), "7:30 am" on the day the text last named, "later that year" in its year.

Tense picks the side of the anchor: the nearest tense word (one after the expression counts
double its distance), a past participle after "be" or a determiner counting for none, a
future word after "had (been)" counting as past ("had been due to expire Friday"); a
possessive weekday ("Wednesday's ruling") is the last one; a month-day far ahead of the
anchor next to a past tense ("was last seen Nov. 3") is last year's, and one about half a
year away without a tense word near goes the way its sentence looks.

Conventions follow TimeBank (TempEval-3): "the" is part of "the third quarter", decades and
centuries are counted in years (P20Y), vague stretches ("the coming days") are references;
"the year" is the anchor's year (P1Y when it ends on a date), "the weekend" the one before,
"the end of 1990" and "mid-November" the whole year or month, a bare month up to three
months ahead of the anchor the coming one; holidays follow rules in ``time_words.yaml``.

Finding is one pass: the text is cut into words once and each pattern is only tried where a
word it can start with stands (``Scanner``), not scanned for by every pattern.
``sitrep.evaluation.timeml`` scores the stage on TimeML corpora.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sitrep.datafiles import load_entries
from sitrep.records import Article, TimeExpression, TimeType
from sitrep.registry import Context, Stage

VERSION = "time.v2"

WordKind = Literal[
    "month",
    "weekday",
    "number",
    "unit",
    "part_of_day",
    "deictic",
    "modifier",
    "relation",
    "set",
    "every",
    "reference",
    "future",
    "past",
    "stretch",
    "sequel",
    "preposition",
    "ordinal",
    "year_part",
    "season",
    "latest",
    "earlier_year",
    "clock",
    "meridiem",
    "year_prefix",
    "not_reference",
    "holiday",
    "boundary",
    "century",
]
FoundKind = Literal[
    "calendar",
    "weekday",
    "deictic",
    "unit_ref",
    "offset",
    "duration",
    "set",
    "reference",
    "year",
    "decade",
    "month",
    "day",
    "quarter",
    "year_ago",
    "season",
    "clock",
    "holiday",
    "nearest",
]
AnchorKind = Literal["absolute", "publication", "text", "inferred", "none"]
WeekdayCheck = Literal["ok", "mismatch", "n/a"]
# Names are matched exactly as written ("may" is never a month); lexical words also capitalised.
EXACT_KINDS = frozenset({"month", "weekday", "set", "meridiem", "clock", "holiday"})
# Units a "last"/"this"/"next" can count in: "last week", "this year".
CALENDAR_UNITS = ("week", "weekend", "month", "quarter", "year")
# Expressions never run across a line break: each line is searched apart (see Scanner).
LINE = re.compile(r"[^\n]+")
QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])$")
# Bare year: not part of a number, an amount of money, a fraction or a range of digits.
BARE_YEAR = r"(?<![\w$£€.,/-])(?P<year>(?:19|20)\d\d)(?![\w%'’/-]|[.,]\d)"
# An article-led duration ("a week") is only taken after these words: "for a week".
ARTICLE_DURATION_BEFORE = re.compile(
    r"\b(?:for|within|about|than|over|nearly|almost|least|after|in|take|took|takes|barely|"
    r"only|just|long\s+as)\s+$",
    re.I,
)
BOUNDARY = r"(?<![\w])"
END = r"(?![\w])"
DIGITS = r"\d{1,4}(?:\.\d+)?"
PAIRED_TAGS = {"mdy": "_a", "dmy": "_b", "iso": "_c"}
CAPITAL_WORD = re.compile(r"[ \t]+[A-Z]")
PREVIOUS_WORD = re.compile(r"(?P<word>[A-Z][\w'’-]*)\s+$")
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“‘(\n]\s*)$")
WEEKDAY_CLOSES = re.compile(
    r"(?:[,.;:]|\s+[a-z]+(?:ed|ly)\b|\s+(?:and|to|in|at|on|with|for|after|before)\b)"
)
# A past participle after "be"/"being" is a passive ("will be named"), after "is"/"are" a
# present passive ("the case is heard in May"), after a determiner an adjective ("the
# reduced dividend"): no tense. "succeed" and "need" are no past tense.
PASSIVE = r"(?<!\bbe )(?<!\bbeing )(?<!\bis )(?<!\bare )(?<!\b[Tt]he )(?<!\b[Aa] )(?<!\b[Aa]n )"
PAST_SUFFIX = re.compile(
    PASSIVE
    + r"\b(?!un(?:specified|named|identified|disclosed|changed|expected|related|precedented)\b)"
    r"(?![a-z]*(?:ceed|need|feed|speed|breed|bleed|heed)\b)[a-z]{3,}ed\b"
)
ALTERNATIVES_SHOWN = 2


class TimeWord(BaseModel):
    """One entry of ``time_words.yaml``; see the file's header for what each kind means."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: WordKind
    key: str
    forms: list[str]
    abbreviations: list[str] = Field(default_factory=list)
    number: int | None = None
    value: str | None = None
    article: bool = False


@dataclass(frozen=True)
class TimeWords:
    """The word lists, with lookups from a matched form to its entry."""

    entries: tuple[TimeWord, ...]

    def of(self, kind: WordKind) -> list[TimeWord]:
        return [entry for entry in self.entries if entry.kind == kind]

    def lookup(self, kind: WordKind, form: str) -> TimeWord:
        found = self._index.get((kind, _normal(form, exact=kind in EXACT_KINDS)))
        if found is None:
            raise KeyError(f"{kind} {form!r}")
        return found

    @cached_property
    def _index(self) -> dict[tuple[str, str], TimeWord]:
        """(kind, normalised form) -> entry; the first entry of a form wins."""
        index: dict[tuple[str, str], TimeWord] = {}
        for entry in self.entries:
            for form in (*entry.forms, *entry.abbreviations):
                key = (entry.kind, _normal(form, exact=entry.kind in EXACT_KINDS))
                index.setdefault(key, entry)
        return index

    def first_words(self, kind: WordKind) -> tuple[str, ...]:
        """The first words of the kind's forms, lower-case (DIGIT for a number: "1st")."""
        forms = {f for e in self.of(kind) for f in (*e.forms, *e.abbreviations)}
        firsts = {WORD.match(f.lower()) for f in forms}
        return tuple(sorted({DIGIT if m[0][0].isdigit() else m[0] for m in firsts if m}))

    def pattern(self, kind: WordKind, *, abbreviations: bool = False) -> str:
        """A regex alternation of the kind's forms, longest first."""
        forms = {f for entry in self.of(kind) for f in entry.forms}
        if abbreviations:
            forms |= {f"{a}." for entry in self.of(kind) for a in entry.abbreviations}
            forms |= {a for entry in self.of(kind) for a in entry.abbreviations}
        if kind not in EXACT_KINDS:
            # "today" and "Today", never "TODAY" or "toDay".
            forms |= {f[:1].upper() + f[1:] for f in forms}
        escaped = [r"\s+".join(re.escape(w) for w in f.split()) for f in forms]
        # Longest first, then alphabetical: the same regex on every run.
        return "(?:" + "|".join(sorted(escaped, key=lambda f: (-len(f), f))) + ")"

    def is_article(self, form: str) -> bool:
        """Whether ``form`` is "a"/"an": a number only in offsets ("a week ago")."""
        return any(_normal(form, exact=False) in e.forms for e in self.of("number") if e.article)

    @cached_property
    def not_reference(self) -> re.Pattern[str]:
        """Phrases in which a reference word is no time ("as soon as", "now that")."""
        return re.compile(f"{BOUNDARY}{self.pattern('not_reference')}{END}")

    @cached_property
    def month_day_before(self) -> re.Pattern[str]:
        """A month and day ending the text before "and 25" ("April 24 and 25")."""
        month = self.pattern("month", abbreviations=True)
        return re.compile(f"{BOUNDARY}(?P<month>{month})\\s+[0-3]?\\d(?:st|nd|rd|th)?\\s+$")

    @cached_property
    def boundary_forms(self) -> frozenset[str]:
        """ "early", "late", "mid": the forms of the boundary words, lower-case."""
        return frozenset(_normal(f, exact=False) for e in self.of("boundary") for f in e.forms)

    def name(self, kind: WordKind, number: int) -> str:
        return next(e.forms[0] for e in self.of(kind) if e.number == number)


def _normal(form: str, *, exact: bool) -> str:
    text = " ".join(form.rstrip(".").split())
    return text if exact else text.lower()


def time_words(ctx: Context) -> TimeWords:
    def build() -> TimeWords:
        entries = load_entries(
            "time_words.yaml",
            TimeWord,
            key=lambda e: f"{e.kind}:{e.key}",
            data_dirs=ctx.options.data_dirs,
        )
        return TimeWords(tuple(entries))

    return ctx.resource("time.words", build)


# --- finding --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A time expression as read from the text, before it is resolved against an anchor."""

    start: int
    end: int
    kind: FoundKind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    amount: int | None = None
    unit: str | None = None
    part: str | None = None
    value: str | None = None
    direction: int = 0
    relative_to_text: bool = False
    explicit: bool = False  # "last Sunday", "next October": a modifier says which one
    period: str | None = None  # a part of the year: "Q3", "H1", "SU"
    years: int = 0  # years to add to the period's year: "the year-ago quarter" is -1
    days: int = 0  # days to add to the day: "the day before Tuesday" is -1


Parser = Callable[[re.Match[str], TimeWords], Found | None]


@dataclass(frozen=True)
class TimePattern:
    """A pattern, and the first words a match of it can start with (see STARTERS)."""

    name: str
    regex: re.Pattern[str]
    parse: Parser
    starters: frozenset[str] = frozenset()


# The first word a match of each pattern can start with: "kind:<word kind>" (the first word
# of any form of the kind), "plural:<word kind>" (that word with an "s": "fridays"), a
# literal lower-case word, or DIGIT (a number). The text is cut
# into words once, and each pattern is only tried where one of its first words stands: one
# pass over the text instead of one regex scan per pattern.
# Before an amount, words TimeBank keeps in its span (TIMEX3 mod): "almost two years ago".
APPROXIMATE = (
    r"(?:[Aa]lmost|[Nn]early|[Aa]bout|[Rr]oughly|[Aa]pproximately|[Mm]ore\s+than|[Ll]ess\s+than"
    r"|[Aa]t\s+least|[Oo]ver|[Uu]nder)"
)
APPROXIMATE_BEFORE = re.compile(rf"\b{APPROXIMATE}\s+$")
DIGIT = "#"
# After an amount, kept in its span: "the next year or so".
OR_SO = r"(?:\s+or\s+so(?![\w-]))?"
# "early" or "late" before a day or year, kept in its span as TimeBank does ("late Tuesday").
EDGE = "(?:[Ee]arly|[Ll]ate)"
STARTERS: dict[str, tuple[str, ...]] = {
    "weekday_date": ("kind:weekday",),
    "week_of": ("the",),
    "mdy": ("kind:month",),
    "dmy": (DIGIT,),
    "iso": (DIGIT,),
    "numeric": (DIGIT,),
    "month_year": ("kind:month",),
    "weekday": ("kind:modifier", "kind:weekday", "the", "early", "late"),
    "weekdays": ("kind:weekday", "plural:weekday"),
    "deictic": ("kind:deictic", "early", "late", "later", "earlier"),
    "mid_part": ("mid",),
    "unit_ref": ("kind:modifier",),
    "sequel": ("the",),
    "stretch": ("the", "kind:stretch", "kind:number", DIGIT, "kind:unit"),
    "plural": ("kind:unit", "the"),
    "amount": ("kind:number", DIGIT, "half"),
    "month": ("kind:modifier", "kind:preposition", "kind:month"),
    "year": ("kind:year_prefix", DIGIT, "early", "late"),
    "decade": ("the", "early", "late", "mid", DIGIT),
    "century": ("the", DIGIT),
    "day": ("on",),
    "second_day": ("and", "or"),
    "every": ("kind:every",),
    "set": ("kind:set",),
    "reference": ("kind:reference",),
    "quarter": ("the", DIGIT, "kind:modifier", "fiscal", "kind:ordinal", "kind:earlier_year"),
    "period": ("the", "that", "this", "last"),
    "year_ago": ("kind:earlier_year",),
    "earlier_stretch": ("kind:earlier_year",),
    "season": ("kind:preposition", "kind:modifier", "the", "kind:season"),
    "clock": (DIGIT, "kind:clock"),
    "month_of_year": ("kind:month",),
    "spelled_year": ("the", "kind:century", "two"),
    "month_spelled": ("kind:month",),
    "holiday": ("kind:modifier", "kind:holiday"),
    "the_year": ("the",),
    "nearest": ("the",),
    "that_year": ("that", "later", "earlier"),
    "edge_of": ("the",),
    "edge": ("kind:boundary", "year"),
}
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Scanner:
    """The patterns, and for each first word the patterns that can start with it."""

    patterns: tuple[TimePattern, ...]
    by_word: dict[str, tuple[int, ...]]

    def matches(self, text: str) -> Iterator[tuple[int, re.Match[str]]]:
        """(pattern index, match) for every match of every pattern, as ``finditer`` line by
        line would find them: expressions never run across a line break."""
        next_start = [0] * len(self.patterns)
        for line in LINE.finditer(text):
            end = line.end()
            for word in WORD.finditer(text, line.start(), end):
                start = word.start()
                key = DIGIT if word[0][0].isdigit() else word[0].lower()
                for index in self.by_word.get(key, ()):
                    if start < next_start[index]:
                        continue
                    match = self.patterns[index].regex.match(text, start, end)
                    if match is not None:
                        next_start[index] = max(match.end(), start + 1)
                        yield index, match


def time_patterns(ctx: Context) -> Scanner:
    return ctx.resource("time.patterns", lambda: build_scanner(time_words(ctx)))


def build_scanner(words: TimeWords) -> Scanner:
    sources = _sources(words)
    patterns = tuple(
        TimePattern(name, re.compile(sources[name]), parse, _starters(words, name))
        for name, parse in PARSERS.items()
    )
    by_word: dict[str, list[int]] = {}
    for index, pattern in enumerate(patterns):
        for word in sorted(pattern.starters):
            by_word.setdefault(word, []).append(index)
    return Scanner(patterns, {word: tuple(indices) for word, indices in by_word.items()})


def _starters(words: TimeWords, name: str) -> frozenset[str]:
    starters: set[str] = set()
    for starter in STARTERS[name]:
        if starter.startswith("plural:"):
            plural = starter.removeprefix("plural:")
            starters.update(f"{w}s" for w in words.first_words(plural))  # type: ignore[arg-type]
            continue
        kind = starter.removeprefix("kind:")
        starters.update(words.first_words(kind) if kind != starter else (starter,))  # type: ignore[arg-type]
    return frozenset(starters)


def _date_sources(words: TimeWords, tag: str = "") -> dict[str, str]:
    """Month-day-year, day-month-year and ISO dates; ``tag`` suffixes the group names."""
    month = f"(?P<month{tag}>{words.pattern('month', abbreviations=True)})(?![A-Za-z])"
    day = f"(?P<day{tag}>[0-3]?\\d)(?:st|nd|rd|th)?{END}"
    year = f"(?P<year{tag}>(?:19|20)\\d\\d){END}"
    return {
        "mdy": f"{BOUNDARY}{month}\\s+{day}(?:,?\\s+{year})?",
        "dmy": f"{BOUNDARY}{day}(?:\\s+(?:of|Of))?\\s+{month}(?:,?\\s+{year})?",
        "iso": f"(?<![\\d-])(?P<year{tag}>(?:19|20)\\d\\d)-(?P<month{tag}>[01]\\d)"
        f"-(?P<day{tag}>[0-3]\\d)(?![\\d-])",
    }


def _sources(words: TimeWords) -> dict[str, str]:
    dates = _date_sources(words)
    month = f"(?P<month>{words.pattern('month', abbreviations=True)})(?![A-Za-z])"
    month_full = f"(?P<month>{words.pattern('month')}){END}"
    year = f"(?P<year>(?:19|20)\\d\\d){END}"
    weekday = f"(?P<weekday>{words.pattern('weekday', abbreviations=True)})(?![A-Za-z])"
    weekday_full = f"(?P<weekday>{words.pattern('weekday')}){END}"
    # The date of a weekday/date pair, each form with its own group names.
    paired = "|".join(_date_sources(words, tag)[form] for form, tag in PAIRED_TAGS.items())
    week_day = _date_sources(words, "_w")["mdy"]
    number = _number_source(words)
    unit = f"(?P<unit>{words.pattern('unit')}){END}"
    part = f"(?:\\s+(?P<part>{words.pattern('part_of_day')}){END})?"
    singular_units = "|".join(u.forms[0] for u in words.of("unit"))
    calendar_units = "|".join(CALENDAR_UNITS)
    modifier = words.pattern("modifier")
    return {
        "weekday_date": f"{BOUNDARY}{weekday}(?:,?\\s*(?P<open>\\()\\s*|,?\\s+)"
        f"(?:{paired})(?(open)\\s*\\))",
        "week_of": f"{BOUNDARY}(?:the|The)\\s+week\\s+of\\s+(?:{week_day})",
        **dates,
        "numeric": r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)"
        r"(?P<year>(?:19|20)\d\d)(?![\d/-]|\.\d)",
        "month_year": f"{BOUNDARY}{month}\\s+{year}",
        "weekday": f"{BOUNDARY}(?:(?P<mod>{modifier})\\s+|(?:the|The)\\s+"
        f"(?P<sequel>{words.pattern('sequel')})\\s+|{EDGE}\\s+)?{weekday_full}{part}",
        "weekdays": _weekdays_source(words),
        "deictic": f"{BOUNDARY}(?:(?:{EDGE}|[Ll]ater|[Ee]arlier)\\s+)?"
        f"(?P<deictic>{words.pattern('deictic')}){END}{part}",
        "mid_part": f"{BOUNDARY}[Mm]id[\\s-](?P<part>{words.pattern('part_of_day')}){END}"
        f"(?:\\s+(?P<deictic>{words.pattern('deictic')}){END})?",
        "unit_ref": f"{BOUNDARY}(?P<mod>{modifier})\\s+(?:fiscal\\s+)?"
        f"(?P<unit>{calendar_units}){END}",
        "sequel": f"{BOUNDARY}(?:the|The)\\s+(?P<mod>{words.pattern('sequel')})\\s+"
        f"(?P<unit>{singular_units}){END}{OR_SO}",
        "stretch": f"{BOUNDARY}(?P<the>(?:the|The)\\s+)?"
        f"(?:(?P<mod>{words.pattern('stretch')})\\s+)?(?:{number}\\s+)?{unit}{OR_SO}",
        "plural": f"{BOUNDARY}(?:(?<=\\b[Ff]or\\s)|(?<=\\b[Ww]ithin\\s)|(?<=\\b[Ii]n\\s)"
        f"|(?<=\\b[Oo]ver\\s)(?:the|The)\\s+|(?<=\\b[Ii]n\\s)(?:the|The)\\s+)"
        f"(?P<unit>{words.pattern('unit')}){END}(?:\\s+ahead{END})?"
        f"(?!\\s+(?:before|after|leading|preceding)\\b)",
        "amount": f"{BOUNDARY}{number}[\\s-]+"
        f"(?:(?:more|additional|extra)\\s+)?{unit}"
        f"(?!-old|\\s+old)"
        f"(?:\\s+(?P<relation>{words.pattern('relation')}){END})?",
        "month": f"{BOUNDARY}(?:(?:(?P<mod>{modifier})|(?P<prep>{words.pattern('preposition')}))"
        f"\\s+)?{month_full}(?!\\s+\\d)",
        "year": f"(?:(?:(?P<prefix>{words.pattern('year_prefix')})|{BOUNDARY}{EDGE})\\s+)?"
        f"{BARE_YEAR}",
        "decade": f"{BOUNDARY}(?:(?P<the>the|The)\\s+)?(?:(?:early|late|mid)[\\s-]+)?"
        f"(?:(?P<decade>(?:19|20)\\d0)|['’](?P<short>\\d0))s{END}",
        "century": f"{BOUNDARY}(?:(?:the|The)\\s+)?(?P<century>[1-9]|1\\d|2[01])(?:st|nd|rd|th)"
        f"[\\s-]+century{END}",
        "day": f"{BOUNDARY}(?:on|On)\\s+(?P<span>the\\s+(?P<day>[0-3]?\\d)(?:st|nd|rd|th){END})"
        f"(?!\\s+[a-z])",
        "second_day": f"{BOUNDARY}(?:and|or)\\s+(?P<day>[0-3]?\\d)(?:st|nd|rd|th)?{END}"
        f"(?!\\s*(?:%|percent|per\\b|of\\b|[-/.,:]\\d|[ap]\\.?m\\b))",
        "every": f"{BOUNDARY}{words.pattern('every')}\\s+(?:(?P<other>other)\\s+)?"
        f"(?:{weekday_full}|{month_full}|(?P<unit>{singular_units}){END}"
        f"|(?P<part>{words.pattern('part_of_day')}){END})",
        "set": f"{BOUNDARY}(?P<set>{words.pattern('set')}){END}",
        "reference": f"{BOUNDARY}(?P<ref>{words.pattern('reference')}){END}",
        **_period_sources(words, year),
    }


def _period_sources(words: TimeWords, year: str) -> dict[str, str]:
    """Quarters, halves and seasons of a year, and the "year-ago" of financial reports."""
    the = "(?:(?P<the>the|The)\\s+)?"
    modifier = words.pattern("modifier")
    earlier = f"(?P<earlier>{words.pattern('earlier_year')})"
    owner = (
        f"(?:{year}\\s+|(?P<mod>{modifier})\\s+year['’]s\\s+"
        f"|(?P<ago>{words.pattern('earlier_year')})\\s+)?"
    )
    fiscal = "(?:[Ff]iscal[\\s-]+)?"
    return {
        "quarter": f"{BOUNDARY}{the}{owner}{fiscal}(?P<ordinal>{words.pattern('ordinal')})"
        f"[\\s-]+{fiscal}(?P<part>{words.pattern('year_part')}){END}"
        f"(?:\\s+of\\s+(?P<of>(?:19|20)\\d\\d){END})?",
        "period": f"{BOUNDARY}(?P<det>the|The|that|That|this|This"
        f"|(?P<lastyear>[Ll]ast\\s+year['’]s))\\s+(?:(?P<latest>"
        f"{words.pattern('latest')})\\s+|{earlier}\\s+|{year}\\s+|(?P<current>current)\\s+)?"
        f"(?P<part>quarter|period){END}(?!-)(?:\\s+(?P<ago>a\\s+year\\s+(?:ago|earlier)|last\\s+year)"
        f"{END})?",
        "year_ago": f"{BOUNDARY}{earlier}{END}",
        "earlier_stretch": f"{BOUNDARY}{earlier}\\s+{_number_source(words)}\\s+"
        f"(?P<unit>{words.pattern('unit')}){END}",
        "season": f"{BOUNDARY}(?:(?P<prep>{words.pattern('preposition')})\\s+)?"
        f"(?:(?P<mod>{modifier})\\s+|(?P<the>the|The)\\s+)?"
        f"(?P<season>{words.pattern('season')}){END}(?:,?\\s+(?:of\\s+)?{year}"
        f"|\\s+of\\s+{_spelled_year(words)})?(?!\\s+of\\s+(?!(?:19|20)\\d\\d))",
        "clock": _clock_source(words),
        **_named_sources(words),
    }


def _named_sources(words: TimeWords) -> dict[str, str]:
    """Months of a named year, spelled years, holidays, "the year", "the end of 1990"."""
    month = f"(?P<month>{words.pattern('month')}){END}"
    year = f"(?P<year>(?:19|20)\\d\\d){END}"
    boundary = words.pattern("boundary")
    modifier = words.pattern("modifier")
    return {
        "month_of_year": f"{BOUNDARY}{month}\\s+(?P<mod>this|last|next)\\s+year{END}",
        "spelled_year": f"{BOUNDARY}(?:(?P<the>the\\s+year)\\s+)?{_spelled_year(words)}",
        "month_spelled": f"{BOUNDARY}{month}\\s+{_spelled_year(words)}",
        "holiday": f"{BOUNDARY}(?:(?P<mod>{modifier})\\s+)?(?P<holiday>{words.pattern('holiday')})"
        f"(?:\\s+(?P<week>week))?{END}",
        "the_year": f"{BOUNDARY}(?:the|The)\\s+(?:(?:full|current|calendar)\\s+)?(?:fiscal\\s+)?"
        f"year(?![\\w'’-]|\\s+(?:earlier|ago|before|after|two|nineteen|twenty)\\b)",
        "nearest": f"{BOUNDARY}(?:the|The)\\s+(?P<unit>weekend|week){END}(?![-])",
        "that_year": f"{BOUNDARY}(?:(?:[Ll]ater|[Ee]arlier)\\s+)?(?:that|That)\\s+"
        f"(?P<unit>year|month){END}(?!['’])",
        "edge_of": f"{BOUNDARY}(?:the|The)\\s+(?P<edge>{boundary})\\s+of\\s+(?:{year}|"
        f"the\\s+(?P<unit>year|month){END}|(?P<mod>this|last|next)\\s+(?P<modunit>week|month|year)"
        f"{END}|{month}(?:,?\\s+(?P<of>(?:19|20)\\d\\d){END})?)",
        "edge": f"{BOUNDARY}(?:(?P<edge>{boundary})-(?:{year}|{month})"
        f"|(?P<end>[Yy]ear(?:-|\\s+)end|[Yy]ear['’]s\\s+end){END})",
    }


def _spelled_year(words: TimeWords) -> str:
    """ "nineteen ninety-six", "the year two thousand": a year in words (groups century,
    rest, thousand and unit)."""

    def forms(low: int, high: int, step: int = 1) -> str:
        numbers = range(low, high + 1, step)
        return "|".join(
            f
            for e in words.of("number")
            if e.number in numbers and not e.article
            for f in e.forms
            if " " not in f
        )

    units, teens, tens = forms(1, 9), forms(10, 19), forms(20, 90, 10)
    rest = f"(?:{tens})(?:[\\s-]+(?:{units}))?|{teens}|(?:oh|o)[\\s-]+(?:{units})"
    return (
        f"(?:(?P<century>{words.pattern('century')})[\\s-]+(?P<rest>{rest})"
        f"|(?P<thousand>two\\s+thousand)(?:\\s+and\\s+(?P<unit>{units}))?)(?![\\w-])"
    )


def _clock_source(words: TimeWords) -> str:
    """ "3 p.m.", "10:35 a.m.", "noon", with a day after them: "9 a.m. EST Tuesday",
    "5 p.m. EST, Nov. 6"."""
    meridiem = words.pattern("meridiem")
    month = words.pattern("month", abbreviations=True)
    day = (
        f"(?:,?\\s+(?:(?P<weekday>{words.pattern('weekday')})|"
        f"(?P<deictic>{words.pattern('deictic')})|"
        f"(?P<month>{month})(?![A-Za-z])\\s+(?P<day>[0-3]?\\d)){END})?"
    )
    return (
        f"{BOUNDARY}(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\\d))?(?:\\s*"
        f"(?P<meridiem>{meridiem})(?!\\w)|\\s+(?P<half>in\\s+the\\s+(?P<morning>morning)|"
        f"in\\s+the\\s+(?:afternoon|evening)|at\\s+night){END})|(?P<named>{words.pattern('clock')}){END})"
        f"(?:\\s+(?P<zone>[A-Z]{{2,3}}T)\\b)?{day}"
    )


def _weekdays_source(words: TimeWords) -> str:
    """ "on Fridays", "Tuesday nights", and "Monday" of "Monday and Tuesday nights": a
    weekday recurring each week."""
    weekday = words.pattern("weekday")
    parts = f"(?:{words.pattern('part_of_day')})s"
    return (
        f"{BOUNDARY}(?P<weekday>{weekday})(?:s(?:\\s+(?P<part>{parts}))?|\\s+(?P<parts>{parts})"
        f"|(?=\\s+(?:and|or)\\s+(?:{weekday})(?:s|\\s+(?P<next>{parts}))))(?![\\w'’])"
    )


def _number_source(words: TimeWords) -> str:
    word = words.pattern("number")
    return (
        f"(?P<number>(?<![\\d.,]){DIGITS}(?P<half>\\s+1/2)?|(?P<halfof>[Hh]alf\\s+an?)"
        f"|{word}(?:-{word})?)"
    )


def find_times(text: str, scanner: Scanner, words: TimeWords) -> list[Found]:
    """Every time expression of the text, longest first where candidates overlap."""
    candidates: list[tuple[int, Found]] = []
    for rank, match in scanner.matches(text):
        found = scanner.patterns[rank].parse(match, words)
        if found is not None and _plausible(text, found, words):
            candidates.append((rank, found))
    candidates.sort(key=lambda c: (-(c[1].end - c[1].start), c[0], c[1].start))
    kept: list[Found] = []
    for _, found in candidates:
        if all(found.end <= k.start or k.end <= found.start for k in kept):
            kept.append(found)
    return [_day_around(text, found) for found in sorted(kept, key=lambda f: f.start)]


# Before a day: "the day before last Tuesday", "the day after Christmas" (TimeBank spans
# from "day").
DAY_AROUND = re.compile(r"\b(?P<span>[Dd]ay\s+(?P<relation>before|after)\s+)$")
DAY_KINDS = frozenset({"weekday", "calendar", "deictic", "holiday"})


def _day_around(text: str, found: Found) -> Found:
    """The day before or after the expression's day, when the text says so."""
    if found.kind not in DAY_KINDS or (found.kind == "calendar" and found.day is None):
        return found
    start = max(0, found.start - 20)
    match = DAY_AROUND.search(text, start, found.start)
    if match is None:
        return found
    days = -1 if match["relation"] == "before" else 1
    return replace(found, start=match.start("span"), days=days)


def _plausible(text: str, found: Found, words: TimeWords) -> bool:
    """A bare weekday next to a capitalised word is a title: "Sunday Times", "Bloody Sunday".

    A reference word inside a blocked phrase is no time: "as soon as", "now that".
    """
    if found.kind == "reference":
        return not _blocked(text, found, words)
    if found.kind == "deictic" and text[found.start].isupper():
        # "USA Today", "VOA Today": a capitalised "Today" after a name, inside a sentence.
        return not _after_name(text, found)
    if found.kind != "weekday" or found.explicit:
        return True
    if CAPITAL_WORD.match(text, found.end):
        return False
    if not _after_name(text, found):
        return True
    # "in Kenya and Tanzania Friday, calling ...": a name, then the weekday ends a clause or
    # a verb follows; "Bloody Sunday massacre" goes on with a noun.
    return WEEKDAY_CLOSES.match(text, found.end) is not None


# How far around a reference word a phrase that blocks it is looked for ("as soon as").
BLOCK_REACH = 24


def _blocked(text: str, found: Found, words: TimeWords) -> bool:
    """Whether a phrase of ``not_reference`` covers the expression (searched near it only)."""
    near = words.not_reference.finditer(
        text, max(0, found.start - BLOCK_REACH), min(len(text), found.end + BLOCK_REACH)
    )
    return any(m.start() <= found.start and found.end <= m.end() for m in near)


def _after_name(text: str, found: Found) -> bool:
    """Whether a capitalised word other than a sentence's first stands right before."""
    before = text[max(0, found.start - 40) : found.start]
    previous = PREVIOUS_WORD.search(before)
    return previous is not None and SENTENCE_START.search(before[: previous.start()]) is None


# --- parsers: one per pattern, each turning a match into a Found ------------------------------


def _span(
    match: re.Match[str], first: str | None = None, last: str | None = None
) -> tuple[int, int]:
    start = match.start(first) if first and match.group(first) else match.start()
    end = match.end(last) if last and match.group(last) else match.end()
    return start, end


def _calendar(
    words: TimeWords, start: int, end: int, month: str, day: str | None, year: str | None
) -> Found | None:
    month_number = int(month) if month.isdigit() else words.lookup("month", month).number
    found = Found(
        start,
        end,
        "calendar",
        year=int(year) if year else None,
        month=month_number,
        day=int(day) if day else None,
    )
    return found if _valid(found) else None


def _valid(found: Found) -> bool:
    if found.month is None or not 1 <= found.month <= 12:
        return False
    if found.day is None:
        return True
    # A year-less 29 February is valid: 2000 is a leap year.
    return 1 <= found.day <= monthrange(found.year or 2000, found.month)[1]


def parse_date(match: re.Match[str], words: TimeWords) -> Found | None:
    return _calendar(words, match.start(), match.end(), match["month"], match["day"], match["year"])


def parse_month_year(match: re.Match[str], words: TimeWords) -> Found | None:
    return _calendar(words, match.start(), match.end(), match["month"], None, match["year"])


def parse_numeric(match: re.Match[str], words: TimeWords) -> Found | None:
    """d/m/y or m/d/y: taken only when one reading is impossible (or both agree)."""
    first, second = int(match["a"]), int(match["b"])
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first or first == second:
        day, month = second, first
    else:
        return None
    return _calendar(words, match.start(), match.end(), str(month), str(day), match["year"])


def parse_weekday_date(match: re.Match[str], words: TimeWords) -> Found | None:
    """A weekday/date pair, "Sunday (Oct 13)": one expression; the weekday is checked later."""
    tag = next(t for t in PAIRED_TAGS.values() if match[f"month{t}"])
    found = _calendar(
        words,
        match.start(),
        match.end(),
        match[f"month{tag}"],
        match[f"day{tag}"],
        match[f"year{tag}"],
    )
    weekday = words.lookup("weekday", match["weekday"]).number
    return replace(found, weekday=weekday) if found else None


def parse_week_of(match: re.Match[str], words: TimeWords) -> Found | None:
    """ "the week of March 6": the week that day falls in."""
    found = _calendar(
        words, match.start(), match.end(), match["month_w"], match["day_w"], match["year_w"]
    )
    return replace(found, unit="week") if found else None


def parse_weekday(match: re.Match[str], words: TimeWords) -> Found | None:
    """A weekday: "last Sunday", "Sunday night"; "this Sunday" and a bare one go by tense."""
    start, end = _span(match, None, "part")
    if match["sequel"]:
        # "the previous Friday": the one before the day the text last named.
        direction = words.lookup("sequel", match["sequel"]).number or 0
    elif match["mod"]:
        direction = words.lookup("modifier", match["mod"]).number or 0
    elif not match["part"] and POSSESSIVE.match(match.string, end):
        direction = -1  # "Wednesday's ruling": news reports what a day brought, not will bring
    else:
        direction = 0
    return Found(
        start,
        end,
        "weekday",
        weekday=words.lookup("weekday", match["weekday"]).number,
        part=_part(match, words),
        direction=direction,
        explicit=match["sequel"] is not None or match["mod"] is not None,
        relative_to_text=match["sequel"] is not None,
    )


POSSESSIVE = re.compile(r"['’]s\b")


def _part(match: re.Match[str], words: TimeWords) -> str | None:
    return words.lookup("part_of_day", match["part"]).value if match["part"] else None


def parse_weekdays(match: re.Match[str], words: TimeWords) -> Found:
    """A weekday recurring each week: XXXX-WXX-5 ("Fridays"), -2TNI ("Tuesday nights")."""
    weekday = words.lookup("weekday", match["weekday"]).number
    plural = match["part"] or match["parts"] or match["next"]
    part = words.lookup("part_of_day", plural[:-1]).value if plural else None
    value = f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
    return Found(*_span(match), "set", value=value)


def parse_deictic(match: re.Match[str], words: TimeWords) -> Found:
    entry = words.lookup("deictic", match["deictic"])
    return Found(
        *_span(match, None, "part"),
        "deictic",
        amount=entry.number or 0,
        part=_part(match, words) or entry.value,
    )


def parse_mid_part(match: re.Match[str], words: TimeWords) -> Found:
    """ "mid-afternoon", "mid-morning yesterday": that part of the day (the anchor's)."""
    entry = words.lookup("deictic", match["deictic"]) if match["deictic"] else None
    amount = entry.number or 0 if entry else 0
    return Found(*_span(match), "deictic", amount=amount, part=_part(match, words))


def parse_unit_ref(match: re.Match[str], words: TimeWords) -> Found | None:
    if re.search(r"\b[Tt]he\s+$", _before(match)):
        return None  # "the last week" is a duration: see parse_stretch
    amount = words.lookup("modifier", match["mod"]).number or 0
    # "compared with $3 million last year" in a quarterly report: the same quarter, a year
    # before (resolved against the quarter the text reports on).
    compared = match["unit"] == "year" and (
        COMPARED.search(_before(match, 80)) is not None
        or (amount < 0 and YEARS_AMOUNT.match(match.string, match.end()) is not None)
    )
    return Found(
        match.start(),
        match.end(),
        "unit_ref",
        amount=amount,
        unit=match["unit"],
        relative_to_text=compared,
    )


COMPARED = re.compile(r"\bcompared\s+with\b[^.;:!?]*$")
# After "last year": its amount, "from last year's $1.55 billion": compared with the period.
YEARS_AMOUNT = re.compile(r"['’]s\s+(?:[$£€#]|C\$|US\$)?\d")


def _before(match: re.Match[str], width: int = 5) -> str:
    return match.string[max(0, match.start() - width) : match.start()]


def parse_sequel(match: re.Match[str], words: TimeWords) -> Found:
    """A sequel, "the following day": one unit after the previous date of the text."""
    return Found(
        match.start(),
        match.end(),
        "offset",
        amount=1,
        unit=words.lookup("unit", match["unit"]).key,
        direction=words.lookup("sequel", match["mod"]).number or 0,
        relative_to_text=True,
    )


def parse_stretch(match: re.Match[str], words: TimeWords) -> Found | None:
    """A stretch, "the past week", "the next three days", "last two years": a duration."""
    if match["halfof"]:
        return None  # "half an hour": see parse_amount
    stretch = words.lookup("stretch", match["mod"]) if match["mod"] else None
    vague = stretch is not None and stretch.value == "vague"
    if not match["the"] and not match["number"] and not vague:
        return None  # "last week" is a date: see parse_unit_ref
    if not match["mod"] and not (match["the"] and match["number"]):
        return None  # "the day", "nine months": no stretch (see parse_amount)
    amount = _amount(match["number"], words) if match["number"] else None
    if match["number"] and words.is_article(match["number"]):
        return None
    if match["mod"] and words.lookup("stretch", match["mod"]).number == 0 and not match["number"]:
        return None  # "the first day" is no duration; "the first nine months" is
    unit = words.lookup("unit", match["unit"])
    direction = (words.lookup("stretch", match["mod"]).number or 0) if match["mod"] else 0
    singular = not match["number"] and match["unit"] == unit.forms[0]
    if singular and direction < 0 and unit.key in PAST_UNIT_IS_DATE:
        # "the past year", "the last month": the one before the anchor's (TimeBank).
        return Found(match.start(), match.end(), "unit_ref", amount=-1, unit=unit.key)
    if amount is None and singular:
        amount = 1
    if vague and not match["number"]:
        # "in recent years", "recent weeks": a duration of unknown length (PXY, PXW).
        return None if singular else Found(*_span(match), "duration", value=_duration(unit, None))
    if amount is None and direction and not match["number"]:
        # "the next days": a stretch without an amount is a time before or after; with a
        # vague one ("the next few days") a duration of unknown length (PXD).
        key = "past" if direction < 0 else "future"
        value = next(e.value for e in words.of("reference") if e.key == key)
        return Found(match.start(), match.end(), "reference", value=value)
    return Found(match.start(), match.end(), "duration", value=_duration(unit, amount))


# Units whose "the past <unit>" is a date, the unit before the anchor's, not a duration.
PAST_UNIT_IS_DATE = frozenset({"month", "year"})


def _duration(unit: TimeWord, amount: int | None) -> str:
    template = unit.value or "P{n}D"
    scaled = None if amount is None else amount * (unit.number or 1)
    return template.replace("{n}", "X" if scaled is None else str(scaled))


def parse_plural(match: re.Match[str], words: TimeWords) -> Found | None:
    """ "for years", "within weeks", "over the years": a duration of unknown length (not
    "in the weeks before the vote": a time before an event)."""
    unit = words.lookup("unit", match["unit"])
    if match["unit"] == unit.forms[0]:
        return None  # "for the year" is read elsewhere; "for day" is no time
    return Found(match.start(), match.end(), "duration", value=_duration(unit, None))


# A whole number and a half of a unit: "5 1/2 hours" is PT5H30M.
HALF_UNITS = {
    "year": "P{n}Y6M",
    "day": "P{n}DT12H",
    "hour": "PT{n}H30M",
    "minute": "PT{n}M30S",
}


# Half of one unit: "half an hour", "half a day".
HALF_OF = {"year": "P6M", "day": "PT12H", "hour": "PT30M", "minute": "PT30S"}


def _amount(number: str, words: TimeWords) -> int | None:
    """The value of "48", "two", "twenty-five"; None for "several"; the whole of "2 1/2"."""
    number = number.removesuffix("1/2").strip()
    if re.fullmatch(DIGITS, number):
        value = float(number)
        return int(value) if value.is_integer() else None
    total = 0
    for part in number.split("-"):
        entry = words.lookup("number", part)
        if entry.number is None:
            return None
        total += entry.number
    return total


def parse_amount(match: re.Match[str], words: TimeWords) -> Found | None:
    unit = words.lookup("unit", match["unit"])
    if match["unit"][0].isupper():
        return None  # "60 Minutes": a title
    if match["halfof"]:
        # "half an hour": PT30M; no offset ("half an hour later" is left to the text).
        value = HALF_OF.get(unit.key)
        if value is None or match["relation"]:
            return None
        return Found(match.start(), match.end(), "duration", value=value)
    amount = _amount(match["number"], words)
    is_article = words.is_article(match["number"])
    approx = APPROXIMATE_BEFORE.search(match.string, max(0, match.start() - 20), match.start())
    start = approx.start() if approx else match.start()  # "almost two years ago"
    if not match["relation"]:
        if ONE_DAY.fullmatch(match[0]) and SOME_DAY_BEFORE.search(_before(match, 12)):
            # "Islam will one day be ...": some day, ahead or gone by as the tense says.
            return Found(match.start(), match.end(), "offset", unit="day")
        if is_article and not approx and not ARTICLE_DURATION_BEFORE.search(_before(match, 12)):
            return None  # "a day of mourning" is no duration worth a record; "for a day" is
        value = _duration(unit, amount)
        if match["half"] and amount is not None and unit.key in HALF_UNITS:
            value = HALF_UNITS[unit.key].format(n=amount)  # "2 1/2 years": P2Y6M
        return Found(start, match.end(), "duration", value=value)
    relation = words.lookup("relation", match["relation"])
    return Found(
        start,
        match.end(),
        "offset",
        amount=amount,
        unit=unit.key,
        direction=relation.number or 0,
        relative_to_text=relation.value == "text",
    )


# "one day" after a modal is an adverb, some day: "will one day be", "could one day win".
ONE_DAY = re.compile(r"[Oo]ne\s+day")
SOME_DAY_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|should|must)\s+$")


# After a month name alone, words that make it a name: "the March for Life"; a possessive
# of a month that is also a first name ("April's") or before a capital ("March's Women").
MONTH_AS_NAME = re.compile(r"\s+(?:of|for)\s+(?!(?:19|20)\d\d)")
POSSESSIVE_MONTH = re.compile(r"['’]s\s+[a-z]")


def parse_month(match: re.Match[str], words: TimeWords) -> Found | None:
    """ "in October", "last March", "late November", and a month name alone ("the March
    accession"), though "May" alone is the verb and "March for Life" a name."""
    month = words.lookup("month", match["month"])
    alone = not match["mod"] and not match["prep"]
    if alone and (month.key == "may" or MONTH_AS_NAME.match(match.string, match.end())):
        return None
    if (
        alone
        and match.string.startswith(("'", "’"), match.end())
        and (month.value == "name" or not POSSESSIVE_MONTH.match(match.string, match.end()))
    ):
        return None  # "April's mother"; "December's figures" is a month
    start = match.start("mod") if match["mod"] else match.start("month")
    prep = _normal(match["prep"], exact=False) if match["prep"] else None
    if prep in words.boundary_forms:
        start = match.start("prep")  # "late November": the whole month, as TimeBank spans it
    direction = words.lookup("modifier", match["mod"]).number if match["mod"] else None
    if prep == "since":
        direction = -1  # "since April": an April gone by, whatever the tense
    return Found(
        start,
        match.end(),
        "month",
        month=month.number,
        direction=direction or 0,
        explicit=match["mod"] is not None,
    )


def parse_year(match: re.Match[str], words: TimeWords) -> Found | None:
    if NOT_A_YEAR.match(match.string, match.end()) or COUNTED.search(_before(match, 12)):
        return None  # "2000 troops", "about 1990": numbers, not years
    return Found(*_span(match, "prefix"), "year", year=int(match["year"]))


# A four-digit number before these is a count; after these words, an amount.
NOT_A_YEAR = re.compile(
    r"\s+(?:people|persons|troops|soldiers|members|workers|employees|shares|men|women|"
    r"children|cars|units|jobs|tons|miles|feet|meters|metres|kilometers|dollars|acres|homes|"
    r"points|votes|to\s+\d)\b"
)
COUNTED = re.compile(r"\b(?:about|some|nearly|almost|than|least|No\.|number|Nos?\.)\s+$")


def parse_quarter(match: re.Match[str], words: TimeWords) -> Found | None:
    """ "the third quarter", "fiscal 1989's first half", "next year's first quarter", "the
    last half of 1989" (the last only of a year named: "the last quarter" is the one before)."""
    part = words.lookup("year_part", match["part"])
    ordinal = words.lookup("ordinal", match["ordinal"])
    if ordinal.key == "last" and not match["of"]:
        return None
    number = ordinal.number or 1
    year = match["year"] or match["of"]
    start, end = _span(match)
    if match["the"] and "-" in match.string[match.end("ordinal") : match.start("part")]:
        # "the third-quarter results": the article belongs to the noun, not the time.
        rest = match.string[match.end("the") : end]
        start = end - len(rest.lstrip())
    return Found(
        start,
        end,
        "quarter",
        year=int(year) if year else None,
        period=f"{part.value}{min(number, part.number or 4)}",
        years=_quarter_years(match, words),
        explicit=match["mod"] is not None,
    )


def _quarter_years(match: re.Match[str], words: TimeWords) -> int:
    """Years from the anchor's: "next year's first quarter" +1, "the year-ago quarter" -1."""
    if match["ago"]:
        return -1
    return words.lookup("modifier", match["mod"]).number or 0 if match["mod"] else 0


def parse_period(match: re.Match[str], words: TimeWords) -> Found | None:
    """ "the quarter", "the latest period", "the year-ago quarter", "the 1988 period", "last
    year's quarter"."""
    qualified = match["latest"] or match["earlier"] or match["year"] or match["current"]
    qualified = qualified or match["lastyear"]
    if match["part"] == "period" and not qualified:
        return None  # "the period" alone is no time
    current = match["current"] is not None or match["det"].lower() == "this"
    return Found(
        *_span(match),
        "quarter",
        year=int(match["year"]) if match["year"] else None,
        years=-1 if match["earlier"] or match["ago"] or match["lastyear"] else 0,
        explicit=current,
    )


def parse_year_ago(match: re.Match[str], words: TimeWords) -> Found:
    """ "year-earlier profit": the period the text is about, one year before."""
    return Found(*_span(match), "year_ago", years=-1)


def parse_earlier_stretch(match: re.Match[str], words: TimeWords) -> Found | None:
    """ "the year-earlier nine months": a stretch as long as the one it compares with."""
    amount = _amount(match["number"], words) if match["number"] else None
    if amount is None or match["halfof"] or words.is_article(match["number"]):
        return None
    unit = words.lookup("unit", match["unit"])
    the = THE_BEFORE.search(match.string, max(0, match.start() - 5), match.start())
    start = the.start() if the else match.start()
    return Found(start, match.end(), "duration", value=_duration(unit, amount))


THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def parse_season(match: re.Match[str], words: TimeWords) -> Found | None:
    """ "last summer", "the spring of 1998", "in the winter": a season of a year."""
    season = words.lookup("season", match["season"])
    # "the winter of nineteen ninety-four": a year in words.
    year = int(match["year"]) if match["year"] else None
    if year is None and (match["century"] or match["thousand"]):
        year = spelled_year(match, words)
    if not (match["mod"] or year or (match["prep"] and season.key != "fall")):
        return None  # "spring" and "the fall of the city" are no times
    start = match.start("mod") if match["mod"] else match.start("the" if match["the"] else "season")
    modifier = words.lookup("modifier", match["mod"]) if match["mod"] else None
    years = modifier.number or 0 if modifier else 0
    # "this past spring": the latest spring begun before the anchor (month: when it starts).
    latest = modifier is not None and modifier.value == "latest"
    return Found(
        start,
        match.end(),
        "season",
        year=year,
        month=season.number if latest else None,
        period=season.value,
        years=0 if latest else years,
        explicit=match["mod"] is not None,
    )


# Before "4 in the morning": words that make the number an hour.
HOUR_BEFORE = re.compile(
    r"\b(?:at|by|until|till|before|after|around|about|from|to|since)\s+$", re.I
)


def parse_clock(match: re.Match[str], words: TimeWords) -> Found | None:
    """A time of day, on the day named after it or else on the text's day."""
    if match["half"] and not HOUR_BEFORE.search(_before(match, 10)):
        return None  # "3 in the morning paper"; "at 4 in the morning" is a time
    if match["named"]:
        value = words.lookup("clock", match["named"]).value or "12:00"
    else:
        # "4 in the morning" is a.m., "8 in the evening" p.m.
        meridiem = words.lookup("meridiem", match["meridiem"]) if match["meridiem"] else None
        add = (meridiem.number or 0) if meridiem else (0 if match["morning"] else 12)
        hour = int(match["hour"]) % 12 + add
        value = f"{hour:02d}:{match['minute'] or '00'}"
    deictic = words.lookup("deictic", match["deictic"]) if match["deictic"] else None
    month = words.lookup("month", match["month"]).number if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and (day is None or not 1 <= day <= monthrange(2000, month)[1]):
        return None
    return Found(
        *_span(match),
        "clock",
        month=month,
        day=day,
        value=value,
        weekday=words.lookup("weekday", match["weekday"]).number if match["weekday"] else None,
        amount=deictic.number if deictic else None,
    )


def parse_decade(match: re.Match[str], words: TimeWords) -> Found:
    """ "the 1990s" (199), "the late 1970s" (197), "the '80s" (198); without the article,
    as TimeBank writes it, "early 1990s" is 199X."""
    if match["short"]:
        # "the '80s": this century's for the first two decades ("the '10s"), else the last.
        century = "20" if match["short"] < "20" else "19"
        return Found(*_span(match), "decade", value=century + match["short"][0])
    value = match["decade"][:3] + ("" if match["the"] else "X")
    return Found(match.start(), match.end(), "decade", value=value)


def parse_century(match: re.Match[str], words: TimeWords) -> Found:
    """ "the 20th century": the years 1900-1999, "19" (the 11th: "10")."""
    return Found(*_span(match), "decade", value=f"{int(match['century']) - 1:02d}")


def parse_day(match: re.Match[str], words: TimeWords) -> Found | None:
    day = int(match["day"])
    if not 1 <= day <= 31:
        return None
    return Found(match.start("span"), match.end("span"), "day", day=day)


def parse_second_day(match: re.Match[str], words: TimeWords) -> Found | None:
    """The second day of "April 24 and 25": a date of the month named before it."""
    before = words.month_day_before.search(match.string, max(0, match.start() - 20), match.start())
    if before is None:
        return None
    return _calendar(words, match.start("day"), match.end(), before["month"], match["day"], None)


def parse_every(match: re.Match[str], words: TimeWords) -> Found:
    step = 2 if match["other"] else 1
    if match["weekday"]:
        value = f"XXXX-WXX-{words.lookup('weekday', match['weekday']).number}"
    elif match["month"]:
        value = f"XXXX-{words.lookup('month', match['month']).number:02d}"  # "each July"
    elif match["part"]:
        value = f"XXXX-XX-XXT{_part(match, words)}"
    else:
        value = _duration(words.lookup("unit", match["unit"]), step)
    return Found(match.start(), match.end(), "set", value=value)


def parse_set(match: re.Match[str], words: TimeWords) -> Found:
    return Found(match.start(), match.end(), "set", value=words.lookup("set", match["set"]).value)


def parse_reference(match: re.Match[str], words: TimeWords) -> Found:
    entry = words.lookup("reference", match["ref"])
    return Found(match.start(), match.end(), "reference", value=entry.value)


def parse_month_of_year(match: re.Match[str], words: TimeWords) -> Found:
    """ "January this year", "July last year": a month of a year named from the anchor."""
    return Found(
        *_span(match),
        "month",
        month=words.lookup("month", match["month"]).number,
        explicit=True,
        years=words.lookup("modifier", match["mod"]).number or 0,
    )


def spelled_year(match: re.Match[str], words: TimeWords) -> int | None:
    """The year of a ``_spelled_year`` match: 1996 for "nineteen ninety-six"."""
    if match["thousand"]:
        return 2000 + (_amount(match["unit"], words) or 0 if match["unit"] else 0)
    rest = re.sub(r"^oh?[\s-]+", "", match["rest"])
    tail = _amount("-".join(rest.split()), words)
    century = words.lookup("century", match["century"]).number
    return None if tail is None or century is None else century * 100 + tail


def parse_spelled_year(match: re.Match[str], words: TimeWords) -> Found | None:
    if match["thousand"] and not match["the"]:
        return None  # "two thousand" alone is a number
    year = spelled_year(match, words)
    return Found(*_span(match), "year", year=year) if year else None


def parse_month_spelled(match: re.Match[str], words: TimeWords) -> Found | None:
    year = spelled_year(match, words)
    if year is None or match["thousand"]:
        return None
    return _calendar(words, match.start(), match.end(), match["month"], None, str(year))


def parse_holiday(match: re.Match[str], words: TimeWords) -> Found:
    """ "Thanksgiving Day", "last Christmas", "Easter week": a holiday, by tense like a
    weekday ("this Christmas" is the anchor's year's)."""
    direction = words.lookup("modifier", match["mod"]).number or 0 if match["mod"] else 0
    return Found(
        *_span(match),
        "holiday",
        value=words.lookup("holiday", match["holiday"]).value,
        unit="week" if match["week"] else None,
        direction=direction,
        explicit=match["mod"] is not None,
    )


# After "the year": the year is a stretch ending on a date, "the year ended March 31".
YEAR_ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|to)\b")


def parse_the_year(match: re.Match[str], words: TimeWords) -> Found:
    """ "the year", "the fiscal year", "the full year": the anchor's year; a duration when
    it ends on a date ("for the year ended Sept. 30": P1Y, as TimeBank writes it)."""
    if YEAR_ENDED.match(match.string, match.end()):
        return Found(*_span(match), "duration", value="P1Y")
    return Found(*_span(match), "unit_ref", amount=0, unit="year")


def parse_nearest(match: re.Match[str], words: TimeWords) -> Found:
    """ "the week", "over the weekend": the anchor's week; the weekend before it (after it,
    when the sentence looks ahead)."""
    return Found(*_span(match), "nearest", unit=match["unit"])


def parse_edge_of(match: re.Match[str], words: TimeWords) -> Found:
    """ "the end of 1990", "the beginning of October", "the end of the year": TimeBank gives
    the value of the whole year or month."""
    if match["year"]:
        return Found(*_span(match), "year", year=int(match["year"]))
    if match["unit"]:
        return Found(*_span(match), "unit_ref", amount=0, unit=match["unit"])
    if match["modunit"]:
        # "the end of this week", "the start of next month": that whole week or month.
        amount = words.lookup("modifier", match["mod"]).number or 0
        return Found(*_span(match), "unit_ref", amount=amount, unit=match["modunit"])
    month = words.lookup("month", match["month"]).number
    if match["of"]:
        return Found(*_span(match), "calendar", year=int(match["of"]), month=month)
    return Found(*_span(match), "month", month=month)


def parse_edge(match: re.Match[str], words: TimeWords) -> Found:
    """ "mid-November", "late-1996", "year-end": the month or year it is part of."""
    if match["end"]:
        return Found(*_span(match), "unit_ref", amount=0, unit="year")
    if match["year"]:
        return Found(*_span(match), "year", year=int(match["year"]))
    return Found(*_span(match), "month", month=words.lookup("month", match["month"]).number)


def parse_that_year(match: re.Match[str], words: TimeWords) -> Found:
    """ "that year", "later that month": the year (month) of the date the text named last."""
    return Found(*_span(match), "offset", amount=0, unit=match["unit"], relative_to_text=True)


PARSERS: dict[str, Parser] = {
    "weekday_date": parse_weekday_date,
    "week_of": parse_week_of,
    "mdy": parse_date,
    "dmy": parse_date,
    "iso": parse_date,
    "numeric": parse_numeric,
    "month_year": parse_month_year,
    "weekdays": parse_weekdays,
    "weekday": parse_weekday,
    "deictic": parse_deictic,
    "mid_part": parse_mid_part,
    "unit_ref": parse_unit_ref,
    "sequel": parse_sequel,
    "stretch": parse_stretch,
    "plural": parse_plural,
    "amount": parse_amount,
    "month": parse_month,
    "year": parse_year,
    "decade": parse_decade,
    "century": parse_century,
    "day": parse_day,
    "second_day": parse_second_day,
    "every": parse_every,
    "set": parse_set,
    "reference": parse_reference,
    "quarter": parse_quarter,
    "period": parse_period,
    "year_ago": parse_year_ago,
    "earlier_stretch": parse_earlier_stretch,
    "season": parse_season,
    "clock": parse_clock,
    "month_of_year": parse_month_of_year,
    "spelled_year": parse_spelled_year,
    "month_spelled": parse_month_spelled,
    "holiday": parse_holiday,
    "the_year": parse_the_year,
    "nearest": parse_nearest,
    "that_year": parse_that_year,
    "edge_of": parse_edge_of,
    "edge": parse_edge,
}


# --- the anchor: publication date, or a year inferred from weekday/date pairs ----------------


@dataclass(frozen=True)
class Anchor:
    day: date
    kind: Literal["publication", "inferred"]
    year_inference: YearInference | None = None


@dataclass(frozen=True)
class YearInference:
    """The year of an article without a date, and why."""

    year: int
    pairs: tuple[str, ...]
    alternatives: tuple[int, ...]
    latest_allowed: int

    def note(self) -> str:
        also = ", ".join(str(y) for y in self.alternatives[:ALTERNATIVES_SHOWN])
        also = f" (also {also})" if also else ""
        if len(self.pairs) == 1:
            claim = f"{self.pairs[0]} falls on a {self.pairs[0].split()[0]}"
        else:
            claim = f"{', '.join(self.pairs[:-1])} and {self.pairs[-1]} fall on those weekdays"
        return f"{claim} in {self.year}{also}; latest year not after {self.latest_allowed}"


def is_pair(found: Found) -> bool:
    """A weekday with a full month-day date: "Sunday (Oct 13)"."""
    return found.kind == "calendar" and found.weekday is not None and found.day is not None


def weekday_matches(found: Found, year: int) -> bool:
    month, day = found.month or 0, found.day or 0
    return (
        day <= monthrange(year, month)[1] and date(year, month, day).isoweekday() == found.weekday
    )


def candidate_years(found: Found, today: date, span: int) -> list[int]:
    """Years, latest first and not after ``today``, in which the pair's date is its weekday."""
    return [y for y in range(today.year, today.year - span - 1, -1) if weekday_matches(found, y)]


def infer_year(
    pairs: list[Found], words: TimeWords, today: date, span: int
) -> tuple[YearInference | None, list[Found]]:
    """The year most pairs agree on (all of them, normally), and the pairs that disagree.

    A year is only taken when more than half the pairs support it: two pairs that never
    agree say nothing about the year.
    """
    if not pairs:
        return None, []
    support: dict[int, list[Found]] = {}
    for pair in pairs:
        for year in candidate_years(pair, today, span):
            support.setdefault(year, []).append(pair)
    if not support:
        return None, list(pairs)
    year = max(support, key=lambda y: (len(support[y]), y))
    backing = support[year]
    if 2 * len(backing) <= len(pairs):
        return None, []
    alternatives = tuple(
        y for y in sorted(support, reverse=True) if y != year and len(support[y]) == len(backing)
    )
    inference = YearInference(
        year, tuple(_pair_text(p, words) for p in backing), alternatives, today.year
    )
    return inference, [p for p in pairs if p not in backing]


def _pair_text(found: Found, words: TimeWords) -> str:
    return (
        f"{words.name('weekday', found.weekday or 0)} {found.day} "
        f"{words.name('month', found.month or 0)}"
    )


# --- tense: does "on Sunday" mean the last Sunday or the next one? ---------------------------


@dataclass(frozen=True)
class Tense:
    future: re.Pattern[str]
    past: re.Pattern[str]

    def direction(self, sentence: str, offset: int) -> int:
        """+1 when the nearest tense word to ``offset`` is a future one; else -1 (news: past)."""
        return nearest_marker(self.markers(sentence), offset)

    def markers(self, sentence: str) -> list[tuple[int, int]]:
        """(offset, +1 future / -1 past) of the sentence's tense words."""
        lowered = sentence.lower()
        if len(lowered) != len(sentence):
            lowered = sentence  # a letter whose lower case is longer: keep the offsets
        spans = [m.span() for m in self.future.finditer(lowered)]
        # "had been due to expire Friday": a future seen from a past one is past by now.
        markers = [(start, -1 if _past_future(lowered, start) else 1) for start, _ in spans]
        markers += [(m.start(), -1) for m in self.past.finditer(lowered)]
        # "expected to", "is expected" are future words, though "expected" ends like a past.
        markers += [
            (m.start(), -1)
            for m in PAST_SUFFIX.finditer(sentence)
            if not any(start <= m.start() < end for start, end in spans)
        ]
        return markers


# Before a future word: it was the future of a past time ("had been scheduled to").
PLUPERFECT = re.compile(r"\bhad\s+(?:been\s+)?$")
# "until" in a sentence in the past perfect: "Until Thursday, they had not named him."
UNTIL_HAD = re.compile(r"(?:until|till)\b.*\bhad\s+(?:not\s+|never\s+)?[a-z]+(?:ed|en)\b")


def _past_future(lowered: str, start: int) -> bool:
    """Whether the future word at ``start`` looks ahead from a past time, so is past."""
    return PLUPERFECT.search(lowered, 0, start) is not None or (
        UNTIL_HAD.match(lowered, start) is not None
    )


def _distance(marker: int, offset: int) -> float:
    return offset - marker if marker <= offset else (marker - offset) * AFTER_WEIGHT


AFTER_WEIGHT = 2.0


def nearest_marker(markers: list[tuple[int, int]], offset: int, reach: int | None = None) -> int:
    """The direction of the tense word nearest ``offset``: -1 without one; with ``reach``,
    0 when none is that close."""
    if not markers:
        return -1 if reach is None else 0
    nearest = min(markers, key=lambda m: (_distance(m[0], offset), m[1]))
    if reach is not None and abs(nearest[0] - offset) > reach:
        return 0
    return nearest[1]


def tense(ctx: Context) -> Tense:
    def build() -> Tense:
        words = time_words(ctx)
        return Tense(_marker_regex(words, "future"), _marker_regex(words, "past"))

    return ctx.resource("time.tense", build)


def _marker_regex(words: TimeWords, kind: WordKind) -> re.Pattern[str]:
    """The kind's forms, lower-case, for a lower-cased sentence (faster than IGNORECASE)."""
    forms = sorted({f.lower() for e in words.of(kind) for f in e.forms}, key=len, reverse=True)
    parts = [r"\s+".join(map(re.escape, f.split())) for f in forms]
    words_first = "|".join(p for p, f in zip(parts, forms, strict=True) if f[:1].isalnum())
    others = "|".join(p for p, f in zip(parts, forms, strict=True) if not f[:1].isalnum())
    # A past form after "be" is a passive, no tense: "will be held on April 24".
    passive = PASSIVE if kind == "past" else ""
    return re.compile(
        f"{BOUNDARY}{passive}(?:{words_first}){END}" + (f"|(?:{others}){END}" if others else "")
    )


# --- resolving: each expression against the anchor -------------------------------------------


@dataclass(frozen=True)
class Resolution:
    type: TimeType
    value: str
    anchor: AnchorKind = "absolute"
    year_inferred: bool = False
    inference: str | None = None
    weekday_check: WeekdayCheck = "n/a"


@dataclass(frozen=True)
class Setting:
    """What every expression of one article is resolved with."""

    anchor: Anchor | None
    mismatched: frozenset[Found]
    direction: Directions


@dataclass(frozen=True)
class TextState:
    """What the text has said so far: its last day, the quarter it reports on (the first it
    names, "1989-Q3"), and the last date it named at any granularity."""

    day: date | None = None
    quarter: str | None = None
    # The text went on to a longer stretch than its quarter ("the first nine months"): what
    # "a year earlier" compares with is then a year, not the quarter.
    beyond_quarter: bool = False
    # The last date the text named, at any granularity ("1998-06"): "later that year".
    named: str | None = None

    def after(self, found: Found, value: str, current: str | None = None) -> TextState:
        # Only a quarter the text names itself, not "the year-ago quarter", is "the quarter";
        # the first one named is the one the text reports on ("a fourth-quarter charge"
        # later in a third-quarter report is a forecast), until the text names a later one
        # already ended before the ``current`` quarter: the report of another company.
        names = found.kind == "quarter" and found.years == 0 and found.year is None
        named = value if names and QUARTER_VALUE.match(value) else None
        quarter = self.quarter or named
        if named and self.quarter and current and self.quarter < named < current:
            quarter = named
        beyond = self.beyond_quarter
        if names:
            beyond = False
        elif found.kind == "duration" and LONGER_THAN_QUARTER.fullmatch(value):
            beyond = True
        named_date = value if NAMED_DATE.match(value) else self.named
        return TextState(day_of(value) or self.day, quarter, beyond, named_date)

    @property
    def compared_quarter(self) -> str | None:
        """The quarter "a year earlier" is compared with, if the text is still on it."""
        return None if self.beyond_quarter else self.quarter


NAMED_DATE = re.compile(r"\d{4}(?:-\d\d)?(?:-\d\d)?$")
# Durations longer than a quarter and within a year: "the first nine months", "six months".
LONGER_THAN_QUARTER = re.compile(r"P(?:[4-9]|1[0-2])M")


def resolve(found: Found, setting: Setting, state: TextState) -> Resolution:
    """The TIMEX type and value of one expression, given what the text said before it."""
    if found.kind in ("quarter", "year_ago", "season", "clock"):
        return resolve_period(found, setting, state)
    if found.kind == "unit_ref" and found.relative_to_text and state.compared_quarter:
        return Resolution("DATE", shift_quarter(state.compared_quarter, found.amount or 0), "text")
    if (
        found.kind == "offset"
        and found.unit == "year"
        and found.direction <= 0
        and state.compared_quarter
    ):
        # "a year earlier" after "the third quarter": the same quarter, a year before ("the
        # next year" is a year).
        return Resolution("DATE", shift_quarter(state.compared_quarter, found_years(found)), "text")
    previous = state.day
    if (
        found.kind == "offset"
        and found.relative_to_text
        and found.amount == 0
        and found.unit in ("year", "month")
        and state.named
    ):
        # "that year", "later that month": of the date the text named last.
        width = 4 if found.unit == "year" else 7
        if len(state.named) >= width:
            return Resolution("DATE", state.named[:width], "text")
    if found.kind in ("set", "duration", "reference"):
        kinds: dict[str, TimeType] = {"set": "SET", "duration": "DURATION", "reference": "DATE"}
        return Resolution(kinds[found.kind], found.value or "")
    if found.kind == "year":
        return Resolution("DATE", str(found.year))
    if found.kind == "decade":
        return Resolution("DATE", found.value or "")
    if found.kind == "calendar":
        return resolve_calendar(found, setting)
    if found.kind == "weekday" and found.relative_to_text:
        base = previous or (setting.anchor.day if setting.anchor else None)
        if base is None:
            return resolve_relative(found, setting)
        time_type: TimeType = "TIME" if found.part else "DATE"
        suffix = f"T{found.part}" if found.part else ""
        day = weekday_near(base, found.weekday or 1, found, found.direction)
        return Resolution(
            time_type, day.isoformat() + suffix, "text" if previous else _anchor_kind(setting)
        )
    if found.kind == "day" or (found.kind == "offset" and found.relative_to_text):
        return resolve_from_text(found, setting, previous)
    return resolve_relative(found, setting)


def resolve_calendar(found: Found, setting: Setting) -> Resolution:
    resolution = resolve_date(found, setting)
    day = day_of(resolution.value)
    if found.unit == "week" and day is not None:
        year, week, _ = day.isocalendar()
        return replace(resolution, value=f"{year:04d}-W{week:02d}")
    return resolution


def resolve_date(found: Found, setting: Setting) -> Resolution:
    month, day = found.month or 0, found.day
    if found.year is not None:
        return Resolution("DATE", _iso(found.year, month, day), weekday_check=_check(found))
    anchor = setting.anchor
    if anchor is None:
        return Resolution("DATE", _iso(None, month, day), anchor="none")
    if anchor.kind == "publication":
        tense_near = setting.direction.near(found, TENSE_REACH)
        year = closest_year(month, day or 1, anchor.day, tense_near, setting.direction(found))
        checked = replace(found, year=year)
        return Resolution(
            "DATE", _iso(year, month, day), "publication", weekday_check=_check(checked)
        )
    inference = anchor.year_inference
    year = inference.year if inference else anchor.day.year
    check: WeekdayCheck = "n/a"
    if found.weekday is not None:
        check = "mismatch" if found in setting.mismatched else _check(replace(found, year=year))
    note = inference.note() if inference else None
    if note and not is_pair(found):
        note = f"year of the article, inferred: {note}"
    return Resolution("DATE", _iso(year, month, day), "inferred", True, note, check)


def _check(found: Found) -> WeekdayCheck:
    if found.weekday is None or found.year is None or found.day is None:
        return "n/a"
    return "ok" if weekday_matches(found, found.year) else "mismatch"


def _iso(year: int | None, month: int, day: int | None) -> str:
    text = f"{year:04d}" if year is not None else "XXXX"
    text += f"-{month:02d}"
    return text + (f"-{day:02d}" if day is not None else "")


# A month-day this many days or more on the other side of the anchor than the tense looks
# is read in the year the tense points to: "the Oct. 23 slaying" in May is last October's.
TENSE_WINS_DAYS = 60
# ... when a tense word stands this close to it (characters): "was last seen Nov. 3".
TENSE_REACH = 40


def closest_year(month: int, day: int, anchor: date, direction: int = 0, sentence: int = 0) -> int:
    """The year around ``anchor`` that puts month-day nearest to it ("Dec 30" in January);
    a date far on the other side of what the tense says moves a year ("was seen Nov. 3").
    Without a tense word near it, a date about half a year away, as near on either side,
    goes the way its ``sentence`` looks (news: back): "the high set on Aug. 6" in February."""

    def offset(year: int) -> int:
        last = monthrange(year, month)[1]
        return (date(year, month, min(day, last)) - anchor).days

    year = min((anchor.year - 1, anchor.year, anchor.year + 1), key=lambda y: (abs(offset(y)), y))
    if direction < 0 and offset(year) >= TENSE_WINS_DAYS:
        return year - 1
    if direction > 0 and offset(year) <= -TENSE_WINS_DAYS:
        return year + 1
    if direction == 0 and abs(offset(year)) >= HALF_YEAR_DAYS:
        if sentence < 0 and offset(year) > 0:
            return year - 1
        if sentence > 0 and offset(year) < 0:
            return year + 1
    return year


# A month-day this many days or more from the anchor is about as near on the other side.
HALF_YEAR_DAYS = 150


def resolve_from_text(found: Found, setting: Setting, previous: date | None) -> Resolution:
    """Counted from the text's last date: "two days later", "the following day", "the 13th"."""
    base = previous or (setting.anchor.day if setting.anchor else None)
    if base is None:
        return Resolution(
            "DATE", "XXXX-XX-XX" if found.day is None else f"XXXX-XX-{found.day:02d}", anchor="none"
        )
    kind: AnchorKind = "text" if previous else _anchor_kind(setting)
    if found.kind == "day":
        return Resolution("DATE", _iso(base.year, base.month, found.day), kind)
    return Resolution("DATE", shifted(base, found), kind)


def _anchor_kind(setting: Setting) -> AnchorKind:
    return setting.anchor.kind if setting.anchor else "none"


def resolve_relative(found: Found, setting: Setting) -> Resolution:
    """Weekdays, "yesterday", "last week", "three days ago", "in October": from the anchor."""
    time_type: TimeType = "TIME" if found.part else "DATE"
    suffix = f"T{found.part}" if found.part else ""
    anchor = setting.anchor
    if found.kind == "offset" and found.amount is None:
        # "several years ago", "a few weeks from now": a time before or after, no more.
        ahead = (found.direction or setting.direction(found)) > 0
        return Resolution("DATE", "FUTURE_REF" if ahead else "PAST_REF")
    if anchor is None:
        return Resolution(time_type, unresolved(found) + suffix, anchor="none")
    if (
        found.kind == "month"
        and not found.explicit
        and setting.direction.before(found, TENSE_REACH) < 0
    ):
        # "brought in a new chief in January" in October: a past tense close by wins over
        # the coming January (MONTHS_AHEAD).
        found = replace(found, direction=-1)
    value = relative_value(found, anchor.day, setting.direction(found))
    note = None
    if anchor.kind == "inferred":
        note = f"relative to the inferred document date {anchor.day.isoformat()}"
    return Resolution(time_type, value + suffix, anchor.kind, inference=note)


def unresolved(found: Found) -> str:
    """The TIMEX value with X digits where the anchor would have said."""
    if found.kind == "weekday":
        return f"XXXX-WXX-{found.weekday}"
    if found.kind == "month":
        return _iso(None, found.month or 0, None)
    if found.kind == "holiday":
        rule = HOLIDAY_RULE.fullmatch(found.value or "")
        fixed = rule is not None and rule["month"] and not rule["shift"]
        return f"XXXX-{rule['month']}-{rule['day']}" if rule and fixed else "XXXX-XX-XX"
    return UNRESOLVED_UNITS.get(found.unit or "", "XXXX-XX-XX")


UNRESOLVED_UNITS = {
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
}


def relative_value(found: Found, anchor: date, direction: int) -> str:
    if found.kind == "weekday":
        return weekday_near(anchor, found.weekday or 1, found, direction).isoformat()
    if found.kind == "deictic":
        return (anchor + timedelta(days=found.amount or 0)).isoformat()
    if found.kind == "month":
        return month_near(anchor, found.month or 1, found, direction)
    if found.kind == "unit_ref":
        return calendar_unit(anchor, found.unit or "year", found.amount or 0)
    if found.kind == "nearest":
        return nearest_unit(anchor, found.unit or "week", direction)
    if found.kind == "holiday":
        return holiday_value(found, anchor, direction)
    return shifted(anchor, found)


def nearest_unit(anchor: date, unit: str, direction: int) -> str:
    """ "the week": the anchor's; "the weekend": the one before it, or after it ahead."""
    if unit == "week":
        return calendar_unit(anchor, "week", 0)
    saturday = 6
    if direction < 0:
        day = anchor - timedelta(days=(anchor.isoweekday() - saturday) % 7)
    else:
        day = anchor + timedelta(days=(saturday - anchor.isoweekday()) % 7)
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}-WE"


HOLIDAY_RULE = re.compile(
    r"(?:(?P<easter>easter)|(?P<month>\d\d)-(?P<day>\d\d)|(?P<nth_month>\d\d)/(?P<nth>-?\d)"
    r"/(?P<weekday>[1-7]))(?P<shift>[+-]\d+)?"
)


def holiday_date(rule: str, year: int) -> date:
    """The day a holiday rule of ``time_words.yaml`` gives in ``year``."""
    match = HOLIDAY_RULE.fullmatch(rule)
    if match is None:
        raise ValueError(f"holiday rule {rule!r}")
    if match["easter"]:
        day = easter(year)
    elif match["month"]:
        day = date(year, int(match["month"]), int(match["day"]))
    else:
        day = nth_weekday(year, int(match["nth_month"]), int(match["nth"]), int(match["weekday"]))
    return day + timedelta(days=int(match["shift"] or 0))


def nth_weekday(year: int, month: int, nth: int, weekday: int) -> date:
    """The ``nth`` ISO ``weekday`` of the month (-1: the last one)."""
    if nth < 0:
        last = date(year, month, monthrange(year, month)[1])
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_value(found: Found, anchor: date, direction: int) -> str:
    """The holiday nearest the anchor the way the sentence looks: before it (on it) in the
    past tense, after it ahead; "last"/"next" never on the anchor; "this" in its year."""
    rule = found.value or "01-01"
    days = [holiday_date(rule, year) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if found.unit == "week":
        # "Easter week": the holiday's week, counted from its Monday.
        days = [d - timedelta(days=d.isoweekday() - 1) for d in days]
    if found.explicit and found.direction == 0:
        day = days[1]
    elif (found.direction if found.explicit else direction) < 0:
        day = max(d for d in days if d < anchor or (d == anchor and not found.explicit))
    else:
        day = min(d for d in days if d > anchor or (d == anchor and not found.explicit))
    if found.unit == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


def weekday_near(anchor: date, weekday: int, found: Found, direction: int) -> date:
    """The weekday before the anchor (or on it), or after it when the sentence looks ahead.

    "last Sunday" and "next Sunday" never mean the anchor's own day.
    """
    step = found.direction if found.direction else direction
    if step < 0:
        back = (anchor.isoweekday() - weekday) % 7
        return anchor - timedelta(days=back or (7 if found.explicit and found.direction else 0))
    ahead = (weekday - anchor.isoweekday()) % 7
    return anchor + timedelta(days=ahead or (7 if found.explicit and found.direction else 0))


# A bare month this few months after the anchor's is the coming one (TimeBank's reading).
MONTHS_AHEAD = 4


def month_near(anchor: date, month: int, found: Found, direction: int) -> str:
    if found.explicit and found.direction == 0:
        return f"{anchor.year + found.years:04d}-{month:02d}"  # "this October", "May last year"
    step = found.direction if found.explicit or found.direction < 0 else direction
    if (
        not found.explicit
        and found.direction >= 0
        and 0 < (month - anchor.month) % 12 <= MONTHS_AHEAD
    ):
        step = 1  # "in January" from November: the coming one, whatever the tense
    year = anchor.year
    if step < 0 and (month > anchor.month or (found.explicit and month == anchor.month)):
        year -= 1
    if step > 0 and (month < anchor.month or (found.explicit and month == anchor.month)):
        year += 1
    return f"{year:04d}-{month:02d}"


def calendar_unit(anchor: date, unit: str, offset: int) -> str:
    """A week, month or year: "last week" -> 2024-W40, "this month" -> 2024-10."""
    if unit in ("week", "weekend"):
        year, week, _ = (anchor + timedelta(weeks=offset)).isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        year, month = _add_months(anchor.year, anchor.month, offset)
        return f"{year:04d}-{month:02d}"
    if unit == "quarter":
        year, month = _add_months(anchor.year, anchor.month, 3 * offset)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "decade":
        return f"{anchor.year // 10 + offset:03d}"
    return f"{anchor.year + offset:04d}"


def _add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def shifted(base: date, found: Found) -> str:
    """``base`` moved by the offset, at the unit's granularity: "two weeks ago" is a week."""
    amount = (found.amount or 0) * (found.direction or -1)
    unit = found.unit or "day"
    if unit in ("day", "hour", "minute", "second"):
        days = amount if unit == "day" else 0
        return (base + timedelta(days=days)).isoformat()
    if unit in ("week", "weekend", "month", "year"):
        return calendar_unit(base, unit, amount)
    years = amount * (10 if unit == "decade" else 100)
    return str(base.year + years)[: 3 if unit == "decade" else 2]


# --- periods: quarters, seasons, times of day -------------------------------------------------


def resolve_period(found: Found, setting: Setting, state: TextState) -> Resolution:
    anchor = setting.anchor
    kind: AnchorKind = anchor.kind if anchor else "none"
    if found.kind == "clock":
        return resolve_clock(found, setting, state)
    if found.kind == "year_ago":
        if state.compared_quarter:
            return Resolution("DATE", shift_quarter(state.compared_quarter, found.years), "text")
        base = state.day or (anchor.day if anchor else None)
        return Resolution("DATE", f"{base.year - 1:04d}" if base else "XXXX", kind)
    if found.kind == "season":
        year = found.year or (anchor.day.year + found.years if anchor else None)
        if year is not None and anchor is not None and found.month is not None:
            year -= found.month > anchor.day.month  # "this past winter" in March: last year's
        return Resolution("DATE", f"{_year_text(year)}-{found.period}", kind)
    return Resolution("DATE", quarter_value(found, setting, state), kind)


def _year_text(year: int | None) -> str:
    return f"{year:04d}" if year is not None else "XXXX"


def quarter_value(found: Found, setting: Setting, state: TextState) -> str:
    """ "the third quarter" in the anchor's year (the year before, when it looks back past
    the anchor); "the quarter" is the one the text named last, else the last one ended."""
    anchor = setting.anchor
    if found.period is not None:
        year = found.year
        if year is None and anchor is not None:
            year = anchor.day.year + found.years
            ahead = found.period[0] == "Q" and int(found.period[1]) > _quarter(anchor.day)
            if ahead and not found.explicit and setting.direction(found) < 0:
                year -= 1
        return f"{_year_text(year)}-{found.period}"
    if found.explicit and anchor is not None:
        return f"{anchor.day.year:04d}-Q{_quarter(anchor.day)}"
    named = state.quarter
    if named is None and anchor is not None:
        year, month = _add_months(anchor.day.year, anchor.day.month, -3)
        named = f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if named is None:
        return "XXXX-QX"
    if found.year is not None:
        # "the 1988 period" after "the first nine months" is that year's.
        return f"{found.year:04d}" if state.beyond_quarter else f"{found.year:04d}-Q{named[-1]}"
    return shift_quarter(named, found.years)


def _quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift_quarter(value: str, years: int) -> str:
    match = QUARTER_VALUE.match(value)
    if match is None:
        return value
    return f"{int(match[1]) + years:04d}-Q{match[2]}"


def found_years(found: Found) -> int:
    return (found.amount or 1) * (found.direction or -1)


def resolve_clock(found: Found, setting: Setting, state: TextState) -> Resolution:
    """ "9 a.m. Tuesday" on that Tuesday; "10:35 a.m." on the text's day, else the anchor's."""
    anchor = setting.anchor
    day: date | None = None
    kind: AnchorKind = anchor.kind if anchor else "none"
    if anchor is not None and found.month is not None and found.day is not None:
        # "5 p.m. EST, Nov. 6": that day, in the year around the anchor.
        year = closest_year(found.month, found.day, anchor.day)
        day = date(year, found.month, min(found.day, monthrange(year, found.month)[1]))
    elif anchor is not None and found.weekday is not None:
        day = weekday_near(anchor.day, found.weekday, found, setting.direction(found))
    elif anchor is not None and found.amount is not None:
        day = anchor.day + timedelta(days=found.amount)
    elif state.day is not None:
        day, kind = state.day, "text"
    elif anchor is not None:
        day = anchor.day
    text = day.isoformat() if day else "XXXX-XX-XX"
    return Resolution("TIME", f"{text}T{found.value}", kind)


# --- the stage --------------------------------------------------------------------------------

DAY_VALUE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def extract_times(article: Article, ctx: Context) -> Article:
    words = time_words(ctx)
    found = find_times(article.text, time_patterns(ctx), words)
    direction = Directions(article, tense(ctx))
    anchor, mismatched = article_anchor(article, ctx, found, words, direction)
    setting = Setting(anchor, frozenset(mismatched), direction)
    article.times = time_records(article.text, found, setting)
    _set_document_date(article, ctx, anchor)
    return article


class Directions:
    """The tense at an expression, from its sentence's tense words (read once a sentence):
    -1 looking back (the default of news), +1 ahead. ``near`` only trusts a tense word
    within ``reach`` characters, and says 0 without one."""

    def __init__(self, article: Article, rules: Tense) -> None:
        self.article = article
        self.rules = rules
        self.starts = [s.start for s in article.sentences]
        self.markers: dict[int, list[tuple[int, int]]] = {}

    def _markers(self, found: Found) -> tuple[list[tuple[int, int]], int]:
        index = bisect_right(self.starts, found.start) - 1
        sentence = self.article.sentences[index] if index >= 0 else None
        if sentence is None or found.start >= sentence.end:
            start = max(0, found.start - SENTENCE_REACH)
            text = self.article.text[start : found.end + SENTENCE_REACH]
            return self.rules.markers(text), found.start - start
        if index not in self.markers:
            self.markers[index] = self.rules.markers(sentence.text)
        return self.markers[index], found.start - sentence.start

    def __call__(self, found: Found) -> int:
        markers, offset = self._markers(found)
        return nearest_marker(markers, offset)

    def near(self, found: Found, reach: int) -> int:
        markers, offset = self._markers(found)
        return nearest_marker(markers, offset, reach)

    def before(self, found: Found, reach: int) -> int:
        """The direction of the nearest tense word before the expression within ``reach``
        characters, else of the nearest after it ("In January, the company named"); 0
        without one."""
        markers, offset = self._markers(found)
        earlier = [m for m in markers if m[0] <= offset]
        return nearest_marker(earlier or markers, offset, reach)


# Text read around an expression outside every sentence, for its tense words.
SENTENCE_REACH = 200


def publication(article: Article, ctx: Context) -> date | None:
    return ctx.options.published or article.meta.published


def article_anchor(
    article: Article,
    ctx: Context,
    found: list[Found],
    words: TimeWords,
    direction: Directions,
) -> tuple[Anchor | None, list[Found]]:
    """The publication date, else the latest date of a year inferred from weekday/date pairs."""
    published = publication(article, ctx)
    if published is not None:
        return Anchor(published, "publication"), []
    pairs = [f for f in found if is_pair(f) and f.year is None]
    inference, mismatched = infer_year(
        pairs, words, ctx.options.today, ctx.options.year_search_span
    )
    if inference is None:
        return None, mismatched
    reported = [
        date(inference.year, f.month or 1, f.day or 1)
        for f in found
        if f.kind == "calendar"
        and f.year is None
        and f.day is not None
        and f not in mismatched
        and direction(f) < 0
    ]
    backing = [date(inference.year, f.month or 1, f.day or 1) for f in pairs if f not in mismatched]
    # The article cannot be older than what it reports (in the past tense).
    return Anchor(max(reported or backing), "inferred", inference), mismatched


def time_records(text: str, found: list[Found], setting: Setting) -> list[TimeExpression]:
    records: list[TimeExpression] = []
    state = TextState()
    anchor = setting.anchor.day if setting.anchor else None
    current = f"{anchor.year:04d}-Q{_quarter(anchor)}" if anchor else None
    for index, each in enumerate(found, 1):
        resolution = resolve(each, setting, state)
        if each.days:
            resolution = replace(resolution, value=shift_days(resolution.value, each.days))
        records.append(
            TimeExpression(
                start=each.start,
                end=each.end,
                text=text[each.start : each.end],
                id=f"t{index}",
                type=resolution.type,
                value=resolution.value,
                anchor=resolution.anchor,
                year_inferred=resolution.year_inferred,
                inference=resolution.inference,
                weekday_check=resolution.weekday_check,
            )
        )
        state = state.after(each, resolution.value, current)
    return records


def shift_days(value: str, days: int) -> str:
    """A TIMEX value naming a day, ``days`` later; any other value as it is."""
    day = day_of(value)
    if day is None:
        return value
    return (day + timedelta(days=days)).isoformat() + value[10:]


def day_of(value: str) -> date | None:
    """The day of a TIMEX value that names one ("2024-10-13", "2024-10-13TNI")."""
    match = DAY_VALUE.match(value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _set_document_date(article: Article, ctx: Context, anchor: Anchor | None) -> None:
    if anchor is None:
        article.document_date, article.document_date_source = None, "none"
        return
    article.document_date = anchor.day.isoformat()
    if anchor.kind == "inferred":
        article.document_date_source = "inferred"
    elif ctx.options.published is not None:
        article.document_date_source = "given"
    elif article.meta.published_source != "none":
        article.document_date_source = article.meta.published_source
    else:
        article.document_date_source = "metadata"


STAGE = Stage(
    name="time",
    version=VERSION,
    requires=("text", "sections", "doc", "sentences"),
    assigns=("times", "document_date"),
    run=extract_times,
    description="time expressions with TIMEX3 values; publication date given or inferred",
)
