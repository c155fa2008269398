"""Block model: a small stacked logistic regression over the block features, with
its shipped weights."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from transforms.clean.block_features import (
    block_features,
    feature_names,
    stack_features,
)
from transforms.clean.heuristics import HeuristicView

MODEL_FILE = "block_classifier.json"


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
    path = resources.files("transforms.clean.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    if tuple(data["names"]) != feature_names():
        raise ValueError(f"{MODEL_FILE} was trained on other features; retrain it")
    return BlockModel(LinearLayer.from_json(data["stage1"]),
                      LinearLayer.from_json(data["stage2"]),
                      float(data["threshold"]))  # fmt: skip


def score_blocks(
    model: BlockModel, lines: Sequence[str], fixed: dict[int, str], view: HeuristicView
) -> np.ndarray:
    """Probability that each line is article body."""
    x = block_features(lines, fixed, view)
    p1 = model.stage1.predict(x)
    p1 = np.where([i in fixed for i in range(len(lines))], 0.0, p1)
    return model.stage2.predict(np.hstack([x, stack_features(lines, p1)]))
