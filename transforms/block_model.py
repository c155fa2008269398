"""Block model: line + context features and a small logistic regression over them."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from transforms.boilerplate import HeuristicView, line_signals

MODEL_FILE = "block_classifier.json"
_NEIGHBOURS = (-2, -1, 1, 2)
_WINDOWS = (3, 10)


@dataclass(frozen=True)
class BlockModel:
    """Logistic regression weights over standardised features (shipped as JSON)."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float


@lru_cache(maxsize=1)
def load_block_model() -> BlockModel | None:
    """The shipped model, or None when no weights file is packaged."""
    path = resources.files("transforms.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    names = tuple(data["names"])
    if names != feature_names():
        raise ValueError(f"{MODEL_FILE} was trained on other features; retrain it")
    return BlockModel(
        names=names,
        mean=np.asarray(data["mean"], dtype=float),
        scale=np.asarray(data["scale"], dtype=float),
        weights=np.asarray(data["weights"], dtype=float),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
    )


_OWN = ("log_words", "log_chars", "stop_density", "sentence_end", "starts_lower",
        "title_case", "digit_share", "all_caps", "ends_colon", "fixed",
        "grade_good", "grade_near", "grade_short", "context_body", "kept", "run_share",
        "position", "after_title", "log_title_distance", "in_kept_span",
        "log_kept_distance")  # fmt: skip
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
    for i, line in enumerate(lines):
        s = line_signals(line)
        letters = [ch for ch in line if ch.isalpha()]
        kept_dist = min((abs(i - k) for k in kept), default=n)
        grade = view.grades[i]
        rows[i] = (
            math.log1p(s.words), math.log1p(s.chars), s.stop_density, s.sentence_end,
            s.starts_lower, s.title_case, s.digit_share,
            len(letters) > 1 and all(ch.isupper() for ch in letters),
            line.endswith(":"), i in fixed, grade == "good", grade == "near",
            grade == "short", view.context_body[i], i in view.kept, view.run_share[i],
            i / max(1, n - 1), i > title, math.log1p(abs(i - title)),
            first <= i <= last, math.log1p(kept_dist),
        )  # fmt: skip
    return rows


def block_features(
    lines: Sequence[str], fixed: dict[int, str], view: HeuristicView
) -> np.ndarray:
    """One row of features per line (columns as `feature_names()`)."""
    own = _own_rows(lines, fixed, view)
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(feature_names())))
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


def score_blocks(
    model: BlockModel, lines: Sequence[str], fixed: dict[int, str], view: HeuristicView
) -> np.ndarray:
    """Probability that each line is article body."""
    x = (block_features(lines, fixed, view) - model.mean) / model.scale
    return 1.0 / (1.0 + np.exp(-(x @ model.weights + model.bias)))
