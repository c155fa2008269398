"""Candidate entity spans from the model's NER and datelines, and their clean-up.

The model's spans carry a leading "the", titles ("Premier Li Keqiang"), possessives,
scores or years glued on ("Nicolas Jarry 6-4"), and sometimes two names run together
("Vox Media’s Code Media"); demonyms, jargon and lowercase words are dropped here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from transforms.extract.entities.canonical import Candidate
from transforms.extract.entities.lexicons import (
    demonyms,
    head_labels,
    is_leading_title,
    stoplist,
)

NER_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "MISC",
    "EVENT": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
}
# A crawler's date stamp may open the paragraph (" date 2021-11-26 MOSCOW, …").
_STAMP = r"(?:date \d{4}-\d{2}(?:-\d{2})? )?"
# "Nov 28 (Xinhua):", "MOSCOW, November 26. /TASS/.", and after a place the credit
# may run straight into the lede ("New Delhi (Sputnik) Under the MoU …")
_DATELINE = re.compile(
    _STAMP + r"(?P<place>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?,?\s*)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s*\d{4})?\.?)?\s*"
    r"(?:\((?P<agency>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2})\)"
    r"|/(?P<slashed>[A-Z]{2,})/)"
    r"(?:\s*(?::|--|—|–|-)|(?<=/)\.|(?(place)\s+(?=[A-Z][a-z])|(?!)))"
)
# "NAIROBI, May 3 --", "WASHINGTON —", "BEIJING, Nov 28 (Xinhua)": the place that
# opens a dateline, in capitals, before a date, an agency credit or a dash
_DATELINE_PLACE = re.compile(
    _STAMP + r"([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2})"
    r"(?=,\s*[A-Z][a-z]{2,8}\.?\s\d{1,2}\b|\s*\([A-Z][A-Za-z]+|\s+(?:--|—|–)\s)"
)
# "(Xinhua/Liu Xu)", "(Reporter Jane Doe)", "(Reporting by Jane Doe)": a credit that
# closes a paragraph names the agency and the reporter
_CREDIT = re.compile(
    r"\((?:(?P<agency>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})/|"
    r"(?:Reporters?|Reporting by|Written by|By)\s+)"
    r"(?P<person>[A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2})\)\s*$"
)
_EDGE_PUNCT = " \t\n\"'“”‘’()[],.;:!?-–—"
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")
# "CBS All Access, Disney", "Vox Media’s Code Media", a span across paragraphs
_NER_SPLIT = re.compile(
    r"[,:]\s+|['’]s\s+|\s*\n\s*|\s\(|\s(?:to|from|at|with|by|as|into|via)\s"
)
# the full stop of "U.S.", "Jr." or "Co." belongs to the name
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]|\bJr|\bSr|\bCo|\bInc|\bLtd|\bCorp)\.$")
# "U.S.-Mexico border", "China-US relations": places joined as a modifier
_PLACE_COMPOUND = re.compile(r"^[A-Z][\w.]*(?:[-–][A-Z][\w.]*)+$")
# Celestial bodies are not entities (benchmarks/indomain/README.md, rule 16). The
# planets' names are theirs alone; "Sun" and "Moon" are also surnames, so they are
# the bodies only after "the" ("the Moon", "The Sun, the Moon and …").
_PLANETS = frozenset("Earth Mars Venus Jupiter Saturn Uranus Neptune Pluto".split())
_BODIES_AFTER_THE = frozenset({"Sun", "Moon"})
_THE_BEFORE = re.compile(r"(?:^|[^\w-])(?:the|The|THE)\s+$")
# scores, years and counts glued to a name by the model ("Nicolas Jarry 6-4")
_NUMERIC_EDGE = re.compile(r"^[\d\W]+\s+|\s+[\d\W]+$")


def ner_candidates(doc: Doc) -> list[Candidate]:
    """Model entities, split where the model ran two names together."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        start = ent.start_char
        for m in _NER_SPLIT.finditer(ent.text + "\n"):
            end = ent.start_char + m.start()
            out.append(Candidate(start, end, NER_LABELS[ent.label_], "ner"))
            start = ent.start_char + m.end()
    return out


