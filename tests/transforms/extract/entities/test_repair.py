"""Repairs of the model spans: cut names, head-word types, capitalised common words,
celestial bodies."""

from __future__ import annotations

import re

import pytest

from transforms.extract.entities.canonical import Candidate
from transforms.extract.entities.name_rules import find_names, name_runs
from transforms.extract.entities.repair import (
    drop_common_words,
    extend_cut_names,
    retype_by_head,
    retype_clubs,
    retype_places,
    retype_sports_leagues,
    retype_titled_appositions,
    titled_people,
)
from transforms.extract.entities.spans import clean_candidate


def _ner(text: str, surface: str, label: str = "ORG") -> Candidate:
    start = text.index(surface)
    return Candidate(start, start + len(surface), label, "ner")


def _surfaces(text: str, cands: list[Candidate]) -> list[tuple[str, str]]:
    return [(text[c.start : c.end], c.label) for c in cands]


@pytest.mark.parametrize(
    ("text", "cut", "whole"),
    [
        (
            "the Year of Scientific and Technological Innovation began",
            "Year of Scientific",
            "Year of Scientific and Technological Innovation",
        ),
        (
            "The National Astronomical Observatories of China (NAOC) said",
            "National Astronomical Observatories of",
            "National Astronomical Observatories of China",
        ),
        (
            "the Belt and Road Initiative grew",
            "Belt and Road",
            "Belt and Road Initiative",
        ),
    ],
)
def test_model_names_cut_short_are_extended_to_their_run(text, cut, whole):
    repaired = extend_cut_names(text, [_ner(text, cut)], name_runs(text))
    assert _surfaces(text, repaired) == [(whole, "ORG")]


def test_names_joined_by_and_are_not_merged():
    text = "China and Russia signed, and Zhang and Wang spoke."
    cands = [_ner(text, "China", "LOC"), _ner(text, "Zhang", "PERSON")]
    assert extend_cut_names(text, cands, name_runs(text)) == cands


def test_model_names_take_the_type_of_their_head_word():
    text = "the Facility for Antiproton and Ion Research and the ELLETRA Synchrotron"
    cands = [
        _ner(text, "Facility for Antiproton and Ion Research"),
        _ner(text, "Synchrotron"),
    ]
    assert _surfaces(text, retype_by_head(text, cands)) == [
        ("Facility for Antiproton and Ion Research", "MISC"),
        ("Synchrotron", "ORG"),  # one word: no head to go by
    ]


def test_capitalised_common_words_are_dropped():
    text = (
        "Countries\n\nScience and Technology news. The Party met. Many countries "
        "fund science and technology. The Ministry of Science and Technology and "
        "CERN agreed."
    )
    cands = [
        _ner(text, "Countries", "LOC"),
        _ner(text, "Science and Technology"),
        _ner(text, "Party"),
        _ner(text, "Ministry of Science and Technology"),
        _ner(text, "CERN"),
    ]
    assert _surfaces(text, drop_common_words(text, cands)) == [
        ("Ministry of Science and Technology", "ORG"),
        ("CERN", "ORG"),
    ]


def test_people_and_lexicon_names_are_never_dropped_as_common_words():
    text = "Rose said the rose grew in Turkey; a turkey ran."
    cands = [
        _ner(text, "Rose", "PERSON"),
        Candidate(text.index("Turkey"), text.index("Turkey") + 6, "LOC", "lexicon"),
    ]
    assert drop_common_words(text, cands) == cands


def test_a_name_before_a_comma_and_a_country_is_a_town():
    text = "a ceremony at Saint-Paul-lez-Durance, France, and at Apple, in Cupertino"
    town = _ner(text, "Saint-Paul-lez-Durance", "MISC")
    firm = _ner(text, "Apple", "ORG")
    france = text.index("France")
    places = [Candidate(france, france + 6, "LOC", "lexicon")]
    assert _surfaces(text, retype_places(text, [town, firm], places)) == [
        ("Saint-Paul-lez-Durance", "LOC"),
        ("Apple", "ORG"),
    ]


