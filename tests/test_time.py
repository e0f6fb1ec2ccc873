"""The time stage: expressions, TIMEX values, the publication date given or inferred."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from conftest import TODAY
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Article, TimeExpression, span_errors
from sitrep.stages.time import STAGE, TimeWord, candidate_years, closest_year, time_words

STAGES = ("clean", "language", "time")
PUBLISHED = date(2024, 10, 14)  # a Monday


@cache
def pipeline(published: date | None) -> Pipeline:
    # Built once per publication date: the language backend is slow to build.
    return Pipeline(Options(stages=STAGES, today=TODAY, published=published))


def run(text: str, published: date | None = None) -> Article:
    article = pipeline(published)(Article(text=text))
    assert span_errors(article) == []
    return article


def only(article: Article, text: str) -> TimeExpression:
    found = [t for t in article.times if t.text == text]
    assert len(found) == 1, [t.text for t in article.times]
    return found[0]


def texts(article: Article) -> list[str]:
    return [t.text for t in article.times]


def test_stage_declares_what_it_needs_and_adds() -> None:
    assert STAGE.name == "time"
    assert STAGE.requires == ("text", "sections", "doc", "sentences")
    assert STAGE.assigns == ("times", "document_date")


def test_word_lists_load_with_their_schema() -> None:
    from sitrep.registry import Context

    words = time_words(Context(Options()))
    assert all(isinstance(w, TimeWord) for w in words.entries)
    assert words.lookup("month", "Oct.").number == 10
    assert words.lookup("weekday", "Sunday").number == 7


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        (
            "The envoy arrived on October 13, 2024, officials said.",
            "October 13, 2024",
            "2024-10-13",
        ),
        ("The envoy arrived on 13 October 2024, officials said.", "13 October 2024", "2024-10-13"),
        ("The report is dated 2024-10-13 in the archive.", "2024-10-13", "2024-10-13"),
        ("The report is dated 13/10/2024 in the archive.", "13/10/2024", "2024-10-13"),
        ("The report is dated 10/13/2024 in the archive.", "10/13/2024", "2024-10-13"),
        ("The council met in March 2021 to vote.", "March 2021", "2021-03"),
        ("The pact was signed in 2023 after long talks.", "2023", "2023"),
        ("The rivalry goes back to the 1990s at least.", "the 1990s", "199"),
        ("Prices rose in the early 1980s and early 1990s.", "early 1990s", "199X"),
    ],
)
def test_absolute_dates(sentence: str, expression: str, value: str) -> None:
    found = only(run(sentence), expression)
    assert (found.type, found.value, found.anchor) == ("DATE", value, "absolute")


def test_ambiguous_numeric_date_is_not_taken() -> None:
    assert texts(run("The report is dated 10/11/2024 in the archive.")) == []


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The envoy arrived on Oct 13 with aides.", "Oct 13", "2024-10-13"),
        ("The envoy arrived on Oct. 13th with aides.", "Oct. 13th", "2024-10-13"),
        ("The envoy arrived on October 13 with aides.", "October 13", "2024-10-13"),
        ("The envoy arrived on 13 October with aides.", "13 October", "2024-10-13"),
        ("The envoy arrived on the 13th of October.", "13th of October", "2024-10-13"),
        ("The envoy arrived on Dec 30 with aides.", "Dec 30", "2023-12-30"),
    ],
)
def test_dates_without_a_year_take_the_publication_year(
    sentence: str, expression: str, value: str
) -> None:
    found = only(
        run(sentence, PUBLISHED if "Dec" not in sentence else date(2024, 1, 3)), expression
    )
    assert (found.value, found.anchor, found.year_inferred) == (value, "publication", False)


def test_dates_without_a_year_or_anchor_keep_x_digits() -> None:
    article = run("The envoy arrived on Oct 13 with aides.")
    found = only(article, "Oct 13")
    assert (found.value, found.anchor) == ("XXXX-10-13", "none")
    assert (article.document_date, article.document_date_source) == (None, "none")


@pytest.mark.parametrize(
    ("sentence", "expression", "type_", "value"),
    [
        ("The envoy left yesterday for the capital.", "yesterday", "DATE", "2024-10-13"),
        ("The envoy will speak today in the capital.", "today", "DATE", "2024-10-14"),
        ("The envoy will leave tomorrow for the capital.", "tomorrow", "DATE", "2024-10-15"),
        ("The council votes tonight on the plan.", "tonight", "TIME", "2024-10-14TNI"),
        ("The council met last week on the plan.", "last week", "DATE", "2024-W41"),
        ("The council meets this week on the plan.", "this week", "DATE", "2024-W42"),
        ("The council met last month on the plan.", "last month", "DATE", "2024-09"),
        ("The council met earlier this month.", "earlier this month", "DATE", "2024-10"),
        ("The council has met twice this year.", "this year", "DATE", "2024"),
        ("The council met last year on the plan.", "last year", "DATE", "2023"),
        ("The council met three days ago on the plan.", "three days ago", "DATE", "2024-10-11"),
        ("The council met a week ago on the plan.", "a week ago", "DATE", "2024-W41"),
        ("The council met in October on the plan.", "October", "DATE", "2024-10"),
        ("The council met in May on the plan.", "May", "DATE", "2024-05"),
        ("The council met on Sunday night.", "Sunday night", "TIME", "2024-10-13TNI"),
    ],
)
def test_relative_expressions_anchor_on_publication(
    sentence: str, expression: str, type_: str, value: str
) -> None:
    found = only(run(sentence, PUBLISHED), expression)
    assert (found.type, found.value, found.anchor) == (type_, value, "publication")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The minister met the envoy on Thursday.", "2024-10-10"),  # past: the last one
        ("The minister said on Thursday that talks failed.", "2024-10-10"),
        ("The minister will meet the envoy on Thursday.", "2024-10-17"),  # future: the next
        ("The minister meets the envoy next Thursday.", "2024-10-17"),
        ("The minister met the envoy last Monday.", "2024-10-07"),  # never the anchor's day
        ("The minister met the envoy on Monday.", "2024-10-14"),  # the anchor's own day
    ],
)
def test_bare_weekdays_follow_the_tense(sentence: str, value: str) -> None:
    article = run(sentence, PUBLISHED)
    assert [t.value for t in article.times] == [value]


def test_relative_to_the_text_counts_from_the_previous_date() -> None:
    article = run("The envoy arrived on Oct 10. Two days later, talks began.", PUBLISHED)
    later = only(article, "Two days later")
    assert (later.value, later.anchor) == ("2024-10-12", "text")


@pytest.mark.parametrize(
    ("sentence", "expression", "type_", "value"),
    [
        ("The truce has held for two years now.", "two years", "DURATION", "P2Y"),
        ("The siege lasted three days in all.", "three days", "DURATION", "P3D"),
        ("The envoys were given 48 hours to reply.", "48 hours", "DURATION", "PT48H"),
        ("Fighting grew over the past three weeks.", "the past three weeks", "DURATION", "P3W"),
        ("In his nightly address, the leader spoke.", "nightly", "SET", "P1D"),
        ("The monitors report daily to the council.", "daily", "SET", "P1D"),
        ("The monitors report every week to the council.", "every week", "SET", "P1W"),
        ("Prices have risen recently in the region.", "recently", "DATE", "PAST_REF"),
        ("The region is currently calm, monitors say.", "currently", "DATE", "PRESENT_REF"),
    ],
)
def test_durations_sets_and_references(
    sentence: str, expression: str, type_: str, value: str
) -> None:
    found = only(run(sentence), expression)
    assert (found.type, found.value) == (type_, value)


@pytest.mark.parametrize(
    "sentence",
    [
        "We see that the pressure is growing, the envoy said.",
        "Theresa May met the envoy at the summit.",
        "Thousands march through the capital in protest.",
        "The Sunday Times published the letter first.",
        "The host of Saturday Night Live joked about the summit.",
        "Talks may resume if both sides agree.",
        "The two-year-old boy was rescued from the rubble.",
        "The office is on the 12th floor of the tower.",
    ],
)
def test_no_false_hits(sentence: str) -> None:
    assert texts(run(sentence, PUBLISHED)) == []


def test_weekday_with_parenthesised_date_is_one_expression() -> None:
    article = run("The minister on Sunday (Oct 13) accused the rebels of shelling.", PUBLISHED)
    found = only(article, "Sunday (Oct 13)")
    assert (found.value, found.weekday_check) == ("2024-10-13", "ok")


def test_weekday_that_disagrees_with_its_date_is_flagged() -> None:
    article = run("The minister on Monday (Oct 13, 2024) accused the rebels.")
    found = only(article, "Monday (Oct 13, 2024)")
    assert (found.value, found.weekday_check) == ("2024-10-13", "mismatch")


def test_year_inferred_from_weekday_date_pairs() -> None:
    article = run(
        "The minister on Sunday (Oct 13) accused the rebels. "
        "On Thursday (Oct 10), the rebels denied it. Yesterday the envoy left."
    )
    sunday = only(article, "Sunday (Oct 13)")
    assert (sunday.value, sunday.anchor, sunday.year_inferred) == ("2024-10-13", "inferred", True)
    assert sunday.inference is not None and "2024" in sunday.inference
    assert "not after 2026" in sunday.inference
    assert only(article, "Thursday (Oct 10)").value == "2024-10-10"
    assert (article.document_date, article.document_date_source) == ("2024-10-13", "inferred")
    assert only(article, "Yesterday").value == "2024-10-12"


def test_a_pair_that_disagrees_is_left_out_of_inference() -> None:
    article = run(
        "The minister on Sunday (Oct 13) accused the rebels. "
        "On Thursday (Oct 10), the rebels denied it. On Friday (Oct 7), talks failed."
    )
    assert only(article, "Sunday (Oct 13)").value == "2024-10-13"
    assert only(article, "Friday (Oct 7)").weekday_check == "mismatch"


def test_other_dates_take_the_inferred_year() -> None:
    article = run("The minister on Sunday (Oct 13) accused the rebels. They met on Oct 2.")
    found = only(article, "Oct 2")
    assert (found.value, found.year_inferred, found.anchor) == ("2024-10-02", True, "inferred")


def test_candidate_years_are_latest_first_and_bounded() -> None:
    from sitrep.stages.time import Found

    pair = Found(0, 1, "calendar", month=10, day=13, weekday=7)
    assert candidate_years(pair, TODAY, 30)[:3] == [2024, 2019, 2013]
    assert all(TODAY.year - 30 <= y <= TODAY.year for y in candidate_years(pair, TODAY, 30))


def test_closest_year_crosses_new_year() -> None:
    assert closest_year(12, 30, date(2024, 1, 3)) == 2023
    assert closest_year(1, 2, date(2023, 12, 30)) == 2024


def test_publication_from_metadata_is_the_document_date() -> None:
    article = Article(text="The minister met the envoy on Thursday.")
    article.meta.published = PUBLISHED
    article.meta.published_source = "htmldate"
    article = pipeline(None)(article)
    assert (article.document_date, article.document_date_source) == ("2024-10-14", "htmldate")
    assert article.times[0].value == "2024-10-10"


# --- the seed article, read in place ----------------------------------------------------------


def test_seed_year_is_inferred(seed_text: str) -> None:
    article = run(seed_text)
    sunday = only(article, "Sunday (Oct 13)")
    thursday = only(article, "Thursday (Oct 10)")
    assert (sunday.value, sunday.year_inferred, sunday.anchor) == ("2024-10-13", True, "inferred")
    assert (thursday.value, thursday.year_inferred) == ("2024-10-10", True)
    assert sunday.weekday_check == thursday.weekday_check == "ok"
    assert (article.document_date, article.document_date_source) == ("2024-10-13", "inferred")


def test_seed_with_publication_date(seed_text: str) -> None:
    article = run(seed_text, PUBLISHED)
    for text, value in (("Sunday (Oct 13)", "2024-10-13"), ("Thursday (Oct 10)", "2024-10-10")):
        found = only(article, text)
        assert (found.value, found.anchor, found.year_inferred) == (value, "publication", False)
    assert (article.document_date, article.document_date_source) == ("2024-10-14", "given")


def test_seed_set_and_no_false_hits(seed_text: str) -> None:
    article = run(seed_text)
    assert only(article, "nightly").type == "SET"
    for phrase in ("North Korea", "We see"):
        start = article.text.index(phrase)
        end = start + len(phrase)
        assert not [t for t in article.times if t.start < end and start < t.end], phrase


# --- periods, times of day, years and references (issue 5, TimeBank conventions) ---------------

PUBLISHED_Q4 = date(2024, 11, 6)  # a Wednesday in the fourth quarter


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Profit rose in the third quarter, the firm said.", "the third quarter", "2024-Q3"),
        ("The firm posted a third-quarter loss on sales.", "third-quarter", "2024-Q3"),
        ("Sales fell in the 2022 second quarter at home.", "the 2022 second quarter", "2022-Q2"),
        ("Sales may rise in next year's first quarter.", "next year's first quarter", "2025-Q1"),
        ("Output doubled in the first half of 2021.", "the first half of 2021", "2021-H1"),
        ("Net income fell 5% in the quarter.", "the quarter", "2024-Q3"),
        ("It expects a loss in the current quarter.", "the current quarter", "2024-Q4"),
    ],
)
def test_quarters_and_halves(sentence: str, expression: str, value: str) -> None:
    found = only(run(sentence, PUBLISHED_Q4), expression)
    assert (found.type, found.value) == ("DATE", value)


def test_year_ago_follows_the_quarter_the_text_names() -> None:
    article = run(
        "Net income fell in the second quarter. It earned more a year earlier. "
        "Year-earlier sales were lower. In the year-ago quarter, it lost money.",
        PUBLISHED_Q4,
    )
    assert only(article, "a year earlier").value == "2023-Q2"
    assert only(article, "Year-earlier").value == "2023-Q2"
    assert only(article, "the year-ago quarter").value == "2023-Q2"


def test_a_year_ago_without_a_quarter_is_the_year() -> None:
    assert only(
        run("Prices were lower a year ago, traders said.", PUBLISHED), "a year ago"
    ).value == ("2023")


@pytest.mark.parametrize(
    ("sentence", "expression", "type_", "value"),
    [
        ("The talks resumed at 3 p.m. after a break.", "3 p.m.", "TIME", "2024-10-14T15:00"),
        ("The vote closed at 10:35 a.m. in the capital.", "10:35 a.m.", "TIME", "2024-10-14T10:35"),
        (
            "The deadline will expire at 9 a.m. Tuesday.",
            "9 a.m. Tuesday",
            "TIME",
            "2024-10-15T09:00",
        ),
        (
            "The strike ended at noon yesterday, unions said.",
            "noon yesterday",
            "TIME",
            "2024-10-13T12:00",
        ),
        ("The floods came last summer after the rains.", "last summer", "DATE", "2023-SU"),
        ("The dam was finished in the spring of 2019.", "the spring of 2019", "DATE", "2019-SP"),
        ("Sales for the first nine months rose 4%.", "the first nine months", "DURATION", "P9M"),
        (
            "Prices have doubled over the past two decades.",
            "the past two decades",
            "DURATION",
            "P20Y",
        ),
        ("The strike lasted for a week, unions said.", "a week", "DURATION", "P1W"),
        ("The rebels have held the town for years.", "years", "DURATION", "PXY"),
        (
            "Aid will arrive in the coming days, officials said.",
            "the coming days",
            "DATE",
            "FUTURE_REF",
        ),
        # "recent" stretches are durations of unknown length.
        ("Rents have soared in recent years, tenants say.", "recent years", "DURATION", "PXY"),
        ("Prices fell in recent weeks, traders said.", "recent weeks", "DURATION", "PXW"),
        ("The firm was recently sold.", "recently", "DATE", "PAST_REF"),
        ("The town has a 12th century church.", "12th century", "DATE", "11"),
        ("He studied the history of the 20th century.", "the 20th century", "DATE", "19"),
        (
            "The convoy will leave at 4 in the morning.",
            "4 in the morning",
            "TIME",
            "2024-10-14T04:00",
        ),
        ("The rally ended at 9 in the evening.", "9 in the evening", "TIME", "2024-10-14T21:00"),
        ("Islam will one day be the largest religion there.", "one day", "DATE", "FUTURE_REF"),
        ("The ministry paid the fine in fiscal 2023.", "fiscal 2023", "DATE", "2023"),
        ("The 1998 floods killed hundreds in the valley.", "1998", "DATE", "1998"),
    ],
)
def test_times_of_day_seasons_stretches_and_years(
    sentence: str, expression: str, type_: str, value: str
) -> None:
    found = only(run(sentence, PUBLISHED), expression)
    assert (found.type, found.value) == (type_, value)


def test_a_clock_time_takes_the_day_the_text_named() -> None:
    article = run("The blast hit on Oct 10. Police arrived at 7:30 am with dogs.", PUBLISHED)
    assert only(article, "7:30 am").value == "2024-10-10T07:30"


def test_future_words_beat_the_past_look_of_expected() -> None:
    article = run("The three members are expected to join in April.", PUBLISHED)
    assert only(article, "April").value == "2025-04"


def test_weekday_after_a_name_ending_a_clause() -> None:
    article = run("Bombs exploded in Kenya and Tanzania Friday, killing dozens.", PUBLISHED)
    assert only(article, "Friday").value == "2024-10-11"


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebels fled as soon as the army arrived.",
        "About 2000 troops crossed the border at dawn.",
        "The envoy won 1995 votes in the ballot.",
        "Three quarters of the town was flooded by the river.",
        "The army blamed the fall of the city on its allies.",
        "He watched the film High Noon with his aides.",
        "The first day of the talks went well for both sides.",
        "A day of mourning was declared across the region.",
    ],
)
def test_no_false_hits_among_new_expressions(sentence: str) -> None:
    assert texts(run(sentence, PUBLISHED)) == []


NOVEMBER_ANCHOR = date(1989, 11, 2)  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "text", "value", "kind"),
    [
        ("Sales for the full year rose.", "the full year", "1989", "DATE"),
        ("Net rose for the year ended Sept. 30.", "the year", "P1Y", "DURATION"),
        ("Cuts are planned by the end of 1990.", "the end of 1990", "1990", "DATE"),
        ("Results are due in mid-November.", "mid-November", "1989-11", "DATE"),
        ("It was found on Thanksgiving Day.", "Thanksgiving Day", "1988-11-24", "DATE"),
        ("Officials met over the weekend.", "the weekend", "1989-W43-WE", "DATE"),
        ("Prices fell in January this year.", "January this year", "1989-01", "DATE"),
        ("In nineteen ninety-six a bomb exploded.", "nineteen ninety-six", "1996", "DATE"),
        ("They aim to halve it by the year two thousand.", "the year two thousand", "2000", "DATE"),
        (
            "Profit fell in the year-ago third quarter.",
            "the year-ago third quarter",
            "1988-Q3",
            "DATE",
        ),
        ("The team planned to leave on Friday.", "Friday", "1989-11-03", "DATE"),
        ("The dividend will be paid in January.", "January", "1990-01", "DATE"),
    ],
)
def test_timebank_conventions(sentence: str, text: str, value: str, kind: str) -> None:
    found = only(run(sentence, NOVEMBER_ANCHOR), text)
    assert (found.value, found.type) == (value, kind)


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # A possessive weekday reports what the day brought: the last one.
        ("Lawyers will appeal against Friday's ruling.", "Friday", "2024-10-11"),
        # A future seen from a past one is past by now.
        ("The offer had been due to expire Friday evening.", "Friday evening", "2024-10-11TEV"),
        (
            "The pact had been scheduled to end at midnight Friday.",
            "midnight Friday",
            "2024-10-11T24:00",
        ),
        # "would" looks ahead; "next to" is no tense.
        ("He said the father would travel to Washington Thursday.", "Thursday", "2024-10-17"),
        ("Bombs exploded next to the embassies on Friday.", "Friday", "2024-10-11"),
        # An irregular past tense counts like a regular one.
        (
            "Investors expected to gain when the firm sold its stake Thursday.",
            "Thursday",
            "2024-10-10",
        ),
        ("International Women's Day is this coming Sunday.", "this coming Sunday", "2024-10-20"),
    ],
)
def test_tense_words_pick_the_side_of_the_anchor(
    sentence: str, expression: str, value: str
) -> None:
    assert only(run(sentence, PUBLISHED), expression).value == value


def test_the_previous_weekday_counts_from_the_day_the_text_named() -> None:
    article = run("Stocks fell on Friday, Oct. 11. The index lost 4% from the previous Friday.")
    assert only(article, "the previous Friday").value == "2024-10-04"
    article = run("The talks opened on Oct. 2. They resumed the following Thursday.", PUBLISHED)
    assert only(article, "the following Thursday").value == "2024-10-03"


def test_a_month_day_half_a_year_away_goes_the_way_the_sentence_looks() -> None:
    february = date(1998, 2, 6)
    found = only(run("The index fell from the record high set on Aug. 6.", february), "Aug. 6")
    assert found.value == "1997-08-06"
    found = only(run("The index will be rebased on Aug. 6.", february), "Aug. 6")
    assert found.value == "1998-08-06"


def test_a_capitalised_today_after_a_name_is_a_title() -> None:
    assert texts(run("This is VOA Today, with the news.", PUBLISHED)) == []
    assert texts(run("Today the council meets.", PUBLISHED)) == ["Today"]


def test_holidays_follow_the_tense_and_their_rules() -> None:
    from sitrep.stages.time import easter, holiday_date

    assert easter(2000) == date(2000, 4, 23) and easter(2024) == date(2024, 3, 31)
    assert holiday_date("11/1/1+1", 1998) == date(1998, 11, 3)  # Election Day
    assert holiday_date("05/-1/1", 2024) == date(2024, 5, 27)  # Memorial Day
    ahead = only(run("Voters will choose on Election Day.", date(1998, 10, 26)), "Election Day")
    assert ahead.value == "1998-11-03"
    week = only(run("Protesters prayed as Easter week began.", date(2000, 4, 17)), "Easter week")
    assert week.value == "2000-W16"


def test_now_that_is_a_time_as_timebank_tags_it() -> None:
    assert texts(run("Now that the truce holds, aid can move.", PUBLISHED)) == ["Now"]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "kind"),
    [
        # A month-day far on the other side of the anchor than a close past tense says.
        ("Revenue was $76 million for the year ended March 31.", "March 31", "1989-03-31", "DATE"),
        ("The dividend is payable Jan. 2 to holders.", "Jan. 2", "1990-01-02", "DATE"),
        # A month name alone is a month; "May" alone and "March for Life" are not.
        ("The June accession was approved.", "June", "1989-06", "DATE"),
        ("Officials reported the figures for October yesterday.", "October", "1989-10", "DATE"),
        ("Snow fell in late November across the state.", "late November", "1989-11", "DATE"),
        ("Pilgrims travel there each July.", "each July", "XXXX-07", "SET"),
        ("Sales fell in the first nine months of 1988.", "1988", "1988", "DATE"),
        ("Loans soured in the late 1970s.", "the late 1970s", "197", "DATE"),
        ("Talks may resume in the next few days.", "the next few days", "PXD", "DURATION"),
        ("Hate crimes rose over the past year.", "the past year", "1988", "DATE"),
        ("Support was lower several years ago.", "several years ago", "PAST_REF", "DATE"),
        ("It expires at 5 p.m. EST, Nov. 6.", "5 p.m. EST, Nov. 6", "1989-11-06T17:00", "TIME"),
        ("Refugees lived in camps for 2 1/2 years.", "2 1/2 years", "P2Y6M", "DURATION"),
        ("Talks stopped for 5 1/2 hours.", "5 1/2 hours", "PT5H30M", "DURATION"),
        ("Drones struck within half an hour.", "half an hour", "PT30M", "DURATION"),
        ("A hearing is due the week of March 6.", "the week of March 6", "1990-W10", "DATE"),
        ("Traders sold ahead of the weekend.", "the weekend", "1989-W44-WE", "DATE"),
        (
            "Earnings will suffer in the last half of 1990.",
            "the last half of 1990",
            "1990-H2",
            "DATE",
        ),
        ("Profit fell last quarter.", "last quarter", "1989-Q3", "DATE"),
        ("The drills were the largest since April.", "April", "1989-04", "DATE"),
        ("The shares may be sold in the near future.", "the near future", "FUTURE_REF", "DATE"),
        ("Brokers are cautious these days.", "these days", "PRESENT_REF", "DATE"),
        ("Demand stayed strong well into the summer.", "the summer", "1989-SU", "DATE"),
    ],
)
def test_timebank_conventions_of_the_value_pass(
    sentence: str, text: str, value: str, kind: str
) -> None:
    found = only(run(sentence, NOVEMBER_ANCHOR), text)
    assert (found.value, found.type) == (value, kind)


def test_a_past_tense_next_to_a_month_day_moves_it_a_year_back() -> None:
    article = run("The suspect was last seen Nov. 3 near the border.", date(1999, 5, 7))
    assert only(article, "Nov. 3").value == "1998-11-03"


@pytest.mark.parametrize(
    "sentence",
    ["May we come in, she asked.", "Thousands joined the March for Life in the capital."],
)
def test_month_names_that_are_no_months(sentence: str) -> None:
    assert texts(run(sentence, NOVEMBER_ANCHOR)) == []


def test_that_year_is_the_year_the_text_named_last() -> None:
    article = run("He fled in June 1998 and returned later that year.", NOVEMBER_ANCHOR)
    assert only(article, "later that year").value == "1998"


def test_a_year_earlier_after_nine_months_is_the_year() -> None:
    article = run(
        "Profit rose in the third quarter from a year earlier. "
        "In the first nine months, net fell from $5 million a year earlier.",
        NOVEMBER_ANCHOR,
    )
    values = [t.value for t in article.times if t.text == "a year earlier"]
    assert values == ["1988-Q3", "1988"]


def test_the_quarter_is_the_first_one_the_report_names() -> None:
    article = run(
        "Net fell in the third quarter. It had a flat second quarter. "
        "In the quarter, sales rose. Net was lower than last year, compared with $3 million "
        "last year.",
        NOVEMBER_ANCHOR,
    )
    assert only(article, "the quarter").value == "1989-Q3"
    assert [t.value for t in article.times if t.text == "last year"][-1] == "1988-Q3"


def test_weekday_after_a_name_before_a_preposition() -> None:
    article = run("The envoy toured Dar es Salaam Thursday and met police.", PUBLISHED)
    assert only(article, "Thursday").value == "2024-10-10"
    assert texts(run("Crowds marked Bloody Sunday again.", PUBLISHED)) == []


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        # A past tense close by wins over "a bare month ahead is the coming one".
        ("In January, the chain named a new chief executive.", "January", "1989-01"),
        ("Since the fund bought the mill in February, it has cut jobs.", "February", "1989-02"),
        ("The dividend will be paid on an unspecified date in January.", "January", "1990-01"),
        ("The vote is planned for early March, officials said.", "early March", "1990-03"),
    ],
)
def test_a_past_tense_before_a_coming_month_puts_it_back(
    sentence: str, text: str, value: str
) -> None:
    assert only(run(sentence, NOVEMBER_ANCHOR), text).value == value


def test_a_later_quarter_ended_is_the_next_report() -> None:
    article = run(
        "The airline earned more in the fiscal first quarter. "
        "A rival carrier said third-quarter profit rose from $4 million a year earlier.",
        NOVEMBER_ANCHOR,
    )
    assert only(article, "a year earlier").value == "1988-Q3"


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The base may stay for at least 20 more years.", "at least 20 more years", "P20Y"),
        ("The boy may stay for two more weeks.", "two more weeks", "P2W"),
        ("The loan can be extended for an additional year.", "an additional year", "P1Y"),
        ("The appeal could take as long as a month or two.", "a month", "P1M"),
        ("The cut comes barely a month after the strike.", "a month", "P1M"),
        ("Growth is brisk over the next couple of years.", "the next couple of years", "P2Y"),
        ("Troops will arrive within weeks, officials said.", "weeks", "PXW"),
        ("Sales rose for the first time in years.", "years", "PXY"),
        ("Over the years, the town grew.", "the years", "PXY"),
        ("Funds may sell bonds in the weeks ahead.", "the weeks ahead", "PXW"),
    ],
)
def test_durations_of_more_units_and_vague_plurals(sentence: str, text: str, value: str) -> None:
    found = only(run(sentence, NOVEMBER_ANCHOR), text)
    assert (found.type, found.value) == ("DURATION", value)


def test_weeks_before_an_event_are_no_vague_duration() -> None:
    article = run("His car was seen nearby in the weeks before the shooting.", NOVEMBER_ANCHOR)
    assert "the weeks" not in texts(article)


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        # "this past spring" is the latest spring begun; "last spring" the year before's.
        ("The unit was closed this past spring.", "this past spring", "1989-SP"),
        ("The strike began last spring.", "last spring", "1988-SP"),
        ("Sales have been flat for the last half of the '80s.", "the '80s", "198"),
    ],
)
def test_this_past_season_and_short_decades(sentence: str, text: str, value: str) -> None:
    assert only(run(sentence, NOVEMBER_ANCHOR), text).value == value


def test_the_second_day_of_a_pair_of_dates() -> None:
    article = run("Leaders meet in Vienna on June 24 and 25, the agency said.", NOVEMBER_ANCHOR)
    first = only(article, "June 24").value
    assert only(article, "25").value == first[:8] + "25"
    assert texts(run("On June 24 and 25 percent of voters stayed home.", NOVEMBER_ANCHOR)) == [
        "June 24"
    ]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Analysts revised December's figures upward.", ["December"]),
        ("April's mother spoke to reporters.", []),
    ],
)
def test_possessive_months(sentence: str, found: list[str]) -> None:
    assert texts(run(sentence, NOVEMBER_ANCHOR)) == found


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "value"),
    [
        (
            "Oil hit a low in the winter of nineteen ninety-four.",
            "the winter of nineteen ninety-four",
            "DATE",
            "1994-WI",
        ),
        (
            "By mid afternoon, officials said the raid was over.",
            "mid afternoon",
            "TIME",
            "1989-11-02TAF",
        ),
        (
            "At mid-afternoon yesterday, shares were up.",
            "mid-afternoon yesterday",
            "TIME",
            "1989-11-01TAF",
        ),
    ],
)
def test_spelled_season_years_and_mid_parts_of_day(
    sentence: str, text: str, kind: str, value: str
) -> None:
    found = only(run(sentence, NOVEMBER_ANCHOR), text)
    assert (found.type, found.value) == (kind, value)


def test_the_year_earlier_stretch_is_a_duration() -> None:
    article = run(
        "Net for the year-earlier nine months included a gain of $9 million.", NOVEMBER_ANCHOR
    )
    found = only(article, "the year-earlier nine months")
    assert (found.type, found.value) == ("DURATION", "P9M")


def test_until_in_the_past_perfect_looks_back() -> None:
    article = run("Until Thursday, the police had not named him a suspect.", PUBLISHED)
    assert only(article, "Thursday").value == "2024-10-10"
    article = run("The offer stays open until Thursday.", PUBLISHED)
    assert only(article, "Thursday").value == "2024-10-17"


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("He was soon released from the hospital.", []),
        ("The trickle soon became a flood.", []),
        ("Talks will resume soon, the envoy said.", ["soon"]),
    ],
)
def test_soon_in_a_past_narrative_is_no_future(sentence: str, found: list[str]) -> None:
    assert texts(run(sentence, PUBLISHED)) == found


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The war ended almost four years ago.", "almost four years ago", "1985"),
        ("The firm has not sold a plant in about a decade.", "about a decade", "P10Y"),
        ("The inspectors will stay over a week.", "over a week", "P1W"),
    ],
)
def test_approximate_amounts_keep_their_modifier(sentence: str, text: str, value: str) -> None:
    assert only(run(sentence, NOVEMBER_ANCHOR), text).value == value


def test_an_adjective_quarter_leaves_the_article_out() -> None:
    article = run("The third-quarter results beat forecasts.", NOVEMBER_ANCHOR)
    assert only(article, "third-quarter").value == "1989-Q3"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Shares rose late yesterday.", "late yesterday"),
        ("Talks resumed early Tuesday.", "early Tuesday"),
        ("The plant opens in early 1991.", "early 1991"),
    ],
)
def test_early_and_late_stay_in_the_span(sentence: str, text: str) -> None:
    assert text in texts(run(sentence, NOVEMBER_ANCHOR))


def test_last_years_quarter_is_the_quarter_a_year_before() -> None:
    article = run(
        "Sales rose in the third quarter. Sales for last year's quarter were lower.",
        NOVEMBER_ANCHOR,
    )
    assert only(article, "last year's quarter").value == "1988-Q3"


def test_last_years_amount_in_a_quarterly_report_is_the_quarter_before() -> None:
    article = run(
        "Sales rose in the third quarter to $1.7 billion from last year's $1.5 billion.",
        NOVEMBER_ANCHOR,
    )
    assert only(article, "last year").value == "1988-Q3"
    assert only(run("Sales beat last year's.", NOVEMBER_ANCHOR), "last year").value == "1988"


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        (
            "The day before last Tuesday's hearing, he called.",
            "day before last Tuesday",
            "2024-10-07",
        ),
        ("Stores will reopen the day after Christmas.", "day after Christmas", "2024-12-26"),
    ],
)
def test_the_day_before_or_after_a_day(sentence: str, text: str, value: str) -> None:
    assert only(run(sentence, PUBLISHED), text).value == value


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The market is closed on Fridays.", "Fridays", "XXXX-WXX-5"),
        ("Flights leave on Monday and Tuesday nights.", "Monday", "XXXX-WXX-1TNI"),
        ("Flights leave on Monday and Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"),
    ],
)
def test_plural_weekdays_recur(sentence: str, text: str, value: str) -> None:
    found = only(run(sentence, PUBLISHED), text)
    assert (found.type, found.value) == ("SET", value)


def test_a_weekday_and_another_stay_days() -> None:
    article = run("Talks were held on Monday and Tuesday.", PUBLISHED)
    assert only(article, "Monday").value == "2024-10-14"


def test_the_next_year_in_a_quarterly_report_is_a_year() -> None:
    article = run(
        "Profit fell in the third quarter. The plants will be closed over the next year or so.",
        NOVEMBER_ANCHOR,
    )
    assert only(article, "the next year or so").value == "1990"


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("He meets the minister later this afternoon.", "later this afternoon", "1989-11-02TAF"),
        ("Mailing begins at the end of this week.", "the end of this week", "1989-W44"),
    ],
)
def test_later_today_and_the_end_of_this_week(sentence: str, text: str, value: str) -> None:
    assert only(run(sentence, NOVEMBER_ANCHOR), text).value == value
