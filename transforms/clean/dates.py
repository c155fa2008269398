"""Publication dates with their basis and precision: the crawler's date stamp,
the dates an article URL spells out, and the link a text dump names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

BASES = ("stated", "url", "metadata", "inferred")
PRECISIONS = ("day", "month")


@dataclass(frozen=True)
class PublishedDate:
    """A publication date; a month-only date is the 1st with precision 'month'."""

    date: dt.date
    basis: str  # one of BASES: where the date came from
    precision: str = "day"


# " date 2024-05-01 Headline…": a crawler's stamp opening a page's first lines.
_STAMP = re.compile(r"^date\s+(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)"
                    r"(?:-(?P<day>\d\d))?(?!\d)\s*")  # fmt: skip
_Y = r"(?P<year>(?:19|20)\d\d)"
_M = r"(?P<month>0[1-9]|1[0-2])"
_D = r"(?P<day>0[1-9]|[12]\d|3[01])"
# Day-precise URL forms, tried before the month-only ones: /2024/09/28/,
# /2024-09/28/, /2021/0425/, /201805/24/, /20240928/, t20180815_, ?date=2024-09-28,
# and day first with the year last, as the sites of day-first locales write it
# (/08/02/2008/).
_URL_DAYS = tuple(
    re.compile(p)
    for p in (
        rf"(?<![\d]){_Y}[/-]{_M}[/-]{_D}(?!\d)",
        rf"/{_Y}/{_M}{_D}/",
        rf"/{_Y}{_M}/{_D}/",
        rf"(?<![\d]){_Y}{_M}{_D}(?!\d)",
        rf"/{_D}/{_M}/{_Y}/",
    )
)
# Month-only forms: /2019/06/, -2021-12-, /201604/.
_URL_MONTHS = tuple(
    re.compile(p)
    for p in (
        rf"[/_-]{_Y}[/-]{_M}(?=[/_-]|$)",
        rf"/{_Y}{_M}(?=/)",
    )
)
# "URL: https://…", "Source: https://…": the link a text dump names on its own line.
_URL_LINE = re.compile(
    r"^(?:url|source|link|original(?: url)?|source url)\s*[:：]\s*(?P<url>https?://\S+)$",
    re.IGNORECASE,
)

_BARE_URL = re.compile(r"^(?P<url>https?://\S+)$")
# A dump prints the page's own link among its first lines; lower down a bare link
# is a reference the article cites.
URL_TOP_LINES = 3


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def match_stamp(line: str) -> tuple[PublishedDate, str] | None:
    """The crawler's date stamp opening a line, and the rest of the line."""
    m = _STAMP.match(line)
    if not m:
        return None
    day = m.group("day")
    date = _safe_date(int(m.group("year")), int(m.group("month")), int(day or 1))
    if date is None:
        return None
    precision = "day" if day else "month"
    return PublishedDate(date, "stated", precision), line[m.end() :]


def date_from_url(url: str | None) -> PublishedDate | None:
    """The date an article URL spells out, day-precise forms first."""
    if not url:
        return None
    for pattern in _URL_DAYS:
        for m in pattern.finditer(url):
            date = _safe_date(*(int(m.group(k)) for k in ("year", "month", "day")))
            if date:
                return PublishedDate(date, "url")
    for pattern in _URL_MONTHS:
        m = pattern.search(url)
        if m:
            date = dt.date(int(m.group("year")), int(m.group("month")), 1)
            return PublishedDate(date, "url", "month")
    return None


def match_url_line(line: str, bare: bool = False) -> str | None:
    """The article's link named by a 'URL: …' or 'Source: …' line of a text dump;
    with `bare`, a line holding only a link (as dumps print it at the top) too."""
    m = _URL_LINE.match(line) or (_BARE_URL.match(line) if bare else None)
    return m.group("url") if m else None
