import datetime as dt

import pandas as pd
import pytest

from transforms.derived import report_data as rd


def _articles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "a4"],
            "published_date": [
                dt.date(2024, 1, 5),
                dt.date(2024, 3, 9),
                None,
                dt.date(2024, 3, 1),
            ],
            "source_name": ["Xinhua", "Xinhua", None, "<b>Wire</b>"],
        }
    )


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        (None, [("Xinhua", 2), ("(unknown)", 1), ("<b>Wire</b>", 1)]),
        (1, [("Xinhua", 2)]),
    ],
)
def test_count_values_ranks_and_names_nulls(top, expected):
    bars = rd.count_values(_articles(), "source_name", top)
    assert [(b.label, b.value) for b in bars] == expected


def test_count_values_of_a_missing_column_is_empty():
    assert rd.count_values(pd.DataFrame({"x": [1]}), "reason") == []


def test_articles_per_month_fills_gaps_and_counts_undated_last():
    bars = rd.articles_per_month(_articles())
    assert [(b.label, b.value) for b in bars] == [
        ("2024-01", 1),
        ("2024-02", 0),
        ("2024-03", 2),
        (rd.NO_DATE, 1),
    ]


def test_top_entities_by_type_orders_contract_labels_first():
    entities = pd.DataFrame(
        {
            "label": ["ORG", "LOC", "PERSON", "ORG", "ORG", "EVENT"],
            "canonical_name": ["CAS", "China", "Xi", "CAS", "WHO", "Expo"],
        }
    )
    tops = rd.top_entities_by_type(entities, top=1)
    assert list(tops) == ["PERSON", "ORG", "LOC", "EVENT"]
    assert tops["ORG"] == [rd.Bar("CAS", 2)]


def _metrics(**extra) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "article_id": ["a1", "a1", "a2", "a3", "a4", "a2"],
            "value": [160.0, 20.0, 170.0, 5.0, 150.0, 1e9],
            "unit": ["country", "country", "country", "country", "country", "yuan"],
        }
    )
    return frame.assign(**extra)


def test_indicator_series_defaults_to_the_most_frequent_and_keeps_the_largest():
    chart = rd.indicator_series(_metrics(), _articles())
    assert (chart.column, chart.indicator) == ("unit", "country")
    assert chart.choices[0] == rd.Bar("country", 4)  # a3 has no date: not counted
    series = {s.name: s.points for s in chart.series}
    assert series == {
        "<b>Wire</b>": (("2024-03-01", 150.0),),
        "Xinhua": (("2024-01-05", 160.0), ("2024-03-09", 170.0)),
    }


def test_indicator_series_prefers_an_indicator_column_and_honours_a_choice():
    indicator = ["partners"] * 5 + ["budget"]
    chart = rd.indicator_series(_metrics(indicator=indicator), _articles(), "budget")
    assert (chart.column, chart.indicator) == ("indicator", "budget")
    assert chart.series == (rd.Series("Xinhua", (("2024-03-09", 1e9),)),)


def test_indicator_series_without_dated_figures_is_none():
    undated = _articles().assign(published_date=None)
    assert rd.indicator_series(_metrics(), undated) is None
    assert rd.indicator_series(_metrics().iloc[:0], _articles()) is None


def test_plot_points_fits_the_box_and_switches_to_log_for_wide_ranges():
    chart = rd.indicator_series(_metrics(), _articles())
    plot = rd.plot_points(chart, 100, 50)
    xs = [x for line in plot.lines for x, _ in line]
    ys = [y for line in plot.lines for _, y in line]
    assert min(xs) == 0 and max(xs) == 100 and min(ys) == 0 and max(ys) <= 50
    assert not plot.log and plot.y_low == 0 and plot.y_high == 170
    points = (("2024-01-01", 1.0), ("2024-02-01", 1e6))
    wide = rd.IndicatorChart("unit", "usd", (rd.Series("X", points),), ())
    assert rd.plot_points(wide, 100, 50).log
