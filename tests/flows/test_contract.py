"""The published Parquet matches the data contract, read as a BI user would read it."""

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

pytestmark = pytest.mark.flow

# Written out here, not imported, so a change to the schemas module cannot silently
# change the contract the consumers rely on.
CONTRACT = {
    "articles": {
        "article_id": pa.string(),
        "source_path": pa.string(),
        "title": pa.string(),
        "body": pa.string(),
        "published_date": pa.date32(),
        "source_name": pa.string(),
        "author": pa.string(),
        "language": pa.string(),
        "word_count": pa.int64(),
        "encoding": pa.string(),
    },
    "entities": {
        "article_id": pa.string(),
        "text": pa.string(),
        "label": pa.string(),
        "start_char": pa.int64(),
        "end_char": pa.int64(),
        "sentence_start": pa.int64(),
        "sentence_end": pa.int64(),
        "entity_id": pa.string(),
        "canonical_name": pa.string(),
    },
    "metrics": {
        "article_id": pa.string(),
        "value": pa.float64(),
        "unit": pa.string(),
        "qualifier": pa.string(),
        "surface": pa.string(),
        "start_char": pa.int64(),
        "end_char": pa.int64(),
        "sentence": pa.string(),
        "sentence_start": pa.int64(),
        "sentence_end": pa.int64(),
    },
    "quotes": {
        "quote_id": pa.string(),
        "article_id": pa.string(),
        "speaker_entity_id": pa.string(),
        "speaker_name": pa.string(),
        "text": pa.string(),
        "start_char": pa.int64(),
        "end_char": pa.int64(),
        "sentence_start": pa.int64(),
        "sentence_end": pa.int64(),
    },
    "entity_catalog": {
        "entity_id": pa.string(),
        "canonical_name": pa.string(),
        "label": pa.string(),
        "aliases": pa.list_(pa.string()),
        "country_code": pa.string(),
        "article_count": pa.int64(),
        "mention_count": pa.int64(),
    },
    "metric_series": {
        "metric_id": pa.string(),
        "indicator": pa.string(),
        "subject": pa.string(),
        "period_start": pa.date32(),
        "period_end": pa.date32(),
        "period_basis": pa.string(),
        "value": pa.float64(),
        "surface": pa.string(),
        "qualifier": pa.string(),
        "source_name": pa.string(),
        "published_date": pa.date32(),
        "sources_disagree": pa.bool_(),
    },
    "quarantine": {
        "stage": pa.string(),
        "source_path": pa.string(),
        "reason": pa.string(),
        "detail": pa.string(),
        "run_id": pa.string(),
    },
}


def _read(warehouse, table):
    return ds.dataset(
        warehouse / table, format="parquet", partitioning="hive"
    ).to_table()


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_tables_have_contract_columns_and_types(seed_run, table):
    _, warehouse, _ = seed_run
    schema = _read(warehouse, table).schema
    for column, type_ in CONTRACT[table].items():
        assert column in schema.names, f"{table}.{column} missing"
        assert schema.field(column).type == type_, (
            f"{table}.{column} is {schema.field(column).type}"
        )


def test_articles_keys_unique_and_values_in_contract(seed_run):
    _, warehouse, _ = seed_run
    articles = _read(warehouse, "articles").to_pylist()
    assert len({a["article_id"] for a in articles}) == len(articles) == 5
    for article in articles:
        assert article["body"] and article["word_count"] == len(article["body"].split())
        assert article["language"] == "en"
        assert article["encoding"] == "utf-8"
        assert article["title"] not in article["body"].split("\n\n")[0]


@pytest.mark.parametrize(
    ("table", "text"),
    [("entities", "text"), ("metrics", "surface"), ("quotes", "text")],
)
def test_offsets_slice_the_body(seed_run, table, text):
    _, warehouse, _ = seed_run
    bodies = {
        a["article_id"]: a["body"] for a in _read(warehouse, "articles").to_pylist()
    }
    rows = _read(warehouse, table).to_pylist()
    assert rows
    for row in rows:
        assert (
            bodies[row["article_id"]][row["start_char"] : row["end_char"]] == row[text]
        )


