"""`_state.json`: what the published snapshot was made from (the pipeline, the source
listing), its run id and its rows.

Reading it needs neither pyarrow nor Prefect, so an unchanged source is recognised
in a fraction of a second, before anything heavy starts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from flows.catalog import PUBLISHED_TABLES, Catalog

STATE_FILE = "_state.json"


def pipeline_fingerprint(model_name: str, max_file_bytes: int) -> str:
    """Hash of every transform and expectation module and data file, the model name
    and the settings that change what a file yields."""
    digest = hashlib.sha256(f"{model_name}|{max_file_bytes}".encode())
    for package in ("transforms", "expectations"):
        root = Path(str(resources.files(package)))
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (
                ".py",
                ".json",
                ".jsonl",
                ".txt",
                ".csv",
            ):
                digest.update(f"{package}/{path.relative_to(root).as_posix()}".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class PublishedState:
    fingerprint: str
    listing: str  # `sources.listing_key` of the source the snapshot was made from
    run_id: str
    rows: dict[str, int] = field(default_factory=dict)


def published_state(catalog: Catalog) -> PublishedState | None:
    """What `_state.json` says of the published snapshot; None when it is missing or
    unreadable."""
    marker = catalog.root / STATE_FILE
    try:
        return PublishedState(**json.loads(marker.read_text()))
    except (OSError, ValueError, TypeError):
        return None


def read_state(catalog: Catalog, fingerprint: str) -> PublishedState | None:
    """The state of the published snapshot if this same pipeline made it and all its
    tables are still there; None otherwise (the snapshot cannot stand in for a run)."""
    state = published_state(catalog)
    if state is None or state.fingerprint != fingerprint:
        return None
    if not all(catalog.table_dir(t).exists() for t in PUBLISHED_TABLES):
        return None
    return state


def unchanged_state(
    catalog: Catalog, fingerprint: str, listing_key: str
) -> PublishedState | None:
    """The published state when neither the pipeline nor the source listing changed
    since it was made: a run would publish the same snapshot again."""
    state = read_state(catalog, fingerprint)
    return state if state and state.listing == listing_key else None


def write_state(catalog: Catalog, state: PublishedState) -> None:
    """Written after the swap, so it never describes a snapshot that is not there;
    replaced whole, so a reader never sees half of it."""
    marker = catalog.root / STATE_FILE
    partial = marker.with_name(f".{STATE_FILE}.partial")
    partial.write_text(json.dumps(dataclasses.asdict(state)))
    os.replace(partial, marker)
