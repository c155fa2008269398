"""After publish: the DuckDB file, data dictionary, run report and offline Data Docs.

`write_reports(warehouse, summary)` rewrites every artefact from what is published, so
each reflects the current snapshot; every file is built aside and swapped in with
`os.replace`, so a reader never sees half of one, and gets the umask's permissions.

Rebuild them by hand (after moving a warehouse, so the DuckDB views get the new
absolute paths) with `python -m flows.reporting PATH`: the report keeps the published
run's id and suite results.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds

from flows.catalog import Catalog
from flows.data_docs import (
    localize_data_docs,
    rebuild_escaped_data_docs,
    suite_outcomes,
)
from flows.duckdb_views import write_duckdb
from flows.report_pages import write_data_dictionary, write_run_report
from flows.state import published_state

logger = logging.getLogger(__name__)


def write_reports(warehouse: Path, summary: dict) -> dict[str, Path]:
    """Write sciwire.duckdb, DATA_DICTIONARY.md/.html and report.html into `warehouse`,
    and make its Data Docs readable offline; returns each artefact's path by name."""
    root = Path(warehouse).resolve()
    started = time.perf_counter()
    datasets = find_tables(root)
    written = {"duckdb": write_duckdb(root, datasets)}
    written.update(write_data_dictionary(root, datasets))
    written["report"] = write_run_report(root, datasets, summary)
    site = Catalog(root).report_path.parent
    if Catalog(root).validation_root.is_dir():
        # the only Data Docs build of a run: escaped, then pointed at local assets
        rebuild_escaped_data_docs(Catalog(root).validation_root)
        localize_data_docs(site)
        written["data_docs"] = site / "index.html"
    logger.info("reports written in %.2f s: %s", time.perf_counter() - started, written)
    return written


def find_tables(root: Path) -> dict[str, ds.Dataset]:
    """Every published table folder (one holding Parquet files), by name."""
    skip = {Catalog(root).validation_root.name}
    tables = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name[0] in "._" or folder.name in skip:
            continue
        if next(folder.rglob("*.parquet"), None) is not None:
            tables[folder.name] = ds.dataset(
                folder, format="parquet", partitioning="hive"
            )
    return tables


def rebuild_reports(warehouse: Path) -> dict[str, Path]:
    """The reports of the snapshot published in `warehouse`, rebuilt with the run id,
    row counts and suite results of the run that published it."""
    catalog = Catalog(Path(warehouse).resolve())
    # the current snapshot holds the reports (the warehouse root only links to them);
    # a warehouse of plain table folders is its own snapshot
    snapshot = catalog.current_snapshot() or catalog.root
    state = published_state(snapshot)
    if state is None:
        raise FileNotFoundError(
            f"{catalog.root} holds no published snapshot (no readable _state.json): "
            "run `sciwire run --warehouse` on it first"
        )
    suites = (
        suite_outcomes(catalog.validation_root, state.run_id)
        if catalog.validation_root.is_dir()
        else {}
    )
    summary = {
        "run_id": state.run_id,
        "published": True,
        "rows": dict(state.rows),
        "suites": suites,
        "warehouse": str(catalog.root),
    }
    return write_reports(snapshot, summary)


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if len(argv) != 1:
        logger.error("usage: python -m flows.reporting WAREHOUSE")
        return 2
    try:
        written = rebuild_reports(Path(argv[0]))
    except FileNotFoundError as error:
        logger.error("%s", error)
        return 2
    for name, path in written.items():
        logger.info("%s: %s", name, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
