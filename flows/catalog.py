"""Where every dataset of a warehouse lives: the one place that resolves paths.

A warehouse holds every published snapshot whole, each in its own folder, and one
pointer to the current one:

    current -> snapshots/000007-<run_id>      the pointer, swapped by one rename
    snapshots/000007-<run_id>/articles/ ...   every table, its reports, _state.json
    articles -> current/articles              stable paths that follow the pointer
    runs/<run_id>/                            a blocked run's report and quarantine
    logs/, validation/, .staging/, .lock      run logs, Data Docs, work in progress
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem

PUBLISHED_TABLES = (
    "articles",
    "blocks",
    "entities",
    "metrics",
    "quotes",
    "entity_catalog",
    "metric_series",
    "quarantine",
)


@dataclass(frozen=True)
class Catalog:
    root: Path

    @classmethod
    def at(cls, warehouse: str | Path) -> Catalog:
        """A warehouse folder, given as a path or a `file://` URL, made absolute: the
        path goes to worker processes that may run elsewhere."""
        fs, root = fsspec.core.url_to_fs(str(warehouse))
        if not isinstance(fs, LocalFileSystem):
            raise ValueError(
                f"the warehouse must be a local folder or a file:// URL, not "
                f"{warehouse}: publishing swaps folders by atomic renames, which "
                "object stores do not have"
            )
        return cls(Path(os.path.abspath(root)))

    def table_dir(self, table: str) -> Path:
        """The stable path of a table (a link that follows the current snapshot)."""
        return self.root / table

    @property
    def current_link(self) -> Path:
        return self.root / "current"

    @property
    def snapshots_dir(self) -> Path:
        return self.root / "snapshots"

    def current_snapshot(self) -> Path | None:
        """The folder of the current snapshot, resolved once, so that every table read
        through it comes from the same snapshot; None before the first publish."""
        if not self.current_link.is_dir():
            return None
        return Path(os.path.realpath(self.current_link))

    def staging_dir(self, run_id: str) -> Path:
        return self.root / ".staging" / run_id

    def run_dir(self, run_id: str) -> Path:
        """Where a run that did not publish leaves its report and quarantine."""
        return self.root / "runs" / run_id

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def retired_dir(self) -> Path:
        return self.root / ".retired"

    @property
    def lock_path(self) -> Path:
        return self.root / ".lock"

    @property
    def validation_root(self) -> Path:
        return self.root / "validation"

    @property
    def report_path(self) -> Path:
        return (
            self.validation_root
            / "gx"
            / "uncommitted"
            / "data_docs"
            / "local_site"
            / "index.html"
        )


def resolve_source(source: str) -> str:
    """A local source as an absolute path (workers may not share the flow's working
    directory); URLs as given."""
    if "://" in source and not source.startswith("file://"):
        return source
    _, path = fsspec.core.url_to_fs(source)
    return os.path.abspath(path)
