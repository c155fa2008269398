"""Repairs of the model's entity spans: names cut short or mistyped, common words.

The small model stops long names at a connector ("Year of Scientific" for "Year of
Scientific and Technological Innovation", "National Astronomical Observatories of"
for "… of China") or before their head ("Belt and Road" for "Belt and Road
Initiative"); the capitalisation run the name stands in (`name_rules.name_runs`)
says where it really ends. Headings, menus and sentence starts capitalise common
nouns ("Countries", "Academy", "Science and Technology"); the article itself shows
they are common when it writes the same word or phrase in lower case, and a bare
head word ("the Party", "the Organization") is a back-reference, not a name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from transforms.extract.entities.canonical import Candidate
from transforms.extract.entities.lexicons import head_labels, titles
from transforms.extract.entities.places import CALENDAR_WORDS

_CONNECTOR_END = re.compile(r"\s(?:of|for|on|in|and|&|the)$")
_LONG_NAME = re.compile(r"\s(?:of|for|on)\s")
_GROWS_BY = re.compile(r"^\s(?:of|for|on|&)\s|^\s(?:in\s)?the\s")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z'’-]*(?![\w-])")
_REPAIRED_LABELS = frozenset({"ORG", "MISC"})
_SEGMENT_BREAKS = frozenset({"of", "for", "on", "in", "at", "de"})
# "FC Pune City", "Mumbai City FC", "AFC Wimbledon": a football club's name holds
# one of these wherever it stands, and a place head ("City") does not make it a town
_CLUB_MARKERS = frozenset({"FC", "AFC", "F.C.", "CF"})
# "Indian Super League", "National Football League", "League Two": a sports league
# is a competition (MISC); "Arab League", "Awami League" are bodies and keep ORG
_SPORT_BEFORE_LEAGUE = frozenset(
    "Super Premier Champions Europa Major Pro Football Soccer Basketball Baseball "
    "Hockey Rugby Cricket Netball Volleyball Handball".split()
)
_DIVISION_AFTER_LEAGUE = frozenset({"One", "Two", "1", "2"})
# ", the Pakistani ambassador to …", ", a former Minister of …": the words of an
# apposition up to its first preposition
_APPOSITION = re.compile(r",\s+((?:[\w-]+ ){0,3}[\w-]+)")
_APPOSITION_STOP = frozenset({"of", "to", "for", "with", "at", "in", "and", "who"})
# Two capitalised words before a comma ("Berhanu Abegaz, the Executive Director")
_TWO_NAMES_BEFORE_COMMA = re.compile(
    r"(?<![\w.’'-])[A-Z][a-z]+(?:-[A-Za-z]+)? [A-Z][a-z]+(?:-[A-Za-z]+)?(?=,)"
)


def extend_cut_names(
    text: str, cands: list[Candidate], runs: list[tuple[int, int]]
) -> list[Candidate]:
    """Model ORG/MISC spans that stop inside their capitalisation run, at or before
    a connector or before a head word, are extended to the end of the run."""
    starts = [s for s, _ in runs]
    out = []
    for c in cands:
        i = bisect_right(starts, c.start) - 1
        if c.label in _REPAIRED_LABELS and i >= 0 and c.end < runs[i][1]:
            end = runs[i][1]
            if _cut_short(text[c.start : c.end], text[c.end : end]):
                c = replace(c, end=end)
        out.append(c)
    return out


def _cut_short(name: str, rest: str) -> bool:
    if _CONNECTOR_END.search(name) or _GROWS_BY.match(rest):
        return True
    if rest.startswith(" and ") and _LONG_NAME.search(name):
        return True  # "Year of Scientific" + " and Technological Innovation"
    next_word = rest[1:].split(" ", 1)[0]
    return rest.startswith(" ") and next_word in head_labels()


def retype_by_head(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A model name of several words whose head word types it ("Facility for
    Antiproton and Ion Research", "… Award") takes the head's label."""
    heads = head_labels()
    out = []
    for c in cands:
        words = text[c.start : c.end].split()
        stop = next((i for i, w in enumerate(words) if w in _SEGMENT_BREAKS), None)
        head = words[:stop][-1] if len(words) > 1 else ""
        label = heads.get(head.removesuffix("’s").removesuffix("'s"))
        out.append(replace(c, label=label) if label and label != c.label else c)
    return out


