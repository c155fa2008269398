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

import numpy as np
import pandas as pd

from transforms.clean import (
    CleanedArticle,
    clean_document,
    find_repeated_lines,
)
from transforms.dedupe import find_near_duplicates
from transforms.entities import extract_entities
from transforms.entity_catalog import EntityCatalogBuilder
from transforms.metrics import extract_part_metrics
from transforms.nlp import Analysis
from transforms.periods import resolve_period
from transforms.quotes import extract_quotes
from transforms.records import parse_date_field
from transforms.rejections import Rejection
from transforms.split import Document, RejectedInput, decode_bytes, split_blocks
from transforms.split import split_documents as split_file

logger = logging.getLogger(__name__)


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


def drop_duplicate_documents(
    documents: Iterable[Document], first_path: dict[str, str]
) -> SplitOutput:
    """Keep the first of documents with the same text, so `article_id` stays unique;
    the others are rejected as duplicates naming the one kept. `first_path`
    (document_id → source path of the copy kept) carries over from batch to batch,
    so a corpus split into shards is deduplicated as a whole."""
    kept: list[Document] = []
    rejections: list[Rejection] = []
    for document in sorted(documents, key=lambda d: d.source_path):
        first = first_path.setdefault(document.document_id, document.source_path)
        if first == document.source_path:
            kept.append(document)
        else:
            detail = f"same text as {first}"
            rejections.append(
                Rejection("split", document.source_path, "duplicate", detail)
            )
    return SplitOutput(kept, rejections)


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


def extract_documents(
    articles: pd.DataFrame, analyses: Iterable[Analysis | None]
) -> ExtractOutput:
    """Entities and metrics of each article from its analysed body (`analyses` from
    `transforms.nlp.analyse`, aligned with `articles` rows). Only English articles are
    given to the English model: the others (None) keep their article row and get no
    entities or metrics."""
    entity_rows, metric_rows, quote_rows, rejections = [], [], [], []
    rows = zip(
        articles["article_id"],
        articles["source_path"],
        articles["published_date"],
        analyses,
        strict=True,
    )
    for article_id, source_path, published_date, analysis in rows:
        if analysis is None:
            continue
        try:
            doc = analysis.doc
            mentions = extract_entities(doc)
            metrics = extract_part_metrics(analysis.parts)
            quotes = extract_quotes(doc, mentions)
        except Exception as error:  # the article stays; its extraction is reported
            logger.exception("extract failed on %s", source_path)
            rejections.append(_failure("extract", source_path, error, article_id))
            continue
        # vars, not asdict: the records hold scalars only, which asdict deep-copies
        entity_rows.extend(
            {"mention_id": f"{article_id}-e{n}", "article_id": article_id, **vars(m)}
            for n, m in enumerate(mentions)
        )
        metric_rows.extend(
            _metric_row(article_id, n, m, mentions, published_date)
            for n, m in enumerate(metrics)
        )
        quote_rows.extend(
            {"quote_id": f"{article_id}-q{n}", "article_id": article_id, **vars(q)}
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
        **vars(metric),
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


def add_to_catalog(catalog: EntityCatalogBuilder, entities: pd.DataFrame) -> None:
    """Count a batch of published mention rows into the catalog (an article's rows
    may continue in the next batch)."""
    if entities.empty:
        return
    columns = ("article_id", "entity_id", "canonical_name", "text", "label")
    for row in zip(*(entities[c].tolist() for c in columns), strict=True):
        catalog.count(*row)


def catalog_table(catalog: EntityCatalogBuilder) -> pd.DataFrame:
    """One row per entity_id over all published mentions: names, aliases, counts."""
    entries = [asdict(e) for e in catalog.entries()]
    for entry in entries:
        entry["aliases"] = list(entry["aliases"])
    return _frame(entries, CATALOG_COLUMNS)


def find_duplicate_links(
    articles: Iterable[tuple[str, dt.date | None, str, np.ndarray | None]],
) -> dict[str, str]:
    """`duplicate_of` for every later copy of a story, from (article_id,
    published_date, source_path, body signature) of every article: the earliest
    published article (then first by path) is the original."""
    order = sorted(articles, key=lambda a: (a[1] is None, a[1] or dt.date.min, a[2]))
    originals = find_near_duplicates([a[0] for a in order], [a[3] for a in order])
    return {
        a[0]: original
        for a, original in zip(order, originals, strict=True)
        if original is not None
    }


def _failure(
    stage: str, source_path: str, error: Exception, article_id: str | None = None
) -> Rejection:
    return Rejection(
        stage,
        source_path,
        f"{stage}_error",
        f"{type(error).__name__}: {error}",
        article_id,
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
