"""One writer per warehouse: an OS file lock that dies with its process."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse."""


@contextmanager
def warehouse_lock(
    lock_path: Path, wait_seconds: float = 0.0, hint: str = ""
) -> Iterator[None]:
    """Hold the warehouse's lock for the block, waiting up to `wait_seconds` for it;
    `hint` (what the caller can do about a busy warehouse) ends the error message.

    `flock` is released by the kernel when the holder dies, even by `kill -9`, so a
    killed run never leaves the warehouse locked.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise WarehouseBusy(
                        f"warehouse {lock_path.parent} is being written by {holder}"
                        + (f"; {hint}" if hint else "")
                    ) from None
                time.sleep(0.5)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        yield
    finally:
        handle.close()
