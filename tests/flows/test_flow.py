"""The flow end to end: every input accounted for, re-runs stable, bad runs publish
nothing."""

import os
import shutil
import threading
import urllib.request

import prefect.context
import pyarrow.dataset as ds
import pytest

from tests.conftest import SEEDS, run_flow

pytestmark = pytest.mark.flow


def _rows(warehouse, table):
    return ds.dataset(warehouse / table, format="parquet").to_table().to_pylist()


def test_seed_run_publishes_every_seed(seed_run):
    summary, warehouse, source = seed_run
    assert summary.published
    assert summary.blocking == []
    paths = {a["source_path"] for a in _rows(warehouse, "articles")}
    assert paths == {p.name for p in source.glob("*.txt")}
    assert summary.rows["articles"] == 5
    assert summary.rows["entities"] > 0 and summary.rows["metrics"] > 0
    assert summary.report_path.endswith("index.html")
    assert (warehouse / "validation").exists()


def test_blocks_explain_every_input_line(seed_run):
    _, warehouse, source = seed_run
    blocks = _rows(warehouse, "blocks")
    for path in source.glob("*.txt"):
        lines = [ln for ln in path.read_text().splitlines() if ln.strip()]
        mine = sorted(
            (b for b in blocks if b["source_path"] == path.name),
            key=lambda b: b["ordinal"],
        )
        assert [b["text"] for b in mine] == [ln.strip() for ln in lines]
        assert all(b["reason"] for b in mine)


