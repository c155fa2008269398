"""Extract stage: entities, metrics and quotes of a batch of analysed articles.

Returns DataFrames whose columns are the data contract (`expectations/schemas.py`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from transforms.extract.entities import extract_entities
from transforms.extract.metrics import extract_part_metrics
from transforms.extract.metrics.periods import resolve_period
from transforms.extract.nlp import Analysis, FailedAnalysis
from transforms.extract.quotes import extract_quotes
from transforms.rejections import Rejection, failure
from transforms.tables import frame

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractOutput:
    entities: pd.DataFrame
    metrics: pd.DataFrame
    quotes: pd.DataFrame
    rejections: list[Rejection]


def extract_documents(
    articles: pd.DataFrame, analyses: Iterable[Analysis | FailedAnalysis | None]
) -> ExtractOutput:
    """Entities and metrics of each article from its analysed body (`analyses` from
    `transforms.extract.nlp.analyse`, aligned with `articles` rows). Only English
    articles are given to the English model: the others (None) keep their article row
    and get no entities or metrics; a body spaCy failed on keeps its article row and
    gets a quarantine row with the error."""
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
            if isinstance(analysis, FailedAnalysis):
                raise analysis.error
            mentions = extract_entities(analysis.doc, analysis.text)
            metrics = extract_part_metrics(analysis.parts)
            quotes = extract_quotes(analysis.text, mentions)
        except Exception as error:  # the article stays; its extraction is reported
            logger.exception("extract failed on %s", source_path)
            rejections.append(failure("extract", source_path, error, article_id))
            continue
        sentences = analysis.sentences
        # vars, not asdict: the records hold scalars only, which asdict deep-copies
        entity_rows.extend(
            {
                "mention_id": f"{article_id}-e{n}",
                "article_id": article_id,
                **vars(m),
                **sentences.around(m.start_char, m.end_char),
            }
            for n, m in enumerate(mentions)
        )
        for n, m in enumerate(metrics):
            row = _metric_row(article_id, n, m, mentions, published_date)
            row.update(sentences.around(m.start_char, m.end_char))
            # the sentence as the offsets give it: a claim the parser read across a
            # sentence break ("Rs. 3 lakh crores") carries both sentences
            row["sentence"] = analysis.text[row["sentence_start"] : row["sentence_end"]]
            metric_rows.append(row)
        quote_rows.extend(
            {
                "quote_id": f"{article_id}-q{n}",
                "article_id": article_id,
                **vars(q),
                **sentences.around(q.start_char, q.end_char),
            }
            for n, q in enumerate(quotes)
        )
    return ExtractOutput(
        frame(entity_rows, ("mention_id", "article_id")),
        frame(metric_rows, ("metric_id", "article_id")),
        frame(quote_rows, ("quote_id", "article_id")),
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
    if row.get("range_id") is not None:  # unique in the table, like every other id
        row["range_id"] = f"{article_id}-r{row['range_id']}"
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