def dateline_candidates(text: str) -> list[Candidate]:
    """The place and the agency of a dateline ("BEIJING, Nov 28 (Xinhua) --") and
    the agency and reporter of a closing credit ("(Xinhua/Liu Xu)")."""
    out = []
    for para in re.finditer(r"[^\n]+", text):
        m = _DATELINE_PLACE.match(para.group())
        if m:
            start, end = para.start() + m.start(1), para.start() + m.end(1)
            out.append(Candidate(start, end, "LOC", "dateline"))
        m = _CREDIT.search(para.group())
        for group, label in (("agency", "ORG"), ("person", "PERSON")):
            if m and m.group(group):
                start, end = para.start() + m.start(group), para.start() + m.end(group)
                out.append(Candidate(start, end, label, "dateline"))
        m = _DATELINE.match(para.group())
        group = m and ("agency" if m.group("agency") else "slashed")
        if m and m.start(group) > 1:
            start, end = para.start() + m.start(group), para.start() + m.end(group)
            out.append(Candidate(start, end, "ORG", "dateline"))
    return out


def clean_candidate(text: str, c: Candidate) -> Candidate | None:
    """Trim articles, titles, possessives and punctuation; None when nothing is left."""
    if (
        c.source == "ner"
        and c.label != "PERSON"
        and _titled_person(text[c.start : c.end])
    ):
        c = replace(c, label="PERSON")
    start, end = c.start, c.end
    cut = re.search(r"\n|\s\(", text[start:end])
    if cut:
        end = start + cut.start()
    while True:
        before = (start, end)
        while start < end and text[start] in _EDGE_PUNCT:
            start += 1
        while (
            end > start
            and text[end - 1] in _EDGE_PUNCT
            and not _ABBREVIATION_END.search(text[start:end])
        ):
            end -= 1
        m = _POSSESSIVE.search(text[start:end])
        if m and c.source != "lexicon":
            end = start + m.start()
        m = _LEADING_ARTICLE.match(text[start:end])
        if m:
            start += m.end()
        if c.source == "ner":
            for m in _NUMERIC_EDGE.finditer(text[start:end]):
                if m.start() == 0:
                    start += m.end()
                else:
                    end = start + m.start()
                break
        if c.label == "PERSON":
            words = text[start:end].split(" ", 2)
            if len(words) >= 2 and is_leading_title(words[0], words[1]):
                start += len(words[0]) + 1
        if (start, end) == before:
            break
    surface = text[start:end]
    if not _is_name(surface, c) or _celestial(text, start, surface):
        return None
    if (
        c.source == "ner"
        and _PLACE_COMPOUND.match(surface)
        and re.match(r"\s+[a-z]", text[end : end + 3])
    ):
        return None
    return replace(c, start=start, end=end)


def _celestial(text: str, start: int, surface: str) -> bool:
    return surface in _PLANETS or (
        surface in _BODIES_AFTER_THE
        and _THE_BEFORE.search(text, max(0, start - 5), start) is not None
    )


def _titled_person(surface: str) -> bool:
    """A title before two or three capitalised words without a head word is a
    person ("H.E. Nobutake Odano"), whatever label the model gave the span."""
    words = surface.split()
    rest = words[1:]
    return (
        2 <= len(rest) <= 3
        and is_leading_title(words[0], rest[0])
        and all(w[:1].isupper() and w not in head_labels() for w in rest)
    )


def _is_name(surface: str, c: Candidate) -> bool:
    if not surface or not any(ch.isupper() for ch in surface):
        return False
    if not (surface[0].isupper() or surface[0].isdigit()) and c.source != "lexicon":
        return False
    if surface.casefold() in stoplist():
        return False
    words = re.split(r"[\s\-–]+", surface)
    return not all(w in demonyms() for w in words)
