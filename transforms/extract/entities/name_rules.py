"""Capitalised-name chunks typed by their head word ("Ministry of …", "… Initiative").

The raw NER splits, merges or mistypes the long institutional and programme names of
news ("the Ministry of Science and Technology’s Department of Strategy and Planning"
as one ORG, "Square Kilometer Array" as PERSON); these names are regular in English:
a run of capitalised words, joined by "of/for/on/in the/and", whose head word
("Ministry", "Academy", "Initiative", "Telescope") says what it names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from transforms.extract.entities.lexicons import (
    head_labels,
    is_leading_title,
    joined_by_and,
)
from transforms.extract.entities.places import CALENDAR_WORDS, GLUED_PARTICIPLE

# A word of a name: capitalised or an ordinal, hyphen/apostrophe compounds kept whole,
# a dotted abbreviation ("U.S. National Academy of Sciences", "Dept.") or a lone "&".
_WORD = re.compile(
    r"(?:[A-Z]\.){2,}|&|Dept\.|[A-Za-z0-9][A-Za-z0-9&]*(?:[-–'’][A-Za-z0-9]+)*(?:['’]s\b)?"
)
_ORDINAL = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|"
    r"Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth)$"
)
# "21st-Century Maritime Silk Road": an ordinal compound opens the name, stays in it
_ORDINAL_COMPOUND = re.compile(r"^\d+(?:st|nd|rd|th)[-–][A-Z][a-z]+$")
_CONNECTORS = frozenset({"of", "for", "on", "in", "and", "&", "de", "du", "des", "la"})
_SEGMENT_BREAKS = frozenset({"of", "for", "on", "in", "de", "du", "des"})
# A possessive ends a name ("Ministry’s Department") except in these fixed forms.
_POSSESSIVE_NAMES = frozenset(
    "People Children Women Men Workers Farmers Peoples Veterans Citizens".split()
)
# Capitalised only because a sentence or a dateline starts with them.
_LEADING_NOISE = frozenset(
    """
