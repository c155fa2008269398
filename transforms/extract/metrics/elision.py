"""Counted nouns that are elided or stated earlier: the unit comes from the context.

"At least eight people were killed and more than 30 wounded" (30 people), "of the 40
labs, 11 are in Asia" (11 labs), "12 others were hurt" and "the four who voted"
(persons): a number with no counted noun after it takes the noun of the nearest
counted quantity before it in the sentence, else a person when 'others' or 'who'
follow its digits (a number word there is often an idiom: "walk with two others").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from transforms.extract.metrics.drafts import Draft

_PERSON_CUES = frozenset({"other", "others", "who"})
_ELIDED_KINDS = frozenset({"digit", "word"})


def fill_elided_units(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """The drafts with the units of elided counted nouns filled in."""
    out = list(drafts)
    for k, d in enumerate(drafts):
        if d.unit is not None or d.span.kind not in _ELIDED_KINDS:
            continue
        if d.span.percent or d.currency or d.span.range_with is not None:
            continue
        after = doc[d.span.end] if d.span.end < d.span.sent_end else None
        if after is not None and after.pos_ in ("NOUN", "PROPN", "NUM", "SYM"):
            if after.lower_ not in _PERSON_CUES:
                continue  # a noun follows: not elided, only unparsed
        donor = _counted_before(drafts, k)
        if donor is not None:
            out[k] = replace(d, unit=donor.unit, strong_unit=False)
        elif (
            after is not None
            and after.lower_ in _PERSON_CUES
            and d.span.kind == "digit"
        ):
            out[k] = replace(d, unit="person", strong_unit=True)
    return out


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
