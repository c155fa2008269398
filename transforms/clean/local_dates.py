"""Full dates written with the month's name in the page's own language ('Miércoles,
16 de Diciembre de 2015', '16. Dezember 2015', '5 mars 2019'). The month names are
dateparser's locale data, so every language it knows is covered alike."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)  # fmt: skip
_MIN_NAME = 3  # shorter abbreviations ('в', 'de') would match ordinary words


@lru_cache(maxsize=64)
def _month_names(language: str) -> tuple[re.Pattern[str], dict[str, int]] | None:
    """Day, optional short connector ('de'), month name, connector, year; and the
    month number of each name."""
    from dateparser.languages.loader import default_loader  # slow: only when needed

    try:
        info = default_loader.get_locale(language).info
    except ValueError:  # a language dateparser does not know
        return None
    months = {
        name.lower(): number
        for number, key in enumerate(_MONTH_KEYS, 1)
        for name in info.get(key, [])
        if len(name) >= _MIN_NAME
    }
    if not months:
        return None
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    connector = r"(?:[^\W\d_]{1,3}\s+)?"
    pattern = re.compile(
        rf"(?<!\w)(?P<day>\d{{1,2}})\.?\s+{connector}(?P<mon>{names})(?!\w)\.?,?\s+"
        rf"{connector}(?P<year>(?:19|20)\d\d)(?!\d)",
        re.IGNORECASE,
    )
    return pattern, months


def find_local_date(line: str, language: str) -> dt.date | None:
    """The first full date the line writes with a month name of `language`."""
    found = _month_names(language)
    if found is None:
        return None
    pattern, months = found
    m = pattern.search(line)
    if not m:
        return None
    try:
        month = months[m.group("mon").lower()]
        return dt.date(int(m.group("year")), month, int(m.group("day")))
    except ValueError:
        return None
