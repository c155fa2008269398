"""Which sentences of an unparsed body can hold a metric, so that only those are given
to the tagger and parser.

The test runs on the tokens, the NER and the sentence starts only, and errs on the side
of keeping a sentence: a number is ruled out only for reasons `extract_metrics` would
also rule it out for without looking at the parse (a date, a time of day, an
identifier, a bare number word or year that nothing after it can count).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from transforms.extract.metrics.context import amount_tail, currency_prefix
from transforms.extract.metrics.exclusions import exclusion
from transforms.extract.metrics.number_span import NumberSpan
from transforms.extract.metrics.numbers import Lexicon, load_lexicon
from transforms.extract.metrics.sentences import sentence_bounds
from transforms.extract.metrics.spans import find_numbers
from transforms.extract.metrics.units import past_suffix_hedge

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
# Words that never stand between a number and the noun it counts (determiners,
# prepositions, conjunctions, pronouns, auxiliaries): after one of them the parse
# cannot give a bare number word or a year a unit (`metric_units._clean_path`).
# "of" is not here: "one of the 12 cities" counts cities.
_NO_UNIT_AFTER = frozenset(
    """the a an this that these those and or but nor so yet to in on at by for from
    with into onto over under as than when while after before since until till
    during through across against about around between among within without via
    per is are was were be been being has have had do does did will would shall
    should can could may might must it its he she they we i you his her their our
    my your who whom whose which what where why how if""".split()
)


def metric_sentences(
    doc: Doc,
    lex: Lexicon | None = None,
    bounds: list[tuple[int, int]] | None = None,
    *,
    bare_words: bool = False,
) -> list[tuple[int, int]]:
    """Token bounds (start, end) of the sentences of `doc` that may hold a metric, in
    order; the sentences are those `extract_metrics` reads (`sentence_bounds`: the
    sentence starts plus line breaks). `bare_words` mirrors
    `MetricSettings.include_bare_words`."""
    lex = lex or load_lexicon()
    bounds = bounds if bounds is not None else sentence_bounds(doc)
    found: list[tuple[int, int]] = []
    for span in find_numbers(doc, lex, bounds):
        sentence = (span.sent_start, span.sent_end)
        if found and found[-1] == sentence:
            continue
        if _may_be_metric(doc, span, lex, bare_words):
            found.append(sentence)
    return found


def _may_be_metric(doc: Doc, span: NumberSpan, lex: Lexicon, bare_words: bool) -> bool:
    unit = _may_have_unit(doc, span, lex)
    if span.kind == "vague" and not unit:
        return False
    if span.kind == "word" and not unit and not bare_words and not span.scaled:
        return False  # as extract_metrics: "three million" is an amount on its own
    return exclusion(doc, span, lex, unit) is None


def _may_have_unit(doc: Doc, span: NumberSpan, lex: Lexicon) -> bool:
    """False only when no currency, percent or counted noun can belong to the number."""
    if currency_prefix(doc, span, lex)[0] or amount_tail(doc, span, lex)[0]:
        return True
    if span.kind == "digit" and not _YEAR.match(doc[span.start].text):
        return True  # a unit changes nothing else for a plain number: keep it
    if span.char_end is not None:
        return True  # "2010-2020": leave ranges written as one token to the parse
    end = past_suffix_hedge(doc, span.end, lex)
    if end >= span.sent_end:
        return False
    nxt = doc[end]
    if nxt.lower_ == "of" or nxt.text in ("-", "–", "'", "’"):
        return True
    if nxt.is_punct or nxt.is_space:
        return False
    return nxt.lower_ not in _NO_UNIT_AFTER
