"""The language of a text (py3langid), kept to languages news is written in, with
English told apart by its function words and a guess the model is unsure of flagged.

py3langid alone reads repetitive English ("click here click here ...", a headline
repeated down a page) as Volapük, Kabyle or Latin: languages no scraped news is in,
so a run would drop the page's extraction with nothing saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice

import numpy as np

# Languages of the model that no news is written in (constructed or classical) and
# labels that are no language; the others with an ISO 639-1 code are kept.
_NOT_NEWS_LANGUAGES = frozenset({"vo", "la", "eo", "sa", "zxx"})
# Below this probability (py3langid's, normalised over the languages kept) a guess
# is uncertain: the text gets the run's default language, as a text too short to
# judge does, and the guess is flagged. A text whose words are this much English
# function words is English whatever the model says.
CONFIDENT = 0.5
_ENGLISH_SHARE = 0.3
# The model reads this much of a text: its probabilities are calibrated by the
# square root of the length, so on a long text (a 1 MB page, a repeated story)
# they fall towards uniform and every guess looks uncertain; a prefix this long
# is plenty to tell the language.
SAMPLE_CHARS = 3_000
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class LanguageGuess:
    language: str  # ISO 639-1
    guessed: str | None  # the model's best guess; None when the text was too short
    probability: float | None  # the model's probability of `guessed`
    english_share: float  # share of the words that are English function words

    @property
    def uncertain(self) -> bool:
        return self.probability is not None and self.probability < CONFIDENT


def detect_language(text: str, default: str = "en", min_letters: int = 20) -> str:
    """ISO 639-1 code of a text; `default` when the text is too short. A text that is
    English by its function words is English whatever the model says, so the model
    (the clean stage's costliest step) runs only on the others."""
    if _too_short(text, min_letters):
        return default
    if english_share(text) >= _ENGLISH_SHARE:
        return "en"
    return guess_language(text, default, min_letters).language


def guess_language(
    text: str, default: str = "en", min_letters: int = 20
) -> LanguageGuess:
    """`detect_language` with its evidence (the model always runs)."""
    return _guess(text, default, min_letters)


@lru_cache(maxsize=1024)
def _guess(text: str, default: str, min_letters: int) -> LanguageGuess:
    """Cached with every argument given, so each call form shares one entry: the
    same story's body recurs on pages that differ only in furniture, and the stage
    asks again for the flag."""
    share = english_share(text)
    if _too_short(text, min_letters):
        return LanguageGuess(default, None, None, share)
    guessed, probability = _identifier().classify(text[:SAMPLE_CHARS])
    if share >= _ENGLISH_SHARE:
        language = "en"
    elif probability < CONFIDENT:
        language = default
    else:
        language = guessed
    return LanguageGuess(language, guessed, probability, share)


def _too_short(text: str, min_letters: int) -> bool:
    return len(list(islice(filter(str.isalpha, text), min_letters))) < min_letters


def english_share(text: str) -> float:
    """Share of the text's words that are English function words."""
    words = _WORD.findall(text.lower())
    function_words = _english_function_words()
    return sum(1 for w in words if w in function_words) / max(1, len(words))


@lru_cache(maxsize=1)
def _identifier():
    """py3langid with probabilities, over the news languages with a two-letter code
    (the contract wants ISO 639-1: "pcm" has none)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(
        [
            lang
            for lang in identifier.labels
            if len(lang) == 2 and lang not in _NOT_NEWS_LANGUAGES
        ]
    )
    # Choosing languages leaves the feature table column-major, so gathering a
    # text's feature rows strides through memory (3x slower); row-major, the same
    # numbers give the same scores.
    identifier.nb_ptc = np.ascontiguousarray(identifier.nb_ptc)
    return identifier


@lru_cache(maxsize=1)
def _english_function_words() -> frozenset[str]:
    path = resources.files("transforms.clean.data").joinpath(
        "english_function_words.txt"
    )
    words = frozenset(
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    if not words:
        raise ValueError(f"{path} holds no words")
    return words
