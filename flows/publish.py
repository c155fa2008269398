"""Publishing: a sealed staging folder becomes a snapshot, and one rename makes it
current for every table at once.

`promote` moves `.staging/<run>/` to `snapshots/<seq>-<run>/`, where the reports
are written next to the tables; `switch_to` then replaces the `current` link in one
`rename(2)`, so a reader sees the old snapshot or the new one, whole, never a mix.
The stable paths (`articles`, `sciwire.duckdb`, `report.html`, ...) are links into
`current`. A run killed at any moment leaves the previous snapshot current; `recover`
drops what it left. Only the standard library here: the CLI recovers before Prefect
or pyarrow start.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from flows.catalog import PUBLISHED_TABLES, Catalog

logger = logging.getLogger(__name__)

# Blocked runs' folders and run logs kept, newest first.
KEPT_RUN_FOLDERS = 10


def promote(catalog: Catalog, run_id: str) -> Path:
    """Move a run's sealed staging into `snapshots/` under the next sequence number;
    not yet current (readers do not see it)."""
    catalog.snapshots_dir.mkdir(parents=True, exist_ok=True)
    sequence = 1 + max(
        [_sequence(p) for p in catalog.snapshots_dir.iterdir()]
        + [_current_sequence(catalog)]
    )
    snapshot = catalog.snapshots_dir / f"{sequence:06d}-{run_id}"
    os.replace(catalog.staging_dir(run_id), snapshot)
    return snapshot


def switch_to(
    catalog: Catalog, snapshot: Path, extra_names: Iterable[str], keep: int
) -> None:
    """Make `snapshot` current (one atomic rename of the `current` link), give every
    table and report in `extra_names` its stable path, and keep `keep` snapshots."""
    _retire_if_not_link(catalog, catalog.current_link)
    _place_link(catalog.current_link, snapshot.relative_to(catalog.root))
    for name in (*PUBLISHED_TABLES, *extra_names):
        stable = catalog.root / name
        target = Path(catalog.current_link.name) / name
        if stable.is_symlink() and Path(os.readlink(stable)) == target:
            continue
        _retire_if_not_link(catalog, stable)
        _place_link(stable, target)
    # written by the layout before snapshots: it described the old table folders
    (catalog.root / "_state.json").unlink(missing_ok=True)
    shutil.rmtree(catalog.retired_dir, ignore_errors=True)
    prune(catalog, keep)


def recover(catalog: Catalog) -> None:
    """Drop what interrupted runs left: their staging, and snapshots that never
    became current (a kill between `promote` and `switch_to`)."""
    staging = catalog.staging_dir("x").parent
    for leftover in sorted(staging.glob("*")) if staging.is_dir() else []:
        logger.warning("removing the staging of interrupted run %s", leftover.name)
        shutil.rmtree(leftover, ignore_errors=True)
    current = _current_sequence(catalog)
    for snapshot in _snapshots(catalog):
        if _sequence(snapshot) > current:
            logger.warning("removing unpublished snapshot %s", snapshot.name)
            shutil.rmtree(snapshot, ignore_errors=True)
    shutil.rmtree(catalog.retired_dir, ignore_errors=True)


def prune(catalog: Catalog, keep: int) -> None:
    """Keep the current snapshot and the `keep - 1` before it; keep the newest
    blocked-run folders and logs."""
    current = _current_sequence(catalog)
    published = [s for s in _snapshots(catalog) if _sequence(s) <= current]
    for old in sorted(published, key=_sequence)[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
    for folder in (catalog.root / "runs", catalog.logs_dir):
        if folder.is_dir():
            entries = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime_ns)
            for old in entries[:-KEPT_RUN_FOLDERS]:
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    old.unlink(missing_ok=True)


def _snapshots(catalog: Catalog) -> list[Path]:
    if not catalog.snapshots_dir.is_dir():
        return []
    return [p for p in catalog.snapshots_dir.iterdir() if _sequence(p) > 0]


def _sequence(snapshot: Path) -> int:
    head = snapshot.name.split("-", 1)[0]
    return int(head) if head.isdigit() else 0


def _current_sequence(catalog: Catalog) -> int:
    """The current snapshot's number; 0 when there is none, or when `current` is a
    plain folder (a copy of a warehouse made by following its links)."""
    if not catalog.current_link.is_symlink():
        return 0
    return _sequence(Path(os.readlink(catalog.current_link)))


def _place_link(link: Path, target: Path) -> None:
    """Point `link` at `target` with one rename, replacing any link already there."""
    scratch = link.with_name(f".{link.name}.new")
    scratch.unlink(missing_ok=True)
    os.symlink(target, scratch)
    os.replace(scratch, link)


def _retire_if_not_link(catalog: Catalog, path: Path) -> None:
    """A folder where a link belongs (a warehouse written before snapshots, or copied
    by following links) cannot be replaced by a rename: move it aside first."""
    if path.is_symlink() or not path.is_dir():
        return
    catalog.retired_dir.mkdir(parents=True, exist_ok=True)
    os.replace(path, catalog.retired_dir / path.name)
