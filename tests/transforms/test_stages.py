import datetime

import duckdb
import pandas as pd

from transforms import stages
from transforms.dedupe import body_signature
from transforms.series import metric_series
from transforms.split import Document, document_id_for

PROSE = (
    "Officials from both countries met on Monday in the capital to agree on a new "
    "research programme, the ministry said in a statement released after the talks."
)


def _document(path: str, text: str, **kwargs) -> Document:
    return Document(document_id_for(text), path, text, **kwargs)


def test_split_sources_accounts_for_bad_files():
    split = stages.split_sources(
        [("a.txt", b"Title\n" + PROSE.encode()), ("b.txt", b"")]
    )
    assert [d.source_path for d in split.documents] == ["a.txt"]
    assert [(r.source_path, r.reason) for r in split.rejections] == [("b.txt", "empty")]


def test_drop_duplicate_documents_keeps_the_first_path():
    docs = [
        _document("b.txt", PROSE),
        _document("a.txt", PROSE),
        _document("c.txt", "Other"),
    ]
    unique = stages.drop_duplicate_documents(docs, {})
    assert [d.source_path for d in unique.documents] == ["a.txt", "c.txt"]
    assert [(r.source_path, r.reason, r.detail) for r in unique.rejections] == [
        ("b.txt", "duplicate", "same text as a.txt")
    ]


def test_drop_duplicate_documents_remembers_earlier_shards():
    first_path: dict[str, str] = {}
    stages.drop_duplicate_documents([_document("a.txt", PROSE)], first_path)
    later = stages.drop_duplicate_documents(
        [_document("b.txt", PROSE), _document("c.txt", "Other")], first_path
    )
    assert [d.source_path for d in later.documents] == ["c.txt"]
    assert [r.detail for r in later.rejections] == ["same text as a.txt"]


def test_clean_documents_prefers_stated_metadata_of_exports():
    record = _document(
        "export.jsonl#1",
        PROSE,
        kind="record",
        fields={
            "title": "Stated title",
            "published": "2021-03-04",
            "author": "Jane Roe",
        },
    )
    cleaned = stages.clean_documents([record])
    article = cleaned.articles.iloc[0]
    assert article["title"] == "Stated title"
    assert article["published_date"] == datetime.date(2021, 3, 4)
    assert article["author"] == "Jane Roe"
    assert PROSE in article["body"] and "Stated title" not in article["body"]


def test_clean_documents_quarantines_a_document_it_cannot_clean(monkeypatch):
    def fail_on_marker(lines, **kwargs):
        if any("CORRUPT" in line for line in lines):
            raise ValueError("cannot label")
        return real(lines, **kwargs)

    real = stages.clean_document
    monkeypatch.setattr(stages, "clean_document", fail_on_marker)
    good, bad = (
        _document("good.txt", f"Title\n{PROSE}"),
        _document("bad.txt", "CORRUPT"),
    )
    cleaned = stages.clean_documents([good, bad])
    assert cleaned.articles["source_path"].tolist() == ["good.txt"]
    assert [(r.stage, r.source_path, r.reason) for r in cleaned.rejections] == [
        ("clean", "bad.txt", "clean_error")
    ]


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

    monkeypatch.setattr(stages, "extract_entities", boom)
    out = stages.extract_documents(articles, [None, object(), None])
    assert out.entities.empty and out.metrics.empty
    assert [(r.stage, r.source_path, r.reason) for r in out.rejections] == [
        ("extract", "b", "extract_error")
    ]


def test_duplicate_links_point_later_copies_at_the_earliest_published():
    story = " ".join([PROSE] * 3)
    articles = [
        ("late", datetime.date(2021, 3, 5), "b.txt", story + " Reuters contributed."),
        ("early", datetime.date(2021, 3, 4), "a.txt", story),
        ("undated", None, "0.txt", story),
        ("other", None, "c.txt", "A different story " * 20),
    ]
    links = stages.find_duplicate_links(
        (a, date, path, body_signature(body)) for a, date, path, body in articles
    )
    assert links == {"late": "early", "undated": "early"}


def test_metric_series_flags_outlets_that_disagree_for_one_period():
    day = datetime.date(2021, 3, 4)
    metrics = pd.DataFrame(
        {
            "metric_id": ["a-m0", "b-m0", "c-m0", "c-m1"],
            "article_id": ["a", "b", "c", "c"],
            "indicator": [
                "joint laboratory",
                "joint laboratory",
                "joint laboratory",
                None,
            ],
            "unit": ["laboratory"] * 4,
            "subject_entity_id": ["ent_cn"] * 4,
            "period_start": [day, day, datetime.date(2020, 1, 1), day],
            "period_end": [day, day, datetime.date(2020, 12, 31), day],
            "value": [53.0, 50.0, 40.0, 1.0],
            "qualifier": ["exact"] * 4,
            "currency": [None] * 4,
        }
    )
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "source_name": ["Xinhua", "Reuters", "Xinhua"],
            "published_date": [day, day, day],
        }
    )
    catalog = pd.DataFrame({"entity_id": ["ent_cn"], "canonical_name": ["China"]})
    series = metric_series(duckdb.connect(), metrics, articles, catalog).df()
    assert series["metric_id"].tolist() == ["a-m0", "b-m0", "c-m0"]
    assert series["subject"].tolist() == ["China"] * 3
    assert series["sources_disagree"].tolist() == [True, True, False]
