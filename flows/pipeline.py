"""The sciwire Prefect flow: split → clean → extract → validate → publish."""

from __future__ import annotations

import dataclasses
import functools
import logging
import uuid
from collections import Counter, deque
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run

from flows import sources
from flows.catalog import Catalog
from flows.lock import warehouse_lock
from flows.publish import StagingArea, recover, swap_in
from flows.reporting import write_reports
from flows.resources import load_pipeline, release_freed_memory
from flows.runners import local_task_runner
from flows.settings import RunSettings
from flows.snapshot import Snapshot
from flows.state import (
    PublishedState,
    pipeline_fingerprint,
    unchanged_state,
    write_state,
)
from flows.summary import RunSummary
from flows.validation import (
    RunValidator,
    find_repeated_keys,
    validate_shard,
    with_contract_columns,
)
from transforms.clean import CleanOutput, clean_documents
from transforms.derived import (
    EntityCatalogBuilder,
    add_to_catalog,
    body_signature,
    catalog_table,
    find_duplicate_links,
    metric_series,
)
from transforms.extract import ExtractOutput, extract_documents, iter_analyses
from transforms.rejections import Rejection
from transforms.split import SplitOutput, drop_duplicate_documents, split_sources

progress = logging.getLogger("sciwire.progress")
DEFAULTS = RunSettings()


