"""The published snapshot as a cache: unchanged documents reuse their published rows.

A document is unchanged when its content hash (`article_id`) is already published
and the snapshot was made by the same pipeline (code, lexicons and model), so a
re-run on the same input only re-validates and re-publishes, and a changed file is
processed again.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds

from expectations.schemas import MONTH_PARTITION
from flows.catalog import Catalog

FINGERPRINT_FILE = "_fingerprint.json"
CACHED_TABLES = ("articles", "blocks", "entities", "metrics", "quotes")


def pipeline_fingerprint(model_name: str) -> str:
    """Hash of every transform module and data file, and the model name."""
    digest = hashlib.sha256(model_name.encode())
    root = resources.files("transforms")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json", ".jsonl", ".txt", ".csv"):
            digest.update(path.relative_to(str(root)).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def write_fingerprint(catalog: Catalog, fingerprint: str) -> None:
    (catalog.root / FINGERPRINT_FILE).write_text(
        json.dumps({"fingerprint": fingerprint})
    )


def load_snapshot(catalog: Catalog, fingerprint: str) -> dict[str, pd.DataFrame] | None:
    """The published tables, if they were made by this same pipeline."""
    marker = catalog.root / FINGERPRINT_FILE
    if (
        not marker.exists()
        or json.loads(marker.read_text()).get("fingerprint") != fingerprint
    ):
        return None
    if not all(catalog.table_dir(t).exists() for t in CACHED_TABLES):
        return None
    return {
        table: ds.dataset(
            catalog.table_dir(table), format="parquet", partitioning="hive"
        )
        .to_table()
        .to_pandas()
        .drop(columns=[MONTH_PARTITION], errors="ignore")
        for table in CACHED_TABLES
    }
