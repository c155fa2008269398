"""Checks `sciwire run` makes before Prefect starts (which alone takes seconds): each
failure is one readable line and an exit code, never a traceback minutes in."""

from __future__ import annotations

import importlib.util
import os
import socket
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from flows.catalog import Catalog
from flows.lock import WarehouseBusy, warehouse_lock
from flows.publish import recover

USAGE = 2  # the command, a setting or a path cannot work
BUSY = 3  # another run holds the warehouse


class Refusal(Exception):
    """Why the run cannot start, and the exit code that says so."""

    def __init__(self, message: str, code: int = USAGE) -> None:
        super().__init__(message)
        self.code = code


def check_model(name: str) -> None:
    """The spaCy pipeline is an installed package or a pipeline folder; found
    without loading it (loading takes a second, and does not happen until a shard
    reaches extraction)."""
    hint = "install it as a package or choose another with --model / SCIWIRE_MODEL"
    folder = Path(name)
    if folder.is_dir():
        if not (folder / "config.cfg").is_file():
            raise Refusal(f"model folder {name} holds no spaCy config.cfg; {hint}")
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise Refusal(f"spaCy model '{name}' is not installed; {hint}")
    package = Path(next(iter(spec.submodule_search_locations)))
    if not (package / "meta.json").is_file():
        raise Refusal(f"'{name}' is a Python package, not a spaCy pipeline; {hint}")


def check_warehouse(catalog: Catalog) -> None:
    """The warehouse folder exists (or can be made) and a file can be written in it."""
    root = catalog.root
    if root.exists() and not root.is_dir():
        raise Refusal(f"warehouse {root} is a file, not a folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=root, prefix=".write-check-"):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise Refusal(f"warehouse {root} cannot be written: {reason}") from None


def check_dask(address: str | None, api_url: str | None) -> None:
    """Dask workers outlive a run, so they need a Prefect API that outlives it too
    (with a per-run server they report the next run's task runs to the last one's
    dead server); and a scheduler must answer at `address`."""
    if not address:
        return
    if not api_url:
        raise Refusal(
            "--dask-address needs a long-lived Prefect API, which the Dask workers "
            "report to: start `prefect server start` and set PREFECT_API_URL (here "
            "and on the workers)"
        )
    parts = urlsplit(address)
    if parts.scheme not in ("tcp", "tls") or not parts.hostname:
        return  # inproc://, ucx://…: nothing to probe from here
    try:
        with socket.create_connection((parts.hostname, parts.port or 8786), timeout=3):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise Refusal(f"no Dask scheduler answers at {address}: {reason}") from None


def claim_warehouse(catalog: Catalog, wait_seconds: float) -> None:
    """Wait up to `wait_seconds` for the warehouse's lock, and while holding it drop
    what an interrupted run left; the flow takes the lock again for the run."""
    hint = "wait for that run to finish, or pass --wait SECONDS"
    try:
        with warehouse_lock(catalog.lock_path, wait_seconds, hint=hint):
            recover(catalog)
    except WarehouseBusy as busy:
        raise Refusal(str(busy), BUSY) from None


def tidy_if_free(catalog: Catalog) -> None:
    """Drop what an interrupted run left, unless a run is writing right now."""
    try:
        with warehouse_lock(catalog.lock_path):
            recover(catalog)
    except (WarehouseBusy, OSError):
        pass


def configured_api_url() -> str | None:
    """The Prefect API the run would report to, without importing Prefect's server."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    from prefect.settings import get_current_settings

    return get_current_settings().api.url