# Tasks take shards of data: hashing them for a cache key would cost more than the
# work, and re-running a shard is what a retry is for.
@task(name="split", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def split_shard(source_root: str, paths: list[str], max_file_bytes: int) -> SplitOutput:
    read = sources.read_sources(source_root, paths, max_file_bytes)
    split = split_sources(read.files)
    return SplitOutput(split.documents, read.rejections + split.rejections)


@task(name="clean", cache_policy=NO_CACHE)
def clean_shard(documents: list) -> CleanOutput:
    return clean_documents(documents)


@task(name="extract", cache_policy=NO_CACHE)
def extract_shard(cleaned: CleanOutput, model_name: str) -> ExtractOutput:
    """Entities, metrics and quotes; only English bodies go to the English model."""
    articles = cleaned.articles
    nlp = load_pipeline(model_name)
    english = articles["language"].eq("en").tolist()
    # analysed a batch at a time as extraction goes: a shard's Docs are never all held
    analysed = iter_analyses(nlp, articles.loc[english, "body"].tolist())
    analyses = (next(analysed) if is_english else None for is_english in english)
    extracted = extract_documents(articles, analyses)
    release_freed_memory()
    return extracted


@task(name="validate", cache_policy=NO_CACHE)
def validate(
    validator: RunValidator,
    tables: dict[str, pd.DataFrame],
    source_of_article: dict[str, str],
) -> dict[str, pd.DataFrame]:
    """One shard's rows that pass the suites; runs in the flow's process, which holds
    the run's Great Expectations context."""
    return validate_shard(validator, tables, source_of_article)


@task(name="publish", cache_policy=NO_CACHE)
def publish(warehouse: str, run_id: str) -> dict[str, int]:
    published = swap_in(Catalog.at(warehouse), run_id)
    logger = get_run_logger()
    for table in published:
        logger.info("published %s: %d rows at %s", table.table, table.rows, table.path)
    progress.info("publish", extra={"advance": 1})
    return {t.table: t.rows for t in published}


@task(name="report", cache_policy=NO_CACHE)
def report(warehouse: str, summary: RunSummary) -> dict[str, str]:
    """DuckDB views, data dictionary, run report, offline and escaped Data Docs."""
    paths = write_reports(Path(warehouse), dataclasses.asdict(summary))
    progress.info("report", extra={"advance": 1})
    return {name: str(path) for name, path in paths.items()}


@flow(name="sciwire", log_prints=False, task_runner=local_task_runner())
def sciwire_flow(
    source: str = DEFAULTS.source,
    warehouse: str = DEFAULTS.warehouse,
    model_name: str = DEFAULTS.model_name,
    max_file_bytes: int = DEFAULTS.max_file_bytes,
    shard_size: int = DEFAULTS.shard_size,
    wait_seconds: float = 0.0,
    shards_in_flight: int = DEFAULTS.shards_in_flight,
    validation_batch: int = DEFAULTS.validation_batch,
) -> RunSummary:
    """One run over every file of `source`; publishes a validated snapshot.

    Shards of files (at most `shard_size`, smaller towards the end) go through
    split → clean → extract as mapped tasks on the flow's task runner, at most
    `shards_in_flight` at a time, and are validated (about
    `validation_batch` articles at a time) and staged as they finish, so memory does not
    grow with the corpus. Documents already published
    by the same pipeline are not cleaned or extracted again: their rows are copied from
    the published snapshot. When no source file changed, the run does nothing.
    """
    run_id = str(flow_run.get_id() or uuid.uuid4())
    catalog = Catalog.at(warehouse)
    with warehouse_lock(catalog.lock_path, wait_seconds):
        recover(catalog)
        run = _ShardedRun(
            source, catalog, run_id, model_name, max_file_bytes, validation_batch
        )
        summary = run.execute(shard_size, shards_in_flight)
        if not summary.unchanged:
            summary.reports = report(str(catalog.root), summary)
    _record_summary(summary)
    return summary


def _shards(items: list, size: int, in_flight: int) -> Iterator[list]:
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


class _ShardedRun:
    """The state one run accumulates while shards stream through it: small per
    document (ids, paths, signatures), never the documents' tables."""

    def __init__(
        self, source, catalog, run_id, model_name, max_file_bytes, validation_batch
    ) -> None:
        self.source = source
        self.catalog = catalog
        self.run_id = run_id
        self.model_name = model_name
        self.max_file_bytes = max_file_bytes
        self.fingerprint = pipeline_fingerprint(model_name, max_file_bytes)
        self.snapshot = Snapshot(catalog, self.fingerprint)
        self.rejections: list[Rejection] = []
        self.first_path: dict[str, str] = {}
        self.reused_paths: dict[str, str] = {}  # article_id → current source path
        self.source_of_article: dict[str, str] = {}
        self.signatures: list[tuple] = []
        self.entity_catalog = EntityCatalogBuilder()
        self.unvalidated: list[dict[str, pd.DataFrame]] = []
        self.validation_batch = validation_batch

    @functools.cached_property
    def validator(self) -> RunValidator:
        """Made at the first batch to validate: importing Great Expectations takes
        seconds, which the workers spend on the first shards meanwhile."""
        return RunValidator(self.catalog.validation_root, self.run_id)

    def execute(self, shard_size: int, shards_in_flight: int) -> RunSummary:
        listing = sources.list_sources(self.source)
        listing_key = sources.listing_key(listing)
        progress.info("start", extra={"total": len(listing.paths)})
        state = unchanged_state(self.catalog, self.fingerprint, listing_key)
        if state:
            return self._unchanged(state, len(listing.paths))
        self.rejections += listing.rejections
        known = self.snapshot.article_ids()
        self.staging = StagingArea(self.catalog, self.run_id)
        shards = _shards(listing.paths, shard_size, shards_in_flight)
        # the next shard is split while this one is taken, so that from the start
        # there is work for more than one worker
        splits = deque(self._submit_split(paths) for paths in islice(shards, 2))
        in_flight: deque = deque()
        while splits:
            paths, split = splits.popleft()
            if (paths_after := next(shards, None)) is not None:
                splits.append(self._submit_split(paths_after))
            fresh = self._take_split(split.result(), known)
            progress.info("split", extra={"advance": len(paths)})
            if fresh:
                cleaned = clean_shard.submit(fresh)
                extracted = extract_shard.submit(cleaned, self.model_name)
                in_flight.append((len(paths), cleaned, extracted))
            else:
                progress.info("reused", extra={"advance": len(paths)})
            while len(in_flight) >= max(1, shards_in_flight):
                self._take_extracted(*in_flight.popleft())
        # nothing left to submit: validate what is held and then each last shard as
        # it comes, while the workers still extract the others
        self._validate_held()
        while in_flight:
            self._take_extracted(*in_flight.popleft())
            self._validate_held()
        self._copy_reused_rows()
        return self._finish(listing_key)

    def _submit_split(self, paths: list[str]) -> tuple[list[str], PrefectFuture]:
        return paths, split_shard.submit(self.source, paths, self.max_file_bytes)

    def _take_split(self, split: SplitOutput, known: set[str]) -> list:
        unique = drop_duplicate_documents(split.documents, self.first_path)
        self.rejections += split.rejections + unique.rejections
        fresh = []
        for document in unique.documents:
            if document.document_id in known:
                self.reused_paths[document.document_id] = document.source_path
            else:
                fresh.append(document)
        return fresh

    def _take_extracted(self, files: int, cleaned, extracted) -> None:
        """Hold one finished shard for validation; validate once enough are held."""
        cleaned, extracted = cleaned.result(), extracted.result()
        for stage in ("clean", "extract"):
            progress.info(stage, extra={"advance": files})
        self.rejections += cleaned.rejections + extracted.rejections
        articles = cleaned.articles
        self.source_of_article.update(
            zip(articles["article_id"], articles["source_path"], strict=True)
        )
        self.unvalidated.append(
            {
                "articles": articles,
                "blocks": cleaned.blocks,
                "entities": extracted.entities,
                "metrics": extracted.metrics,
                "quotes": extracted.quotes,
            }
        )
        held = sum(len(tables["articles"]) for tables in self.unvalidated)
        if held >= self.validation_batch:
            self._validate_held()

    def _validate_held(self) -> None:
        """Validate the held shards as one batch (each suite run has a fixed cost of
        a fraction of a second) and stage the rows that pass."""
        if not self.unvalidated:
            return
        tables = {
            name: _concat([held[name] for held in self.unvalidated])
            for name in self.unvalidated[0]
        }
        self.unvalidated = []
        kept = validate(self.validator, tables, self.source_of_article)
        for name, rows in kept.items():
            self.staging.write(name, rows)
        self._remember_articles(kept["articles"])
        add_to_catalog(self.entity_catalog, kept["entities"])
        release_freed_memory()

    def _remember_articles(self, articles: pd.DataFrame) -> None:
        self.signatures += [
            (article_id, published, path, body_signature(body))
            for article_id, published, path, body in zip(
                articles["article_id"],
                articles["published_date"],
                articles["source_path"],
                articles["body"],
                strict=True,
            )
        ]

    def _copy_reused_rows(self) -> None:
        """Rows of unchanged documents, copied from the published snapshot; they were
        validated when first published by this same pipeline and its suites."""
        self.source_of_article.update(self.reused_paths)
        for table in ("articles", "blocks", "entities", "metrics", "quotes"):
            for rows in self.snapshot.scan(table, self.reused_paths):
                self.staging.write(table, rows)
                if table == "articles":
                    self._remember_articles(rows.to_pandas())
                elif table == "entities":
                    add_to_catalog(self.entity_catalog, rows.to_pandas())
            release_freed_memory()

    def _finish(self, listing_key: str) -> RunSummary:
        """Derived tables, whole-run checks, quarantine, then publish or not."""
        links = find_duplicate_links(self.signatures)
        self.staging.replace("articles", lambda rows: _with_duplicates(rows, links))
        entity_catalog = self.validator.check(
            "entity_catalog",
            with_contract_columns(catalog_table(self.entity_catalog), "entity_catalog"),
            {},
        )
        self.staging.write("entity_catalog", entity_catalog)
        self._stage_metric_series()
        suites = self.validator.finish()
        progress.info("validate", extra={"advance": 1})
        blocking = self.validator.blocking + find_repeated_keys(
            {name: self.staging.read(name) for name in self.staging.rows}
        )
        if not blocking and self.staging.rows["articles"] == 0:
            blocking.append("articles: no article passed validation")
        quarantine = [
            {**dataclasses.asdict(r), "run_id": self.run_id, "record_id": None}
            for r in self.rejections
        ] + self.validator.quarantine
        self.staging.write("quarantine", pd.DataFrame(quarantine))
        for rows in self.snapshot.scan("quarantine", self.reused_paths):
            self.staging.write("quarantine", rows)
        summary = RunSummary(
            run_id=self.run_id,
            published=False,
            quarantined=dict(Counter(_quarantine_reasons(self.staging))),
            suites={s.table: s.success for s in suites},
            blocking=blocking,
            report_path=str(self.catalog.report_path),
            warehouse=str(self.catalog.root),
            reused=len(self.reused_paths),
        )
        if blocking:
            self.staging.discard()
            return summary
        self.staging.seal()
        summary.rows = publish(str(self.catalog.root), self.run_id)
        write_state(
            self.catalog,
            PublishedState(self.fingerprint, listing_key, self.run_id, summary.rows),
        )
        summary.published = True
        return summary

    def _stage_metric_series(self) -> None:
        """The series, computed by DuckDB over the staged tables, validated and
        staged batch by batch."""
        with duckdb.connect() as con:
            series = metric_series(
                con,
                self.staging.read("metrics"),
                self.staging.read("articles"),
                self.staging.read("entity_catalog"),
            )
            for batch in series.to_arrow_reader(_SERIES_BATCH_ROWS):
                rows = with_contract_columns(batch.to_pandas(), "metric_series")
                kept = self.validator.check(
                    "metric_series", rows, self.source_of_article
                )
                self.staging.write("metric_series", kept)

    def _unchanged(self, state: PublishedState, files: int) -> RunSummary:
        for stage in ("split", "reused"):
            progress.info(stage, extra={"advance": files})
        for stage in ("validate", "publish", "report"):
            progress.info(stage, extra={"advance": 1})
        return RunSummary.of_unchanged_source(self.run_id, self.catalog, state, files)


_SERIES_BATCH_ROWS = 25_000


def _with_duplicates(rows: pa.Table, links: dict[str, str]) -> pa.Table:
    duplicate_of = [links.get(a) for a in rows["article_id"].to_pylist()]
    position = rows.schema.get_field_index("duplicate_of")
    return rows.set_column(
        position, "duplicate_of", pa.array(duplicate_of, pa.string())
    )


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty] or frames[:1]
    return pd.concat(frames, ignore_index=True)


