"""Line shapes that overrule a body decision on an English page: a line written
mostly in another script (a site's furniture in its home language), a run of
headlines without end marks (related stories), a footnote or disclaimer opened by
a glued mark, a post teaser cut with a bracketed ellipsis and its headline, and the
earlier copy of a line the page repeats (a deck restated as the lede)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from transforms.clean.block_cues import text_cues
from transforms.clean.furniture import load_lexicon
from transforms.clean.signals import (
    LINE_CACHE_SIZE,
    WORD,
    line_signals,
    normalise_line,
)

# Related stories: this many consecutive lines of this many words without an end mark.
HEADLINE_RUN_MIN_LINES = 3
HEADLINE_MIN_WORDS = 8
# A verbless caption is a short line.
CAPTION_MIN_WORDS = 3
CAPTION_MAX_WORDS = 20
# Words before which an -s word is a plural noun, not a verb.
_NOUN_MARKERS = frozenset(
    "the a an of its his her their our your my these those this that some many all "
    "any each every both several few two three four five for with in on by".split()
)
_CONTRACTION = re.compile(r"['’](?:s|m|re|ve|d|ll)$|n['’]t$", re.IGNORECASE)
# A line whose letters are this much another script is not English prose.
OTHER_SCRIPT_MIN_SHARE = 0.25

_WIDE_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")  # a character is a word
_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+")
# A footnote's mark glued to its first word ('*These statements have not been …',
# '+Results vary …', '†Offer ends …'); a bullet has a space after its mark.
_FOOTNOTE_MARK = re.compile(r"^[*+†‡]+(?=[A-Z])")
# The mark a blog engine closes a post excerpt with ('… the number of players […]').
_EXCERPT_CUT = re.compile(r"\[\s*(?:…|\.{3}|&hellip;)\s*\]$")


@lru_cache(maxsize=LINE_CACHE_SIZE)
def other_script_share(line: str) -> float:
    """Share of the line's words that are in a script other than Latin; each
    character of a script written without spaces (Chinese, Japanese) counts as a
    word, so '… say the experts阅读理解答案' reads as a third foreign."""
    if line.isascii():
        return 0.0
    latin = len(_LATIN_WORD.findall(line))
    other = 0
    in_word = False
    for char in line:
        if not char.isalpha() or ("A" <= char <= "z") or "\u00c0" <= char <= "\u024f":
            in_word = False
            continue
        name = unicodedata.name(char, "")
        if name.startswith(_WIDE_SCRIPTS):
            other += 1
            in_word = False
        elif not in_word:
            other += 1
            in_word = True
    return other / (latin + other) if latin + other else 0.0


def overruled_body_lines(lines: Sequence[str], body: set[int]) -> dict[int, str]:
    """The body lines whose shape says they are not article prose, with the reason."""
    out: dict[int, str] = {}
    for i in body:
        if other_script_share(lines[i]) >= OTHER_SCRIPT_MIN_SHARE:
            out[i] = "other_script"
    for i in _headline_runs(lines):
        if i in body:
            out.setdefault(i, "headline_run")
    for i in body:
        if _FOOTNOTE_MARK.match(lines[i]):
            out.setdefault(i, "footnote")
    for i in _excerpt_teasers(lines, body):
        out.setdefault(i, "excerpt_teaser")
    for i in body:
        if verbless_caption(lines[i]):
            out.setdefault(i, "verbless_caption")
    for i in _earlier_copies(lines, body):
        out.setdefault(i, "repeated_later")
    return out


@lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    return frozenset(load_lexicon("irregular_verb_forms.txt"))


def _may_be_finite_verb(words: list[str], k: int) -> bool:
    """Could the k-th word be a finite verb? A lower-case word ending in -ed or an
    irregular form, an auxiliary, a contraction ('there's', 'I'm'), or a lower-case
    -s word that no determiner or preposition makes a plural noun."""
    word = words[k]
    lower = word.lower()
    if lower in _verb_forms() or _CONTRACTION.search(word) and not word[0].isupper():
        return True
    if word == "I" or lower.startswith(("i'", "i’")):
        return True
    if not word[0].islower():
        return False
    if lower.endswith("ed"):
        return True
    return (
        lower.endswith("s")
        and not lower.endswith(("ss", "us", "is"))
        and (k == 0 or words[k - 1].lower() not in _NOUN_MARKERS)
    )


@lru_cache(maxsize=LINE_CACHE_SIZE)
def verbless_caption(line: str) -> bool:
    """A photo caption in a sentence's clothes: 'Alan Franey, director of
    programming.', 'Juror Kim Linekin announcing the winners.' It ends with a full
    stop, names someone (two capitalised words in a row), has an apposition's comma
    or a participle, and no word of it can be a finite verb."""
    s = line_signals(line)
    if not line.endswith(".") or not CAPTION_MIN_WORDS <= s.words <= CAPTION_MAX_WORDS:
        return False
    words = WORD.findall(line)
    names = any(a[0].isupper() and b[0].isupper() for a, b in itertools.pairwise(words))
    participle = any(w.endswith("ing") and w[0].islower() for w in words)
    if not names or not ("," in line or participle):
        return False
    return not any(_may_be_finite_verb(words, k) for k in range(len(words)))


def _is_headline_shaped(line: str) -> bool:
    s, cues = line_signals(line), text_cues(line)
    return (
        s.words >= HEADLINE_MIN_WORDS
        and not s.sentence_end
        and not cues.tweet
        and not cues.bullet
    )


def _headline_runs(lines: Sequence[str]) -> list[int]:
    """Lines in runs of HEADLINE_RUN_MIN_LINES or more long lines without an end
    mark: prose paragraphs end with one, a list of story links does not. A run
    right after a line announcing it ('… are:', a question, 'If you …') is a list
    of the article; an embedded tweet or a bullet list is no headline."""
    found: list[int] = []
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if i < len(lines) and _is_headline_shaped(line):
            run.append(i)
            continue
        announced = (
            run and run[0] > 0 and lines[run[0] - 1].endswith((":", "?", "…", "..."))
        )
        if len(run) >= HEADLINE_RUN_MIN_LINES and not announced:
            found.extend(run)
        run = []
    return found


def _excerpt_teasers(lines: Sequence[str], body: set[int]) -> list[int]:
    """Body lines cut with a bracketed ellipsis, and the headline without an end mark
    just above each: the excerpt of another post (a sidebar of recent posts), since
    an article's own paragraphs are never cut short by the page."""
    found = []
    for i in sorted(body):
        if not _EXCERPT_CUT.search(lines[i]):
            continue
        found.append(i)
        if i - 1 in body and not line_signals(lines[i - 1]).sentence_end:
            found.append(i - 1)
    return found


def _earlier_copies(lines: Sequence[str], body: set[int]) -> list[int]:
    """Body lines the page repeats further down: the first is a deck or teaser of
    the paragraph kept below, and the article states it once."""
    seen: set[str] = set()
    copies = []
    for i in sorted(body, reverse=True):
        key = normalise_line(lines[i])
        if key in seen:
            copies.append(i)
        seen.add(key)
    return copies
