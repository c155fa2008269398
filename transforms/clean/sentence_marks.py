"""Line labels of a page in another language than English: the English word and
stop-word signals do not apply, so prose is told by its sentence-final marks, the
headline is the scored choice among the lines above it (`choose_title`) and the
furniture is what the language-independent lexicon entries condemn (©, breadcrumbs,
time stamps, links)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from transforms.clean.furniture import furniture_reason
from transforms.clean.heuristics import reads_cut_short
from transforms.clean.settings import CleanSettings
from transforms.clean.title import choose_title

# Sentence-final marks of many scripts: Latin, CJK, Arabic, Devanagari.
_SENTENCE_END = re.compile(r"[.!?。！？؟।」”\"')）]$")
_MIN_SENTENCE_CHARS = 12
# Scripts written without spaces between words: the word-based headline score
# cannot read them, so their first line that is no sentence is the headline.
_UNSPACED_LANGUAGES = frozenset({"ja", "zh", "ko", "th", "lo", "km", "my"})


def is_sentence(line: str, settings: CleanSettings) -> bool:
    """A line of prose in any script: it ends like a sentence, or it introduces a
    quote (a clause ending with a colon), or it is longer than any headline."""
    words = len(line.split())
    if len(line) >= _MIN_SENTENCE_CHARS and _SENTENCE_END.search(line):
        return True
    return (line.endswith(":") and words >= settings.near_min_words) or (
        words > settings.title_max_words
    )


def label_other_language(
    texts: Sequence[str],
    links: Sequence[str | None],
    language: str,
    settings: CleanSettings,
) -> tuple[int | None, list[tuple[str, str]]]:
    """The headline's line (or None) and a (label, reason) for every line.

    Body lines are the sentences, a short line between two of them (a
    subheading) and a long last line cut off mid-sentence by the excerpt; a
    sentence shown twice on a page with other prose is an image's alt text and
    caption."""
    sentence = partial(is_sentence, settings=settings)
    furniture = {
        i: "furniture"
        for i, t in enumerate(texts)
        if not t or links[i] or furniture_reason(t, settings)
    }
    headline = _headline(texts, furniture, language, settings)
    counts: dict[str, int] = {}
    for t in texts:
        counts[t] = counts.get(t, 0) + 1
    prose = [
        i not in furniture and i != headline and sentence(t)
        for i, t in enumerate(texts)
    ]
    once = [p and counts[t] == 1 for p, t in zip(prose, texts, strict=True)]
    body = once if any(once) else prose  # the page's only prose stays, shown twice
    last = len(texts) - 1
    for i, t in enumerate(texts):
        if body[i] or i in furniture or i == headline:
            continue
        enclosed = 0 < i < last and body[i - 1] and body[i + 1]
        cut_short = i == last > 0 and body[i - 1] and reads_cut_short(t, settings)
        body[i] = enclosed or cut_short
    labels = []
    for i, _ in enumerate(texts):
        if i == headline:
            labels.append(("title", "headline_other_language"))
        elif body[i]:
            labels.append(("body", "sentence_other_language"))
        else:
            labels.append(("boilerplate", "no_sentence_other_language"))
    return headline, labels


def _headline(
    texts: Sequence[str],
    furniture: dict[int, str],
    language: str,
    settings: CleanSettings,
) -> int | None:
    if len(texts) < 2:
        return None  # a one-line page is its body, not a headline
    if language in _UNSPACED_LANGUAGES:
        first = next((i for i in range(len(texts)) if i not in furniture), None)
        return None if first is None or is_sentence(texts[first], settings) else first
    sentence = partial(is_sentence, settings=settings)
    return choose_title(texts, furniture, settings, sentence).index
