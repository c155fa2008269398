"""Units a number takes from its context: ages after an age word, the head noun
of a coordinated amount."""

import pytest

from transforms.extract.metrics.claims import extract_part_metrics
from transforms.extract.nlp import analyse


def _triples(nlp, text: str) -> list[tuple[float, str | None, str]]:
    (analysis,) = analyse(nlp, [text])
    return [
        (m.value, m.unit, m.qualifier) for m in extract_part_metrics(analysis.parts)
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Most respondents were younger than 45.", [(45, "year", "less_than")]),
        ("Patients older than 70 were excluded.", [(70, "year", "more_than")]),
        ("He was aged over 65.", [(65, "year", "more_than")]),
        (
            "Voters aged 18 to 24 backed the plan.",
            [(18, "year", "exact"), (24, "year", "exact")],
        ),
        ("The age of 40 trees was measured.", [(40, "tree", "exact")]),
    ],
)
def test_a_bare_number_after_an_age_word_counts_years(nlp, text, expected):
    assert _triples(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The center will build one online and one offline platform.",
            ["platform", "platform"],
        ),
        ("He bought one car and one bus.", ["car", "bus"]),
        ("Police seized two pistols and three rifles.", ["pistol", "rifle"]),
    ],
)
def test_a_modifier_coordinated_with_the_next_amount_takes_its_noun(
    nlp, text, expected
):
    assert [unit for _, unit, _ in _triples(nlp, text)] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two in five adults are overweight.", [(2, "adult"), (5, "adult")]),
        ("One in four children lives in poverty.", [(1, "child"), (4, "child")]),
        ("He scored 3 in 10 minutes.", [(3, None), (10, "minute")]),
    ],
)
def test_the_first_number_of_a_ratio_counts_the_noun_after_the_second(
    nlp, text, expected
):
    assert [(v, u) for v, u, _ in _triples(nlp, text)] == expected
