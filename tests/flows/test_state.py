"""The published state and the quick unchanged-source check; no Prefect."""

import json
import os

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
    """A warehouse whose current snapshot holds every table and a state."""
    catalog = Catalog.at(tmp_path)
    snapshot = catalog.snapshots_dir / "000001-run-1"
    for table in PUBLISHED_TABLES:
        (snapshot / table).mkdir(parents=True)
    write_state(snapshot, PublishedState("fp", "listing", "run-1", {"articles": 3}))
    os.symlink("snapshots/000001-run-1", catalog.current_link)
    return catalog


def test_the_state_reads_back(catalog):
    snapshot = catalog.current_snapshot()
    state = read_state(snapshot, "fp")
    assert state == PublishedState("fp", "listing", "run-1", {"articles": 3})
    assert not list(snapshot.glob(f".{STATE_FILE}*"))  # no partial file left


def test_same_pipeline_and_listing_is_unchanged(catalog):
    assert unchanged_state(catalog, "fp", "listing").run_id == "run-1"
    assert unchanged_state(catalog, "fp", "another listing") is None


def test_another_pipeline_cannot_use_the_snapshot(catalog):
    assert read_state(catalog.current_snapshot(), "another fingerprint") is None


def test_a_missing_table_makes_the_snapshot_unusable(catalog):
    (catalog.current_snapshot() / "metrics").rmdir()
    assert read_state(catalog.current_snapshot(), "fp") is None


@pytest.mark.parametrize("text", ["", "{not json", json.dumps({"fingerprint": "fp"})])
def test_a_broken_state_file_means_no_state(catalog, text):
    (catalog.current_snapshot() / STATE_FILE).write_text(text)
    assert read_state(catalog.current_snapshot(), "fp") is None


def test_no_current_snapshot_means_no_state(tmp_path):
    assert unchanged_state(Catalog.at(tmp_path), "fp", "listing") is None