def retype_clubs(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A model or rule name that holds a club marker is a sports club (ORG)."""
    return [
        replace(c, label="ORG")
        if c.source in ("ner", "rule")
        and c.label != "ORG"
        and _CLUB_MARKERS.intersection(text[c.start : c.end].split())
        else c
        for c in cands
    ]


def retype_sports_leagues(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A model name holding "League" after a sport word or before a division
    number is a competition (MISC), whatever the model typed it."""
    out = []
    for c in cands:
        words = text[c.start : c.end].split()
        i = words.index("League") if "League" in words else -1
        league = i >= 0 and (
            (i > 0 and words[i - 1] in _SPORT_BEFORE_LEAGUE)
            or (i + 1 < len(words) and words[i + 1] in _DIVISION_AFTER_LEAGUE)
        )
        out.append(replace(c, label="MISC") if league and c.label != "MISC" else c)
    return out


def retype_titled_appositions(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A model name of two to four capitalised words without a head word, followed
    by an apposition that ends in a title ("Berhanu Abegaz, the Executive Director",
    "Khalil-ur-Rahman Hashmi, the Pakistani ambassador") is a person."""
    heads = head_labels()
    lower_titles = {t.casefold() for t in titles()}
    out = []
    for c in cands:
        words = text[c.start : c.end].split()
        m = _APPOSITION.match(text, c.end)
        person = (
            c.label != "PERSON"
            and m is not None
            and _names_a_role(m.group(1).split(), lower_titles)
            and 2 <= len(words) <= 4
            and all(w[:1].isupper() and w not in heads for w in words)
        )
        out.append(replace(c, label="PERSON") if person else c)
    return out


def titled_people(text: str, taken: list[Candidate]) -> list[Candidate]:
    """People the model never proposes: two capitalised words that no candidate
    touches, followed by an apposition that holds a title ("Berhanu Abegaz, the
    Executive Director with …"). Neither word may be a head word ("International
    Cooperation, President …"), a month or a word the article also writes in lower
    case ("Last Monday, the president"): given names and surnames are not. A title
    followed by a name ("Two Step, director Alex Johnson") names someone else."""
    heads = head_labels()
    lower_titles = {t.casefold() for t in titles()}
    lower_words = _lower_words(text)
    out = []
    for m in _TWO_NAMES_BEFORE_COMMA.finditer(text):
        words = m.group().split(" ")
        apposition = _APPOSITION.match(text, m.end())
        if (
            apposition is not None
            and _names_a_role(apposition.group(1).split(), lower_titles)
            and not _names_after_title(apposition.group(1).split(), lower_titles)
            and not CALENDAR_WORDS.intersection(words)
            and not any(w in heads or w.casefold() in lower_titles for w in words)
            and not any(
                form in lower_words for w in words for form in _forms(w.lower())
            )
            and not any(c.start < m.end() and m.start() < c.end for c in taken)
        ):
            out.append(Candidate(m.start(), m.end(), "PERSON", "apposition"))
    return out


def _names_after_title(words: list[str], lower_titles: set[str]) -> bool:
    """The apposition's titles run into a capitalised name ("director Alex …")."""
    i = next((i for i, w in enumerate(words) if w.casefold() in lower_titles), None)
    if i is None:
        return False
    while i < len(words) and words[i].casefold() in lower_titles:
        i += 1
    return i < len(words) and words[i][:1].isupper()


def _names_a_role(words: list[str], lower_titles: set[str]) -> bool:
    for word in words:
        if word.casefold() in lower_titles:
            return True
        if word in _APPOSITION_STOP:
            return False
    return False


def retype_places(
    text: str, cands: list[Candidate], places: list[Candidate]
) -> list[Candidate]:
    """A model name written "X, <country or region>" ("Saint-Paul-lez-Durance,
    France") is the town X in that place, whatever label the model gave it."""
    after_comma = {p.start for p in places if p.label == "LOC"}
    out = []
    for c in cands:
        town = (
            c.label != "LOC"
            and text[c.end : c.end + 2] == ", "
            and c.end + 2 in after_comma
            and " " not in text[c.start : c.end]
        )
        out.append(replace(c, label="LOC") if town else c)
    return out


def drop_common_words(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Drop the model's and the rules' names that the article also writes in lower
    case: a capitalised single word or phrase that the text uses as a common noun."""
    lower_words = _lower_words(text)
    verdicts: dict[str, bool] = {}  # a long body repeats its names: judge each once
    out = []
    for c in cands:
        surface = text[c.start : c.end]
        if c.source in ("ner", "rule") and c.label != "PERSON":
            if surface not in verdicts:
                verdicts[surface] = _common(surface, text, lower_words)
            if verdicts[surface]:
                continue
        out.append(c)
    return out


@lru_cache(maxsize=1)
def _lower_words(text: str) -> frozenset[str]:
    """The text's lower-case words; cached for the last text: the strong and the
    weak candidates of one body are checked against the same words."""
    return frozenset(m.group() for m in _LOWER_WORD.finditer(text))


def _common(surface: str, text: str, lower_words: frozenset[str]) -> bool:
    words = surface.split(" ")
    if not surface[:1].isupper() or not all(w[1:].islower() for w in words if w[1:]):
        return False  # an acronym or an inner capital is proper-noun evidence
    lowered = surface.lower()
    if " " not in surface:
        if surface in head_labels() or surface[:-1] in head_labels():
            return True  # a bare head word ("the Party") is a back-reference
        return any(form in lower_words for form in _forms(lowered))
    if lowered not in text:  # a plain substring test first: the regex scan is slow
        return False
    return re.search(rf"(?<![\w-]){re.escape(lowered)}(?![\w-])", text) is not None


def _forms(word: str) -> tuple[str, ...]:
    """The word and its singular ("countries" -> "country")."""
    if word.endswith("ies"):
        return (word, word[:-3] + "y")
    if word.endswith("s") and not word.endswith("ss"):
        return (word, word[:-1])
    return (word,)
