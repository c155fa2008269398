"""The run report's "Figures quoted over time": one indicator about one subject, each
figure a labelled point per outlet, with axes and ticks a reader can use (no I/O)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from transforms.derived.report_data import UNKNOWN, Bar, count_values

# "over 160 countries" is drawn as >160: the qualifier stays beside the value
QUALIFIER_MARKS = {
    "exact": "",
    "more_than": ">",
    "at_least": "≥",
    "about": "~",
    "nearly": "<~",
    "less_than": "<",
    "up_to": "≤",
}
COLUMNS = (
    "indicator",
    "subject",
    "unit",
    "value",
    "qualifier",
    "surface",
    "source_name",
    "published_date",
)
_KEY = " · "  # indicator · subject
_MAX_X_TICKS = 7
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
_Y_TICKS = 5


@dataclass(frozen=True)
class Point:
    date: str  # ISO date of publication
    value: float
    label: str  # the value with its qualifier mark: ">160"
    surface: str  # the figure as written: "over 160 countries"


@dataclass(frozen=True)
class Series:
    name: str  # the outlet
    points: tuple[Point, ...]  # in date order, every figure of the outlet


@dataclass(frozen=True)
class IndicatorChart:
    """The figures quoted for one indicator about one subject, one series per outlet."""

    indicator: str
    subject: str
    unit: str
    series: tuple[Series, ...]
    choices: tuple[Bar, ...]  # "indicator · subject" with dated figures, most first
    unsubjected: int  # dated figures left out: no subject, so no key to group them


def indicator_series(
    series: pd.DataFrame, choice: str | None = None
) -> IndicatorChart | None:
    """One (indicator, subject) of `metric_series` over published_date per outlet.

    A key is indicator and subject together: "175 countries" of users and "over 160
    countries" of cooperation partners share an indicator but not a subject, and
    figures without a subject are not charted. `choice` is an "indicator · subject"
    or an indicator; the default is the key with most dated figures. None when no
    figure with a subject has a date.
    """
    if series.empty or not set(COLUMNS) <= set(series.columns):
        return None
    dated = series[series["published_date"].notna() & series["indicator"].notna()]
    keyed = dated[dated["subject"].notna()]
    if keyed.empty:
        return None
    keyed = keyed.assign(key=keyed["indicator"] + _KEY + keyed["subject"])
    choices = tuple(count_values(keyed, "key"))
    labels = [c.label for c in choices]
    by_indicator = [k for k in labels if k.split(_KEY)[0] == choice]
    chosen = choice if choice in labels else (by_indicator or labels)[0]
    rows = keyed[keyed["key"] == chosen].assign(
        source=lambda f: f["source_name"].fillna(UNKNOWN).astype(str),
        date=lambda f: pd.to_datetime(f["published_date"]).dt.strftime("%Y-%m-%d"),
    )
    rows = rows.sort_values(["source", "date", "value"], kind="stable")
    lines = tuple(
        Series(source, tuple(_point(row) for row in group.itertuples()))
        for source, group in rows.groupby("source", sort=True)
    )
    first = rows.iloc[0]
    units = rows["unit"].dropna()
    unit = str(units.iloc[0]) if len(units) else ""
    return IndicatorChart(
        str(first["indicator"]),
        str(first["subject"]),
        unit,
        lines,
        choices,
        int(dated["subject"].isna().sum()),
    )


def _point(row) -> Point:
    mark = QUALIFIER_MARKS.get(row.qualifier, "")
    return Point(row.date, float(row.value), mark + compact(row.value), row.surface)


def compact(value: float) -> str:
    """A figure short enough to label a point or a tick: 160, 15,000, 1.4 bn."""
    value = float(value)
    for size, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:.3g}"


@dataclass(frozen=True)
class Plot:
    """Pixel geometry of an IndicatorChart (y grows downwards): a mark per figure,
    a line per outlet through its largest figure of each date, and the axis ticks."""

    marks: tuple[tuple[tuple[float, float], ...], ...]  # per series, per point
    lines: tuple[tuple[tuple[float, float], ...], ...]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    log: bool


def plot_points(chart: IndicatorChart, width: float, height: float) -> Plot:
    """Place every figure in a width × height box, with "nice" y ticks from 0 (or,
    when all values are positive and span more than 1000×, powers of ten on a log
    scale) and dated ticks at month or year starts (`_date_ticks`)."""
    points = [p for s in chart.series for p in s.points]
    values = [p.value for p in points]
    log = min(values) > 0 and max(values) / min(values) > 1000
    y_ticks = _log_ticks(values) if log else _linear_ticks(values)
    low, high = y_ticks[0][0], y_ticks[-1][0]
    ordinals = sorted({pd.Timestamp(p.date).toordinal() for p in points})
    first, last = ordinals[0], ordinals[-1]

    def _x(date: str) -> float:
        if first == last:
            return round(width / 2, 1)
        share = (pd.Timestamp(date).toordinal() - first) / (last - first)
        return round(width * (0.05 + 0.9 * share), 1)  # no mark on the y axis

    def _y(value: float) -> float:
        v = math.log10(value) if log else value
        return round(height - (v - low) / (high - low) * height, 1)

    marks = tuple(
        tuple((_x(p.date), _y(p.value)) for p in s.points) for s in chart.series
    )
    lines = tuple(
        tuple((_x(d), _y(v)) for d, v in _largest_per_date(s.points).items())
        for s in chart.series
    )
    x_ticks = tuple((_x(iso), label) for iso, label in _date_ticks(ordinals))
    y_ticks = tuple((_y(10**t if log else t), label) for t, label in y_ticks)
    return Plot(marks, lines, y_ticks, x_ticks, log)


def _date_ticks(ordinals: list[int]) -> list[tuple[str, str]]:
    """(ISO date, label) of the x ticks: month or year starts in the span, at the
    smallest step giving at most _MAX_X_TICKS; the figures' own dates when the span
    holds fewer than two month starts."""
    first, last = (pd.Timestamp.fromordinal(o) for o in (ordinals[0], ordinals[-1]))
    for months in _MONTH_STEPS:
        start = pd.Timestamp(first.year - first.year % max(months // 12, 1), 1, 1)
        starts = pd.date_range(start, last, freq=pd.DateOffset(months=months))
        inside = [d for d in starts if first <= d <= last]
        if len(inside) <= _MAX_X_TICKS:
            break
    if len(inside) < 2:
        dates = [pd.Timestamp.fromordinal(o).strftime("%Y-%m-%d") for o in ordinals]
        return [(d, d) for d in dates[:: max(1, -(-len(dates) // _MAX_X_TICKS))]]
    shown = "%Y" if months >= 12 else "%Y-%m"
    return [(d.strftime("%Y-%m-%d"), d.strftime(shown)) for d in inside]


def _largest_per_date(points: tuple[Point, ...]) -> dict[str, float]:
    largest: dict[str, float] = {}
    for p in points:  # in date order
        largest[p.date] = max(largest.get(p.date, p.value), p.value)
    return largest


def _linear_ticks(values: list[float]) -> list[tuple[float, str]]:
    """0 (or the lowest value, when negative) to the largest, in 1-2-2.5-5 steps."""
    low, high = min(min(values), 0.0), max(max(values), 0.0)
    if high == low:
        high = low + 1
    raw = (high - low) / (_Y_TICKS - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    count = math.ceil((high - start) / step - 1e-9)
    return [(start + k * step, compact(start + k * step)) for k in range(count + 1)]


def _log_ticks(values: list[float]) -> list[tuple[float, str]]:
    """Every power of ten from below the smallest value to above the largest."""
    low = math.floor(math.log10(min(values)))
    high = max(math.ceil(math.log10(max(values))), low + 1)
    return [(float(k), compact(10.0**k)) for k in range(low, high + 1)]
