"""Thousands grouped with spaces: "$24 185 800", "2 511.35kgs", and a stray space
after a comma, "217, 581 acres". The tokenizer cuts them into several tokens; they
write one number (benchmarks/metrics_gold/DECISIONS.md, "Values")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

_LEAD = re.compile(r"^\d{1,3}$")
_GROUP = re.compile(r"^\d{3}(?:\.\d+)?$")


def spaced_groups(doc: Doc, i: int, sent_end: int) -> tuple[float, int] | None:
    """(value, end token) of a number whose thousands start at doc[i] and go on in
    groups of three digits after one space, or after a comma and one space; None
    when doc[i] starts no such number."""
    if not _LEAD.match(doc[i].text) or doc[i].whitespace_ not in (" ", ""):
        return None
    digits, j = doc[i].text, i + 1
    while j < sent_end and "." not in digits:
        tok = doc[j]
        if tok.text == "," and doc[j - 1].whitespace_ == "" and tok.whitespace_ == " ":
            j += 1  # "217, 581"
            tok = doc[j] if j < sent_end else None
            if tok is None or not _GROUP.match(tok.text):
                return _found(digits, i, j - 1)
        elif doc[j - 1].whitespace_ != " " or not _GROUP.match(tok.text):
            break
        digits += tok.text
        j += 1
    return _found(digits, i, j)


def _found(digits: str, i: int, j: int) -> tuple[float, int] | None:
    return (float(digits), j) if j > i + 1 else None
