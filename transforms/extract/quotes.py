"""Quotations attributed to people: quoted, reported, and transcript answers."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from transforms.extract.entities.mentions import EntityMention

_VERBS = (
    r"(?:said|says|added|told|noted|stressed|explained|urged|warned|pointed out|"
    r"emphasi[sz]ed|underlined|remarked|recalled|wrote|believes|argued|insisted)"
)
# “…,” Liang said / “…,” said Liang / “…,” Wang told a press conference
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{2,}?)[,.!?]?[”\"]")
_AFTER_QUOTE = re.compile(rf"^\s*(?:{_VERBS}\s+)?$")
# Liang Yingda, director of …, said (on Tuesday) that …
_APPOSITION = r"(?:,[^.\n“”\"]{0,160},)?"
_REPORTED_THAT = re.compile(
    rf"^{_APPOSITION}\s+{_VERBS}(?:\s[^.,;:“”\"\n]{{0,60}}?)?\s+that\s+"
)
_REPORTED = re.compile(
    rf"^{_APPOSITION}\s+(?:said|says|added|stressed|noted|explained|believes|argued|"
    r"insisted)(?::|,)?\s+(?!(?:in|on|at|during|after|before|last|this|to|while|when|"
    r"yesterday|today)\b)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"]?(?=\s|$)")


@dataclass(frozen=True)
class Quote:
    """What a person said; `doc.text[start_char:end_char] == text`."""

    speaker_entity_id: str
    speaker_name: str
    text: str
    start_char: int
    end_char: int


def extract_quotes(text: str, mentions: list[EntityMention]) -> list[Quote]:
    """Quotes of PERSON mentions in the body `text`; one per span, first
    attribution wins."""
    people = sorted((m for m in mentions if m.label == "PERSON"), key=_start)
    if not text.strip() or not people:
        return []
    found: dict[tuple[int, int], Quote] = {}
    candidates = (
        _quoted(text, people)
        + _reported(text, people)
        + _trailing(text, people)
        + _answers(text, people)
    )
    for quote in candidates:
        key = (quote.start_char, quote.end_char)
        if quote.text.strip() and key not in found:
            found[key] = quote
    return sorted(found.values(), key=lambda q: q.start_char)


def _start(m: EntityMention) -> int:
    return m.start_char


def _quote(person: EntityMention, text: str, start: int, end: int) -> Quote:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quote(person.entity_id, person.canonical_name, text[start:end], start, end)


def _quoted(text: str, people: list[EntityMention]) -> list[Quote]:
    """A quotation followed, within a few characters, by its speaker's name."""
    starts = [p.start_char for p in people]
    out = []
    for m in _QUOTED.finditer(text):
        after = people[
            bisect_left(starts, m.end()) : bisect_right(starts, m.end() + 30)
        ]
        for person in after:
            gap = text[m.end() : person.start_char]
            tail = text[person.end_char : person.end_char + 12]
            if _AFTER_QUOTE.match(gap) and (
                re.match(rf"\s+{_VERBS}", tail) or re.search(_VERBS, gap)
            ):
                out.append(_quote(person, text, m.start(1), m.end(1)))
                break
    return out


def _reported(text: str, people: list[EntityMention]) -> list[Quote]:
    out = []
    for person in people:
        window = text[person.end_char : person.end_char + 400]
        m = _REPORTED_THAT.match(window) or _REPORTED.match(window)
        if not m:
            continue
        start = person.end_char + m.end()
        if text[start : start + 1] in '“"':
            continue  # quoted speech: _quoted handles it
        end_match = _SENTENCE_END.search(text, start)
        end = end_match.end() if end_match else len(text)
        end = min(end, text.find("\n", start) if "\n" in text[start:end] else end)
        out.append(_quote(person, text, start, end))
    return out


def _trailing(text: str, people: list[EntityMention]) -> list[Quote]:
    """ "Since 2016, China has launched …, Liang said." — unquoted, attribution last."""
    out = []
    for person in people:
        after = text[person.end_char : person.end_char + 30]
        if text[person.start_char - 2 : person.start_char] != ", " or not re.match(
            rf"\s+{_VERBS}\s*[.!?]", after
        ):
            continue
        head_end = person.start_char - 2
        start = 1 + max(
            text.rfind("\n", 0, head_end),
            *(text.rfind(p + " ", 0, head_end) for p in ".!?"),
        )
        if text[start:head_end].lstrip()[:1] in '“"':
            continue  # quoted speech: _quoted handles it
        out.append(_quote(person, text, start, head_end))
    return out


def _answers(text: str, people: list[EntityMention]) -> list[Quote]:
    """Transcripts: a paragraph that is only `Name:` introduces the answer after it."""
    starts = [p.start_char for p in people]
    labels = []
    for para in re.finditer(r"[^\n]+", text):
        line = para.group().strip()
        if not line.endswith(":"):
            continue
        inside = people[
            bisect_left(starts, para.start()) : bisect_left(starts, para.end())
        ]
        for person in inside:
            if line[:-1].strip() == person.text:
                labels.append((para, person))
                break
    out = []
    for i, (para, person) in enumerate(labels):
        end = labels[i + 1][0].start() if i + 1 < len(labels) else len(text)
        out.append(_quote(person, text, para.end(), end))
    return out
