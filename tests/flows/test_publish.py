"""Write-audit-publish without Prefect: staging, swap, recovery after a killed run."""

import datetime

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from expectations import schemas
from flows.catalog import PUBLISHED_TABLES, Catalog
from flows.publish import StagingArea, recover, swap_in, to_arrow


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


def test_swap_replaces_the_published_snapshot(tmp_path):
    catalog = Catalog(tmp_path)
    stage_tables(_tables(2), catalog, "run1")
    swap_in(catalog, "run1")
    stage_tables(_tables(3), catalog, "run2")
    assert _count(catalog, "articles") == 2  # staged, not yet published
    swap_in(catalog, "run2")
    assert _count(catalog, "articles") == 3
    assert not list((tmp_path / ".staging").iterdir())


def test_recover_discards_a_run_killed_before_it_was_staged(tmp_path):
    catalog = Catalog(tmp_path)
    stage_tables(_tables(2), catalog, "run1")
    swap_in(catalog, "run1")
    half_written = catalog.staging_dir("run2") / "articles"
    half_written.mkdir(parents=True)
    (half_written / "part-0.parquet").write_bytes(b"PAR1 truncated")
    recover(catalog)
    assert _count(catalog, "articles") == 2
    assert not catalog.staging_dir("run2").exists()


def test_recover_finishes_a_run_killed_mid_swap(tmp_path):
    catalog = Catalog(tmp_path)
    stage_tables(_tables(2), catalog, "run1")
    swap_in(catalog, "run1")
    stage_tables(_tables(4), catalog, "run2")
    # the kill came after the live articles were retired, before the staged ones
    # moved in
    retired = catalog.retired_dir / "run2"
    retired.mkdir(parents=True)
    catalog.table_dir("articles").rename(retired / "articles")
    recover(catalog)
    assert _count(catalog, "articles") == 4


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
