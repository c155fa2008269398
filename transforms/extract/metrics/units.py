"""The counted thing of a number: its head noun, unit name and indicator phrase."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from transforms.extract.metrics.number_span import NumberSpan
from transforms.extract.metrics.numbers import Lexicon, classify_token

_NOUNS = frozenset({"NOUN", "PROPN"})
_CLIMB_DEPS = frozenset({"compound", "amod", "nmod", "nummod"})
_UNIT_CHARS = re.compile(r"[^a-z0-9 /\-]")  # "/" of unit symbols: "km/h"


def unit_token(doc: Doc, span: NumberSpan, lex: Lexicon) -> Token | None:
    """The counted thing's head noun: from the dependency parse, skipping adjectives and
    compound modifiers ('over 1,200 foreign experts' -> experts)."""
    start, end = span.start, span.end
    sent_end = span.sent_end
    if (
        end < len(doc)
        and doc[end].lower_ == "of"
        and (span.kind in ("vague", "fraction") or doc[end - 1].lower_ in lex.dozen)
    ):
        return _of_object(doc[end])  # "dozens of firms", "a couple of days"
    if (
        end + 1 < sent_end
        and doc[end].text in ("-", "–")
        and doc[end + 1].pos_ in _NOUNS
    ):
        return doc[end + 1]  # "a 10-year plan": the unit is glued by the hyphen
    if (
        end + 2 < sent_end
        and doc[end].text in ("-", "–")
        and not doc[end].whitespace_
        and doc[end + 1].pos_ == "ADJ"
    ):
        return _next_noun(doc, end + 2, sent_end)  # "a 5,000-strong crowd"
    if (
        span.kind == "fraction"
        and end + 1 < sent_end
        and doc[end].lower_ in ("a", "an")
    ):
        return _next_noun(doc, end + 1, sent_end)  # "half an hour"
    end = past_suffix_hedge(doc, end, lex)  # "a million or more Uighurs"
    for cand in (_dep_head(doc, start, end, lex), _next_noun(doc, end, sent_end)):
        if cand is None or not _clean_path(doc, end, cand, sent_end):
            continue
        if cand.lower_ in lex.not_units:
            return None
        measure = _measure_between(doc, end, cand, lex)
        if measure is not None:
            return measure
        return _past_hyphen_compound(doc, cand, sent_end, lex)
    if end < sent_end and doc[end].lower_ == "of":
        # "11 of the 12 cities", "2.5 million of these deaths"
        obj = _of_object(doc[end])
        if (
            obj is not None
            and obj.tag_ in ("NNS", "NNPS")
            and any(c.dep_ in ("det", "poss") for c in obj.children)
        ):
            return obj
    return None


def past_suffix_hedge(doc: Doc, end: int, lex: Lexicon) -> int:
    for width in (2, 1):
        words = [t.lower_ for t in doc[end : end + width]]
        glued = "".join(t.text_with_ws for t in doc[end : end + width]).strip()
        phrase = " ".join(words)
        if len(words) == width and (
            width == 2 and phrase in lex.hedge_suffix or glued.lower() in ("-plus", "+")
        ):
            return end + width
    return end


def _past_hyphen_compound(doc: Doc, cand: Token, sent_end: int, lex: Lexicon) -> Token:
    """'3,000 people-to-people exchanges' counts exchanges: a noun glued into a hyphen
    compound only modifies the noun after the compound."""
    if _is_unit_word(cand, lex):
        return cand  # "406 lb-ft"
    j = cand.i
    while (
        j + 2 < sent_end
        and not doc[j].whitespace_
        and doc[j + 1].text in ("-", "–")
        and not doc[j + 1].whitespace_
    ):
        j += 2
    if j == cand.i:
        return cand
    head = _next_noun(doc, j + 1, sent_end)
    if head is None and doc[j].is_alpha and len(cand.text) <= 4:
        return doc[j]  # "two sub-indices", "seven co-founders": a prefix, no noun
    return head if head is not None and head.pos_ == "NOUN" else cand


_PERIOD_STARTS = frozenset({"last", "next", "past", "previous", "this"})
_PERIOD_NOUNS = frozenset(
    "year month week day quarter season decade century weekend night".split()
)
_PATH_POS = frozenset({"ADJ", "NOUN", "PROPN", "ADV", "CCONJ", "NUM", "PUNCT", "VERB"})


def _clean_path(doc: Doc, end: int, cand: Token, sent_end: int) -> bool:
    """Only modifiers may stand between the number and its noun: no article,
    preposition, clause punctuation or line break ('expand by five the pool')."""
    if not end <= cand.i < min(sent_end, end + 9):
        return False
    if "\n" in doc[end - 1 : cand.i].text_with_ws[len(doc[end - 1].text) :]:
        return False
    if (
        cand.i > end
        and doc[cand.i - 1].lower_ in _PERIOD_STARTS
        and cand.lemma_.lower() in _PERIOD_NOUNS
    ):
        return False  # "958 billion last year": a time adverb, not the counted noun
    for tok in doc[end : cand.i]:
        if tok.pos_ not in _PATH_POS or "\n" in tok.whitespace_:
            return False
        if tok.pos_ == "PUNCT" and tok.text not in ("-", "–", "'", "’"):
            if not _in_bracketed_acronym(doc, tok.i):
                return False
        if tok.pos_ == "VERB" and tok.tag_ not in ("VBN", "VBG"):
            return False
    # "a score of 80 and test scores": a conjunction right after the number
    # starts a new phrase; inside modifiers it joins them ("Latin American and ...")
    return cand.i == end or doc[end].pos_ != "CCONJ"


def _in_bracketed_acronym(doc: Doc, i: int) -> bool:
    """A bracket of '(ITER)' inside a modifier: 'the seven International
    Thermonuclear Experimental Reactor (ITER) members' count members."""
    j = i + 1 if doc[i].text == "(" else i - 1
    if not 0 < j < len(doc) - 1 or not doc[j].text.isupper():
        return False
    return doc[j - 1].text == "(" and doc[j + 1].text == ")"


