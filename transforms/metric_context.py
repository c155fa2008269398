"""Read a number's context: currency, percent, hedge word, counted noun, exclusions."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from transforms.metric_spans import NumberSpan
from transforms.numbers import Lexicon, classify_token

_NOUNS = frozenset({"NOUN", "PROPN"})
_CLIMB_DEPS = frozenset({"compound", "amod", "nmod", "nummod"})
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_UNIT_CHARS = re.compile(r"[^a-z0-9 \-]")
_MAX_HEDGE_TOKENS = 4


def currency_prefix(doc: Doc, span: NumberSpan, lex: Lexicon) -> tuple[str | None, int]:
    """ISO code written before the amount ('$', 'US$', 'RMB') and where it starts."""
    if span.currency:
        return span.currency, span.start
    i = span.start
    if i == 0 or span.char_start not in (None, doc[span.start].idx):
        return None, i
    prev = doc[i - 1]
    iso = lex.currency_symbols.get(prev.text) or lex.currency_codes.get(prev.text)
    if iso is None:
        return None, i
    if prev.text == "$" and i > 1:
        # "US$", "US $58.24", "C $6", "HK $5.4m"
        joined = lex.currency_symbols.get(doc[i - 2].text.rstrip(".") + "$")
        if doc[i - 2].text in ("U.S.", "U.S"):
            joined = "USD"
        if joined:
            return joined, i - 2
    return iso, i - 1


def amount_tail(doc: Doc, span: NumberSpan, lex: Lexicon) -> tuple[str | None, int]:
    """Unit written right after the number that closes the amount: '%', 'per cent',
    'percentage points', 'times', '-fold'. Returns (unit, end token)."""
    if span.percent:
        return "percent", span.end
    if span.unit_hint:
        return span.unit_hint, span.end
    if span.kind == "times":
        return "time", span.end
    j = span.end
    if span.char_end is not None and span.char_end != doc[span.start].idx + len(
        doc[span.start]
    ):
        return None, j
    for width in (2, 1):
        words = [t.lower_ for t in doc[j : j + width]]
        if len(words) == width and " ".join(words) in lex.percent:
            return lex.percent[" ".join(words)], j + width
    if j < len(doc) and doc[j].lower_ in lex.times:
        return "time", j + 1
    if j + 1 < len(doc) and doc[j].text in ("-", "–") and doc[j + 1].lower_ == "fold":
        return "time", j + 2
    return None, j


def hedge_before(doc: Doc, i: int, sent_start: int, lex: Lexicon) -> tuple[str, int]:
    """Qualifier from the hedge words directly in front of token i, and its start."""
    for width in range(_MAX_HEDGE_TOKENS, 0, -1):
        k = i - width
        if k < sent_start:
            continue
        phrase = " ".join(t.lower_ for t in doc[k:i])
        qualifier = lex.hedge_prefix.get(phrase)
        if qualifier is None:
            continue
        # "went up to 5%": 'up' belongs to the verb, the number is exact
        if (
            phrase == "up to"
            and k > 0
            and doc[k - 1].lemma_.lower() in lex.change_verbs
        ):
            return "exact", i
        return qualifier, k
    return "exact", i


def hedge_after(doc: Doc, end: int, span: NumberSpan, lex: Lexicon) -> str | None:
    """Qualifier from words right after the amount: 'or more', '-plus', '40+'."""
    if span.plus:
        return "more_than"
    for width in (2, 1):
        toks = doc[end : end + width]
        if len(toks) != width:
            continue
        phrase = " ".join(t.lower_ for t in toks)
        if phrase in lex.hedge_suffix and (width == 2 or phrase in ("+",)):
            return lex.hedge_suffix[phrase]
        glued = "".join(t.text_with_ws for t in toks).strip().lower()
        if glued in lex.hedge_suffix and glued.startswith("-"):
            return lex.hedge_suffix[glued]
    return None


def exclusion(doc: Doc, span: NumberSpan, lex: Lexicon, has_unit: bool) -> str | None:
    """Why the number is no metric (date, year, time, identifier, name), or None."""
    first = doc[span.start]
    text = doc[span.start : span.end].text
    if span.char_start is not None:
        text = first.text[
            span.char_start - first.idx : (span.char_end or 0) - first.idx
        ]
    if (
        span.kind == "year"
        or span.kind == "digit"
        and _YEAR.match(text)
        and not has_unit
    ):
        return "year"
    prev = _prev_word(doc, span.start)
    nxt = doc[span.end] if span.end < len(doc) else None
    if any(
        t is not None and t.lower_ in lex.era_words and t.text[:1].isupper()
        for t in (prev, nxt)
    ):
        return "year"  # "A.D. 1000", "500 BC"
    if (
        prev is not None
        and _is_month(prev, lex)
        or nxt is not None
        and _is_month(nxt, lex)
    ):
        return "date"
    if nxt is not None and nxt.lower_ in lex.time_of_day:
        return "time_of_day"
    if (
        prev is not None
        and prev.i == span.start - 1
        and (
            prev.lower_ in lex.identifier_cues
            or prev.lower_ in lex.identifier_cues_weak
            and not has_unit
        )
    ):
        return "identifier"
    if span.kind == "digit" and (
        re.fullmatch(r"\d{7,}", text) or re.fullmatch(r"0\d+", text)
    ):
        return "identifier"
    if span.kind == "digit" and _before_street(doc, span, lex):
        return "address"
    if (
        span.kind == "word"
        and first.text[:1].isupper()
        and first.i > span.sent_start
        and not (doc[first.i - 1].is_punct and doc[first.i - 1].text not in (",", "-"))
    ):
        return "name"  # "the Five-Year Plan", "Group of Seven"
    if first.ent_type_ in lex.name_labels and not first.ent_iob_ == "B":
        return "name"  # "Apollo 11", "Chang'e 5"
    if span.kind == "digit" and not has_unit and _after_name(prev, span, lex):
        return "name"  # "Apollo 11", "Destiny 2", "iPhone 11"
    if _glued_letters(doc, span, lex):
        return "name"  # "5G", "3D", "4K"
    if span.kind == "digit" and not has_unit and _is_list_marker(doc, span):
        return "list_marker"
    return None


def _after_name(prev: Token | None, span: NumberSpan, lex: Lexicon) -> bool:
    if prev is None or prev.i != span.start - 1 or not prev.is_alpha:
        return False
    if prev.lower_ in lex.months or prev.lower_ in lex.hedge_prefix:
        return False
    capital = prev.text[:1].isupper() or prev.text[1:2].isupper()
    return capital and (prev.pos_ == "PROPN" or prev.i > span.sent_start)


def _before_street(doc: Doc, span: NumberSpan, lex: Lexicon) -> bool:
    """'1119 Eighth St.', '3170 W. County Road': a house number."""
    for tok in doc[span.end : span.end + 5]:
        if tok.lower_ in lex.street_words and tok.text[:1].isupper():
            return True
        if not (tok.text[:1].isupper() or tok.is_punct and tok.text == "."):
            return False
    return False


def _glued_letters(doc: Doc, span: NumberSpan, lex: Lexicon) -> bool:
    last = doc[span.end - 1]
    if (
        span.end >= len(doc)
        or last.whitespace_
        or span.char_end
        not in (
            None,
            last.idx + len(last),
        )
    ):
        return False
    nxt = doc[span.end].lower_
    known = nxt in lex.measure_units or nxt in lex.scales or nxt in lex.percent
    money = nxt in lex.money_scales and span.currency is not None
    return doc[span.end].is_alpha and not known and not money


def _prev_word(doc: Doc, i: int) -> Token | None:
    k = i - 1
    while k >= 0 and doc[k].text in (".", ","):
        k -= 1
    return doc[k] if k >= 0 and k >= i - 2 else None


def _is_month(tok: Token, lex: Lexicon) -> bool:
    return tok.text[:1].isupper() and tok.lower_.rstrip(".") in lex.months


def _is_list_marker(doc: Doc, span: NumberSpan) -> bool:
    """'1.' or '(2)' numbering an item, not a quantity."""
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    at_start = span.start == span.sent_start
    bracketed = (before, after) in (("(", ")"), ("[", "]"))
    return bracketed or (at_start and after in (".", ")"))


def unit_token(doc: Doc, span: NumberSpan, lex: Lexicon) -> Token | None:
    """The counted thing's head noun: from the dependency parse, skipping adjectives and
    compound modifiers ('over 1,200 foreign experts' -> experts)."""
    start, end = span.start, span.end
    sent_end = span.sent_end
    if (
        end < len(doc)
        and doc[end].lower_ == "of"
        and span.kind in ("vague", "fraction")
    ):
        return _of_object(doc[end])
    if (
        end + 1 < sent_end
        and doc[end].text in ("-", "–")
        and doc[end + 1].pos_ in _NOUNS
    ):
        return doc[end + 1]  # "a 10-year plan": the unit is glued by the hyphen
    for cand in (_dep_head(doc, start, end, lex), _next_noun(doc, end, sent_end)):
        if cand is None or not _clean_path(doc, end, cand, sent_end):
            continue
        if cand.lower_ in lex.not_units:
            return None
        return _measure_between(doc, end, cand, lex) or cand
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


_PATH_POS = frozenset({"ADJ", "NOUN", "PROPN", "ADV", "CCONJ", "NUM", "PUNCT", "VERB"})


def _clean_path(doc: Doc, end: int, cand: Token, sent_end: int) -> bool:
    """Only modifiers may stand between the number and its noun: no article,
    preposition, clause punctuation or line break ('expand by five the pool')."""
    if not end <= cand.i < min(sent_end, end + 9):
        return False
    if "\n" in doc[end - 1 : cand.i].text_with_ws[len(doc[end - 1].text) :]:
        return False
    for tok in doc[end : cand.i]:
        if tok.pos_ not in _PATH_POS or "\n" in tok.whitespace_:
            return False
        if tok.pos_ == "PUNCT" and tok.text not in ("-", "–", "'", "’"):
            return False
        if tok.pos_ == "VERB" and tok.tag_ not in ("VBN", "VBG"):
            return False
    return True


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
    name = _UNIT_CHARS.sub("", lemma.lower()).strip(" -")
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
    in front ('joint research project'), without demonyms or evaluative words."""
    mods: list[str] = []
    k = unit_tok.i - 1
    while k >= number_end:
        tok = unit_tok.doc[k]
        if tok.text in ("-", "–") and mods:
            mods[0] = "-" + mods[0]
            k -= 1
            continue
        attached = tok.head.i > tok.i and tok.head.i <= unit_tok.i
        if (
            not attached
            or tok.dep_ not in ("compound", "amod", "nmod")
            or (
                tok.ent_type_ in ("NORP", "GPE")
                or tok.lower_ in lex.indicator_stop
                or tok.like_num
            )
        ):
            break
        mods.insert(0, tok.lower_)
        k -= 1
    phrase = " ".join(mods).replace(" -", "-")
    return f"{phrase} {unit}".strip()


