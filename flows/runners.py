"""Where the shard tasks run: worker processes on this machine, or a Dask cluster."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner


def local_task_runner(workers: int | None = None):
    """`workers` processes (spaCy holds the GIL, so threads would not run shards in
    parallel); one worker runs the tasks in the flow's own process, which saves the
    start-up of a process pool on small corpora."""
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        return ThreadPoolTaskRunner(max_workers=1)
    return ProcessPoolTaskRunner(max_workers=workers)


def task_runner(workers: int | None = None, dask_address: str | None = None):
    """The runner for a run: an existing Dask cluster when an address is given."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    return local_task_runner(workers)


@contextlib.contextmanager
def shared_api_server() -> Iterator[None]:
    """Without a configured Prefect server, start one temporary server for the run and
    point this process and its workers at it. Otherwise every worker process would
    start a temporary server of its own, which costs each seconds and a share of a
    core for the whole run."""
    if get_current_settings().api.url:
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
        server.stop()
