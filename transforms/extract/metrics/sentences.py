"""Token scans of a parsed Doc: each token's sentence, and the tokens whose string
passes a test (each distinct string tested once)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.tokens import Doc


def tokens_with(doc: Doc, attr: int, test: Callable[[str], bool]) -> list[int]:
    """Indices of the tokens whose `attr` string passes `test`, in order."""
    ids = doc.to_array(attr).tolist()
    strings = doc.vocab.strings
    hits = {h for h in set(ids) if test(strings[h])}
    return [i for i, h in enumerate(ids) if h in hits] if hits else []


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each token's sentence, white space trimmed. A line break always
    ends a sentence: the parser sometimes runs one on across paragraphs."""
    n = len(doc)
    if n == 0:
        return []
    starts = {0}
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        starts.update(np.flatnonzero(doc.to_array(SENT_START) == 1).tolist())
    starts.update(i + 1 for i in tokens_with(doc, ORTH, lambda t: "\n" in t))
    starts.discard(n)
    space = doc.to_array(IS_SPACE).astype(bool).tolist()
    bounds: list[tuple[int, int]] = []
    edges = sorted(starts) + [n]
    for a, b in zip(edges, edges[1:], strict=False):
        start, end = a, b
        while start < end and space[start]:
            start += 1
        while end > start and space[end - 1]:
            end -= 1
        bounds.extend([(start, max(end, start))] * (b - a))
    return bounds
