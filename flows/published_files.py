"""Published files written aside and swapped in, with the permissions of the umask.

`tempfile.mkstemp` creates its files 0600 whatever the umask, so a report swapped in
from one would be readable by its writer alone, unlike the Parquet files beside it. A
scratch file opened here gets mode 0666 minus the umask, as any file the process makes.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def scratch_path(target: Path) -> Path:
    """A new hidden name beside `target`, for building it aside (no file made)."""
    return target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")


def write_text(target: Path, text: str) -> Path:
    """Replace `target` by `text` in one step: a reader sees the old or the new file."""
    scratch = scratch_path(target)
    handle = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(scratch, target)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    return target


def write_parquet(target: Path, table: pa.Table) -> Path:
    """Replace `target` by `table` (zstd Parquet) in one step, as `write_text` does."""
    scratch = scratch_path(target)
    try:
        pq.write_table(table, scratch, compression="zstd")
        os.replace(scratch, target)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    return target
