"""Title and metadata labels: the headline, bylines, datelines and furniture lines,
decided before body detection, with the metadata values they carry."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from transforms.clean import metadata as meta
from transforms.clean.dates import URL_TOP_LINES, match_stamp, match_url_line
from transforms.clean.furniture import furniture_reason, match_republishing
from transforms.clean.settings import CleanSettings
from transforms.clean.signals import line_key, normalise_line
from transforms.clean.title import choose_title, is_dated_headline, is_prose

# "— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019": an embedded tweet's
# attribution. It belongs to the quoted tweet, so it is neither a dateline nor the
# page's date.
_TWEET_ATTRIBUTION = re.compile(r"^[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s+\S.{0,40}$")


def _label_metadata(
    lines: Sequence[str], repeated: frozenset[int], settings: CleanSettings
) -> tuple[dict[int, tuple[str, str]], dict[str, list], list[str]]:
    """Bylines, datelines and furniture lines, with the metadata values they carry,
    and the lines as a reader sees them (a crawler's date stamp removed)."""
    fixed: dict[int, tuple[str, str]] = {}
    found: dict[str, list] = {
        "stamp": [], "date": [], "yearless": [], "source": [], "author": [], "url": []
    }  # fmt: skip
    texts = list(lines)
    for i, line in enumerate(lines):
        stamp = match_stamp(line)
        if stamp:
            found["stamp"].append(stamp[0])
            line = texts[i] = stamp[1]
            if not line:
                fixed[i] = ("dateline", "date_stamp")
                continue
        url = match_url_line(line, bare=i < URL_TOP_LINES)
        if url:
            found["url"].append(url)
            fixed[i] = ("boilerplate", "url_line")
            continue
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
            agency = meta.byline_agency(line)
            found["source"].extend([agency] if agency else [])
            if full_date:
                found["date"].append(full_date)
            continue
        if _TWEET_ATTRIBUTION.match(line):
            continue
        notice, outlet = match_republishing(line)
        if notice and words <= settings.metadata_max_words:
            fixed[i] = ("boilerplate", "republishing_notice")
            found["source"].extend([outlet] if outlet else [])
            found["date"].extend([full_date] if full_date else [])
            continue
        if furniture == "caption" and not dateline:  # a photo's date is not
            fixed[i] = ("boilerplate", furniture)  # the article's
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
            found["date"].append(full_date)
            if not furniture and len(fixed) == i and is_dated_headline(line, settings):
                continue  # first line under furniture: the title choice may take it
            fixed[i] = ("dateline", "date_with_furniture" if furniture else "date_line")
            pipe_source = meta.source_from_pipes(line)
            if pipe_source:
                found["source"].append(pipe_source)
            continue
        if furniture:
            fixed[i] = ("boilerplate", furniture)
        elif (
            repeated
            and words <= settings.repeated_max_words
            and (line_key(line) in repeated)
        ):
            fixed[i] = ("boilerplate", "repeated_across_site")
    return fixed, found, texts


@dataclass(frozen=True)
class Prelabels:
    """Lines decided before body detection (title, bylines, datelines, furniture)."""

    fixed: dict[int, tuple[str, str]]  # ordinal -> (label, reason)
    found: dict[str, list]  # metadata seen: stamp, date, yearless, source, author, url
    title_index: int | None
    title: str | None  # the headline line without a crawler's date stamp
    site: str | None

    @property
    def reasons(self) -> dict[int, str]:
        return {i: reason for i, (_, reason) in self.fixed.items()}


def prelabel_lines(
    lines: Sequence[str], repeated_lines: frozenset[int], settings: CleanSettings
) -> Prelabels:
    """Title, metadata and furniture labels; the rest is left to body detection."""
    fixed, found, texts = _label_metadata(lines, repeated_lines, settings)
    choice = choose_title(texts, fixed, settings)
    title_idx = choice.index
    if title_idx is not None:
        fixed[title_idx] = ("title", "headline")
        # Lines above the headline are page furniture, but prose above a headline
        # found lower down (a page-title repeat) is left to body detection.
        for i in range(title_idx):
            if not (choice.below_prose and is_prose(texts[i], settings)):
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
    title = texts[title_idx] if title_idx is not None else None
    return Prelabels(fixed, found, title_idx, title, choice.site)