def test_dirty_folder_accounts_for_every_file(prefect_harness, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(seed, source / "good.txt")
    shutil.copy(seed, source / "copy.txt")
    (source / "empty.txt").write_bytes(b"")
    (source / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (source / "notes.pdf").write_bytes(b"%PDF-1.4")
    story = (
        "{} story title\n\nOfficials from both countries met on Monday in the capital "
        "to agree on a new research programme, the ministry said in a statement.\n\n"
        "The programme will fund joint laboratories and exchanges of young scientists "
        "over the next five years, according to the agreement signed at the meeting.\n"
    )
    (source / "two.txt").write_text(
        story.format("First") + "=====\n" + story.format("Second")
    )
    summary = run_flow(source=str(source), warehouse=str(tmp_path / "wh"))
    assert summary.published
    articles = {a["source_path"] for a in _rows(tmp_path / "wh", "articles")}
    quarantined = {
        q["source_path"]: q["reason"] for q in _rows(tmp_path / "wh", "quarantine")
    }
    assert articles == {"copy.txt", "two.txt#1", "two.txt#2"}
    assert quarantined == {
        "good.txt": "duplicate",
        "empty.txt": "empty",
        "image.txt": "binary",
        "notes.pdf": "unsupported_type",
    }


def test_rerun_on_an_unchanged_source_does_nothing(seed_run):
    summary, warehouse, source = seed_run
    state = (warehouse / "current" / "_state.json").read_text()
    before = {t: _rows(warehouse, t) for t in ("articles", "entities", "metrics")}
    again = run_flow(source=str(source), warehouse=str(warehouse))
    assert again.unchanged and not again.published
    assert again.unchanged_since == summary.run_id
    assert again.rows == summary.rows
    assert (warehouse / "current" / "_state.json").read_text() == state
    for table, rows in before.items():
        assert _rows(warehouse, table) == rows


def test_touched_files_reuse_their_published_rows(seed_run, tmp_path):
    _, published, source = seed_run
    warehouse = tmp_path / "wh"
    shutil.copytree(published, warehouse)
    for path in source.glob("*.txt"):
        path.touch()
    tables = ("articles", "entities", "metrics", "quotes", "entity_catalog")
    before = {t: _rows(warehouse, t) for t in tables}
    again = run_flow(source=str(source), warehouse=str(warehouse))
    assert again.published
    assert again.reused == 5  # nothing cleaned or extracted again
    for table, rows in before.items():
        assert _sorted(_rows(warehouse, table)) == _sorted(rows)


def test_shards_in_worker_processes_give_the_same_tables(seed_run, tmp_path):
    """Three shards of two files on a pool of two processes, at most one shard in
    flight: the tables equal those of the single-shard run."""
    _, published, source = seed_run
    summary = run_flow(
        workers=2,
        source=str(source),
        warehouse=str(tmp_path / "wh"),
        shard_size=2,
        shards_in_flight=1,
    )
    assert summary.published
    for table in ("articles", "blocks", "entities", "metrics", "entity_catalog"):
        assert _sorted(_rows(tmp_path / "wh", table)) == _sorted(
            _rows(published, table)
        ), table


def test_source_and_warehouse_as_urls(prefect_harness, tmp_path):
    import fsspec

    memory = fsspec.filesystem("memory")
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        memory.pipe(f"/sciwire-test/{seed.name}", seed.read_bytes())
    memory.pipe("/sciwire-test/.hidden/skip.txt", b"not listed")
    memory.pipe("/sciwire-test/notes.pdf", b"%PDF-1.4")
    summary = run_flow(
        source="memory://sciwire-test", warehouse=(tmp_path / "wh").as_uri()
    )
    assert summary.published
    assert summary.rows["articles"] == 2
    assert summary.quarantined == {"unsupported_type": 1}


def _sorted(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: repr(sorted(row.items())))


def test_run_with_nothing_valid_publishes_nothing(seed_run, tmp_path):
    _, warehouse, _ = seed_run
    before = _rows(warehouse, "articles")
    (tmp_path / "blank.txt").write_text("   \n")
    summary = run_flow(source=str(tmp_path), warehouse=str(warehouse))
    assert not summary.published
    assert summary.blocking
    assert _rows(warehouse, "articles") == before


def test_changed_new_and_deleted_files_update_the_snapshot(prefect_harness, tmp_path):
    source, warehouse = tmp_path / "source", tmp_path / "wh"
    source.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds[:3]:
        shutil.copy(seed, source / seed.name)
    run_flow(source=str(source), warehouse=str(warehouse))
    first = {a["source_path"]: a["article_id"] for a in _rows(warehouse, "articles")}

    addition = (
        "\nA new closing paragraph was added to the story after it was first "
        "published online.\n"
    )
    (source / seeds[0].name).write_text(seeds[0].read_text() + addition)
    (source / seeds[1].name).unlink()
    shutil.copy(seeds[3], source / seeds[3].name)
    summary = run_flow(source=str(source), warehouse=str(warehouse))

    second = {a["source_path"]: a["article_id"] for a in _rows(warehouse, "articles")}
    assert summary.reused == 1
    assert set(second) == {seeds[0].name, seeds[2].name, seeds[3].name}
    assert second[seeds[0].name] != first[seeds[0].name]
    assert second[seeds[2].name] == first[seeds[2].name]
    entity_articles = {e["article_id"] for e in _rows(warehouse, "entities")}
    assert entity_articles <= set(second.values())


def test_shards_on_an_existing_dask_cluster(seed_run, tmp_path):
    from distributed import LocalCluster

    from flows.pipeline import sciwire_flow
    from flows.runners import task_runner

    _, published, source = seed_run
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        flow = sciwire_flow.with_options(
            task_runner=task_runner(dask_address=cluster.scheduler_address)
        )
        summary = flow(source=str(source), warehouse=str(tmp_path / "wh"), shard_size=3)
    assert summary.published
    for table in ("articles", "entities", "metrics"):
        assert _sorted(_rows(tmp_path / "wh", table)) == _sorted(
            _rows(published, table)
        ), table


def test_one_temporary_api_server_for_the_run(monkeypatch):
    """Without a configured server the CLI starts one and points the workers at it."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.runners import shared_api_server

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    harness_global = prefect.context.GLOBAL_SETTINGS_CONTEXT
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        with shared_api_server() as server_ready:
            url = os.environ["PREFECT_API_URL"]
            # a new thread (the process pool's event forwarding) sees it too
            seen_by_thread = []
            thread = threading.Thread(
                target=lambda: seen_by_thread.append(PREFECT_API_URL.value())
            )
            thread.start()
            thread.join()
            assert seen_by_thread == [url]
            server_ready()
            with urllib.request.urlopen(f"{url}/health", timeout=5) as answer:
                assert answer.status == 200
        assert "PREFECT_API_URL" not in os.environ
        assert prefect.context.GLOBAL_SETTINGS_CONTEXT is harness_global
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{url}/health", timeout=2)


@pytest.mark.parametrize("files", [0, 1, 7, 200, 201, 2000, 10_000])
def test_shards_shrink_towards_the_end(files):
    """Guided shards: every file once and in order, full shards while much is left,
    then smaller ones so that the workers finish together."""
    from flows.runners import guided_shards

    shards = list(guided_shards(list(range(files)), 200, 4))
    assert [f for shard in shards for f in shard] == list(range(files))
    sizes = [len(shard) for shard in shards]
    assert all(0 < size <= 200 for size in sizes)
    assert all(size >= 25 for size in sizes) or len(sizes) == 1
    assert sizes[:-1] == sorted(sizes[:-1], reverse=True)  # the last takes the rest
    if files >= 2000:
        assert sizes[0] == 200 and sizes[-1] < 2 * 25


def test_a_run_where_no_article_has_a_date_publishes(prefect_harness, tmp_path):
    """The undated seeds alone: no month partition to infer, dates read as NULL."""
    source = tmp_path / "source"
    source.mkdir()
    for seed in sorted(SEEDS.glob("00[24]_*.txt")):
        shutil.copy(seed, source / seed.name)
    summary = run_flow(source=str(source), warehouse=str(tmp_path / "wh"))
    assert summary.published, summary.blocking
    articles = _rows(tmp_path / "wh", "articles")
    assert len(articles) == 2
    assert [a["published_date"] for a in articles] == [None, None]
    assert "published_month" not in articles[0]


def _published_files(warehouse):
    return {
        name: (warehouse / name).read_bytes()
        for name in ("report.html", "sciwire.duckdb", "DATA_DICTIONARY.md")
    }


def test_a_blocked_run_keeps_the_published_reports(seed_run, tmp_path):
    """Reports describe the published snapshot; the blocked run's own report and
    quarantine go to runs/<run_id>/."""
    _, warehouse, _ = seed_run
    before = _published_files(warehouse)
    current = os.readlink(warehouse / "current")
    (tmp_path / "blank.txt").write_text("   \n")
    summary = run_flow(source=str(tmp_path), warehouse=str(warehouse))
    assert not summary.published and summary.blocking
    assert _published_files(warehouse) == before
    assert os.readlink(warehouse / "current") == current
    own = warehouse / "runs" / summary.run_id
    assert summary.run_folder == str(own)
    assert (own / "report.html").exists()
    quarantined = _rows(own, "quarantine")
    assert [q["source_path"] for q in quarantined] == ["blank.txt"]
    assert summary.examples == {"empty": f"blank.txt: {quarantined[0]['detail']}"}


def test_a_failed_run_leaves_no_staging_and_the_published_reports(
    seed_run, tmp_path, monkeypatch
):
    _, published, source = seed_run
    warehouse = tmp_path / "wh"
    shutil.copytree(published, warehouse, symlinks=True)
    for path in source.glob("*.txt"):
        path.touch()  # a run with work to do
    before = _published_files(warehouse)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("flows.sharded_run.metric_series", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        run_flow(source=str(source), warehouse=str(warehouse))
    assert _published_files(warehouse) == before
    assert not list((warehouse / ".staging").glob("*"))
    assert [p.name for p in (warehouse / "snapshots").iterdir()] == [
        os.path.basename(os.readlink(warehouse / "current"))
    ]


def test_two_dask_runs_with_workers_elsewhere_record_every_task_run(
    prefect_harness, tmp_path, monkeypatch
):
    """Worker processes that outlive a run and work in another directory: a relative
    source still reads (it reaches them absolute), and both runs record all their
    task runs with the long-lived API."""
    from distributed import Client, LocalCluster
    from prefect.settings import PREFECT_API_URL

    from flows.pipeline import sciwire_flow
    from flows.runners import task_runner

    (tmp_path / "src").mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, tmp_path / "src" / seed.name)
    monkeypatch.chdir(tmp_path)
    with LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=True,
        dashboard_address=":0",
        env={"PREFECT_API_URL": PREFECT_API_URL.value()},
    ) as cluster:
        with Client(cluster) as client:
            client.run(os.chdir, "/")
        flow = sciwire_flow.with_options(
            task_runner=task_runner(dask_address=cluster.scheduler_address)
        )
        for run in (1, 2):
            summary = flow(source="src", warehouse=f"wh{run}", shard_size=1)
            assert summary.published and summary.rows["articles"] == 3, summary
            recorded = _task_runs(summary.run_id)
            assert recorded.pop("validate", 0) >= 1, recorded  # batches vary
            # no gather-evidence runs: a local folder's evidence is hashed in-process
            assert recorded == {
                "split": 3,
                "clean": 3,
                "extract": 3,
                "report": 1,
                "publish": 1,
            }


def _task_runs(flow_run_id: str, timeout: float = 20.0) -> dict[str, int]:
    """Completed task runs of a flow run by task name, once the API has them all
    (task runs are recorded from events, a moment after they happen)."""
    import time
    from collections import Counter

    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    deadline = time.monotonic() + timeout
    while True:
        with get_client(sync_client=True) as client:
            runs = client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
            )
        done = Counter(
            r.name.rsplit("-", 1)[0] for r in runs if r.state and r.state.is_completed()
        )
        if len(runs) == sum(done.values()) and "publish" in done:
            return dict(done)
        if time.monotonic() > deadline:
            return {"incomplete": len(runs), **done}
        time.sleep(0.5)
