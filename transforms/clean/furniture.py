"""Furniture rules: the shipped lexicons of site furniture, captions and promos
(the lines a site repeats on its pages: `transforms.clean.repeats`)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pycountry

from transforms.clean.settings import CleanSettings
from transforms.clean.signals import LINE_CACHE_SIZE, normalise_line

# An e-mail address: in a short line it is the contact box under or beside the
# article ('Write to … at name@outlet.com', 'E-mail: info@company.com').
_EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")


class EmptyLexiconError(ValueError):
    """A shipped lexicon file holds no entries: a packaging error, not a data issue."""


def load_lexicon(name: str) -> tuple[str, ...]:
    """Entries of a data file in transforms/clean/data (one per line, '#' comments)."""
    text = resources.files("transforms.clean.data").joinpath(name).read_text("utf-8")
    entries = tuple(
        s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#")
    )
    if not entries:
        raise EmptyLexiconError(f"lexicon {name} is empty")
    return entries


@lru_cache(maxsize=1)
def _lexicons() -> tuple[tuple[str, ...], frozenset[str], tuple[re.Pattern, ...]]:
    phrases = tuple(p.lower() for p in load_lexicon("furniture_phrases.txt"))
    lines = frozenset(p.lower() for p in load_lexicon("furniture_lines.txt"))
    patterns = tuple(
        re.compile(p, re.IGNORECASE) for p in load_lexicon("promo_patterns.txt")
    )
    return phrases, lines, patterns


@lru_cache(maxsize=1)
def _caption_pattern() -> re.Pattern:
    """The caption lexicon as one alternation (one search per line)."""
    entries = load_lexicon("caption_patterns.txt")
    return re.compile("|".join(f"(?:{p})" for p in entries), re.IGNORECASE)


@lru_cache(maxsize=1)
def _republishing_patterns() -> tuple[re.Pattern, ...]:
    return tuple(
        re.compile(p, re.IGNORECASE) for p in load_lexicon("republishing_patterns.txt")
    )


@lru_cache(maxsize=LINE_CACHE_SIZE)
def match_republishing(line: str) -> tuple[bool, str | None]:
    """Whether a line is a republishing notice ('This release was issued on … by
    CERN.', 'Courtesy of Global Times', 'Source: Reuters'), and the outlet it names."""
    for pattern in _republishing_patterns():
        m = pattern.match(line)
        if m:
            outlet = m.groupdict().get("outlet")
            return True, outlet.strip() if outlet else None
    return False, None


def is_caption(line: str) -> bool:
    """A photo caption or credit by its cues: "Image caption …", "(left)",
    "file photo", an AP-style "…, Tuesday, Nov. 19, 2019, …", a gallery counter
    glued to the caption ("2of4A shopper …") or an agency credit at its end."""
    return bool(_caption_pattern().search(line))


@lru_cache(maxsize=1)
def _language_version() -> re.Pattern:
    """A link to a page's other language version: 'Agreement (English)', '(Russian
    translation)'. The names are ISO 639-1 languages (pycountry)."""
    names = sorted((lang.name for lang in pycountry.languages
                    if hasattr(lang, "alpha_2")), key=len, reverse=True)  # fmt: skip
    alternation = "|".join(map(re.escape, names))
    return re.compile(rf"\((?:{alternation})(?: (?:translation|version|original))?\)$")


def furniture_reason(line: str, settings: CleanSettings) -> str | None:
    """Why a line is site furniture by the lexicons, or None."""
    return _furniture_reason(line, settings.furniture_max_words)


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _furniture_reason(line: str, max_words: int) -> str | None:
    """`furniture_reason`, cached: a site's furniture recurs on all its pages."""
    phrases, whole_lines, patterns = _lexicons()
    if normalise_line(line) in whole_lines:
        return "furniture_line"
    if any(p.search(line) for p in patterns):
        return "promo_pattern"
    if is_caption(line):
        return "caption"
    if len(line.split()) <= max_words:
        if _language_version().search(line):
            return "language_version"
        if "@" in line and _EMAIL_ADDRESS.search(line):
            return "contact_line"
        lowered = line.lower()
        if any(p in lowered for p in phrases):
            return "furniture_phrase"
    return None
