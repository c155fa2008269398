"""`sciwire.duckdb`: one view per published table, readable by DuckDB 1.0 and newer.

The file holds views and a row count table only, so nothing needs the newest storage
format; it is written in the oldest one DuckDB 1.x reads, because most BI drivers
(duckdb-engine in Superset, Metabase's driver, ODBC/JDBC) embed a 1.x DuckDB that
refuses a file in the 2.0 format.

Each table that has list columns also gets a `<table>_flat` view in which those
columns are joined into one string: SQLAlchemy 1.4 dialects (Superset's) cannot map a
DuckDB list type, and flat text is what a BI filter wants anyway.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds

from flows.published_files import scratch_path

DUCKDB_FILE = "sciwire.duckdb"
# "v1.0.0" is storage version 64, the one DuckDB 0.10 to 1.x all read
STORAGE_VERSION = "v1.0.0"
FLAT_SUFFIX = "_flat"
LIST_SEPARATOR = "; "


def write_duckdb(root: Path, datasets: dict[str, ds.Dataset]) -> Path:
    """A DuckDB file with one view per table over its Parquet files.

    Paths are absolute: DuckDB resolves relative ones against the querying process's
    working directory, which for Superset or Metabase is never the warehouse. The file
    is rebuilt every run; after moving a warehouse by hand, rebuild it with
    `python -m flows.reporting NEW_PATH`.
    """
    target = root / DUCKDB_FILE
    scratch = scratch_path(target)
    try:
        with duckdb.connect() as con:
            con.execute(
                f"attach {_sql_string(str(scratch))} as sciwire "
                f"(storage_version {_sql_string(STORAGE_VERSION)})"
            )
            con.execute("use sciwire")
            for name, dataset in datasets.items():
                _create_views(con, root, name, dataset.schema)
            con.execute("create table sciwire_tables (table_name varchar, rows bigint)")
            for name, dataset in datasets.items():
                con.execute(
                    "insert into sciwire_tables values (?, ?)",
                    [name, dataset.count_rows()],
                )
            con.execute("use memory")
            con.execute("detach sciwire")  # checkpoints: everything in the one file
        os.replace(scratch, target)
    finally:
        for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)
    return target


def _create_views(con, root: Path, name: str, schema: pa.Schema) -> None:
    pattern = _sql_string(f"{(root / name).as_posix()}/**/*.parquet")
    source = f"read_parquet({pattern}, hive_partitioning=true)"
    con.execute(f"create view {_identifier(name)} as select * from {source}")
    lists = [
        f.name
        for f in schema
        if pa.types.is_list(f.type) or pa.types.is_large_list(f.type)
    ]
    if lists:
        # an empty list is '' in every DuckDB (1.0's array_to_string gives NULL)
        joined = ", ".join(
            f"case when len({_identifier(c)}) = 0 then '' else array_to_string("
            f"{_identifier(c)}, {_sql_string(LIST_SEPARATOR)}) end as {_identifier(c)}"
            for c in lists
        )
        con.execute(
            f"create view {_identifier(name + FLAT_SUFFIX)} as "
            f"select * replace ({joined}) from {source}"
        )


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
