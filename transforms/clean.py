"""Clean stage: label a document's lines and assemble the article and its metadata."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import ftfy

from transforms import metadata as meta
from transforms.boilerplate import (
    LINE_CACHE_SIZE,
    classify_lines,
    furniture_reason,
    normalise_line,
)

LABELS = ("title", "byline", "dateline", "body", "boilerplate")


@dataclass(frozen=True)
class CleanSettings:
    """Thresholds of the clean stage; every default is written here and only here."""

    good_min_words: int = 10  # a line this long with stop words is article prose
    good_min_stop_density: float = 0.3
    caption_max_words: int = 20  # lower-case lines without a full stop: alt text
    near_min_words: int = 5  # shorter sentence-like lines need body context
    context_max_gap: int = 3  # short lines within this many lines of prose are body
    run_max_gap: int = 3  # non-body lines tolerated inside one body run
    run_min_share: float = 0.5  # runs with this share of the main run's text are kept
    furniture_max_words: int = 12  # lexicon phrases only condemn short lines
    repeated_max_words: int = 20  # longer repeated lines may be shared wire copy
    page_top_min_words: int = 4  # shorter repeats of the page top may be section names
    repeated_min_documents: int = 3
    repeated_min_share: float = 0.05
    title_max_position: int = 6  # the headline sits near the top of the page
    title_max_words: int = 30
    site_name_max_words: int = 5
    lede_min_words: int = 6  # a dateline followed by this many words opens the body
    metadata_max_words: int = 24  # longer dated lines are prose, not page metadata
    default_language: str = "en"


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
_SITE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+[|\-–—:]\s+(?P<site>[^|\-–—]+)$")
# "— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019": an embedded tweet's
# attribution. It belongs to the quoted tweet, so it is neither a dateline nor the
# page's date.
_TWEET_ATTRIBUTION = re.compile(r"^[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s+\S.{0,40}$")


@lru_cache(maxsize=LINE_CACHE_SIZE)
def repair_text(text: str) -> str:
    """Repair mojibake and odd spaces. Sentences glued at a full stop ("2015.China")
    keep the source's characters: the NLP tokenizer splits them (`transforms.nlp`).
    Cached: ftfy is the costliest per-line step, and furniture recurs across pages."""
    text = ftfy.fix_text(text, config=_FTFY_CONFIG)
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    return _SPACE_RUN.sub(" ", text).strip()


def find_repeated_lines(
    documents: Sequence[Sequence[str]], settings: CleanSettings = CleanSettings()
) -> frozenset[str]:
    """Lines (normalised, see `normalise_line`) that recur across many documents.

    Furniture of a site repeats on every page; a line counts when it occurs in at
    least `repeated_min_documents` documents and `repeated_min_share` of them.
    """
    counts: Counter[str] = Counter()
    for lines in documents:
        counts.update({normalise_line(line) for line in lines} - {""})
    floor = max(settings.repeated_min_documents,
                settings.repeated_min_share * len(documents))  # fmt: skip
    return frozenset(k for k, c in counts.items() if c >= floor)


def _is_headline(line: str, settings: CleanSettings) -> bool:
    words = line.split()
    return 2 <= len(words) <= settings.title_max_words and not line.endswith(".")


def _find_title(
    lines: Sequence[str], fixed: dict[int, tuple[str, str]], settings: CleanSettings
) -> tuple[int | None, str | None]:
    """Index of the headline and the site name from a 'Headline - Site' page title."""
    first = next((i for i in range(len(lines)) if i not in fixed), None)
    if first is None:
        return None, None
    site = None
    heads = {lines[first]}
    m = _SITE_SUFFIX.match(lines[first])
    if m and len(m.group("site").split()) <= settings.site_name_max_words:
        heads.add(m.group("head").strip())
        site = m.group("site").strip()
    for i in range(first + 1, len(lines)):
        if lines[i] in heads and i not in fixed:
            return i, site  # the page title repeats as the article's headline
    window = range(first, min(len(lines), first + settings.title_max_position))
    for i in window:
        if i not in fixed and _is_headline(lines[i], settings):
            return i, site if i == first else None
    return first, None


def _label_metadata(
    lines: Sequence[str], repeated: frozenset[str], settings: CleanSettings
) -> tuple[dict[int, tuple[str, str]], dict[str, list]]:
    """Bylines, datelines and furniture lines, with the metadata values they carry."""
    fixed: dict[int, tuple[str, str]] = {}
    found: dict[str, list] = {"date": [], "yearless": [], "source": [], "author": []}
    for i, line in enumerate(lines):
        words = len(line.split())
        author = meta.match_byline(line)
        dateline = meta.match_dateline(line)
        full_date = (
            meta.find_full_date(line) if words <= settings.metadata_max_words else None
        )
        furniture = furniture_reason(line, settings)
        if author:
            fixed[i] = ("byline", "byline")
            found["author"].append(author)
            if full_date:
                found["date"].append(full_date)
            continue
        if _TWEET_ATTRIBUTION.match(line):
            continue
        if furniture == "caption":  # a photo's date is not the article's
            fixed[i] = ("boilerplate", furniture)
            continue
        if dateline:
            if dateline.credit:
                found["source"].append(dateline.credit)
            if dateline.year:
                found["date"].append(
                    dt.date(dateline.year, dateline.month, dateline.day)
                )
            else:
                found["yearless"].append((dateline.month, dateline.day))
            if len(dateline.rest.split()) < settings.lede_min_words:
                fixed[i] = ("dateline", "dateline")
            continue
        credit = meta.credit_of_line(line)
        if credit:
            found["source"].append(credit)
        if full_date and (
            furniture or "|" in line or not line.endswith((".", '"', "”"))
        ):
            fixed[i] = ("dateline", "date_with_furniture" if furniture else "date_line")
            found["date"].append(full_date)
            pipe_source = meta.source_from_pipes(line)
            if pipe_source:
                found["source"].append(pipe_source)
            continue
        if furniture:
            fixed[i] = ("boilerplate", furniture)
        elif words <= settings.repeated_max_words and (
            line in repeated or normalise_line(line) in repeated
        ):
            fixed[i] = ("boilerplate", "repeated_across_site")
    return fixed, found


@dataclass(frozen=True)
class Prelabels:
    """Lines decided before body detection (title, bylines, datelines, furniture)."""

    fixed: dict[int, tuple[str, str]]  # ordinal -> (label, reason)
    found: dict[str, list]  # metadata values seen: date, yearless, source, author
    title_index: int | None
    site: str | None

    @property
    def reasons(self) -> dict[int, str]:
        return {i: reason for i, (_, reason) in self.fixed.items()}


def prelabel_lines(
    lines: Sequence[str], repeated_lines: frozenset[str], settings: CleanSettings
) -> Prelabels:
    """Title, metadata and furniture labels; the rest is left to body detection."""
    fixed, found = _label_metadata(lines, repeated_lines, settings)
    title_idx, site = _find_title(lines, fixed, settings)
    if title_idx is not None:
        fixed[title_idx] = ("title", "headline")
        for i in range(title_idx):
            fixed.setdefault(i, ("boilerplate", "before_title"))
        # Lines shown again from the page top (menus, a teaser ticker) are
        # furniture wherever they recur.
        top = {normalise_line(line) for line in lines[:title_idx]
               if len(line.split()) >= settings.page_top_min_words}  # fmt: skip
        for i in range(title_idx + 1, len(lines)):
            if lines[i] == lines[title_idx]:
                fixed.setdefault(i, ("boilerplate", "title_repeat"))
            elif normalise_line(lines[i]) in top:
                fixed.setdefault(i, ("boilerplate", "page_top_repeat"))
    return Prelabels(fixed, found, title_idx, site)


def clean_document(
    lines: Sequence[str],
    *,
    url: str | None = None,
    repeated_lines: frozenset[str] = frozenset(),
    settings: CleanSettings = CleanSettings(),
) -> CleanedArticle:
    """Label each non-empty stripped line and build the article from the body lines.

    `lines` are the split stage's lines (their indices are the block ordinals);
    `repeated_lines` comes from `find_repeated_lines` over the same corpus.
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
