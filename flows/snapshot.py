"""The published snapshot as a cache: unchanged documents reuse their published rows.

A document is unchanged when its content hash (`article_id`) is already published
and the snapshot was made by the same pipeline (code, lexicons, suites and model), so
a re-run processes only changed files (`flows.state` tells when nothing changed at
all).
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from expectations import schemas
from flows.catalog import Catalog
from flows.state import read_state

_BATCH_ROWS = 65_536


class Snapshot:
    """What the last published run of this same pipeline left in the warehouse."""

    def __init__(self, catalog: Catalog, fingerprint: str) -> None:
        # resolved once: every table is read from the same snapshot
        self.root = catalog.current_snapshot()
        self.state = read_state(self.root, fingerprint)

    @property
    def usable(self) -> bool:
        return self.state is not None

    def article_ids(self) -> set[str]:
        if not self.usable:
            return set()
        column = self._dataset("articles").to_table(columns=["article_id"])
        return set(column["article_id"].to_pylist())

    def scan(
        self, table: str, article_ids: dict[str, str], column: str = "article_id"
    ) -> Iterator[pa.Table]:
        """The published rows of `table` whose `column` is one of `article_ids`
        (article_id → current source path), batch by batch, with the current path: a
        renamed file keeps its rows under its new name."""
        if not self.usable or not article_ids:
            return
        names = [n for n in schemas.TABLES[table].names if n != "duplicate_of"]
        wanted = pc.field(column).isin(pa.array(list(article_ids), pa.string()))
        scanner = self._dataset(table).scanner(
            columns=names, filter=wanted, batch_size=_BATCH_ROWS
        )
        for batch in scanner.to_batches():
            if batch.num_rows == 0:
                continue
            rows = pa.Table.from_batches([batch])
            if "source_path" in names:
                paths = [article_ids[a] for a in rows[column].to_pylist()]
                rows = rows.set_column(
                    names.index("source_path"), "source_path", pa.array(paths)
                )
            yield rows

    def _dataset(self, table: str) -> ds.Dataset:
        return ds.dataset(self.root / table, format="parquet")
