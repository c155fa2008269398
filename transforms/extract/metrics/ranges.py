"""Pair numbers into ranges ('three to five years', 'between 10 and 20') and tell
ranges from changes ('rose from 10% to 20%')."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from transforms.extract.metrics.number_span import NumberSpan
from transforms.extract.metrics.numbers import Lexicon

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_RANGE_WORDS = frozenset({"to", "-", "–", "—", "through", "until", "or"})


def pair_ranges(doc: Doc, spans: list[NumberSpan], lex: Lexicon) -> list[NumberSpan]:
    """Link 'three to five', '10 and 20' after 'between', '$3 billion to $5 billion'."""
    out = list(spans)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if a.range_with is not None or a.kind == "times":
            continue
        if not _is_range_gap(doc, a, b, lex):
            continue
        if (
            _YEAR.match(doc[a.start].text)
            and a.end == a.start + 1
            and (len(doc[b.start].text) == 2)
        ):
            out[k + 1] = replace(b, kind="year")  # "2020-21": the second year
            continue
        change = _after_change_verb(doc, a.start, a.sent_start, lex)
        out[k] = replace(a, range_with=k + 1, is_change=change)
        out[k + 1] = replace(b, range_with=k, is_change=change)
    return out


def _is_range_gap(doc: Doc, a: NumberSpan, b: NumberSpan, lex: Lexicon) -> bool:
    if a.start == b.start:  # split from one token
        return True
    gap = [t for t in doc[a.end : b.start]]
    words = [t.text for t in gap]
    # the amount's own tail may sit between: "%", "per cent", "billion yuan"
    while words and (words[0] in lex.percent or words[0].lower() in lex.percent):
        words = words[1:]
    if words and words[-1] in lex.currency_symbols:
        words = words[:-1]
    if len(words) != 1:
        return False
    word = words[0].lower()
    if word == "or" and a.value >= b.value:
        return False  # "up by 41,182 or 5.8%": one change restated, not a range
    if word in _RANGE_WORDS:
        return a.sent_start == b.sent_start
    if word == "and":
        return a.start > 0 and _between_before(doc, a.start, lex)
    return False


def _between_before(doc: Doc, i: int, lex: Lexicon) -> bool:
    k = i - 1
    while k >= 0 and (
        doc[k].text in lex.currency_symbols
        or doc[k].lower_ in lex.hedge_prefix
        or doc[k].lower_ in lex.era_words
    ):
        k -= 1
    return k >= 0 and doc[k].lower_ == "between"


def _after_change_verb(doc: Doc, i: int, sent_start: int, lex: Lexicon) -> bool:
    """'rose from 10% to 20%', 'rose by 2,000 to 15,000', 'fell 3% to 1,200': a change
    and the value it reached, not a range."""
    k = i - 1
    while k >= sent_start and (
        doc[k].text in lex.currency_symbols or doc[k].lower_ in lex.hedge_prefix
    ):
        k -= 1
    if k < sent_start:
        return False
    if doc[k].lemma_.lower() in lex.change_verbs:
        return True
    if doc[k].lower_ not in ("from", "by"):
        return False
    window = doc[max(sent_start, k - 5) : k]
    return any(t.lemma_.lower() in lex.change_verbs for t in window)
