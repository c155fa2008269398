"""One run's shards streaming through split → clean → extract → validate → stage.

Shards go out as tasks on the flow's task runner, at most `shards_in_flight` at a
time, and are validated (`validation_batch` articles at a time) and staged as they
finish, so memory does not grow with the corpus. Documents the same pipeline already
published are not processed again: their rows are copied from the snapshot."""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections import deque
from itertools import islice

import duckdb
import pandas as pd
import pyarrow as pa
from prefect.futures import PrefectFuture

from flows import sources
from flows.body_signatures import BodySignatures, write_signatures
from flows.catalog import Catalog
from flows.publish import promote
from flows.resources import release_freed_memory
from flows.runners import guided_shards
from flows.settings import RunSettings
from flows.site_evidence import SiteEvidence
from flows.snapshot import Snapshot
from flows.staging import StagingArea
from flows.state import PublishedState, pipeline_fingerprint, write_state
from flows.summary import RunSummary, quarantine_overview
from flows.tasks import clean_shard, extract_shard, split_shard, validate
from flows.validation import RunValidator, find_repeated_keys, with_contract_columns
from transforms.derived import (
    EntityCatalogBuilder,
    add_to_catalog,
    catalog_table,
    find_duplicate_links,
    metric_series,
)
from transforms.rejections import Rejection
from transforms.split import SplitOutput, drop_duplicate_documents

progress = logging.getLogger("sciwire.progress")
_SERIES_BATCH_ROWS = 25_000


class ShardedRun:
    """The state one run accumulates while shards stream through it: small per
    document (ids, paths, signatures), never the documents' tables."""

    def __init__(self, settings: RunSettings, catalog: Catalog, run_id: str) -> None:
        self.settings = settings
        self.source = settings.source
        self.catalog = catalog
        self.run_id = run_id
        self.fingerprint = pipeline_fingerprint(
            settings.model_name, settings.max_file_bytes
        )
        self.snapshot = Snapshot(catalog, self.fingerprint)
        self.rejections: list[Rejection] = []
        self.first_path: dict[str, str] = {}
        self.reused_paths: dict[str, str] = {}  # article_id → current source path
        self.source_of_article: dict[str, str] = {}
        self.signatures: list[tuple] = []
        self.entity_catalog = EntityCatalogBuilder()
        self.unvalidated: list[dict[str, pd.DataFrame]] = []

    @functools.cached_property
    def validator(self) -> RunValidator:
        """Made at the first batch to validate: importing Great Expectations takes
        seconds, which the workers spend on the first shards meanwhile."""
        return RunValidator(self.catalog.validation_root, self.run_id)

    def execute(self) -> RunSummary:
        """Stage every table; a run that passes validation leaves a promoted (not yet
        current) snapshot in `summary.run_folder`."""
        listing = sources.list_sources(self.source)
        listing_key = sources.listing_key(listing)
        progress.info("start", extra={"total": len(listing.paths)})
        state = self.snapshot.state
        if state and state.listing == listing_key:
            return self._unchanged(state, len(listing.paths))
        self.rejections += listing.rejections
        published = self.snapshot.root if self.snapshot.usable else None
        self.evidence = SiteEvidence.gather(
            self.source, listing, published, self.settings
        )
        self.known_signatures = BodySignatures(published)
        known = self.evidence.unchanged(self.snapshot.article_ids())
        self.staging = StagingArea(self.catalog, self.run_id)
        in_flight_limit = max(1, self.settings.shards_in_flight)
        shards = guided_shards(listing.paths, self.settings.shard_size, in_flight_limit)
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
                cleaned = clean_shard.submit(fresh, self.evidence.repeated_for(fresh))
                extracted = extract_shard.submit(cleaned, self.settings.model_name)
                in_flight.append((len(paths), cleaned, extracted))
            else:
                progress.info("reused", extra={"advance": len(paths)})
            while len(in_flight) >= in_flight_limit:
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
        return paths, split_shard.submit(
            self.source, paths, self.settings.max_file_bytes
        )

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
        cleaned, shard = cleaned.result(), extracted.result()
        extracted = shard.output
        self.known_signatures.add(shard.signatures)
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
        if held >= self.settings.validation_batch:
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
            (article_id, published, path, self.known_signatures.of(article_id, body))
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
        """Derived tables, whole-run checks, quarantine; then a promoted snapshot, or
        (blocked) only the quarantine, kept in the run's own folder."""
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
        counts, examples = quarantine_overview(
            self.staging.read("quarantine").to_table(
                columns=["reason", "source_path", "detail"]
            )
        )
        summary = RunSummary(
            run_id=self.run_id,
            published=False,
            quarantined=counts,
            examples=examples,
            suites={s.table: s.success for s in suites},
            blocking=blocking,
            report_path=str(self.catalog.report_path),
            warehouse=str(self.catalog.root),
            reused=len(self.reused_paths),
        )
        if blocking:
            kept = self.staging.keep_quarantine(self.catalog.run_dir(self.run_id))
            summary.run_folder = str(kept)
            return summary
        self.evidence.write(self.staging.root)
        write_signatures(self.staging.root, ((s[0], s[-1]) for s in self.signatures))
        self.staging.seal()
        rows = dict(self.staging.rows)
        snapshot = promote(self.catalog, self.run_id)
        write_state(
            snapshot, PublishedState(self.fingerprint, listing_key, self.run_id, rows)
        )
        summary.rows = rows
        summary.run_folder = str(snapshot)
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
        for stage in ("validate", "report", "publish"):
            progress.info(stage, extra={"advance": 1})
        return RunSummary.of_unchanged_source(self.run_id, self.catalog, state, files)


def _with_duplicates(rows: pa.Table, links: dict[str, str]) -> pa.Table:
    duplicate_of = [links.get(a) for a in rows["article_id"].to_pylist()]
    position = rows.schema.get_field_index("duplicate_of")
    return rows.set_column(
        position, "duplicate_of", pa.array(duplicate_of, pa.string())
    )


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty] or frames[:1]
    return pd.concat(frames, ignore_index=True)
