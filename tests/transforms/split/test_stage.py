"""Split stage runner: bad files accounted for, one copy of each text kept."""

from transforms.split import drop_duplicate_documents, split_sources
from transforms.split.documents import Document, document_id_for

PROSE = (
    "Officials from both countries met on Monday in the capital to agree on a new "
    "research programme, the ministry said in a statement released after the talks."
)


def _document(path: str, text: str, **kwargs) -> Document:
    return Document(document_id_for(text), path, text, **kwargs)


def test_split_sources_accounts_for_bad_files():
    split = split_sources([("a.txt", b"Title\n" + PROSE.encode()), ("b.txt", b"")])
    assert [d.source_path for d in split.documents] == ["a.txt"]
    assert [(r.source_path, r.reason) for r in split.rejections] == [("b.txt", "empty")]


def test_drop_duplicate_documents_keeps_the_first_path():
    docs = [
        _document("b.txt", PROSE),
        _document("a.txt", PROSE),
        _document("c.txt", "Other"),
    ]
    unique = drop_duplicate_documents(docs, {})
    assert [d.source_path for d in unique.documents] == ["a.txt", "c.txt"]
    assert [(r.source_path, r.reason, r.detail) for r in unique.rejections] == [
        ("b.txt", "duplicate", "same text as a.txt")
    ]


def test_drop_duplicate_documents_remembers_earlier_shards():
    first_path: dict[str, str] = {}
    drop_duplicate_documents([_document("a.txt", PROSE)], first_path)
    later = drop_duplicate_documents(
        [_document("b.txt", PROSE), _document("c.txt", "Other")], first_path
    )
    assert [d.source_path for d in later.documents] == ["c.txt"]
    assert [r.detail for r in later.rejections] == ["same text as a.txt"]