def test_the_cached_body_readings_are_those_of_each_text_in_turn():
    """`_name_chunks` and `_lower_words` remember the last text only: each answer
    equals the direct computation, whatever text was read before."""
    from transforms.extract.entities import name_rules, repair

    first = "The Ministry of Science and Technology said the ministry would help."
    second = "Tsinghua University Professor Li Wei met the Academy of Sciences."
    for text in (first, second, first):
        assert name_rules._name_chunks(text) == name_rules._name_chunks.__wrapped__(
            text
        )
        assert repair._lower_words(text) == repair._lower_words.__wrapped__(text)
        assert repair._lower_words(text) == set(re.findall(r"\b[a-z]+\b", text))


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        (
            "remarked Khalil-ur-Rahman Hashmi, the Pakistani ambassador to China",
            "Khalil-ur-Rahman Hashmi",
            "PERSON",
        ),
        (
            "Berhanu Abegaz, a former Minister of Finance, said",
            "Berhanu Abegaz",
            "PERSON",
        ),
        (
            "Hainan Province, the home of a launch director",
            "Hainan Province",
            "LOC",
        ),  # title after "of"
        ("Costa Rica, the small country", "Costa Rica", "LOC"),  # no title
    ],
)
def test_name_with_a_titled_apposition_is_a_person(text, surface, expected):
    cands = retype_titled_appositions(text, [_ner(text, surface, "LOC")])
    assert _surfaces(text, cands) == [(surface, expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Berhanu Abegaz, the Executive Director with the academy, said so.",
            [("Berhanu Abegaz", "PERSON")],
        ),
        ("Wang Zhigang, Minister of Science, spoke.", [("Wang Zhigang", "PERSON")]),
        # a head word, a month, a word also written in lower case: not a name
        ("International Cooperation, President Li said.", []),
        ("Last August, the president said it.", []),
        ("In Westwood, the director spoke last week in the town.", []),
        # the title introduces someone else: a film list
        ("Two Step, director Alex Johnson (USA), won.", []),
        ("Berhanu Abegaz, a farmer, said so.", []),  # no title
    ],
)
def test_two_capitalised_words_before_a_titled_apposition_are_a_person(text, expected):
    assert _surfaces(text, titled_people(text, [])) == expected


def test_titled_person_is_not_created_over_a_candidate():
    text = "Berhanu Abegaz, the Executive Director, said so."
    assert titled_people(text, [_ner(text, "Berhanu Abegaz", "ORG")]) == []


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("as FC Pune City staged a fightback", "FC Pune City", "LOC"),
        ("a 3-2 victory at AFC Wimbledon.", "AFC Wimbledon", "MISC"),
    ],
)
def test_a_club_marker_makes_a_club(text, surface, label):
    (out,) = retype_clubs(text, [_ner(text, surface, label)])
    assert out.label == "ORG"


@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("Indian Super League", "MISC"),
        ("National Football League", "MISC"),
        ("League Two", "MISC"),
        ("Arab League", "ORG"),  # a body, not a competition
        ("Awami League", "ORG"),
    ],
)
def test_sports_leagues_are_competitions(surface, label):
    text = f"news of the {surface} today"
    (out,) = retype_sports_leagues(text, [_ner(text, surface)])
    assert out.label == label


def test_a_town_without_a_club_marker_stays_a_town():
    text = "flights to Mumbai City resumed"
    (out,) = retype_clubs(text, [_ner(text, "Mumbai City", "LOC")])
    assert out.label == "LOC"


def test_a_club_marker_is_the_head_of_a_name():
    text = "to beat Mumbai City FC 2-1 in the league"
    assert [(text[n.start : n.end], n.label) for n in find_names(text)] == [
        ("Mumbai City FC", "ORG")
    ]


@pytest.mark.parametrize(
    ("text", "surface", "label", "kept"),
    [
        ("a human presence on the Moon.", "Moon", "PERSON", False),
        ("The Sun rose over the camp", "Sun", "ORG", False),
        ("samples returned from Mars last year", "Mars", "LOC", False),
        ("Sun said the talks went well", "Sun", "PERSON", True),  # a surname
        ("President Moon met the delegation", "Moon", "PERSON", True),
    ],
)
def test_celestial_bodies_are_not_names(text, surface, label, kept):
    assert (clean_candidate(text, _ner(text, surface, label)) is not None) is kept
