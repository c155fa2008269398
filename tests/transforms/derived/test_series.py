"""The metric series: outlets that disagree for one period are flagged."""

import datetime

import duckdb
import pandas as pd

from expectations import schemas
from transforms.derived.series import metric_series


def test_metric_series_flags_outlets_that_disagree_for_one_period():
    day = datetime.date(2021, 3, 4)
    metrics = pd.DataFrame(
        {
            "metric_id": ["a-m0", "b-m0", "c-m0", "c-m1"],
            "article_id": ["a", "b", "c", "c"],
            "indicator": [
                "joint laboratory",
                "joint laboratory",
                "joint laboratory",
                None,
            ],
            "unit": ["laboratory"] * 4,
            "subject_entity_id": ["ent_cn"] * 4,
            "period_start": [day, day, datetime.date(2020, 1, 1), day],
            "period_end": [day, day, datetime.date(2020, 12, 31), day],
            "value": [53.0, 50.0, 40.0, 1.0],
            "qualifier": ["exact"] * 4,
            "currency": [None] * 4,
            "period_basis": ["stated"] * 4,
            "surface": ["53 joint laboratories"] * 4,
        }
    )
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "source_name": ["Xinhua", "Reuters", "Xinhua"],
            "published_date": [day, day, day],
        }
    )
    catalog = pd.DataFrame({"entity_id": ["ent_cn"], "canonical_name": ["China"]})
    series = metric_series(duckdb.connect(), metrics, articles, catalog).df()
    assert series["metric_id"].tolist() == ["a-m0", "b-m0", "c-m0"]
    assert series["subject"].tolist() == ["China"] * 3
    assert series["sources_disagree"].tolist() == [True, True, False]


def test_metric_series_carries_the_period_basis_and_the_surface():
    day = datetime.date(2021, 3, 4)
    metrics = pd.DataFrame(
        {
            "metric_id": ["a-m0"],
            "article_id": ["a"],
            "indicator": ["country"],
            "unit": ["country"],
            "subject_entity_id": [None],
            "period_start": [day],
            "period_end": [day],
            "period_basis": ["published"],
            "value": [160.0],
            "surface": ["over 160 countries"],
            "qualifier": ["more_than"],
            "currency": [None],
        }
    )
    articles = pd.DataFrame(
        {"article_id": ["a"], "source_name": ["Xinhua"], "published_date": [day]}
    )
    catalog = pd.DataFrame(
        {"entity_id": pd.Series([], dtype=str), "canonical_name": []}
    )
    series = metric_series(duckdb.connect(), metrics, articles, catalog).df()
    assert series[["period_basis", "surface"]].values.tolist() == [
        ["published", "over 160 countries"]
    ]
    assert set(schemas.METRIC_SERIES.names) <= set(series.columns)
