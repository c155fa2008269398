"""The Prefect tasks of a run: each one logical step, a thin wrapper over a stage
function or an I/O step."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows import sources
from flows.body_signatures import Signature, shard_signatures
from flows.catalog import Catalog
from flows.data_docs import localize_data_docs, rebuild_escaped_data_docs
from flows.publish import switch_to
from flows.reporting import write_reports
from flows.resources import load_pipeline, release_freed_memory
from flows.validation import RunValidator, validate_shard
from transforms.clean import CleanOutput, clean_documents
from transforms.extract import ExtractOutput, extract_documents, iter_analyses
from transforms.split import SplitOutput, split_sources

progress = logging.getLogger("sciwire.progress")


# Tasks take shards of data: hashing them for a cache key would cost more than the
# work, and re-running a shard is what a retry is for.
@task(name="split", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def split_shard(source_root: str, paths: list[str], max_file_bytes: int) -> SplitOutput:
    read = sources.read_sources(source_root, paths, max_file_bytes)
    split = split_sources(read.files)
    return SplitOutput(split.documents, read.rejections + split.rejections)


@task(name="clean", cache_policy=NO_CACHE)
def clean_shard(documents: list, repeated: dict[str, frozenset[int]]) -> CleanOutput:
    return clean_documents(documents, repeated)


@dataclass(frozen=True)
class ExtractedShard:
    output: ExtractOutput
    # article_id → body signature, hashed here in the worker, not in the flow
    signatures: dict[str, Signature]


@task(name="extract", cache_policy=NO_CACHE)
def extract_shard(cleaned: CleanOutput, model_name: str) -> ExtractedShard:
    """Entities, metrics and quotes; only English bodies go to the English model."""
    articles = cleaned.articles
    nlp = load_pipeline(model_name)
    english = articles["language"].eq("en").tolist()
    # analysed a batch at a time as extraction goes: a shard's Docs are never all held
    analysed = iter_analyses(nlp, articles.loc[english, "body"].tolist())
    analyses = (next(analysed) if is_english else None for is_english in english)
    extracted = extract_documents(articles, analyses)
    release_freed_memory()
    return ExtractedShard(extracted, shard_signatures(articles))


@task(name="validate", cache_policy=NO_CACHE)
def validate(
    validator: RunValidator,
    tables: dict[str, pd.DataFrame],
    source_of_article: dict[str, str],
) -> dict[str, pd.DataFrame]:
    """One shard's rows that pass the suites; runs in the flow's process, which holds
    the run's Great Expectations context."""
    return validate_shard(validator, tables, source_of_article)


@task(name="report", cache_policy=NO_CACHE)
def report(folder: str, summary: dict, warehouse: str) -> dict[str, str]:
    """DuckDB views, data dictionary and run report of the tables in `folder` (the
    snapshot about to be published, or a blocked run's folder); the run's Data Docs,
    offline and escaped."""
    paths = write_reports(Path(folder), summary)
    catalog = Catalog.at(warehouse)
    if catalog.validation_root.is_dir():
        rebuild_escaped_data_docs(catalog.validation_root)
        localize_data_docs(catalog.report_path.parent)
        paths["data_docs"] = catalog.report_path
    progress.info("report", extra={"advance": 1})
    return {name: str(path) for name, path in paths.items()}


@task(name="publish", cache_policy=NO_CACHE)
def publish(
    warehouse: str, snapshot: str, reports: dict[str, str], keep: int
) -> dict[str, str]:
    """Make the snapshot current for every table at once; returns the stable path of
    each report."""
    catalog = Catalog.at(warehouse)
    inside = {
        name: Path(path).name
        for name, path in reports.items()
        if Path(path).resolve().parent == Path(snapshot).resolve()
    }
    switch_to(catalog, Path(snapshot), inside.values(), keep)
    get_run_logger().info("published snapshot %s", snapshot)
    progress.info("publish", extra={"advance": 1})
    return {
        **reports,
        **{name: str(catalog.root / file) for name, file in inside.items()},
    }
