"""Numeric claims in an article body: value, unit, qualifier, offsets per quantity."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from transforms.extract.metrics.changes import (
    change_of,
    multiplier_change,
    multiplier_use,
)
from transforms.extract.metrics.context import period_text, subject_text
from transforms.extract.metrics.draft_exclusions import (
    added_time,
    hyphen_name,
    listed_labels,
    one_of_many,
    score_scale,
    year_before_name,
)
from transforms.extract.metrics.drafts import (
    Draft,
    bare_scores,
    draft_number,
    share_range_parts,
)
from transforms.extract.metrics.elision import coordinated_heads, fill_elided_units
from transforms.extract.metrics.exclusions import exclusion
from transforms.extract.metrics.numbers import Lexicon, load_lexicon
from transforms.extract.metrics.ranges import pair_ranges
from transforms.extract.metrics.rates import denominator, elided_rates
from transforms.extract.metrics.shared_changes import shared_changes
from transforms.extract.metrics.spans import find_numbers
from transforms.extract.metrics.unit_forms import unit_form
from transforms.extract.metrics.units import indicator
from transforms.extract.metrics.vocabulary import fold_words, unit_key

logger = logging.getLogger(__name__)

QUALIFIERS = ("exact", "more_than", "at_least", "nearly", "about", "less_than", "up_to")


@dataclass(frozen=True)
class MetricSettings:
    """What counts as a metric beyond the data contract's core rules."""

    include_vague: bool = True  # "dozens of", "hundreds of" with value_low/value_high
    include_bare_words: bool = False  # word numbers counting nothing ("the two met")
    include_fractions: bool = True  # "two-thirds of members" -> 0.667 'fraction'
    include_one: bool = True  # "one solution"
    # "one of the largest networks": an idiom that picks a member, not a count
    include_one_of: bool = False


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
    change: str | None = None  # increase | decrease when the quantity is a change
    unit_key: str | None = None  # the unit in the one vocabulary (vocabulary.py)
    range_id: int | None = None
    converted_from: int | None = None  # list index of the amount this one converts
    value_low: float | None = None  # bounds of vague amounts ("hundreds" -> 200..999)
    value_high: float | None = None
    indicator: str | None = None  # unit with its key modifiers ("joint laboratory")
    subject_text: str | None = None  # proper-noun subject of the governing verb
    period_text: str | None = None  # a year or period in the same sentence


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
    spans = pair_ranges(doc, find_numbers(doc, lex), lex)
    drafts = [unit_form(doc, draft_number(doc, span, lex), lex) for span in spans]
    drafts = fill_elided_units(doc, share_range_parts(doc, drafts, lex), lex)
    drafts = coordinated_heads(doc, drafts)
    text = doc.text  # Doc.text joins every token: build it once
    drafts, scores, unread_scores = bare_scores(doc, text, drafts, lex)
    reasons = [
        None
        if k in scores
        else "score"
        if k in unread_scores
        else _drop_reason(doc, text, d, lex, settings)
        for k, d in enumerate(drafts)
    ]
    reasons = listed_labels(text, drafts, reasons)
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
    return _shared_rates(shared_changes(metrics, text))


def _shared_rates(metrics: list[Metric]) -> list[Metric]:
    out = list(metrics)
    for k, j in elided_rates(metrics).items():
        m, per = metrics[k], denominator(metrics[j].unit or "")
        key = metrics[j].unit_key or ""
        out[k] = replace(
            m,
            unit=f"{m.unit} per {per}",
            unit_key=f"{m.unit_key} per {denominator(key)}" if " per " in key else key,
            indicator=f"{m.indicator} per {per}"
            if m.indicator == m.unit
            else m.indicator,
        )
    return out


def extract_part_metrics(
    parts: Iterable[tuple[int, Doc]], settings: MetricSettings = MetricSettings()
) -> list[Metric]:
    """The metrics of a body given as parsed parts: `(offset, doc)` pairs, in text
    order, where `doc.text` starts at `offset` of the body (`nlp.analyse`). Offsets,
    range ids and conversion links are those of the whole body."""
    metrics: list[Metric] = []
    ranges = 0
    for offset, doc in parts:
        found = extract_metrics(doc, settings)
        base = len(metrics)
        metrics.extend(
            replace(
                m,
                start_char=m.start_char + offset,
                end_char=m.end_char + offset,
                range_id=None if m.range_id is None else m.range_id + ranges,
                converted_from=(
                    None if m.converted_from is None else m.converted_from + base
                ),
            )
            for m in found
        )
        ranges += max((m.range_id or 0 for m in found), default=0)
    return metrics


_DATE_REASONS = frozenset({"date", "year", "time_of_day", "score"})


def _range_kept(drafts: list[Draft], reasons: list[str | None], k: int) -> bool:
    """A range end falls with a partner that is a date ('18-24 November')."""
    if reasons[k] is not None:
        return False
    partner = drafts[k].span.range_with
    return partner is None or reasons[partner] not in _DATE_REASONS


def _drop_reason(
    doc: Doc, text: str, d: Draft, lex: Lexicon, settings: MetricSettings
) -> str | None:
    """`text` is `doc.text`, built once per part: Doc.text joins every token."""
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
        if not span.scaled:  # "three million" is an amount; "the two met" is not
            return "bare_word"
    if span.kind == "times" and not multiplier_use(doc[span.start], lex):
        return "not_multiplier"
    if year_before_name(doc, text, d):
        return "year"
    if hyphen_name(doc, d):
        return "name"
    if added_time(doc, text, d):
        return "time_of_day"
    if score_scale(doc, d):
        return "scale"
    if not settings.include_one_of and one_of_many(doc, d):
        return "one_of"
    reason = exclusion(doc, span, lex, d.strong_unit)
    if reason:
        logger.debug("not a metric (%s) at char %d", reason, d.start_char)
    return reason


def _converted_from(doc: Doc, text: str, d: Draft, metrics: list[Metric]) -> int | None:
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
    doc: Doc, text: str, d: Draft, range_id: int | None, converted_from: int | None
) -> Metric:
    first, last = doc[d.span.sent_start], doc[d.span.sent_end - 1]
    sentence = text[first.idx : last.idx + len(last)]  # Span.text walks every token
    unit = d.unit
    after = doc[d.span.end].lower_ if d.span.end < len(doc) else ""
    if d.span.kind == "fraction" and after not in ("a", "an"):
        unit = "fraction"  # "two-thirds of members"; "half an hour" is 0.5 hour
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
    last = max(d.span.end, anchor.i + 1)
    while last < len(doc) and doc[last].idx < d.end_char:
        last += 1
    next_word = doc[last].lower_ if last < len(doc) else ""
    return Metric(
        value=float(d.value),
        unit=unit,
        qualifier=qualifier,
        surface=text[d.start_char : d.end_char],
        start_char=d.start_char,
        end_char=d.end_char,
        sentence=sentence,
        currency=d.currency,
        change=(
            multiplier_change(doc[d.span.start], load_lexicon())
            if d.span.kind == "times"
            else None
        )
        or change_of(doc, d.hedge_start, last, d.span.signed, load_lexicon()),
        unit_key=unit_key(unit, d.currency, d.value, next_word, d.span.kind),
        range_id=range_id,
        converted_from=converted_from,
        value_low=low_high[0] if low_high else None,
        value_high=low_high[1] if low_high else None,
        indicator=fold_words(ind) if ind else None,
        subject_text=subject_text(anchor, d.span.sent_start, d.span.sent_end),
        period_text=period_text(sentence, first.idx, d.start_char, d.end_char),
    )
