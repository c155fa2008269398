"""Each article's body signature (the MinHash the near-duplicate links compare), made
once: by the shard task that extracted the article, in a worker, or read back from
the snapshot for a reused row, instead of hashed again in the flow's process."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from flows.published_files import write_parquet
from transforms.derived import body_signature

SIGNATURES_FILE = "_body_signatures.parquet"
# uint32: the values of datasketch's "affine32" scheme (`DedupeSettings.scheme`)
_SCHEMA = pa.schema([("article_id", pa.string()), ("signature", pa.list_(pa.uint32()))])
Signature = np.ndarray | None  # None: a body too short to compare


def shard_signatures(articles: pd.DataFrame) -> dict[str, Signature]:
    """article_id → the signature of its body, for a shard's articles."""
    return {
        article_id: body_signature(body)
        for article_id, body in zip(
            articles["article_id"], articles["body"], strict=True
        )
    }


class BodySignatures:
    """The signatures known before the flow hashes a body itself: those of the
    snapshot's articles and those the shard tasks made."""

    def __init__(self, snapshot_folder: Path | None) -> None:
        self._known = _read(snapshot_folder)

    def add(self, signatures: dict[str, Signature]) -> None:
        self._known.update(signatures)

    def of(self, article_id: str, body: str) -> Signature:
        """The known signature (an article's is asked for once), else its hash (a
        snapshot that predates the stored signatures)."""
        if article_id in self._known:
            return self._known.pop(article_id)
        return body_signature(body)


def write_signatures(folder: Path, signatures: Iterable[tuple[str, Signature]]) -> None:
    """Stored beside the snapshot's tables, sorted by article, so the same source
    gives the same file."""
    ordered = sorted(signatures, key=lambda item: item[0])
    table = pa.table(
        {
            "article_id": [article_id for article_id, _ in ordered],
            "signature": [None if s is None else s.tolist() for _, s in ordered],
        },
        schema=_SCHEMA,
    )
    write_parquet(folder / SIGNATURES_FILE, table)


def _read(folder: Path | None) -> dict[str, Signature]:
    path = folder / SIGNATURES_FILE if folder else None
    if path is None or not path.exists():
        return {}
    table = pq.read_table(path, schema=_SCHEMA)
    lists = table["signature"].combine_chunks()
    values = lists.values.to_numpy()
    bounds = lists.offsets.to_numpy()
    return {
        article_id: values[bounds[n] : bounds[n + 1]].copy() if valid else None
        for n, (article_id, valid) in enumerate(
            zip(
                table["article_id"].to_pylist(),
                lists.is_valid().to_pylist(),
                strict=True,
            )
        )
    }
