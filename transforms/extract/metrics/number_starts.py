"""Where a number may start: a word that is a number only in some company ('a'
before a scale, a fraction or 'dozen'; 'half' before 'of'; 'couple' before 'of')."""

from __future__ import annotations

from spacy.tokens import Doc

from transforms.extract.metrics.numbers import Lexicon, NumToken, classify_token


def can_start(doc: Doc, i: int, first: NumToken, lex: Lexicon) -> bool:
    """Whether the number word `first` at doc[i] starts a number here."""
    nxt = classify_token(doc[i + 1].text, lex) if i + 1 < len(doc) else None
    nxt_kind = nxt.kind if nxt else ""
    if first.kind == "article":
        if nxt_kind == "dozen":  # "a dozen eggs"; "a couple" only in "a couple of"
            return doc[i + 1].lower_ != "couple" or followed_by_of(doc, i + 1)
        return nxt_kind == "scale" or (
            nxt_kind == "fraction" and fraction_alone(doc, i + 1)
        )
    if first.kind == "scale":
        return False  # a bare "hundred"/"million" is never a number on its own here
    if first.kind == "dozen":  # "a dozen"; "a couple" only in "(the) couple of days"
        if doc[i].lower_ == "couple":
            return followed_by_of(doc, i)
        return doc[i].lower_ == "dozen" and i > 0 and doc[i - 1].lower_ == "a"
    if first.kind == "fraction":
        prev = doc[i - 1].lower_ if i > 0 else ""
        return (
            doc[i].lower_ == "half"
            and prev not in ("the", "first", "second")
            and (followed_by_of(doc, i) or nxt_kind == "article")
        )
    return True


# words after "a fifth" / "a third" that end its phrase: the fraction is an amount
# ("fell by a fifth in May", "about a third since 2022"), not an ordinal before a noun
# ("a third term", "a fifth consecutive rise")
_PHRASE_ENDS = frozenset(
    """of in on at by for from since to than and or but as over after before during
    this last compared while when""".split()
)


def fraction_alone(doc: Doc, i: int) -> bool:
    """The fraction word at i ends its phrase or counts a part of something."""
    if i + 1 >= len(doc):
        return True
    nxt = doc[i + 1]
    return nxt.lower_ in _PHRASE_ENDS or (nxt.is_punct and nxt.text not in "-–")


def followed_by_of(doc: Doc, i: int) -> bool:
    return i + 1 < len(doc) and doc[i + 1].lower_ == "of"
