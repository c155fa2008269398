"""Where the shard tasks run: worker processes on this machine, or a Dask cluster;
and how the files are dealt out to them in shards."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator

import prefect.context
from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from flows.settings import RunSettings


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


def task_runner_from_env():
    """The runner `SCIWIRE_WORKERS` / `SCIWIRE_DASK_ADDRESS` ask for: how a deployment
    (which cannot pass CLI flags) chooses processes or a Dask cluster."""
    settings = RunSettings.from_env()
    return task_runner(settings.workers, settings.dask_address)


@contextlib.contextmanager
def shared_api_server() -> Iterator[Callable[[], None]]:
    """Without a configured Prefect server, start one temporary server for the run and
    point this process and its workers at it. Otherwise every worker process would
    start a temporary server of its own, which costs each seconds and a share of a
    core for the whole run.

    Yields a function that waits until the server answers: the server boots in its
    own process while the caller imports the flow, so call it just before the run."""
    if get_current_settings().api.url:
        yield lambda: None
        return
    server = _TemporaryServer()
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.api_url
    previous_global = prefect.context.GLOBAL_SETTINGS_CONTEXT
    # Threads start without this context's settings and read the process-global ones:
    # the process pool's event-forwarding thread, seeing no API URL there, would start
    # a second temporary server and send the workers' task-run events to it.
    prefect.context.refresh_global_settings_context()
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            yield server.wait_until_ready
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
        prefect.context.GLOBAL_SETTINGS_CONTEXT = previous_global
        _drain_to_api()
        server.stop()


def _drain_to_api() -> None:
    """Send the logs and events still queued (a failed run's last ones) while the
    server still answers; after it stops they end as '--- Error logging to API ---'."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=5)


class _TemporaryServer:
    """The API server Prefect starts for a run without one (the command of its
    `SubprocessASGIServer`), started without importing the server's code here, which
    takes seconds."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        settings = get_current_settings()
        self.timeout = settings.server.ephemeral.startup_timeout_seconds
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env={
                **os.environ,
                **settings.to_environment_variables(exclude_unset=True),
                "PREFECT_UI_ENABLED": "0",
                "PREFECT__SERVER_EPHEMERAL": "1",
                "PREFECT__SERVER_FINAL": "1",
            },
        )

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the temporary Prefect server exited with code "
                    f"{self.process.returncode} before it answered"
                )
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(
            f"the temporary Prefect server did not answer within {self.timeout} s "
            "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)"
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def guided_shards(items: list, size: int, in_flight: int) -> Iterator[list]:
    """Shards of `size` items while much is left, then smaller ones (what is left over
    the shards in flight, down to an eighth of `size`): guided scheduling, so that the
    workers finish together instead of one working alone through a last full shard."""
    smallest = max(1, size // 8)
    start = 0
    while start < len(items):
        left = len(items) - start
        step = max(smallest, min(size, -(-left // max(1, in_flight))))
        if left - step < smallest:
            step = left
        yield items[start : start + step]
        start += step
