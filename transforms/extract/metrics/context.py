"""Read a number's context: currency, percent, hedge words, subject and period."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from transforms.extract.metrics.number_span import NumberSpan
from transforms.extract.metrics.numbers import Lexicon

_NOUNS = frozenset({"NOUN", "PROPN"})
_CLIMB_DEPS = frozenset({"compound", "amod", "nmod", "nummod"})
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_UNIT_CHARS = re.compile(r"[^a-z0-9 \-]")
_MAX_HEDGE_TOKENS = 4


def currency_prefix(doc: Doc, span: NumberSpan, lex: Lexicon) -> tuple[str | None, int]:
    """ISO code written before the amount ('$', 'US$', 'RMB') and where it starts."""
    iso, start = _currency_prefix(doc, span, lex)
    return _shared_sign(doc, span, start, iso, lex), start


def _shared_sign(
    doc: Doc, span: NumberSpan, start: int, iso: str | None, lex: Lexicon
) -> str | None:
    """'¥' writes the yen and the yuan, '$' many dollars, 'Rs' several rupees: the
    currency of the country or money the sentence names, when it names no other."""
    if iso is None:
        return None
    text = doc[start].text
    sign = next((s for s in lex.shared_signs if _written_with(text, s)), None)
    if sign is None:
        return iso
    cues = lex.shared_signs[sign]
    words = {t.lower_ for t in doc[span.sent_start : span.sent_end]}
    if words & set(cues["default_cues"]):
        return iso
    found = [
        code
        for code, names in cues.items()
        if code != "default_cues" and words & set(names)
    ]
    return found[0] if len(found) == 1 else iso


def _written_with(text: str, sign: str) -> bool:
    """The token is the bare sign ('$', 'Rs.') or the sign glued to digits ('$5')."""
    rest = text[len(sign) :].lstrip(".") if text.startswith(sign) else None
    return rest is not None and (rest == "" or rest[:1].isdigit())


def _currency_prefix(
    doc: Doc, span: NumberSpan, lex: Lexicon
) -> tuple[str | None, int]:
    if span.currency:
        return span.currency, span.start
    i = span.start
    if i == 0 or span.char_start not in (None, doc[span.start].idx):
        return None, i
    prev = doc[i - 1]
    iso = lex.currency_symbols.get(prev.text) or lex.currency_codes.get(prev.text)
    if iso is None and prev.text == "." and i > 1 and not doc[i - 2].whitespace_:
        # "Rs. 25 crores": the tokenizer cut the abbreviation's full stop off
        iso = lex.currency_symbols.get(doc[i - 2].text + ".")
        if iso is not None and i - 2 >= span.sent_start:
            return iso, i - 2
        return None, i
    if iso is None:
        return None, i
    # the letters glued before "$"; a lone full stop ends the previous sentence
    prefix = doc[i - 2].text.replace(".", "") if i > 1 else ""
    if prev.text == "$" and prefix.isalpha() and i - 2 >= span.sent_start:
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


def period_text(
    sentence: str, offset: int, surface_start: int, surface_end: int
) -> str | None:
    """The year, year range or relative period stated nearest to the quantity in its
    sentence ('in 2021', 'last year', 'from 2011 to 2021'); the sentence starts at
    char `offset` of the text the surface offsets index."""
    best, best_gap = None, None
    for m in _PERIOD.finditer(sentence):
        a, b = offset + m.start(), offset + m.end()
        if a < surface_end and b > surface_start:
            continue  # inside the quantity itself
        gap = surface_start - b if b <= surface_start else a - surface_end
        if best_gap is None or gap < best_gap:
            best, best_gap = m.group(0), gap
    return best
