"""Types from the class noun beside a name ("its Lordstown Assembly plant")."""

from __future__ import annotations

import pytest

from transforms.extract.entities.canonical import Candidate
from transforms.extract.entities.class_nouns import retype_by_class_noun


def _cand(text: str, surface: str, label: str, source: str = "ner") -> Candidate:
    start = text.index(surface)
    return Candidate(start, start + len(surface), label, source)


@pytest.mark.parametrize(
    ("text", "surface", "label", "expected"),
    [
        (
            "output at its Lordstown Assembly plant in Ohio",
            "Lordstown Assembly",
            "ORG",
            "MISC",
        ),
        ("including the Volt semi-electric car and more", "Volt", "PERSON", "MISC"),
        ("the Cruze compact sedan sold well", "Cruze", "ORG", "MISC"),
        (
            "EU programmes such as the R&D programme Horizon are",
            "Horizon",
            "ORG",
            "MISC",
        ),
        ("joined the mega-science project NICA last year", "NICA", "ORG", "MISC"),
        ("monitoring of the Amazon rainforest from orbit", "Amazon", "ORG", "LOC"),
        # the owner's thing, not its name
        ("data from the NASA mission arrived", "NASA", "ORG", "ORG"),
        ("Tesla expanded its Shanghai plant", "Shanghai", "LOC", "LOC"),
        # no article or possessive before the name: "Google" owns the plant
        ("Google plant managers said", "Google", "ORG", "ORG"),
        # a verb ends the noun phrase before any class noun
        ("the Acme said the project was late", "Acme", "ORG", "ORG"),
    ],
)
def test_class_noun_sets_the_label(text, surface, label, expected):
    (out,) = retype_by_class_noun(text, [_cand(text, surface, label)])
    assert out.label == expected


def test_every_mention_of_the_surface_takes_the_label():
    text = "Volt sales fell. GM will stop the Volt semi-electric car."
    first = Candidate(0, 4, "PERSON", "ner")
    second = _cand(text, "Volt semi", "PERSON")
    second = Candidate(second.start, second.start + 4, "PERSON", "ner")
    out = retype_by_class_noun(text, [first, second])
    assert [c.label for c in out] == ["MISC", "MISC"]


def test_lexicon_names_keep_their_label():
    text = "the Japan project began"
    (out,) = retype_by_class_noun(text, [_cand(text, "Japan", "LOC", "lexicon")])
    assert out.label == "LOC"