def _quarantine_reasons(staging: StagingArea) -> list[str]:
    table = staging.read("quarantine").to_table(columns=["reason"])
    return table["reason"].to_pylist()


def _record_summary(summary: RunSummary) -> None:
    if summary.unchanged:
        outcome = f"unchanged since run {summary.unchanged_since}"
    else:
        outcome = "published" if summary.published else "NOT published"
    lines = [
        f"# sciwire run {outcome}",
        "",
        "| table | rows |",
        "|---|---|",
        *[f"| {t} | {n} |" for t, n in summary.rows.items()],
        "",
        "| quarantine reason | rows |",
        "|---|---|",
        *[f"| {r} | {n} |" for r, n in sorted(summary.quarantined.items())],
        "",
        "| suite | passed |",
        "|---|---|",
        *[f"| {s} | {ok} |" for s, ok in summary.suites.items()],
        "",
        f"Validation report: `{summary.report_path}`",
    ]
    if summary.blocking:
        lines += ["", "Blocking failures:", *[f"- {b}" for b in summary.blocking]]
    create_markdown_artifact(markdown="\n".join(lines), key="sciwire-run-summary")
    for name, path in {
        "validation-report": summary.report_path,
        **summary.reports,
    }.items():
        if path and name != "data_docs":
            create_link_artifact(
                link=Path(path).resolve().as_uri(),
                link_text=Path(path).name,
                key=f"sciwire-{name.replace('_', '-')}",
            )
