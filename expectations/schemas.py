"""The Parquet contract: column names, Arrow types and meanings of every table.

One place for the contract: the publish step casts to these schemas, the contract tests
read them back, and the README's tables are written from the same meanings.
"""

from __future__ import annotations

import pyarrow as pa


def _field(
    name: str, type_: pa.DataType, meaning: str, nullable: bool = True
) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"meaning": meaning})


ARTICLES = pa.schema(
    [
        _field(
            "article_id",
            pa.string(),
            "hash of the normalised text; stable across runs",
            False,
        ),
        _field(
            "source_path",
            pa.string(),
            "input file relative to the source root (#n: n-th article)",
            False,
        ),
        _field("title", pa.string(), "the headline, not repeated in body"),
        _field(
            "body",
            pa.string(),
            "article text, paragraphs separated by a blank line",
            False,
        ),
        _field(
            "published_date",
            pa.date32(),
            "publication date in the text; NULL if undated (never a partition key)",
        ),
        _field("source_name", pa.string(), "outlet or agency"),
        _field("author", pa.string(), "byline"),
        _field("language", pa.string(), "ISO 639-1 language of the body", False),
        _field("word_count", pa.int64(), "words in body", False),
        _field(
            "duplicate_of",
            pa.string(),
            "article_id of the first copy of the same story",
        ),
    ],
    metadata={"grain": "one row per article"},
)

BLOCKS = pa.schema(
    [
        _field("block_id", pa.string(), "article_id + ordinal", False),
        _field("article_id", pa.string(), "the article the line belongs to", False),
        _field(
            "source_path", pa.string(), "input file relative to the source root", False
        ),
        _field(
            "ordinal", pa.int64(), "index among the document's non-empty lines", False
        ),
        _field("text", pa.string(), "the line as read", False),
        _field(
            "label",
            pa.string(),
            "title | byline | dateline | body | boilerplate",
            False,
        ),
        _field("reason", pa.string(), "why the clean stage chose the label", False),
    ],
    metadata={"grain": "one row per non-empty input line"},
)

ENTITIES = pa.schema(
    [
        _field("mention_id", pa.string(), "article_id + mention ordinal", False),
        _field(
            "article_id", pa.string(), "the article whose body holds the mention", False
        ),
        _field("text", pa.string(), "surface exactly as in body", False),
        _field("label", pa.string(), "PERSON | ORG | LOC | MISC", False),
        _field(
            "start_char", pa.int64(), "offset of the first character in body", False
        ),
        _field(
            "end_char", pa.int64(), "offset after the last character in body", False
        ),
        _field(
            "entity_id",
            pa.string(),
            "one id per real-world entity, stable across runs",
            False,
        ),
        _field("canonical_name", pa.string(), "the entity's preferred name", False),
    ],
    metadata={"grain": "one row per entity mention in an article body"},
)

METRICS = pa.schema(
    [
        _field("metric_id", pa.string(), "article_id + metric ordinal", False),
        _field(
            "article_id",
            pa.string(),
            "the article whose body holds the quantity",
            False,
        ),
        _field(
            "value",
            pa.float64(),
            "the number fully expanded (10 billion → 1e10)",
            False,
        ),
        _field("unit", pa.string(), "lower-case singular counted thing or unit"),
        _field(
            "qualifier",
            pa.string(),
            "exact | more_than | at_least | nearly | about | less_than | up_to",
            False,
        ),
        _field("surface", pa.string(), "text of the quantity as in body", False),
        _field(
            "start_char", pa.int64(), "offset of the first character in body", False
        ),
        _field(
            "end_char", pa.int64(), "offset after the last character in body", False
        ),
        _field("sentence", pa.string(), "the sentence the quantity stands in", False),
        _field("currency", pa.string(), "ISO 4217 code when the quantity is money"),
        _field("range_id", pa.int64(), "shared by the two rows of a range"),
        _field(
            "converted_from", pa.string(), "metric_id of the amount this one converts"
        ),
        _field("value_low", pa.float64(), "lower bound of a vague amount ('hundreds')"),
        _field("value_high", pa.float64(), "upper bound of a vague amount"),
        _field(
            "indicator", pa.string(), "what is counted: unit with its key modifiers"
        ),
        _field("subject_text", pa.string(), "who the figure is about, as written"),
        _field("subject_entity_id", pa.string(), "entity_id of the subject"),
        _field("period_text", pa.string(), "the period as written ('since 2016')"),
        _field("period_start", pa.date32(), "first day the figure refers to"),
        _field("period_end", pa.date32(), "last day the figure refers to"),
        _field("period_basis", pa.string(), "stated | published | unknown"),
    ],
    metadata={"grain": "one row per numeric quantity in an article body"},
)

