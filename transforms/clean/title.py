"""The headline as a scored choice among the lines above the lede: position,
length, case, end punctuation, repetition as the page title and overlap with the
lead; null when no line reads as a headline."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from transforms.clean.settings import CleanSettings
from transforms.clean.signals import STOP_WORDS, line_signals, normalise_line

_SITE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+[|\-–—:]\s+(?P<site>[^|\-–—]+)$")
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
# "U.S." or "Inc." may end a headline; any other full stop ends a sentence.
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Inc|Ltd|Co|Corp|Jr|St)\.$")
_CLOCK_TIME = re.compile(r"\b\d{1,2}[:h]\d\d\b")
# A headline dated in its last words: 'Top startup news for today, Tuesday, April
# 30, 2019'; the text before the date must read as a headline, not a stamp's words.
_CLOSING_DATE = re.compile(
    r"^(?P<head>.+?)\s*[,–—|-]\s*(?:[A-Z][a-z]+day,?\s+)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}),?\s+(?:19|20)\d\d$"
)
_STAMP_WORD = re.compile(r"\b(?:updated|published|posted|modified|created)\b", re.I)
_LEAD_LINES = 3  # prose lines after the candidate that its words are checked against
_ABOVE_DECK = 2.5  # a headline right above its deck, right above the lede
# A sentence standing above a lede that restates this share of its content words is
# a headline written as a sentence, not the lede's first sentence.
_RESTATED_MIN_SHARE = 0.8


@dataclass(frozen=True)
class TitleChoice:
    index: int | None  # the headline's line, None when no line is a headline
    site: str | None  # the site named in a 'Headline - Site' page title
    below_prose: bool = False  # the headline was found below the first prose line


def is_prose(line: str, settings: CleanSettings) -> bool:
    """A sentence of the article, not a headline: long enough and ending like a
    sentence, or longer than any headline."""
    s = line_signals(line)
    return s.words > settings.title_max_words or (
        s.words >= settings.good_min_words and s.sentence_end
    )


def _stem(word: str) -> str:
    """A crude stem, so that 'closed' meets 'close' and 'drops' meets 'drop'."""
    return word[:5] if len(word) > 5 else word.rstrip("s")


def _content_words(text: str) -> set[str]:
    words = map(str.lower, _CONTENT_WORD.findall(text))
    return {_stem(w) for w in words if w not in STOP_WORDS}


def _is_candidate(line: str, settings: CleanSettings, restated: bool = False) -> bool:
    s = line_signals(line)
    if not 2 <= s.words <= settings.title_max_words or s.starts_lower:
        return False
    if line.endswith(".") and not (restated or _ABBREVIATION_END.search(line)):
        return False  # a sentence: a lead's first sentence is not its headline
    if _CLOCK_TIME.search(line):
        return False  # a time stamp ('Updated 08h54', '00:00:00 NETWORK …')
    return s.digit_share < settings.title_max_digit_share


def is_dated_headline(line: str, settings: CleanSettings) -> bool:
    """A headline that closes on the date it is about: the words before the date are
    a headline's (enough words, a capital first, no time or stamp verb), so the line
    is a title candidate and also dates the page."""
    m = _CLOSING_DATE.match(line)
    if not m:
        return False
    head = m.group("head")
    return (
        line_signals(head).words >= settings.title_min_words
        and not _STAMP_WORD.search(head)
        and _is_candidate(head, settings)
    )


def split_page_title(
    line: str, settings: CleanSettings
) -> tuple[str | None, str | None]:
    """('Headline', 'Site') of a 'Headline - Site' page title."""
    m = _SITE_SUFFIX.match(line)
    if m and len(m.group("site").split()) <= settings.site_name_max_words:
        return m.group("head").strip(), m.group("site").strip()
    return None, None


def _keys(line: str, settings: CleanSettings) -> set[str]:
    """The line and, for a 'Headline - Site' page title, its headline part."""
    head, _ = split_page_title(line, settings)
    return {normalise_line(line)} | ({normalise_line(head)} if head else set())


@dataclass(frozen=True)
class _Page:
    """What scoring a candidate needs to know about the whole page."""

    texts: Sequence[str]
    free: list[int]
    prose: list[int]  # free lines that read as sentences, in order
    key_lines: Counter  # how many lines carry each key (see `_keys`)
    stacked: frozenset[int] = frozenset()  # headline-like candidates (a deck's shape)


def _score(i: int, page: _Page, settings: CleanSettings) -> float:
    """Evidence that line `i` is the headline; see `choose_title`."""
    line = page.texts[i]
    s = line_signals(line)
    score = 0.0
    after = [j for j in page.prose if j > i]
    if after:
        # A headline sits right above its lede; a deck (standfirst) may sit between
        # them and does not push the headline away: it is the line that follows.
        between = [j for j in page.free if i < j < after[0]]
        deck = len(between) == 1 and between[0] in page.stacked
        score += _ABOVE_DECK if deck else max(0.0, 2.0 - len(between))
    head, _ = split_page_title(line, settings)
    long_enough = s.words >= settings.title_min_words  # short repeats are menus
    if long_enough and any(page.key_lines[k] > 1 for k in _keys(line, settings)):
        score += 2.0  # the page title repeated as the article's headline
        if head and page.key_lines[normalise_line(head)] > 1:
            score -= 1.0  # the 'Headline - Site' page title, not the headline
    words = _content_words(line)
    lead_words = _content_words(" ".join(page.texts[j] for j in after[:_LEAD_LINES]))
    if words and lead_words:
        score += 2.0 * len(words & lead_words) / len(words)
    if long_enough:
        score += 1.0
    else:
        score -= 0.5
    if s.words > settings.headline_max_words:
        score -= 1.0  # longer than headlines run: a lede or a deck cut short
    if s.title_case >= 0.6:
        score += 0.5
    if line.endswith((":", ",", ";")):
        score -= 0.5
    return score


def _restated_sentence(
    texts: Sequence[str], prose: Sequence[int], settings: CleanSettings
) -> int | None:
    """The first prose line when it is a headline written as a sentence: no longer
    than headlines run, set apart from the lede by page lines (share buttons, a
    byline), and the next, longer prose line restates nearly all of its content
    words ('Talks were held this morning.' above 'Talks between … were held at …
    this morning.'). A lede's first sentence is not restated by the next one, and a
    summary sitting right on the lede is its deck, not a headline."""
    if (
        len(prose) < 2
        or prose[1] == prose[0] + 1
        or line_signals(texts[prose[0]]).words > settings.headline_max_words
    ):
        return None
    words = _content_words(texts[prose[0]])
    lede = texts[prose[1]]
    if not words or len(lede) <= len(texts[prose[0]]):
        return None
    shared = len(words & _content_words(lede)) / len(words)
    return prose[0] if shared >= _RESTATED_MIN_SHARE else None


def _lede_start(
    prose: Sequence[int], fixed: Mapping[int, object], settings: CleanSettings
) -> int:
    """Where the lede starts: the first prose line, unless the article's date or
    byline line comes below it near the top of the page. Then the prose above is a
    promo or teaser, and the lede is the first prose line under that metadata."""
    if not prose:
        return settings.title_max_position
    metadata = [
        i
        for i, label in fixed.items()
        if prose[0] < i <= settings.title_max_position
        and isinstance(label, tuple)
        and label[0] in ("dateline", "byline")
    ]
    if not metadata:
        return prose[0]
    return next((j for j in prose if j > min(metadata)), len(prose) and prose[-1] + 1)


def choose_title(
    texts: Sequence[str],
    fixed: Mapping[int, object],
    settings: CleanSettings,
    sentence: Callable[[str], bool] | None = None,
) -> TitleChoice:
    """The best-scoring headline among the free lines above the lede, and the
    lines below it that repeat the page title.

    `texts` are the lines as a headline would read (crawler stamps removed);
    `fixed` holds lines already decided as metadata or furniture: never a title;
    `sentence` tells a line of prose (`is_prose` unless another language's marks).
    A headline broken over two lines ('Meeting:' / 'Declaration') is its first line.
    """
    free = [i for i in range(len(texts)) if i not in fixed]
    if not free:
        return TitleChoice(None, None)
    prose = [
        i
        for i in free
        if (sentence(texts[i]) if sentence else is_prose(texts[i], settings))
    ]
    restated = (
        _restated_sentence(texts, prose, settings) if prose[:1] == free[:1] else None
    )
    if restated is not None:
        prose.remove(restated)
    keys = {i: _keys(texts[i], settings) for i in range(len(texts))}
    page = _Page(texts, free, prose, Counter(k for ks in keys.values() for k in ks))
    limit = _lede_start(prose, fixed, settings)
    page_title = keys[free[0]]
    candidates = [
        i
        for i in free
        if (i < limit or (i > free[0] and keys[i] & page_title))
        and _is_candidate(texts[i], settings, restated=i == restated)
    ]
    if not candidates:
        return TitleChoice(None, None)
    stacked = frozenset(  # deck-shaped: long enough, and not the page title again
        i
        for i in candidates
        if line_signals(texts[i]).words >= settings.title_min_words
        and all(page.key_lines[k] == 1 for k in keys[i])
    )
    page = dataclasses.replace(page, stacked=stacked)
    score, best = max((_score(i, page, settings), i) for i in candidates)
    if score < settings.title_min_score:
        return TitleChoice(None, None)
    previous = [i for i in candidates if i < best]
    if previous and previous[-1] == best - 1 and texts[best - 1].endswith(":"):
        best -= 1
    head, site = split_page_title(texts[free[0]], settings)
    named = best == free[0] or normalise_line(texts[best]) == normalise_line(head or "")
    below = bool(prose) and best > prose[0]
    return TitleChoice(best, site if named else None, below)
