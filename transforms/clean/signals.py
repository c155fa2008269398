"""Cheap text signals of one line, shared by the furniture rules, the rule reading
and the block model."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS as _SPACY_STOP_WORDS

# A word: a letter, then letters, digits, apostrophes or hyphens.
WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*")
_SPACES = re.compile(r"\s+")
STOP_WORDS = frozenset(w.lower() for w in _SPACY_STOP_WORDS)
# Lines the per-line caches remember: enough for the furniture a site repeats on every
# page, few enough that a worker's memory does not grow with the corpus.
LINE_CACHE_SIZE = 4096


@lru_cache(maxsize=LINE_CACHE_SIZE)
def normalise_line(line: str) -> str:
    """Lower-cased line without edge punctuation: the key for lexicons and repeats
    (cached: the repeat count, the lexicons and the page-top check all ask for it)."""
    return _SPACES.sub(" ", line.lower()).strip(" \t.:;,!?|•·-–—>»<«")


@lru_cache(maxsize=LINE_CACHE_SIZE)
def line_key(line: str) -> int | None:
    """A stable 64-bit hash of the normalised line (None for a line of punctuation):
    the key repeats are counted by, the same in every process and every run."""
    normalised = normalise_line(line)
    if not normalised:
        return None
    digest = hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@dataclass(frozen=True)
class LineSignals:
    """Cheap text signals of one line, shared by the rules and the trained model."""

    words: int
    tokens: int  # words and numbers: "The total is $24 185 800." is a sentence of 7
    chars: int
    stop_density: float
    sentence_end: bool
    starts_lower: bool
    title_case: float
    digit_share: float


@lru_cache(maxsize=LINE_CACHE_SIZE)
def line_signals(line: str) -> LineSignals:
    """Signals of one line (cached: grading and the model both read them)."""
    words = WORD.findall(line)
    n = len(words)
    stops = sum(1 for w in words if w.lower() in STOP_WORDS)
    capitals = sum(1 for w in words if w[0].isupper())
    digits = len(_DIGIT.findall(line))
    return LineSignals(
        words=n,
        tokens=n + len(_NUMBER.findall(line)),
        chars=len(line),
        stop_density=stops / n if n else 0.0,
        sentence_end=bool(_SENTENCE_END.search(line)),
        starts_lower=line[:1].islower(),
        title_case=capitals / n if n else 0.0,
        digit_share=digits / max(1, len(line)),
    )
