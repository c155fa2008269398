"""The indicator chart: one indicator about one subject, labelled points, ticks."""

import datetime as dt

import pandas as pd
import pytest

from transforms.derived import indicator_chart as ic

JAN, MAR, MAY = dt.date(2024, 1, 5), dt.date(2024, 3, 9), dt.date(2024, 5, 1)


def _series(**extra) -> pd.DataFrame:
    """'over 160 countries' cooperate with China; 175 countries of app users and 169
    of partners have no subject: the old chart put all three on one line."""
    frame = pd.DataFrame(
        {
            "indicator": ["country"] * 5 + ["joint laboratory"],
            "subject": ["China", "China", None, None, "China", "China"],
            "unit": ["country"] * 5 + ["laboratory"],
            "value": [160.0, 161.0, 175.0, 169.0, 60.0, 53.0],
            "qualifier": ["more_than", "exact", "exact", "exact", "nearly", "exact"],
            "surface": [
                "over 160 countries",
                "161 countries",
                "175 countries",
                "169 countries",
                "nearly 60 countries",
                "53 joint laboratories",
            ],
            "source_name": ["Xinhua", None, "Xinhua", "ABC", "Xinhua", "ABC"],
            "published_date": [JAN, MAR, JAN, MAR, JAN, MAY],
        }
    )
    return frame.assign(**extra)


def test_a_chart_is_one_indicator_about_one_subject():
    chart = ic.indicator_series(_series())
    assert (chart.indicator, chart.subject, chart.unit) == (
        "country",
        "China",
        "country",
    )
    assert chart.choices[0] == ic.Bar("country · China", 3)
    assert chart.unsubjected == 2  # 175 and 169 countries: no subject, not charted
    points = {s.name: [(p.date, p.label) for p in s.points] for s in chart.series}
    assert points == {
        "(unknown)": [("2024-03-09", "161")],
        "Xinhua": [("2024-01-05", "<~60"), ("2024-01-05", ">160")],  # both kept
    }


def test_a_choice_picks_a_key_or_the_first_key_of_an_indicator():
    chosen = ic.indicator_series(_series(), "joint laboratory")
    assert (chosen.indicator, chosen.subject) == ("joint laboratory", "China")
    assert ic.indicator_series(_series(), "country · China").subject == "China"


def test_no_chart_without_a_dated_figure_with_a_subject():
    assert ic.indicator_series(_series(subject=None)) is None
    assert ic.indicator_series(_series(published_date=None)) is None
    assert ic.indicator_series(_series().iloc[:0]) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (160.0, "160"),
        (15000.0, "15,000"),
        (1.4e9, "1.4 bn"),
        (2.5e6, "2.5 m"),
        (27.3, "27.3"),
    ],
)
def test_compact_labels(value, text):
    assert ic.compact(value) == text


def test_plot_has_nice_ticks_labelled_points_and_a_line_per_outlet():
    chart = ic.indicator_series(_series())
    plot = ic.plot_points(chart, 100, 50)
    assert [label for _, label in plot.y_ticks] == ["0", "50", "100", "150", "200"]
    assert [y for y, _ in plot.y_ticks] == [50, 37.5, 25, 12.5, 0]
    assert [label for _, label in plot.x_ticks] == ["2024-02", "2024-03"]  # months
    xs = [x for marks in plot.marks for x, _ in marks]
    assert min(xs) == 5 and max(xs) == 95  # inside the box, off the y axis
    assert [len(m) for m in plot.marks] == [1, 2] and not plot.log
    # Xinhua's line goes through its largest figure of the day only
    assert plot.lines[1] == ((5.0, 10.0),)


def test_plot_switches_to_log_ticks_and_spreads_many_dates():
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=30 * k) for k in range(12)]
    frame = pd.DataFrame(
        {
            "indicator": ["budget"] * 12,
            "subject": ["EU"] * 12,
            "unit": ["euro"] * 12,
            "value": [10.0**k for k in range(12)],
            "qualifier": ["about"] * 12,
            "surface": ["x"] * 12,
            "source_name": ["Wire"] * 12,
            "published_date": days,
        }
    )
    plot = ic.plot_points(ic.indicator_series(frame), 100, 50)
    assert plot.log and plot.y_ticks[0][1] == "1" and plot.y_ticks[-1][1] == "100 bn"
    labels = [label for _, label in plot.x_ticks]
    assert labels == ["2024-01", "2024-03", "2024-05", "2024-07", "2024-09", "2024-11"]
    xs = [x for x, _ in plot.x_ticks]
    assert xs == sorted(xs) and xs[0] == 5  # 2024-01-01 is the first figure's date


@pytest.mark.parametrize(
    ("first", "last", "labels"),
    [
        ("2024-01-05", "2024-01-09", ["2024-01-05", "2024-01-09"]),  # no month start
        ("2020-10-27", "2022-11-28", ["2021-01", "2021-07", "2022-01", "2022-07"]),
        (
            "1990-01-01",
            "2024-11-26",
            ["1990", "1995", "2000", "2005", "2010", "2015", "2020"],
        ),
    ],
)
def test_date_ticks_fall_on_month_or_year_starts(first, last, labels):
    ordinals = [dt.date.fromisoformat(d).toordinal() for d in (first, last)]
    assert [label for _, label in ic._date_ticks(ordinals)] == labels
