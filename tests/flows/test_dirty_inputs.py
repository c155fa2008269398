"""A dirty folder: no crash, and every input file ends up in articles or quarantine."""

import pyarrow.dataset as ds
import pytest

from tests.conftest import run_flow
from tests.fixtures.dirty_corpus import build_dirty_corpus

pytestmark = pytest.mark.flow

MAX_BYTES = 64 * 1024


@pytest.fixture(scope="module")
def dirty_run(prefect_harness, tmp_path_factory):
    root = tmp_path_factory.mktemp("dirty")
    expected = build_dirty_corpus(root / "source", MAX_BYTES)
    summary = run_flow(
        source=str(root / "source"),
        warehouse=str(root / "wh"),
        max_file_bytes=MAX_BYTES,
    )
    rows = {
        t: ds.dataset(root / "wh" / t, format="parquet").to_table().to_pylist()
        for t in ("articles", "quarantine")
    }
    return summary, expected, rows


def test_every_input_is_accounted_for_with_the_right_outcome(dirty_run):
    summary, expected, rows = dirty_run
    assert summary.published
    outcome = {a["source_path"]: "article" for a in rows["articles"]}
    outcome.update({q["source_path"]: q["reason"] for q in rows["quarantine"]})
    assert outcome == expected


def test_quarantine_rows_are_readable(dirty_run):
    _, _, rows = dirty_run
    for row in rows["quarantine"]:
        assert row["detail"] and row["stage"] and row["run_id"]


def test_encodings_are_decoded_and_languages_detected(dirty_run):
    _, _, rows = dirty_run
    by_path = {a["source_path"]: a for a in rows["articles"]}
    assert "一百六十多个国家" in by_path["gbk.txt"]["body"]
    assert by_path["gbk.txt"]["language"] == "zh"
    assert by_path["shift_jis.txt"]["language"] == "ja"
    assert "Café" in by_path["latin1.txt"]["title"]
    assert by_path["mojibake.txt"]["title"] == "Café owners sign a deal"
    assert "\x00" not in by_path["nul.txt"]["title"]
    assert "alert" not in by_path["page.html"]["body"]
    assert by_path["export.jsonl#1"]["title"] == "From an export"
    assert str(by_path["export.jsonl#1"]["published_date"]) == "2021-03-04"


def test_nothing_outside_the_source_was_read(dirty_run):
    _, _, rows = dirty_run
    assert not any("Secret outside" in (a["title"] or "") for a in rows["articles"])
