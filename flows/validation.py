"""Run the GE suites on a run's tables; split rows into kept and quarantined."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from expectations import cross_table, schemas
from expectations.suites import KEY_COLUMNS, ROW, SUITES

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SuiteResult:
    table: str
    success: bool
    evaluated: int
    failed: list[str]


@dataclass
class ValidationOutcome:
    tables: dict[str, pd.DataFrame]
    quarantine: list[dict]
    suites: list[SuiteResult] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)

    @property
    def publishable(self) -> bool:
        return not self.blocking


def _with_contract_columns(table: pd.DataFrame, name: str) -> pd.DataFrame:
    missing = [c for c in schemas.TABLES[name].names if c not in table.columns]
    return table.assign(**{c: None for c in missing}) if missing else table


class _Validator:
    """One file-backed GE context per warehouse; suites come from code each run."""

    def __init__(self, context_root: Path) -> None:
        import great_expectations as gx

        self._gx = gx
        self.context = gx.get_context(mode="file", project_root_dir=str(context_root))
        self.context.variables.progress_bars = {"globally": False}
        self.source = self.context.data_sources.add_or_update_pandas("sciwire")

    def run(self, name: str, table: pd.DataFrame) -> list:
        gx = self._gx
        suite = self.context.suites.add_or_update(SUITES[name]())
        asset = next((a for a in self.source.assets if a.name == name), None)
        asset = asset or self.source.add_dataframe_asset(name=name)
        batch = next((b for b in asset.batch_definitions if b.name == "run"), None)
        batch = batch or asset.add_batch_definition_whole_dataframe("run")
        definition = self.context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=name, data=batch, suite=suite)
        )
        checkpoint = self.context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=f"{name}_checkpoint",
                validation_definitions=[definition],
                result_format={
                    "result_format": "COMPLETE",
                    "unexpected_index_column_names": [KEY_COLUMNS[name]],
                },
            )
        )
        result = checkpoint.run(batch_parameters={"dataframe": table})
        return [r for run in result.run_results.values() for r in run.results]


def validate_tables(
    tables: dict[str, pd.DataFrame],
    context_root: Path,
    run_id: str,
    derived: Mapping[str, Callable[[dict[str, pd.DataFrame]], pd.DataFrame]] = {},
) -> ValidationOutcome:
    """Validate blocks and articles, then the span tables against the articles that
    passed (a quarantined article takes its mentions, metrics and quotes with it),
    then the `derived` tables built from what passed."""
    validator = _Validator(context_root)
    outcome = ValidationOutcome(tables={}, quarantine=[])
    articles = cross_table.add_article_checks(
        _with_contract_columns(tables["articles"], "articles")
    )
    source_of_article = dict(
        zip(articles["article_id"], articles["source_path"], strict=True)
    )
    checked = {
        "blocks": _with_contract_columns(tables["blocks"], "blocks"),
        "articles": articles,
    }
    for name in ("blocks", "articles"):
        outcome.tables[name] = _apply_suite(
            validator, name, checked[name], source_of_article, run_id, outcome
        )
    kept_articles = outcome.tables["articles"]
    for name, text_column in (
        ("entities", "text"),
        ("metrics", "surface"),
        ("quotes", "text"),
    ):
        spans = _with_contract_columns(tables[name], name)
        spans = cross_table.add_span_checks(spans, kept_articles, text_column)
        outcome.tables[name] = _apply_suite(
            validator, name, spans, source_of_article, run_id, outcome
        )
    for name, build in derived.items():
        table = _with_contract_columns(build(outcome.tables), name)
        outcome.tables[name] = _apply_suite(
            validator, name, table, source_of_article, run_id, outcome
        )
    if not outcome.blocking and kept_articles.empty:
        outcome.blocking.append("articles: no article passed validation")
    return outcome


def _apply_suite(
    validator, name, table, source_of_article, run_id, outcome
) -> pd.DataFrame:
    key = KEY_COLUMNS[name]
    failed_ids: dict[str, str] = {}
    failed_names = []
    results = validator.run(name, table)
    for result in results:
        if result.success:
            continue
        config = result.expectation_config
        meta = config.meta or {}
        failed_names.append(meta.get("reason", config.type))
        if meta.get("severity") != ROW:
            outcome.blocking.append(f"{name}: {config.type} ({meta.get('reason')})")
            continue
        for row in result.result.get("unexpected_index_list") or []:
            failed_ids.setdefault(row[key], meta.get("reason", config.type))
    outcome.suites.append(
        SuiteResult(name, not failed_names, len(results), failed_names)
    )
    for record_id, reason in failed_ids.items():
        row = table.loc[table[key] == record_id].iloc[0]
        article_id = row.get("article_id", "")
        outcome.quarantine.append(
            {
                "stage": "validate",
                "source_path": source_of_article.get(article_id, ""),
                "reason": f"{name}.{reason}",
                "detail": f"{name} row {record_id} failed the '{reason}' expectation",
                "run_id": run_id,
                "record_id": record_id,
            }
        )
    kept = table[~table[key].isin(failed_ids)]
    return cross_table.drop_check_columns(kept).reset_index(drop=True)
