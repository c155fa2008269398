"""Find the token spans of numbers in a parsed Doc: digits, words, or both."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.attrs import LOWER
from spacy.tokens import Doc

from transforms.extract.metrics import digit_forms
from transforms.extract.metrics.number_span import (
    NumberSpan,
    make_span,
    split_range_token,
)
from transforms.extract.metrics.number_starts import (
    can_start,
    followed_by_of,
    fraction_alone,
)
from transforms.extract.metrics.numbers import (
    Lexicon,
    NumToken,
    classify_token,
    digit_range,
    fold_value,
)
from transforms.extract.metrics.sentences import sentence_bounds, tokens_with

_CODE = re.compile(r"\+?[\d()]+(?:[-–/.][\d()]+){2,}|\d+/\d+")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_HYPHENS = frozenset({"-", "–", "—"})
_PERIOD_WORDS = frozenset({"first", "last", "past", "next", "previous", "final"})


def find_numbers(
    doc: Doc, lex: Lexicon, bounds: list[tuple[int, int]] | None = None
) -> list[NumberSpan]:
    """Every number written in digits, words, or both, left to right, no overlaps;
    `bounds` are the `sentence_bounds` of the doc when the caller has them."""
    bounds = bounds if bounds is not None else sentence_bounds(doc)
    spans: list[NumberSpan] = []
    words = lex.number_words
    # most tokens hold no digit and no number word: test each distinct word once
    starts = tokens_with(
        doc,
        LOWER,
        lambda w: w in words or w.endswith("fold") or _has_digit(w),
    )
    covered = 0
    for i in starts:
        if i < covered:
            continue
        found = _number_at(doc, i, lex)
        if found is None:
            continue
        s_start, s_end = bounds[i]
        spans.extend(replace(f, sent_start=s_start, sent_end=s_end) for f in found)
        covered = found[-1].end
    return spans


def _has_digit(text: str) -> bool:
    return not text.isalpha() and any(ch.isdigit() for ch in text)


def _number_at(doc: Doc, i: int, lex: Lexicon) -> list[NumberSpan] | None:
    tok = doc[i]
    if tok.text[:1].isdigit() and (_in_code(doc, i) or _after_model_code(doc, i)):
        return None
    seconds = digit_forms.duration_seconds(tok.text)
    if seconds is not None:
        return [NumberSpan(i, i + 1, seconds, "digit", unit_hint="second")]
    decade = digit_forms.age_decade(doc, i)
    if decade is not None:
        return [NumberSpan(i, i + 1, decade, "digit", unit_hint="year")]
    pair = digit_range(tok.text)
    if pair is not None:
        if _YEAR.match(tok.text.split("-")[0]):
            return None  # "2020-21" is a season or fiscal year
        return split_range_token(tok, pair)
    fold = fold_value(tok.text, lex)
    if fold is not None:
        return [NumberSpan(i, i + 1, fold, "times")]
    if tok.lower_ in lex.multipliers:
        return [NumberSpan(i, i + 1, float(lex.multipliers[tok.lower_]), "times")]
    first = classify_token(tok.text, lex)
    if first is None or not can_start(doc, i, first, lex):
        return None
    grouped = (
        digit_forms.spaced_groups(doc, i, len(doc)) if first.kind == "digit" else None
    )
    if grouped is not None:
        first = replace(first, value=grouped[0])
    parts, end = _extend(doc, i, first, lex, grouped[1] if grouped else i + 1)
    scaled = tok.text[-1:].isalpha() or any(p.kind == "scale" for p in parts)
    if tok.text[:1] in lex.letter_signs and first.currency and not scaled:
        return None  # "N95", "R5": names; "R5 billion", "R2.5bn" are money
    return [make_span(i, end, parts)]


def _in_code(doc: Doc, i: int) -> bool:
    """Part of a phone number, ISBN, date or version written without spaces
    ('010-6851-1234', '978-3-16-148410-0', '12/06/2021', '24/7')."""
    a = i
    while a > 0 and not doc[a - 1].whitespace_:
        a -= 1
    b = i
    while b + 1 < len(doc) and not doc[b].whitespace_:
        b += 1
    chunk = doc[a : b + 1].text.strip("()[].,;:!?\"'")
    return bool(_CODE.fullmatch(chunk)) and digit_range(chunk) is None  # "9.4–9.6"


def _after_model_code(doc: Doc, i: int) -> bool:
    """'i5-9300H', 'RTX-3080 Ti': digits glued by a hyphen to a code with digits."""
    if i < 2 or doc[i - 1].text not in _HYPHENS or doc[i - 1].whitespace_:
        return False
    left = doc[i - 2]
    text = left.text
    mixed = any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
    return not left.whitespace_ and mixed


def _extend(
    doc: Doc, i: int, first: NumToken, lex: Lexicon, j: int
) -> tuple[list, int]:
    """Grow a number from doc[j] on over scales, word compounds, hyphens and 'and'."""
    parts = [first]
    start = j
    while j < len(doc):
        nxt = classify_token(doc[j].text, lex)
        last = parts[-1]
        words = all(
            p.kind in ("word", "scale", "article", "fraction", "dozen") for p in parts
        )
        if nxt and _joins(last, nxt, words, doc, j, lex):
            parts.append(nxt)
            j += 1
            continue
        if (
            doc[j].text in _HYPHENS
            and last.kind == "digit"
            and j + 1 < len(doc)
            and doc[j + 1].lower_ in lex.scales
        ):
            parts.append(NumToken("scale", float(lex.scales[doc[j + 1].lower_])))
            j += 2  # "a 13.8-billion-year period"
            continue
        if (
            doc[j].lower_ == "and"
            and last.kind in ("word", "digit", "scale")
            and j + 2 < len(doc)
            and doc[j + 1].lower_ in ("a", "one")
            and doc[j + 2].lower_ == "half"
        ):
            parts += [NumToken("article", 1.0), NumToken("fraction", 0.5)]
            j += 3  # "two and a half years", "1 and a half million"
            continue
        if doc[j].text in _HYPHENS or doc[j].lower_ == "and":
            after = classify_token(doc[j + 1].text, lex) if j + 1 < len(doc) else None
            link_ok = doc[j].lower_ != "and" or (
                words
                and last.kind in ("scale", "word")
                and (
                    last.kind == "scale"
                    or after is not None
                    and after.kind == "article"
                )
            )
            if (
                link_ok
                and after
                and words
                and after.kind not in ("digit", "vague")
                and _joins(last, after, words, doc, j + 1, lex)
            ):
                parts.append(after)
                j += 2
                continue
        if (
            last.kind == "vague"
            and doc[j].lower_ == "of"
            and j + 1 < len(doc)
            and doc[j + 1].lower_ in ("thousands", "millions", "billions")
        ):
            parts.append(_vague_scale(last, doc[j + 1].lower_, lex))
            parts.pop(-2)
            j += 2
            continue
        if (
            doc[j].lower_ in lex.money_scales
            and j == start
            and first.kind == "digit"
            and (
                first.currency
                or _currency_before(doc, i, lex)
                or _plural_noun_at(doc, j + 1)  # "1.2m tons", "5bn people"
            )
        ):
            parts.append(NumToken("scale", float(lex.money_scales[doc[j].lower_])))
            j += 1
            continue
        break
    return parts, j


def _joins(
    last: NumToken, nxt: NumToken, words: bool, doc: Doc, j: int, lex: Lexicon
) -> bool:
    if nxt.kind in ("scale", "dozen"):
        return last.kind in ("digit", "word", "article", "fraction", "scale")
    if nxt.kind == "word" and words:
        # "twenty five", "hundred five" join; "five five" does not
        return last.kind == "scale" or (
            last.kind == "word"
            and last.value >= 20
            and last.value % 10 == 0
            and nxt.value < 10
        )
    if nxt.kind == "fraction":
        if last.kind == "article" and doc[j].lower_ == "half":
            return True  # "two and a half years"
        numerator = j - 2 if doc[j - 1].text in _HYPHENS else j - 1
        before = doc[numerator - 1] if numerator > 0 else None
        periods = before is not None and (
            before.ent_type_ == "ORDINAL" or before.lower_ in _PERIOD_WORDS
        )  # "the first three quarters of 2021" are periods, not a fraction
        return (
            last.kind in ("word", "article")
            and not periods
            and (
                doc[j - 1].text in _HYPHENS
                or followed_by_of(doc, j)
                or last.kind == "article"
                and fraction_alone(doc, j)
            )
        )
    if nxt.kind == "article":
        return (
            last.kind == "fraction"
            and j + 1 < len(doc)
            and ((classify_token(doc[j + 1].text, lex) or last).kind == "scale")
        )
    return False


def _vague_scale(vague: NumToken, plural: str, lex: Lexicon) -> NumToken:
    """'tens of thousands' -> 20,000..99,999."""
    mult = float(lex.scales[plural.rstrip("s")])
    low, high = vague.low_high or (vague.value, vague.value)
    top = high * mult + mult - 1
    return NumToken("vague", low * mult, low_high=(low * mult, top))


def _plural_noun_at(doc: Doc, j: int) -> bool:
    return j < len(doc) and doc[j].tag_ in ("NNS", "NNPS") and doc[j].lower_ != "m"


def _currency_before(doc: Doc, i: int, lex: Lexicon) -> bool:
    return i > 0 and (
        doc[i - 1].text in lex.currency_symbols or doc[i - 1].text in lex.currency_codes
    )
