"""Titles and acronyms around names: stripped from people, kept when they open an
institution; a jargon acronym unnames its long form."""

from __future__ import annotations

import pytest

from transforms.extract.entities.canonical import (
    Candidate,
    link_acronyms,
    link_surnames,
)
from transforms.extract.entities.lexicons import is_leading_title
from transforms.extract.entities.name_rules import find_names
from transforms.extract.entities.spans import clean_candidate


@pytest.mark.parametrize(
    ("word", "next_word", "expected"),
    [
        ("Minister", "Wang", True),
        ("State", "Councilor", True),  # a qualifier with the title it qualifies
        ("State", "Intellectual", False),  # a qualifier that opens a name
        ("Party", "School", False),
        ("Harbour", "Bridge", False),  # not a title
    ],
)
def test_leading_title(word, next_word, expected):
    assert is_leading_title(word, next_word) is expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "the State Intellectual Property Office said",
            "State Intellectual Property Office",
        ),
        (
            "Russia’s State Corporation for Space Activities",
            "State Corporation for Space Activities",
        ),
        ("Minister Ministry of Science", "Ministry of Science"),
    ],
)
def test_institution_name_keeps_its_qualifier(text, name):
    assert [text[n.start : n.end] for n in find_names(text) if not n.nested] == [name]


@pytest.mark.parametrize(
    ("text", "surface", "label", "expected"),
    [
        (
            "met H.E. Nobutake Odano today",
            "H.E. Nobutake Odano",
            "ORG",
            ("Nobutake Odano", "PERSON"),
        ),
        (
            "said State Councilor Wang Yi.",
            "State Councilor Wang Yi",
            "PERSON",
            ("Wang Yi", "PERSON"),
        ),
        (
            "visited Saint Petersburg.",
            "Saint Petersburg",
            "LOC",
            ("Saint Petersburg", "LOC"),
        ),
        (
            "at Minister Trade Office",
            "Minister Trade Office",
            "ORG",
            ("Minister Trade Office", "ORG"),
        ),
    ],
)
def test_titled_model_span_is_a_person_without_its_title(
    text, surface, label, expected
):
    start = text.index(surface)
    c = clean_candidate(text, Candidate(start, start + len(surface), label, "ner"))
    assert c is not None
    assert (text[c.start : c.end], c.label) == expected


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("Mario Draghi resigned. Mr Draghi, 74, leads.", True),
        ("Mario Draghi resigned. Dr. Draghi, 74, leads.", True),
        ("Mario Draghi resigned. The Draghi plan, 74, leads.", False),
    ],
)
def test_titled_surname_links_to_the_full_name(text, linked):
    full = Candidate(0, len("Mario Draghi"), "PERSON", "ner")
    out = link_surnames(text, [full])
    surnames = [(text[c.start : c.end], c.canonical) for c in out if c is not full]
    assert surnames == ([("Draghi", "Mario Draghi")] if linked else [])


def test_long_form_of_a_stop_listed_acronym_is_not_a_name():
    text = "calls for Research and Development (R&D) proposals; R&D grew."
    long_form = Candidate(10, 34, "ORG", "ner")
    assert text[long_form.start : long_form.end] == "Research and Development"
    assert link_acronyms(text, [long_form]) == []
    kept = Candidate(10, 34, "ORG", "lexicon")  # a lexicon name stays
    assert link_acronyms(text, [kept]) == [kept]


def test_hyphenated_lone_surname_takes_the_full_names_type():
    text = "Jake Forster-Caskey scored. Later Forster-Caskey hit the bar."
    full = Candidate(0, len("Jake Forster-Caskey"), "PERSON", "ner")
    start = text.rindex("Forster-Caskey")
    lone = Candidate(start, start + len("Forster-Caskey"), "ORG", "ner")
    out = link_surnames(text, [full, lone])
    assert (out[1].label, out[1].canonical) == ("PERSON", "Jake Forster-Caskey")
