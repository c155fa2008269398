"""Counted nouns that are elided or stated earlier: the unit comes from the context.

"At least eight people were killed and more than 30 wounded" (30 people), "of the 40
labs, 11 are in Asia" (11 labs), "12 others were hurt" and "the four who voted"
(persons): a number with no counted noun after it takes the noun of the nearest
counted quantity before it in the sentence, else a person when 'others' or 'who'
follow its digits (a number word there is often an idiom: "walk with two others") or
when it is the subject of a casualty verb ("13 killed, 41 injured"); after "the
number of X" it counts X ("bringing the number of member countries to 14"), and after
a label it counts the label's noun ("Homes destroyed: At least 1,700").
A bare amount with a scale word ("958.34 billion") in a sentence that names its
currency elsewhere ("If calculated in USD, ...", "in dollar terms") is that money,
and so is one after a money amount ("$3 billion, up from 2.5 billion").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from transforms.extract.metrics.drafts import Draft
from transforms.extract.metrics.numbers import Lexicon
from transforms.extract.metrics.units import unit_name

_PERSON_CUES = frozenset({"other", "others", "who"})
_ELIDED_KINDS = frozenset({"digit", "word"})


def fill_elided_units(doc: Doc, drafts: list[Draft], lex: Lexicon) -> list[Draft]:
    """The drafts with the units of elided counted nouns filled in."""
    out = list(drafts)
    for k, d in enumerate(drafts):
        if d.unit is not None or d.span.kind not in _ELIDED_KINDS:
            continue
        if d.span.percent or d.currency:
            continue
        after = doc[d.span.end] if d.span.end < d.span.sent_end else None
        if after is not None and after.pos_ in ("NOUN", "PROPN", "NUM", "SYM"):
            if after.lower_ not in _PERSON_CUES:
                continue  # a noun follows: not elided, only unparsed
        iso = (
            _stated_currency(doc, d, lex) or _money_before(drafts, k)
            if d.span.scaled
            else None
        )
        if iso is not None:
            out[k] = replace(d, unit=lex.currency_unit(iso), currency=iso)
            continue
        if d.span.range_with is not None:
            continue
        counted = _number_of(doc, drafts, k, lex) or _label_noun(doc, d, lex)
        donor = None
        if counted is None:
            donor = _counted_after(
                doc, drafts, k, lex.measure_units
            ) or _counted_before(drafts, k)
        if counted is not None:
            out[k] = replace(d, unit=counted, strong_unit=False)
        elif donor is not None:
            out[k] = replace(d, unit=donor.unit, strong_unit=False)
        elif (
            d.span.kind == "digit"
            and after is not None
            and after.lower_ in _PERSON_CUES
        ) or _counts_people(doc, d, lex):
            out[k] = replace(d, unit="person", strong_unit=True)
    return out


def _counts_people(doc: Doc, d: Draft, lex: Lexicon) -> bool:
    """'Six were killed and 20 injured', '13 Killed, 41 Injured': a bare number that
    is the subject of a casualty verb, or is followed by one, counts people."""
    tok = doc[d.span.end - 1]
    if (
        tok.dep_ in ("nsubj", "nsubjpass")
        and tok.head.lemma_.lower() in lex.person_verbs
    ):
        return True
    nxt = doc[d.span.end] if d.span.end < d.span.sent_end else None
    return (
        nxt is not None
        and nxt.pos_ == "VERB"
        and nxt.tag_ in ("VBN", "VBD")
        and nxt.lemma_.lower() in lex.person_verbs
    )


_COUNT_NOUNS = frozenset({"number", "total", "tally", "count"})


def _number_of(doc: Doc, drafts: list[Draft], k: int, lex: Lexicon) -> str | None:
    """'bringing the total number of associated countries to 14': a bare number
    after 'the number of X' in its sentence, with no amount between, counts X."""
    d = drafts[k]
    start = d.span.sent_start
    if k and drafts[k - 1].span.sent_start == start:
        start = drafts[k - 1].span.end
    for tok in reversed(doc[start : d.span.start]):
        if tok.lower_ not in _COUNT_NOUNS:
            continue
        for of in (c for c in tok.children if c.lower_ == "of"):
            for obj in of.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                    return unit_name(obj, lex)
        return None
    return None


def _label_noun(doc: Doc, d: Draft, lex: Lexicon) -> str | None:
    """'Homes destroyed: At least 1,700', 'Deaths: 12': a number right after a short
    label that opens its sentence counts the label's plural noun."""
    colon = d.hedge_start - 1
    if colon <= d.span.sent_start or doc[colon].text != ":":
        return None
    label = doc[d.span.sent_start : colon]
    if len(label) > 4:
        return None
    nouns = [t for t in label if t.tag_ == "NNS"]
    return unit_name(nouns[0], lex) if nouns else None


