"""Numeric claims in an article body: value, unit, qualifier, offsets per quantity."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from transforms.metric_context import (
    amount_tail,
    currency_prefix,
    hedge_after,
    hedge_before,
    period_text,
    subject_text,
)
from transforms.metric_exclusions import exclusion
from transforms.metric_spans import NumberSpan, find_numbers
from transforms.metric_units import counted_subject, indicator, unit_name, unit_token
from transforms.numbers import Lexicon, classify_token, load_lexicon

logger = logging.getLogger(__name__)

QUALIFIERS = ("exact", "more_than", "at_least", "nearly", "about", "less_than", "up_to")


@dataclass(frozen=True)
class MetricSettings:
    """What counts as a metric beyond the data contract's core rules."""

    include_vague: bool = True  # "dozens of", "hundreds of" with value_low/value_high
    include_bare_words: bool = False  # word numbers counting nothing ("the two met")
    include_fractions: bool = True  # "two-thirds of members" -> 0.667 'fraction'
    include_one: bool = True  # "one solution", "one of the largest networks"


@dataclass(frozen=True)
class Metric:
    """One numeric quantity in doc.text; doc.text[start_char:end_char] == surface."""

    value: float
    unit: str | None
    qualifier: str
    surface: str
    start_char: int
    end_char: int
    sentence: str
    currency: str | None = None
    range_id: int | None = None
    converted_from: int | None = None  # list index of the amount this one converts
    value_low: float | None = None  # bounds of vague amounts ("hundreds" -> 200..999)
    value_high: float | None = None
    indicator: str | None = None  # unit with its key modifiers ("joint laboratory")
    subject_text: str | None = None  # proper-noun subject of the governing verb
    period_text: str | None = None  # a year or period in the same sentence


@dataclass(frozen=True)
class _Draft:
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


def extract_metrics(
    doc: Doc, settings: MetricSettings = MetricSettings()
) -> list[Metric]:
    """Every numeric claim of a parsed body (tagger, parser, ner), in text order.

    Dates, years, ordinals, times of day, identifiers and numbers inside names are left
    out; ranges give two rows sharing `range_id`; a bracketed money conversion points
    to the amount it converts through `converted_from`.
    """
    if len(doc) == 0:
        return []
    lex = load_lexicon()
    spans = find_numbers(doc, lex)
    drafts = [_draft(doc, span, lex) for span in spans]
    drafts = _share_range_parts(doc, drafts, lex)
    text = doc.text  # Doc.text joins every token: build it once
    scores = _scores(doc, text, drafts, lex)
    reasons = [
        "score" if k in scores else _drop_reason(doc, d, lex, settings)
        for k, d in enumerate(drafts)
    ]
    keep = [_range_kept(drafts, reasons, k) for k in range(len(drafts))]
    metrics: list[Metric] = []
    range_ids: dict[int, int] = {}
    for k, draft in enumerate(drafts):
        if not keep[k]:
            continue
        partner = draft.span.range_with
        range_id = None
        if partner is not None and keep[partner] and not draft.span.is_change:
            key = min(k, partner)
            range_id = range_ids.setdefault(key, len(range_ids) + 1)
        metrics.append(
            _to_metric(
                doc, text, draft, range_id, _converted_from(doc, text, draft, metrics)
            )
        )
    return metrics


def _draft(doc: Doc, span: NumberSpan, lex: Lexicon) -> _Draft:
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
        if unit_tok is not None:
            unit = unit_name(unit_tok, lex)
            iso = _currency_word(doc, span, unit_tok, lex)
            if iso:
                unit = lex.currency_unit(iso)
            strong = (
                unit_tok.tag_ in ("NNS", "NNPS")
                or iso is not None
                or (unit_tok.lemma_.lower() in lex.measure_units)
            )
    qualifier, hedge_start = hedge_before(doc, cur_start, span.sent_start, lex)
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
    if unit is None and _is_age(doc, span):
        return _Draft(
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
    return _Draft(
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


def _scores(doc: Doc, text: str, drafts: list[_Draft], lex: Lexicon) -> set[int]:
    """'6-4', '45-17', 'a 2-1 win': two integers joined by a bare hyphen that count
    nothing, or count a result, are a score."""
    out: set[int] = set()
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
            out.update((k, j))
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


def _share_range_parts(doc: Doc, drafts: list[_Draft], lex: Lexicon) -> list[_Draft]:
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


_DATE_REASONS = frozenset({"date", "year", "time_of_day", "score"})


def _range_kept(drafts: list[_Draft], reasons: list[str | None], k: int) -> bool:
    """A range end falls with a partner that is a date ('18-24 November')."""
    if reasons[k] is not None:
        return False
    partner = drafts[k].span.range_with
    return partner is None or reasons[partner] not in _DATE_REASONS


def _drop_reason(
    doc: Doc, d: _Draft, lex: Lexicon, settings: MetricSettings
) -> str | None:
    span = d.span
    if span.kind == "vague" and (not settings.include_vague or d.unit is None):
        return "vague"
    if span.kind == "word" and d.value == 1 and span.end - span.start == 1:
        if not (settings.include_one or d.strong_unit):
            return "lone_one"
    if span.kind == "fraction":
        if not settings.include_fractions:
            return "fraction"
    elif span.kind == "word" and d.unit is None and not settings.include_bare_words:
        return "bare_word"
    reason = exclusion(doc, span, lex, d.strong_unit)
    if reason:
        logger.debug("not a metric (%s) at char %d", reason, d.start_char)
    return reason


def _converted_from(
    doc: Doc, text: str, d: _Draft, metrics: list[Metric]
) -> int | None:
    """'10 billion yuan ($1.4 billion)': the bracketed amount converts the previous."""
    if d.currency is None or not metrics or d.hedge_start == 0:
        return None
    bracket = doc[d.hedge_start - 1]
    prev = metrics[-1]
    if bracket.text != "(" or prev.currency is None or prev.currency == d.currency:
        return None
    if text[prev.end_char : bracket.idx].strip():
        return None
    return len(metrics) - 1


def _to_metric(
    doc: Doc, text: str, d: _Draft, range_id: int | None, converted_from: int | None
) -> Metric:
    sent = doc[d.span.sent_start : d.span.sent_end]
    unit = "fraction" if d.span.kind == "fraction" else d.unit
    low_high = d.span.low_high
    qualifier = d.qualifier
    if low_high and qualifier == "exact":
        qualifier = "at_least"
    ind = d.indicator
    if ind is not None:
        pass
    elif d.unit_tok is not None and d.unit and d.currency is None:
        ind = indicator(d.unit_tok, d.unit, d.span.end, load_lexicon())
    elif unit:
        ind = unit
    anchor = d.unit_tok if d.unit_tok is not None else doc[d.span.end - 1]
    return Metric(
        value=float(d.value),
        unit=unit,
        qualifier=qualifier,
        surface=text[d.start_char : d.end_char],
        start_char=d.start_char,
        end_char=d.end_char,
        sentence=sent.text,
        currency=d.currency,
        range_id=range_id,
        converted_from=converted_from,
        value_low=low_high[0] if low_high else None,
        value_high=low_high[1] if low_high else None,
        indicator=ind,
        subject_text=subject_text(anchor, d.span.sent_start, d.span.sent_end),
        period_text=period_text(sent, d.start_char, d.end_char),
    )
