"""sciwire.duckdb opened the way analysts' tools open it: an old DuckDB, and
duckdb-engine under SQLAlchemy (Superset's driver layer), each in its own venv."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from flows import reporting
from flows.duckdb_views import FLAT_SUFFIX
from tests.fixtures.report_warehouse import SUMMARY, make_warehouse
from tests.fixtures.throwaway_venv import python_with, run_python

# the oldest DuckDB the README promises, and driver stacks it documents as tested
OLDEST_DUCKDB = "duckdb==1.0.0"
SQLALCHEMY_STACKS = {
    "sqlalchemy-1.4": ["duckdb==1.4.4", "duckdb-engine==0.17.0", "sqlalchemy==1.4.54"],
    "sqlalchemy-2.0": ["duckdb==1.5.6", "duckdb-engine==0.17.0", "sqlalchemy==2.0.46"],
}

READ_EVERY_VIEW = """
import json, sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
views = [r[0] for r in con.execute(
    "select view_name from duckdb_views() where not internal order by 1").fetchall()]
print(json.dumps({
    "version": duckdb.__version__,
    "counts": {v: con.execute(f'select count(*) from "{v}"').fetchone()[0]
               for v in views},
    "tables": dict(con.execute("from sciwire_tables").fetchall()),
    "aliases": con.execute(
        "select aliases from entity_catalog_flat order by entity_id").fetchall(),
}))
"""

REFLECT_EVERY_VIEW = """
import json, sys, warnings
import sqlalchemy as sa
from sqlalchemy.types import NullType
warnings.simplefilter("ignore")
engine = sa.create_engine("duckdb:///" + sys.argv[1],
                          connect_args={"read_only": True})
inspector = sa.inspect(engine)
columns = {view: {c["name"]: isinstance(c["type"], NullType)
                  for c in inspector.get_columns(view)}
           for view in inspector.get_view_names()}
with engine.connect() as con:
    rows = con.execute(sa.text("select * from entity_catalog_flat")).fetchall()
print(json.dumps({"unrecognised": columns, "rows": [list(r) for r in rows]}))
"""


@pytest.fixture
def duckdb_file(tmp_path: Path) -> Path:
    warehouse = make_warehouse(tmp_path / "warehouse")
    return reporting.write_reports(warehouse, SUMMARY)["duckdb"]


@pytest.fixture(scope="session")
def venvs(request) -> Path:
    return Path(request.config.cache.mkdir("sciwire-venvs"))


def test_duckdb_file_opens_in_the_oldest_duckdb_1(duckdb_file: Path, venvs: Path):
    python = python_with([OLDEST_DUCKDB], venvs)
    seen = json.loads(run_python(python, READ_EVERY_VIEW, str(duckdb_file)))
    assert seen["version"] == "1.0.0"
    assert seen["counts"]["articles"] == 2
    assert seen["counts"]["entity_catalog_flat"] == 2
    assert seen["tables"]["metric_series"] == 1
    assert seen["aliases"] == [["CAS; the Academy"], [""]]


def test_list_columns_also_come_joined_in_a_flat_view(duckdb_file: Path):
    with duckdb.connect(str(duckdb_file), read_only=True) as con:
        listed = con.execute("select view_name from duckdb_views()").fetchall()
        views = {row[0] for row in listed}
        assert "entity_catalog" + FLAT_SUFFIX in views
        assert "articles" + FLAT_SUFFIX not in views  # no list column there
        described = con.execute("describe entity_catalog_flat").fetchall()
        types = {row[0]: row[1] for row in described}
        assert types["aliases"] == "VARCHAR"
        assert con.execute(
            "select list_sort(aliases) from entity_catalog where entity_id = 'e1'"
        ).fetchone() == (["CAS", "the Academy"],)


@pytest.mark.parametrize("stack", sorted(SQLALCHEMY_STACKS))
def test_duckdb_engine_reflects_every_view(duckdb_file: Path, venvs: Path, stack):
    python = python_with(SQLALCHEMY_STACKS[stack], venvs)
    seen = json.loads(run_python(python, REFLECT_EVERY_VIEW, str(duckdb_file)))
    unrecognised = seen["unrecognised"]
    assert {"articles", "entity_catalog", "entity_catalog_flat"} <= set(unrecognised)
    # every view a chart may use has only types SQLAlchemy maps (lists: the flat one)
    flattened = {
        v.removesuffix(FLAT_SUFFIX)
        for v in unrecognised
        if v != v.removesuffix(FLAT_SUFFIX)
    }
    unmapped = [
        (view, column)
        for view, columns in unrecognised.items()
        if view not in flattened
        for column, unknown in columns.items()
        if unknown
    ]
    assert unmapped == []
    assert sorted(seen["rows"]) == [
        ["e1", "Chinese Academy of Sciences", "CAS; the Academy"],
        ["e2", "China", ""],
    ]


@pytest.mark.flow
def test_pandas_and_the_duckdb_file_see_the_same_published_tables(seed_run):
    """The README's pandas snippet and the DuckDB views, on a real run's warehouse."""
    import pyarrow.dataset as ds

    _, warehouse, _ = seed_run
    with duckdb.connect(str(warehouse / "sciwire.duckdb"), read_only=True) as con:
        counted = dict(con.execute("from sciwire_tables").fetchall())
        for table, rows in counted.items():
            assert con.execute(f'select count(*) from "{table}"').fetchone() == (rows,)
    assert {"articles", "entities", "metrics", "entity_catalog"} <= set(counted)
    for table, rows in counted.items():
        frame = (
            ds.dataset(warehouse / table, format="parquet", partitioning="hive")
            .to_table()
            .to_pandas()
        )
        assert len(frame) == rows, table
    articles = ds.dataset(warehouse / "articles", format="parquet").to_table()
    assert articles.to_pandas()["published_date"].notna().any()
