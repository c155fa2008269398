"""Validation shard by shard: merged results, whole-run checks, keys across shards."""

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from flows.validation import RunValidator, find_repeated_keys, with_contract_columns


def _articles(ids: list[str], words: list[int]) -> pd.DataFrame:
    return with_contract_columns(
        pd.DataFrame(
            {
                "article_id": ids,
                "source_path": [f"{i}.txt" for i in ids],
                "title": ["A headline"] * len(ids),
                "body": ["Some body text."] * len(ids),
                "language": ["en"] * len(ids),
                "word_count": words,
                "title_outside_body": [True] * len(ids),
            }
        ),
        "articles",
    )


@pytest.fixture
def validator(tmp_path):
    return RunValidator(tmp_path / "validation", "run-1")


def test_failing_rows_are_quarantined_with_their_article(validator):
    kept = validator.check("articles", _articles(["a", "b"], [3, 0]), {"b": "b.txt"})
    assert kept["article_id"].tolist() == ["a"]
    assert [
        (q["record_id"], q["reason"], q["source_path"]) for q in validator.quarantine
    ] == [("b", "articles.empty_body", "b.txt")]
    assert "title_outside_body" not in kept.columns


def test_row_count_is_judged_on_the_whole_run(validator):
    validator.check("articles", _articles([], []), {})
    validator.check("articles", _articles(["a"], [3]), {})
    [articles] = validator.finish()
    assert articles.success and validator.blocking == []


def test_a_run_with_no_rows_at_all_is_blocked(validator):
    validator.check("articles", _articles([], []), {})
    [articles] = validator.finish()
    assert not articles.success
    assert any("no_rows" in b for b in validator.blocking)


def test_merged_result_sums_counts_and_is_stored(validator):
    validator.check("articles", _articles(["a", "b"], [3, 0]), {})
    validator.check("articles", _articles(["c"], [0]), {})
    validator.finish()
    store = validator.context.validation_results_store
    [key] = store.list_keys()
    stored = store.get(key)
    empty_body = next(
        r
        for r in stored.results
        if r.expectation_config.meta.get("reason") == "empty_body"
    )
    assert empty_body.result["element_count"] == 3
    assert empty_body.result["unexpected_count"] == 2
    assert stored.meta["batches"] == 2


def test_keys_repeated_across_shards_are_found():
    one = ds.dataset(pa.table({"article_id": ["a", "b"]}))
    two = ds.dataset(pa.table({"article_id": ["a", "a", "c", None, None]}))
    both = ds.dataset([one, two])
    assert find_repeated_keys({"articles": both}) == [
        "articles: 1 article_id values repeated across shards"
    ]
    assert find_repeated_keys({"articles": one}) == []


def test_a_row_outside_its_sentence_is_quarantined(validator):
    from expectations import cross_table

    body = "China signed it. Xinhua said so."
    articles = pd.DataFrame({"article_id": ["a"], "body": [body]})
    # e0 is in its sentence; e1's sentence ends before the mention; e2 has none
    entities = pd.DataFrame(
        {
            "mention_id": ["a-e0", "a-e1", "a-e2"],
            "article_id": ["a"] * 3,
            "text": ["China", "Xinhua", "Xinhua"],
            "label": ["LOC", "ORG", "ORG"],
            "start_char": [0, 17, 17],
            "end_char": [5, 23, 23],
            "sentence_start": [0, 0, None],
            "sentence_end": [16, 16, None],
            "entity_id": ["e1", "e2", "e2"],
            "canonical_name": ["China", "Xinhua", "Xinhua"],
        }
    )
    checked = cross_table.add_span_checks(
        with_contract_columns(entities, "entities"), articles, "text"
    )
    kept = validator.check("entities", checked, {"a": "a.txt"})
    assert kept["mention_id"].tolist() == ["a-e0"]
    assert {(q["record_id"], q["reason"]) for q in validator.quarantine} == {
        ("a-e1", "entities.outside_sentence"),
        ("a-e2", "entities.outside_sentence"),
    }


def test_a_change_outside_increase_decrease_is_quarantined(validator):
    """`change` holds increase, decrease or null; anything else is a bad row. Rates
    and unit symbols ('barrel per day', 'km/h') are valid units."""
    metrics = with_contract_columns(
        pd.DataFrame(
            {
                "metric_id": ["a-m0", "a-m1", "a-m2"],
                "article_id": ["a"] * 3,
                "value": [5.0, 3.0, 20.0],
                "unit": ["percent", "barrel per day", "km/h"],
                "qualifier": ["exact"] * 3,
                "change": ["increase", None, "up"],
                "surface": ["5%", "3%", "20%"],
                "start_char": [0, 10, 20],
                "end_char": [2, 12, 23],
                "sentence": ["5% 3% 20%"] * 3,
                "period_basis": ["unknown"] * 3,
                "surface_in_sentence": [True] * 3,
            }
        ),
        "metrics",
    )
    kept = validator.check("metrics", metrics, {"a": "a.txt"})
    assert kept["metric_id"].tolist() == ["a-m0", "a-m1"]
    assert [q["reason"] for q in validator.quarantine] == ["metrics.bad_change"]
