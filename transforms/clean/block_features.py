"""Block-model features: one row per line from its signals, its text cues, its
neighbours and the whole page, then the stacked context of stage-1 scores."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from transforms.clean.block_cues import text_cues
from transforms.clean.heuristics import HeuristicView
from transforms.clean.signals import line_signals

_NEIGHBOURS = (-2, -1, 1, 2)
_WINDOWS = (3, 10)

_OWN = ("log_words", "log_chars", "stop_density", "sentence_end", "starts_lower",
        "title_case", "digit_share", "all_caps", "ends_colon", "fixed",
        "grade_good", "grade_near", "grade_short", "context_body", "kept", "run_share",
        "position", "after_title", "log_title_distance", "in_kept_span",
        "log_kept_distance", "after_list_header", "dup_in_page", "glued_headline",
        "lead_title_case", "company_profile", "after_about_header", "log_after_main",
        "log_before_main", "page_good_share", "log_page_lines", "rel_length",
        "alternation", "photo_words", "contact", "glued_break",
        "mid_dateline", "credit", "prev_credit", "next_credit", "caption_cue",
        "dup_before_title", "after_profile", "tweet", "bullet",
        "log_furniture_from_main")  # fmt: skip
_NEIGHBOUR = ("log_words", "stop_density", "sentence_end", "fixed", "grade_good",
              "title_case")  # fmt: skip
_WINDOW = ("good", "fixed", "title_case", "short")


@lru_cache(maxsize=1)
def feature_names() -> tuple[str, ...]:
    names = list(_OWN)
    names += [f"n{d:+d}_{f}" for d in _NEIGHBOURS for f in _NEIGHBOUR]
    names += [f"w{k}_{f}" for k in _WINDOWS for f in _WINDOW]
    return tuple(names)


def _own_rows(
    lines: Sequence[str], fixed: dict[int, str], view: HeuristicView
) -> np.ndarray:
    n = len(lines)
    title = next((i for i, r in fixed.items() if r == "headline"), 0)
    kept = sorted(view.kept)
    first, last = (kept[0], kept[-1]) if kept else (n, -1)
    rows = np.zeros((n, len(_OWN)))
    last_header = -100
    own = []
    for i, line in enumerate(lines):
        s, c = line_signals(line), text_cues(line)
        if c.list_header:
            last_header = i
        grade = view.grades[i]
        own.append((
            math.log1p(s.words), math.log1p(s.chars), s.stop_density, s.sentence_end,
            s.starts_lower, s.title_case, s.digit_share, c.all_caps,
            line.endswith(":"), i in fixed, grade == "good", grade == "near",
            grade == "short", view.context_body[i], i in view.kept, view.run_share[i],
            i / max(1, n - 1), i > title, math.log1p(abs(i - title)),
            first <= i <= last, math.log1p(_distance(kept, i, n)),
            0 < i - last_header <= 15,
        ))  # fmt: skip
    rows[:, :_BASE] = own
    rows[:, _BASE:] = _page_rows(lines, view, title, fixed)
    return rows


def _distance(kept: list[int], i: int, default: int) -> int:
    """Distance from line i to the nearest of the sorted `kept` lines."""
    k = bisect_left(kept, i)
    return min((abs(i - j) for j in kept[max(0, k - 1) : k + 1]), default=default)


_BASE = _OWN.index("dup_in_page")  # columns from here on come from `_page_rows`


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _glued(words: list[str], shorts: frozenset[str]) -> bool:
    """The line opens with another short line of the page and goes on: a teaser
    glued from its headline and its blurb."""
    for k in range(3, min(20, len(words) - 3) + 1):
        if " ".join(words[:k]) in shorts:
            return True
    return False


def _page_rows(
    lines: Sequence[str], view: HeuristicView, title: int, fixed: dict[int, str]
) -> np.ndarray:
    """Features from the whole page: repeats on the page, teaser shapes, where the
    main run of prose lies, and the page's own length distribution."""
    n = len(lines)
    normed = [_norm(line) for line in lines]
    counts: dict[str, int] = {}
    for key in normed:
        counts[key] = counts.get(key, 0) + 1
    word_counts = [line_signals(line).words for line in lines]
    shorts = frozenset(k for k, w in zip(normed, word_counts, strict=True)
                       if 3 <= w <= 20)  # fmt: skip
    main = [i for i in view.kept if view.run_share[i] >= 1.0]
    start, end = (min(main), max(main)) if main else (n, -1)
    good = [len(lines[i]) for i, g in enumerate(view.grades) if g == "good"]
    typical = float(np.median(good)) if good else 80.0
    short = np.asarray([w <= 12 for w in word_counts])
    long_ = np.asarray([w >= 15 for w in word_counts])
    alt = np.zeros(max(n - 1, 0))
    if n > 1:
        alt = ((short[:-1] & long_[1:]) | (long_[:-1] & short[1:])).astype(float)
    cum = np.concatenate([[0.0], np.cumsum(alt)])
    # Furniture lines between a line and the main run: after the article's end
    # (newsletter prompts, "Related", share buttons) teasers follow.
    furniture = np.cumsum([i in fixed and fixed[i] != "headline" for i in range(n)])
    about = profile = -100
    cues = [text_cues(line) for line in lines]
    credit = [c.credit for c in cues] + [False]
    before_title = {k for k in normed[:title] if len(k.split()) >= 4}
    rows = []
    for i, (line, c) in enumerate(zip(lines, cues, strict=True)):
        if c.about_header:
            about = i
        words = normed[i].split()
        lo, hi = max(0, i - 4), min(len(alt), i + 4)
        rows.append((
            counts[normed[i]] > 1 and word_counts[i] >= 3,
            len(words) > 8 and _glued(words, shorts),
            c.lead_title_case, c.company_profile,
            0 < i - about <= 4, math.log1p(max(0, i - end)),
            math.log1p(max(0, start - i)), len(good) / max(1, n), math.log1p(n),
            math.log((len(line) + 1) / (typical + 1)),
            (cum[hi] - cum[lo]) / max(1, hi - lo), c.photo_words, c.contact,
            c.glued_break, c.mid_dateline, credit[i], credit[i - 1] and i > 0,
            credit[i + 1], c.caption_cue,
            i > title and normed[i] in before_title, 0 < i - profile <= 4,
            c.tweet, c.bullet,
            math.log1p(furniture[i] - furniture[end] if i > end >= 0 else
                       furniture[start] - furniture[i] if i < start < n else 0),
        ))  # fmt: skip
        if c.company_profile or c.headquartered:
            profile = i
    return np.asarray(rows, dtype=float)


