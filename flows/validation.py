"""Run the GE suites batch by batch; split rows into kept and quarantined.

Great Expectations is imported on first use (it takes seconds): a run with nothing to
validate never loads it.

A run is validated shard by shard as the shards come out of extraction, so no table of
the whole corpus is ever held in memory. Each table's per-shard results are merged
into one validation result per run, which is what the Data Docs show.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds

from expectations import cross_table, schemas
from expectations.schemas import KEY_COLUMNS
from flows.result_merge import WHOLE_RUN_CHECKS, merge_results

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SuiteResult:
    table: str
    success: bool
    evaluated: int
    failed: list[str]


def with_contract_columns(table: pd.DataFrame, name: str) -> pd.DataFrame:
    missing = [c for c in schemas.TABLES[name].names if c not in table.columns]
    return table.assign(**{c: None for c in missing}) if missing else table


def import_great_expectations_meanwhile() -> None:
    """Import Great Expectations in a thread: it takes seconds of CPU, better spent
    while the run's API server boots than while the workers need both cores."""
    threading.Thread(
        target=importlib.import_module,
        args=("great_expectations",),
        name="import-great-expectations",
        daemon=True,
    ).start()


class RunValidator:
    """The GE context of a warehouse, set up once per run; suites come from code."""

    def __init__(self, context_root: Path, run_id: str) -> None:
        import great_expectations as gx

        self._gx = gx
        self.run_id = run_id
        self.context = gx.get_context(mode="file", project_root_dir=str(context_root))
        self.context.variables.progress_bars = {"globally": False}
        self._source = self.context.data_sources.add_or_update_pandas("sciwire")
        self._prepared: dict[str, tuple] = {}
        self._results: dict[str, list] = {}
        self.quarantine: list[dict] = []
        self.blocking: list[str] = []

    def _prepare(self, name: str) -> tuple:
        from expectations.suites import SUITES

        if name not in self._prepared:
            suite = self.context.suites.add_or_update(SUITES[name]())
            asset = next((a for a in self._source.assets if a.name == name), None)
            asset = asset or self._source.add_dataframe_asset(name=name)
            batch = next((b for b in asset.batch_definitions if b.name == "run"), None)
            batch = batch or asset.add_batch_definition_whole_dataframe("run")
            self._prepared[name] = (suite, batch)
        return self._prepared[name]

    def check(
        self, name: str, table: pd.DataFrame, source_of_article: dict[str, str]
    ) -> pd.DataFrame:
        """The rows of `table` that pass the suite; the others go to `quarantine`
        with the expectation as reason, and table-level failures to `blocking`."""
        from great_expectations.validator.v1_validator import Validator

        from expectations.suites import ROW

        suite, batch = self._prepare(name)
        key = KEY_COLUMNS[name]
        validator = Validator(
            batch_definition=batch,
            batch_parameters={"dataframe": table},
            result_format={
                "result_format": "COMPLETE",
                "unexpected_index_column_names": [key],
            },
        )
        outcome = validator.validate_expectation_suite(suite)
        self._results.setdefault(name, []).append(outcome)
        failed_ids: dict[str, str] = {}
        for result in outcome.results:
            config = result.expectation_config
            if result.success or config.type in WHOLE_RUN_CHECKS:
                continue
            meta = config.meta or {}
            reason = meta.get("reason", config.type)
            if meta.get("severity") != ROW:
                self.blocking.append(f"{name}: {config.type} ({reason})")
                continue
            for row in result.result.get("unexpected_index_list") or []:
                failed_ids.setdefault(row[key], reason)
        failed = table[table[key].isin(failed_ids)]
        # derived tables such as the entity catalog belong to no single article
        article_ids = (
            failed["article_id"] if "article_id" in failed else [None] * len(failed)
        )
        for record_id, article_id in zip(failed[key], article_ids, strict=True):
            reason = failed_ids[record_id]
            self.quarantine.append(
                {
                    "stage": "validate",
                    "source_path": source_of_article.get(article_id, ""),
                    "reason": f"{name}.{reason}",
                    "detail": f"{name} row {record_id} failed the '{reason}' "
                    "expectation",
                    "run_id": self.run_id,
                    "record_id": record_id,
                    "article_id": article_id,
                }
            )
        kept = table[~table[key].isin(failed_ids)]
        return cross_table.drop_check_columns(kept).reset_index(drop=True)

    def finish(self) -> list[SuiteResult]:
        """Merge each table's shard results, store them for the Data Docs, and judge
        the whole-run checks."""
        from great_expectations.core.run_identifier import RunIdentifier
        from great_expectations.data_context.types.resource_identifiers import (
            ExpectationSuiteIdentifier,
            ValidationResultIdentifier,
        )

        from expectations.suites import ROW

        run = RunIdentifier(run_name=self.run_id, run_time=dt.datetime.now(dt.UTC))
        summaries = []
        for name, parts in self._results.items():
            merged = merge_results(parts)
            # Data Docs read the run's name and time from the result's meta
            merged.meta["run_id"] = run.to_json_dict()
            suite_id = ExpectationSuiteIdentifier(name)
            self.context.validation_results_store.store_validation_results(
                suite_validation_result=merged,
                suite_validation_result_identifier=ValidationResultIdentifier(
                    expectation_suite_identifier=suite_id,
                    run_id=run,
                    batch_identifier=merged.batch_id or name,
                ),
                expectation_suite_identifier=suite_id,
            )
            failed = []
            for result in merged.results:
                if result.success:
                    continue
                config = result.expectation_config
                meta = config.meta or {}
                failed.append(meta.get("reason", config.type))
                if config.type in WHOLE_RUN_CHECKS and meta.get("severity") != ROW:
                    self.blocking.append(
                        f"{name}: {config.type} ({meta.get('reason')})"
                    )
            summaries.append(SuiteResult(name, not failed, len(merged.results), failed))
        return summaries


def validate_shard(
    validator: RunValidator,
    tables: dict[str, pd.DataFrame],
    source_of_article: dict[str, str],
) -> dict[str, pd.DataFrame]:
    """Validate one shard's blocks and articles, then its span tables against the
    articles that passed (a quarantined article takes its mentions, metrics and quotes
    with it); returns the rows kept."""
    articles = cross_table.add_article_checks(
        with_contract_columns(tables["articles"], "articles")
    )
    kept = {
        "blocks": validator.check(
            "blocks",
            with_contract_columns(tables["blocks"], "blocks"),
            source_of_article,
        ),
        "articles": validator.check("articles", articles, source_of_article),
    }
    for name, text_column in (
        ("entities", "text"),
        ("metrics", "surface"),
        ("quotes", "text"),
    ):
        spans = with_contract_columns(tables[name], name)
        spans = cross_table.add_span_checks(spans, kept["articles"], text_column)
        kept[name] = validator.check(name, spans, source_of_article)
    return kept


def find_repeated_keys(tables: dict[str, ds.Dataset]) -> list[str]:
    """Keys repeated across shards (each shard's suite sees only its own rows):
    blocking, since downstream joins rely on them."""
    failures = []
    with duckdb.connect() as con:
        for name, dataset in tables.items():
            key = KEY_COLUMNS.get(name)
            if key is None or key not in dataset.schema.names:
                continue
            con.register("staged", dataset)
            repeated = con.sql(
                f'select count(*) from (select "{key}" from staged '
                f'where "{key}" is not null group by 1 having count(*) > 1)'
            ).fetchall()[0][0]
            con.unregister("staged")
            if repeated:
                failures.append(
                    f"{name}: {repeated} {key} values repeated across shards"
                )
    return failures
