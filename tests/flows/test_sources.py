"""Sources as folders or fsspec URLs; warehouses as folders or file:// URLs."""

import fsspec
import pytest

from flows.catalog import Catalog
from flows.sources import list_sources, listing_key, read_sources


@pytest.fixture
def memory_source():
    memory = fsspec.filesystem("memory")
    root = "/sources-test"
    memory.pipe(f"{root}/a.txt", b"First article")
    memory.pipe(f"{root}/sub/b.html", b"<p>Second article</p>")
    memory.pipe(f"{root}/.cache/c.txt", b"hidden")
    memory.pipe(f"{root}/d.pdf", b"%PDF")
    yield memory, root
    memory.rm(root, recursive=True)


def test_list_an_fsspec_url(memory_source):
    listing = list_sources("memory://sources-test")
    assert listing.paths == ["a.txt", "sub/b.html"]
    assert [(r.source_path, r.reason) for r in listing.rejections] == [
        ("d.pdf", "unsupported_type")
    ]
    assert set(listing.versions) == {"a.txt", "sub/b.html"}


def test_read_an_fsspec_url_with_the_size_limit(memory_source):
    read = read_sources("memory://sources-test", ["a.txt", "sub/b.html"], 13)
    assert read.files == [("a.txt", b"First article")]
    assert [(r.source_path, r.reason) for r in read.rejections] == [
        ("sub/b.html", "too_large")
    ]


def test_listing_key_changes_with_any_file(memory_source):
    memory, root = memory_source
    before = listing_key(list_sources("memory://sources-test"))
    assert listing_key(list_sources("memory://sources-test")) == before
    memory.pipe(f"{root}/a.txt", b"First article, corrected")
    assert listing_key(list_sources("memory://sources-test")) != before


def test_local_listing_key_sees_a_touched_file(tmp_path):
    (tmp_path / "a.txt").write_text("text")
    before = listing_key(list_sources(tmp_path))
    (tmp_path / "a.txt").write_text("TEXT")
    assert listing_key(list_sources(tmp_path)) != before


def test_a_missing_source_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="source folder not found"):
        list_sources(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="source folder not found"):
        list_sources("memory://no-such-folder")


def test_a_warehouse_is_a_folder_or_a_file_url(tmp_path):
    assert Catalog.at(tmp_path.as_uri()).root == tmp_path
    assert Catalog.at(str(tmp_path)).root == tmp_path
    with pytest.raises(ValueError, match="local folder"):
        Catalog.at("memory://bucket/warehouse")
