import pytest

from transforms.dedupe import DedupeSettings, find_near_duplicates

STORY = (
    "The ministry said on Monday that the two countries had agreed to open five joint "
    "laboratories and to exchange two hundred young scientists over the next three years, "
    "in a deal signed in the capital after two days of talks between their delegations."
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
    assert find_near_duplicates(["a", "b"], [STORY, second]) == [None, expected]


def test_short_bodies_are_never_duplicates():
    assert find_near_duplicates(["a", "b"], ["Too short.", "Too short."]) == [
        None,
        None,
    ]


def test_threshold_is_a_setting():
    strict = DedupeSettings(threshold=0.95)
    edited = STORY.replace("Monday", "Tuesday").replace("five", "six")
    assert find_near_duplicates(["a", "b"], [STORY, edited], strict) == [None, None]