QUOTES = pa.schema(
    [
        _field("quote_id", pa.string(), "article_id + quote ordinal", False),
        _field(
            "article_id", pa.string(), "the article whose body holds the quote", False
        ),
        _field(
            "speaker_entity_id",
            pa.string(),
            "entity_id of the speaker (a PERSON)",
            False,
        ),
        _field("speaker_name", pa.string(), "the speaker's canonical name", False),
        _field(
            "text",
            pa.string(),
            "the quoted or reported words, exactly as in body",
            False,
        ),
        _field(
            "start_char", pa.int64(), "offset of the first character in body", False
        ),
        _field(
            "end_char", pa.int64(), "offset after the last character in body", False
        ),
    ],
    metadata={"grain": "one row per direct or reported quotation"},
)

ENTITY_CATALOG = pa.schema(
    [
        _field(
            "entity_id", pa.string(), "the entity's id, as in entities.entity_id", False
        ),
        _field("canonical_name", pa.string(), "the entity's preferred name", False),
        _field("label", pa.string(), "PERSON | ORG | LOC | MISC", False),
        _field("aliases", pa.list_(pa.string()), "other surfaces seen for the entity"),
        _field("country_code", pa.string(), "ISO 3166-1 alpha-2 when it is a country"),
        _field("article_count", pa.int64(), "articles mentioning it", False),
        _field("mention_count", pa.int64(), "mentions across all articles", False),
    ],
    metadata={"grain": "one row per real-world entity across all articles"},
)

METRIC_SERIES = pa.schema(
    [
        _field("metric_id", pa.string(), "the figure, as in metrics", False),
        _field("indicator", pa.string(), "what is counted", False),
        _field("unit", pa.string(), "unit of value"),
        _field("subject", pa.string(), "canonical name of who the figure is about"),
        _field("subject_entity_id", pa.string(), "entity_id of the subject"),
        _field("period_start", pa.date32(), "first day the figure refers to"),
        _field("period_end", pa.date32(), "last day the figure refers to"),
        _field("value", pa.float64(), "the figure", False),
        _field("qualifier", pa.string(), "exact | more_than | …", False),
        _field("currency", pa.string(), "ISO 4217 when money"),
        _field("article_id", pa.string(), "the article quoting it", False),
        _field("source_name", pa.string(), "the outlet quoting it"),
        _field("published_date", pa.date32(), "when the article was published"),
        _field(
            "sources_disagree",
            pa.bool_(),
            "outlets quote other values for the same indicator, subject and period",
            False,
        ),
    ],
    metadata={
        "grain": "one row per figure with an indicator, with its outlet and period"
    },
)

QUARANTINE = pa.schema(
    [
        _field("stage", pa.string(), "split | clean | extract | validate", False),
        _field(
            "source_path", pa.string(), "input file relative to the source root", False
        ),
        _field("reason", pa.string(), "short machine-readable code", False),
        _field("detail", pa.string(), "human-readable explanation", False),
        _field("run_id", pa.string(), "the flow run that rejected it", False),
        _field(
            "record_id", pa.string(), "id of the rejected row, when a row was rejected"
        ),
        _field(
            "article_id",
            pa.string(),
            "the article the rejected row belongs to, when it belongs to one",
        ),
    ],
    metadata={"grain": "one row per rejected input file or row"},
)

# The column naming each row in quarantine records and Data Docs.
KEY_COLUMNS = {
    "blocks": "block_id",
    "articles": "article_id",
    "entities": "mention_id",
    "metrics": "metric_id",
    "quotes": "quote_id",
    "entity_catalog": "entity_id",
    "metric_series": "metric_id",
}

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "blocks": BLOCKS,
    "entities": ENTITIES,
    "metrics": METRICS,
    "quotes": QUOTES,
    "entity_catalog": ENTITY_CATALOG,
    "metric_series": METRIC_SERIES,
    "quarantine": QUARANTINE,
}
