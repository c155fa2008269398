"""The published state and the quick unchanged-source check; no Prefect."""

import json

import pytest

from flows.catalog import PUBLISHED_TABLES, Catalog
from flows.state import (
    STATE_FILE,
    PublishedState,
    read_state,
    unchanged_state,
    write_state,
)


@pytest.fixture
def catalog(tmp_path):
    catalog = Catalog.at(tmp_path)
    for table in PUBLISHED_TABLES:
        catalog.table_dir(table).mkdir()
    write_state(catalog, PublishedState("fp", "listing", "run-1", {"articles": 3}))
    return catalog


def test_the_state_reads_back(catalog):
    state = read_state(catalog, "fp")
    assert state == PublishedState("fp", "listing", "run-1", {"articles": 3})
    assert not list(catalog.root.glob(f".{STATE_FILE}*"))  # no partial file left


def test_same_pipeline_and_listing_is_unchanged(catalog):
    assert unchanged_state(catalog, "fp", "listing").run_id == "run-1"
    assert unchanged_state(catalog, "fp", "another listing") is None


def test_another_pipeline_cannot_use_the_snapshot(catalog):
    assert read_state(catalog, "another fingerprint") is None


def test_a_missing_table_makes_the_snapshot_unusable(catalog):
    catalog.table_dir("metrics").rmdir()
    assert read_state(catalog, "fp") is None


@pytest.mark.parametrize("text", ["", "{not json", json.dumps({"fingerprint": "fp"})])
def test_a_broken_state_file_means_no_state(catalog, text):
    (catalog.root / STATE_FILE).write_text(text)
    assert read_state(catalog, "fp") is None


def test_no_state_file_means_no_state(tmp_path):
    assert read_state(Catalog.at(tmp_path), "fp") is None
