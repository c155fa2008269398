"""Canonical names and stable ids of entities; acronym and surname linking."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, replace

from transforms.extract.entities.lexicons import (
    country_abbreviations,
    stoplist,
    titles,
)

_ACRONYM = re.compile(r"\((?:the\s+)?([A-Z][A-Za-z0-9&.\-]*[A-Z0-9])\)")
_SPEECH_AFTER = re.compile(
    r"^(?:\s+(?:said|says|added|told|noted|stressed|explained|urged|warned|believes|"
    r"pointed|emphasised|emphasized|underlined|remarked|recalled|wrote|asked)\b|\s*:)"
)
# A word of letters standing alone, not inside a longer word, number or hyphen
# compound: one scan of the text finds every place a surname can stand.
_LONE_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")
_TITLE_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w.-]*) $")
_SMALL_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "to", "&", "de", "a"})


@dataclass(frozen=True)
class Candidate:
    """A mention before ids: span, label, source, canonical name when known."""

    start: int
    end: int
    label: str
    source: str
    canonical: str | None = None


def normalise_name(name: str) -> str:
    """NFKC, straight apostrophes, one space, casefolded: the key ids hash."""
    name = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", name).strip().casefold()


def display_name(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip()


def entity_id(label: str, canonical_name: str) -> str:
    """Same label and canonical name → same id, in every run and article; an
    organisation or programme named with a country qualifier shares the id of its
    bare name ("U.S. National Academy of Sciences" ~ "National Academy of Sciences")."""
    key = normalise_name(canonical_name)
    if label in ("ORG", "MISC"):
        key = _without_country_qualifier(key)
    digest = hashlib.sha1(f"{label}|{key}".encode())
    return "ent_" + digest.hexdigest()[:16]


def _without_country_qualifier(key: str) -> str:
    """Drop a leading country abbreviation when two or more words remain."""
    first, _, rest = key.partition(" ")
    if first in country_abbreviations() and len(rest.split()) >= 2:
        return rest
    return key


def _initials_match(acronym: str, long_form: str) -> bool:
    """ "CPC" ~ "Communist Party of China": letters in order, first letters of words;
    an abbreviated place may open it ("NAS" ~ "U.S. National Academy of …")."""
    letters = [c.upper() for c in acronym if c.isalpha()]
    words = [w for w in re.split(r"[\s\-–]+", long_form) if w]
    qualified = bool(words) and words[0].replace(".", "").isupper()  # "U.S.", "UK"
    return bool(letters) and (
        _initials_in_order(letters, words)
        or qualified
        and _initials_in_order(letters, words[1:])
    )


def _initials_in_order(letters: list[str], words: list[str]) -> bool:
    if not words or letters[0] != words[0][0].upper():
        return False
    initials = [w[0].upper() for w in words if w.casefold() not in _SMALL_WORDS]
    pos = 0
    for letter in letters:
        while pos < len(initials) and initials[pos] != letter:
            pos += 1
        if pos == len(initials):
            return False
        pos += 1
    return True


def link_acronyms(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Find "Long Form (LF)" definitions; each use of LF is a mention of Long Form.
    A stop-listed acronym ("R&D", "MoU") defines no name and unnames its long form."""
    defined: dict[str, Candidate] = {}
    jargon: list[Candidate] = []
    for m in _ACRONYM.finditer(text):
        acronym = m.group(1)
        before = text[: m.start()].rstrip()
        owners = [
            c
            for c in cands
            if c.end == len(before) and _initials_match(acronym, text[c.start : c.end])
        ]
        if owners and acronym.casefold() in stoplist():
            # "Research and Development (R&D)": the long form of jargon is jargon
            jargon.extend(c for c in owners if c.source in ("ner", "rule"))
        elif owners:
            owner = max(owners, key=lambda c: c.end - c.start)
            defined.setdefault(acronym, owner)
    cands = [c for c in cands if c not in jargon]
    if not defined:
        return cands
    out = list(cands)
    for acronym, owner in defined.items():
        canonical = owner.canonical or display_name(text[owner.start : owner.end])
        for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            out = [
                c
                for c in out
                if not (
                    c.start < m.end()
                    and m.start() < c.end
                    and c.end - c.start <= m.end() - m.start()
                )
            ]
            if any(c.start <= m.start() and m.end() <= c.end for c in out):
                continue  # inside a longer name
            out.append(Candidate(m.start(), m.end(), owner.label, "acronym", canonical))
    return out


def link_surnames(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A lone surname or given name after a full name is that person."""
    people = sorted(
        (
            c
            for c in cands
            if c.label == "PERSON" and len(text[c.start : c.end].split()) >= 2
        ),
        key=lambda c: c.start,
    )
    if not people:
        return cands
    owners = _Owners(text, people)
    out = []
    for c in cands:
        surface = text[c.start : c.end]
        # a hyphenated surname ("Forster-Caskey") is one word too
        single = c.source == "ner" and surface.replace("-", "").isalpha()
        owner = owners.before(surface, c.start) if single else None
        out.append(replace(c, label="PERSON", canonical=owner) if owner else c)
    taken = bytearray(len(text) + 1)  # 1 where a candidate already covers the char
    for c in out:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    occurrences: dict[str, list[tuple[int, int]]] = {}
    for m in _LONE_WORD.finditer(text):
        occurrences.setdefault(m.group(), []).append(m.span())
    for person in people:
        name_words = text[person.start : person.end].split()
        for word in {name_words[0], name_words[-1]} - {""}:
            if not word.isalpha():
                continue
            found = occurrences.get(word, [])
            for start, end in found[bisect_left(found, (person.end,)) :]:
                if any(taken[start:end]):
                    continue
                if not (
                    _SPEECH_AFTER.match(text[end : end + 20])
                    or _after_title(text, start)
                ):
                    continue  # untagged: only after a title or before a speech verb
                owner = owners.before(word, start)
                if owner:
                    out.append(Candidate(start, end, "PERSON", "surname", owner))
                    taken[start:end] = b"\x01" * (end - start)
    return out


def _after_title(text: str, start: int) -> bool:
    """ "Mr Draghi", "Dr. Sung": a person's title stands right before the word."""
    before = text[max(0, start - 20) : start]
    m = _TITLE_BEFORE.search(before)
    return m is not None and m.group(1) in titles()


class _Owners:
    """The full names of an article by position and by first and last word, so that
    finding a lone name's owner does not rescan every name (long bodies hold
    thousands)."""

    def __init__(self, text: str, people: list[Candidate]):
        self._starts: dict[str, list[int]] = {}
        self._names: dict[str, list[str]] = {}
        for person in people:  # sorted by start
            surface = text[person.start : person.end]
            words = surface.split()
            name = person.canonical or display_name(surface)
            for word in dict.fromkeys((words[0], words[-1])):
                self._starts.setdefault(word, []).append(person.start)
                self._names.setdefault(word, []).append(name)

    def before(self, word: str, at: int) -> str | None:
        """The latest full name starting before `at` that starts or ends with `word`."""
        starts = self._starts.get(word)
        if not starts:
            return None
        n = bisect_left(starts, at)
        return self._names[word][n - 1] if n else None
