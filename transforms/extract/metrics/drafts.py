"""Read each number in context (currency, unit, hedge) and settle ranges and scores."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from transforms.extract.metrics.context import (
    amount_tail,
    currency_prefix,
    hedge_after,
    hedge_before,
)
from transforms.extract.metrics.number_span import NumberSpan
from transforms.extract.metrics.numbers import Lexicon, classify_token
from transforms.extract.metrics.units import counted_subject, unit_name, unit_token


@dataclass(frozen=True)
class Draft:
    """A number read in context, before the keep/drop decision."""

    span: NumberSpan
    value: float
    unit: str | None
    unit_tok: Token | None
    currency: str | None
    qualifier: str
    start_char: int
    end_char: int
    hedge_start: int
    strong_unit: bool
    indicator: str | None = None


def draft_number(doc: Doc, span: NumberSpan, lex: Lexicon) -> Draft:
    """Value, unit, currency, qualifier and surface of one number; the unit comes
    first from money or percent signs, then from the counted noun of the parse."""
    iso, cur_start = currency_prefix(doc, span, lex)
    tail_unit, tail_end = amount_tail(doc, span, lex)
    unit, unit_tok = None, None
    strong = bool(iso or tail_unit)
    if iso:
        unit = lex.currency_unit(iso)
    elif tail_unit == "time":
        unit = "time"
        noun = counted_subject(doc[tail_end - 1], lex)
        if noun is not None and noun.i < span.start:
            unit, unit_tok = unit_name(noun, lex), noun
    elif tail_unit:
        unit = tail_unit
    else:
        unit_tok = unit_token(doc, span, lex)
        if unit_tok is not None and unit_tok.ent_type_ == "PERSON":
            unit_tok = None  # "mother of three Mary Ann": a name counts nothing
        unit = unit_name(unit_tok, lex) if unit_tok is not None else None
        if unit is None:
            unit_tok = None  # "Model 3s": no usable noun, keep the surface short
        if unit_tok is not None:
            iso = _currency_word(doc, span, unit_tok, lex)
            if iso:
                unit = lex.currency_unit(iso)
            strong = (
                unit_tok.tag_ in ("NNS", "NNPS")
                or iso is not None
                or (unit_tok.lemma_.lower() in lex.measure_units)
            )
    qualifier, hedge_start = hedge_before(doc, cur_start, span.sent_start, lex)
    if _spanning_over(doc, hedge_start, cur_start, unit_tok):
        qualifier, hedge_start = "exact", cur_start
    first = doc[hedge_start]
    start_char = first.idx
    if hedge_start == span.start and span.char_start is not None:
        start_char = span.char_start
    end_tok = doc[max(span.end, tail_end) - 1]
    end_char = end_tok.idx + len(end_tok)
    if span.char_end is not None and tail_end == span.end:
        end_char = span.char_end
    if unit_tok is not None and unit_tok.i >= span.end:
        end_char = max(end_char, unit_tok.idx + len(unit_tok))
    suffix = hedge_after(doc, max(span.end, tail_end), span, lex)
    if suffix and qualifier == "exact":
        qualifier = suffix
    value = span.low_high[0] if span.low_high else span.value
    if unit is None and (_is_age(doc, span) or _after_age_cue(doc, hedge_start, span)):
        return Draft(
            span,
            value,
            "year",
            None,
            None,
            qualifier,
            start_char,
            end_char,
            hedge_start,
            True,
            "age",
        )
    return Draft(
        span,
        value,
        unit,
        unit_tok,
        iso,
        qualifier,
        start_char,
        end_char,
        hedge_start,
        strong,
    )


_SPANNED = frozenset({"year", "month", "week", "day", "decade", "century", "season"})


def _spanning_over(
    doc: Doc, hedge_start: int, start: int, unit_tok: Token | None
) -> bool:
    """'repaid over 30 years', 'talks over five days': 'over' before a stretch of
    time says what it spans, not that it is exceeded ('over 30 years old' is)."""
    if (
        start - hedge_start != 1
        or doc[hedge_start].lower_ != "over"
        or unit_tok is None
    ):
        return False
    after = doc[unit_tok.i + 1].lower_ if unit_tok.i + 1 < len(doc) else ""
    return unit_tok.lemma_.lower() in _SPANNED and after not in ("old", "ago")


# words that make the bare number after them an age: "aged 45", "younger than 30",
# "over the age of 65"; links that carry it on to a range end or a listed age
_AGE_CUES = frozenset({"aged", "age", "ages", "older", "younger"})
_AGE_LINKS = frozenset({"and", "or", "to", "-", "–", ",", "between", "than", "of"})


def _after_age_cue(doc: Doc, hedge_start: int, span: NumberSpan) -> bool:
    """'patients aged over 65', 'younger than 45', 'under the age of 18', 'aged 25
    and 31': a bare number after an age word counts years."""
    if span.kind not in ("digit", "word") or not 0 < span.value < 130:
        return False
    for k in range(span.start - 1, max(span.sent_start, span.start - 7) - 1, -1):
        tok = doc[k]
        if tok.lower_ in _AGE_CUES:
            return True
        if k < hedge_start and not (tok.like_num or tok.lower_ in _AGE_LINKS):
            return False
    return False


