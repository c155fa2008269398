"""Lexicons of the entities stage: ruler patterns, head words, titles, stop lists."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

DATA_DIR = ("data",)
PATTERN_FILES = (
    "countries.jsonl",
    "regions.jsonl",
    "organisations.jsonl",
    "programmes.jsonl",
    "stock_indices.jsonl",
)
LABELS = frozenset({"PERSON", "ORG", "LOC", "MISC"})


def _read_text(name: str) -> str:
    path = resources.files("transforms.extract.entities").joinpath(*DATA_DIR, name)
    return path.read_text(encoding="utf-8")


def read_jsonl(name: str) -> tuple[dict, ...]:
    """Rows of one JSONL lexicon; an empty one is a packaging error and raises."""
    rows = tuple(
        json.loads(line)
        for line in _read_text(name).splitlines()
        if line.strip() and not line.startswith("#")
    )
    if not rows:
        raise ValueError(f"entity lexicon {name} is empty")
    return rows


def read_words(name: str) -> frozenset[str]:
    """One entry per line, `#` starts a comment line; empty raises."""
    words = frozenset(
        line.strip()
        for line in _read_text(name).splitlines()
        if line.strip() and not line.startswith("#")
    )
    if not words:
        raise ValueError(f"entity word list {name} is empty")
    return words


def validate_patterns(rows: tuple[dict, ...], name: str) -> list[dict]:
    """span_ruler patterns (label, pattern, id) from rows; extra keys dropped."""
    patterns = []
    for row in rows:
        if row.get("label") not in LABELS or not row.get("pattern"):
            raise ValueError(f"bad entity pattern in {name}: {row!r}")
        patterns.append(
            {
                "label": row["label"],
                "pattern": row["pattern"],
                "id": row.get("id") or row["pattern"],
            }
        )
    return patterns


@cache
def entity_patterns() -> tuple[dict, ...]:
    """All phrase patterns of the shipped lexicons."""
    patterns: list[dict] = []
    for name in PATTERN_FILES:
        patterns.extend(validate_patterns(read_jsonl(name), name))
    return tuple(patterns)


@cache
def joined_by_and() -> frozenset[tuple[str, str]]:
    """The words on either side of each "and" inside a lexicon name ("Belt", "Road"):
    a name the lexicon knows whole is never split there."""
    pairs = set()
    for row in entity_patterns():
        if isinstance(row["pattern"], str):
            words = row["pattern"].split()
            pairs.update(
                (words[i - 1], words[i + 1])
                for i in range(1, len(words) - 1)
                if words[i] == "and"
            )
    return frozenset(pairs)


@cache
def head_labels() -> dict[str, str]:
    """Head word of a name ("Ministry", "Initiative") → the label it gives the name."""
    return {row["head"]: row["label"] for row in read_jsonl("heads.jsonl")}


@cache
def country_codes() -> dict[str, str]:
    """Canonical country name → ISO 3166-1 alpha-2."""
    return {row["id"]: row["country_code"] for row in read_jsonl("countries.jsonl")}


@cache
def country_abbreviations() -> frozenset[str]:
    """Country names written as capitals ("U.S.", "UK", "PRC"), casefolded."""
    return frozenset(
        row["pattern"].casefold()
        for row in read_jsonl("countries.jsonl")
        if row["pattern"].replace(".", "").isupper()
    )


@cache
def titles() -> frozenset[str]:
    return read_words("titles.txt")


@cache
def title_qualifiers() -> frozenset[str]:
    return read_words("title_qualifiers.txt")


def is_leading_title(word: str, next_word: str) -> bool:
    """`word` is a title to strip before `next_word`; a qualifier ("State") is one
    only before the title it qualifies ("State Councilor"), not before a name."""
    return word in titles() and (
        word not in title_qualifiers() or next_word in titles()
    )


@cache
def demonyms() -> frozenset[str]:
    return read_words("demonyms.txt")


@cache
def stoplist() -> frozenset[str]:
    return frozenset(w.casefold() for w in read_words("stoplist.txt"))