def _measure_between(doc: Doc, end: int, cand: Token, lex: Lexicon) -> Token | None:
    """'176 hp 2.5-liter engine', '20.7 cubic foot trunk': a unit in between wins."""
    for tok in doc[end : cand.i]:
        if tok.like_num or tok.pos_ == "NUM":
            return None
        # short unit symbols are often tagged ADJ ("176 hp engine")
        abbrev = tok.pos_ == "ADJ" and len(tok.text) <= 4
        if (tok.pos_ in _NOUNS or abbrev) and _is_unit_word(tok, lex):
            return tok
    return None


def _of_object(of: Token) -> Token | None:
    objs = [c for c in of.children if c.dep_ == "pobj" and c.pos_ in _NOUNS]
    return objs[0] if objs else None


def _dep_head(doc: Doc, start: int, end: int, lex: Lexicon) -> Token | None:
    heads = [t for t in doc[start:end] if not start <= t.head.i < end]
    if not heads:
        return None
    tok = heads[-1]
    cand = tok.head
    if (
        cand.i < end
        or cand.pos_ not in _NOUNS | {"ADJ"}
        or tok.dep_ not in ("nummod", "quantmod", "compound", "amod", "nmod", "det")
    ):
        return None
    while (
        (cand.dep_ in _CLIMB_DEPS or cand.pos_ == "ADJ")
        and cand.head.i > cand.i
        and (cand.head.pos_ in _NOUNS)
        and not _is_unit_word(cand, lex)
    ):
        if cand.pos_ == "NOUN" and cand.i == end and cand.head.pos_ == "PROPN":
            break  # "12 member Monetary Policy Committee": members, not the name
        cand = cand.head
    return cand if cand.pos_ in _NOUNS else None


def _is_unit_word(tok: Token, lex: Lexicon) -> bool:
    """A noun that is the unit itself though it modifies another ('5 billion yuan
    budget', '10-year plan')."""
    lemma = tok.lemma_.lower()
    return lemma in lex.currency_words or lemma in lex.measure_units