@pytest.mark.parametrize(
    ("table", "text"),
    [("entities", "text"), ("metrics", "surface"), ("quotes", "text")],
)
def test_offsets_slice_the_body_in_duckdb_as_the_dictionary_says(seed_run, table, text):
    """0-based, end-exclusive: substr(body, start_char+1, end_char-start_char), and
    every row lies inside its sentence."""
    _, warehouse, _ = seed_run
    with duckdb.connect(str(warehouse / "sciwire.duckdb"), read_only=True) as con:
        rows, wrong, outside = con.execute(
            f"""select count(*),
                count(*) filter (
                    where substr(a.body, t.start_char+1, t.end_char-t.start_char)
                        <> t.{text}),
                count(*) filter (
                    where not (t.sentence_start <= t.start_char
                               and t.end_char <= t.sentence_end
                               and t.sentence_end <= length(a.body)))
            from {table} t join articles a using (article_id)"""
        ).fetchone()
    assert rows > 0 and (wrong, outside) == (0, 0)


def test_labels_and_qualifiers_in_their_sets(seed_run):
    _, warehouse, _ = seed_run
    labels = set(_read(warehouse, "entities").column("label").to_pylist())
    qualifiers = set(_read(warehouse, "metrics").column("qualifier").to_pylist())
    assert labels <= {"PERSON", "ORG", "LOC", "MISC"}
    assert qualifiers <= {
        "exact",
        "more_than",
        "at_least",
        "nearly",
        "about",
        "less_than",
        "up_to",
    }


def test_duckdb_reads_every_table_whole(seed_run):
    _, warehouse, _ = seed_run
    for table in (
        "articles",
        "entities",
        "metrics",
        "quotes",
        "entity_catalog",
        "blocks",
    ):
        glob = (warehouse / table / "**" / "*.parquet").as_posix()
        count = duckdb.sql(
            f"select count(*) from read_parquet('{glob}', hive_partitioning=true)"
        ).fetchall()[0][0]
        assert count == _read(warehouse, table).num_rows


def test_catalog_counts_match_the_mentions(seed_run):
    _, warehouse, _ = seed_run
    mentions = _read(warehouse, "entities").to_pylist()
    catalog = {
        row["entity_id"]: row for row in _read(warehouse, "entity_catalog").to_pylist()
    }
    assert set(catalog) == {m["entity_id"] for m in mentions}
    for entity_id, row in catalog.items():
        own = [m for m in mentions if m["entity_id"] == entity_id]
        assert row["mention_count"] == len(own)
        assert row["article_count"] == len({m["article_id"] for m in own})
    china = [row for row in catalog.values() if row["canonical_name"] == "China"]
    assert china and china[0]["country_code"] == "CN"


def test_readme_queries_run_on_the_published_views(seed_run):
    """Every "Useful queries" statement of the README runs; the same-sentence join and
    the metric_series query find rows on the seeds."""
    from tests.test_docs import readme_queries

    _, warehouse, _ = seed_run
    queries = readme_queries()
    assert len(queries) >= 6
    with duckdb.connect(str(warehouse / "sciwire.duckdb"), read_only=True) as con:
        found = {query: con.execute(query).fetchall() for query in queries}
    same_sentence = next(q for q in found if "e.sentence_start = m.sentence_start" in q)
    assert found[same_sentence]
    series = next(q for q in found if q.startswith("-- one figure's series"))
    assert found[series]
    sliced = next(q for q in found if "as sliced" in q)
    assert all(text == piece for text, piece in found[sliced])


def test_every_published_column_has_a_meaning_in_the_dictionary(seed_run):
    """published_month had 'no meaning recorded': no column of a real run may."""
    _, warehouse, _ = seed_run
    dictionary = (warehouse / "DATA_DICTIONARY.md").read_text()
    assert "| `sentence_start` |" in dictionary
    assert "no meaning recorded" not in dictionary
    assert "(extra)" not in dictionary
