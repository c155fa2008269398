"""Extract stage runner: unparsed articles skipped, failures reported."""

import pandas as pd

from transforms.extract import extract_documents
from transforms.extract import stage as extract_stage


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