def _money_before(drafts: list[Draft], k: int) -> str | None:
    """The currency of the nearest earlier amount of the same sentence, when that
    amount is money too ('$3 billion, up from 2.5 billion')."""
    d = drafts[k]
    for prev in reversed(drafts[:k]):
        if prev.span.sent_start != d.span.sent_start:
            return None
        if prev.currency is not None:
            return prev.currency
        if prev.unit is not None:
            return None  # a nearer amount counts something else
    return None


# words between two numbers that share the noun after the second: '62.4 and 61.5
# points', '13 out of 80 indicators'
_SHARED_HEAD_GAPS = frozenset({"and", "or", ",", "out of", "of"})


def _counted_after(
    doc: Doc, drafts: list[Draft], k: int, measures: frozenset[str]
) -> Draft | None:
    """The next quantity, when only a conjunction, 'out of' or the 'in' of a ratio
    stands between and it counts a noun: the noun is said once, after the last
    number."""
    d = drafts[k]
    if k + 1 >= len(drafts):
        return None
    nxt = drafts[k + 1]
    if nxt.span.sent_start != d.span.sent_start or nxt.unit is None:
        return None
    if nxt.currency is not None or nxt.span.percent or nxt.unit == "percent":
        return None  # 'up by 41,182 or 5.8%': a count restated as a share
    gap = " ".join(t.lower_ for t in doc[d.span.end : nxt.hedge_start])
    if gap == "in":  # "two in five adults"; "3 in 10 minutes" is a pace
        counted = nxt.unit_tok is not None and nxt.unit_tok.pos_ == "NOUN"
        return nxt if counted and nxt.unit_tok.lemma_ not in measures else None
    return nxt if gap in _SHARED_HEAD_GAPS else None


def _counted_before(drafts: list[Draft], k: int) -> Draft | None:
    """The nearest earlier quantity of the same sentence that counts a noun."""
    d = drafts[k]
    for prev in reversed(drafts[:k]):
        if prev.span.sent_start != d.span.sent_start:
            return None
        if prev.unit_tok is not None and prev.currency is None and prev.unit:
            if prev.unit_tok.pos_ == "NOUN" and prev.unit_tok.i < d.span.start:
                return prev
    return None


_CURRENCY_FRAMES = frozenset({"terms", "denominated", "-denominated"})


def _stated_currency(doc: Doc, d: Draft, lex: Lexicon) -> str | None:
    """ISO code of the currency the sentence says its amounts are in: 'in USD',
    'in dollars', 'in yuan terms', 'RMB-denominated'."""
    for tok in doc[d.span.sent_start : d.span.sent_end]:
        iso = lex.currency_codes.get(tok.text) or lex.currency_words.get(
            tok.lemma_.lower()
        )
        if iso is None:
            continue
        after = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
        if (tok.i > 0 and doc[tok.i - 1].lower_ == "in") or after in _CURRENCY_FRAMES:
            return iso
    return None


_COORDINATORS = frozenset({"and", "or"})
_MODIFIER_DEPS = frozenset({"amod", "advmod", "compound", "nmod"})


def coordinated_heads(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """'one online and one offline platform', 'two domestic or three foreign
    banks': a number whose 'unit' is only a modifier coordinated with the next
    amount counts that amount's head noun."""
    out = list(drafts)
    for k in range(len(drafts) - 2, -1, -1):
        d, nxt = drafts[k], out[k + 1]
        tok = d.unit_tok
        if tok is None or nxt.unit_tok is None or d.currency is not None:
            continue
        modifier = tok.pos_ == "ADJ" or (
            tok.dep_ in _MODIFIER_DEPS and tok.tag_ not in ("NNS", "NNPS")
        )
        linked = tok.i + 2 == nxt.span.start and doc[tok.i + 1].lower_ in _COORDINATORS
        if modifier and linked and nxt.unit_tok.pos_ == "NOUN":
            out[k] = replace(d, unit=nxt.unit, unit_tok=nxt.unit_tok)
    return out
