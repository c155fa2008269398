"""Aggregations behind the run report's charts (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

UNKNOWN = "(unknown)"
NO_DATE = "(no date)"
ENTITY_LABELS = ("PERSON", "ORG", "LOC", "MISC")
_MAX_FILLED_MONTHS = 240


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def count_values(frame: pd.DataFrame, column: str, top: int | None = None) -> list[Bar]:
    """Rows per value of `column`, most frequent first; nulls count as UNKNOWN."""
    if column not in frame or frame.empty:
        return []
    values = frame[column].astype("object").where(frame[column].notna(), UNKNOWN)
    counts = values.astype(str).value_counts()
    bars = sorted(((-int(n), label) for label, n in counts.items()))
    return [Bar(label, -n) for n, label in bars[:top]]


def articles_per_month(articles: pd.DataFrame) -> list[Bar]:
    """Articles per published month in calendar order, empty months included."""
    if articles.empty or "published_date" not in articles:
        return []
    dates = pd.to_datetime(articles["published_date"], errors="coerce")
    months = dates.dropna().dt.to_period("M").value_counts()
    undated = int(dates.isna().sum())
    if not months.empty:
        span = pd.period_range(months.index.min(), months.index.max(), freq="M")
        if len(span) <= _MAX_FILLED_MONTHS:
            months = months.reindex(span, fill_value=0)
    bars = [Bar(str(month), int(n)) for month, n in sorted(months.items())]
    return bars + ([Bar(NO_DATE, undated)] if undated else [])


def top_entities_by_type(entities: pd.DataFrame, top: int = 10) -> dict[str, list[Bar]]:
    """Most mentioned entities (by canonical name) per label, contract labels first."""
    if entities.empty or "label" not in entities:
        return {}
    names = entities.get("canonical_name", entities.get("text"))
    frame = pd.DataFrame({"label": entities["label"], "name": names})
    labels = sorted(frame["label"].dropna().unique(), key=_label_order)
    return {
        label: count_values(frame[frame["label"] == label], "name", top)
        for label in labels
    }


def _label_order(label: str) -> tuple[int, str]:
    known = label in ENTITY_LABELS
    return (ENTITY_LABELS.index(label) if known else len(ENTITY_LABELS), label)
