"""Lexicon names glued to a number.

A table flattened to text loses its cell breaks: a ranking row "3 | United States |
63.5" becomes "3United States 63.5". The tokenizer keeps "3United" as one token, so
the lexicon ruler never sees the name; a lexicon name that starts right after a
digit and ends before a non-letter is the name all the same.
"""

from __future__ import annotations

import re
from functools import cache

from transforms.extract.entities.canonical import Candidate
from transforms.extract.entities.lexicons import entity_patterns

# a digit directly followed by a capital letter: where a glued name may start
_DIGIT_THEN_CAPITAL = re.compile(r"(?<=\d)[A-Z]")


@cache
def _names_by_initial() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """First letter → (name, label, id) of the lexicon names, longest first."""
    by_initial: dict[str, list[tuple[str, str, str]]] = {}
    for p in entity_patterns():
        name = p["pattern"]
        by_initial.setdefault(name[0], []).append((name, p["label"], p["id"]))
    return {
        k: tuple(sorted(v, key=lambda row: -len(row[0]))) for k, v in by_initial.items()
    }


def glued_lexicon_names(text: str) -> list[Candidate]:
    """Lexicon names written right after a digit ("5Singapore 61.5")."""
    out = []
    for m in _DIGIT_THEN_CAPITAL.finditer(text):
        for name, label, entity in _names_by_initial().get(m.group(), ()):
            end = m.start() + len(name)
            if text.startswith(name, m.start()) and not text[end : end + 1].isalpha():
                out.append(Candidate(m.start(), end, label, "lexicon", entity))
                break
    return out
