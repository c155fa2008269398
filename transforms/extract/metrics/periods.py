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
_RELATIVE = {
    "last year": -1,
    "past year": -1,
    "previous year": -1,
    "this year": 0,
    "current year": 0,
    "next year": 1,
}


@dataclass(frozen=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    basis: (
        str  # "stated" (from the text) | "published" (the article's date) | "unknown"
    )


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


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
        lowered = text.casefold()
        for phrase, offset in _RELATIVE.items():
            if phrase in lowered and published:
                return Period(*_year(published.year + offset), "stated")
        if m := _YEAR_ONLY.search(text):
            return Period(*_year(int(m.group(1))), "stated")
    if published:
        return Period(published, published, "published")
    return Period(None, None, "unknown")
