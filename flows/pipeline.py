"""The sciwire Prefect flow: split → clean → extract → validate → publish."""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.runtime import flow_run

from flows import sources
from flows.catalog import Catalog
from flows.lock import warehouse_lock
from flows.publish import recover, stage_tables, swap_in
from flows.reporting import write_reports
from flows.resources import load_pipeline
from flows.snapshot import load_snapshot, pipeline_fingerprint, write_fingerprint
from flows.validation import validate_tables
from sciwire.settings import RunSettings
from transforms import stages

progress = logging.getLogger("sciwire.progress")
DEFAULTS = RunSettings()


@dataclass
class RunSummary:
    run_id: str
    published: bool
    rows: dict[str, int] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    suites: dict[str, bool] = field(default_factory=dict)
    blocking: list[str] = field(default_factory=list)
    report_path: str | None = None
    warehouse: str = ""
    reused: int = 0  # documents whose published rows were carried over unchanged
    reports: dict[str, str] = field(default_factory=dict)


@task(name="split", retries=2, retry_delay_seconds=1)
def split_shard(
    source_root: str, paths: list[str], max_file_bytes: int
) -> stages.SplitOutput:
    read = sources.read_sources(Path(source_root), paths, max_file_bytes)
    split = stages.split_sources(read.files)
    progress.info("split", extra={"advance": len(paths)})
    return stages.SplitOutput(split.documents, read.rejections + split.rejections)


@task(name="clean")
def clean_shard(documents: list) -> stages.CleanOutput:
    cleaned = stages.clean_documents(documents)
    progress.info("clean", extra={"advance": len(documents)})
    return cleaned


@task(name="extract")
def extract_shard(articles: pd.DataFrame, model_name: str) -> stages.ExtractOutput:
    nlp = load_pipeline(model_name)
    english = articles["language"].eq("en").tolist()
    parsed = iter(nlp.pipe(articles.loc[english, "body"].tolist(), batch_size=32))
    docs = [next(parsed) if is_english else None for is_english in english]
    extracted = stages.extract_documents(articles, docs)
    progress.info("extract", extra={"advance": len(articles)})
    return extracted


@task(name="validate")
def validate(tables: dict[str, pd.DataFrame], warehouse: str, run_id: str):
    outcome = validate_tables(
        tables,
        Catalog(Path(warehouse)).validation_root,
        run_id,
        derived={
            "entity_catalog": lambda kept: stages.build_catalog_table(kept["entities"]),
            "metric_series": stages.build_metric_series,
        },
    )
    progress.info("validate", extra={"advance": 1})
    return outcome


@task(name="publish")
def publish(
    tables: dict[str, pd.DataFrame], warehouse: str, run_id: str
) -> dict[str, int]:
    catalog = Catalog(Path(warehouse))
    stage_tables(tables, catalog, run_id)
    published = swap_in(catalog, run_id)
    logger = get_run_logger()
    for table in published:
        logger.info("published %s: %d rows at %s", table.table, table.rows, table.path)
    progress.info("publish", extra={"advance": 1})
    return {t.table: t.rows for t in published}


@task(name="report")
def report(warehouse: str, summary: RunSummary) -> dict[str, str]:
    """DuckDB views, data dictionary, run report, offline and escaped Data Docs."""
    paths = write_reports(Path(warehouse), dataclasses.asdict(summary))
    progress.info("report", extra={"advance": 1})
    return {name: str(path) for name, path in paths.items()}


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty] or frames[:1]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


@flow(name="sciwire", log_prints=False)
def sciwire_flow(
    source: str = DEFAULTS.source,
    warehouse: str = DEFAULTS.warehouse,
    model_name: str = DEFAULTS.model_name,
    max_file_bytes: int = DEFAULTS.max_file_bytes,
    shard_size: int = DEFAULTS.shard_size,
    wait_seconds: float = 0.0,
) -> RunSummary:
    """One run over every file of `source`; publishes a validated snapshot.

    Documents already published by the same pipeline are not cleaned or extracted again:
    their rows are carried over from the published snapshot.
    """
    run_id = str(flow_run.get_id() or uuid.uuid4())
    catalog = Catalog(Path(warehouse))
    with warehouse_lock(catalog.lock_path, wait_seconds):
        recover(catalog)
        summary = _run(source, catalog, run_id, model_name, max_file_bytes, shard_size)
        summary.reports = report(str(catalog.root), summary)
    _record_summary(summary)
    return summary


def _shards(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _run(source, catalog, run_id, model_name, max_file_bytes, shard_size) -> RunSummary:
    fingerprint = pipeline_fingerprint(model_name)
    published = load_snapshot(catalog, fingerprint) or {}
    listing = sources.list_sources(Path(source))
    progress.info("start", extra={"total": len(listing.paths)})
    splits = split_shard.map(
        source, _shards(listing.paths, shard_size), max_file_bytes
    ).result()
    unique = stages.drop_duplicate_documents(d for s in splits for d in s.documents)
    rejections = (
        listing.rejections
        + [r for s in splits for r in s.rejections]
        + unique.rejections
    )
    known = set(published["articles"]["article_id"]) if published else set()
    reused = stages.reuse_published_rows(
        published, [d for d in unique.documents if d.document_id in known]
    )
    fresh = [d for d in unique.documents if d.document_id not in known]
    progress.info("reused", extra={"advance": len(unique.documents) - len(fresh)})
    cleaned = clean_shard.map(_shards(fresh, shard_size)).result()
    new_articles = _concat([c.articles for c in cleaned])
    article_shards = [
        new_articles.iloc[i : i + shard_size]
        for i in range(0, len(new_articles), shard_size)
    ]
    extracted = extract_shard.map(article_shards, model_name).result()
    tables = {
        "articles": stages.mark_near_duplicates(
            _concat(
                [
                    reused.get("articles", pd.DataFrame()).drop(
                        columns="duplicate_of", errors="ignore"
                    ),
                    new_articles,
                ]
            )
        ),
        "blocks": _concat(
            [reused.get("blocks", pd.DataFrame()), *[c.blocks for c in cleaned]]
        ),
        "entities": _concat(
            [reused.get("entities", pd.DataFrame()), *[e.entities for e in extracted]]
        ),
        "metrics": _concat(
            [reused.get("metrics", pd.DataFrame()), *[e.metrics for e in extracted]]
        ),
        "quotes": _concat(
            [reused.get("quotes", pd.DataFrame()), *[e.quotes for e in extracted]]
        ),
    }
    rejections += [r for c in cleaned for r in c.rejections]
    rejections += [r for e in extracted for r in e.rejections]
    outcome = validate(tables, str(catalog.root), run_id)
    quarantine = [
        {**vars(r), "run_id": run_id, "record_id": None} for r in rejections
    ] + outcome.quarantine
    summary = RunSummary(
        run_id=run_id,
        published=False,
        quarantined=dict(Counter(q["reason"] for q in quarantine)),
        suites={s.table: s.success for s in outcome.suites},
        blocking=outcome.blocking,
        report_path=str(catalog.report_path),
        warehouse=str(catalog.root),
        reused=len(unique.documents) - len(fresh),
    )
    if outcome.publishable:
        final = {**outcome.tables, "quarantine": pd.DataFrame(quarantine)}
        summary.rows = publish(final, str(catalog.root), run_id)
        write_fingerprint(catalog, fingerprint)
        summary.published = True
    return summary


def _record_summary(summary: RunSummary) -> None:
    lines = [
        f"# sciwire run {'published' if summary.published else 'NOT published'}",
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
