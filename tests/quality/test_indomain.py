"""Quality floors on the test half of the in-domain development set
(benchmarks/indomain): real pages the rules were never tuned on.

Floors only go down in a reviewed commit that says why; raise them when the code
improves. Scored with the shared scorer (score_gold.py, vendored unchanged)."""

from __future__ import annotations

import json
import shutil

import pytest

from benchmarks.indomain import INDOMAIN, half_of, load_gold
from tests.conftest import run_flow
from tests.quality import score_gold
from tests.quality.floors import assert_above_floor, parametrize_floors

pytestmark = pytest.mark.flow

# (block, metric path), floor — measured on the test half, set just under the code
FLOORS = {
    ("overall", "body", "f1"): 0.96,
    ("overall", "title_exact"): 0.84,
    ("overall", "date_acc"): 0.92,
    ("overall", "language_acc"): 0.99,
    ("english", "ent_typed", "f1"): 0.822,
    ("english", "ent_untyped", "f1"): 0.875,
    ("english", "met", "f1"): 0.885,
    ("english", "met_value", "f1"): 0.94,
    ("english", "qualifier_acc"): 0.985,
}


@pytest.fixture(scope="module")
def scores(prefect_harness, tmp_path_factory):
    gold = {k: g for k, g in load_gold().items() if half_of(g["url"]) == "test"}
    texts = tmp_path_factory.mktemp("indomain_texts")
    gold_dir = tmp_path_factory.mktemp("indomain_gold")
    for page_id in gold:
        shutil.copy(INDOMAIN / "texts" / f"{page_id}.txt", texts)
        shutil.copy(INDOMAIN / "gold" / f"{page_id}.json", gold_dir)
    warehouse = tmp_path_factory.mktemp("indomain_warehouse")
    run_flow(source=str(texts), warehouse=str(warehouse))
    out = tmp_path_factory.mktemp("indomain_scores") / "scores.json"
    argv = ["--texts", str(texts), "--gold", str(gold_dir)]
    score_gold.main([*argv, "--warehouse", str(warehouse), "--json", str(out)])
    return json.loads(out.read_text())


@parametrize_floors(FLOORS)
def test_test_half_score_is_above_floor(scores, path, floor):
    assert_above_floor(scores, path, floor)
