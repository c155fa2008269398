"""Aggregations behind the run report's charts (no I/O)."""

from __future__ import annotations

import math
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


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[tuple[str, float], ...]  # (ISO date, value), in date order


@dataclass(frozen=True)
class IndicatorChart:
    """The figures quoted for one indicator, one series per outlet."""

    column: str  # "indicator" when the metrics carry one, else "unit"
    indicator: str
    series: tuple[Series, ...]
    choices: tuple[Bar, ...]  # every indicator with a dated figure, most frequent first


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


def indicator_series(
    metrics: pd.DataFrame, articles: pd.DataFrame, indicator: str | None = None
) -> IndicatorChart | None:
    """One indicator's figures over published_date per source_name.

    Groups by `indicator` when the metrics carry one, else by `unit`; the default
    indicator is the one with most dated figures. Several figures of one outlet on one
    date keep the largest (the headline number). None when no figure has a date.
    """
    if metrics.empty or articles.empty:
        return None
    has_indicator = metrics.get("indicator", pd.Series()).notna().any()
    column = "indicator" if has_indicator else "unit"
    dated = metrics[["article_id", "value", column]].merge(
        articles[["article_id", "published_date", "source_name"]], on="article_id"
    )
    dated = dated[dated["published_date"].notna() & dated[column].notna()]
    if dated.empty:
        return None
    choices = tuple(count_values(dated, column))
    chosen = indicator if indicator in {c.label for c in choices} else choices[0].label
    rows = dated[dated[column].astype(str) == chosen].assign(
        source=lambda f: f["source_name"].fillna(UNKNOWN).astype(str),
        date=lambda f: pd.to_datetime(f["published_date"]).dt.strftime("%Y-%m-%d"),
    )
    peaks = rows.groupby(["source", "date"], sort=True)["value"].max()
    series = tuple(
        Series(source, tuple((d, float(v)) for (_, d), v in group.items()))
        for source, group in peaks.groupby(level="source", sort=True)
    )
    return IndicatorChart(column, chosen, series, choices)


@dataclass(frozen=True)
class Plot:
    """Pixel geometry of an IndicatorChart (y grows downwards) and its axis ends."""

    lines: tuple[tuple[tuple[float, float], ...], ...]
    log: bool
    y_low: float
    y_high: float
    x_first: str
    x_last: str


def plot_points(chart: IndicatorChart, width: float, height: float) -> Plot:
    """Place every series in a width × height box.

    y is log-scaled when all values are positive and span more than 1000×, so a 1e10
    budget and 53 laboratories of one indicator both stay visible; else it starts at 0.
    """
    dates = sorted({d for s in chart.series for d, _ in s.points})
    values = [v for s in chart.series for _, v in s.points]
    log = min(values) > 0 and max(values) / min(values) > 1000
    scaled = [math.log10(v) for v in values] if log else values
    low, high = (min(scaled) if log else min(min(scaled), 0.0)), max(scaled)
    ordinals = {d: pd.Timestamp(d).toordinal() for d in dates}
    first, last = ordinals[dates[0]], ordinals[dates[-1]]

    def _xy(date: str, value: float) -> tuple[float, float]:
        x = 0.5 if last == first else (ordinals[date] - first) / (last - first)
        v = math.log10(value) if log else value
        y = 0.5 if high == low else (v - low) / (high - low)
        return (round(x * width, 1), round(height - y * height, 1))

    lines = tuple(tuple(_xy(d, v) for d, v in s.points) for s in chart.series)
    y_low, y_high = (10**low, 10**high) if log else (low, high)
    return Plot(lines, log, y_low, y_high, dates[0], dates[-1])
