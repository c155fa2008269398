"""Whether a quantity is a change (increase, decrease) or a level: read from the parse.

"rose 5 %", "cut production by 1 million barrels", "fell to 20", "an increase of 5 %",
"a Sh22 billion decline", "up 6.1 %", "24 per cent higher than in May" are changes;
the old level of "from 9.0 percent" and levels that are only reported ("reached",
"stood at") are not.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Token

from transforms.extract.metrics.numbers import Lexicon

INCREASE, DECREASE = "increase", "decrease"
# relations by which a quantity is the amount or the result of the word it hangs on
_AMOUNT_DEPS = frozenset(
    {"dobj", "npadvmod", "advmod", "attr", "oprd", "nsubjpass", "obj", "acomp"}
)
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "quantmod"})
_CHANGE_PREPS = frozenset({"by", "to", "of", "at", "toward", "towards"})
# verbs that report the level a change arrived at: "climbed 3%, reaching $90",
# "fell 2%, closing at 23,553"
_ARRIVAL_VERBS = frozenset(
    {"reach", "hit", "touch", "close", "end", "settle", "finish"}
)
_ARRIVAL_DEPS = frozenset({"advcl", "xcomp", "conj"})
# verbs that move a value up to the amount after 'to' when no particle says
# otherwise ('bring ... down to' is a fall): "push the deficit to 6.8 percent"
_RAISE_TO = frozenset({"bring", "push", "take", "drive", "lift"})


Words = Mapping[str, frozenset]


def change_of(
    doc: Doc, first: int, last: int, signed: bool, lex: Lexicon
) -> str | None:
    """The change a quantity written by doc[first:last] (hedge, number and unit)
    states, or None for a level."""
    words = lex.changes
    if signed:
        return INCREASE if doc[first].text.startswith("+") else DECREASE
    before = doc[first - 1].lower_ if first > 0 else ""
    if before in ("by", "of") and first > 1:
        before = doc[first - 2].lower_  # "up by 41,182"
    particle = first > 0 and _idiom_particle(doc[first - 1], words)
    if before in words["up"] and before != "higher" and not particle:
        return INCREASE
    if before in words["down"] and before != "lower" and not particle:
        return DECREASE
    after = _after(doc, last)
    if after == "in":
        named = _named_change(doc, last + 1, words)
        if named is not None:
            return named  # "1.6 million barrels a day in additional cuts"
    if after in words["comparative_up"]:
        return INCREASE if _compared(doc, last, words) else None
    if after in words["comparative_down"]:
        return DECREASE if _compared(doc, last, words) else None
    for top in reversed(_phrase_heads(doc, first, last)):
        # "rose 2.9 per cent": the number hangs on the verb, "per" is a prep of it
        sign = _governing_change(top, words)
        if sign is not None:
            return sign
    return _verb_before(doc, first, words) or _from_to_change(doc, first, words)


def _from_to_change(doc: Doc, first: int, words: Words) -> str | None:
    """'grew from 2% to 3%', 'has been lifted from 2% to 3%': the parse often hangs
    the new level on 'from'; the verb that governs 'from' moves it."""
    if first < 2 or doc[first - 1].lower_ != "to":
        return None
    for tok in reversed(doc[max(0, first - 8) : first - 1]):
        if tok.lower_ == "from":
            return _sign(tok.head, words) if tok.head.i < tok.i else None
        if tok.pos_ in ("VERB", "AUX") or tok.text in (",", ";", ":"):
            return None
    return None


def _verb_before(doc: Doc, first: int, words: Words) -> str | None:
    """The sign of a change verb right before the amount, or before its 'to'/'by',
    when the parse hung the amount elsewhere ('reserves increased $14 million to',
    where '$14 million' modifies the next amount; 'has been increased to Rs.14,000
    crore', where the amount is read as a preposition)."""
    k = first - 1
    if k > 0 and doc[k].lower_ in ("to", "by"):
        k -= 1
    if k < 0 or doc[k].pos_ not in ("VERB", "AUX") or _idiom_particle(doc[k], words):
        return None
    return _lemma_sign(doc[k].lemma_.lower(), words)


def _named_change(doc: Doc, i: int, words: Words) -> str | None:
    """The sign of plural change nouns at doc[i] after their adjectives ('additional
    cuts'); a singular one is more often a purpose ('invested $5m in growth')."""
    while i < len(doc) and doc[i].pos_ == "ADJ":
        i += 1
    if i < len(doc) and doc[i].tag_ == "NNS" and doc[i].dep_ == "pobj":
        return _lemma_sign(doc[i].lemma_.lower(), words)
    return None


def _idiom_particle(tok: Token, words: Words) -> bool:
    """'snapping up four units', 'picked up 2,011 km2': 'up' is the particle of a
    verb that moves nothing, not the sign of a change."""
    head = tok.head
    return (
        tok.dep_ == "prt"
        and head.lemma_.lower() not in words["moves"]
        and _lemma_sign(head.lemma_.lower(), words) is None
    )


def _after(doc: Doc, last: int) -> str:
    return doc[last].lower_ if last < len(doc) else ""


def _compared(doc: Doc, last: int, words: Words) -> bool:
    """'20% higher than in May', '7 million less units than last year': a comparative
    against an earlier value ('than', 'from', 'compared') within a few words, not
    against an average or norm ('20 degrees above average'); 'higher' and 'lower'
    state a move without a cue ('closed 2.4% lower')."""
    window = {t.lower_ for t in doc[last + 1 : last + 7]}
    if window & words["norm_cues"]:
        return False
    moves = doc[last].lower_ in words["comparative_moves"]
    return moves or bool(window & words["comparison_cues"])


def _phrase_heads(doc: Doc, first: int, last: int) -> list[Token]:
    """The tokens of the quantity's phrase whose head lies outside it."""
    return [t for t in doc[first:last] if not first <= t.head.i < last or t.head == t]


def _sign(tok: Token, words: Words) -> str | None:
    lemma = tok.lemma_.lower()
    sign = _lemma_sign(lemma, words)
    if sign is not None:
        return sign
    particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod")}
    if lemma in words["moves"] and particles & words["up"]:
        return INCREASE  # "edged up", "revised upwards to"
    if lemma in words["moves"] and particles & words["down"]:
        return DECREASE
    if tok.lower_ in words["up"]:
        return INCREASE  # "up 6.1%" parsed as the head
    if tok.lower_ in words["down"]:
        return DECREASE
    return None


def _governing_change(top: Token, words: Words) -> str | None:
    tok = top
    for _ in range(4):
        head = tok.head
        if head == tok:
            return None
        if tok.dep_ in ("conj", "appos"):
            tok = head  # "2,014 points, or 7.8%": the restated amount moves alike
            continue
        if tok.dep_ == "pobj":
            prep = head.lower_
            if prep == "than":
                return _compared_change(head, words)
            if prep == "in" and tok is not top and head.head.pos_ == "NOUN":
                return _sign(head.head, words)  # "a drop in profit of 18%"
            if prep in words["old_level"] or prep not in _CHANGE_PREPS:
                return None
            governor = head.head
            if governor.dep_ == "prep" and governor.lower_ in words["old_level"]:
                governor = governor.head  # "brought down from 4.5% to 2.7%"
            if governor.dep_ == "advmod" and _sign(governor, words) is None:
                governor = governor.head  # "falls all the way back to the 2% target"
            if governor == head:
                return None
            sign = _sign(governor, words) or _arrival_sign(governor, words)
            if sign is None and prep == "to" and governor.lemma_.lower() in _RAISE_TO:
                sign = INCREASE  # "bring the number of cases to 20"
            nominal = governor.pos_ == "NOUN" or governor.dep_ == "pobj"
            if sign is None and prep == "of" and nominal:
                tok = governor  # "fell to a historic low of 0.1%", "by average of"
                continue
            return sign
        if tok.dep_ in _MODIFIER_DEPS and head.i > tok.i and head.pos_ == "NOUN":
            sign = _sign(head, words)  # "a Sh22 billion decline"
            if sign is None:
                tok = head  # "falls back to the 2% target"
                continue
            return sign
        if tok.dep_ in _AMOUNT_DEPS:
            return _sign(head, words) or _arrival_sign(head, words)
        return None
    return None


def _compared_change(than: Token, words: Words) -> str | None:
    """'exports rose 7.7%, higher than the expected 4.7%': an amount a change is
    compared with is a change of the same kind; 'was $41.65 billion, higher than
    the expected $22.3 billion' compares levels."""
    comparative = than.head
    if comparative.tag_ not in ("JJR", "RBR") or comparative.head == comparative:
        return None
    return _lemma_sign(comparative.head.lemma_.lower(), words)


def _arrival_sign(verb: Token, words: Words) -> str | None:
    """'climbed 3 percent ..., reaching $90': the level reached by a change moves
    with it; a level that is only reported ('reached $90') is not a change."""
    if verb.lemma_.lower() not in _ARRIVAL_VERBS or verb.dep_ not in _ARRIVAL_DEPS:
        return None
    return _sign(verb.head, words) if verb.head != verb else None


# what may follow a multiple used before the amount it multiplies: "double the
# number", "double last year's figure", "triple that of 2019"
_MULTIPLIED_DETS = frozenset({"the", "that", "this", "those", "last", "its", "their"})


def multiplier_use(tok: Token, lex: Lexicon) -> bool:
    """'doubled', 'will halve', 'double last year's figure' state a multiple; 'a double
    murder', 'double-digit' and 'Double Tree' do not. Adverbs ('twice') and
    '-fold' words always do."""
    if tok.lower_ not in lex.multipliers or tok.pos_ in ("ADV", "VERB"):
        return True
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (
        nxt is not None
        and (nxt.lower_ in _MULTIPLIED_DETS or nxt.dep_ == "poss" or nxt.lower_ == "of")
        and not (tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "an"))
    )


def multiplier_change(tok: Token, lex: Lexicon) -> str | None:
    """A multiple written as a change word states its sign: 'doubled' and 'tripled'
    rise, 'halved' falls; 'twice' is a ratio only."""
    return _lemma_sign(tok.lemma_.lower(), lex.changes)


def _lemma_sign(lemma: str, words: Words) -> str | None:
    if lemma in words["increase"]:
        return INCREASE
    if lemma in words["decrease"]:
        return DECREASE
    return None
