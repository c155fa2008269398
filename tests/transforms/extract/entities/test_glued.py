"""Lexicon names glued to the numbers of a flattened table row."""

from __future__ import annotations

import pytest

from transforms.extract.entities.glued import glued_lexicon_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "3United States 63.5\n4United Kingdom 62.4",
            ["United States", "United Kingdom"],
        ),
        ("10Republic of Korea58.6", ["Republic of Korea"]),
        ("5Singapore 61.5", ["Singapore"]),
        ("2Chinatown and 3Francesca", []),  # running on into letters: another word
        ("United States 63.5", []),  # not glued: the ruler's own job
    ],
)
def test_names_after_a_digit_are_found(text, expected):
    found = glued_lexicon_names(text)
    assert [text[c.start : c.end] for c in found] == expected
    assert all(c.source == "lexicon" for c in found)
