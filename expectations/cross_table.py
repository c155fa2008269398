"""Cross-table facts as boolean columns, so the suites can check them row by row.

Great Expectations has no check across two pandas tables, so the join is done here and
the suite expects each column to be True. These columns are dropped before publishing.
"""

from __future__ import annotations

import pandas as pd

CHECK_COLUMNS = (
    "article_exists",
    "offsets_match_body",
    "inside_sentence",
    "surface_in_sentence",
    "title_outside_body",
)


def add_article_checks(articles: pd.DataFrame) -> pd.DataFrame:
    """`title_outside_body`: the headline does not open the body again."""
    first_paragraph = articles["body"].fillna("").str.split("\n\n").str[0].str.strip()
    title = articles["title"].fillna("").str.strip()
    return articles.assign(
        title_outside_body=(title == "") | (title != first_paragraph)
    )


def add_span_checks(
    spans: pd.DataFrame, articles: pd.DataFrame, text_column: str
) -> pd.DataFrame:
    """`article_exists`, `offsets_match_body` and `inside_sentence` (the row's
    sentence lies in the body and around the row) for entity, metric or quote rows."""
    body_by_id = dict(zip(articles["article_id"], articles["body"], strict=True))
    bodies = spans["article_id"].map(body_by_id)
    exists = bodies.notna()
    matches = [
        isinstance(body, str)
        and 0 <= start < end <= len(body)
        and body[start:end] == text
        for body, start, end, text in zip(
            bodies,
            spans["start_char"],
            spans["end_char"],
            spans[text_column],
            strict=True,
        )
    ]
    inside = [
        isinstance(body, str) and _within(0, *offsets, len(body))
        for body, *offsets in zip(
            bodies,
            spans["sentence_start"],
            spans["start_char"],
            spans["end_char"],
            spans["sentence_end"],
            strict=True,
        )
    ]
    checked = spans.assign(
        article_exists=exists.astype(bool),
        offsets_match_body=matches,
        inside_sentence=inside,
    )
    if "sentence" in spans.columns:
        checked = checked.assign(
            surface_in_sentence=[
                isinstance(sentence, str) and surface in sentence
                for surface, sentence in zip(
                    spans["surface"], spans["sentence"], strict=True
                )
            ]
        )
    return checked


def _within(low, sentence_start, start, end, sentence_end, high) -> bool:
    """low <= sentence_start <= start < end <= sentence_end <= high, all present."""
    if any(pd.isna(v) for v in (sentence_start, start, end, sentence_end)):
        return False
    return low <= sentence_start <= start < end <= sentence_end <= high


def drop_check_columns(table: pd.DataFrame) -> pd.DataFrame:
    return table.drop(columns=[c for c in CHECK_COLUMNS if c in table.columns])
