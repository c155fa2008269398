"""Same input, same tables: the shard size, the engine and the run history do not
change what is published (issue 22). The corpus (`tests/fixtures/site_corpus.py`):
240 pages of real paragraphs from ten sites, whose furniture only evidence counted
over the whole site can condemn."""

from __future__ import annotations

import shutil
from collections import Counter

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from flows.catalog import PUBLISHED_TABLES
from tests.conftest import run_flow
from tests.fixtures.site_corpus import build_site_corpus

pytestmark = pytest.mark.flow


def _tables(warehouse) -> dict[str, list[tuple]]:
    """Every published table's rows, sorted; the columns that name a run left out."""
    tables = {}
    for name in PUBLISHED_TABLES:
        table = ds.dataset(
            warehouse / name, format="parquet", partitioning="hive"
        ).to_table()
        keep = [
            f.name
            for f in table.schema
            if f.name != "run_id" and not pa.types.is_timestamp(f.type)
        ]
        rows = table.select(sorted(keep)).to_pylist()
        tables[name] = sorted(tuple(repr(v) for v in row.values()) for row in rows)
    return tables


def _differences(a: dict, b: dict) -> dict[str, int]:
    """Rows in one and not the other, per table (empty when the tables are equal)."""
    counts = {n: sum(((Counter(a[n]) - Counter(b[n])) + (Counter(b[n]) - Counter(a[n])))
                     .values()) for n in a}  # fmt: skip
    return {name: count for name, count in counts.items() if count}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """(the source folder, the wire headlines, the pages an incremental run adds)."""
    source = tmp_path_factory.mktemp("sites")
    wires = build_site_corpus(source)
    pages = sorted(p.relative_to(source) for p in source.rglob("*.txt"))
    return source, wires, pages[::6]


@pytest.fixture(scope="module")
def full_run(prefect_harness, corpus, tmp_path_factory):
    source, _, _ = corpus
    warehouse = tmp_path_factory.mktemp("full")
    assert run_flow(source=str(source), warehouse=str(warehouse)).published
    return warehouse, _tables(warehouse)


def test_the_corpus_exercises_the_rule(corpus, full_run):
    source, _, _ = corpus
    warehouse, tables = full_run
    assert len(list(source.rglob("*.txt"))) >= 200
    assert len(tables["articles"]) >= 200
    blocks = ds.dataset(warehouse / "blocks", format="parquet").to_table()
    reasons = blocks["reason"].to_pylist()
    assert reasons.count("repeated_across_site") > 100  # every site's teasers


def test_a_syndicated_headline_is_no_site_furniture(corpus, full_run):
    """Four outlets carry each wire story once: its headline is each page's title."""
    _, wires, _ = corpus
    warehouse, _ = full_run
    articles = ds.dataset(warehouse / "articles", format="parquet").to_table()
    titles = articles["title"].to_pylist()
    for headline in wires:
        assert titles.count(headline) >= 4, headline


def test_the_shard_size_does_not_change_the_tables(corpus, full_run, tmp_path):
    source, _, _ = corpus
    summary = run_flow(source=str(source), warehouse=str(tmp_path), shard_size=7)
    assert summary.published
    assert _differences(_tables(tmp_path), full_run[1]) == {}


def test_incremental_runs_equal_a_full_run(corpus, full_run, tmp_path):
    """200 pages, then all 240, then the 40 deleted again: each snapshot equals a full
    run over the same files."""
    source, _, added = corpus
    growing = tmp_path / "source"
    shutil.copytree(source, growing)
    for page in added:
        (growing / page).unlink()
    warehouse = tmp_path / "wh"
    assert run_flow(source=str(growing), warehouse=str(warehouse)).published
    first_200 = _tables(warehouse)
    for page in added:
        shutil.copy(source / page, growing / page)
    again = run_flow(source=str(growing), warehouse=str(warehouse))
    assert again.published and again.reused > 0
    assert _differences(_tables(warehouse), full_run[1]) == {}
    for page in added:
        (growing / page).unlink()
    assert run_flow(source=str(growing), warehouse=str(warehouse)).published
    assert _differences(_tables(warehouse), first_200) == {}


def test_dask_gives_the_tables_of_local_processes(corpus, full_run, tmp_path):
    from distributed import LocalCluster

    from flows.pipeline import sciwire_flow
    from flows.runners import task_runner

    source, _, _ = corpus
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        flow = sciwire_flow.with_options(
            task_runner=task_runner(dask_address=cluster.scheduler_address)
        )
        summary = flow(source=str(source), warehouse=str(tmp_path), shard_size=7)
    assert summary.published
    assert _differences(_tables(tmp_path), full_run[1]) == {}
