"""Great Expectations suites: the data contract each stage hands to the next.

One suite per table, named after it. Every expectation carries `meta.severity`:
- "row":   failing rows are quarantined with the expectation as reason; the run goes on;
- "table": the table is unusable (schema broken, nothing left); nothing is published.
Cross-table facts (an entity's article exists, its offsets slice the body to its text)
are computed by `expectations.cross_table` as boolean columns that these suites check.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations import schemas
from expectations.schemas import KEY_COLUMNS
from transforms.clean.dates import BASES as DATE_BASES
from transforms.clean.dates import PRECISIONS as DATE_PRECISIONS

ROW, TABLE = "row", "table"

ENTITY_LABELS = ["PERSON", "ORG", "LOC", "MISC"]
QUALIFIERS = ["exact", "more_than", "at_least", "nearly", "about", "less_than", "up_to"]
CHANGES = ["increase", "decrease"]
BLOCK_LABELS = ["title", "byline", "dateline", "body", "boilerplate"]


def _meta(severity: str, reason: str) -> dict:
    return {"severity": severity, "reason": reason}


def _has_contract_columns(table: str) -> gxe.Expectation:
    return gxe.ExpectTableColumnsToMatchSet(
        column_set=schemas.TABLES[table].names,
        exact_match=False,
        meta=_meta(TABLE, "schema"),
    )


def _key_is_unique(table: str) -> list[gxe.Expectation]:
    key = KEY_COLUMNS[table]
    return [
        gxe.ExpectColumnValuesToNotBeNull(column=key, meta=_meta(TABLE, "null_key")),
        gxe.ExpectColumnValuesToBeUnique(column=key, meta=_meta(ROW, "duplicate_key")),
    ]


def _offsets_are_sound() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToBeInSet(
            column="article_exists", value_set=[True], meta=_meta(ROW, "orphan_row")
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="offsets_match_body",
            value_set=[True],
            meta=_meta(ROW, "offset_mismatch"),
        ),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="end_char", column_B="start_char", meta=_meta(ROW, "empty_span")
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="inside_sentence",
            value_set=[True],
            meta=_meta(ROW, "outside_sentence"),
        ),
    ]


def blocks_suite() -> gx.ExpectationSuite:
    return gx.ExpectationSuite(
        name="blocks",
        meta={
            "grain": "one row per non-empty input line, with the clean stage's label"
        },
        expectations=[
            _has_contract_columns("blocks"),
            gxe.ExpectTableRowCountToBeBetween(
                min_value=1, meta=_meta(TABLE, "no_rows")
            ),
            *_key_is_unique("blocks"),
            gxe.ExpectColumnValuesToBeInSet(
                column="label", value_set=BLOCK_LABELS, meta=_meta(ROW, "unknown_label")
            ),
            gxe.ExpectColumnValuesToBeBetween(
                column="ordinal", min_value=0, meta=_meta(ROW, "bad_ordinal")
            ),
        ],
    )


def articles_suite() -> gx.ExpectationSuite:
    return gx.ExpectationSuite(
        name="articles",
        meta={"grain": "one row per article"},
        expectations=[
            _has_contract_columns("articles"),
            gxe.ExpectTableRowCountToBeBetween(
                min_value=1, meta=_meta(TABLE, "no_rows")
            ),
            *_key_is_unique("articles"),
            gxe.ExpectColumnValuesToBeUnique(
                column="source_path", meta=_meta(ROW, "duplicate_source")
            ),
            gxe.ExpectColumnValuesToNotBeNull(
                column="body", meta=_meta(ROW, "no_body")
            ),
            gxe.ExpectColumnValuesToBeBetween(
                column="word_count", min_value=1, meta=_meta(ROW, "empty_body")
            ),
            gxe.ExpectColumnValuesToMatchRegex(
                column="language", regex=r"^[a-z]{2}$", meta=_meta(ROW, "bad_language")
            ),
            gxe.ExpectColumnValuesToMatchRegex(
                column="encoding",
                regex=r"^[a-z0-9-]+(?:\+cp1252)?$",
                meta=_meta(ROW, "bad_encoding"),
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="published_date_basis",
                value_set=list(DATE_BASES),
                meta=_meta(ROW, "unknown_date_basis"),
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="published_date_precision",
                value_set=list(DATE_PRECISIONS),
                meta=_meta(ROW, "unknown_date_precision"),
            ),
            gxe.ExpectColumnValuesToMatchRegex(
                column="url", regex=r"^https?://\S+$", meta=_meta(ROW, "bad_url")
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="title_outside_body",
                value_set=[True],
                meta=_meta(ROW, "title_in_body"),
            ),
        ],
    )


def entities_suite() -> gx.ExpectationSuite:
    return gx.ExpectationSuite(
        name="entities",
        meta={"grain": "one row per entity mention in an article body"},
        expectations=[
            _has_contract_columns("entities"),
            *_key_is_unique("entities"),
            gxe.ExpectColumnDistinctValuesToBeInSet(
                column="label",
                value_set=ENTITY_LABELS,
                meta=_meta(TABLE, "unknown_label"),
            ),
            gxe.ExpectColumnValuesToNotBeNull(
                column="entity_id", meta=_meta(ROW, "no_entity_id")
            ),
            gxe.ExpectColumnValuesToNotBeNull(
                column="canonical_name", meta=_meta(ROW, "no_canonical_name")
            ),
            *_offsets_are_sound(),
        ],
    )


def metrics_suite() -> gx.ExpectationSuite:
    return gx.ExpectationSuite(
        name="metrics",
        meta={"grain": "one row per numeric quantity in an article body"},
        expectations=[
            _has_contract_columns("metrics"),
            *_key_is_unique("metrics"),
            gxe.ExpectColumnDistinctValuesToBeInSet(
                column="qualifier",
                value_set=QUALIFIERS,
                meta=_meta(TABLE, "unknown_qualifier"),
            ),
            gxe.ExpectColumnValuesToNotBeNull(
                column="value", meta=_meta(ROW, "no_value")
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="change",
                value_set=list(CHANGES),
                meta=_meta(ROW, "bad_change"),
            ),
            gxe.ExpectColumnValuesToMatchRegex(
                column="unit",
                regex=r"^[a-z][a-z0-9 /\-]*$",  # "barrel per day", "km/h"
                meta=_meta(ROW, "bad_unit"),
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="surface_in_sentence",
                value_set=[True],
                meta=_meta(ROW, "surface_not_in_sentence"),
            ),
            gxe.ExpectColumnValuesToBeInSet(
                column="period_basis",
                value_set=["stated", "published", "unknown"],
                meta=_meta(ROW, "bad_period_basis"),
            ),
            *_offsets_are_sound(),
        ],
    )


def quotes_suite() -> gx.ExpectationSuite:
    return gx.ExpectationSuite(
        name="quotes",
        meta={"grain": "one row per direct or reported quotation"},
        expectations=[
            _has_contract_columns("quotes"),
            *_key_is_unique("quotes"),
            gxe.ExpectColumnValuesToNotBeNull(
                column="speaker_entity_id", meta=_meta(ROW, "no_speaker")
            ),
            *_offsets_are_sound(),
        ],
    )


def entity_catalog_suite() -> gx.ExpectationSuite:
    return gx.ExpectationSuite(
        name="entity_catalog",
        meta={"grain": "one row per real-world entity across all articles"},
        expectations=[
            _has_contract_columns("entity_catalog"),
            *_key_is_unique("entity_catalog"),
            gxe.ExpectColumnDistinctValuesToBeInSet(
                column="label",
                value_set=ENTITY_LABELS,
                meta=_meta(TABLE, "unknown_label"),
            ),
            gxe.ExpectColumnValuesToMatchRegex(
                column="country_code",
                regex=r"^[A-Z]{2}$",
                meta=_meta(ROW, "bad_country_code"),
            ),
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="mention_count",
                column_B="article_count",
                or_equal=True,
                meta=_meta(TABLE, "counts_inconsistent"),
            ),
        ],
    )


def metric_series_suite() -> gx.ExpectationSuite:
    return gx.ExpectationSuite(
        name="metric_series",
        meta={
            "grain": "one row per figure with an indicator, with its outlet and period"
        },
        expectations=[
            _has_contract_columns("metric_series"),
            *_key_is_unique("metric_series"),
            gxe.ExpectColumnValuesToNotBeNull(
                column="indicator", meta=_meta(ROW, "no_indicator")
            ),
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="period_end",
                column_B="period_start",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
                meta=_meta(ROW, "period_reversed"),
            ),
        ],
    )


SUITES = {
    "blocks": blocks_suite,
    "articles": articles_suite,
    "entities": entities_suite,
    "metrics": metrics_suite,
    "quotes": quotes_suite,
    "entity_catalog": entity_catalog_suite,
    "metric_series": metric_series_suite,
}
