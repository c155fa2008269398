"""The `sciwire` command: run the flow, show progress, print what was published."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from flows.settings import RunSettings

app = typer.Typer(
    help="Turn scraped news text into analysis-ready Parquet tables.",
    no_args_is_help=True,
)
console = Console(stderr=True)
DEFAULTS = RunSettings()
_STAGES = ("split", "clean", "extract", "validate", "publish", "report")


class _ProgressHandler(logging.Handler):
    """Moves the progress bars on the flow's `sciwire.progress` events."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress
        self.bars = {}

    def emit(self, record: logging.LogRecord) -> None:
        stage = record.getMessage()
        if stage == "start":
            total = record.total
            self.bars = {
                name: self.progress.add_task(
                    name, total=total if name in _STAGES[:3] else 1
                )
                for name in _STAGES
            }
        elif stage == "reused":  # carried over: nothing to clean or extract
            for name in ("clean", "extract"):
                self.progress.advance(self.bars[name], record.advance)
        elif stage in self.bars:
            self.progress.advance(self.bars[stage], record.advance)


# Options shared by `run` and `serve`.
SourceOption = Annotated[
    str, typer.Option(help="Folder or fsspec URL of scraped articles.")
]
WarehouseOption = Annotated[
    str, typer.Option(help="Folder (or file:// URL) the Parquet tables go to.")
]
WorkersOption = Annotated[
    int, typer.Option(help="Local worker processes for the shards (1: in-process).")
]
DaskOption = Annotated[
    str | None,
    typer.Option(help="Run the shards on this Dask scheduler (tcp://host:8786)."),
]


@app.callback()
def main() -> None:
    """sciwire: split → clean → extract → validate → publish, as one Prefect flow."""


@app.command()
def run(
    source: SourceOption = DEFAULTS.source,
    warehouse: WarehouseOption = DEFAULTS.warehouse,
    model: Annotated[
        str, typer.Option(help="spaCy English pipeline to load.")
    ] = DEFAULTS.model_name,
    wait: Annotated[
        float,
        typer.Option(help="Seconds to wait for another run on the same warehouse."),
    ] = 0.0,
    workers: WorkersOption = DEFAULTS.workers,
    dask_address: DaskOption = None,
    verbose: Annotated[bool, typer.Option(help="Show Prefect's own logs.")] = False,
) -> None:
    """Run the flow once over SOURCE and publish a validated snapshot to WAREHOUSE."""
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.catalog import Catalog
    from flows.lock import WarehouseBusy
    from flows.sources import list_sources, listing_key
    from flows.state import pipeline_fingerprint, unchanged_state
    from flows.summary import RunSummary

    try:
        catalog = Catalog.at(warehouse)
        listing = list_sources(source)
    except (FileNotFoundError, ValueError) as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    # Nothing changed since the published run: say so before starting Prefect, which
    # alone takes seconds. (A scheduled deployment's flow makes the same check.)
    fingerprint = pipeline_fingerprint(model, DEFAULTS.max_file_bytes)
    state = unchanged_state(catalog, fingerprint, listing_key(listing))
    if state:
        files = len(listing.paths)
        _print_summary(RunSummary.of_unchanged_source(None, catalog, state, files))
        return

    from flows.runners import shared_api_server, task_runner

    with Progress(
        TextColumn("{task.description:<9}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        handler = _ProgressHandler(progress)
        events = logging.getLogger("sciwire.progress")
        events.addHandler(handler)
        events.setLevel(logging.INFO)
        events.propagate = False
        try:
            with shared_api_server() as server_ready:
                from flows.pipeline import sciwire_flow  # while the server boots
                from flows.validation import import_great_expectations_meanwhile

                import_great_expectations_meanwhile()

                # no more processes than shards: a pool costs seconds to start
                shards = -(-len(listing.paths) // DEFAULTS.shard_size)
                runner = task_runner(max(1, min(workers, shards)), dask_address)
                server_ready()
                summary = sciwire_flow.with_options(task_runner=runner)(
                    source=source,
                    warehouse=warehouse,
                    model_name=model,
                    max_file_bytes=DEFAULTS.max_file_bytes,
                    shard_size=DEFAULTS.shard_size,
                    wait_seconds=wait,
                )
        except WarehouseBusy as error:
            console.print(f"[red]error:[/red] {error}")
            raise typer.Exit(3) from None
        except Exception as error:  # a readable line, the traceback only with --verbose
            if verbose:
                console.print_exception()
            console.print(
                f"[red]error:[/red] the run failed: {type(error).__name__}: {error}"
            )
            console.print("nothing was published; the previous snapshot is unchanged")
            raise typer.Exit(1) from None
        finally:
            events.removeHandler(handler)
    _print_summary(summary)
    if not (summary.published or summary.unchanged):
        raise typer.Exit(1)


@app.command()
def serve(
    cron: Annotated[
        str, typer.Option(help="When to run, as a cron expression.")
    ] = "0 * * * *",
    source: SourceOption = DEFAULTS.source,
    warehouse: WarehouseOption = DEFAULTS.warehouse,
    name: Annotated[str, typer.Option(help="Deployment name in the Prefect UI.")] = (
        "sciwire-scheduled"
    ),
    workers: WorkersOption = DEFAULTS.workers,
    dask_address: DaskOption = None,
) -> None:
    """Serve the flow as a Prefect deployment that runs on a cron schedule.

    Runs until stopped (Ctrl-C or SIGTERM). Point PREFECT_API_URL at a running
    `prefect server start` to see the runs in the UI.
    """
    from flows.catalog import Catalog
    from flows.pipeline import sciwire_flow
    from flows.runners import task_runner

    local = "://" not in source or source.startswith("file://")
    sciwire_flow.with_options(task_runner=task_runner(workers, dask_address)).serve(
        name=name,
        cron=cron,
        parameters={
            "source": str(Path(source).resolve()) if local else source,
            "warehouse": str(Catalog.at(warehouse).root.resolve()),
        },
    )


def _print_summary(summary) -> None:
    out = Console()
    if summary.unchanged:
        out.print(
            f"unchanged: no source file changed since run {summary.unchanged_since},"
            " which published these rows",
            soft_wrap=True,
        )
        title = None
    else:
        title = "published" if summary.published else "NOT published"
    rows = Table(title=title)
    rows.add_column("table")
    rows.add_column("rows", justify="right")
    for table, count in summary.rows.items():
        rows.add_row(table, str(count))
    out.print(rows)
    if summary.quarantined:
        reasons = Table(title="quarantined")
        reasons.add_column("reason")
        reasons.add_column("rows", justify="right")
        for reason, count in sorted(summary.quarantined.items()):
            reasons.add_row(reason, str(count))
        out.print(reasons)
    else:
        out.print("quarantined: none")
    for failure in summary.blocking:
        out.print(f"[red]blocking:[/red] {failure}")
    out.print(f"reused unchanged documents: {summary.reused}")
    out.print(f"warehouse: {summary.warehouse}")
    out.print(f"validation report: {summary.report_path}")
    for name, path in summary.reports.items():
        out.print(f"{name}: {path}")


if __name__ == "__main__":
    sys.exit(app())
