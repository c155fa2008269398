"""Article metadata signals: published date, source outlet and author (the language
signal is `transforms.clean.language`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d\d"
# Full dates written the ways news pages write them; each names its groups.
_FULL_DATES = (
    re.compile(rf"\b(?P<mon>{_MON})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
               rf"(?P<year>{_YEAR})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MON})\.?,?\s+"
               rf"(?P<year>{_YEAR})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})-(?P<mon>{_MON})-(?P<year>{_YEAR})\b"),
    re.compile(rf"\b(?P<year>{_YEAR})-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(rf"\b(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})/(?P<year>{_YEAR})\b"),
    # Year first with dots, slashes or bullets ('2023.04.23', '2012•01•05'); with
    # dashes and the year last, day first, as the locales that write it so
    # ('04-04-2015'). Dotted day-first dates only as a line of their own ('22.09.2016'
    # under a headline): inside a line they date the sources a page cites
    # ('GOV.UK (06.07.2018): …'), not the page.
    re.compile(rf"\b(?P<year>{_YEAR})(?P<sep>[./•])(?P<month>\d\d)(?P=sep)(?P<day>\d\d)(?!\d)"),
    re.compile(rf"\b(?P<day>\d{{1,2}})-(?P<month>\d{{1,2}})-(?P<year>{_YEAR})\b"),
    re.compile(rf"^\s*(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.(?P<year>{_YEAR})"
               r"(?:,?\s+\d{1,2}:\d\d(?::\d\d)?)?\s*$"),
)  # fmt: skip
_ANY_YEAR = re.compile(_YEAR)
# "Nov 28(ABC):", "BEIJING, Sept. 9 (Xinhua) --": place?, month day, (credit), dash.
_DATELINE = re.compile(
    rf"^(?:(?P<place>[A-Z][A-Za-z .'-]{{1,40}}),\s*)?(?P<mon>{_MON})\.?\s*"
    rf"(?P<day>\d{{1,2}})(?:,\s*(?P<year>{_YEAR}))?\s*"
    r"(?:\((?P<credit>[^()]{2,40})\))?"
    r"(?:\s*(?::|--|—|–|-)\s*|\s*$|(?<=\))\s+(?=[A-Z]))"
)  # a credit may run straight into the lede: 'Beijing, Sep 30 (IANS) An earthquake'
# Agency credits without a date: 'LONDON (Reuters) -', '(Bloomberg) --' opening the
# lede, '(From Xinhua)' or '(Source: Xinhua)' inside a paragraph; a place and state
# before the credit ('EVANSVILLE, IN (WFIE) -'), an outlet's
# own domain ('Investing.com --'), a place-and-agency line ('MIAMI - AFP'), an agency
# then its desk's city ('UNB . Dhaka'), a 'Source: AFP' line and a lede's closing
# 'reports BSS.'. Agencies standing alone are acronyms: 'reports the minister' is not.
_AGENCY = r"(?P<credit>[A-Z]{2,6})"
_CREDITS = (
    re.compile(r"^(?:[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,15})?,?\s*)?"
               r"\((?P<credit>[A-Z][^()]{1,39})\)\s*(?:--|—|–|-)\s*"),
    re.compile(r"\((?:from|source:?|via)\s+(?P<credit>[A-Z][^()]{1,39})\)",
               re.IGNORECASE),
    re.compile(r"^(?P<credit>[A-Z][\w-]{1,30}\.(?:com|net|org|co|news))\s*(?:--|—|–)\s"),
    re.compile(rf"^[A-Z][A-Z .'-]{{1,40}}\s+(?:-|–|—)\s+{_AGENCY}$"),
    re.compile(rf"^{_AGENCY}\s*[.,|]\s*[A-Z][a-z]+$"),
    re.compile(r"^(?i:source)\s*[:：]\s*(?P<credit>[A-Z][\w&.' -]{1,39})$"),
    re.compile(rf",\s+reports\s+{_AGENCY}\.$"),
)  # fmt: skip
_YEAR_MENTION = re.compile(rf"\b(?:in|since|of|from|to|by|until|and|,)?\s*({_YEAR})\b")
_LAST_YEAR = re.compile(r"\blast year\b", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:by|written by|posted by|author:|作者[:：]|reporter:)\s*(?P<name>.+)$",
    re.IGNORECASE,
)
# "Tom Krisher, AP Auto Writer", "Jane Doe | Reporter": a name then a role, no "By".
_NAME_ROLE = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*(?:,|\||—|–|-)\s*"
    r"(?:the\s+|an?\s+)?(?:[A-Z][\w.&]*\s+){0,3}(?:senior\s+|chief\s+)?"
    r"(?:staff\s+)?(?:writer|reporter|correspondent|editor|columnist|"
    r"contributor)s?$",
    re.IGNORECASE,
)
_NAME_CUT = re.compile(
    rf"\s+(?:\||-|–|—|on|at|updated|published|posted)\s|\||@|\d|\b{_MON}\b\.?\s*\d",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(?:staff|writer|correspondent|reporter|contributor|editor|columnist|"
    r"\.com)\b", re.IGNORECASE,
)  # fmt: skip
_REPORTED_BY = re.compile(
    r"^As (?:reported|first reported|covered) by (?P<name>(?:[A-Z][\w&'’.-]*\s?){1,5}),"
)
_AGENCY_PART = re.compile(r"^[A-Z]{2,6}$")  # 'UPI' in 'By Allen Cone, UPI'
_NAME_WORD = re.compile(r"^[A-Z][\w&'’.-]*$|^(?:of|the|and|for|de|du|da|van|von)$")


@dataclass(frozen=True)
class DatelineMatch:
    """A dateline found at the start of a line; `rest` is the text after it."""

    month: int
    day: int
    year: int | None
    credit: str | None
    rest: str


def _month_number(token: str) -> int:
    return _MONTHS[token[:3].lower()]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_full_date(line: str) -> dt.date | None:
    """The first complete calendar date (with year) written in a line."""
    if not _ANY_YEAR.search(line):  # every full date has one: most lines have none
        return None
    found: list[tuple[int, dt.date]] = []
    for pattern in _FULL_DATES:
        m = pattern.search(line)
        if not m:
            continue
        groups = m.groupdict()
        month = (_month_number(groups["mon"]) if groups.get("mon")
                 else int(groups["month"]))  # fmt: skip
        date = _safe_date(int(groups["year"]), month, int(groups["day"]))
        if date:
            found.append((m.start(), date))
    return min(found)[1] if found else None


def match_dateline(line: str) -> DatelineMatch | None:
    """A dateline ('Nov 28(ABC):', 'BEIJING, Sept. 9 (Xinhua) --') opening a line."""
    m = _DATELINE.match(line)
    if m and (m.group("credit") or m.group("place") or m.group("year")):
        return DatelineMatch(_month_number(m.group("mon")), int(m.group("day")),
                             int(m.group("year")) if m.group("year") else None,
                             m.group("credit"), line[m.end():])  # fmt: skip
    return None


def credit_of_line(line: str) -> str | None:
    """An agency credit without a date: 'LONDON (Reuters) -', '(Bloomberg) --',
    '(From Xinhua)'."""
    for pattern in _CREDITS:
        m = pattern.search(line)
        if m:
            return m.group("credit").strip()
    return None


def infer_year(texts: Sequence[str], month: int, day: int) -> int | None:
    """Year of a yearless dateline from the text's own year mentions, never today.

    The latest year mentioned is taken as the writing year; when the text also
    speaks of "last year", that latest year is the one before publication.
    """
    joined = "\n".join(texts)
    years = [int(y) for y in re.findall(rf"\b({_YEAR})\b", joined)]
    if not years:
        return None
    latest = max(years)
    return latest + 1 if _LAST_YEAR.search(joined) else latest


def parse_yearless(month: int, day: int, year: int) -> dt.date | None:
    """Resolve 'Mon D' against the end of the inferred year, preferring the past."""
    import dateparser  # slow import: only when a yearless dateline needs it

    base = dt.datetime(year, 12, 31, 23, 59)
    parsed = dateparser.parse(
        f"{month}/{day}", languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                  "DATE_ORDER": "MDY"},
    )  # fmt: skip
    return parsed.date() if parsed else _safe_date(year, month, day)


def _byline_parts(line: str, max_words: int = 16) -> list[str] | None:
    """The comma-separated parts of a byline's name ('Allen Cone', 'UPI'), cut
    before a date or a separator; None when the line is no byline."""
    if len(line.split()) > max_words:
        return None
    m = _BYLINE.match(line) or _NAME_ROLE.match(line)
    if not m:
        return None
    name = _NAME_CUT.split(m.group("name"), maxsplit=1)[0]
    return [p.strip() for p in name.split(",")]


def match_byline(line: str, max_words: int = 16) -> str | None:
    """The author named by a byline ('By X', 'Author: X', '作者: X', or a name then
    a role: 'X, AP Writer', 'X | Reporter'), else None. An agency after the name
    is not part of it (`byline_agency`)."""
    parts = _byline_parts(line, max_words)
    if parts is None:
        return None
    kept = [p for p in parts if p and not _ROLE.search(p) and not _AGENCY_PART.match(p)]
    name = ", ".join(kept).strip(" ,;:-–—")
    words = name.split()
    if (
        not words
        or len(words) > 8
        or not all(_NAME_WORD.match(w.strip(",")) for w in words)
    ):
        return None
    return name


def byline_agency(line: str) -> str | None:
    """The agency a byline names after the author: 'By Allen Cone, UPI'."""
    parts = _byline_parts(line) or []
    return next((p for p in parts[1:] if _AGENCY_PART.match(p)), None)


def source_from_pipes(line: str) -> str | None:
    """The original outlet in 'Date Aggregator | Outlet | time' metadata lines."""
    segments = [s.strip() for s in line.split("|")]
    if len(segments) < 2:
        return None
    names = [
        s for s in segments[1:]
        if s and not re.search(r"\d", s) and 1 <= len(s.split()) <= 6
        and all(_NAME_WORD.match(w) for w in s.split())
    ]  # fmt: skip
    return names[0] if names else None


def source_from_reported_by(line: str) -> str | None:
    """'As reported by X, …' opening a paragraph: an outlet's self-reference (weak)."""
    m = _REPORTED_BY.match(line)
    return m.group("name").strip() if m else None


_FOOT_CREDIT = re.compile(r"^[^\W\d_][\w.&-]{1,24}$")


def foot_credit(lines: Sequence[str], last_body: int) -> str | None:
    """An agency credit standing alone right under the article's last paragraph
    ('Colprensa', 'tap'): one word, no digits, no end mark. Pages in other languages
    close their wire copy so, in place of an English dateline's '(AFP) -'."""
    below = lines[last_body + 1 : last_body + 2]
    if below and _FOOT_CREDIT.match(below[0]) and not below[0].endswith("."):
        return below[0]
    return None


def source_from_url(url: str | None) -> str | None:
    """The site host of an article URL, as a last resort ('ctpost.com')."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None
