"""Assembly of the article: repair the lines, label each one, build the body, the
title and the metadata fields."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import ftfy

from transforms.clean import metadata as meta
from transforms.clean.body import classify_lines
from transforms.clean.prelabels import prelabel_lines
from transforms.clean.settings import CleanSettings
from transforms.clean.signals import LINE_CACHE_SIZE


@dataclass(frozen=True)
class LabelledBlock:
    ordinal: int
    text: str
    label: str
    reason: str


@dataclass(frozen=True)
class CleanedArticle:
    title: str | None
    body: str
    published_date: dt.date | None
    source_name: str | None
    author: str | None
    language: str
    blocks: tuple[LabelledBlock, ...]


_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACE_RUN = re.compile(r" {2,}")
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False)


@lru_cache(maxsize=LINE_CACHE_SIZE)
def repair_text(text: str) -> str:
    """Repair mojibake and odd spaces. Sentences glued at a full stop ("2015.China")
    keep the source's characters: the NLP tokenizer splits them
    (`transforms.extract.nlp`).
    Cached: ftfy is the costliest per-line step, and furniture recurs across pages."""
    text = ftfy.fix_text(text, config=_FTFY_CONFIG)
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    return _SPACE_RUN.sub(" ", text).strip()


def clean_document(
    lines: Sequence[str],
    *,
    url: str | None = None,
    repeated_lines: frozenset[int] = frozenset(),
    settings: CleanSettings = CleanSettings(),
) -> CleanedArticle:
    """Label each non-empty stripped line and build the article from the body lines.

    `lines` are the split stage's lines (their indices are the block ordinals);
    `repeated_lines` are the `line_key`s of the page's lines that its site repeats
    (`transforms.clean.repeats`).
    """
    raw = list(lines)
    lines = [repair_text(line) for line in raw]  # mojibake must not hide furniture
    language = meta.detect_language(" ".join(lines), settings.default_language)
    if language != "en":
        return _clean_by_sentence_marks(raw, lines, language)
    pre = prelabel_lines(lines, repeated_lines, settings)
    fixed, found, title_idx, site = pre.fixed, pre.found, pre.title_index, pre.site
    reasons = classify_lines(lines, pre.reasons, settings)
    blocks = []
    for i, line in enumerate(raw):
        label, reason = fixed.get(i) or (
            ("body", reasons[i])
            if reasons[i].startswith("body")
            else ("boilerplate", reasons[i])
        )
        blocks.append(LabelledBlock(i, line, label, reason))
    body_lines = [lines[b.ordinal] for b in blocks if b.label == "body"]
    body = "\n\n".join(body_lines)
    title = lines[title_idx] if title_idx is not None else None
    return CleanedArticle(
        title=title,
        body=body,
        published_date=_published(found, body_lines, url),
        source_name=_source(found, site, body_lines, url),
        author=found["author"][0] if found["author"] else None,
        language=meta.detect_language(body or (title or ""), settings.default_language),
        blocks=tuple(blocks),
    )


# Sentence-final marks of many scripts: Latin, CJK, Arabic, Devanagari.
_SENTENCE_END = re.compile(r"[.!?。！？؟।」”\"')）]$")


def _clean_by_sentence_marks(
    raw: list[str], lines: list[str], language: str
) -> CleanedArticle:
    """A page in another language: the English word and stop-word signals do not
    apply, so the headline is the first line and the body is the lines that end
    like sentences; metadata comes from the language-independent patterns."""
    blocks = []
    for i, line in enumerate(lines):
        if i == 0 and len(lines) > 1:
            label, reason = "title", "headline_other_language"
        elif _SENTENCE_END.search(line) and len(line) >= 12:
            label, reason = "body", "sentence_other_language"
        else:
            label, reason = "boilerplate", "no_sentence_other_language"
        blocks.append(LabelledBlock(i, raw[i], label, reason))
    body_lines = [lines[b.ordinal] for b in blocks if b.label == "body"]
    dates = [d for d in map(meta.find_full_date, lines) if d]
    return CleanedArticle(
        title=lines[0] if len(lines) > 1 else None,
        body="\n\n".join(body_lines),
        published_date=dates[0] if dates else None,
        source_name=None,
        author=next(filter(None, map(meta.match_byline, lines)), None),
        language=language,
        blocks=tuple(blocks),
    )


def _published(found: dict[str, list], body_lines: list[str], url: str | None):
    if found["date"]:
        return found["date"][0]
    if found["yearless"]:
        month, day = found["yearless"][0]
        year = meta.infer_year(body_lines, month, day)
        if year:
            return meta.parse_yearless(month, day, year)
    return meta.date_from_url(url)


def _source(found: dict[str, list], site: str | None, body_lines: list[str], url):
    """Strongest first: a dateline credit or original outlet, the site name, then
    the weak 'As reported by X' self-reference, then the URL host."""
    if found["source"]:
        return found["source"][0]
    if site:
        return site
    for line in body_lines:
        reported = meta.source_from_reported_by(line)
        if reported:
            return reported
    return meta.source_from_url(url)
