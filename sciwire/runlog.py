"""A run's log file: Prefect's logs and any traceback go there, not to the terminal,
unless `--verbose`."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from flows.catalog import Catalog

# Prefect's console handler, for this process and the worker processes it starts
# (Prefect reads PREFECT_LOGGING_<path> overrides of its logging.yml at import).
_CONSOLE_LEVEL = "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"


def quiet_prefect_console() -> None:
    """Before Prefect is imported: its console handler shows nothing below CRITICAL
    in this process and in the processes it starts."""
    os.environ.setdefault(_CONSOLE_LEVEL, "CRITICAL")


@contextlib.contextmanager
def run_log(catalog: Catalog, verbose: bool) -> Iterator[Path]:
    """Log records of the run (INFO and up, with tracebacks) go to a new file under
    `warehouse/logs/`; yields its path."""
    catalog.logs_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = catalog.logs_dir / f"run-{stamp}-{os.getpid()}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)-7s %(name)s - %(message)s")
    )
    root, ours = logging.getLogger(), logging.getLogger("flows")
    root.addHandler(handler)
    previous_level = ours.level
    ours.setLevel(logging.INFO)
    quieted = [] if verbose else _quiet_console_handlers()
    try:
        yield path
    finally:
        for console_handler, level in quieted:
            console_handler.setLevel(level)
        ours.setLevel(previous_level)
        root.removeHandler(handler)
        handler.close()


def _quiet_console_handlers() -> list[tuple[logging.Handler, int]]:
    """Prefect's console handlers already set up in this process (Prefect imported
    before the environment variable was set), raised to CRITICAL; returns what to
    restore."""
    try:
        from prefect.logging.handlers import PrefectConsoleHandler
    except ImportError:
        return []
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    quieted = []
    for logger in loggers:
        for handler in logger.handlers:
            if isinstance(handler, PrefectConsoleHandler):
                quieted.append((handler, handler.level))
                handler.setLevel(logging.CRITICAL)
    return quieted
