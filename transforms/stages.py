"""Stage runners: apply one stage's transforms to a batch and return its tables.

Each runner takes plain data and returns DataFrames whose columns are the data contract
(`expectations/schemas.py`), so the flow only moves tables between stages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import pandas as pd

from transforms.clean import (
    CleanedArticle,
    clean_document,
    find_repeated_lines,
)
from transforms.dedupe import find_near_duplicates
from transforms.entities import extract_entities
from transforms.entity_catalog import build_entity_catalog
from transforms.metrics import extract_metrics
from transforms.periods import resolve_period
from transforms.quotes import extract_quotes
from transforms.records import parse_date_field
from transforms.split import Document, RejectedInput, decode_bytes, split_blocks
from transforms.split import split_documents as split_file

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rejection:
    stage: str
    source_path: str
    reason: str
    detail: str


@dataclass(frozen=True)
class SplitOutput:
    documents: list[Document]
    rejections: list[Rejection]


@dataclass(frozen=True)
class CleanOutput:
    articles: pd.DataFrame
    blocks: pd.DataFrame
    rejections: list[Rejection]


@dataclass(frozen=True)
class ExtractOutput:
    entities: pd.DataFrame
    metrics: pd.DataFrame
    quotes: pd.DataFrame
    rejections: list[Rejection]


def split_sources(sources: Iterable[tuple[str, bytes]]) -> SplitOutput:
    """Decode and split (relative path, bytes) pairs into documents."""
    documents: list[Document] = []
    rejections: list[Rejection] = []
    for path, data in sources:
        try:
            found = split_file(path, decode_bytes(data))
        except RejectedInput as error:
            rejections.append(Rejection("split", path, error.reason, error.detail))
            continue
        documents.extend(found.documents)
        rejections.extend(Rejection("split", *part) for part in found.rejected_parts)
    return SplitOutput(documents, rejections)


def drop_duplicate_documents(documents: Iterable[Document]) -> SplitOutput:
    """Keep the first of documents with the same text, so `article_id` stays unique;
    the others are rejected as duplicates naming the one kept."""
    kept: dict[str, Document] = {}
    rejections: list[Rejection] = []
    for document in sorted(documents, key=lambda d: d.source_path):
        first = kept.setdefault(document.document_id, document)
        if first is not document:
            detail = f"same text as {first.source_path}"
            rejections.append(
                Rejection("split", document.source_path, "duplicate", detail)
            )
    return SplitOutput(list(kept.values()), rejections)


def clean_documents(documents: Sequence[Document]) -> CleanOutput:
    """Label every block of every document and build one article row per document."""
    lines_by_document = [_document_lines(d) for d in documents]
    repeated = find_repeated_lines(
        [
            lines
            for d, lines in zip(documents, lines_by_document, strict=True)
            if d.kind == "text"
        ]
    )
    article_rows, block_rows, rejections = [], [], []
    for document, lines in zip(documents, lines_by_document, strict=True):
        try:
            cleaned = _clean_one(document, lines, repeated)
        except Exception as error:  # one bad document must not sink the run
            logger.exception("clean failed on %s", document.source_path)
            rejections.append(_failure("clean", document.source_path, error))
            continue
        article_rows.append(
            {
                "article_id": document.document_id,
                "source_path": document.source_path,
                "title": cleaned.title,
                "body": cleaned.body,
                "published_date": cleaned.published_date,
                "source_name": cleaned.source_name,
                "author": cleaned.author,
                "language": cleaned.language,
                "word_count": len(cleaned.body.split()),
            }
        )
        block_rows.extend(
            {
                "block_id": f"{document.document_id}-b{block.ordinal}",
                "article_id": document.document_id,
                "source_path": document.source_path,
                "ordinal": block.ordinal,
                "text": block.text,
                "label": block.label,
                "reason": block.reason,
            }
            for block in cleaned.blocks
        )
    return CleanOutput(
        _frame(article_rows, ARTICLE_COLUMNS),
        _frame(block_rows, BLOCK_COLUMNS),
        rejections,
    )


def _document_lines(document: Document) -> list[str]:
    """The lines the clean stage labels, as read; an export's title comes first."""
    lines = split_blocks(document.text)
    title = document.fields.get("title")
    return [title, *lines] if title and (not lines or lines[0] != title) else lines


def _clean_one(
    document: Document, lines: list[str], repeated: frozenset[str]
) -> CleanedArticle:
    """Clean one document; metadata the export or page states itself wins over the
    metadata the text suggests."""
    fields = document.fields
    cleaned = clean_document(lines, url=fields.get("url"), repeated_lines=repeated)
    stated = {
        "title": fields.get("title"),
        "published_date": parse_date_field(fields.get("published")),
        "author": fields.get("author"),
        "source_name": fields.get("source"),
    }
    return dataclasses.replace(cleaned, **{k: v for k, v in stated.items() if v})


