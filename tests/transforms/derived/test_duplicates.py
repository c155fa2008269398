import datetime

import numpy as np
import pytest

from transforms.derived.duplicates import (
    DedupeSettings,
    body_signature,
    find_duplicate_links,
    find_near_duplicates,
)

DEFAULT_SETTINGS = DedupeSettings()


def _duplicates(bodies, settings=DEFAULT_SETTINGS):
    signatures = [body_signature(b, settings) for b in bodies]
    return find_near_duplicates(["a", "b"], signatures, settings)


STORY = (
    "The ministry said on Monday that the two countries had agreed to open five "
    "joint laboratories and to exchange two hundred young scientists over the next "
    "three years, in a deal signed in the capital after two days of talks between "
    "their delegations."
)


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (STORY, "a"),
        (STORY.replace("Monday", "Tuesday") + " Editing by the desk.", "a"),
        ("Completely unrelated text about the weather and football results " * 4, None),
    ],
)
def test_find_near_duplicates(second, expected):
    assert _duplicates([STORY, second]) == [None, expected]


def test_short_bodies_are_never_duplicates():
    assert _duplicates(["Too short.", "Too short."]) == [
        None,
        None,
    ]


def test_threshold_is_a_setting():
    strict = DedupeSettings(threshold=0.95)
    edited = STORY.replace("Monday", "Tuesday").replace("five", "six")
    assert _duplicates([STORY, edited], strict) == [None, None]


def test_signatures_are_bare_arrays_that_survive_a_round_trip():
    values = body_signature(STORY)
    assert values.shape == (DedupeSettings().num_perm,)
    restored = np.array(values.tolist(), dtype=values.dtype)
    assert find_near_duplicates(["a", "b"], [values, restored]) == [None, "a"]


PROSE = (
    "Officials from both countries met on Monday in the capital to agree on a new "
    "research programme, the ministry said in a statement released after the talks."
)


def test_duplicate_links_point_later_copies_at_the_earliest_published():
    story = " ".join([PROSE] * 3)
    articles = [
        ("late", datetime.date(2021, 3, 5), "b.txt", story + " Reuters contributed."),
        ("early", datetime.date(2021, 3, 4), "a.txt", story),
        ("undated", None, "0.txt", story),
        ("other", None, "c.txt", "A different story " * 20),
    ]
    links = find_duplicate_links(
        (a, date, path, body_signature(body)) for a, date, path, body in articles
    )
    assert links == {"late": "early", "undated": "early"}
