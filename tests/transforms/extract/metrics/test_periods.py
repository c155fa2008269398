import datetime as dt

import pytest

from transforms.extract.metrics.periods import Period, resolve_period

PUB = dt.date(2022, 11, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 2021", Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31), "stated")),
        ("last year", Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31), "stated")),
        ("since 2016", Period(dt.date(2016, 1, 1), PUB, "stated")),
        (
            "from 2011 to 2021",
            Period(dt.date(2011, 1, 1), dt.date(2021, 12, 31), "stated"),
        ),
        ("2015-2020", Period(dt.date(2015, 1, 1), dt.date(2020, 12, 31), "stated")),
        (None, Period(PUB, PUB, "published")),
        ("recently", Period(PUB, PUB, "published")),
        # relative months and quarters: the calendar one before the published date's
        ("last month", Period(dt.date(2022, 10, 1), dt.date(2022, 10, 31), "stated")),
        ("this month", Period(dt.date(2022, 11, 1), dt.date(2022, 11, 30), "stated")),
        (
            "last quarter",
            Period(dt.date(2022, 7, 1), dt.date(2022, 9, 30), "stated"),
        ),
        (
            "next month",
            Period(dt.date(2022, 12, 1), dt.date(2022, 12, 31), "stated"),
        ),
        (
            "past decade",
            Period(dt.date(2010, 1, 1), dt.date(2019, 12, 31), "stated"),
        ),
    ],
)
def test_resolve_period(text, expected):
    assert resolve_period(text, PUB) == expected


def test_relative_years_need_a_date():
    assert resolve_period("last year", None) == Period(None, None, "unknown")


def test_last_month_in_january_is_december():
    january = dt.date(2023, 1, 15)
    assert resolve_period("last month", january) == Period(
        dt.date(2022, 12, 1), dt.date(2022, 12, 31), "stated"
    )
