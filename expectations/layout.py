"""How each table is laid out in Parquet for BI scans: sort order, dictionary
columns, row groups. No table is partitioned by a column that can be null: readers
decode a null partition differently (DuckDB 1.x as '__HIVE_DEFAULT_PARTITION__')."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """How a table is laid out in Parquet for BI scans."""

    sort_by: tuple[str, ...] = ()
    dictionary: tuple[str, ...] = ()  # repetitive string columns
    rows_per_group: int = 131_072


LAYOUT: dict[str, Layout] = {
    "articles": Layout(
        ("published_date", "article_id"),
        ("source_name", "language", "author"),
        8_192,
    ),
    "blocks": Layout(
        ("article_id", "ordinal"), ("article_id", "source_path", "label", "reason")
    ),
    "entities": Layout(
        ("article_id", "start_char"),
        ("article_id", "label", "entity_id", "canonical_name"),
    ),
    "metrics": Layout(
        ("article_id", "start_char"), ("article_id", "unit", "qualifier", "currency")
    ),
    "quotes": Layout(("article_id", "start_char"), ("article_id", "speaker_entity_id")),
    "entity_catalog": Layout(("entity_id",), ("label", "country_code")),
    "metric_series": Layout(
        ("indicator", "period_start", "published_date"),
        ("indicator", "unit", "subject", "source_name"),
    ),
    "quarantine": Layout(
        ("stage", "source_path"), ("stage", "reason", "run_id"), 65_536
    ),
}