def _next_noun(doc: Doc, end: int, sent_end: int) -> Token | None:
    """Fallback when the parse does not attach the number: the noun phrase after it."""
    j = end
    last = None
    while j < sent_end and j < end + 6:
        tok = doc[j]
        if tok.pos_ in ("ADJ", "NOUN", "PROPN") or tok.text in ("-",):
            if tok.pos_ in _NOUNS:
                last = tok
            j += 1
            continue
        break
    if last is None or (j > end and doc[end].pos_ not in ("ADJ", "NOUN", "PROPN")):
        return None
    return last


def unit_name(tok: Token, lex: Lexicon) -> str | None:
    """Lower-case singular unit from the head noun, safe for the unit column."""
    lemma = tok.lemma_ if tok.pos_ == "NOUN" else tok.text
    lemma = lex.lemmas.get(tok.lower_, lemma)
    if tok.text.endswith("-") and len(tok.text) > 2:
        lemma = tok.text[:-1]  # "287 miles- and": a dash glued by the tokenizer
        if lemma.endswith("s") and not lemma.endswith("ss"):
            lemma = lemma[:-1]
    text = tok.text
    if text.endswith("s") and sum(c.isupper() for c in text) >= 2:
        lemma = text[:-1]  # acronym plurals: "MoUs", "NGOs", "SMEs"
    if tok.tag_ == "NNPS" and lemma.endswith("s"):
        lemma = lemma[:-1]
    doc = tok.doc
    if (
        tok.i > 1
        and doc[tok.i - 1].text == "-"
        and not doc[tok.i - 2].whitespace_
        and (doc[tok.i - 2].is_alpha and not doc[tok.i - 1].whitespace_)
        and classify_token(doc[tok.i - 2].text, lex) is None
    ):
        lemma = f"{doc[tok.i - 2].text}-{lemma}"  # "light-years", "man-hours"
    name = _UNIT_CHARS.sub("", lemma.lower()).strip(" -/")
    return name if name[:1].isalpha() else None


def counted_subject(times: Token, lex: Lexicon) -> Token | None:
    """'downloads of data exceeding 160 million times' counts downloads."""
    verb = times.head
    if (
        times.dep_ not in ("dobj", "npadvmod")
        or verb.lemma_.lower() not in lex.count_verbs
    ):
        return None
    noun = None
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
        noun = verb.head
    else:
        subj = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
        noun = subj[0] if subj else None
    while (
        noun is not None
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and (noun.head.head.pos_ == "NOUN")
    ):
        noun = noun.head.head
    return noun


def indicator(unit_tok: Token, unit: str, number_end: int, lex: Lexicon) -> str:
    """The unit with its key modifiers: compounds and classifying adjectives directly
    in front ('joint research project', 'inter-governmental agreement'), without
    demonyms, superlatives or evaluative words."""
    doc = unit_tok.doc
    mods: list[str] = []
    k = unit_tok.i - 1
    while k >= number_end:
        start = k  # a hyphen compound ("government-level") is one modifier
        while (
            start - 2 >= number_end
            and doc[start - 1].text in ("-", "–")
            and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_
        ):
            start -= 2
        words = doc[start : k + 1]
        last = doc[k]
        if last.dep_ in ("conj", "cc") or any(c.dep_ == "conj" for c in last.children):
            k = start - 1  # "scientific and technological": coordinated, not kind
            continue
        attached = last.head.i > last.i and last.head.i <= unit_tok.i
        if not attached or last.dep_ not in ("compound", "amod", "nmod"):
            break
        if any(_plain_modifier(t, lex) is False for t in words if t.text not in "-–"):
            break
        mods.insert(0, words.text.lower())
        k = start - 1
    return " ".join([*mods, unit])


def _plain_modifier(tok: Token, lex: Lexicon) -> bool:
    """False for words that say whose or how good, not what kind."""
    return not (
        tok.ent_type_ in ("NORP", "GPE")
        or tok.lower_ in lex.indicator_stop
        or tok.like_num
        or tok.tag_ in ("JJS", "JJR", "RBS", "RBR")
    )
