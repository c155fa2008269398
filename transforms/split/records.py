"""Map the fields of JSONL and CSV exports (an article per record) to article fields."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

# Field names seen in scrapers' exports, by the article field they carry, best first.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "article",
        "article_text",
        "articlebody",
        "maintext",
    ),
    "title": ("title", "headline", "name"),
    "published": (
        "date",
        "published",
        "published_date",
        "pubdate",
        "date_publish",
        "datepublished",
        "publication_date",
        "time",
    ),
    "author": ("author", "authors", "byline", "creator"),
    "source": ("source", "source_name", "outlet", "publisher", "site_name", "sitename"),
    "url": ("url", "link", "source_url", "canonical_url"),
}


@dataclass(frozen=True)
class Record:
    number: int  # 1-based line (JSONL) or row (CSV) of the record in the file
    text: str
    fields: dict[str, str]


@dataclass(frozen=True)
class BadRecord:
    number: int
    reason: str
    detail: str


def read_records(text: str, suffix: str) -> tuple[list[Record], list[BadRecord]]:
    """Records with an article text, and those that cannot be read or have none."""
    rows, bad = _jsonl_rows(text) if suffix == "jsonl" else _csv_rows(text)
    records = []
    for number, row in rows:
        fields = map_fields(row)
        body = fields.pop("text", "")
        if body.strip():
            records.append(Record(number, body, fields))
        else:
            detail = f"no text field among: {', '.join(sorted(map(str, row))[:10])}"
            bad.append(BadRecord(number, "no_text", detail))
    return records, bad


def map_fields(row: dict) -> dict[str, str]:
    """The article fields of one record, from the first alias present and non-empty."""
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    mapped = {}
    for target, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            value = lowered.get(alias)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value if v)
            if value not in (None, "") and str(value).strip():
                mapped[target] = str(value).strip() if target != "text" else str(value)
                break
    return mapped


def _jsonl_rows(text: str) -> tuple[list[tuple[int, dict]], list[BadRecord]]:
    """One record a line; lines end at "\n" only: U+2028 or U+0085 are legal inside
    a JSON string, and `str.splitlines` would cut the record there."""
    rows, bad = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            bad.append(BadRecord(number, "bad_json", f"not JSON: {error}"))
            continue
        if isinstance(value, dict):
            rows.append((number, value))
        else:
            bad.append(
                BadRecord(number, "bad_json", "the line is JSON but not an object")
            )
    return rows, bad


def _csv_rows(text: str) -> tuple[list[tuple[int, dict]], list[BadRecord]]:
    """The rows of a CSV export; a row the reader rejects is that row's `bad_csv`,
    with the reader's error, and the rows after it are still read."""
    # No field can be longer than the file, which already passed the size limit; the
    # default limit (131,072 characters) would reject a long article body.
    if csv.field_size_limit() < len(text):
        csv.field_size_limit(len(text))
    reader = csv.DictReader(io.StringIO(text))
    rows, bad = [], []
    number = 0
    while True:
        number += 1
        try:
            rows.append((number, next(reader)))
        except StopIteration:
            return rows, bad
        except csv.Error as error:
            detail = f"not CSV at line {reader.line_num}: {error}"
            bad.append(BadRecord(number, "bad_csv", detail))


def parse_date_field(value: str | None) -> dt.date | None:
    """A date an export or page states in a field (ISO, RFC 822 or free text)."""
    if not value:
        return None
    import dateparser

    parsed = dateparser.parse(
        value,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["year", "month", "day"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed else None
