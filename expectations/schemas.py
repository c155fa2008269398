"""The Parquet contract: column names, Arrow types and meanings of every table.

One place for the contract: the publish step casts to these schemas, the contract tests
read them back, and the README's tables are written from the same meanings.
"""

from __future__ import annotations

import pyarrow as pa

from expectations.fields import VALUE, field, sentence_fields, span_fields

ARTICLES = pa.schema(
    [
        field(
            "article_id",
            pa.string(),
            "hash of the normalised text; stable across runs",
            False,
        ),
        field(
            "source_path",
            pa.string(),
            "input file relative to the source root (#n: n-th article)",
            False,
        ),
        field("title", pa.string(), "the headline, not repeated in body"),
        field(
            "body",
            pa.string(),
            "article text, paragraphs separated by a blank line",
            False,
        ),
        field(
            "published_date",
            pa.date32(),
            "publication date: stated in the text, else spelled in the URL, else "
            "inferred from the text, else the page's or export's metadata; a date "
            "known only to the month is the 1st of that month; NULL if undated "
            "(never a partition key)",
        ),
        field(
            "published_date_basis",
            pa.string(),
            "where published_date comes from: stated (a stamp, byline or dateline "
            "in the text) | url | inferred (a yearless dateline's year, guessed "
            "from the text's year mentions) | metadata; null when undated",
        ),
        field(
            "published_date_precision",
            pa.string(),
            "day | month (published_date is then the 1st of the month); null when "
            "undated",
        ),
        field("source_name", pa.string(), "outlet or agency; else the URL's host"),
        field(
            "url",
            pa.string(),
            "link to the source page: from the export's or page's metadata, or a "
            "'URL:'/'Source:' line of a text dump",
        ),
        field("author", pa.string(), "byline"),
        field("language", pa.string(), "ISO 639-1 language of the body", False),
        field("word_count", pa.int64(), "words in body", False),
        field(
            "encoding",
            pa.string(),
            "how the input file's bytes were decoded: utf-8, utf-16-le, a legacy "
            "code page (gb18030), or utf-8+cp1252 when a few stray bytes of an "
            "otherwise UTF-8 file were read as cp1252",
        ),
        field(
            "duplicate_of",
            pa.string(),
            "article_id of the first copy of the same story",
        ),
    ],
    metadata={"grain": "one row per article"},
)

BLOCKS = pa.schema(
    [
        field("block_id", pa.string(), "article_id + ordinal", False),
        field("article_id", pa.string(), "the article the line belongs to", False),
        field(
            "source_path", pa.string(), "input file relative to the source root", False
        ),
        field(
            "ordinal", pa.int64(), "index among the document's non-empty lines", False
        ),
        field("text", pa.string(), "the line as read", False),
        field(
            "label",
            pa.string(),
            "title | byline | dateline | body | boilerplate",
            False,
        ),
        field("reason", pa.string(), "why the clean stage chose the label", False),
    ],
    metadata={"grain": "one row per non-empty input line"},
)

ENTITIES = pa.schema(
    [
        field("mention_id", pa.string(), "article_id + mention ordinal", False),
        field(
            "article_id", pa.string(), "the article whose body holds the mention", False
        ),
        field("text", pa.string(), "surface exactly as in body", False),
        field("label", pa.string(), "PERSON | ORG | LOC | MISC", False),
        *span_fields(),
        *sentence_fields(),
        field(
            "entity_id",
            pa.string(),
            "one id per real-world entity, stable across runs",
            False,
        ),
        field("canonical_name", pa.string(), "the entity's preferred name", False),
    ],
    metadata={"grain": "one row per entity mention in an article body"},
)