def extract_documents(articles: pd.DataFrame, docs: Sequence) -> ExtractOutput:
    """Entities and metrics of each article from its parsed body (`docs` aligned with
    `articles` rows). Only English articles are given to the English model: others
    keep their article row and get no entities or metrics."""
    entity_rows, metric_rows, quote_rows, rejections = [], [], [], []
    rows = zip(
        articles["article_id"],
        articles["source_path"],
        articles["published_date"],
        docs,
        strict=True,
    )
    for article_id, source_path, published_date, doc in rows:
        if doc is None:
            continue
        try:
            mentions, metrics = extract_entities(doc), extract_metrics(doc)
            quotes = extract_quotes(doc, mentions)
        except Exception as error:  # the article stays; its extraction is reported
            logger.exception("extract failed on %s", source_path)
            rejections.append(_failure("extract", source_path, error))
            continue
        entity_rows.extend(
            {"mention_id": f"{article_id}-e{n}", "article_id": article_id, **asdict(m)}
            for n, m in enumerate(mentions)
        )
        metric_rows.extend(
            _metric_row(article_id, n, m, mentions, published_date)
            for n, m in enumerate(metrics)
        )
        quote_rows.extend(
            {"quote_id": f"{article_id}-q{n}", "article_id": article_id, **asdict(q)}
            for n, q in enumerate(quotes)
        )
    return ExtractOutput(
        _frame(entity_rows, ("mention_id", "article_id")),
        _frame(metric_rows, ("metric_id", "article_id")),
        _frame(quote_rows, ("quote_id", "article_id")),
        rejections,
    )


def _metric_row(article_id, n, metric, mentions, published_date) -> dict:
    """A metric with links: the metric it converts, its subject's entity, its period."""
    row = {
        "metric_id": f"{article_id}-m{n}",
        "article_id": article_id,
        **asdict(metric),
    }
    if row.get("converted_from") is not None:
        row["converted_from"] = f"{article_id}-m{row['converted_from']}"
    subject = row.get("subject_text")
    row["subject_entity_id"] = next(
        (
            m.entity_id
            for m in mentions
            if subject and subject in (m.text, m.canonical_name)
        ),
        None,
    )
    published = published_date if isinstance(published_date, dt.date) else None
    period = resolve_period(row.get("period_text"), published)
    row.update(
        period_start=period.start, period_end=period.end, period_basis=period.basis
    )
    return row


def build_metric_series(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per figure with an indicator, beside its outlet, subject and period, and
    whether other outlets quote another value for the same indicator, subject and
    period: the series an analyst charts across articles."""
    metrics, articles = tables["metrics"], tables["articles"]
    if metrics.empty or "indicator" not in metrics:
        return _frame([], SERIES_COLUMNS)
    names = tables["entity_catalog"].set_index("entity_id")["canonical_name"]
    series = metrics[metrics["indicator"].notna()].merge(
        articles[["article_id", "source_name", "published_date"]], on="article_id"
    )
    series = series.assign(subject=series["subject_entity_id"].map(names))
    key = ["indicator", "subject", "period_start", "period_end"]
    spread = series.groupby(key, dropna=False).agg(
        values=("value", "nunique"), outlets=("source_name", "nunique")
    )
    series = series.join(spread, on=key)
    series = series.assign(
        sources_disagree=(series["values"] > 1) & (series["outlets"] > 1)
    )
    return series[list(SERIES_COLUMNS)].reset_index(drop=True)


def build_catalog_table(entities: pd.DataFrame) -> pd.DataFrame:
    """One row per entity_id over all published mentions: names, aliases, counts."""
    by_article = {
        article_id: list(group.itertuples(index=False))
        for article_id, group in entities.groupby("article_id", sort=False)
    }
    entries = [asdict(e) for e in build_entity_catalog(by_article)]
    for entry in entries:
        entry["aliases"] = list(entry["aliases"])
    return _frame(entries, CATALOG_COLUMNS)


def reuse_published_rows(
    published: dict[str, pd.DataFrame], documents: Sequence[Document]
) -> dict[str, pd.DataFrame]:
    """The published rows of `documents` (already processed in an earlier run), with
    their current source paths: a renamed file keeps its rows under its new name."""
    path_of = {d.document_id: d.source_path for d in documents}
    reused = {}
    for table, frame in published.items():
        rows = frame[frame["article_id"].isin(path_of)]
        if "source_path" in rows.columns:
            rows = rows.assign(source_path=rows["article_id"].map(path_of))
        reused[table] = rows.reset_index(drop=True)
    return reused


def mark_near_duplicates(articles: pd.DataFrame) -> pd.DataFrame:
    """Add `duplicate_of`: the id of the earliest-published article (then first by
    path) that tells the same story, for every later copy."""
    if articles.empty:
        return articles.assign(duplicate_of=pd.Series(dtype=object))
    order = articles.sort_values(["published_date", "source_path"], na_position="last")
    originals = find_near_duplicates(
        order["article_id"].tolist(), order["body"].tolist()
    )
    duplicate_of = dict(zip(order["article_id"], originals, strict=True))
    return articles.assign(
        duplicate_of=[duplicate_of[a] for a in articles["article_id"]]
    )


def _failure(stage: str, source_path: str, error: Exception) -> Rejection:
    return Rejection(
        stage, source_path, f"{stage}_error", f"{type(error).__name__}: {error}"
    )


ARTICLE_COLUMNS = (
    "article_id",
    "source_path",
    "title",
    "body",
    "published_date",
    "source_name",
    "author",
    "language",
    "word_count",
)
BLOCK_COLUMNS = (
    "block_id",
    "article_id",
    "source_path",
    "ordinal",
    "text",
    "label",
    "reason",
)
SERIES_COLUMNS = (
    "metric_id",
    "indicator",
    "unit",
    "subject",
    "subject_entity_id",
    "period_start",
    "period_end",
    "value",
    "qualifier",
    "currency",
    "article_id",
    "source_name",
    "published_date",
    "sources_disagree",
)
CATALOG_COLUMNS = (
    "entity_id",
    "canonical_name",
    "label",
    "aliases",
    "country_code",
    "article_count",
    "mention_count",
)


def _frame(rows: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame that has the named columns even when there are no rows."""
    if not rows:
        return pd.DataFrame(columns=list(columns))
    return pd.DataFrame(rows)
