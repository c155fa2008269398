"""Rates whose 'per' unit is said once: the other amounts of the same thing in the
sentence are quoted at the same rate ('rose to $24.15 a barrel, after hitting a
high of $24.74'; '17-18 quintal per acre compared with 24-25 quintal last year')."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_PER = " per "
# an amount far from the rate's own is another quantity of that unit, not the same
# rate again ('HK$31 million, or HK$26,168 per square foot'; 'down $2.88 to $60.94
# a barrel' is a change)
_MAX_RATIO = 2.0


def elided_rates(metrics: Sequence[Any]) -> dict[int, int]:
    """Index of an amount without a rate -> index of the rate it shares: the nearest
    amount of the same sentence whose unit is that amount's unit 'per' something and
    whose value is of the same size."""
    out: dict[int, int] = {}
    for k, m in enumerate(metrics):
        if not m.unit or _PER in m.unit or m.value <= 0:
            continue
        rates = [
            j
            for j, r in enumerate(metrics)
            if r.sentence == m.sentence
            and r.unit
            and r.unit.startswith(m.unit + _PER)
            and r.value > 0
            and max(r.value, m.value) / min(r.value, m.value) <= _MAX_RATIO
        ]
        if rates:
            out[k] = min(rates, key=lambda j: abs(j - k))
    return out


def denominator(unit: str) -> str:
    """'usd per barrel' -> 'barrel'."""
    return unit.split(_PER, 1)[1]
