"""Boilerplate detection: per-line signals and a context-sensitive body split."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from transforms.clean import CleanSettings

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
_STOP_WORDS = frozenset(w.lower() for w in STOP_WORDS)
# Lines the per-line caches remember: enough for the furniture a site repeats on every
# page, few enough that a worker's memory does not grow with the corpus.
LINE_CACHE_SIZE = 4096


class EmptyLexiconError(ValueError):
    """A shipped lexicon file holds no entries: a packaging error, not a data issue."""


def load_lexicon(name: str) -> tuple[str, ...]:
    """Entries of a data file in transforms/data (one per line, '#' comments)."""
    text = resources.files("transforms.data").joinpath(name).read_text("utf-8")
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


def is_caption(line: str) -> bool:
    """A photo caption or credit by its cues: "Image caption …", "(left)",
    "file photo", an AP-style "…, Tuesday, Nov. 19, 2019, …", a gallery counter
    glued to the caption ("2of4A shopper …") or an agency credit at its end."""
    return bool(_caption_pattern().search(line))


@lru_cache(maxsize=LINE_CACHE_SIZE)
def normalise_line(line: str) -> str:
    """Lower-cased line without edge punctuation: the key for lexicons and repeats
    (cached: the repeat count, the lexicons and the page-top check all ask for it)."""
    return _SPACES.sub(" ", line.lower()).strip(" \t.:;,!?|•·-–—>»<«")


@dataclass(frozen=True)
class LineSignals:
    """Cheap text signals of one line, shared by the rules and the trained model."""

    words: int
    chars: int
    stop_density: float
    sentence_end: bool
    starts_lower: bool
    title_case: float
    digit_share: float


@lru_cache(maxsize=LINE_CACHE_SIZE)
def line_signals(line: str) -> LineSignals:
    """Signals of one line (cached: grading and the model both read them)."""
    words = _WORD.findall(line)
    n = len(words)
    stops = sum(1 for w in words if w.lower() in _STOP_WORDS)
    capitals = sum(1 for w in words if w[0].isupper())
    digits = len(_DIGIT.findall(line))
    return LineSignals(
        words=n,
        chars=len(line),
        stop_density=stops / n if n else 0.0,
        sentence_end=bool(_SENTENCE_END.search(line)),
        starts_lower=line[:1].islower(),
        title_case=capitals / n if n else 0.0,
        digit_share=digits / max(1, len(line)),
    )


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
        lowered = line.lower()
        if any(p in lowered for p in phrases):
            return "furniture_phrase"
    return None


@dataclass(frozen=True)
class HeuristicView:
    """The rule-based reading of a page: grades, context body flags and body runs."""

    grades: tuple[str, ...]
    context_body: tuple[bool, ...]
    run_share: tuple[float, ...]  # text share of the line's run against the main run
    kept: frozenset[int]


def grade_lines(
    lines: Sequence[str], fixed: dict[int, str], settings: CleanSettings
) -> HeuristicView:
    """jusText-style reading: grade lines good/near/short/bad by length and stop
    words, let short and near lines take their context's class, then keep only the
    densest contiguous run(s) of body lines."""
    grades: list[str] = []
    for i, line in enumerate(lines):
        if i in fixed:
            grades.append("bad")
            continue
        s = line_signals(line)
        if (
            s.starts_lower
            and not s.sentence_end
            and s.words <= settings.caption_max_words
        ):
            grades.append("bad")
        elif s.words >= settings.good_min_words and (
            s.stop_density >= settings.good_min_stop_density or s.sentence_end
        ):
            grades.append("good")
        elif s.words >= settings.near_min_words and s.sentence_end:
            grades.append("near")
        else:
            grades.append("short")
    body = _resolve_context(grades, settings)
    runs = _body_runs(lines, body, fixed, settings)
    share = [0.0] * len(lines)
    weights = [sum(len(lines[i]) for i in run) for run in runs]
    best = max(weights, default=1)
    kept: set[int] = set()
    for run, weight in zip(runs, weights, strict=True):
        for i in run:
            share[i] = weight / best
        if weight >= settings.run_min_share * best:
            kept.update(run)
    return HeuristicView(tuple(grades), tuple(body), tuple(share), frozenset(kept))


def classify_lines(
    lines: Sequence[str], fixed: dict[int, str], settings: CleanSettings
) -> dict[int, str]:
    """Body/boilerplate reasons for lines not already decided in `fixed`.

    The shipped block model decides when present; the rules alone otherwise, and
    also when the model keeps no line at all: a short article of one or two
    sentences must not vanish, so its sentence-like lines are kept.
    """
    from transforms.block_model import load_block_model, score_blocks

    view = grade_lines(lines, fixed, settings)
    model = load_block_model()
    probs = score_blocks(model, lines, fixed, view) if model else None
    free = [i for i in range(len(lines)) if i not in fixed]
    if probs is not None and not any(
        probs[i] >= model.threshold and view.grades[i] != "bad" for i in free
    ):
        probs = None  # the model kept nothing: fall back to the rule reading
    kept = view.kept or {i for i in free if view.grades[i] in ("good", "near")}
    out: dict[int, str] = {}
    for i in free:
        grade = view.grades[i]
        if probs is not None:
            is_body = probs[i] >= model.threshold and grade != "bad"
        else:
            is_body = i in kept
        if is_body:
            out[i] = "body_" + grade if grade in ("good", "near") else "body_context"
        elif view.context_body[i]:
            out[i] = "outside_main_run"
        elif probs is not None and grade == "good":
            out[i] = "model_teaser_or_aside"
        else:
            out[i] = "short_no_sentence" if grade != "bad" else "caption_like"
    return out


def _resolve_context(grades: list[str], settings: CleanSettings) -> list[bool]:
    """A short/near line is body when good lines enclose it within a small gap."""
    n = len(grades)
    body = [g == "good" for g in grades]
    good_idx = [i for i, g in enumerate(grades) if g == "good"]
    for i, g in enumerate(grades):
        if g not in ("near", "short"):
            continue
        k = bisect_left(good_idx, i)  # good_idx[k] is the first good line after i
        prev_good = good_idx[k - 1] if k else None
        next_good = good_idx[k] if k < len(good_idx) else None
        gap = settings.context_max_gap
        before = prev_good is not None and i - prev_good <= gap
        after = next_good is not None and next_good - i <= gap
        if before and after:
            between = grades[prev_good + 1 : next_good]
            body[i] = "bad" not in between or g == "near"
        elif g == "near" and (before or after) and n:
            body[i] = True
    return body


def _body_runs(
    lines: Sequence[str],
    body: list[bool],
    fixed: dict[int, str],
    settings: CleanSettings,
) -> list[list[int]]:
    """Group body lines into runs; a few non-body lines don't split a run."""
    runs: list[list[int]] = []
    last = None
    for i, is_body in enumerate(body):
        if not is_body:
            continue
        if last is not None and i - last - 1 <= settings.run_max_gap:
            runs[-1].append(i)
        else:
            runs.append([i])
        last = i
    return runs
