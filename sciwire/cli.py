"""The `sciwire` command: run the flow, show progress, print what was published."""

from __future__ import annotations

import dataclasses
import logging
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from flows.catalog import Catalog
from flows.settings import RunSettings
from sciwire.display import ProgressBars, print_summary
from sciwire.runlog import quiet_prefect_console, run_log

app = typer.Typer(
    help="Turn scraped news text into analysis-ready Parquet tables.",
    no_args_is_help=True,
)
console = Console(stderr=True)
DEFAULTS = RunSettings()


# Options shared by `run` and `serve`; a flag left out takes its SCIWIRE_* variable,
# read (and checked) only when the command runs, so `--help` works whatever the env.
SourceOption = Annotated[
    str | None,
    typer.Option(
        help=f"Folder or fsspec URL of scraped articles (env SCIWIRE_SOURCE; "
        f"default: {DEFAULTS.source})."
    ),
]
WarehouseOption = Annotated[
    str | None,
    typer.Option(
        help=f"Folder (or file:// URL) the Parquet tables go to (env "
        f"SCIWIRE_WAREHOUSE; default: {DEFAULTS.warehouse})."
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        help="Local worker processes for the shards, 1: in-process (env "
        "SCIWIRE_WORKERS; default: one per core)."
    ),
]
DaskOption = Annotated[
    str | None,
    typer.Option(
        help="Run the shards on this Dask scheduler, tcp://host:8786 (env "
        "SCIWIRE_DASK_ADDRESS); needs a long-lived Prefect API (PREFECT_API_URL)."
    ),
]
FAILED = 4  # the run itself failed: an error, not a validation verdict


@app.callback()
def main() -> None:
    """sciwire: split → clean → extract → validate → publish, as one Prefect flow."""


