"""Write-audit-publish without Prefect: staging, snapshots switched by one pointer,
recovery after a killed run."""

import datetime
import os
import threading
import time

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from expectations import schemas
from flows import reporting
from flows.catalog import PUBLISHED_TABLES, Catalog
from flows.publish import promote, recover, switch_to
from flows.staging import StagingArea, to_arrow


def _tables(n_articles: int) -> dict[str, pd.DataFrame]:
    articles = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(n_articles)],
            "source_path": [f"{i}.txt" for i in range(n_articles)],
            "title": ["T"] * n_articles,
            "body": ["Body text."] * n_articles,
            "published_date": [datetime.date(2020, 10, 26)] * n_articles,
            "source_name": [None] * n_articles,
            "author": [None] * n_articles,
            "language": ["en"] * n_articles,
            "word_count": [2] * n_articles,
        }
    )
    empty = {name: pd.DataFrame() for name in PUBLISHED_TABLES}
    return {**empty, "articles": articles}


def stage_tables(tables, catalog, run_id):
    staging = StagingArea(catalog, run_id)
    for name, frame in tables.items():
        staging.write(name, frame)
    return staging.seal()


def _count(catalog, table):
    return ds.dataset(catalog.table_dir(table), format="parquet").count_rows()


def test_to_arrow_casts_to_the_contract_and_keeps_extra_columns():
    frame = pd.DataFrame({"article_id": ["a"], "value": [3], "extra": ["x"]})
    table = to_arrow(frame, schemas.METRICS)
    assert table.schema.field("value").type == "double"
    assert table.schema.field("unit").type == "string"
    assert table.column("extra").to_pylist() == ["x"]
    assert table.schema.names[: len(schemas.METRICS.names)] == schemas.METRICS.names


def test_to_arrow_rejects_values_of_the_wrong_type():
    with pytest.raises((TypeError, ValueError)):
        to_arrow(pd.DataFrame({"value": ["not a number"]}), schemas.METRICS)


def publish_tables(tables, catalog, run_id, keep=3):
    stage_tables(tables, catalog, run_id)
    snapshot = promote(catalog, run_id)
    switch_to(catalog, snapshot, [], keep)
    return snapshot


def test_publishing_switches_the_current_snapshot(tmp_path):
    catalog = Catalog(tmp_path)
    first = publish_tables(_tables(2), catalog, "run1")
    stage_tables(_tables(3), catalog, "run2")
    second = promote(catalog, "run2")
    assert _count(catalog, "articles") == 2  # promoted, not yet current
    switch_to(catalog, second, [], keep=3)
    assert _count(catalog, "articles") == 3
    assert catalog.current_snapshot() == second.resolve()
    assert first.exists()  # kept for readers still on it
    assert not list((tmp_path / ".staging").iterdir())
    for name in PUBLISHED_TABLES:  # stable paths are links through `current`
        assert os.readlink(catalog.table_dir(name)) == f"current/{name}"


def test_recover_discards_a_run_killed_before_it_was_staged(tmp_path):
    catalog = Catalog(tmp_path)
    publish_tables(_tables(2), catalog, "run1")
    half_written = catalog.staging_dir("run2") / "articles"
    half_written.mkdir(parents=True)
    (half_written / "part-0.parquet").write_bytes(b"PAR1 truncated")
    recover(catalog)
    assert _count(catalog, "articles") == 2
    assert not catalog.staging_dir("run2").exists()


def test_a_run_killed_before_the_switch_leaves_the_old_snapshot(tmp_path):
    """The kill came after the snapshot was promoted, before `current` moved."""
    catalog = Catalog(tmp_path)
    first = publish_tables(_tables(2), catalog, "run1")
    stage_tables(_tables(4), catalog, "run2")
    unpublished = promote(catalog, "run2")
    assert _count(catalog, "articles") == 2
    recover(catalog)
    assert not unpublished.exists()
    assert catalog.current_snapshot() == first.resolve()
    third = publish_tables(_tables(5), catalog, "run3")
    assert _count(catalog, "articles") == 5
    assert third.name.startswith("000002-")


