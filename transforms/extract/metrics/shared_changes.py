"""Changes that one quantity passes to a neighbour: the two ends of a range, an
amount restated after 'or' or in brackets, and a level followed by the old level it
moved from ('5.1%, up from 4.8%')."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol, TypeVar

from transforms.extract.metrics.changes import DECREASE, INCREASE


class Quantity(Protocol):
    value: float
    start_char: int
    end_char: int
    change: str | None
    unit_key: str | None
    range_id: int | None
    converted_from: int | None


Q = TypeVar("Q", bound=Quantity)

# a level, then a comma or bracket and the old level it moved from; no clause
# boundary in between: "7.6 million people in need, up from 7.5 million"
_OLD_LEVEL_AFTER = re.compile(r"^[^.;:]{0,60}?[,(–—]\s*(up|down)\s+from$", re.I)


def shared_changes(metrics: list[Q], text: str) -> list[Q]:
    """The two ends of a range ('dropped to 17-18 quintal') and an amount restated
    after 'or' ('cut by 91 percent or Sh314 billion') or converted in brackets
    ('to HK$87.6 billion (US$11.3 billion)') move alike; a level stated with only
    the old level after 'up from' / 'down from' is the change."""
    out = list(metrics)
    for k in range(1, len(out)):  # the later one of each pair takes the change
        a, b = out[k - 1], out[k]
        restated = text[a.end_char : b.start_char].strip(" ,") == "or"
        restated |= b.converted_from == k - 1 or _same_amount_bracketed(a, b, text)
        if b.change is None and (restated or _same_range(a, b, text)):
            out[k] = replace(b, change=a.change)
    for k in range(len(out) - 2, -1, -1):  # the first end of a range
        a, b = out[k], out[k + 1]
        if a.change is None and _same_range(a, b, text):
            out[k] = replace(a, change=b.change)
        elif a.change is None:
            out[k] = replace(a, change=_moved_from(a, b, text))
    return out


def _moved_from(level: Quantity, old: Quantity, text: str) -> str | None:
    """'unemployment was 4.1%, down from 4.5%': the level before 'down from' fell."""
    found = _OLD_LEVEL_AFTER.match(text[level.end_char : old.start_char].rstrip())
    if found is None:
        return None
    return INCREASE if found.group(1).lower() == "up" else DECREASE


def _same_amount_bracketed(a: Quantity, b: Quantity, text: str) -> bool:
    """'Rs.14,000 crore (Rs.140 billion)': the same amount in other words."""
    same = a.unit_key == b.unit_key and abs(a.value - b.value) <= 0.005 * abs(a.value)
    return same and text[a.end_char : b.start_char].strip() == "("


def _same_range(a: Quantity, b: Quantity, text: str) -> bool:
    """Two ends of one range; 'from 4.5% to 2.7%' is an old and a new level."""
    before = text[max(0, a.start_char - 8) : a.start_char]
    old_level = before.rstrip().lower().endswith("from")
    return a.range_id is not None and a.range_id == b.range_id and not old_level