The A An On In At For By From With Since After Before During When While As Under Over
Through Between Among Also However Moreover Meanwhile Yesterday Today Tomorrow Last Next
This That These Those Both Each Every All Many Some Other Such Our Its Their His Her My
We He She They It I If But And Or So Thus Thank Dear Please Then Now Here There Why How
What Where Who Which Only Even Not No Yes Monday Tuesday Wednesday Thursday Friday
Saturday Sunday January February March April May June July August September October
November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Former Current
Officials Experts Scientists Researchers Leaders According Despite Via Led Together
""".split()
)
# Role words that end a name's tail ("… Academy of Sciences President Hou Jianguo").
_ROLE_WORDS = frozenset(
    "Minister President Premier Director Spokesman Spokeswoman Spokesperson "
    "Ambassador Chairman Chairwoman Professor Dean Governor Mayor Researcher "
    "Scientist Chief Head Deputy Vice Secretary Dr Mr Ms Mrs Prof DDG DG".split()
)
_EVENT_HEADS = frozenset(
    "Congress Session Plenum Plan Summit Forum Conference Games Assembly Expo "
    "Symposium Meeting Meetings Workshop Seminar Roundtable Year".split()
)


@dataclass(frozen=True)
class NameSpan:
    """A name typed by its head word; `nested` marks one inside another."""

    start: int
    end: int
    label: str
    nested: bool


class _Word(NamedTuple):  # one per word of the body: a tuple is cheaper to build
    start: int
    end: int
    text: str


def _words(text: str) -> list[_Word]:
    return [_Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _is_cap(word: str) -> bool:
    first = word[:1]  # an ordinal starts with a digit or a capital: test it only then
    return (
        first.isupper()
        or first.isdigit()
        and bool(_ORDINAL.match(word) or _ORDINAL_COMPOUND.match(word))
    )


def _possessive(word: str) -> bool:
    return word.endswith(("’s", "'s")) and len(word) > 2


def _chunks(text: str, words: list[_Word]) -> list[list[_Word]]:
    """Maximal runs of capitalised words joined by single spaces and connectors."""
    chunks: list[list[_Word]] = []
    i = 0
    while i < len(words):
        if not _is_cap(words[i].text):
            i += 1
            continue
        chunk = [words[i]]
        j = i + 1
        while j < len(words) and not _ends_name(chunk[-1].text):
            gap = text[chunk[-1].end : words[j].start]
            word = words[j].text
            if gap == " " and _is_cap(word):
                chunk.append(words[j])
                j += 1
                continue
            if gap == ", " and _is_cap(word) and _list_comma(text, words, j):
                chunk.append(words[j])
                j += 1
                continue
            if gap == " " and word in _CONNECTORS:
                k = j + 1
                if (
                    k < len(words)
                    and words[k].text == "the"
                    and word != "and"
                    and text[words[j].end : words[k].start] == " "
                ):
                    k += 1
                if (
                    k < len(words)
                    and _is_cap(words[k].text)
                    and words[k].text not in CALENDAR_WORDS
                    and not words[k].text[:1].isdigit()  # "in the 15th minute"
                    and text[words[k - 1].end : words[k].start] == " "
                    and (word != "in" or k == j + 2)  # "in the …", not "in Hawaii"
                ):
                    chunk.extend(words[j : k + 1])
                    j = k + 1
                    continue
            break
        chunks.append(chunk)
        i = j
    return chunks


def _ends_name(word: str) -> bool:
    """A possessive ends a name, except in fixed forms ("Women’s Hospital")."""
    return _possessive(word) and word[:-2] not in _POSSESSIVE_NAMES


@lru_cache(maxsize=1)
def _name_chunks(text: str) -> tuple[tuple[_Word, ...], ...]:
    """The chunks, split between two complete names joined by "and" ("Beijing
    University of Chinese Medicine and Hubei Provincial Seed Group"). Cached for
    the last text: `find_names` and `name_runs` both read the body's chunks."""
    heads = head_labels()
    out = []
    for chunk in _chunks(text, _words(text)):
        start = 0
        for i, w in enumerate(chunk):
            if w.text != "and" or i == start or i + 1 == len(chunk):
                continue
            left, right = chunk[start:i], chunk[i + 1 :]
            if (left[-1].text, right[0].text) in joined_by_and():
                continue
            acronym = (
                len(left) == 1 and left[0].text.isupper() and len(left[0].text) > 1
            )
            if (acronym or _complete(left, heads)) and _head_label(right, heads):
                out.append(left)
                start = i + 1
        out.append(chunk[start:])
    return tuple(map(tuple, out))


def _complete(part: Sequence[_Word], heads: dict[str, str]) -> bool:
    """A name by itself: a head word, and the name runs to the end of the part."""
    hit = _head_label(part, heads)
    return hit is not None and _name_end(part, hit[0]) == len(part)


def _list_comma(text: str, words: list[_Word], j: int) -> bool:
    """A comma inside a name joins single words ("Science, Technology and …"), not
    acronyms ("Office of Global Engagement, JLU and …" lists names)."""
    return (
        j + 2 < len(words)
        and not words[j].text.isupper()
        and words[j + 1].text == "and"
        and text[words[j].end : words[j + 2].start] == " and "
    )


def _strip(word: str) -> str:
    if _ends_name(word):
        return word[:-2]
    return word


def _head_label(part: Sequence[_Word], heads: dict[str, str]) -> tuple[int, str] | None:
    """Index and label of the head: the last head word before the first of/for/on/in."""
    stop = next((i for i, w in enumerate(part) if w.text in _SEGMENT_BREAKS), len(part))
    for i in range(stop - 1, -1, -1):
        label = heads.get(_strip(part[i].text))
        if label and part[i].text not in _CONNECTORS:
            return i, label
    return None


def _name_end(part: Sequence[_Word], head: int) -> int:
    """The name runs past its head through connectors, but not into a person's role."""
    stop = next((i for i, w in enumerate(part) if w.text in _SEGMENT_BREAKS), len(part))
    if head < stop - 1 and stop == len(part):
        return head + 1  # "Tsinghua University Professor …": words after the head
    end = len(part)
    for i in range(head + 1, len(part)):
        if part[i].text in _ROLE_WORDS or _ends_name(part[i - 1].text):
            end = i
            break
    while end > head + 1 and part[end - 1].text in _CONNECTORS | {"the"}:
        end -= 1
    return end


def _starts(chunk: Sequence[_Word]) -> list[int]:
    """Where a name may start: the chunk start, then after each of/for/on/in (the)."""
    starts = [0]
    for i, w in enumerate(chunk[:-1]):
        if w.text in _SEGMENT_BREAKS:
            starts.append(i + 2 if chunk[i + 1].text == "the" else i + 1)
    return starts


def _trim_leading(chunk: Sequence[_Word], start: int) -> int:
    """Skip sentence-start words, titles and connectors before a name."""
    while start < len(chunk) - 1 and (
        chunk[start].text in _LEADING_NOISE
        or is_leading_title(chunk[start].text, chunk[start + 1].text)
        or chunk[start].text in _CONNECTORS
        or chunk[start].text == "the"
        or GLUED_PARTICIPLE.search(chunk[start].text)
    ):
        start += 1
    return start


def find_names(text: str) -> list[NameSpan]:
    """Head-typed names in `text`: maximal ones, then complete names inside them."""
    heads = head_labels()
    found: list[NameSpan] = []
    for chunk in _name_chunks(text):
        outer: tuple[int, int] | None = None
        for start in _starts(chunk):
            start = _trim_leading(chunk, start)
            part = chunk[start:]
            hit = _head_label(part, heads)
            if hit is None:
                continue
            head, label = hit
            end = _name_end(part, head)
            words = part[:end]
            if (
                _ORDINAL.match(words[0].text)
                and _strip(words[head].text) in _EVENT_HEADS
            ):
                label = "MISC"
            elif _ORDINAL.match(words[0].text):
                words = words[1:]
                if not words:
                    continue
            s, e = words[0].start, words[-1].end
            if _strip(words[-1].text) != words[-1].text:
                e -= 2
            if len(words) == 1 and words[0].text[:1].isupper() is False:
                continue
            if len(words) == 1 and _strip(words[0].text) in heads:
                continue  # a bare head word ("Ministry") names nothing
            if outer is not None and outer[0] <= s and e <= outer[1]:
                found.append(NameSpan(s, e, label, True))
            elif outer is None:
                outer = (s, e)
                found.append(NameSpan(s, e, label, False))
    return found


def name_runs(text: str) -> list[tuple[int, int]]:
    """Character spans of the capitalised runs a name may fill, each cut before a
    role word or after a possessive: what the model's cut names are repaired to."""
    runs = []
    for chunk in _name_chunks(text):
        end = next(
            (i for i, w in enumerate(chunk) if i and w.text in _ROLE_WORDS),
            len(chunk),
        )
        last = chunk[end - 1]
        runs.append(
            (chunk[0].start, last.end - len(last.text) + len(_strip(last.text)))
        )
    return runs