def test_old_snapshots_beyond_the_kept_number_are_deleted(tmp_path):
    catalog = Catalog(tmp_path)
    snapshots = [
        publish_tables(_tables(n), catalog, f"run{n}", keep=2) for n in (1, 2, 3, 4)
    ]
    assert [s.exists() for s in snapshots] == [False, False, True, True]
    assert _count(catalog, "articles") == 4


def test_a_warehouse_of_plain_table_folders_is_moved_to_snapshots(tmp_path):
    """A warehouse written before snapshots (or copied by following its links)."""
    catalog = Catalog(tmp_path)
    for name in PUBLISHED_TABLES:
        (tmp_path / name).mkdir()
        (tmp_path / name / "old.parquet").write_bytes(b"stale")
    (tmp_path / "current").mkdir()
    (tmp_path / "_state.json").write_text("{}")
    publish_tables(_tables(2), catalog, "run1")
    assert _count(catalog, "articles") == 2
    assert catalog.table_dir("articles").is_symlink()
    assert not (tmp_path / "_state.json").exists()
    assert not catalog.retired_dir.exists()


def test_readers_never_see_a_mixed_or_missing_snapshot(tmp_path):
    """A reader polls every table (through the DuckDB file, through a pinned
    `current`, and through the stable paths) while snapshots are published."""
    catalog = Catalog(tmp_path)

    def publish_generation(generation: int) -> None:
        run_id = f"run{generation}"
        stage_tables(_generation(generation), catalog, run_id)
        snapshot = promote(catalog, run_id)
        duckdb_file = reporting.write_duckdb(snapshot, reporting.find_tables(snapshot))
        switch_to(catalog, snapshot, [duckdb_file.name], keep=20)

    publish_generation(1)
    seen, problems, stop = set(), [], threading.Event()

    def read_forever() -> None:
        while not stop.is_set():
            try:
                seen.add(_read_all_tables(catalog))
            except Exception as error:  # noqa: BLE001 - every failure is reported
                problems.append(repr(error))

    reader = threading.Thread(target=read_forever)
    reader.start()
    try:
        for generation in range(2, 9):
            time.sleep(0.05)
            publish_generation(generation)
        time.sleep(0.05)
    finally:
        stop.set()
        reader.join()
    assert problems == []
    assert len(seen) > 1  # the reader did see snapshots change under it


def _generation(generation: int) -> dict[str, pd.DataFrame]:
    """Tables whose every row says which publish made it."""
    tables = _tables(generation)
    ids = [f"g{generation}-a{i}" for i in range(generation)]
    tables["articles"] = tables["articles"].assign(article_id=ids)
    for name in ("entities", "metrics"):
        tables[name] = _required_columns(name, ids)
    return tables


def _required_columns(name: str, article_ids: list[str]) -> pd.DataFrame:
    """One row per article with every non-nullable column of the table filled."""
    filler = {pa.string(): "x", pa.int64(): 0, pa.int32(): 0, pa.float64(): 0.0}
    filler[pa.bool_()] = False
    columns = {}
    for field in schemas.TABLES[name]:
        if not field.nullable:
            columns[field.name] = [filler.get(field.type, None)] * len(article_ids)
    key = schemas.KEY_COLUMNS[name]
    columns[key] = [f"{a}-{key}" for a in article_ids]
    return pd.DataFrame({**columns, "article_id": article_ids})