@app.command()
def run(
    source: SourceOption = None,
    warehouse: WarehouseOption = None,
    model: Annotated[
        str | None,
        typer.Option(
            help=f"spaCy English pipeline to load (env SCIWIRE_MODEL; default: "
            f"{DEFAULTS.model_name})."
        ),
    ] = None,
    wait: Annotated[
        float,
        typer.Option(help="Seconds to wait for another run on the same warehouse."),
    ] = 0.0,
    workers: WorkersOption = None,
    dask_address: DaskOption = None,
    verbose: Annotated[
        bool, typer.Option(help="Show Prefect's own logs and tracebacks.")
    ] = False,
) -> None:
    """Run the flow once over SOURCE and publish a validated snapshot to WAREHOUSE.

    Exit codes: 0 published (or nothing changed), 1 validation blocked the publish,
    2 usage error, 3 another run holds the warehouse, 4 the run failed.
    """
    if not verbose:
        quiet_prefect_console()
    from flows.sources import list_sources, listing_key
    from flows.state import pipeline_fingerprint, unchanged_state
    from flows.summary import RunSummary
    from sciwire import preflight

    try:
        settings = RunSettings.from_env().with_overrides(
            source=source,
            warehouse=warehouse,
            model_name=model,
            workers=workers,
            dask_address=dask_address,
        )
        catalog = Catalog.at(settings.warehouse)
        listing = list_sources(settings.source)
        preflight.check_model(settings.model_name)
        preflight.check_warehouse(catalog)
        # Nothing changed since the published run: say so before starting Prefect,
        # which alone takes seconds. (A scheduled deployment's flow makes the same
        # check.)
        fingerprint = pipeline_fingerprint(settings.model_name, settings.max_file_bytes)
        state = unchanged_state(catalog, fingerprint, listing_key(listing))
        if state:
            preflight.tidy_if_free(catalog)
            files = len(listing.paths)
            print_summary(RunSummary.of_unchanged_source(None, catalog, state, files))
            return
        preflight.check_dask(settings.dask_address, preflight.configured_api_url())
        preflight.claim_warehouse(catalog, wait)
    except preflight.Refusal as refusal:
        _fail(str(refusal), refusal.code)
    except (OSError, ValueError) as error:  # SettingsError is a ValueError
        _fail(_readable(error), preflight.USAGE)
    # no more processes than shards: a pool costs seconds to start
    shards = -(-len(listing.paths) // settings.shard_size)
    settings = dataclasses.replace(
        settings, workers=max(1, min(settings.workers, shards))
    )
    with run_log(catalog, verbose) as log_path:
        summary = _run_flow(settings, wait, log_path, verbose)
    print_summary(summary)
    if not (summary.published or summary.unchanged):
        raise typer.Exit(1)


def _run_flow(settings: RunSettings, wait: float, log_path: Path, verbose: bool):
    """The flow, with progress bars; a failure is one line, the log and the code."""
    from flows.lock import WarehouseBusy
    from flows.runners import shared_api_server, task_runner
    from sciwire import preflight

    with Progress(
        TextColumn("{task.description:<9}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        handler = ProgressBars(progress)
        events = logging.getLogger("sciwire.progress")
        events.addHandler(handler)
        events.setLevel(logging.INFO)
        events.propagate = False
        try:
            with shared_api_server() as server_ready:
                from flows.pipeline import sciwire_flow  # while the server boots
                from flows.validation import import_great_expectations_meanwhile

                import_great_expectations_meanwhile()
                runner = task_runner(settings.workers, settings.dask_address)
                server_ready()
                return sciwire_flow.with_options(task_runner=runner)(
                    source=settings.source,
                    warehouse=settings.warehouse,
                    model_name=settings.model_name,
                    max_file_bytes=settings.max_file_bytes,
                    shard_size=settings.shard_size,
                    wait_seconds=wait,
                    shards_in_flight=settings.shards_in_flight,
                    validation_batch=settings.validation_batch,
                )
        except WarehouseBusy as error:  # another run got there between check and flow
            progress.stop()
            _fail(str(error), preflight.BUSY)
        except Exception as error:
            logging.getLogger("sciwire").exception("the run failed")
            progress.stop()
            if verbose:
                console.print_exception()
            first_line = (str(error).strip().splitlines() or [""])[0]
            _fail(
                f"the run failed, nothing was published: {type(error).__name__}: "
                f"{first_line}\nlog: {log_path}\nexit code {FAILED}",
                FAILED,
            )
        finally:
            events.removeHandler(handler)


def _readable(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror and error.filename:
        return f"{error.filename}: {error.strerror}"
    return str(error)


def _fail(message: str, code: int) -> NoReturn:
    console.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.command()
def serve(
    cron: Annotated[
        str, typer.Option(help="When to run, as a cron expression.")
    ] = "0 * * * *",
    source: SourceOption = None,
    warehouse: WarehouseOption = None,
    name: Annotated[str, typer.Option(help="Deployment name in the Prefect UI.")] = (
        "sciwire-scheduled"
    ),
    workers: WorkersOption = None,
    dask_address: DaskOption = None,
) -> None:
    """Serve the flow as a Prefect deployment that runs on a cron schedule.

    Runs until stopped (Ctrl-C or SIGTERM), which pauses the deployment's schedule.
    One run at a time: a run due while another is still running waits for it.
    Point PREFECT_API_URL at a running `prefect server start` to see the runs.
    """
    from flows.catalog import resolve_source
    from sciwire import preflight

    try:
        settings = RunSettings.from_env().with_overrides(
            source=source,
            warehouse=warehouse,
            workers=workers,
            dask_address=dask_address,
        )
        catalog = Catalog.at(settings.warehouse)
        preflight.check_model(settings.model_name)
        preflight.check_warehouse(catalog)
        preflight.check_dask(settings.dask_address, preflight.configured_api_url())
    except preflight.Refusal as refusal:
        _fail(str(refusal), refusal.code)
    except ValueError as error:
        _fail(str(error), preflight.USAGE)

    from prefect.client.schemas.objects import (
        ConcurrencyLimitConfig,
        ConcurrencyLimitStrategy,
    )

    from flows.pipeline import sciwire_flow
    from flows.runners import task_runner

    runner = task_runner(settings.workers, settings.dask_address)
    sciwire_flow.with_options(task_runner=runner).serve(
        name=name,
        cron=cron,
        parameters={
            "source": resolve_source(settings.source),
            "warehouse": str(catalog.root),
        },
        # a run due while one is running waits (AwaitingConcurrencySlot), as the
        # prefect.yaml deployment does
        global_limit=ConcurrencyLimitConfig(
            limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE
        ),
    )


if __name__ == "__main__":
    sys.exit(app())