def subject_text(unit_tok: Token, sent_start: int, sent_end: int) -> str | None:
    """Proper-noun subject of the verb governing the quantity ('China has signed'),
    looked for inside the quantity's own sentence only."""
    tok = unit_tok
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            break
        tok = tok.head
    found = None
    while tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.pos_ in ("VERB", "AUX"):
        found = _subject_of(tok)
        if found is not None:
            break
        tok = tok.head
    found = found or _subject_of(tok)
    if found is None or not sent_start <= found[0] < sent_end:
        return None
    return found[1]


def _subject_of(verb: Token) -> tuple[int, str] | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "PROPN":
            return child.i, _name_around(child)
    return None


def _name_around(tok: Token) -> str:
    """The whole named entity holding tok ('the Chinese Academy of Sciences' without
    'the'), else tok with its compound modifiers."""
    doc = tok.doc
    if tok.ent_iob_ in ("B", "I"):
        start, end = tok.i, tok.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    else:
        start, end = tok.i, tok.i + 1
        while (
            start > 0
            and doc[start - 1].dep_ == "compound"
            and (doc[start - 1].head == tok)
        ):
            start -= 1
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    return doc[start:end].text


_PERIOD = re.compile(
    r"\b(?:(?:in|since|from|by|during|between|through|until|as of|before|after)\s+)?"
    r"(?:(?:early|mid|late)[- ])?(?:1[5-9]\d\d|20\d\d)"
    r"(?:\s*(?:to|-|–|and|through|until)\s*(?:1[5-9]\d\d|20\d\d))?\b"
    r"|\b(?:last|this|next|past) (?:year|month|decade|quarter)\b",
    re.IGNORECASE,
)


def period_text(sent: Span, surface_start: int, surface_end: int) -> str | None:
    """A year, year range or relative period stated in the sentence ('in 2021')."""
    text = sent.text
    for m in _PERIOD.finditer(text):
        a, b = sent.start_char + m.start(), sent.start_char + m.end()
        if b <= surface_start or a >= surface_end:
            return m.group(0)
    return None
