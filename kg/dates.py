"""Dates in text, resolved against the document's publication date.

`resolve_date` turns a date expression as it appears in text ('last Thursday', 'Jan. 25, 2017',
'fiscal year 2016') into an ISO string at the precision the text gives: 'YYYY', 'YYYY-MM' or
'YYYY-MM-DD'. It uses plain regular expressions rather than dateparser: dateparser resolves
weekday names inconsistently against its base date and reads durations ('90 days') as
dates, while here anything not recognised is None. dateparser is used only by
`normalise_date`, for header and meta-tag values, which are known to be dates.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

import dateparser

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Bare four-digit numbers outside this range are statute or section numbers (8 U.S.C. 1373), not years.
_MIN_YEAR, _MAX_YEAR = 1800, 2199

Tense = Literal["past", "future"]  # of the clause a date is in

_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = "(?P<weekday>" + "|".join(_WEEKDAYS) + ")"
_TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

# Words around a date that do not change which date it is: 'since 2013', 'on or about May 1', 'mid-2017'.
# Multi-word alternatives come before their first word, since the regex takes the first that matches.
_PREFIX = re.compile(
    r"(?:on or about|on or before|on or after|no later than|not later than|as of|as early as|beginning of|"
    r"start of|end of|middle of|beginning|starting|effective|since|until|till|through|before|after|during|"
    r"from|in|on|by|at|of|the|early|mid|late|earlier|later|spring|summer|fall|autumn|winter)(?:\s+|-)"
)
_RELATIVE_DAY = re.compile(r"(?P<word>today|tonight|yesterday|tomorrow)" + _TIME_OF_DAY)
_RELATIVE_PERIOD = re.compile(r"(?P<which>this|last|next) (?P<unit>year|month)")
_WEEKDAY_ALONE = re.compile(r"(?:(?P<which>last|this past|past|next) )?" + _WEEKDAY + _TIME_OF_DAY)
_WEEKDAY_THEN_DATE = re.compile(_WEEKDAY + r",? (?P<rest>.+)")
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?")
_SLASHED = re.compile(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})")
_MONTH_DAY = re.compile(rf"{_MONTH} {_DAY}(?:,? {_YEAR})?")
_DAY_MONTH = re.compile(rf"{_DAY} (?:of )?{_MONTH}(?:,? {_YEAR})?")
_MONTH_YEAR = re.compile(rf"{_MONTH}(?:,? (?:of )?{_YEAR})?")
_YEAR_ONLY = re.compile(r"(?:(?:fiscal |calendar )?year |fiscal |fy ?)?" + _YEAR)
_ISO_TIMESTAMP = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})(?:[T ]\S*)?")
# A header value written as a numeric date (perhaps signed, perhaps with a time): it names that day or none, never
# another reading of its digits (dateparser reads '2017-13-01' as 13 January and '-2017-01-01' as 1 January).
_NUMERIC_DATE = re.compile(r"(?P<sign>[+-]?)(?P<year>\d+)-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ]\S*)?")

_DATEPARSER_SETTINGS = {
    # Only absolute dates with all three parts: a header saying 'yesterday' or 'May 2016' is not a day.
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def parse_iso(value: str) -> dt.date | None:
    """The date of an ISO 'YYYY-MM-DD' string (a time after it is ignored), or None if it is not one."""
    match = _ISO_TIMESTAMP.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match["date"])
    except ValueError:
        return None


def iso_day(value: str) -> dt.date:
    """The day an ISO 'YYYY-MM-DD' string names; ValueError saying why when there is no such day."""
    match = _NUMERIC_DATE.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"{value!r} is not a date of the form YYYY-MM-DD")
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if match["sign"] or len(match["year"]) != 4:
        raise ValueError(f"{value!r} has no four-digit year (a sign or other digits before the month)")
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r} is not a real date: there is no month {month}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        raise ValueError(
            f"{value!r} is not a real date: {dt.date(year, month, 1):%B %Y} has {last} days"
        ) from None


def normalise_date(value: str) -> str | None:
    """A date as written in a document header or meta tag, as ISO 'YYYY-MM-DD'; None unless it names a day.

    Accepts ISO dates and timestamps (the date as written, without converting time zones),
    the forms `resolve_date` knows, and anything else dateparser reads as an absolute date,
    such as 'Wed, 25 Jan 2017 10:00:00 GMT'. A numeric date that names no day ('2017-02-30', '2017-13-01',
    '-2017-01-01') raises ValueError saying why.
    """
    if _NUMERIC_DATE.fullmatch(value.strip()):
        return iso_day(value).isoformat()
    day = parse_iso(value)
    if day is not None:
        return day.isoformat()
    resolved = resolve_date(value, None)
    if resolved is not None and len(resolved) == len("YYYY-MM-DD"):
        return resolved
    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if parsed is not None else None


def resolve_date(expression: str, reference: dt.date | None, *, tense: Tense | None = None) -> str | None:
    """The date a text expression names, as ISO 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', or None.

    `reference` is the publication date that relative expressions ('yesterday', 'last
    Thursday', 'March 3' without a year) are resolved against; without it they give None.
    A month or day without a year takes the year nearest the reference, or with `tense` the
    nearest in the past ("signed in March") or in the future ("will take effect in March").
    The precision is the text's: 'May 2016' gives '2016-05', 'since 2013' gives '2013'.
    Durations, frequencies and weeks ('90 days', 'quarterly', 'this week') give None.
    """
    text = _clean(expression)
    if not text:
        return None
    return _relative(text, reference) or _weekday(text, reference) or _absolute(text, reference, expression, tense)


def _clean(expression: str) -> str:
    """Lower case, single spaces, no surrounding punctuation, no leading words such as 'since' or 'early'."""
    text = re.sub(r"[\u2010-\u2015]", "-", expression.lower())
    text = " ".join(text.split()).strip(" .,;:()[]\"'\u2018\u2019\u201c\u201d")
    while match := _PREFIX.match(text):
        text = text[match.end() :]
    return text


def _relative(text: str, reference: dt.date | None) -> str | None:
    """'today', 'yesterday', 'tomorrow', 'this/last/next year' and 'this/last/next month'."""
    if reference is None:
        return None
    if match := _RELATIVE_DAY.fullmatch(text):
        offset = {"yesterday": -1, "tomorrow": 1}.get(match["word"], 0)
        return (reference + dt.timedelta(days=offset)).isoformat()
    if match := _RELATIVE_PERIOD.fullmatch(text):
        step = {"last": -1, "next": 1}.get(match["which"], 0)
        if match["unit"] == "year":
            return f"{reference.year + step:04d}"
        month_index = reference.year * 12 + reference.month - 1 + step
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    return None


def _weekday(text: str, reference: dt.date | None) -> str | None:
    """A weekday name, resolved to the nearest such day before the reference.

    A bare weekday on the reference's own weekday is the reference day (a Friday article's
    'Friday' is that day); 'last Friday' is then a week earlier. 'next Friday' is after it.
    """
    match = _WEEKDAY_ALONE.fullmatch(text)
    if match is None or reference is None:
        return None
    back = (reference.weekday() - _WEEKDAYS.index(match["weekday"])) % 7
    which = match["which"]
    if which == "next":
        return (reference + dt.timedelta(days=(7 - back) or 7)).isoformat()
    if back == 0 and which is not None:
        back = 7
    return (reference - dt.timedelta(days=back)).isoformat()


def _absolute(text: str, reference: dt.date | None, original: str, tense: Tense | None = None) -> str | None:
    """Calendar dates, months and years; a month or day without a year takes the year nearest the reference."""
    if match := _WEEKDAY_THEN_DATE.fullmatch(text):
        # 'Thursday, January 26, 2017': the calendar date decides; the weekday adds nothing.
        return _absolute(match["rest"], reference, original)
    if match := _ISO_DATE.fullmatch(text):
        return _format(int(match["year"]), int(match["month"]), _int(match["day"]))
    if match := _SLASHED.fullmatch(text):
        month, day = int(match["first"]), int(match["second"])
        if month > 12 >= day:  # 21/04/2017 can only be day first
            month, day = day, month
        return _format(int(match["year"]), month, day)
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if match := pattern.fullmatch(text):
            return _with_year(_MONTHS[match["month"]], int(match["day"]), match["year"], reference, tense)
    if match := _MONTH_YEAR.fullmatch(text):
        if match["year"] is None and not _capitalised(match["month"], original):
            return None  # 'may' and 'march' in lower case are a verb, not a month
        return _with_year(_MONTHS[match["month"]], None, match["year"], reference, tense)
    if match := _YEAR_ONLY.fullmatch(text):
        return _format(int(match["year"]), None, None)
    return None


def _with_year(
    month: int, day: int | None, year: str | None, reference: dt.date | None, tense: Tense | None
) -> str | None:
    """The date with its written year, or else the year that puts it nearest the reference (ties: the past), on
    the side of it the tense says."""
    if year is not None:
        return _format(int(year), month, day)
    if reference is None:
        return None
    anchor = reference if day is not None else reference.replace(day=1)
    candidates = []
    for candidate_year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(dt.date(candidate_year, month, day or 1))
        except ValueError:  # 29 February outside a leap year
            continue
    if not candidates:
        return None
    sided = [c for c in candidates if (c <= anchor if tense == "past" else c >= anchor)] if tense else []
    nearest = min(sided or candidates, key=lambda candidate: (abs((candidate - anchor).days), candidate > anchor))
    return _format(nearest.year, month, day)


def _format(year: int, month: int | None, day: int | None) -> str | None:
    """ISO text at the given precision, or None if the year is implausible or the date does not exist."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _capitalised(word: str, original: str) -> bool:
    """Whether `word` (lower case) appears capitalised in the original expression."""
    return any(token[0].isupper() for token in re.findall(r"[A-Za-z]+", original) if token.lower() == word)
