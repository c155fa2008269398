"""A run's tables, written part by part under `.staging/<run_id>/` before publishing.

Nothing here is visible to readers: `flows.publish` turns a sealed staging folder into
a snapshot and points the warehouse at it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from expectations import schemas
from expectations.layout import LAYOUT, Layout
from flows.catalog import PUBLISHED_TABLES, Catalog


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
    """A run's tables, written part by part as shards come out of validation, so no
    table of the whole corpus is held in memory; `seal` makes it publishable."""

    def __init__(self, catalog: Catalog, run_id: str) -> None:
        self.catalog = catalog
        self.run_id = run_id
        self.root = catalog.staging_dir(run_id)
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        self.rows: dict[str, int] = dict.fromkeys(PUBLISHED_TABLES, 0)
        self._parts = 0
        # Part names differ from run to run: a reader that listed a table through
        # its stable path just before a switch gets "file not found", never another
        # snapshot's file under the same name.
        self._token = run_id.replace("-", "")[:12]

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
        _write_part(
            table,
            LAYOUT[name],
            self.root / name,
            f"{self._token}-{self._parts}",
        )
        self.rows[name] += table.num_rows

    def read(self, name: str) -> ds.Dataset:
        """The rows staged so far for a table (empty dataset if none)."""
        folder = self.root / name
        if not folder.exists():
            return ds.dataset(schemas.TABLES[name].empty_table())
        return ds.dataset(folder, format="parquet")

    def replace(self, name: str, rewrite) -> None:
        """Rewrite a staged table part by part with `rewrite(arrow table)`."""
        folder = self.root / name
        if not folder.exists():
            return
        done = self.root / f".{name}.old"
        os.replace(folder, done)
        self.rows[name] = 0
        for part in sorted(done.rglob("*.parquet")):
            self.write(name, rewrite(pq.read_table(part)))
        shutil.rmtree(done)

    def keep_quarantine(self, target: Path) -> Path:
        """A run that will not publish: keep its quarantine table in `target` (so a
        user can see why) and drop the rest of the staging."""
        target.mkdir(parents=True, exist_ok=True)
        quarantine = self.root / "quarantine"
        if quarantine.exists():
            shutil.rmtree(target / "quarantine", ignore_errors=True)
            os.replace(quarantine, target / "quarantine")
        self.discard()
        return target

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def seal(self) -> Path:
        """Give every table at least an empty file, so readers see its schema."""
        for name in PUBLISHED_TABLES:
            folder = self.root / name
            folder.mkdir(parents=True, exist_ok=True)
            if next(folder.rglob("*.parquet"), None) is None:
                empty = schemas.TABLES[name].empty_table()
                pq.write_table(empty, folder / f"part-{self._token}-empty.parquet")
        return self.root


def _write_part(table: pa.Table, layout: Layout, target: Path, part: str):
    """Parquet with the table's layout: sort order (so row-group statistics can skip
    data), dictionary-encoded repetitive strings, zstd. Each part is sorted on its
    own. No table is partitioned by a column that can be null: readers disagree on
    how a null partition reads back (DuckDB 1.x sees `__HIVE_DEFAULT_PARTITION__`)."""
    if layout.sort_by:
        table = table.sort_by([(c, "ascending") for c in layout.sort_by])
    options = ds.ParquetFileFormat().make_write_options(
        compression="zstd", use_dictionary=list(layout.dictionary) or False
    )
    target.mkdir(parents=True, exist_ok=True)
    ds.write_dataset(
        table,
        target,
        format="parquet",
        basename_template=f"part-{part}-{{i}}.parquet",
        file_options=options,
        max_rows_per_group=layout.rows_per_group,
        max_rows_per_file=1_000_000,
        existing_data_behavior="overwrite_or_ignore",
    )