def _is_age(doc: Doc, span: NumberSpan) -> bool:
    """'Patrick Carlineo, 55, of Addison': an age set off by commas after a name."""
    if span.kind != "digit" or not 0 < span.value < 120 or span.start < 2:
        return False
    after = doc[span.end].text if span.end < len(doc) else ","
    then = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if then is not None and then.pos_ == "PROPN":
        return False  # "corso Monforte, 15, Milan" is an address
    return (
        doc[span.start - 1].text == ","
        and (
            doc[span.start - 2].ent_type_ == "PERSON"
            or doc[span.start - 2].pos_ == "PROPN"
            and doc[span.start - 2].text[:1].isupper()
        )
        and after in (",", ".", ";", ")")
    )


def bare_scores(
    doc: Doc, text: str, drafts: list[Draft], lex: Lexicon
) -> tuple[list[Draft], set[int], set[int]]:
    """A score is two quantities that count nothing, not a range
    (benchmarks/metrics_gold/DECISIONS.md): 'beat Mumbai 2-1' gives 2 and 1 and 'a 3-2
    victory' gives 3 and 2, with no unit and the bare number as surface. Returns the
    drafts, the score ends kept and the hyphened pairs with no word of a result near
    them (dropped: '737-800' is a model)."""
    out, kept, unread = list(drafts), set(), set()
    for k, j in _score_pairs(doc, text, drafts, lex):
        if not _reads_as_result(doc, drafts[k], drafts[j], lex):
            unread.update((k, j))
            continue
        kept.update((k, j))
        for i in (k, j):
            d = drafts[i]
            last = doc[d.span.end - 1]
            out[i] = replace(
                d,
                unit=None,
                unit_tok=None,
                indicator=None,
                strong_unit=False,
                end_char=d.span.char_end or last.idx + len(last),
                span=replace(d.span, range_with=None),
            )
    return out, kept, unread


def _reads_as_result(doc: Doc, a: Draft, b: Draft, lex: Lexicon) -> bool:
    """A result word follows ('a 2-1 win') or comes shortly before ('won 2-0')."""
    if b.unit in lex.score_nouns:
        return True
    before = doc[max(a.span.sent_start, a.span.start - 6) : a.span.start]
    return any(t.lemma_.lower() in lex.score_cues for t in before)


def _score_pairs(
    doc: Doc, text: str, drafts: list[Draft], lex: Lexicon
) -> list[tuple[int, int]]:
    """'6-4', '45-17', 'a 2-1 win': two integers joined by a bare hyphen that count
    nothing, or count a result, are a score."""
    out: list[tuple[int, int]] = []
    for k, d in enumerate(drafts):
        j = d.span.range_with
        if j is None or j < k:
            continue
        b = drafts[j]
        a_end = d.span.char_end or doc[d.span.end - 1].idx + len(doc[d.span.end - 1])
        b_start = b.span.char_start or doc[b.span.start].idx
        integers = d.value == int(d.value) and b.value == int(b.value)
        if (
            text[a_end:b_start] in ("-", "–")
            and integers
            and (b.unit is None or b.unit in lex.score_nouns)
        ):
            out.append((k, j))
    return out


def _currency_word(doc: Doc, span: NumberSpan, tok: Token, lex: Lexicon) -> str | None:
    """'10 billion yuan', '5 million US dollars', 'Hong Kong dollars'."""
    iso = lex.currency_words.get(tok.lemma_.lower()) or lex.currency_words.get(
        tok.lower_
    )
    if iso is None or tok.i < span.end:
        return None
    if tok.lemma_.lower() == "dollar":
        between = " ".join(t.lower_ for t in doc[span.end : tok.i])
        for name, code in lex.dollar_modifiers.items():
            if f" {name} " in f" {between} ":
                return code
    return iso


def share_range_parts(doc: Doc, drafts: list[Draft], lex: Lexicon) -> list[Draft]:
    """'three to five years', '3 to 5 billion yuan', '$3-5 billion': the two ends share
    the unit, the scale, the currency and the hedge word."""
    out = list(drafts)
    for k, a in enumerate(drafts):
        j = a.span.range_with
        if j is None or j < k:
            continue
        b = drafts[j]
        a_borrows = a.unit is None or (
            a.unit_tok is not None and a.unit_tok.i > b.span.start
        )
        if not a_borrows and b.unit is not None and a.unit != b.unit:
            # "5 per cent to €3.2bn": two amounts, not one range
            out[k] = replace(a, span=replace(a.span, range_with=None))
            out[j] = replace(b, span=replace(b.span, range_with=None))
            continue
        value = a.value
        mult = _trailing_scale(doc, b.span, lex)
        if not a.span.scaled and mult and a.value * mult <= b.value:
            value = a.value * mult
        if a_borrows:
            last = doc[a.span.end - 1]
            a = replace(
                a,
                unit=b.unit,
                unit_tok=b.unit_tok,
                currency=b.currency,
                strong_unit=b.strong_unit,
                end_char=a.span.char_end or last.idx + len(last),
            )
        elif b.currency is None and a.currency is not None and b.unit is None:
            b = replace(b, unit=a.unit, currency=a.currency, strong_unit=True)
        if b.qualifier == "exact" and a.qualifier != "exact":
            b = replace(b, qualifier=a.qualifier)
        out[k], out[j] = replace(a, value=value), b
    return out


def _trailing_scale(doc: Doc, span: NumberSpan, lex: Lexicon) -> float | None:
    for tok in reversed(doc[span.start : span.end]):
        part = classify_token(tok.text, lex)
        if part is not None and part.kind == "scale" and part.value >= 1000:
            return part.value
    return None