METRICS = pa.schema(
    [
        field("metric_id", pa.string(), "article_id + metric ordinal", False),
        field(
            "article_id",
            pa.string(),
            "the article whose body holds the quantity",
            False,
        ),
        field("value", pa.float64(), VALUE, False),
        field("unit", pa.string(), "lower-case singular counted thing or unit"),
        field(
            "qualifier",
            pa.string(),
            "exact | more_than | at_least | nearly | about | less_than | up_to",
            False,
        ),
        field(
            "unit_key",
            pa.string(),
            "the unit in one vocabulary, to group by: spelling variants folded"
            " (organisation -> organization, centre -> center, metre -> meter),"
            " synonyms joined (people -> person, per cent -> percent, kmh -> km/h),"
            " money as its ISO 4217 code in lower case (cny, usd), rates as"
            " '<unit> per <unit>', 'time' for multipliers ('1.5 times') and"
            " 'occurrence' for counts ('downloaded 18 billion times')",
        ),
        field(
            "change",
            pa.string(),
            "increase | decrease when the quantity is a change ('rose 5%', 'cut by 3"
            " million', 'fell to 20'); null for a level or an old level ('from 9%')",
        ),
        field("surface", pa.string(), "text of the quantity as in body", False),
        *span_fields(),
        field("sentence", pa.string(), "body[sentence_start:sentence_end]", False),
        *sentence_fields(),
        field("currency", pa.string(), "ISO 4217 code when the quantity is money"),
        field(
            "range_id",
            pa.string(),
            "article_id + range ordinal, shared by the two rows of a range",
        ),
        field(
            "converted_from", pa.string(), "metric_id of the amount this one converts"
        ),
        field("value_low", pa.float64(), "lower bound of a vague amount ('hundreds')"),
        field("value_high", pa.float64(), "upper bound of a vague amount"),
        field("indicator", pa.string(), "what is counted: unit with its key modifiers"),
        field("subject_text", pa.string(), "who the figure is about, as written"),
        field("subject_entity_id", pa.string(), "entity_id of the subject"),
        field("period_text", pa.string(), "the period as written ('since 2016')"),
        field("period_start", pa.date32(), "first day the figure refers to"),
        field("period_end", pa.date32(), "last day the figure refers to"),
        field("period_basis", pa.string(), "stated | published | unknown"),
    ],
    metadata={"grain": "one row per numeric quantity in an article body"},
)

QUOTES = pa.schema(
    [
        field("quote_id", pa.string(), "article_id + quote ordinal", False),
        field(
            "article_id", pa.string(), "the article whose body holds the quote", False
        ),
        field(
            "speaker_entity_id",
            pa.string(),
            "entity_id of the speaker (a PERSON)",
            False,
        ),
        field("speaker_name", pa.string(), "the speaker's canonical name", False),
        field(
            "text",
            pa.string(),
            "the quoted or reported words, exactly as in body",
            False,
        ),
        *span_fields(),
        *sentence_fields(),
    ],
    metadata={"grain": "one row per direct or reported quotation"},
)

ENTITY_CATALOG = pa.schema(
    [
        field(
            "entity_id", pa.string(), "the entity's id, as in entities.entity_id", False
        ),
        field("canonical_name", pa.string(), "the entity's preferred name", False),
        field("label", pa.string(), "PERSON | ORG | LOC | MISC", False),
        field("aliases", pa.list_(pa.string()), "other surfaces seen for the entity"),
        field("country_code", pa.string(), "ISO 3166-1 alpha-2 when it is a country"),
        field("article_count", pa.int64(), "articles mentioning it", False),
        field("mention_count", pa.int64(), "mentions across all articles", False),
    ],
    metadata={"grain": "one row per real-world entity across all articles"},
)

METRIC_SERIES = pa.schema(
    [
        field("metric_id", pa.string(), "the figure, as in metrics", False),
        field("indicator", pa.string(), "what is counted", False),
        field("unit", pa.string(), "unit of value"),
        field("subject", pa.string(), "canonical name of who the figure is about"),
        field("subject_entity_id", pa.string(), "entity_id of the subject"),
        field("period_start", pa.date32(), "first day the figure refers to"),
        field("period_end", pa.date32(), "last day the figure refers to"),
        field(
            "period_basis",
            pa.string(),
            "stated | published | unknown: where the period comes from, as in metrics",
        ),
        field("value", pa.float64(), VALUE, False),
        field("surface", pa.string(), "text of the quantity, as in metrics", False),
        field("qualifier", pa.string(), "exact | more_than | …", False),
        field("currency", pa.string(), "ISO 4217 when money"),
        field("article_id", pa.string(), "the article quoting it", False),
        field("source_name", pa.string(), "the outlet quoting it"),
        field("published_date", pa.date32(), "when the article was published"),
        field(
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
        field("stage", pa.string(), "split | clean | extract | validate", False),
        field(
            "source_path", pa.string(), "input file relative to the source root", False
        ),
        field("reason", pa.string(), "short machine-readable code", False),
        field("detail", pa.string(), "human-readable explanation", False),
        field("run_id", pa.string(), "the flow run that rejected it", False),
        field(
            "record_id", pa.string(), "id of the rejected row, when a row was rejected"
        ),
        field(
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
