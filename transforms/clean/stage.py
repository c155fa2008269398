"""Clean stage: label every block of a batch of documents and build their articles.

Returns DataFrames whose columns are the data contract (`expectations/schemas.py`).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from transforms.clean.article import CleanedArticle, clean_document
from transforms.clean.language import guess_language
from transforms.clean.repeats import (
    document_lines,
    evidence_table,
    repeated_line_keys,
)
from transforms.clean.settings import CleanSettings
from transforms.rejections import Rejection, failure
from transforms.split.documents import Document
from transforms.split.records import parse_date_field
from transforms.tables import frame

logger = logging.getLogger(__name__)
DEFAULT_LANGUAGE = CleanSettings().default_language


@dataclass(frozen=True)
class CleanOutput:
    articles: pd.DataFrame
    blocks: pd.DataFrame
    rejections: list[Rejection]


def clean_documents(
    documents: Sequence[Document],
    repeated: Mapping[str, frozenset[int]] | None = None,
) -> CleanOutput:
    """Label every block of every document and build one article row per document.

    `repeated` (document_id → the keys of its lines its site repeats) comes from
    `repeated_line_keys` over the whole corpus; without it, the repeats are counted
    over `documents` alone."""
    if repeated is None:
        repeated = repeated_line_keys(evidence_table(documents))
    article_rows, block_rows, rejections = [], [], []
    for document in documents:
        try:
            cleaned = _clean_one(document, repeated.get(document.document_id))
        except Exception as error:  # one bad document must not sink the run
            logger.exception("clean failed on %s", document.source_path)
            rejections.append(failure("clean", document.source_path, error))
            continue
        if flag := _uncertain_language(document, cleaned):
            rejections.append(flag)
        published = cleaned.published
        article_rows.append(
            {
                "article_id": document.document_id,
                "source_path": document.source_path,
                "title": cleaned.title,
                "body": cleaned.body,
                "published_date": cleaned.published_date,
                "published_date_basis": published.basis if published else None,
                "published_date_precision": published.precision if published else None,
                "source_name": cleaned.source_name,
                "url": cleaned.url,
                "author": cleaned.author,
                "language": cleaned.language,
                "word_count": len(cleaned.body.split()),
                "encoding": document.encoding,
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
        frame(article_rows, ARTICLE_COLUMNS),
        frame(block_rows, BLOCK_COLUMNS),
        rejections,
    )


def _uncertain_language(
    document: Document, cleaned: CleanedArticle
) -> Rejection | None:
    """A flag (the article stays) when the model was unsure of the text's language,
    so a page kept from English extraction, or given English by default, says why."""
    guess = guess_language(cleaned.body or cleaned.title or "", DEFAULT_LANGUAGE)
    if not guess.uncertain:
        return None
    detail = (
        f"language {cleaned.language!r}: the model's best guess {guess.guessed!r} "
        f"has probability {guess.probability:.2f}; English function words are "
        f"{guess.english_share:.0%} of the words"
    )
    return Rejection(
        "clean",
        document.source_path,
        "uncertain_language",
        detail,
        document.document_id,
    )


def _clean_one(document: Document, repeated: frozenset[int] | None) -> CleanedArticle:
    """Clean one document; the title, author and outlet an export or page states
    itself win over those the text suggests; its date comes after the text's and
    the URL's (`clean_document`)."""
    fields = document.fields
    cleaned = clean_document(
        document_lines(document),
        url=fields.get("url"),
        metadata_date=parse_date_field(fields.get("published")),
        repeated_lines=repeated or frozenset(),
    )
    stated = {
        "title": fields.get("title"),
        "author": fields.get("author"),
        "source_name": fields.get("source"),
    }
    return dataclasses.replace(cleaned, **{k: v for k, v in stated.items() if v})


ARTICLE_COLUMNS = (
    "article_id",
    "source_path",
    "title",
    "body",
    "published_date",
    "published_date_basis",
    "published_date_precision",
    "source_name",
    "url",
    "author",
    "language",
    "word_count",
    "encoding",
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
