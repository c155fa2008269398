"""Where the shard tasks run: worker processes on this machine, or a Dask cluster."""

from __future__ import annotations

import os

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
