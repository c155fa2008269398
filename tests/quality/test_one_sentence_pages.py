"""One-sentence undated pages (benchmarks/one_sentence.py): a lone sentence is body,
not a headline with an empty body, and such a folder publishes (issue 15.4)."""

from __future__ import annotations

import pytest

from benchmarks.one_sentence import one_sentence_pages, write_pages
from tests.conftest import run_flow
from transforms.clean.stage import clean_documents
from transforms.split.documents import split_documents

MAX_QUARANTINED_SHARE = 0.02


def test_one_sentence_pages_keep_their_sentence_as_body():
    pages = one_sentence_pages()
    assert len(pages) >= 580
    documents = [
        d for name, text in pages for d in split_documents(name, text).documents
    ]
    articles = clean_documents(documents).articles
    assert len(articles) == len(pages)
    empty = int((articles["word_count"] == 0).sum())
    assert empty <= MAX_QUARANTINED_SHARE * len(pages), f"{empty} empty bodies"


@pytest.mark.flow
def test_folder_of_one_sentence_pages_publishes_every_file_accounted_for(
    prefect_harness, tmp_path
):
    import pyarrow.dataset as ds

    n = write_pages(tmp_path / "pages", limit=60)
    warehouse = tmp_path / "warehouse"
    run_flow(source=str(tmp_path / "pages"), warehouse=str(warehouse))

    def paths(table: str) -> set[str]:
        dataset = ds.dataset(str(warehouse / table), partitioning="hive")
        rows = dataset.to_table(columns=["source_path"])
        return set(rows["source_path"].to_pylist())

    published = paths("articles")
    quarantined = paths("quarantine") if (warehouse / "quarantine").exists() else set()
    assert len(published | quarantined) == n
    assert len(quarantined - published) <= MAX_QUARANTINED_SHARE * n
