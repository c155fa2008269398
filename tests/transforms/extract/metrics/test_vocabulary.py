"""The one unit vocabulary: spelling, synonyms, money, multipliers vs counts."""

import pytest

from transforms.extract.metrics.vocabulary import fold_words, unit_key


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("organisation", None, 3, "", "digit"), "organization"),
        (("organization", None, 3, "", "digit"), "organization"),
        (("centre", None, 2, "", "digit"), "center"),
        (("people", None, 20, "", "digit"), "person"),
        (("per cent", None, 5, "", "digit"), "percent"),
        (("kmh", None, 300, "", "digit"), "km/h"),
        (("yuan", "CNY", 1e9, "", "digit"), "cny"),
        (("USD", "USD", 1e9, "", "digit"), "usd"),
        (("usd per barrel", "USD", 90, "", "digit"), "usd per barrel"),
        (("barrel per day", None, 1e6, "", "digit"), "barrel per day"),
        (("time", None, 1.5, "more", "digit"), "time"),
        (("time", None, 18e9, ".", "digit"), "occurrence"),
        (("time", None, 2, "", "times"), "time"),
        ((None, None, 4, "", "digit"), None),
    ],
)
def test_unit_key_folds_variants_into_one_vocabulary(args, expected):
    assert unit_key(*args) == expected


def test_indicator_words_fold_their_spelling():
    assert fold_words("international organisation") == "international organization"
