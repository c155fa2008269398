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
