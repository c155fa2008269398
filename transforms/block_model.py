"""Block model: line + context features and a small logistic regression over them."""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from transforms.boilerplate import (
    LINE_CACHE_SIZE,
    HeuristicView,
    line_signals,
    load_lexicon,
)

MODEL_FILE = "block_classifier.json"
_NEIGHBOURS = (-2, -1, 1, 2)
_WINDOWS = (3, 10)


@dataclass(frozen=True)
class LinearLayer:
    """Logistic regression over standardised features."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    @classmethod
    def from_json(cls, data: dict) -> LinearLayer:
        return cls(*(np.asarray(data[k], dtype=float) for k in ("mean", "scale",
                   "weights")), float(data["bias"]))  # fmt: skip

    def to_json(self) -> dict:
        return {
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "weights": self.weights.round(6).tolist(),
            "bias": round(self.bias, 6),
        }

    def predict(self, x: np.ndarray) -> np.ndarray:
        z = (x - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(z @ self.weights + self.bias)))


@dataclass(frozen=True)
class BlockModel:
    """Two stacked layers: line features, then those plus neighbours' stage-1 scores."""

    stage1: LinearLayer
    stage2: LinearLayer
    threshold: float


@lru_cache(maxsize=1)
def load_block_model() -> BlockModel | None:
    """The shipped model, or None when no weights file is packaged."""
    path = resources.files("transforms.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    if tuple(data["names"]) != feature_names():
        raise ValueError(f"{MODEL_FILE} was trained on other features; retrain it")
    return BlockModel(LinearLayer.from_json(data["stage1"]),
                      LinearLayer.from_json(data["stage2"]),
                      float(data["threshold"]))  # fmt: skip


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


# "Acme Corp. is a leading provider of …": a press release's company profile.
_PROFILE = re.compile(
    r"^(?:[A-Z][\w&'’.-]*,?\s+){1,6}(?:\([^()]{1,30}\)\s+)?(?:is|are)\s+"
    r"(?:a|an|the|one of)\b.{0,160}\b(?:leading|leader|provider|company|firm|"
    r"organi[sz]ation|headquartered|founded|employs|network|manufacturer|"
    r"developer|supplier|group)\b"
)
_PHOTO = re.compile(r"^©|\b(?:photo(?:graph)?s?|pictured|file image|getty images|"
                    r"shutterstock|illustration)\b", re.IGNORECASE)  # fmt: skip
_CONTACT = re.compile(r"\S@\S|https?://|www\.")
# A sentence opening right after a lower-case word with no stop between: a headline
# glued to its blurb ("… future automation A new study …").
_GLUED_BREAK = re.compile(r"[a-z0-9’'”\"] (?:A|An|The|This|These|In|It|On|After|When|"
                          r"As|For|From|With|Here|How|What|Why|We|You|He|She|They) "
                          r"[a-z]")  # fmt: skip
_MID_DATELINE = re.compile(r"\S\s+[A-Z]{2,}(?:\s+[A-Z]{2,}){0,2}\s*(?:\([^()]+\))?"
                           r"\s*(?::|--|—)\s")  # fmt: skip
# A photo credit line: "Sakib Ali/Hindustan Times/Getty Images", "Photo: X, AP",
# "(Image credit: NASA)", "Courtesy Google".
_CREDIT = re.compile(
    r"\b(?:getty(?:\s+images)?|reuters|ap|afp|epa|shutterstock|istock\w*|alamy|"
    r"bloomberg|courtesy|credits?|photo(?:graph)?s?|images?|copyright|via)\b|"
    r"\w\s?/\s?\w|©",
    re.IGNORECASE,
)
# A caption's own cues: who stands where, file photos, AP-style "Tuesday, Nov. 19,
# 2019, in …", a gallery counter, or an agency credit glued to its end.
_CAPTION = re.compile(
    r"\((?:left|right|cent(?:er|re)|top|bottom|front|back|l|r|pictured)\)|"
    r"\b(?:file (?:photo|image)|pictured|photo(?:graph)? by|image caption|stock "
    r"(?:image|photo)|(?:is|are) seen|this (?:image|photo|picture|handout))\b|"
    r"\((?:credit|photo|image)[^()]*\)\s*$|^\d+\s?of\s?\d+\S|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]{2,8}\.? \d{1,2}, "
    r"\d{4}, (?:in|at|near)\b|\b(?:AP|AFP|EPA|Getty(?: Images)?|Reuters|"
    r"Shutterstock|Bloomberg|Statista)\)?\s*$"
)
_HEADQUARTERED = re.compile(r"\b(?:is|are) (?:headquartered|based) in\b|\bemploys "
                            r"(?:around|about|over|more than|some|approximately)?"
                            r"\s*[\d,.]+", re.IGNORECASE)  # fmt: skip
_TWEET = re.compile(r"pic\.twitter\.com/|^[—–-]\s.+\(@\w+\)\s")
_BULLET = re.compile(r"^(?:[•·*▪◦‣►✓✔-]\s*|\d{1,2}[.)]\s)")
_ABOUT_HEADER = re.compile(r"^About(?: the)? [A-Z][\w&'’.-]*(?:\s+\S+){0,3}$")


@lru_cache(maxsize=1)
def _list_headers() -> tuple[str, ...]:
    return tuple(h.lower() for h in load_lexicon("section_headers.txt"))


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
        s, c = line_signals(line), _text_cues(line)
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


class _TextCues(NamedTuple):
    """What a line's own text says, for the features of the same names."""

    all_caps: bool
    list_header: bool  # a short line opening like a list's header ("Key points")
    about_header: bool
    lead_title_case: float
    company_profile: bool
    headquartered: bool
    photo_words: bool
    contact: bool
    glued_break: bool
    mid_dateline: bool
    credit: bool
    caption_cue: bool
    tweet: bool
    bullet: bool


@lru_cache(maxsize=LINE_CACHE_SIZE)
def _text_cues(line: str) -> _TextCues:
    """The cues of one line (cached: most of the features' cost is these regexes,
    and furniture and syndicated paragraphs recur across pages)."""
    letters = "".join(filter(str.isalpha, line))
    return _TextCues(
        all_caps=len(letters) > 1 and all(map(str.isupper, letters)),
        list_header=len(line.split()) <= 6 and line.lower().startswith(_list_headers()),
        about_header=bool(_ABOUT_HEADER.match(line)),
        lead_title_case=_title_share(line.split()[:8]),
        company_profile=bool(_PROFILE.match(line)),
        headquartered=bool(_HEADQUARTERED.search(line)),
        photo_words=bool(_PHOTO.search(line)),
        contact=bool(_CONTACT.search(line)),
        glued_break=bool(_GLUED_BREAK.search(line)),
        mid_dateline=bool(_MID_DATELINE.search(line, 15)),
        credit=_is_credit(line),
        caption_cue=bool(_CAPTION.search(line)),
        tweet=bool(_TWEET.search(line)),
        bullet=bool(_BULLET.match(line)),
    )


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _glued(words: list[str], shorts: frozenset[str]) -> bool:
    """The line opens with another short line of the page and goes on: a teaser
    glued from its headline and its blurb."""
    for k in range(3, min(20, len(words) - 3) + 1):
        if " ".join(words[:k]) in shorts:
            return True
    return False


def _is_credit(line: str) -> bool:
    """A short line naming a photo's source."""
    return (
        len(line.split()) <= 10
        and bool(_CREDIT.search(line))
        and not (line.endswith((".", "!", "?")) and len(line.split()) > 4)
    )


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
    cues = [_text_cues(line) for line in lines]
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


def _title_share(words: list[str]) -> float:
    letters = [w for w in words if w[:1].isalpha()]
    return sum(w[0].isupper() for w in letters) / len(letters) if letters else 0.0


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


def score_blocks(
    model: BlockModel, lines: Sequence[str], fixed: dict[int, str], view: HeuristicView
) -> np.ndarray:
    """Probability that each line is article body."""
    x = block_features(lines, fixed, view)
    p1 = model.stage1.predict(x)
    p1 = np.where([i in fixed for i in range(len(lines))], 0.0, p1)
    return model.stage2.predict(np.hstack([x, stack_features(lines, p1)]))
