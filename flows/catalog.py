"""Where every dataset of a warehouse lives: the one place that resolves paths."""

from __future__ import annotations

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
        """A warehouse folder, given as a path or a `file://` URL."""
        fs, root = fsspec.core.url_to_fs(str(warehouse))
        if not isinstance(fs, LocalFileSystem):
            raise ValueError(
                f"the warehouse must be a local folder or a file:// URL, not "
                f"{warehouse}: publishing swaps folders by atomic renames, which "
                "object stores do not have"
            )
        return cls(Path(root))

    def table_dir(self, table: str) -> Path:
        return self.root / table

    def staging_dir(self, run_id: str) -> Path:
        return self.root / ".staging" / run_id

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
