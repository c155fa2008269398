"""The sciwire Prefect flow: split → clean → extract → validate → report → publish."""

from __future__ import annotations

import dataclasses
import uuid

from prefect import flow
from prefect.runtime import flow_run

from flows.catalog import Catalog, resolve_source
from flows.lock import warehouse_lock
from flows.publish import prune, recover
from flows.runners import task_runner_from_env
from flows.settings import RunSettings
from flows.sharded_run import ShardedRun
from flows.summary import RunSummary, record_summary
from flows.tasks import publish, report

_BUSY_HINT = (
    "a deployment's overlapping runs wait for its concurrency slot; otherwise give "
    "the run a wait_seconds parameter (sciwire run --wait SECONDS)"
)


@flow(name="sciwire", log_prints=False, task_runner=task_runner_from_env())
def sciwire_flow(
    source: str | None = None,
    warehouse: str | None = None,
    model_name: str | None = None,
    max_file_bytes: int | None = None,
    shard_size: int | None = None,
    wait_seconds: float = 0.0,
    shards_in_flight: int | None = None,
    validation_batch: int | None = None,
) -> RunSummary:
    """One run over every file of `source`; publishes a validated snapshot of every
    table to `warehouse` at once. A parameter left empty takes its `SCIWIRE_*`
    variable, else its default (README: settings).

    Shards of files (at most `shard_size`, smaller towards the end) go through
    split → clean → extract as tasks on the flow's task runner; documents already
    published by the same pipeline are copied, not processed again; when no source
    file changed, the run does nothing. A run that fails validation publishes
    nothing and keeps its report and quarantine in `warehouse/runs/<run_id>/`.
    """
    settings = RunSettings.from_env().with_overrides(
        source=source,
        warehouse=warehouse,
        model_name=model_name,
        max_file_bytes=max_file_bytes,
        shard_size=shard_size,
        shards_in_flight=shards_in_flight,
        validation_batch=validation_batch,
    )
    catalog = Catalog.at(settings.warehouse)
    settings = dataclasses.replace(
        settings, source=resolve_source(settings.source), warehouse=str(catalog.root)
    )
    run_id = str(flow_run.get_id() or uuid.uuid4())
    with warehouse_lock(catalog.lock_path, wait_seconds, hint=_BUSY_HINT):
        recover(catalog)
        try:
            summary = ShardedRun(settings, catalog, run_id).execute()
            if not summary.unchanged:
                _report_and_publish(summary, settings)
        except BaseException:
            recover(catalog)  # nothing of a failed run stays behind
            raise
    record_summary(summary)
    return summary


def _report_and_publish(summary: RunSummary, settings: RunSettings) -> None:
    """Reports first, into the run's own folder; then, if the run passed, the one
    switch that publishes its snapshot with them."""
    will_publish = not summary.blocking
    reports = report(
        summary.run_folder,
        {**dataclasses.asdict(summary), "published": will_publish},
        settings.warehouse,
    )
    if will_publish:
        reports = publish(
            settings.warehouse, summary.run_folder, reports, settings.keep_snapshots
        )
        summary.published = True
    else:
        prune(Catalog.at(settings.warehouse), settings.keep_snapshots)
    summary.reports = reports