def _read_all_tables(catalog: Catalog) -> tuple[int, int]:
    """The generation every table shows, read through a pinned `current` and through
    the DuckDB file; raises on a mix or a missing table."""
    pinned = set()
    snapshot = catalog.current_snapshot()
    for name in PUBLISHED_TABLES:  # resolved once: one snapshot for every table
        rows = ds.dataset(snapshot / name, format="parquet").to_table()
        pinned |= _generations_of(rows, name)
    viewed = set()
    with duckdb.connect(str(catalog.root / "sciwire.duckdb"), read_only=True) as con:
        for name in PUBLISHED_TABLES:  # every view is there and reads
            con.execute(f'select count(*) from "{name}"').fetchone()
        for name in ("articles", "entities", "metrics"):
            query = f'select article_id from "{name}"'
            ids = [a for (a,) in con.execute(query).fetchall()]
            viewed |= _generations_of(pa.table({"article_id": ids}), name)
    for name in ("articles", "entities"):  # stable paths: each table whole
        try:
            rows = ds.dataset(catalog.table_dir(name), format="parquet").to_table()
        except FileNotFoundError:
            continue  # listed just before a switch: a retry reads the new one
        if len(_generations_of(rows, name)) != 1:
            raise AssertionError(f"{name} mixes snapshots: {rows}")
    if len(pinned) != 1 or len(viewed) != 1:
        raise AssertionError(f"tables of different snapshots: {pinned}, {viewed}")
    return pinned.pop(), viewed.pop()


def _generations_of(rows: pa.Table, name: str) -> set[int]:
    if name not in ("articles", "entities", "metrics"):
        return set()
    ids = rows["article_id"].to_pylist()
    return {int(a.split("-")[0][1:]) for a in ids} | {len(ids)}


def test_undated_articles_are_not_partitioned_and_read_back_as_null(tmp_path):
    """No hive partition on a nullable column: DuckDB 1.x reads a null partition
    as the string `__HIVE_DEFAULT_PARTITION__`, and pyarrow's partition inference
    fails when no article of a run has a date."""
    catalog = Catalog(tmp_path)
    undated = _tables(2)
    undated["articles"] = undated["articles"].assign(published_date=[None, None])
    staging = StagingArea(catalog, "run1")
    staging.write("articles", undated["articles"])
    assert staging.read("articles").count_rows() == 2
    publish_tables(undated, catalog, "run2")
    assert not list(tmp_path.rglob("*HIVE_DEFAULT_PARTITION*"))
    glob = (catalog.table_dir("articles") / "**" / "*.parquet").as_posix()
    rows = duckdb.sql(
        f"select published_date from read_parquet('{glob}', hive_partitioning=true)"
    ).fetchall()
    assert rows == [(None,), (None,)]


def test_staging_appends_parts_and_gives_every_table_a_schema(tmp_path):
    staging = StagingArea(Catalog(tmp_path), "run1")
    staging.write("articles", _tables(2)["articles"])
    staging.write("articles", _tables(3)["articles"].assign(article_id=list("xyz")))
    staging.seal()
    assert staging.rows["articles"] == 5
    for name in PUBLISHED_TABLES:
        dataset = ds.dataset(staging.root / name, format="parquet")
        assert set(schemas.TABLES[name].names) <= set(dataset.schema.names), name


def test_staging_replace_rewrites_each_part(tmp_path):
    staging = StagingArea(Catalog(tmp_path), "run1")
    staging.write("articles", _tables(2)["articles"])
    staging.write("articles", _tables(1)["articles"].assign(article_id=["z"]))
    staging.replace(
        "articles",
        lambda rows: rows.set_column(
            rows.schema.get_field_index("title"),
            "title",
            pa.array(["New"] * rows.num_rows),
        ),
    )
    titles = staging.read("articles").to_table()["title"].to_pylist()
    assert titles == ["New"] * 3
    assert staging.rows["articles"] == 3


def test_staging_takes_arrow_rows_missing_a_column(tmp_path):
    staging = StagingArea(Catalog(tmp_path), "run1")
    rows = pa.Table.from_pandas(_tables(2)["articles"], preserve_index=False)
    staging.write("articles", rows)
    table = staging.read("articles").to_table()
    assert table["duplicate_of"].null_count == 2
