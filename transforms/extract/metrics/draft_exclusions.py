"""Why a number read in context (a `Draft`) is no metric, beyond the token rules of
`exclusions`: a year next to a proper name, 'one of' a group, a number listed after
a label ('Articles 101 and 102')."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from transforms.extract.metrics.drafts import Draft

_GLUED_PLUS_AFTER = re.compile(r"\+\d")
_GLUED_PLUS_BEFORE = re.compile(r"\d\+\d?$")
_LABELS = frozenset({"identifier", "name"})
_LIST_LINKS = frozenset({",", "and", "or", "&", ", and"})


def listed_labels(
    text: str, drafts: list[Draft], reasons: list[str | None]
) -> list[str | None]:
    """'Articles 101 and 102', 'Stages 1, 2 and 3': a number listed right after a
    label with nothing counted is a label too."""
    out = list(reasons)
    for k in range(1, len(drafts)):
        prev, d = drafts[k - 1], drafts[k]
        link = text[prev.end_char : d.start_char].strip().lower()
        if out[k] is None and out[k - 1] in _LABELS and link in _LIST_LINKS:
            if not d.strong_unit:
                out[k] = out[k - 1]
    return out


# nouns a year names the time of: "below 1990 levels", "at 2015 prices"
_OF_A_YEAR = frozenset(
    {"level", "price", "figure", "data", "value", "peak", "standard"}
)


def year_before_name(doc: Doc, text: str, d: Draft) -> bool:
    """'the 2024 Summer Olympics', 'the 2018 Camp Fire', 'GII 2023 indicators': a
    year-like integer next to a proper name is part of the name, not a count; so is
    one before a level or price of that year ('below 1990 levels')."""
    surface = text[d.span.char_start or doc[d.span.start].idx : d.end_char]
    return (
        d.span.kind == "digit"
        and 1800 <= d.value <= 2100
        and d.value == int(d.value)
        and "," not in surface
        and d.currency is None
        and d.unit_tok is not None
        and (
            d.unit_tok.pos_ == "PROPN"
            or d.unit_tok.lemma_.lower() in _OF_A_YEAR
            or d.unit_tok.is_title  # "the 2022 Challenges to Security report"
            or d.span.start > 0
            and doc[d.span.start - 1].pos_ == "PROPN"  # "the GII 2023 indicators"
        )
    )


def one_of_many(doc: Doc, d: Draft) -> bool:
    """'one of the largest networks', 'one of his priorities': an idiom that picks
    one member of a group, not a count."""
    i = d.span.end
    return (
        d.span.kind == "word"
        and d.value == 1
        and d.span.end - d.span.start == 1
        and i + 1 < len(doc)
        and doc[i].lower_ == "of"
        and doc[i + 1].dep_ in ("det", "poss")
    )


_MEASURED = frozenset("year month week day hour minute second mile point".split())


def hyphen_name(doc: Doc, d: Draft) -> bool:
    """'the 5-Star party', 'a G-20 summit' style names: digits hyphened to a
    capitalised word that a lower-case word follows are a name; a headline's
    '5-Year High' (capitals throughout) is left alone."""
    i = d.span.end
    if d.span.kind != "digit" or i + 2 >= len(doc) or doc[i].text not in ("-", "–"):
        return False
    word, after = doc[i + 1], doc[i + 2]
    return (
        not doc[i - 1].whitespace_
        and word.lower_.removesuffix("s") not in _MEASURED
        and word.is_title
        and word.is_alpha
        and after.is_alpha
        and after.is_lower
    )


def added_time(doc: Doc, text: str, d: Draft) -> bool:
    """'struck again (90+3)', 'the 45+2 minute': digits glued by a plus sign are a
    match minute with added time, a clock reading rather than an amount ('$50M+'
    and '18+' have no digit after the sign)."""
    start = d.span.char_start
    start = doc[d.span.start].idx if start is None else start
    return bool(
        _GLUED_PLUS_AFTER.match(text, d.end_char)
        or _GLUED_PLUS_BEFORE.search(text, max(0, start - 2), start + 1)
    )


def score_scale(doc: Doc, d: Draft) -> bool:
    """'67.6 points out of 100', 'rated 4 out of 5': the number after 'out of' with
    nothing counted after it is the scale a score is read on; 'eight out of 10
    people' counts people and stays."""
    i = d.span.start
    if i < 2 or doc[i - 2].lower_ != "out" or doc[i - 1].lower_ != "of":
        return False
    end = max(d.span.end, d.unit_tok.i + 1 if d.unit_tok is not None else 0)
    after = doc[end] if end < len(doc) else None
    counted = d.unit_tok is not None and d.unit_tok.i >= i
    return not counted and (after is None or after.pos_ not in ("NOUN", "PROPN"))
