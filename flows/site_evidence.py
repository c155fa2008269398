"""The repeated-line evidence of a run: every page's line keys, per site, gathered
before any shard is cleaned and kept with the published snapshot.

A page's furniture depends on the other pages of its site (`transforms.clean.repeats`),
so the evidence must cover the whole source, whatever the shards, workers, engine or
run history. It is gathered in a cheap pass (read, split, hash each line: no clean)
over the files that changed since the snapshot; unchanged files keep the evidence
the snapshot recorded, and deleted files leave it with their rows. A published page
is reused only when the repeated lines of its site that it shows are still the ones
it was cleaned with; otherwise it is cleaned again, as a full run would.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import sources
from flows.published_files import write_parquet
from flows.settings import RunSettings
from transforms.clean.repeats import (
    EVIDENCE_SCHEMA,
    evidence_table,
    repeated_line_keys,
    yields_subject_documents,
)
from transforms.split import split_sources

EVIDENCE_FILE = "_site_evidence.parquet"
# (file, version): the listed file and its size:mtime stamp, for reuse in later runs;
# `repeated`: the line was furniture of its site when the page was cleaned.
_STORED_SCHEMA = pa.schema(
    [("file", pa.string()), ("version", pa.string()), *EVIDENCE_SCHEMA]
).append(pa.field("repeated", pa.bool_()))


def file_evidence(
    source_root: str, paths: list[str], max_file_bytes: int
) -> list[tuple[str, pa.Table]]:
    """(file, its pages' evidence rows) for each readable file; unreadable files are
    the split stage's to quarantine."""
    read = sources.read_sources(source_root, paths, max_file_bytes)
    return [
        (path, evidence_table(split_sources([(path, data)]).documents))
        for path, data in read.files
    ]


@task(name="gather-evidence", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def gather_evidence(
    source_root: str, paths: list[str], max_file_bytes: int
) -> list[tuple[str, pa.Table]]:
    """`file_evidence` of a remote source's files, where each read is a round trip."""
    return file_evidence(source_root, paths, max_file_bytes)


class SiteEvidence:
    """The run's evidence, what each page's site repeats, and what the snapshot's
    pages were cleaned with."""

    def __init__(self, rows: pa.Table, published: pa.Table) -> None:
        self.rows = rows
        self.repeated = repeated_line_keys(rows.select(EVIDENCE_SCHEMA.names))
        self._subjects = set(rows["document_id"].to_pylist())
        self._published = _repeated_by_document(published)

    @classmethod
    def gather(
        cls,
        source: str,
        listing: sources.SourceListing,
        snapshot_folder: Path | None,
        settings: RunSettings,
    ) -> SiteEvidence:
        """The evidence of every listed file: the snapshot's for files unchanged since
        it was made, a fresh pass over the others: in this process for a local
        folder (a round of tasks would cost far more waiting than the hashing does),
        as tasks on the run's runner for a remote source."""
        stored = _read(snapshot_folder)
        current = {p: listing.versions.get(p) for p in listing.paths}
        unchanged_file = [
            v is not None and current.get(f) == v
            for f, v in zip(
                stored["file"].to_pylist(), stored["version"].to_pylist(), strict=True
            )
        ]
        kept = stored.filter(pa.array(unchanged_file, pa.bool_()))
        known = set(kept["file"].to_pylist())
        missing = [
            p for p in listing.paths if p not in known and yields_subject_documents(p)
        ]
        size = max(1, settings.shard_size)  # files held in memory at once
        chunks = [missing[i : i + size] for i in range(0, len(missing), size)]
        limit = settings.max_file_bytes
        if sources.is_local(source):
            found = [
                item for chunk in chunks for item in file_evidence(source, chunk, limit)
            ]
        else:
            futures = [gather_evidence.submit(source, chunk, limit) for chunk in chunks]
            found = [item for future in futures for item in future.result()]
        fresh = [_with_file(table, path, current[path]) for path, table in found]
        rows = pa.concat_tables([kept.drop_columns(["repeated"]), *fresh])
        return cls(rows, stored)

    def unchanged(self, published_ids: Iterable[str]) -> set[str]:
        """The published pages whose rows still stand: no site evidence (an HTML
        page), or the same repeated lines as when they were cleaned."""
        return {
            d
            for d in published_ids
            if d not in self._subjects
            or self._published.get(d) == self.repeated.get(d, frozenset())
        }

    def repeated_for(self, documents: Iterable) -> dict[str, frozenset[int]]:
        """What the clean task needs of the evidence: each page's repeated keys."""
        return {
            d.document_id: self.repeated[d.document_id]
            for d in documents
            if d.document_id in self.repeated
        }

    def write(self, folder: Path) -> None:
        """Stored beside the snapshot's tables, sorted, so the same source gives the
        same file."""
        flags = [
            key in self.repeated.get(document_id, ())
            for document_id, key in zip(
                self.rows["document_id"].to_pylist(),
                self.rows["line_key"].to_pylist(),
                strict=True,
            )
        ]
        table = self.rows.append_column("repeated", pa.array(flags, pa.bool_()))
        order = [(c, "ascending") for c in ("file", "source_path", "line_key")]
        write_parquet(folder / EVIDENCE_FILE, table.sort_by(order))


def _read(folder: Path | None) -> pa.Table:
    """The evidence a snapshot recorded; none when there is no usable snapshot or it
    predates the evidence (its pages are then all cleaned again)."""
    path = folder / EVIDENCE_FILE if folder else None
    if path is None or not path.exists():
        return _STORED_SCHEMA.empty_table()
    return pq.read_table(path, schema=_STORED_SCHEMA)


def _with_file(table: pa.Table, path: str, version: str | None) -> pa.Table:
    rows = table.num_rows
    return pa.Table.from_arrays(
        [
            pa.array([path] * rows, pa.string()),
            pa.array([version] * rows, pa.string()),
            *table.columns,
        ],  # fmt: skip
        schema=_STORED_SCHEMA.remove(_STORED_SCHEMA.get_field_index("repeated")),
    )


def _repeated_by_document(stored: pa.Table) -> dict[str, frozenset[int]]:
    """document_id → the keys that were furniture of its site when it was cleaned
    (an empty set for a page that had none)."""
    found: dict[str, set[int]] = {d: set() for d in stored["document_id"].to_pylist()}
    flagged = stored.filter(pc.field("repeated"))
    for document_id, key in zip(
        flagged["document_id"].to_pylist(), flagged["line_key"].to_pylist(), strict=True
    ):
        found[document_id].add(key)
    return {d: frozenset(keys) for d, keys in found.items()}
