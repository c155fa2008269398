"""Write-audit-publish: tables are written to a staging folder, then swapped in.

A run writes every table under `.staging/<run_id>/`; only after all writes succeed are
the published table folders replaced, one rename each. A run killed before the swap
leaves the published tables untouched; `recover` finishes or discards what it left.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from expectations import schemas
from expectations.layout import LAYOUT, MONTH_PARTITION, Layout
from flows.catalog import PUBLISHED_TABLES, Catalog

logger = logging.getLogger(__name__)

_MANIFEST = "_READY.json"


@dataclass(frozen=True)
class PublishedTable:
    table: str
    rows: int
    path: Path


def to_arrow(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """Cast a frame to its contract schema (NaN, NaT and None become nulls); extra
    columns keep their inferred types."""
    arrays = [
        pa.array(frame[field.name], type=field.type, from_pandas=True)
        if field.name in frame
        else pa.nulls(len(frame), field.type)
        for field in schema
    ]
    fields = list(schema)
    for name in frame.columns:
        if name not in schema.names:
            arrays.append(pa.array(frame[name], from_pandas=True))
            fields.append(pa.field(name, arrays[-1].type))
    return pa.Table.from_arrays(
        arrays, schema=pa.schema(fields, metadata=schema.metadata)
    )


class StagingArea:
    """A run's tables, written part by part under `.staging/<run_id>/` as shards come
    out of validation, so no table of the whole corpus is held in memory; `seal`
    marks the staging complete, after which `swap_in` publishes it."""

    def __init__(self, catalog: Catalog, run_id: str) -> None:
        self.catalog = catalog
        self.run_id = run_id
        self.root = catalog.staging_dir(run_id)
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        self.rows: dict[str, int] = dict.fromkeys(PUBLISHED_TABLES, 0)
        self._parts = 0

    def write(self, name: str, rows: pd.DataFrame | pa.Table) -> None:
        """Append rows to a table, cast to its contract schema."""
        schema = schemas.TABLES[name]
        if isinstance(rows, pa.Table):
            for missing in (f for f in schema if f.name not in rows.column_names):
                rows = rows.append_column(
                    missing, pa.nulls(rows.num_rows, missing.type)
                )
            table = rows.select(schema.names).cast(schema)
        else:
            table = to_arrow(rows, schema)
        if table.num_rows == 0:
            return
        self._parts += 1
        _write_part(table, LAYOUT[name], self.root / name, self._parts)
        self.rows[name] += table.num_rows

    def read(self, name: str) -> ds.Dataset:
        """The rows staged so far for a table (empty dataset if none)."""
        folder = self.root / name
        if not folder.exists():
            return ds.dataset(schemas.TABLES[name].empty_table())
        return ds.dataset(folder, format="parquet", partitioning="hive")

    def replace(self, name: str, rewrite) -> None:
        """Rewrite a staged table part by part with `rewrite(arrow table)`."""
        folder = self.root / name
        if not folder.exists():
            return
        done = self.root / f".{name}.old"
        os.replace(folder, done)
        self.rows[name] = 0
        for part in sorted(done.rglob("*.parquet")):
            # a part file holds no partition column: the month is in its folder name
            self.write(name, rewrite(pq.read_table(part, partitioning=None)))
        shutil.rmtree(done)

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def seal(self) -> Path:
        """Give every table at least an empty file (readers see its schema) and write
        the manifest that makes the staging publishable."""
        for name in PUBLISHED_TABLES:
            folder = self.root / name
            folder.mkdir(parents=True, exist_ok=True)
            if next(folder.rglob("*.parquet"), None) is None:
                empty = schemas.TABLES[name].empty_table()
                pq.write_table(empty, folder / "part-0.parquet")
        (self.root / _MANIFEST).write_text(
            json.dumps({"run_id": self.run_id, "rows": self.rows})
        )
        return self.root


def _write_part(table: pa.Table, layout: Layout, target: Path, part: int):
    """Parquet with the table's layout: sort order (so row-group statistics can skip
    data), dictionary-encoded repetitive strings, zstd, and hive partitions by month
    of publication where the table has a date. Each part is sorted on its own."""
    if layout.sort_by:
        table = table.sort_by([(c, "ascending") for c in layout.sort_by])
    options = ds.ParquetFileFormat().make_write_options(
        compression="zstd", use_dictionary=list(layout.dictionary) or False
    )
    partitioning = None
    if layout.month_of:
        months = pc.strftime(
            pc.cast(table[layout.month_of], pa.timestamp("s")), "%Y-%m"
        )
        table = table.append_column(MONTH_PARTITION, months)
        partitioning = ds.partitioning(
            pa.schema([(MONTH_PARTITION, pa.string())]), flavor="hive"
        )
    target.mkdir(parents=True, exist_ok=True)
    ds.write_dataset(
        table,
        target,
        format="parquet",
        partitioning=partitioning,
        basename_template=f"part-{part:05d}-{{i}}.parquet",
        file_options=options,
        max_rows_per_group=layout.rows_per_group,
        max_rows_per_file=1_000_000,
        existing_data_behavior="overwrite_or_ignore",
    )


def swap_in(catalog: Catalog, run_id: str) -> list[PublishedTable]:
    """Replace each published table folder with the staged one."""
    staging = catalog.staging_dir(run_id)
    manifest = json.loads((staging / _MANIFEST).read_text())
    retired = catalog.retired_dir / run_id
    retired.mkdir(parents=True, exist_ok=True)
    published = []
    for name in PUBLISHED_TABLES:
        live, staged = catalog.table_dir(name), staging / name
        if staged.exists():
            if live.exists():
                os.replace(live, retired / name)
            os.replace(staged, live)
        published.append(PublishedTable(name, manifest["rows"][name], live))
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(retired, ignore_errors=True)
    return published


def recover(catalog: Catalog) -> None:
    """Finish the swap of a run killed mid-publish; drop staging of earlier kills."""
    for staging in sorted(catalog.staging_dir("x").parent.glob("*")):
        if (staging / _MANIFEST).exists():
            logger.warning("finishing the publish of interrupted run %s", staging.name)
            swap_in(catalog, staging.name)
        else:
            shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(catalog.retired_dir, ignore_errors=True)
