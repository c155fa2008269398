"""Quality floors against the hand-made gold of the seeds (tests/fixtures/gold).

Floors only go down in a reviewed commit that says why. Scored with the shared scorer
(score_gold.py, vendored unchanged) on the warehouse the flow published.
"""

import json

import pyarrow.dataset as ds
import pytest

from tests.conftest import GOLD
from tests.quality import score_gold
from tests.quality.floors import assert_above_floor, parametrize_floors

pytestmark = pytest.mark.flow

# (metric path in the scorer's "overall" block, floor)
FLOORS = {
    ("body", "f1"): 1.0,
    ("title_exact",): 1.0,
    ("language_acc",): 1.0,
    ("date_acc",): 1.0,
    ("ent_typed", "f1"): 0.95,
    ("ent_untyped", "f1"): 0.95,
    ("met", "f1"): 0.95,
    ("met_value", "f1"): 0.95,
    ("qualifier_acc",): 0.95,
}


@pytest.fixture(scope="module")
def overall(seed_run, tmp_path_factory):
    _, warehouse, source = seed_run
    out = tmp_path_factory.mktemp("scores") / "scores.json"
    score_gold.main(
        [
            "--texts",
            str(source),
            "--gold",
            str(GOLD),
            "--warehouse",
            str(warehouse),
            "--json",
            str(out),
        ]
    )
    return json.loads(out.read_text())["overall"]


@parametrize_floors(FLOORS)
def test_score_is_above_floor(overall, path, floor):
    assert_above_floor(overall, path, floor)


def test_outlets_and_authors_match_gold(seed_run):
    _, warehouse, _ = seed_run
    articles = (
        ds.dataset(warehouse / "articles", format="parquet").to_table().to_pylist()
    )
    by_file = {a["source_path"]: a for a in articles}
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text())
        article = by_file[gold["file"]]
        assert article["author"] == gold["author"], gold["file"]
        assert article["source_name"] == gold["source"], gold["file"]
