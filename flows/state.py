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


def published_state(snapshot: Path | None) -> PublishedState | None:
    """What a snapshot's `_state.json` says; None when there is no snapshot or the
    file is missing or unreadable."""
    if snapshot is None:
        return None
    try:
        return PublishedState(**json.loads((snapshot / STATE_FILE).read_text()))
    except (OSError, ValueError, TypeError):
        return None


def read_state(snapshot: Path | None, fingerprint: str) -> PublishedState | None:
    """The state of a published snapshot if this same pipeline made it and all its
    tables are there; None otherwise (the snapshot cannot stand in for a run)."""
    state = published_state(snapshot)
    if state is None or state.fingerprint != fingerprint:
        return None
    if not all((snapshot / t).is_dir() for t in PUBLISHED_TABLES):
        return None
    return state


def unchanged_state(
    catalog: Catalog, fingerprint: str, listing_key: str
) -> PublishedState | None:
    """The current snapshot's state when neither the pipeline nor the source listing
    changed since it was made: a run would publish the same snapshot again."""
    state = read_state(catalog.current_snapshot(), fingerprint)
    return state if state and state.listing == listing_key else None


def write_state(snapshot: Path, state: PublishedState) -> None:
    """Written into the snapshot before it becomes current, so the state switches
    with the tables it describes; replaced whole, so a reader never sees half."""
    marker = snapshot / STATE_FILE
    partial = marker.with_name(f".{STATE_FILE}.partial")
    partial.write_text(json.dumps(dataclasses.asdict(state)))
    os.replace(partial, marker)
