"""Resolving date expressions against a publication date."""

import datetime as dt

import pytest

from kg.dates import normalise_date, parse_iso, resolve_date

FRIDAY = dt.date(2017, 1, 27)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Thursday", "2017-01-26"),
        ("on Thursday", "2017-01-26"),
        ("last Thursday", "2017-01-26"),
        ("Monday", "2017-01-23"),
        ("Saturday", "2017-01-21"),
        ("Thursday night", "2017-01-26"),
        ("Friday", "2017-01-27"),  # the reference's own weekday is the reference day
        ("last Friday", "2017-01-20"),
        ("next Thursday", "2017-02-02"),
        ("next Friday", "2017-02-03"),
    ],
)
def test_weekdays_resolve_against_the_reference(expression: str, expected: str) -> None:
    assert resolve_date(expression, FRIDAY) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("today", "2017-01-27"),
        ("yesterday", "2017-01-26"),
        ("tomorrow", "2017-01-28"),
        ("yesterday afternoon", "2017-01-26"),
        ("last year", "2016"),
        ("later this year", "2017"),
        ("last month", "2016-12"),
        ("this week", None),
        ("next week", None),
    ],
)
def test_relative_words(expression: str, expected: str | None) -> None:
    assert resolve_date(expression, FRIDAY) == expected


def test_last_month_crosses_the_year_and_next_month_too() -> None:
    assert resolve_date("last month", dt.date(2017, 1, 3)) == "2016-12"
    assert resolve_date("next month", dt.date(2016, 12, 30)) == "2017-01"


@pytest.mark.parametrize("expression", ["Thursday", "yesterday", "today", "last year", "March 3", "June"])
def test_relative_expressions_need_a_reference(expression: str) -> None:
    assert resolve_date(expression, None) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("January 25, 2017", "2017-01-25"),
        ("Jan. 25, 2017", "2017-01-25"),
        ("Sept. 5, 2016", "2016-09-05"),
        ("25 January 2017", "2017-01-25"),
        ("the 25th of January, 2017", "2017-01-25"),
        ("January 25th, 2017", "2017-01-25"),
        ("2017-01-25", "2017-01-25"),
        ("04/21/2017", "2017-04-21"),
        ("21/04/2017", "2017-04-21"),
        ("April 21, 2017", "2017-04-21"),
        ("on or about April 21, 2017", "2017-04-21"),
        ("Thursday, January 26, 2017", "2017-01-26"),
        ("May 2016", "2016-05"),
        ("January 2017", "2017-01"),
        ("early January 2017", "2017-01"),
        ("2016-11", "2016-11"),
        ("2013", "2013"),
        ("since 2013", "2013"),
        ("in 2013", "2013"),
        ("mid-2015", "2015"),
        ("fiscal year 2016", "2016"),
        ("FY 2016", "2016"),
        ("FY2016", "2016"),
    ],
)
def test_absolute_dates_keep_the_precision_of_the_text(expression: str, expected: str) -> None:
    assert resolve_date(expression, FRIDAY) == expected
    assert resolve_date(expression, None) == expected  # absolute dates do not need the reference


@pytest.mark.parametrize(
    "expression",
    [
        "90 days",
        "weekly",
        "quarterly",
        "one year after",
        "annually",
        "the 1990s",
        "2013-2016",
        "February 30, 2017",
        "13/13/2017",
        "1373",  # a statute section, not a year
        "may",  # the verb
        "",
        "   ",
    ],
)
def test_things_that_are_not_dates(expression: str) -> None:
    assert resolve_date(expression, FRIDAY) is None


def test_day_without_year_takes_the_year_nearest_the_reference() -> None:
    assert resolve_date("Feb. 3", FRIDAY) == "2017-02-03"  # next week, not eleven months ago
    assert resolve_date("Dec. 20", FRIDAY) == "2016-12-20"  # last month, not eleven months ahead
    assert resolve_date("March", FRIDAY) == "2017-03"
    assert resolve_date("October", FRIDAY) == "2016-10"


def test_the_tense_of_the_clause_picks_the_side_of_the_reference() -> None:
    autumn = dt.date(2017, 10, 16)
    assert resolve_date("March", autumn) == "2018-03"  # nearest
    assert resolve_date("March", autumn, tense="past") == "2017-03"  # "signed an order in March"
    assert resolve_date("Jan. 5", autumn, tense="future") == "2018-01-05"  # "will take effect Jan. 5"
    assert resolve_date("Oct. 2", autumn, tense="future") == "2018-10-02"
    assert resolve_date("March 2016", autumn, tense="future") == "2016-03"  # a written year stands


def test_parse_iso() -> None:
    assert parse_iso("2017-01-27") == FRIDAY
    assert parse_iso(" 2017-01-27T09:30:00-05:00 ") == FRIDAY
    assert parse_iso("2017-02-30") is None
    assert parse_iso("January 27, 2017") is None
    assert parse_iso("2017-01") is None
    assert parse_iso("") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-01-25", "2017-01-25"),
        ("2017-01-25T23:30:00-05:00", "2017-01-25"),  # the date as written, not converted to UTC
        ("January 25, 2017", "2017-01-25"),
        ("25 Jan 2017", "2017-01-25"),
        ("Wed, 25 Jan 2017 10:00:00 GMT", "2017-01-25"),
        ("May 2016", None),  # not a day
        ("yesterday", None),
        ("not a date", None),
    ],
)
def test_normalise_date(value: str, expected: str | None) -> None:
    assert normalise_date(value) == expected
