"""Numbers read in context that are no metric: added-time minutes, score scales,
model numbers inside names."""

import pytest

from transforms.extract.metrics.claims import extract_part_metrics
from transforms.extract.nlp import analyse


def _values(nlp, text: str) -> list[tuple[float, str | None]]:
    (analysis,) = analyse(nlp, [text])
    return [(m.value, m.unit) for m in extract_part_metrics(analysis.parts)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alfaro struck again (90+3) to please 11 teammates.", [(11, "teammate")]),
        ("Smith scored in the 45+2 minute.", []),
        ("The talks ran 2+ hours over 3 days.", [(2, "hour"), (3, "day")]),
    ],
)
def test_added_time_minutes_are_no_metrics(nlp, text, expected):
    assert _values(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Switzerland scored 67.6 points out of 100.", [(67.6, "point")]),
        ("He scored 85 out of 100 on the test.", [(85, None)]),
        ("Eight out of 10 people agreed.", [(8, "person"), (10, "person")]),
    ],
)
def test_the_scale_a_score_is_read_on_is_no_metric(nlp, text, expected):
    assert _values(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The airline ordered 20 Boeing 787 Dreamliners.", [(20, "dreamliner")]),
        ("The band played to 5,000 Rolling Stones fans.", [(5000, "fan")]),
        ("China Sells 500 Million Tonnes Of Coal", [(5e8, "tonne")]),
    ],
)
def test_a_model_number_inside_a_name_is_no_metric(nlp, text, expected):
    assert _values(nlp, text) == expected