def block_features(
    lines: Sequence[str], fixed: dict[int, str], view: HeuristicView
) -> np.ndarray:
    """One row of features per line (columns as `feature_names()`)."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(feature_names())))
    own = _own_rows(lines, fixed, view)
    cols = [_OWN.index(f) for f in _NEIGHBOUR]
    padded = np.vstack([np.zeros((2, own.shape[1])), own, np.zeros((2, own.shape[1]))])
    parts = [own]
    for d in _NEIGHBOURS:
        parts.append(padded[2 + d : 2 + d + n][:, cols])
    window_cols = [_OWN.index(c) for c in ("grade_good", "fixed", "title_case",
                                           "grade_short")]  # fmt: skip
    cumulative = np.vstack([np.zeros((1, 4)), np.cumsum(own[:, window_cols], axis=0)])
    for k in _WINDOWS:
        lo = np.clip(np.arange(n) - k, 0, n)
        hi = np.clip(np.arange(n) + k + 1, 0, n)
        parts.append((cumulative[hi] - cumulative[lo]) / (hi - lo)[:, None])
    return np.hstack(parts)


def stack_features(lines: Sequence[str], p: np.ndarray) -> np.ndarray:
    """Context of stage-1 scores: neighbours, window means, share of the best run."""
    n = len(p)
    padded = np.concatenate([np.zeros(2), p, np.zeros(2)])
    cols = [p] + [padded[2 + d : 2 + d + n] for d in _NEIGHBOURS]
    cumulative = np.concatenate([[0.0], np.cumsum(p)])
    for k in _WINDOWS:
        lo = np.clip(np.arange(n) - k, 0, n)
        hi = np.clip(np.arange(n) + k + 1, 0, n)
        cols.append((cumulative[hi] - cumulative[lo]) / np.maximum(hi - lo, 1))
    share = np.zeros(n)
    runs: list[list[int]] = []
    for i in np.flatnonzero(p >= 0.5):
        if runs and i - runs[-1][-1] <= 4:
            runs[-1].append(i)
        else:
            runs.append([i])
    weights = [sum(len(lines[i]) * p[i] for i in run) for run in runs]
    best = max(weights, default=1.0) or 1.0
    for run, weight in zip(runs, weights, strict=True):
        share[run[0] : run[-1] + 1] = weight / best
    cols.append(share)
    cols += _enclosure(lines, p)
    return np.column_stack(cols) if n else np.zeros((0, 12))


def _enclosure(lines: Sequence[str], p: np.ndarray, reach: int = 8) -> list:
    """Is the line enclosed by likely prose (a list inside the article), or past
    the last of it (teasers after the article)? Best stage-1 score within `reach`
    lines before and after, and the share of the page's prose mass after it."""
    n = len(p)
    # Scores are probabilities (>= 0), so zero padding leaves the maxima as they are.
    padded = np.concatenate([np.zeros(reach), p, np.zeros(reach)])
    windows = sliding_window_view(padded, reach).max(axis=1)
    before, after = windows[:n], windows[reach + 1 : reach + 1 + n]
    mass = p * np.asarray([len(line) for line in lines], dtype=float)
    total = mass.sum() or 1.0
    later = (total - np.cumsum(mass)) / total
    return [before, after, np.minimum(before, after), later]
