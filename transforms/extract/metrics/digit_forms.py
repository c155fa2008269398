"""Numbers in digit forms the number lexicon does not read
(benchmarks/metrics_gold/DECISIONS.md, "Values"): thousands grouped with spaces
("$24 185 800") or with a stray space after a comma ("217, 581 acres"), which the
tokenizer cuts into several tokens; race times ("2:00:35", a duration in seconds);
age decades ("in their 20s and 40s", 20 and 40 years)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

# hours, minutes and seconds are a duration: a time of day has no seconds in news
# text, and "10:15:30 am" is still ruled out by its cue (`exclusions`)
_DURATION = re.compile(r"^(\d{1,2}):([0-5]\d):([0-5]\d(?:\.\d+)?)$")
_DECADE = re.compile(r"^([1-9]0)s$")
# words before an age decade: "in his 30s", "her early 50s", "mid-40s"
_AGE_BEFORE = frozenset({"his", "her", "their", "early", "late", "mid", "mid-"})
_LEAD = re.compile(r"^\d{1,3}$")
_GROUP = re.compile(r"^\d{3}(?:\.\d+)?$")


def spaced_groups(doc: Doc, i: int, sent_end: int) -> tuple[float, int] | None:
    """(value, end token) of a number whose thousands start at doc[i] and go on in
    groups of three digits after one space, or after a comma and one space; None
    when doc[i] starts no such number."""
    if not _LEAD.match(doc[i].text) or doc[i].whitespace_ not in (" ", ""):
        return None
    if i > 0 and any(c.isdigit() for c in doc[i - 1].text):
        return None  # "+49 40 890 1234": a phone number's groups
    digits, j = doc[i].text, i + 1
    while j < sent_end and "." not in digits:
        tok = doc[j]
        if tok.text == "," and doc[j - 1].whitespace_ == "" and tok.whitespace_ == " ":
            j += 1  # "217, 581"
            tok = doc[j] if j < sent_end else None
            if tok is None or not _GROUP.match(tok.text):
                return _found(digits, i, j - 1)
        elif doc[j - 1].whitespace_ != " " or not _GROUP.match(tok.text):
            break
        digits += tok.text
        j += 1
    return _found(digits, i, j)


def _found(digits: str, i: int, j: int) -> tuple[float, int] | None:
    return (float(digits), j) if j > i + 1 else None


def duration_seconds(text: str) -> float | None:
    """'2:00:35' -> 7235.0 seconds."""
    m = _DURATION.match(text)
    if not m:
        return None
    hours, minutes, seconds = (float(g) for g in m.groups())
    return hours * 3600 + minutes * 60 + seconds


def age_decade(doc: Doc, i: int) -> float | None:
    """The decade of life doc[i] names ('30s' after 'his', 'early', or after 'and'
    in 'their 20s and 40s'), else None ('the 90s' is a decade of a century)."""
    m = _DECADE.match(doc[i].text)
    if not m or i == 0:
        return None
    before = doc[i - 1].lower_
    if before == "-" and i > 1:
        before = doc[i - 2].lower_ + "-"
    listed = before in ("and", "or", "to", ",") and i > 1 and age_decade(doc, i - 2)
    return float(m.group(1)) if before in _AGE_BEFORE or listed else None
