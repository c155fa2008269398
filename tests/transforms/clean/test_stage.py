"""Clean stage runner: stated metadata wins, a failing document is quarantined."""

import datetime

from transforms.clean import clean_documents
from transforms.clean import stage as clean_stage
from transforms.split.documents import Document, document_id_for

PROSE = (
    "Officials from both countries met on Monday in the capital to agree on a new "
    "research programme, the ministry said in a statement released after the talks."
)


def _document(path: str, text: str, **kwargs) -> Document:
    return Document(document_id_for(text), path, text, **kwargs)


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
    cleaned = clean_documents([record])
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

    real = clean_stage.clean_document
    monkeypatch.setattr(clean_stage, "clean_document", fail_on_marker)
    good, bad = (
        _document("good.txt", f"Title\n{PROSE}"),
        _document("bad.txt", "CORRUPT"),
    )
    cleaned = clean_documents([good, bad])
    assert cleaned.articles["source_path"].tolist() == ["good.txt"]
    assert [(r.stage, r.source_path, r.reason) for r in cleaned.rejections] == [
        ("clean", "bad.txt", "clean_error")
    ]
