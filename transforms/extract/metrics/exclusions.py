"""Numbers that are no metric: dates, years, times, identifiers, names, scores."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from transforms.extract.metrics.number_span import NumberSpan
from transforms.extract.metrics.numbers import Lexicon

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")


def exclusion(doc: Doc, span: NumberSpan, lex: Lexicon, has_unit: bool) -> str | None:
    """Why the number is no metric (date, year, time, identifier, name), or None."""
    first = doc[span.start]
    text = doc[span.start : span.end].text
    if span.char_start is not None:
        text = first.text[
            span.char_start - first.idx : (span.char_end or 0) - first.idx
        ]
    if (
        span.kind == "year"
        or span.kind == "digit"
        and _YEAR.match(text)
        and not has_unit
    ):
        return "year"
    prev = _prev_word(doc, span.start)
    nxt = doc[span.end] if span.end < len(doc) else None
    if any(
        t is not None and t.lower_ in lex.era_words and t.text[:1].isupper()
        for t in (prev, nxt)
    ):
        return "year"  # "A.D. 1000", "500 BC"
    if (
        prev is not None
        and _is_month(prev, lex)
        or nxt is not None
        and _is_month(nxt, lex)
    ):
        return "date"
    if nxt is not None and nxt.lower_ in lex.time_of_day:
        return "time_of_day"
    if (
        prev is not None
        and prev.i >= span.sent_start
        and (prev.i == span.start - 1 or doc[span.start - 1].text == ".")
        and (
            prev.lower_ in lex.identifier_cues
            or prev.lower_ in lex.identifier_cues_weak
            and not has_unit
        )
    ):
        return "identifier"
    if span.kind == "digit" and (
        re.fullmatch(r"\d{7,}", text) or re.fullmatch(r"0\d+", text)
    ):
        return "identifier"
    if span.signed and not has_unit and not re.search(r"\d,\d{3}\b", text):
        return "identifier"  # "+49 40 890": a phone prefix; "+49,000" is grouped
    if span.kind == "digit" and _before_street(doc, span, lex):
        return "address"
    if (
        span.kind == "word"
        and first.text[:1].isupper()
        and first.i > span.sent_start
        and not (doc[first.i - 1].is_punct and doc[first.i - 1].text not in (",", "-"))
    ):
        return "name"  # "the Five-Year Plan", "Group of Seven"
    if first.ent_type_ in lex.name_labels and not first.ent_iob_ == "B":
        return "name"  # "Apollo 11", "Chang'e 5"
    if span.kind == "digit" and not has_unit and _after_name(prev, span, lex):
        return "name"  # "Apollo 11", "Destiny 2", "iPhone 11"
    if span.kind == "digit" and _inside_name(doc, span, text):
        return "name"  # "20 Boeing 787 Dreamliners"
    if _glued_letters(doc, span, lex):
        return "name"  # "5G", "3D", "4K"
    if span.kind == "digit" and not has_unit and _is_list_marker(doc, span):
        return "list_marker"
    return None


def _after_name(prev: Token | None, span: NumberSpan, lex: Lexicon) -> bool:
    letters = prev is not None and any(c.isalpha() for c in prev.text)
    if prev is None or prev.i != span.start - 1 or not letters:
        return False
    if any(c.isdigit() for c in prev.text):
        return False
    if prev.lower_ == "of" and prev.i > 0:
        # "Group of 20", "Class of 2024": the number closes a name
        head = prev.nbor(-1)
        return head.pos_ == "PROPN" and head.text[:1].isupper()
    if prev.lower_ in lex.months or prev.lower_ in lex.hedge_prefix:
        return False
    capital = prev.text[:1].isupper() or prev.text[1:2].isupper()
    return capital and (prev.pos_ == "PROPN" or prev.i > span.sent_start)


def _inside_name(doc: Doc, span: NumberSpan, text: str) -> bool:
    """'Boeing 787 Dreamliners', 'Airbus 320 Neo': an integer between two capitalised
    proper-noun words is a model number; headlines, capitalised throughout, are
    left alone."""
    if span.start == 0 or span.end >= span.sent_end or not text.isdigit():
        return False
    prev, nxt = doc[span.start - 1], doc[span.end]
    if not (prev.pos_ == "PROPN" and prev.is_title and nxt.is_title):
        return False
    if nxt.pos_ not in ("PROPN", "NOUN") or not prev.whitespace_:
        return False
    words = [t for t in doc[span.sent_start : span.sent_end] if t.is_alpha]
    return sum(t.is_lower for t in words) >= len(words) / 3


def _before_street(doc: Doc, span: NumberSpan, lex: Lexicon) -> bool:
    """'1119 Eighth St.', '3170 W. County Road': a house number."""
    for tok in doc[span.end : span.end + 5]:
        if tok.lower_ in lex.street_words and tok.text[:1].isupper():
            return True
        if not (tok.text[:1].isupper() or tok.is_punct and tok.text == "."):
            return False
    return False


def _glued_letters(doc: Doc, span: NumberSpan, lex: Lexicon) -> bool:
    last = doc[span.end - 1]
    if (
        span.end >= len(doc)
        or last.whitespace_
        or span.char_end
        not in (
            None,
            last.idx + len(last),
        )
    ):
        return False
    nxt = doc[span.end].lower_
    known = nxt in lex.measure_units or nxt in lex.scales or nxt in lex.percent
    money = nxt in lex.money_scales and span.currency is not None
    return doc[span.end].is_alpha and not known and not money


def _prev_word(doc: Doc, i: int) -> Token | None:
    k = i - 1
    while k >= 0 and doc[k].text in (".", ","):
        k -= 1
    return doc[k] if k >= 0 and k >= i - 2 else None


def _is_month(tok: Token, lex: Lexicon) -> bool:
    return tok.text[:1].isupper() and tok.lower_.rstrip(".") in lex.months


def _is_list_marker(doc: Doc, span: NumberSpan) -> bool:
    """'1.' or '(2)' numbering an item, not a quantity."""
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    at_start = span.start == span.sent_start
    bracketed = (before, after) in (("(", ")"), ("[", "]"))
    return bracketed or (at_start and after in (".", ")"))
