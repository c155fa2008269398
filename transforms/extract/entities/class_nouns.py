"""Types from the class noun a name stands beside.

News names a product, facility or project by putting it next to the common noun of
its class: after it ("its Lordstown Assembly plant", "the Volt semi-electric car",
"the Amazon rainforest") or before it ("the R&D programme Horizon", "the mega-science
project NICA"). The small model types these names ORG, PERSON or LOC by their look;
the noun (`data/class_nouns.jsonl`) says what they are. A noun after a name can also
name the owner's thing ("the NASA mission", "its Shanghai plant"), so that side is
read only for names that are neither acronyms nor gazetteer places, and the name
takes the noun's label everywhere the article writes it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from transforms.extract.entities.canonical import Candidate
from transforms.extract.entities.lexicons import read_jsonl
from transforms.extract.entities.places import city_names

# what stands before a name whose following noun names it: an article or a possessive
_DETERMINER = re.compile(
    r"(?:^|[^\w-])(?:the|a|an|its|their|his|her|our|this|that|[A-Z][\w.&-]*['’]s)\s+$"
)
# the lower-case words after a name: up to two modifiers, then the noun
# (" compact sedan", " parts plant")
_WORDS_AFTER = re.compile(r"(?: +[a-z][a-z-]*(?![\w-])){1,3}")
# words that end the noun phrase: a modifier is none of these
_PHRASE_ENDS = frozenset(
    "the a an and or of to in on for with by at as that which who said says is are "
    "was were has have had will would can could may".split()
)
_NOUN_BEFORE = re.compile(r"(?<![\w-])(?P<noun>[a-z]+) +$")


@cache
def class_nouns() -> dict[str, str]:
    """Class noun ("satellite", "plant") → the label it gives the name beside it."""
    return {row["noun"]: row["label"] for row in read_jsonl("class_nouns.jsonl")}


def retype_by_class_noun(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Model and rule names next to a class noun take its label, in every mention
    of the same surface; lexicon names keep theirs."""
    nouns = class_nouns()
    labels: dict[str, str] = {}
    for c in cands:
        if c.source == "lexicon":
            continue
        label = _noun_label(text, c, nouns)
        if label:
            labels.setdefault(text[c.start : c.end], label)
    if not labels:
        return cands
    return [
        replace(c, label=labels[surface])
        if c.source != "lexicon"
        and (surface := text[c.start : c.end]) in labels
        and c.label != labels[surface]
        else c
        for c in cands
    ]


def _noun_label(text: str, c: Candidate, nouns: dict[str, str]) -> str | None:
    before = _NOUN_BEFORE.search(text, max(0, c.start - 30), c.start)
    if before and before.group("noun") in nouns:
        return nouns[before.group("noun")]
    surface = text[c.start : c.end]
    if surface.replace("-", "").isupper() or surface in city_names():
        return None  # "the NASA mission", "its Shanghai plant": the owner
    if not _DETERMINER.search(text, max(0, c.start - 30), c.start):
        return None
    after = _WORDS_AFTER.match(text, c.end)
    for word in after.group().split() if after else ():
        if word in nouns:
            return nouns[word]
        if word in _PHRASE_ENDS:
            break
    return None
