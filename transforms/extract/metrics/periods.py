"""The period a figure refers to, from the words around it and the article's date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_YEAR = r"((?:19|20)\d{2})"
_RANGE = re.compile(
    rf"(?:from|between)\s+{_YEAR}\s+(?:to|and|through|until)\s+{_YEAR}|{_YEAR}\s*[-–]\s*{_YEAR}",
    re.I,
)
_SINCE = re.compile(rf"\bsince\s+{_YEAR}", re.I)
_YEAR_ONLY = re.compile(rf"\b{_YEAR}\b")
# "last month", "this quarter", "next year": (step back or forward, calendar unit)
_RELATIVE = re.compile(
    r"\b(last|past|previous|this|current|next) (year|quarter|month|decade)\b", re.I
)
_STEP = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1}
_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120}


@dataclass(frozen=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    basis: (
        str  # "stated" (from the text) | "published" (the article's date) | "unknown"
    )


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _relative(published: dt.date, step: str, unit: str) -> tuple[dt.date, dt.date]:
    """The calendar month, quarter, year or decade `step` away from the one that holds
    the published date ('last month' in a 2024-03-10 article: February 2024)."""
    size = _MONTHS[unit.lower()]
    index = published.year * 12 + published.month - 1  # months since year 0
    first = index - index % size + _STEP[step.lower()] * size
    start = dt.date(first // 12, first % 12 + 1, 1)
    after = first + size
    end = dt.date(after // 12, after % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def resolve_period(period_text: str | None, published: dt.date | None) -> Period:
    """`period_text` ("in 2021", "last year", "since 2016", "from 2011 to 2021") as
    dates; relative years need the article's date. Nothing stated: the article's
    date."""
    text = (period_text or "").strip()
    if text:
        if m := _RANGE.search(text):
            first, last = (int(g) for g in m.groups() if g)
            return Period(
                _year(min(first, last))[0], _year(max(first, last))[1], "stated"
            )
        if m := _SINCE.search(text):
            return Period(_year(int(m.group(1)))[0], published, "stated")
        if (m := _RELATIVE.search(text)) and published:
            return Period(*_relative(published, m.group(1), m.group(2)), "stated")
        if m := _YEAR_ONLY.search(text):
            return Period(*_year(int(m.group(1))), "stated")
    if published:
        return Period(published, published, "published")
    return Period(None, None, "unknown")
