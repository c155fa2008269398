"""One unit vocabulary for grouping (`unit_key`), next to the unit as written (`unit`).

`unit` keeps the article's counted noun (singular, lower case: "organisation" stays as
written, like the surface). `unit_key` folds spelling variants and synonyms into one
form ("organisation" and "organization" -> organization, "per cent" -> percent, "kmh"
-> km/h), names money by its ISO 4217 code in lower case, and tells a multiplier
("1.5 times", `time`) from a count of occurrences ("downloaded 18 billion times",
`occurrence`). Analysts group and filter on `unit_key`.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

from transforms.extract.metrics.numbers import _read_json


@lru_cache(maxsize=1)
def _vocabulary() -> MappingProxyType:
    data = _read_json("vocabulary.json")
    return MappingProxyType(
        {
            "spelling": MappingProxyType(data["spelling"]),
            "synonyms": MappingProxyType(data["synonyms"]),
            "multiplier_cues": frozenset(data["multiplier_cues"]),
        }
    )


def fold_words(text: str) -> str:
    """Each word of a unit or indicator in the vocabulary's spelling."""
    spelling = _vocabulary()["spelling"]
    return " ".join(spelling.get(w, w) for w in text.lower().split())


def unit_key(
    unit: str | None, currency: str | None, value: float, next_word: str, kind: str
) -> str | None:
    """The unit in the one vocabulary; `next_word` is the word after the quantity,
    `kind` the number's kind (`times` for "twice", "threefold")."""
    if currency:
        if unit and " per " in unit:
            return f"{currency.lower()} per {key_of(unit.split(' per ', 1)[1])}"
        return currency.lower()
    if unit is None:
        return None
    if unit == "time" and kind != "times":
        counted = next_word not in _vocabulary()["multiplier_cues"]
        return "occurrence" if counted and value >= 100 else "time"
    if " per " in unit:
        base, denom = unit.split(" per ", 1)
        return f"{key_of(base)} per {key_of(denom)}"
    return key_of(unit)


def key_of(unit: str) -> str:
    synonyms = _vocabulary()["synonyms"]
    folded = synonyms.get(unit, unit)
    return synonyms.get(fold_words(folded), fold_words(folded))
