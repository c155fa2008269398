"""One floor check for every gold-set quality test."""

from __future__ import annotations

import pytest


def parametrize_floors(floors: dict[tuple[str, ...], float]):
    """Parametrize a test over (path into the scorer's JSON, floor) pairs."""
    return pytest.mark.parametrize(
        ("path", "floor"), list(floors.items()), ids=[".".join(p) for p in floors]
    )


def assert_above_floor(scores: dict, path: tuple[str, ...], floor: float) -> None:
    score = scores
    for key in path:
        score = score[key]
    assert score is not None and score >= floor - 1e-9, (
        f"{'.'.join(path)} = {score} < {floor}"
    )
