"""Assembly of the article: repair the lines, label each one, build the body, the
title and the metadata fields."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import ftfy

from transforms.clean import metadata as meta
from transforms.clean.body import classify_lines
from transforms.clean.dates import (
    URL_TOP_LINES,
    PublishedDate,
    date_from_url,
    match_stamp,
    match_url_line,
)
from transforms.clean.furniture import furniture_reason
from transforms.clean.language import detect_language
from transforms.clean.local_dates import find_local_date
from transforms.clean.prelabels import prelabel_lines
from transforms.clean.sentence_marks import label_other_language
from transforms.clean.settings import CleanSettings
from transforms.clean.signals import LINE_CACHE_SIZE, line_signals


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
    published: PublishedDate | None
    source_name: str | None
    url: str | None
    author: str | None
    language: str
    blocks: tuple[LabelledBlock, ...]

    @property
    def published_date(self) -> dt.date | None:
        return self.published.date if self.published else None


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
    metadata_date: dt.date | None = None,
    repeated_lines: frozenset[int] = frozenset(),
    settings: CleanSettings = CleanSettings(),
) -> CleanedArticle:
    """Label each non-empty stripped line and build the article from the body lines.

    `lines` are the split stage's lines (their indices are the block ordinals);
    `url` and `metadata_date` are what an export or an HTML page's metadata
    state; `repeated_lines` are the `line_key`s of the page's lines that its site
    repeats (`transforms.clean.repeats`).
    """
    raw = list(lines)
    lines = [repair_text(line) for line in raw]  # mojibake must not hide furniture
    language = detect_language(" ".join(lines), settings.default_language)
    if language != "en":
        return _clean_by_sentence_marks(
            raw, lines, language, url, metadata_date, settings
        )
    pre = prelabel_lines(lines, repeated_lines, settings)
    fixed, found, site = pre.fixed, pre.found, pre.site
    url = url or next(iter(found["url"]), None)
    reasons = classify_lines(lines, pre.reasons, settings)
    blocks = []
    for i, line in enumerate(raw):
        label, reason = fixed.get(i) or (
            ("body", reasons[i])
            if reasons[i].startswith("body")
            else ("boilerplate", reasons[i])
        )
        blocks.append(LabelledBlock(i, line, label, reason))
    if not any(b.label == "body" for b in blocks):
        blocks = _fall_back_to_prose(blocks, lines, settings)
    body_lines = [lines[b.ordinal] for b in blocks if b.label == "body"]
    body = "\n\n".join(body_lines)
    title = pre.title if any(b.label == "title" for b in blocks) else None
    return CleanedArticle(
        title=title,
        body=body,
        published=_published(found, body_lines, url, metadata_date),
        source_name=_source(found, site, body_lines, url),
        url=url,
        author=found["author"][0] if found["author"] else None,
        language=detect_language(body or (title or ""), settings.default_language),
        blocks=tuple(blocks),
    )


# Lines the lexicons or the page's repeats condemn: never body, even on a short page.
_LEXICON_REASONS = frozenset({
    "furniture_line", "promo_pattern", "caption", "furniture_phrase",
    "republishing_notice", "url_line", "repeated_across_site", "date_stamp",
    "language_version", "contact_line",
})  # fmt: skip


def _fall_back_to_prose(
    blocks: list[LabelledBlock], lines: list[str], settings: CleanSettings
) -> list[LabelledBlock]:
    """A page whose lines all read as furniture keeps its longest run of prose
    lines (sentences) as the body: an article is never dropped while its page has
    prose. On a page of a few lines, a lone paragraph or headline-like line that
    no lexicon condemns is that prose (a one-line page is body, not a title with
    an empty body). Byline and dateline lines stay what they are."""
    short_page = len(lines) <= settings.short_page_max_lines
    runs: list[list[int]] = [[]]
    for block in blocks:
        s = line_signals(lines[block.ordinal])
        prose = block.label == "boilerplate" and (
            (s.sentence_end and s.tokens >= settings.near_min_words)
            or s.words > settings.title_max_words
        )
        loose = (
            short_page
            and block.label in ("boilerplate", "title")
            and block.reason not in _LEXICON_REASONS
            and s.words >= settings.near_min_words
        )
        if prose or loose:
            runs[-1].append(block.ordinal)
        elif runs[-1]:
            runs.append([])
    best = set(max(runs, key=lambda run: sum(len(lines[i]) for i in run)))
    return [
        dataclasses.replace(b, label="body", reason="body_fallback_prose")
        if b.ordinal in best
        else b
        for b in blocks
    ]


def _clean_by_sentence_marks(
    raw: list[str],
    lines: list[str],
    language: str,
    url: str | None,
    metadata_date: dt.date | None,
    settings: CleanSettings,
) -> CleanedArticle:
    """A page in another language (`transforms.clean.sentence_marks` labels its
    lines); metadata comes from the language-independent patterns (stamps, full
    dates, bylines, the URL)."""
    stamps = [s for s in map(match_stamp, lines[:1]) if s]
    texts = [stamps[0][1], *lines[1:]] if stamps else list(lines)
    links = [match_url_line(t, bare=i < URL_TOP_LINES) for i, t in enumerate(texts)]
    url = url or next(filter(None, links), None)
    headline, labels = label_other_language(texts, links, language, settings)
    blocks = [
        LabelledBlock(i, raw[i], label, reason)
        for i, (label, reason) in enumerate(labels)
    ]
    body_lines = [lines[b.ordinal] for b in blocks if b.label == "body"]
    found = {
        "stamp": [s[0] for s in stamps],
        "date": [d for d in (_full_date(t, language, settings) for t in texts) if d],
        "yearless": [],
    }
    return CleanedArticle(
        title=texts[headline] if headline is not None else None,
        body="\n\n".join(body_lines),
        published=_published(found, body_lines, url, metadata_date),
        source_name=_foot_credit(blocks, lines, settings) or meta.source_from_url(url),
        url=url,
        author=next(filter(None, map(meta.match_byline, lines)), None),
        language=language,
        blocks=tuple(blocks),
    )


def _foot_credit(
    blocks: list[LabelledBlock], lines: list[str], settings: CleanSettings
) -> str | None:
    """The agency credited under the last body line, unless the furniture lexicons
    call the line furniture ('Share' is a button, not an agency)."""
    body = [b.ordinal for b in blocks if b.label == "body"]
    credit = meta.foot_credit(lines, body[-1]) if body else None
    if credit is None or furniture_reason(credit, settings):
        return None
    return credit


def _full_date(line: str, language: str, settings: CleanSettings) -> dt.date | None:
    """A full date in a line of another language's page: the numeric and English
    forms anywhere; the page language's month names on a date line only (short,
    not a sentence), as in English pages: prose cites the dates of events."""
    if date := meta.find_full_date(line):
        return date
    words = len(line.split())
    if words <= settings.metadata_max_words and not line.endswith((".", '"', "”")):
        return find_local_date(line, language)
    return None


def _published(
    found: dict[str, list],
    body_lines: list[str],
    url: str | None,
    metadata_date: dt.date | None,
) -> PublishedDate | None:
    """What the text states (stamp, byline, dateline), then the URL, then a
    yearless dateline's inferred year, then the page's or export's metadata."""
    if found["stamp"]:
        return found["stamp"][0]
    if found["date"]:
        return PublishedDate(found["date"][0], "stated")
    from_url = date_from_url(url)
    if from_url:
        return from_url
    if found["yearless"]:
        month, day = found["yearless"][0]
        year = meta.infer_year(body_lines, month, day)
        date = meta.parse_yearless(month, day, year) if year else None
        if date:
            return PublishedDate(date, "inferred")
    return PublishedDate(metadata_date, "metadata") if metadata_date else None


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
